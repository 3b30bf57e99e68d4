//! Issue 17: 300 damaged copies of three real documents (one to three bytes flipped, deleted
//! or inserted, an xref digit changed, the file cut short; deterministic xorshift) in one batch
//! with `--timeout 10`: no `internal`, no panic, one row each, and no copy is `ok` with fewer
//! facts than its original — damage the reader noticed makes the document `partial`, and damage
//! it did not notice must not have cost anything.

use std::collections::BTreeMap;
use yusuan_e2e::{documents_table, extract, get, real, XorShift};

const SOURCES: &[&str] = &[
    "sh_city_fucai_2026_unit_budget.pdf",
    "js_shengweiban_2018_budget_tables.pdf",
    "sh_city_xingkeyuan_2026_unit_budget.pdf",
];
const PER_SOURCE: usize = 100;

/// One damaged copy of `b`, and what was done to it.
fn mutate(b: &[u8], rng: &mut XorShift) -> (Vec<u8>, String) {
    let mut v = b.to_vec();
    match rng.below(6) {
        0 => {
            let n = 1 + rng.below(3);
            for _ in 0..n {
                let p = rng.below(v.len());
                v[p] ^= 1 << rng.below(8);
            }
            (v, format!("flip{n}"))
        }
        1 => {
            let p = rng.below(v.len());
            v.remove(p);
            (v, format!("del@{p}"))
        }
        2 => {
            let p = rng.below(v.len());
            v.insert(p, b' ');
            (v, format!("ins@{p}"))
        }
        3 => {
            // A digit of the cross-reference table or the trailer.
            let tail = v.len().min(8192);
            let start = v.len() - tail;
            let digits: Vec<usize> = (start..v.len())
                .filter(|&i| v[i].is_ascii_digit())
                .collect();
            if let Some(&p) = digits.get(rng.below(digits.len())) {
                v[p] = b'0' + ((v[p] - b'0' + 1 + rng.below(9) as u8) % 10);
            }
            (v, "xref-digit".into())
        }
        4 => {
            let len = v.len() / 4 + rng.below(v.len() * 3 / 4);
            v.truncate(len);
            (v, format!("cut@{len}"))
        }
        _ => {
            // A byte in the last quarter, where fonts and object streams often are.
            let p = v.len() * 3 / 4 + rng.below(v.len() / 4);
            v[p] ^= 0x20;
            (v, format!("flip-tail@{p}"))
        }
    }
}

#[test]
fn damaged_real_documents_are_never_ok_with_less() {
    yusuan_e2e::need_shared!();
    let work = tempfile::tempdir().unwrap();
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut original_of = BTreeMap::new();
    for src in SOURCES {
        let bytes = std::fs::read(real().join(src)).unwrap();
        let stem = src.trim_end_matches(".pdf");
        for i in 0..PER_SOURCE {
            let (b, what) = mutate(&bytes, &mut rng);
            let name = format!("{stem}-{i:03}-{what}.pdf");
            std::fs::write(work.path().join(&name), b).unwrap();
            original_of.insert(name, *src);
        }
    }
    let originals: Vec<_> = SOURCES.iter().map(|s| real().join(s)).collect();
    let orig_paths: Vec<&std::path::Path> = originals.iter().map(|p| p.as_path()).collect();
    let reference = extract(&orig_paths, &[]);
    let ref_docs = reference.csv("documents.csv");
    let facts_of: BTreeMap<&str, usize> = ref_docs
        .rows
        .iter()
        .map(|r| (get(r, "source"), get(r, "facts").parse().unwrap()))
        .collect();

    let start = std::time::Instant::now();
    let run = extract(&[work.path()], &["--timeout", "10", "--jobs", "2"]);
    assert!(
        matches!(run.code(), Some(0 | 1)),
        "exit {:?}\n{}",
        run.code(),
        run.stderr()
    );
    let docs = run.csv("documents.csv");
    let table = documents_table(&docs);
    assert_eq!(docs.rows.len(), SOURCES.len() * PER_SOURCE, "{table}");
    let mut bad = Vec::new();
    for r in &docs.rows {
        let source = get(r, "source");
        let original = original_of[source];
        let facts: usize = get(r, "facts").parse().unwrap_or(0);
        if get(r, "error_kind") == "internal" {
            bad.push(format!("internal: {source}"));
        }
        if get(r, "status") == "ok" && facts < facts_of[original] {
            bad.push(format!(
                "ok with {facts} of {} facts: {source}",
                facts_of[original]
            ));
        }
    }
    if !bad.is_empty() {
        if let Some(keep) = std::env::var_os("YUSUAN_KEEP_MUTATIONS") {
            let _ = std::fs::rename(work.path(), keep);
        }
    }
    assert!(bad.is_empty(), "{}\n{table}", bad.join("\n"));
    eprintln!("300 damaged copies in {:?}", start.elapsed());
}
