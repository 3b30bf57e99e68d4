//! Opening a PDF: objects read on demand ([`crate::objects`]) or, for encrypted and damaged
//! files, by lopdf's full loader (decryption, repair); page boxes and rotation; the mapping of
//! lopdf failures onto our error classes.

use crate::content::{FontCache, Interpreter};
use crate::error::{ErrorKind, ReadError};
use crate::limits::{OPERATOR_BUDGET, STREAM_LIMIT};
use crate::objects::Lazy;
use crate::page::{Document, Page};
use crate::source::Pdf;
use lopdf::{Dictionary, Object, ObjectId};
use std::time::Instant;

/// Reads a PDF into pages of glyphs and rules.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    read_until(bytes, None)
}

/// As [`read`], giving up with [`ErrorKind::Timeout`] once `deadline` has passed.
pub fn read_until(bytes: &[u8], deadline: Option<Instant>) -> Result<Document, ReadError> {
    read_checked(bytes, deadline).map(|(doc, _)| doc)
}

/// As [`read_until`], also saying what could not be read (objects, streams, content past the
/// caps of [`crate::limits`]): empty for an undamaged file.
pub fn read_checked(
    bytes: &[u8],
    deadline: Option<Instant>,
) -> Result<(Document, Vec<String>), ReadError> {
    let pdf = open(bytes)?;
    let read = read_pages(&pdf, deadline);
    // Whatever the lazy reader made of a file it found irregular is dropped: lopdf reads it.
    if pdf.broken() {
        return read_pages(&load_full(bytes)?, deadline);
    }
    read
}

/// As [`read`], but with lopdf's full loader for every file (the reader of encrypted and
/// damaged files): lets tests and benchmarks compare it with the lazy reader.
pub fn read_full(bytes: &[u8]) -> Result<Document, ReadError> {
    check_header(bytes)?;
    read_pages(&load_full(bytes)?, None).map(|(doc, _)| doc)
}

fn read_pages(pdf: &Pdf, deadline: Option<Instant>) -> Result<(Document, Vec<String>), ReadError> {
    let mut fonts = FontCache::default();
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(ReadError::new(ErrorKind::CorruptPdf, "The PDF has no readable pages; the file is damaged. Download it again or re-save it from the original program."));
    }
    let mut out = Document {
        repaired: pdf.repaired(),
        ..Default::default()
    };
    let mut budget = OPERATOR_BUDGET;
    for (i, id) in pages.iter().enumerate() {
        if deadline.is_some_and(|d| Instant::now() > d) {
            return Err(ReadError::new(ErrorKind::Timeout, format!("Reading stopped at page {} when the time allowed per file ran out; raise --timeout for very long documents.", i + 1)));
        }
        let page = read_page(pdf, &mut fonts, *id, i + 1, &mut budget);
        out.pages.push(page);
        if budget == 0 {
            return Err(ReadError::new(ErrorKind::Timeout, format!("Page {} exceeded the work budget for one document; the file draws an unusual amount of content. Split it or report it.", i + 1)));
        }
    }
    let mut damage = pdf.lost_objects();
    damage.extend(fonts.take_damage());
    Ok((out, damage))
}

fn open(bytes: &[u8]) -> Result<Pdf<'_>, ReadError> {
    check_header(bytes)?;
    match Lazy::open(bytes) {
        Some(lazy) => Ok(Pdf::Lazy(lazy)),
        None => load_full(bytes),
    }
}

/// Empty files, and files that are not PDFs at all, named for what they are.
fn check_header(bytes: &[u8]) -> Result<(), ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::new(
            ErrorKind::EmptyFile,
            "The file is empty (0 bytes); the download probably failed. Download it again.",
        ));
    }
    let head = &bytes[..bytes.len().min(1024)];
    let has_header = head.windows(5).any(|w| w == b"%PDF-");
    if !has_header {
        let kind = sniff(bytes);
        return Err(match kind {
            Some(what) => ReadError::new(ErrorKind::NotPdf, format!("The file is {what}, not a PDF. Convert it to PDF or find the PDF version of the disclosure.")),
            None => ReadError::new(ErrorKind::CorruptPdf, "The file does not start with a PDF header and is not a known format; it is damaged or not a PDF. Download it again."),
        });
    }
    Ok(())
}

/// lopdf's full loader: decrypts, and repairs damaged cross-reference data.
fn load_full(bytes: &[u8]) -> Result<Pdf<'static>, ReadError> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(STREAM_LIMIT),
        ..Default::default()
    };
    let doc = match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(e) => return Err(classify_load_error(&e)),
    };
    // Objects the cross-reference data points at but that are not there (a byte lost or
    // added shifts every offset after it): rebuild the table by scanning, as qpdf does.
    let doc = if doc.encryption_state.is_none()
        && doc.xref_recovery != Some(lopdf::xref::XrefRecovery::Reconstructed)
        && crate::source::lost_count(&doc) > 0
    {
        let rebuild = lopdf::LoadOptions {
            max_decompressed_size: Some(STREAM_LIMIT),
            force_reconstruct: true,
            ..Default::default()
        };
        match lopdf::Document::load_mem_with_options(bytes, rebuild) {
            Ok(rebuilt) if !rebuilt.get_pages().is_empty() => rebuilt,
            _ => doc,
        }
    } else {
        doc
    };
    if doc.is_encrypted() {
        return Err(ReadError::new(ErrorKind::Encrypted, "The PDF is protected by a password that is needed to open it. Ask the publisher for an unprotected copy, or remove the password with the password you have (e.g. qpdf --decrypt)."));
    }
    Ok(Pdf::Full(doc))
}

fn classify_load_error(e: &lopdf::Error) -> ReadError {
    let text = e.to_string();
    let lower = text.to_lowercase();
    if lower.contains("password") || lower.contains("decrypt") || lower.contains("encrypt") {
        ReadError::new(ErrorKind::Encrypted, "The PDF is protected by a password that is needed to open it. Ask the publisher for an unprotected copy, or remove the password with the password you have (e.g. qpdf --decrypt).")
    } else {
        ReadError::new(ErrorKind::CorruptPdf, format!("The PDF structure is damaged and could not be repaired ({text}). Download it again or re-save it with a PDF program."))
    }
}

fn sniff(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (
            b"PK\x03\x04",
            "a ZIP archive (perhaps a .docx, .xlsx or .ofd file)",
        ),
        (
            b"\xd0\xcf\x11\xe0",
            "an old Microsoft Office document (.doc/.xls)",
        ),
        (b"<!DOCTYPE", "an HTML page"),
        (b"<html", "an HTML page"),
        (b"<HTML", "an HTML page"),
        (b"{\\rtf", "an RTF document"),
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, what)| *what)
}

/// The page box and rotation, inherited through the page tree.
fn inherited<'a>(pdf: &'a Pdf, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut d = page;
    for _ in 0..32 {
        if let Ok(v) = d.get(key) {
            return pdf.resolve(Some(v));
        }
        d = pdf.dict(d, b"Parent")?;
    }
    None
}

fn rect(pdf: &Pdf, o: Option<&Object>) -> Option<[f32; 4]> {
    let a = o?.as_array().ok()?;
    if a.len() != 4 {
        return None;
    }
    let mut v = [0f32; 4];
    for (k, item) in a.iter().enumerate() {
        v[k] = pdf.resolve(Some(item))?.as_float().ok()?;
    }
    Some([
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ])
}

fn read_page(
    pdf: &Pdf,
    fonts: &mut FontCache,
    id: ObjectId,
    number: usize,
    budget: &mut usize,
) -> Page {
    fonts.start_page(number);
    let Some(dict) = pdf.get(id).and_then(|o| o.as_dict().ok()).cloned() else {
        fonts.lost(format!("page {number} could not be read"));
        return Page {
            number,
            width: 595.0,
            height: 842.0,
            ..Default::default()
        };
    };
    let media = rect(pdf, inherited(pdf, &dict, b"MediaBox")).unwrap_or([0.0, 0.0, 595.0, 842.0]);
    let crop = rect(pdf, inherited(pdf, &dict, b"CropBox"))
        .map(|c| {
            [
                c[0].max(media[0]),
                c[1].max(media[1]),
                c[2].min(media[2]),
                c[3].min(media[3]),
            ]
        })
        .filter(|c| c[2] - c[0] > 1.0 && c[3] - c[1] > 1.0)
        .unwrap_or(media);
    let rotate = inherited(pdf, &dict, b"Rotate")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360) as u16;
    let resources = inherited(pdf, &dict, b"Resources")
        .and_then(|o| o.as_dict().ok())
        .cloned()
        .unwrap_or_default();
    let mut content = Vec::new();
    for cid in pdf.page_contents(&dict) {
        match pdf
            .get(cid)
            .map(|o| o.as_stream().map(crate::content::decode_content))
        {
            Some(Ok(Ok((data, whole)))) if fonts.take_bytes(data.len()) => {
                if !whole {
                    fonts.lost(format!("page {number}: a content stream is damaged"));
                }
                content.extend_from_slice(&data);
                content.push(b'\n');
            }
            Some(Ok(Ok(_))) => break,
            _ => fonts.lost(format!(
                "page {number}: a content stream could not be read or decoded"
            )),
        }
    }
    let mut interp = Interpreter::new(pdf, fonts, budget);
    interp.run(&content, &resources, 0);
    let raw = interp.finish();
    raw.into_page(number, crop, rotate)
}
