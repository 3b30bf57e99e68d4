//! Extract the 29 real disclosures in shared/real: one documents.csv row per PDF, no
//! `internal` errors, every text PDF ok or partial with at least one table, its unit and its
//! year, and the scanned one failing with `no_text_layer`.

use yusuan_e2e::{documents_table, extract, get, pdfs, real};

#[test]
fn real_documents() {
    yusuan_e2e::need_shared!();
    let real = real();
    let files = pdfs(&real);
    assert!(!files.is_empty(), "no PDFs in {}", real.display());
    let run = extract(&[&real], &[]);
    assert!(
        matches!(run.code(), Some(0) | Some(1)),
        "yusuan extract exited with {:?}\n{}",
        run.output.status,
        run.stderr()
    );
    let docs = run.csv("documents.csv");
    let table = documents_table(&docs);
    eprintln!("documents.csv:\n{table}");

    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let sources: Vec<&str> = docs.rows.iter().map(|r| get(r, "source")).collect();
    assert_eq!(
        sources, names,
        "documents.csv must have one row per PDF, in input order\n{table}"
    );

    let mut problems = Vec::new();
    for r in &docs.rows {
        let (src, status, kind) = (get(r, "source"), get(r, "status"), get(r, "error_kind"));
        if kind == "internal" {
            problems.push(format!("{src}: internal error: {}", get(r, "error")));
        }
        if src.contains("SCANNED") {
            if status != "failed" || kind != "no_text_layer" {
                problems.push(format!(
                    "{src}: expected failed/no_text_layer, got {status}/{kind}"
                ));
            }
            continue;
        }
        if status != "ok" && status != "partial" {
            problems.push(format!(
                "{src}: status {status} [{kind}] {}",
                get(r, "error")
            ));
        }
        let tables: u64 = get(r, "tables").parse().unwrap_or(0);
        if tables < 1 {
            problems.push(format!("{src}: no tables found (status {status})"));
        }
        // Every one of these names its unit and year somewhere (cover, captions or text).
        if get(r, "unit_name").is_empty() || get(r, "year").is_empty() {
            problems.push(format!(
                "{src}: unit_name {:?} / year {:?} not found",
                get(r, "unit_name"),
                get(r, "year")
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n  {}\n\ndocuments.csv:\n{table}",
        problems.len(),
        problems.join("\n  ")
    );
}
