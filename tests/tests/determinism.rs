//! One batch over shared/real + shared/samples (with bad/) run with `--jobs 1` and with
//! `--jobs 2` gives identical facts.csv, checks.csv, indicators.csv and tables/, and identical
//! documents.csv apart from the `millis` column; one documents.csv row per input.

use std::path::Path;
use yusuan_e2e::{documents_table, extract, get, pdfs, pdfs_recursive, real, samples, Extract};

/// documents.csv records with `millis` blanked.
fn documents_without_millis(run: &Extract) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(run.out().join("documents.csv")).expect("documents.csv");
    let headers = r.headers().unwrap().clone();
    let millis = headers
        .iter()
        .position(|h| h == "millis")
        .expect("millis column");
    let mut rows = vec![headers.iter().map(String::from).collect::<Vec<_>>()];
    for rec in r.records() {
        let mut v: Vec<String> = rec.unwrap().iter().map(String::from).collect();
        v[millis].clear();
        rows.push(v);
    }
    rows
}

/// Relative path → bytes of every file under `dir`.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, d: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let Ok(rd) = std::fs::read_dir(d) else { return };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push((
                    p.strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

/// First differing line of two files, for the failure message.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  --jobs 1: {x}\n  --jobs 2: {y}", i + 1);
        }
    }
    format!("{} vs {} lines", a.lines().count(), b.lines().count())
}

#[test]
fn jobs_1_and_2_give_identical_output() {
    yusuan_e2e::need_shared!();
    let (real, samples) = (real(), samples());
    let n_inputs = pdfs(&real).len() + pdfs_recursive(&samples).len();
    let one = extract(&[&real, &samples], &["--jobs", "1"]);
    let two = extract(&[&real, &samples], &["--jobs", "2"]);
    for run in [&one, &two] {
        assert!(
            matches!(run.code(), Some(0) | Some(1)),
            "yusuan extract exited with {:?}\n{}",
            run.output.status,
            run.stderr()
        );
    }
    let docs = one.csv("documents.csv");
    assert_eq!(
        docs.rows.len(),
        n_inputs,
        "one documents.csv row per input PDF\n{}",
        documents_table(&docs)
    );
    let internal: Vec<&str> = docs
        .rows
        .iter()
        .filter(|r| get(r, "error_kind") == "internal")
        .map(|r| get(r, "source"))
        .collect();
    assert!(
        internal.is_empty(),
        "internal errors (panics) in: {internal:?}"
    );

    let mut problems = Vec::new();
    for name in ["facts.csv", "checks.csv", "indicators.csv"] {
        let (a, b) = (one.file(name), two.file(name));
        if a != b {
            problems.push(format!("{name} differs: {}", first_difference(&a, &b)));
        }
    }
    let (da, db) = (
        documents_without_millis(&one),
        documents_without_millis(&two),
    );
    if da != db {
        let diff = da
            .iter()
            .zip(&db)
            .find(|(x, y)| x != y)
            .map(|(x, y)| format!("\n  --jobs 1: {x:?}\n  --jobs 2: {y:?}"));
        problems.push(format!(
            "documents.csv differs (millis ignored): {}",
            diff.unwrap_or_else(|| "row counts differ".into())
        ));
    }
    let (ta, tb) = (
        tree(&one.out().join("tables")),
        tree(&two.out().join("tables")),
    );
    if ta != tb {
        let names = |t: &[(String, Vec<u8>)]| t.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
        if names(&ta) != names(&tb) {
            problems.push("tables/ holds different files".to_string());
        } else {
            for ((n, a), (_, b)) in ta.iter().zip(&tb) {
                if a != b {
                    problems.push(format!("tables/{n} differs: {}", first_difference(a, b)));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
