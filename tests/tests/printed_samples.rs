//! Shared samples re-typeset by other producers (kept in samples/printed/): three as
//! spreadsheets printed by LibreOffice Calc (`scripts/retypeset_samples.py`) — dev-s1-001 and
//! dev-s1-006 without any rule, urumqi-2026 with horizontal rules only, dev-s1-004 with only a
//! frame around each table: blank and "-" cells,
//! two-sided 收支 tables, 类/款/项 under 科目编码, empty tables printed with only their header —
//! and dev-s1-002 as a Word document printed by LibreOffice Writer (`scripts/retypeset_docx.py`):
//! several tables a page, tables and rows broken across pages. Scored against the samples' truth (samples/truth/, copies of the shared truth files):
//! F1 = 1.0 for each, every document `ok` (an empty table printed without numbers is not a
//! missing one) with no failed check.

use yusuan_e2e::{documents_table, extract, get, repo_samples};

#[test]
fn printed_samples_score() {
    let printed = repo_samples().join("printed");
    let run = extract(&[&printed], &[]);
    assert_eq!(
        run.code(),
        Some(0),
        "yusuan extract failed\n{}",
        run.stderr()
    );
    let docs = run.csv("documents.csv");
    assert_eq!(docs.rows.len(), 5, "{}", documents_table(&docs));
    for r in &docs.rows {
        assert_eq!(
            get(r, "status"),
            "ok",
            "{}: {}",
            get(r, "source"),
            get(r, "error")
        );
        // The samples are consistent: a failed check means a misread label or number.
        assert_eq!(get(r, "checks_failed"), "0", "{}", get(r, "source"));
    }
    let v = yusuan_e2e::score(run.out(), &repo_samples().join("truth"), &[]);
    for doc in [
        "dev-s1-001",
        "dev-s1-002",
        "dev-s1-004",
        "dev-s1-006",
        "urumqi-2026",
    ] {
        let f1 = v["docs"][doc]["f1"].as_f64().unwrap_or(0.0);
        assert_eq!(f1, 1.0, "{doc}: F1 {f1:.4}\n{}", v["docs"][doc]);
    }
}
