//! # yusuan-pipeline
//!
//! From paths to document records, shared by the `yusuan` program and the Python package:
//! [`inputs`] finds the PDFs, [`fingerprint`] finds the same bytes under two names, and
//! [`process`] takes one file through the whole flow: bytes → pages → tables → normalized facts
//! and the document's outcome (`yusuan_normalizer::outcome`), with every failure (including a
//! panic in any stage or dependency) turned into a named outcome. How documents are scheduled
//! (worker processes in the program, one after the other in Python) is the caller's.

#![warn(missing_docs)]

pub mod fingerprint;
pub mod inputs;

use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};
use yusuan_exporter::DocumentRecord;
use yusuan_extractor::{Document, ErrorKind, ReadError};
use yusuan_normalizer::outcome::{assess, Assessment};
use yusuan_normalizer::vocab::DocumentStatus;

use inputs::Input;

/// SHA-256 of `bytes`, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// SHA-256 of a file, hex, read in blocks; None when it cannot be read as an input.
pub fn sha256_of(path: &std::path::Path) -> Option<String> {
    let (mut f, _) = open_input(path).ok()?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut f, &mut hasher).ok()?;
    Some(format!("{:x}", hasher.finalize()))
}

/// A file's bytes. It is opened without blocking (a FIFO or a device put in its place since
/// the inputs were listed is refused, not waited on), and must be a regular file.
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let (mut f, len) = open_input(path)?;
    let mut bytes = Vec::with_capacity(len as usize);
    f.read_to_end(&mut bytes).map_err(cannot_read)?;
    Ok(bytes)
}

fn cannot_read(e: std::io::Error) -> ReadError {
    let kind = if e.kind() == std::io::ErrorKind::NotFound {
        "does not exist (or is a broken link)".to_string()
    } else {
        format!("cannot be read ({e})")
    };
    ReadError::new(
        ErrorKind::NotFound,
        format!("The file {kind}; check the path and that it is readable."),
    )
}

/// The file opened for reading and its size, when it is a regular file (see [`read_input`]).
fn open_input(path: &std::path::Path) -> Result<(std::fs::File, u64), ReadError> {
    use std::os::unix::fs::OpenOptionsExt;
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(cannot_read)?;
    let meta = f.metadata().map_err(cannot_read)?;
    if meta.is_dir() {
        return Err(ReadError::new(
            ErrorKind::NotPdf,
            "This path is a folder, not a PDF file.",
        ));
    }
    if let Some(msg) = crate::inputs::special_file(&meta) {
        return Err(ReadError::new(ErrorKind::NotPdf, msg));
    }
    Ok((f, meta.len()))
}

/// The record of an input with the same bytes (`sha256`) as the earlier input `first`: the
/// file is not read again (see `fingerprint`).
pub fn duplicate(input: &Input, sha256: &str, first: &Input) -> DocumentRecord {
    DocumentRecord {
        source: input.source.clone(),
        sha256: sha256.to_string(),
        bytes: std::fs::metadata(&input.path).map_or(0, |m| m.len()),
        pages: 0,
        status: DocumentStatus::Duplicate,
        error_kind: String::new(),
        error: format!(
            "The same file as {} (equal SHA-256): read once, its rows stand for both.",
            first.source
        ),
        millis: 0,
        normalized: None,
        duplicate_of: first.source.clone(),
    }
}

/// One file through the flow; `kept` receives the document as read (for its review page).
pub fn process(
    input: &Input,
    timeout: Option<Duration>,
    kept: &mut Option<Document>,
) -> DocumentRecord {
    let start = Instant::now();
    let mut rec = DocumentRecord {
        source: input.source.clone(),
        sha256: String::new(),
        bytes: 0,
        pages: 0,
        status: DocumentStatus::Failed,
        error_kind: String::new(),
        error: String::new(),
        millis: 0,
        normalized: None,
        duplicate_of: String::new(),
    };
    let bytes = match read_input(&input.path) {
        Ok(b) => b,
        Err(e) => {
            rec.error_kind = e.kind.name().into();
            rec.error = e.message;
            return rec;
        }
    };
    rec.bytes = bytes.len() as u64;
    rec.sha256 = format!("{:x}", Sha256::digest(&bytes));
    let deadline = timeout.map(|t| start + t);
    let outcome = catch_unwind(AssertUnwindSafe(|| run(&bytes, deadline, kept)));
    match outcome {
        Ok(Ok((pages, a))) => {
            rec.pages = pages;
            rec.status = a.status;
            rec.error_kind = a.kind.map(|k| k.name().to_string()).unwrap_or_default();
            rec.error = a.message;
            rec.normalized = a.normalized;
        }
        Ok(Err(e)) => {
            rec.error_kind = e.kind.name().into();
            rec.error = e.message;
        }
        Err(_) => {
            rec.error_kind = ErrorKind::Internal.name().into();
            rec.error = "yusuan stopped on an internal error while reading this file; please report it with the file attached.".into();
        }
    }
    rec.millis = start.elapsed().as_millis();
    rec
}

/// Reads the file's bytes and judges the document (`yusuan_normalizer::outcome`); `kept`
/// receives the document as read.
fn run(
    bytes: &[u8],
    deadline: Option<Instant>,
    kept: &mut Option<Document>,
) -> Result<(usize, Assessment), ReadError> {
    let (doc, damage) = yusuan_extractor::read_checked(bytes, deadline)?;
    let doc = &*kept.insert(doc);
    Ok((doc.pages.len(), assess(doc, &damage)))
}
