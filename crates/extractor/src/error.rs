//! The closed set of outcomes a document can fail with. The names are stable: the CLI prints
//! them and documents.csv stores them.

use thiserror::Error;

/// Why a document was not read, or not read whole. The reader raises the first five and
/// `Timeout`; the rest are decided on the document as a whole (its text, its tables) or by the
/// process running it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The file has 0 bytes (a failed download).
    EmptyFile,
    /// The file is another format (HTML, Word, an image, an archive), not a PDF.
    NotPdf,
    /// A PDF that neither our reader nor lopdf's repairing loader can read.
    CorruptPdf,
    /// A PDF that needs a password to open (an empty user password is tried first).
    Encrypted,
    /// Too little text to read: a scan or text drawn as shapes; OCR is needed.
    NoTextLayer,
    /// Text whose fonts map glyphs to the wrong characters: it does not read as Chinese.
    GarbledText,
    /// A readable PDF with no budget or final-account table in it.
    NotBudget,
    /// Read, but only in part (some tables or pages are missing, or only the narrative).
    Partial,
    /// The time allowed per file, or the document's work budget, ran out.
    Timeout,
    /// The document's worker process died or ran over `--max-memory` (a resource bomb).
    ResourceLimit,
    /// An input path that does not exist (or vanished before it was read).
    NotFound,
    /// A failure of ours (a panic caught while reading, a worker that could not start): the
    /// document is reported, not lost.
    Internal,
}

impl ErrorKind {
    /// The stable name printed by the CLI and stored in documents.csv's `error_kind`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::EmptyFile => "empty_file",
            ErrorKind::NotPdf => "not_pdf",
            ErrorKind::CorruptPdf => "corrupt_pdf",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::NoTextLayer => "no_text_layer",
            ErrorKind::GarbledText => "garbled_text",
            ErrorKind::NotBudget => "not_budget",
            ErrorKind::Partial => "partial",
            ErrorKind::Timeout => "timeout",
            ErrorKind::ResourceLimit => "resource_limit",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Internal => "internal",
        }
    }
}

/// A document's failure: its class and a sentence for the user that says what is wrong with
/// the file and what to do about it.
#[derive(Debug, Clone, Error)]
#[error("{message}")]
pub struct ReadError {
    /// The class of failure (stable, machine-readable).
    pub kind: ErrorKind,
    /// What happened and what to do, in a full sentence.
    pub message: String,
}

impl ReadError {
    /// A failure of this kind with this message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ReadError {
            kind,
            message: message.into(),
        }
    }
}
