//! Issue 12's thresholds on hand-checked truth: every real disclosure of `../shared/real/truth`
//! read at F1 ≥ 0.99 (`score.py --any-key`: reading alone), and the word-processor tables
//! ruled by horizontal lines only (`../shared/styles/writer-hrules`) at F1 ≥ 0.99 with table
//! kinds compared. (Table kinds of the real documents are scored against the keys argued in the
//! README by `normalizer_real`.)

use yusuan_e2e::{extract, real, score, shared};

#[test]
fn real_documents_read_as_printed() {
    yusuan_e2e::need_shared!();
    let run = extract(&[&real()], &[]);
    let v = score(run.out(), &real().join("truth"), &["--any-key"]);
    let docs = v["docs"].as_object().expect("docs");
    assert!(docs.len() >= 6, "{v}");
    for (doc, d) in docs {
        let f1 = d["f1"].as_f64().unwrap_or(0.0);
        assert!(f1 >= 0.99, "{doc}: F1 (any key) {f1:.4} < 0.99\n{d}");
    }
}

#[test]
fn tables_ruled_by_horizontal_lines_only() {
    yusuan_e2e::need_shared!();
    let styles = shared().join("styles").join("writer-hrules");
    let run = extract(&[&styles], &[]);
    let v = score(run.out(), &styles, &[]);
    let f1 = v["overall"]["f1"].as_f64().expect("overall.f1");
    assert!(f1 >= 0.99, "writer-hrules F1 {f1:.4} < 0.99\n{}", v["docs"]);
}
