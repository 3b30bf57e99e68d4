//! Every damaged or unusual file in samples/bad/ gets the outcome BAD.tsv expects, in
//! documents.csv and from `yusuan text` (non-zero exit, `error[<kind>]:` on stderr).

use yusuan_e2e::{documents_table, extract, get, samples, yusuan};

/// (file, accepted outcomes) from BAD.tsv.
fn expected() -> Vec<(String, Vec<String>)> {
    let path = samples().join("bad").join("BAD.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let file = f.next().unwrap().trim().to_string();
            let exp = f
                .next()
                .unwrap_or_else(|| panic!("no expected outcome in line {l:?}"));
            (
                file,
                exp.trim()
                    .split('|')
                    .map(|s| s.trim().to_string())
                    .collect(),
            )
        })
        .collect()
}

/// The outcome of a documents.csv row in BAD.tsv terms: `ok`, `partial`, or the error kind.
fn outcome(status: &str, kind: &str) -> String {
    match status {
        "ok" | "partial" => status.to_string(),
        _ => kind.to_string(),
    }
}

#[test]
fn bad_inputs_in_documents_csv() {
    yusuan_e2e::need_shared!();
    let bad = samples().join("bad");
    let exp = expected();
    assert!(exp.len() >= 9, "BAD.tsv has only {} rows", exp.len());
    let run = extract(&[&bad], &[]);
    assert_eq!(
        run.code(),
        Some(1),
        "some bad files must fail, so exit code 1\n{}",
        run.stderr()
    );
    let docs = run.csv("documents.csv");
    let table = documents_table(&docs);
    let mut problems = Vec::new();
    for (file, accepted) in &exp {
        let Some(r) = docs.rows.iter().find(|r| get(r, "source") == file) else {
            problems.push(format!("{file}: no row in documents.csv"));
            continue;
        };
        let (status, kind) = (get(r, "status"), get(r, "error_kind"));
        let got = outcome(status, kind);
        if !accepted.contains(&got) {
            problems.push(format!(
                "{file}: expected {}, got status={status} error_kind={kind} ({})",
                accepted.join("|"),
                get(r, "error")
            ));
        }
        if status == "failed" && get(r, "error").trim().is_empty() {
            problems.push(format!("{file}: failed without an error sentence"));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\ndocuments.csv:\n{table}",
        problems.join("\n")
    );
}

#[test]
fn bad_inputs_with_text_command() {
    yusuan_e2e::need_shared!();
    let bad = samples().join("bad");
    let mut problems = Vec::new();
    for (file, accepted) in expected() {
        // Files expected to open (ok, partial, or not_budget, which is a valid text PDF) are not
        // failures of `yusuan text`.
        let failing: Vec<&String> = accepted
            .iter()
            .filter(|k| !matches!(k.as_str(), "ok" | "partial" | "not_budget"))
            .collect();
        if failing.is_empty() {
            continue;
        }
        let out = yusuan(["text".as_ref(), bad.join(&file).as_os_str()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        if accepted.iter().any(|k| k == "partial") && out.status.success() {
            continue; // e.g. truncated.pdf: corrupt_pdf, or pages recovered
        }
        if out.status.success() || code.is_none() {
            problems.push(format!(
                "{file}: `yusuan text` exited with {:?}, expected a non-zero exit",
                out.status
            ));
        }
        if !failing
            .iter()
            .any(|k| stderr.contains(&format!("error[{k}]:")))
        {
            problems.push(format!(
                "{file}: stderr does not contain error[{}]: — got {:?}",
                failing
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("|"),
                stderr.trim()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
