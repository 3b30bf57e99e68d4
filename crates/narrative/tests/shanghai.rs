//! Shanghai per-line sentence forms: "1、公共安全支出（204类）司法（06款）行政运行
//! （01项）1434.89万元。…2025年当年预算执行数为1690.69万元，2026年预算安排
//! 1434.89万元，比2025年预算执行数减少1.10%。" (fixtures copied from
//! sh_putuo_sifaju_2026_unit_budget.pdf / _dept_budget.pdf and
//! sh_putuo_czj_2024_final.pdf as `yusuan text` prints them).

use rust_decimal::Decimal;
use std::str::FromStr;
use yusuan_narrative::{extract_indicators, Indicator, PageText};

fn load(raw: &str) -> Vec<Indicator> {
    let pages: Vec<PageText> = raw
        .split('\u{c}')
        .enumerate()
        .map(|(i, p)| PageText {
            number: i + 1,
            lines: p.lines().map(String::from).collect(),
        })
        .collect();
    extract_indicators(&pages)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal literal")
}

type Row = (
    String,
    Decimal,
    Option<Decimal>,
    Option<Decimal>,
    Option<Decimal>,
);

fn functions(rows: &[Indicator]) -> Vec<Row> {
    rows.iter()
        .filter(|r| r.indicator == "expenditure_function")
        .map(|r| {
            (
                r.subject.clone(),
                r.value,
                r.prior_year_value,
                r.change,
                r.change_pct,
            )
        })
        .collect()
}

fn row(subject: &str, value: &str, prior: Option<&str>, pct: Option<&str>) -> Row {
    let v = d(value);
    let p = prior.map(d);
    (subject.to_string(), v, p, p.map(|p| v - p), pct.map(d))
}

#[test]
fn unit_budget_items() {
    let rows = load(include_str!("fixtures/sh-putuo-sifaju-2026-unit.txt"));
    let f = functions(&rows);
    assert_eq!(f.len(), 26, "{f:#?}");
    // item 1: code from the bracketed codes, figure after （01项）, then the
    // execution sentence with its (wrong) printed percent kept as printed
    assert_eq!(f[0], row("2040601", "1434.89", None, None));
    assert_eq!(
        f[1],
        row("2040601", "1434.89", Some("1690.69"), Some("-1.10"))
    );
    // item 7: two different values for the same line
    assert_eq!(f[12], row("2080501", "56.12", None, None));
    assert_eq!(f[13], row("2080501", "57.8", Some("57.43"), Some("-2.27")));
    // item 11: 210 printed as 医疗卫生与计划生育支出, the code decides
    assert_eq!(f[20], row("2101101", "98.27", None, None));
    // item 13: "增加21.74%" although 170.03 < 241.76
    assert_eq!(
        f[25],
        row("2210203", "170.03", Some("241.76"), Some("21.74"))
    );
    // list numbers are never values
    assert!(
        rows.iter().all(|r| r.value != d("1") && r.value != d("13")),
        "{rows:#?}"
    );
    // general forms still there, under the title heading
    let r = rows
        .iter()
        .find(|r| r.indicator == "income_fiscal")
        .expect("income_fiscal");
    assert_eq!((r.value, r.change), (d("8695.94"), Some(d("794.88"))));
    assert_eq!(r.section, "2026年单位预算编制说明");
    assert!(
        rows.iter().all(|r| !r.section.contains("机关运行经费")),
        "{rows:#?}"
    );
}

#[test]
fn dept_budget_items_across_pages() {
    let rows = load(include_str!("fixtures/sh-putuo-sifaju-2026-dept-items.txt"));
    let f = functions(&rows);
    assert_eq!(
        f,
        vec![
            row("2040699", "3845.49", None, None),
            row("2040699", "3845.49", Some("43269.3"), Some("17.62")),
            row("2210201", "208.8", None, None),
            row("2210201", "201.50", Some("198.34"), Some("5.27")),
        ]
    );
    let pages: Vec<usize> = rows.iter().map(|r| r.page).collect();
    // the fixture starts with the form feed `yusuan text` prints before a page
    assert_eq!(pages, vec![2, 2, 2, 3]);
}

#[test]
fn final_accounts_items() {
    let rows = load(include_str!("fixtures/sh-putuo-czj-2024-final-items.txt"));
    let f = functions(&rows);
    assert_eq!(
        f,
        vec![
            row("2010601", "1511.89", None, None),
            row("2010602", "10.00", None, None)
        ]
    );
}
