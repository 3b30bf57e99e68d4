//! The closed set of outcomes a document can fail with. The names are stable: the CLI prints
//! them and documents.csv stores them.

use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    EmptyFile,
    NotPdf,
    CorruptPdf,
    Encrypted,
    NoTextLayer,
    GarbledText,
    NotBudget,
    Partial,
    Timeout,
    /// The document's worker process died or ran over `--max-memory` (a resource bomb).
    ResourceLimit,
    /// An input path that does not exist (or vanished before it was read).
    NotFound,
    Internal,
}

impl ErrorKind {
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

#[derive(Debug, Clone, Error)]
#[error("{message}")]
pub struct ReadError {
    pub kind: ErrorKind,
    pub message: String,
}

impl ReadError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ReadError {
            kind,
            message: message.into(),
        }
    }
}
