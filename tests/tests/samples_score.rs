//! Extract every shared sample (including samples/bad/) and score facts.csv against the truth
//! files with the shared scorer: overall F1 = 1.0 (every document read as its truth says). The seed
//! document kept in the repository scores 1.0 against its truth in `samples/truth/` (this one
//! runs without the shared corpus).

use yusuan_e2e::{documents_table, extract, repo_samples, samples, score};

#[test]
fn samples_score() {
    yusuan_e2e::need_shared!();
    let samples = samples();
    let run = extract(&[&samples], &[]);
    assert!(
        matches!(run.code(), Some(0) | Some(1)),
        "yusuan extract exited with {:?}\n{}",
        run.output.status,
        run.stderr()
    );
    let docs = run.csv("documents.csv");

    let v = score(run.out(), &samples, &[]);

    let overall = v["overall"]["f1"].as_f64().expect("overall.f1");
    let mut table = String::new();
    if let Some(m) = v["docs"].as_object() {
        for (name, d) in m {
            table.push_str(&format!(
                "  {:<28} f1={:<8} precision={:<8} recall={:<8}\n",
                name,
                d["f1"]
                    .as_f64()
                    .map(|f| format!("{f:.4}"))
                    .unwrap_or_else(|| d["f1"].to_string()),
                d.get("precision")
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
                d.get("recall").map(|x| x.to_string()).unwrap_or_default(),
            ));
        }
    }
    eprintln!("overall F1 {overall:.4}\n{table}");
    let urumqi = v["docs"]["urumqi-2026"]["f1"].as_f64();
    let diag = format!(
        "per-document scores:\n{table}\ndocuments.csv:\n{}",
        documents_table(&docs)
    );
    assert!(overall >= 1.0, "overall F1 {overall:.4} < 1.0\n{diag}");
    assert_eq!(
        urumqi,
        Some(1.0),
        "urumqi-2026 F1 is {urumqi:?}, expected 1.0\n{diag}"
    );
}

#[test]
fn seed_document_in_repository_scores_one() {
    let seed = repo_samples().join("urumqi-2026.pdf");
    let run = extract(&[&seed], &[]);
    assert_eq!(
        run.code(),
        Some(0),
        "yusuan extract failed\n{}",
        run.stderr()
    );
    let v = score(run.out(), &repo_samples().join("truth"), &[]);
    let f1 = v["docs"]["urumqi-2026"]["f1"].as_f64().unwrap_or(0.0);
    assert_eq!(
        f1, 1.0,
        "urumqi-2026: F1 {f1:.4}\n{}",
        v["docs"]["urumqi-2026"]
    );
}
