//! The same file under two names (a download saved twice, one copy per folder) is read once:
//! every input's SHA-256 is taken before the batch starts, and an input whose bytes equal an
//! earlier input's becomes a `duplicate` row naming that input (documents.csv `duplicate_of`)
//! instead of a second set of facts that would count the same numbers twice.

use crate::inputs::Input;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Each input's SHA-256 and, for a repeated one, the first input with the same bytes.
pub struct Fingerprints {
    /// Hex SHA-256 per input; None where the input cannot be read (it fails when read).
    pub sha256: Vec<Option<String>>,
    /// Per input: the index of the earlier input with the same bytes, if any.
    pub first: Vec<Option<usize>>,
}

/// Hashes the inputs on `jobs` threads (files are read in blocks, never held whole). Inputs
/// with a problem found when listing them are not opened.
pub fn take(inputs: &[Input], jobs: usize) -> Fingerprints {
    let next = AtomicUsize::new(0);
    let mut sha256: Vec<Option<String>> = vec![None; inputs.len()];
    let found: Vec<Vec<(usize, String)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else {
                            return mine;
                        };
                        if input.problem.is_none() {
                            if let Some(sha) = crate::sha256_of(&input.path) {
                                mine.push((i, sha));
                            }
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    for (i, sha) in found.into_iter().flatten() {
        sha256[i] = Some(sha);
    }
    let first = first_of_each(&sha256);
    Fingerprints { sha256, first }
}

/// For each position, the earliest earlier position holding the same hash.
fn first_of_each(sha256: &[Option<String>]) -> Vec<Option<usize>> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    sha256
        .iter()
        .enumerate()
        .map(|(i, sha)| {
            let sha = sha.as_deref()?;
            match seen.get(sha) {
                Some(&first) => Some(first),
                None => {
                    seen.insert(sha, i);
                    None
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeat_points_at_the_first_input_with_its_bytes() {
        let s = |v: &str| Some(v.to_string());
        let hashes = [s("a"), s("b"), None, s("a"), s("b"), s("a"), None];
        assert_eq!(
            first_of_each(&hashes),
            [None, None, None, Some(0), Some(1), Some(0), None]
        );
    }

    #[test]
    fn inputs_with_equal_bytes_are_found_whatever_their_names() {
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
        let inputs = [
            write("a.pdf", b"%PDF-1.4 one"),
            write("b.pdf", b"%PDF-1.4 two"),
            write("copy of a.pdf", b"%PDF-1.4 one"),
        ];
        let prints = take(&inputs, 2);
        assert_eq!(prints.first, [None, None, Some(0)]);
        assert_eq!(prints.sha256[0], prints.sha256[2]);
        assert_ne!(prints.sha256[0], prints.sha256[1]);
    }
}
