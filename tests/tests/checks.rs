//! The checks of issue 5 on real bytes: no false alarms on the consistent samples (the seed
//! document only `pass` or `rounding`), every 5-digit 部门经济分类 row with its 政府经济分类 code,
//! and the numeric errors that reviewers found in the two sh_putuo_sifaju documents
//! (../shared/real/expected/*.findings.md) flagged as `fail`.

use std::collections::BTreeMap;
use yusuan_e2e::{extract, get, real, samples};

fn failing(checks: &yusuan_e2e::Csv, source: &str) -> Vec<BTreeMap<String, String>> {
    checks
        .rows
        .iter()
        .filter(|r| get(r, "source") == source && get(r, "status") == "fail")
        .cloned()
        .collect()
}

fn describe(rows: &[BTreeMap<String, String>]) -> String {
    rows.iter()
        .map(|r| {
            format!(
                "{} {} {} expected {} actual {}",
                get(r, "table_key"),
                get(r, "check"),
                get(r, "subject"),
                get(r, "expected"),
                get(r, "actual")
            )
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

#[test]
fn samples_have_no_failing_check_and_map_economic_codes() {
    yusuan_e2e::need_shared!();
    let dir = samples();
    let run = extract(&[&dir], &[]);
    let checks = run.csv("checks.csv");
    let fails: Vec<_> = checks
        .rows
        .iter()
        .filter(|r| get(r, "status") == "fail")
        .cloned()
        .collect();
    assert!(
        fails.is_empty(),
        "checks fail on consistent samples:\n  {}",
        describe(&fails)
    );
    let seed: Vec<_> = checks
        .rows
        .iter()
        .filter(|r| get(r, "source") == "urumqi-2026.pdf")
        .collect();
    assert!(
        seed.len() > 100,
        "only {} checks on the seed document",
        seed.len()
    );
    assert!(
        seed.iter().any(|r| get(r, "status") == "rounding"),
        "the seed document prints 1,852.77 + 536.69 as 2,389.45: a rounding case"
    );
    let facts = run.csv("facts.csv");
    let unmapped: Vec<String> = facts
        .rows
        .iter()
        .filter(|r| {
            get(r, "code_system") == "economic"
                && get(r, "code").len() == 5
                && get(r, "gov_economic_code").is_empty()
        })
        .map(|r| {
            format!(
                "{} {} {}",
                get(r, "source"),
                get(r, "code"),
                get(r, "row_label")
            )
        })
        .collect();
    assert!(
        unmapped.is_empty(),
        "5-digit economic codes without gov_economic_code:\n  {}",
        unmapped.join("\n  ")
    );
}

#[test]
fn reviewers_findings_are_flagged() {
    yusuan_e2e::need_shared!();
    let dir = real();
    let unit = dir.join("sh_putuo_sifaju_2026_unit_budget.pdf");
    let dept = dir.join("sh_putuo_sifaju_2026_dept_budget.pdf");
    let run = extract(&[&unit, &dept], &[]);
    let checks = run.csv("checks.csv");
    let unit_fails = failing(&checks, "sh_putuo_sifaju_2026_unit_budget.pdf");
    let dept_fails = failing(&checks, "sh_putuo_sifaju_2026_dept_budget.pdf");
    let has = |rows: &[BTreeMap<String, String>], check: &str, needle: &str| {
        rows.iter()
            .any(|r| get(r, "check") == check && get(r, "subject").contains(needle))
    };
    // Unit budget: 行政运行 合计 14,348,853.34 with 项目支出 64,840,547.00 (支出预算总表 and 一般公共预算支出表).
    assert!(
        has(&unit_fails, "total_basic_project", "2040601"),
        "行政运行 合计 ≠ 基本 + 项目 not flagged:\n  {}",
        describe(&unit_fails)
    );
    // 1434.89 against 1690.69 is not "减少1.10%".
    assert!(
        has(&unit_fails, "narrative_change", "2040601"),
        "减少1.10% not flagged:\n  {}",
        describe(&unit_fails)
    );
    // 56.12 万元 and then 57.8 万元 for 行政单位离退休.
    assert!(
        has(&unit_fails, "narrative_conflict", "2080501"),
        "56.12 vs 57.8 not flagged:\n  {}",
        describe(&unit_fails)
    );
    // 购房补贴 207 万元 and then 170.03 万元, "增加21.74%" against 241.76.
    assert!(
        has(&unit_fails, "narrative_conflict", "2210203"),
        "207 vs 170.03 not flagged:\n  {}",
        describe(&unit_fails)
    );
    assert!(
        has(&unit_fails, "narrative_change", "2210203"),
        "增加21.74% not flagged:\n  {}",
        describe(&unit_fails)
    );
    // Dept budget: 3845.49 against 43269.3 is not "增加17.62%"; 住房公积金 208.8 and then 201.50.
    assert!(
        has(&dept_fails, "narrative_change", "2040699"),
        "增加17.62% not flagged:\n  {}",
        describe(&dept_fails)
    );
    assert!(
        has(&dept_fails, "narrative_conflict", "2210201"),
        "208.8 vs 201.50 not flagged:\n  {}",
        describe(&dept_fails)
    );
}
