//! `--resume`: the documents of an earlier (or interrupted) generation, read back so that
//! [`crate::Writer::copy_previous`] carries them over instead of processing them again.

use crate::{schema, ROW_FILES};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// One document of an earlier generation.
pub struct PreviousDocument {
    /// Its documents.csv row.
    pub row: csv::StringRecord,
    /// Its rows of each of [`ROW_FILES`].
    pub(crate) rows: [Vec<csv::StringRecord>; 6],
    /// The generation folder it comes from (for its tables).
    pub(crate) generation: PathBuf,
}

/// The documents of earlier runs in the same output folder: the published generation, and any
/// newer one an interrupted run left (whose files hold complete documents only).
pub struct Previous {
    /// By source.
    pub documents: std::collections::HashMap<String, PreviousDocument>,
}

/// Rows of a CSV by their first field (source); a damaged tail (cut by a kill) ends the read.
fn rows_by_source(
    path: &Path,
    keep: &dyn Fn(&str) -> bool,
) -> std::collections::HashMap<String, Vec<csv::StringRecord>> {
    let mut out: std::collections::HashMap<String, Vec<csv::StringRecord>> = Default::default();
    let Ok(file) = File::open(path) else {
        return out;
    };
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(io::BufReader::new(file));
    for rec in r.records() {
        let Ok(rec) = rec else { break };
        let Some(src) = rec.get(0) else { continue };
        if keep(src) {
            out.entry(src.to_string()).or_default().push(rec);
        }
    }
    out
}

impl Previous {
    /// Reads the generation folders `dirs`, oldest first: a document of a later one replaces
    /// the same source of an earlier one. None when none of them holds a documents.csv.
    pub fn load(dirs: &[PathBuf]) -> Option<Previous> {
        let mut documents = std::collections::HashMap::new();
        let mut any = false;
        for dir in dirs {
            let path = dir.join("documents.csv");
            if !path.is_file() {
                continue;
            }
            any = true;
            let mut rows = std::collections::HashMap::new();
            for (src, mut r) in rows_by_source(&path, &|_| true) {
                if let Some(r) = r.pop() {
                    // A row cut short by the interruption is not a finished document.
                    if r.len() == schema::DOCUMENTS.len() {
                        rows.insert(src, r);
                    }
                }
            }
            let done = |s: &str| rows.contains_key(s);
            let mut files = ROW_FILES.map(|f| rows_by_source(&dir.join(format!("{f}.csv")), &done));
            for (src, row) in rows {
                let rows = std::array::from_fn(|i| files[i].remove(&src).unwrap_or_default());
                documents.insert(
                    src,
                    PreviousDocument {
                        row,
                        rows,
                        generation: dir.clone(),
                    },
                );
            }
        }
        any.then_some(Previous { documents })
    }

    /// The earlier run's record of `source` if it was made from the same bytes.
    pub fn matches(&self, source: &str, sha256: &str) -> bool {
        self.documents
            .get(source)
            .and_then(|d| d.row.get(1))
            .is_some_and(|s| s == sha256)
    }

    /// The earlier run's status of `source` (`ok`, `partial`, `failed`).
    pub fn status(&self, source: &str) -> Option<&str> {
        self.documents.get(source).and_then(|d| d.row.get(7))
    }
}
