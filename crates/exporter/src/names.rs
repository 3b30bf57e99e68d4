//! The names a document's output goes under: its tables folder (unique whatever the file's
//! name) and the ids of its cells and facts.

use sha2::{Digest, Sha256};

/// Longest folder name kept readable before a hash is added (bytes; NAME_MAX is 255).
const MAX_FOLDER_BYTES: usize = 150;

/// The folder of a document's tables under `tables/`: its path without `.pdf`, sub-folders
/// joined by `__` (`a/b.pdf` → `a__b`). A name that this would not keep apart from another
/// (`a__b.pdf` beside `a/b.pdf`, `x.PDF` beside `x.pdf`), that starts with a dot (`..pdf`),
/// holds control characters, a `~` or escaped bytes, or is too long for a file name, becomes
/// a readable prefix, `~` and 10 hex digits of the SHA-256 of the source: one folder per
/// document whatever the names, within the file system's name limit.
pub fn tables_folder(source: &str) -> String {
    let plain = source.strip_suffix(".pdf").filter(|stem| {
        !stem.is_empty()
            && stem.len() <= MAX_FOLDER_BYTES
            && !stem.contains("__")
            && !stem.contains(['~', '\\'])
            && !stem.chars().any(char::is_control)
            && stem
                .split('/')
                .all(|part| !part.is_empty() && !part.starts_with('.'))
    });
    if let Some(stem) = plain {
        return stem.replace('/', "__");
    }
    let mut readable: String = source
        .replace('/', "__")
        .chars()
        .map(|c| {
            if c.is_control() || c == '\\' || c == '~' {
                '_'
            } else {
                c
            }
        })
        .collect();
    if readable.starts_with('.') {
        readable.replace_range(..1, "_");
    }
    let mut cut = MAX_FOLDER_BYTES.min(readable.len());
    while !readable.is_char_boundary(cut) {
        cut -= 1;
    }
    readable.truncate(cut);
    let hash = Sha256::digest(source.as_bytes());
    let hex: String = hash[..5].iter().map(|b| format!("{b:02x}")).collect();
    format!("{readable}~{hex}")
}

/// A fact's id: its source, table, body row and column (`a.pdf#t6r2c3`, all 1-based), the same
/// in every run over the same file whatever `--jobs` is.
pub fn fact_id(source: &str, f: &yusuan_normalizer::Fact) -> String {
    cell_id(source, f.table, f.body_row, f.col)
}

/// The id of a table cell (0-based table, body row and column in, 1-based out): a fact's id.
pub fn cell_id(source: &str, table: usize, body_row: usize, col: usize) -> String {
    format!("{source}#t{}r{}c{}", table + 1, body_row + 1, col + 1)
}
