//! Damaged copies of three sample PDFs — truncated at 10 fractions of their length, and with
//! 1–20 random byte flips (deterministic xorshift, no `rand`) — must never crash `yusuan`:
//! one batch over all of them exits 0 or 1, documents.csv has one row per file, every row is
//! ok/partial/failed with an error kind when not ok, and no `internal` kind. The library entry
//! `yusuan_extractor::read` (and `layout::find_tables` on success) must not panic either.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;
use yusuan_e2e::{documents_table, extract, get, samples, XorShift};

const SOURCES: &[&str] = &["urumqi-2026.pdf", "dev-s1-000.pdf", "dev-s1-005.pdf"];
const FLIPPED_PER_SOURCE: usize = 10;

/// (file name, bytes) of every damaged copy.
fn damaged() -> Vec<(String, Vec<u8>)> {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::new();
    for src in SOURCES {
        let path = samples().join(src);
        let bytes =
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let stem = src.trim_end_matches(".pdf");
        for k in 1..=10 {
            let len = bytes.len() * k / 11;
            out.push((format!("{stem}-trunc{k:02}.pdf"), bytes[..len].to_vec()));
        }
        for i in 0..FLIPPED_PER_SOURCE {
            let mut b = bytes.clone();
            let flips = 1 + rng.below(20);
            for _ in 0..flips {
                // Half the flips land in the last 4 KiB (xref, trailer, object streams), where
                // the structure is densest.
                let pos = if rng.bits() & 1 == 0 {
                    rng.below(b.len())
                } else {
                    let tail = b.len().min(4096);
                    b.len() - tail + rng.below(tail)
                };
                b[pos] ^= 1 << rng.below(8);
            }
            out.push((format!("{stem}-flip{i:02}-{flips}.pdf"), b));
        }
    }
    out
}

fn write_all(files: &[(String, Vec<u8>)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("yusuan-e2e-damaged-")
        .tempdir()
        .expect("tempdir");
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    for (name, b) in files {
        std::fs::write(inputs.join(name), b).unwrap();
    }
    (dir, inputs)
}

#[test]
fn damaged_copies_cli() {
    yusuan_e2e::need_shared!();
    let files = damaged();
    let (_keep, inputs) = write_all(&files);
    let run = extract(&[&inputs], &["--timeout", "20"]);
    let code = run.code();
    assert!(
        matches!(code, Some(0) | Some(1)),
        "yusuan extract ended with {:?} (crash or signal?)\n{}",
        run.output.status,
        run.stderr()
    );
    let docs = run.csv("documents.csv");
    let table = documents_table(&docs);
    eprintln!("documents.csv:\n{table}");
    let mut names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    names.sort();
    let sources: Vec<&str> = docs.rows.iter().map(|r| get(r, "source")).collect();
    assert_eq!(sources, names, "one documents.csv row per damaged file");
    let mut problems = Vec::new();
    for r in &docs.rows {
        let (src, status, kind) = (get(r, "source"), get(r, "status"), get(r, "error_kind"));
        match status {
            "ok" => {}
            "partial" | "failed" => {
                if kind.is_empty() {
                    problems.push(format!("{src}: status {status} without error_kind"));
                }
            }
            other => problems.push(format!("{src}: unknown status {other:?}")),
        }
        if kind == "internal" {
            problems.push(format!(
                "{src}: INTERNAL error (please look at this file): {}",
                get(r, "error")
            ));
        }
    }
    let failed = docs
        .rows
        .iter()
        .filter(|r| get(r, "status") == "failed")
        .count();
    assert_eq!(
        code == Some(1),
        failed > 0,
        "exit code {code:?} does not match {failed} failed document(s)"
    );
    assert!(
        problems.is_empty(),
        "{}\n\ndocuments.csv:\n{table}",
        problems.join("\n")
    );
}

#[test]
fn damaged_copies_library_never_panics() {
    yusuan_e2e::need_shared!();
    let files = damaged();
    let mut problems = Vec::new();
    for (name, bytes) in files {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(|| match yusuan_extractor::read(&bytes) {
                Ok(doc) => {
                    let t = yusuan_extractor::layout::find_tables(&doc);
                    format!("ok: {} pages, {} tables", doc.pages.len(), t.len())
                }
                Err(e) => format!("{}: {}", e.kind.name(), e.message),
            });
            let _ = tx.send(r.map_err(|p| {
                p.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default()
            }));
        });
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(Ok(summary)) => eprintln!("{name}: {summary}"),
            Ok(Err(msg)) => problems.push(format!("{name}: PANIC in read/find_tables: {msg}")),
            Err(_) => problems.push(format!(
                "{name}: read/find_tables did not finish within 20 s"
            )),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
