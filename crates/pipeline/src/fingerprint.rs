//! The same file under two names (a download saved twice, one copy per folder) is read once:
//! every input's SHA-256 is taken, in input order, and an input whose bytes equal an earlier
//! input's becomes a `duplicate` row naming that input (documents.csv `duplicate_of`) instead
//! of a second set of facts that would count the same numbers twice.
//!
//! The hashes are taken on a thread of their own while the batch runs ([`Fingerprints::
//! start`]): hashing (~1.5 GB/s) stays far ahead of reading documents (~60 MB/s), so a
//! document waits for its own fingerprint only at the very start, and the decision for input
//! `i` depends on inputs `0..=i` only, whatever order the workers finish in.

use crate::inputs::Input;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Condvar, Mutex};

/// One input's fingerprint: its hex SHA-256 (None when it cannot be read: it fails when
/// read) and the earlier input with the same bytes, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    /// Hex SHA-256 of the file.
    pub sha256: Option<String>,
    /// Index of the first earlier input with the same bytes.
    pub first: Option<usize>,
}

/// The inputs' fingerprints as they are taken.
#[derive(Default)]
pub struct Fingerprints {
    done: Mutex<Vec<Fingerprint>>,
    more: Condvar,
}

impl Fingerprints {
    /// Takes the fingerprints of `inputs` in order on a thread of `scope`; [`Fingerprints::get`]
    /// waits for the one asked. Inputs with a problem found when listing them are not opened.
    pub fn start<'s, 'e: 's>(&'s self, scope: &'s std::thread::Scope<'s, 'e>, inputs: &'s [Input]) {
        scope.spawn(move || {
            let taken = catch_unwind(AssertUnwindSafe(|| self.take_all(inputs)));
            if taken.is_err() {
                // Nobody may wait for ever: the rest are unknown (each is then read).
                let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
                while done.len() < inputs.len() {
                    done.push(Fingerprint {
                        sha256: None,
                        first: None,
                    });
                }
                self.more.notify_all();
            }
        });
    }

    fn take_all(&self, inputs: &[Input]) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, input) in inputs.iter().enumerate() {
            let sha256 = match input.problem {
                None => crate::sha256_of(&input.path),
                Some(_) => None,
            };
            let first = sha256.as_ref().and_then(|s| match seen.get(s) {
                Some(&f) => Some(f),
                None => {
                    seen.insert(s.clone(), i);
                    None
                }
            });
            let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
            done.push(Fingerprint { sha256, first });
            self.more.notify_all();
        }
    }

    /// Input `i`'s fingerprint, once taken.
    pub fn get(&self, i: usize) -> Fingerprint {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        while done.len() <= i {
            done = self.more.wait(done).unwrap_or_else(|e| e.into_inner());
        }
        done[i].clone()
    }
}

/// Every input's fingerprint, in input order (for a caller that reads one file after another).
pub fn take(inputs: &[Input]) -> Vec<Fingerprint> {
    let prints = Fingerprints::default();
    std::thread::scope(|scope| prints.start(scope, inputs));
    prints.done.into_inner().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_with_equal_bytes_point_at_the_first_whatever_their_names() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            Input {
                path,
                source: name.into(),
                problem: None,
            }
        };
        let mut missing = write("gone.pdf", b"");
        missing.problem = Some((yusuan_extractor::ErrorKind::NotFound, String::new()));
        let inputs = [
            write("a.pdf", b"%PDF-1.4 one"),
            write("b.pdf", b"%PDF-1.4 two"),
            missing,
            write("copy of a.pdf", b"%PDF-1.4 one"),
            write("b again.pdf", b"%PDF-1.4 two"),
            write("a again.pdf", b"%PDF-1.4 one"),
        ];
        let prints = take(&inputs);
        let first: Vec<Option<usize>> = prints.iter().map(|p| p.first).collect();
        assert_eq!(first, [None, None, None, Some(0), Some(1), Some(0)]);
        assert_eq!(prints[0].sha256, prints[3].sha256);
        assert_ne!(prints[0].sha256, prints[1].sha256);
        assert_eq!(prints[2].sha256, None);
        // Asked while being taken: the same answers.
        let streaming = Fingerprints::default();
        std::thread::scope(|scope| {
            streaming.start(scope, &inputs);
            assert_eq!(streaming.get(5), prints[5]);
            assert_eq!(streaming.get(3), prints[3]);
        });
    }
}
