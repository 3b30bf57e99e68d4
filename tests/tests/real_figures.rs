//! The figures issue 4 asks of ../shared/real, measured on every run:
//! - coverage: ≥ 99 % of the two-decimal numbers that pdftotext shows on table pages (a 单位 line
//!   and ≥ 5 such numbers) are in facts.csv with that page (scripts/coverage.py);
//! - arithmetic: ≥ 98 % of the identities recomputed from the facts (parent = Σ children,
//!   合计 = 基本 + 项目, 合计 = 人员 + 公用, 小计 = Σ sources, …) pass or differ by rounding only.

use std::process::Command;
use yusuan_e2e::{extract, get, real, workspace_root};

const IDENTITIES: &[&str] = &[
    "parent_sum",
    "total_basic_project",
    "total_personnel_public",
    "total_economic",
    "subtotal_sources",
    "income_equals_expenditure",
    "cross_table",
    "three_public_items",
];

#[test]
fn coverage_and_arithmetic_on_real_documents() {
    yusuan_e2e::need_shared!();
    let dir = real();
    let run = extract(&[&dir], &[]);
    let script = workspace_root().join("scripts/coverage.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(run.out())
        .arg("--real")
        .arg(&dir)
        .args(["--min", "99"])
        .output()
        .expect(
            "python3 scripts/coverage.py (python3 is on the machine; poppler-utils from .ci/run)",
        );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "coverage below 99 %:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let checks = run.csv("checks.csv");
    let ids: Vec<_> = checks
        .rows
        .iter()
        .filter(|r| IDENTITIES.contains(&get(r, "check")))
        .collect();
    let held = ids.iter().filter(|r| get(r, "status") != "fail").count();
    let share = held as f64 / ids.len().max(1) as f64;
    let fails: Vec<String> = ids
        .iter()
        .filter(|r| get(r, "status") == "fail")
        .map(|r| {
            format!(
                "{} {} {} {} expected {} actual {}",
                get(r, "source"),
                get(r, "table_key"),
                get(r, "check"),
                get(r, "subject"),
                get(r, "expected"),
                get(r, "actual")
            )
        })
        .collect();
    eprintln!(
        "identities: {held}/{} hold ({:.2} %); failing:\n  {}",
        ids.len(),
        share * 100.0,
        fails.join("\n  ")
    );
    assert!(ids.len() > 1000, "only {} identities found", ids.len());
    assert!(
        share >= 0.98,
        "only {:.2} % of {} identities hold",
        share * 100.0,
        ids.len()
    );
}
