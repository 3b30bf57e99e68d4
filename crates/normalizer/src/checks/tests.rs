//! Unit tests of the checks: sums, rounding, repeated codes, explained gaps, cells.

use super::narrative::quoted_plainly;
use super::*;
use std::str::FromStr;
fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
#[test]
fn plain_quotes() {
    assert!(quoted_plainly(
        "其中：人员经费2,464.33万元，主要包括",
        "personnel_costs",
        d("2464.33")
    ));
    assert!(quoted_plainly(
        "一般公共预算基本支出2,783.06万元",
        "expenditure_basic",
        d("2783.06")
    ));
    assert!(!quoted_plainly(
        "信访局临聘人员经费15.56万元",
        "personnel_costs",
        d("15.56")
    ));
    assert!(quoted_plainly(
        "国家信访局财政拨款收支总预算18,728.91万元",
        "budget_total_fiscal",
        d("18728.91")
    ));
}

#[test]
fn rounding_tolerance() {
    // 1,852.77 + 536.69 printed as 2,389.45: a rounding difference, not an error.
    assert_eq!(
        judge(d("2389.46"), d("2389.45"), 2, &[d("1852.77")]),
        CheckStatus::Rounding
    );
    assert_eq!(
        judge(d("2389.46"), d("2389.45"), 1, &[d("1852.77")]),
        CheckStatus::Fail
    );
    assert_eq!(
        judge(d("10"), d("10.00"), 2, &[d("10.00")]),
        CheckStatus::Pass
    );
    // Whole 元: two rounded terms may be off by 1, not by 2.
    assert_eq!(
        judge(d("100"), d("101"), 2, &[d("101")]),
        CheckStatus::Rounding
    );
    assert_eq!(judge(d("100"), d("102"), 2, &[d("102")]), CheckStatus::Fail);
}
/// A table of `header` cells (a space separates levels) and `rows`.
fn table(title: &str, header: &[&str], rows: &[&[&str]]) -> yusuan_extractor::layout::Table {
    crate::test_tables::table(title, "万元", crate::test_tables::spaced(header), rows)
}

fn keyed(key: &'static str, table: yusuan_extractor::layout::Table) -> KeyedTable {
    KeyedTable {
        key: crate::vocab::TableKind::parse(key).expect("a table kind"),
        table,
        sub_units: Vec::new(),
    }
}

/// 301 under 501 and again under 505, the rows printing 政府经济 codes beside.
fn repeated_codes_table() -> yusuan_extractor::layout::Table {
    table(
        "一般公共预算基本支出情况表",
        &[
            "科目编码 类",
            "科目编码 款",
            "部门预算支出经济分类科目名称",
            "科目编码 类",
            "科目编码 款",
            "政府预算支出经济分类科目名称",
            "合计",
        ],
        &[
            &[
                "301",
                "",
                "工资福利支出",
                "501",
                "",
                "机关工资福利支出",
                "3.00",
            ],
            &[
                "301",
                "01",
                "基本工资",
                "501",
                "01",
                "工资奖金津补贴",
                "1.00",
            ],
            &[
                "301",
                "02",
                "津贴补贴",
                "501",
                "01",
                "工资奖金津补贴",
                "2.00",
            ],
            &[
                "301",
                "",
                "工资福利支出",
                "505",
                "",
                "对事业单位经常性补助",
                "5.00",
            ],
            &["301", "01", "基本工资", "505", "01", "工资福利支出", "4.00"],
        ],
    )
}

#[test]
fn parent_sums_of_repeated_codes() {
    // 301 under 501 and again under 505: each 301 adds up its own 301xx.
    let table = repeated_codes_table();
    let (facts, _) = crate::facts::table_facts(0, &table);
    let checks = run(
        &[keyed("general_budget_basic_expenditure", table)],
        &facts,
        &[],
        Some(2026),
        false,
    );
    let sums: Vec<(Decimal, Decimal, CheckStatus)> = checks
        .iter()
        .filter(|c| c.check == "parent_sum")
        .map(|c| (c.expected, c.actual, c.status))
        .collect();
    assert_eq!(
        sums,
        vec![
            (d("3.00"), d("3.00"), CheckStatus::Pass),
            (d("4.00"), d("5.00"), CheckStatus::Fail)
        ]
    );
    // The failed sum names its cells: the 301 row's amount first, then its 30101.
    let failed = checks
        .iter()
        .find(|c| c.status == CheckStatus::Fail)
        .unwrap();
    let rows: Vec<usize> = failed.cells.iter().map(|c| c.body_row).collect();
    assert_eq!(rows, vec![3, 4]);
    assert_eq!(failed.page, Some(1));
    assert_eq!(failed.code, "301");
    assert_eq!(failed.severity(), "major");
}

#[test]
fn a_carryover_closing_the_gap_explains_it() {
    // 收入表: 一般公共预算 366,195.79 this year and 4,023.45 carried over; the 一般公共预算支出表
    // spends both: 370,219.25 (the 0.01 is rounding).
    let income = table(
        "收入预算总表",
        &[
            "项目",
            "总计",
            "本年收入 一般公共预算",
            "上年结转结余 一般公共预算",
        ],
        &[&["合计", "370219.24", "366195.79", "4023.45"]],
    );
    let spending = table(
        "一般公共预算支出情况表",
        &["科目名称", "合计"],
        &[&["合计", "370219.25"]],
    );
    let mut facts = crate::facts::table_facts(0, &income).0;
    facts.extend(crate::facts::table_facts(1, &spending).0);
    for f in facts.iter_mut() {
        f.row_kind = crate::facts::row_kind(&f.row_label);
    }
    let tables = [
        keyed("income", income),
        keyed("general_budget_expenditure", spending),
    ];
    let checks = run(&tables, &facts, &[], Some(2026), false);
    let c = checks.iter().find(|c| c.check == "cross_table").unwrap();
    assert_eq!(c.status, CheckStatus::Explained, "{c:?}");
    assert!(c.explanation.contains("4023.45"), "{}", c.explanation);
    assert_eq!(c.cells.len(), 3);
    assert_eq!(c.severity(), "major");
    assert_eq!(c.status, CheckStatus::Explained);
}

/// A budget whose income table counts the carry-overs in (收入合计 557,259.13) while its
/// expenditure table prints the year's spending (468,779.07): the 收支总表's 结转下年 row
/// (88,480.06) closes the gap. In a final account the two tables are not compared at all.
#[test]
fn carry_forward_explains_and_final_accounts_do_not_compare_income_with_spending() {
    let summary = table(
        "收支总表",
        &["收入项目", "收入预算数", "支出项目", "支出预算数"],
        &[
            &["本年收入合计", "403484.64", "本年支出合计", "468779.07"],
            &["上年结转", "93801.70", "结转下年", "88480.06"],
        ],
    );
    let income = table(
        "收入总表",
        &["科目名称", "收入合计", "上年结转"],
        &[&["合计", "557259.13", "93801.70"]],
    );
    let spending = table(
        "支出总表",
        &["科目名称", "合计", "基本支出"],
        &[&["合计", "468779.07", "468779.07"]],
    );
    let mut facts = crate::facts::table_facts(0, &summary).0;
    facts.extend(crate::facts::table_facts(1, &income).0);
    facts.extend(crate::facts::table_facts(2, &spending).0);
    for f in facts.iter_mut() {
        f.row_kind = crate::facts::row_kind(&f.row_label);
    }
    let tables = [
        keyed("summary", summary),
        keyed("income", income),
        keyed("expenditure", spending),
    ];
    let budget = run(&tables, &facts, &[], Some(2023), false);
    let c = budget
        .iter()
        .find(|c| c.check == "cross_table" && c.subject.starts_with("收入表"))
        .expect("income and spending compared in a budget");
    assert_eq!(c.status, CheckStatus::Explained, "{c:?}");
    assert!(c.explanation.contains("88480.06"), "{}", c.explanation);
    let final_account = run(&tables, &facts, &[], Some(2023), true);
    assert!(!final_account
        .iter()
        .any(|c| c.check == "cross_table" && c.subject.starts_with("收入表")));
}

/// 301 = Σ of the rows directly under it, where a table extends 30102 into local items
/// (3010201 津贴补贴, 3010202 改革性补贴) without printing 30102 itself.
#[test]
fn parent_sums_reach_items_whose_own_parent_is_not_printed() {
    let t = table(
        "一般公共预算基本支出表",
        &["部门经济科目编码", "部门经济科目名称", "合计"],
        &[
            &["301", "工资福利支出", "589.48"],
            &["30101", "基本工资", "237.03"],
            &["3010201", "津贴补贴", "317.69"],
            &["3010202", "改革性补贴", "34.76"],
        ],
    );
    let (facts, _) = crate::facts::table_facts(0, &t);
    let checks = run(
        &[keyed("general_budget_basic_expenditure", t)],
        &facts,
        &[],
        Some(2019),
        false,
    );
    let sums: Vec<(&str, CheckStatus, usize)> = checks
        .iter()
        .filter(|c| c.check == "parent_sum")
        .map(|c| (c.subject.as_str(), c.status, c.cells.len()))
        .collect();
    assert_eq!(sums, [("301 工资福利支出 [合计]", CheckStatus::Pass, 4)]);
}
