//! Sentence forms seen across regions and years.

use rust_decimal::Decimal;
use std::str::FromStr;
use yusuan_narrative::{extract_indicators, Indicator, PageText};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal literal")
}

fn run(pages: &[&[&str]]) -> Vec<Indicator> {
    let pages: Vec<PageText> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| PageText {
            number: i + 1,
            lines: p.iter().map(|s| s.to_string()).collect(),
        })
        .collect();
    extract_indicators(&pages)
}

fn get<'a>(rows: &'a [Indicator], ind: &str) -> &'a Indicator {
    rows.iter()
        .find(|r| r.indicator == ind)
        .unwrap_or_else(|| panic!("missing {ind} in {rows:#?}"))
}

#[test]
fn wrapped_across_pages_with_footer() {
    let rows = run(&[
        &[
            "（一）机关运行经费",
            "本单位2026年机关运行经费财政拨款预算 1,318.73 万元，比上年预算",
            "第 3 页",
        ],
        &["4", "减少 41.39 万元，下降 3.05%，主要原因是压减开支。"],
    ]);
    let r = get(&rows, "operating_costs");
    assert_eq!(r.value, d("1318.73"));
    assert_eq!(r.change, Some(d("-41.39")));
    assert_eq!(r.change_pct, Some(d("-3.05")));
    assert_eq!(r.prior_year_value, Some(d("1360.12")));
    assert_eq!(r.section, "（一）机关运行经费");
    assert_eq!(r.page, 1);
}

#[test]
fn full_width_and_spaces() {
    let rows = run(&[&["一般公共预算 ３，００８．８１ 万元，占１００．００％，比上年预算增加１６８．４０万元，增长５．９３％。"]]);
    let r = get(&rows, "income_general_budget");
    assert_eq!(r.value, d("3008.81"));
    assert_eq!(r.share_pct, Some(d("100.00")));
    assert_eq!(r.change, Some(d("168.40")));
    assert_eq!(r.change_pct, Some(d("5.93")));
}

#[test]
fn flat_and_zero_forms() {
    let rows = run(&[&[
        "（三）公务接待费2.00万元，与2025年预算持平。",
        "政府性基金预算未安排。",
        "二、机关运行经费预算",
        "本单位无机关运行经费。",
    ]]);
    let r = get(&rows, "three_public_reception");
    assert_eq!(r.change, Some(Decimal::ZERO));
    assert_eq!(r.prior_year_value, Some(d("2.00")));
    assert_eq!(get(&rows, "income_gov_fund").value, Decimal::ZERO);
    assert_eq!(get(&rows, "operating_costs").value, Decimal::ZERO);
}

#[test]
fn function_code_forms() {
    let rows = run(&[&[
        "1. 2010301 行政运行（项）1,852.77万元，比上年增加0.00万元。",
        "2. 一般公共服务支出（类）人大事务（款）一般行政管理事务（项）：2026年预算数为12.00万元。",
        "3. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）25.5万元。",
    ]]);
    let subs: Vec<(&str, String)> = rows
        .iter()
        .filter(|r| r.indicator == "expenditure_function")
        .map(|r| (r.subject.as_str(), r.value.to_string()))
        .collect();
    assert_eq!(
        subs,
        vec![
            ("2010301", "1852.77".into()),
            ("2010102", "12.00".into()),
            ("2080505", "25.5".into())
        ]
    );
    assert_eq!(rows[0].change, Some(Decimal::ZERO));
}

#[test]
fn procurement_vehicles_equipment() {
    let rows = run(&[&[
        "（二）政府采购情况",
        "政府采购预算总额71.38万元，其中：货物类12.64万元、工程类0.00万元、服务类58.74万元。",
        "截至2025年12月，共有车辆22辆，其中：一般公务用车20辆、执法执勤用车0辆、特种专业技术用车2辆；",
        "单位价值50万元以上通用设备0台，单位价值100万元以上专用设备3台（套）。",
    ]]);
    assert_eq!(get(&rows, "procurement_total").value, d("71.38"));
    assert_eq!(get(&rows, "procurement_goods").value, d("12.64"));
    assert_eq!(get(&rows, "procurement_works").value, d("0.00"));
    assert_eq!(get(&rows, "procurement_services").value, d("58.74"));
    assert_eq!(get(&rows, "vehicles_count").value, d("22"));
    assert_eq!(get(&rows, "vehicles_general_count").value, d("20"));
    assert_eq!(get(&rows, "vehicles_enforcement_count").value, d("0"));
    assert_eq!(get(&rows, "vehicles_special_count").value, d("2"));
    assert_eq!(get(&rows, "equipment_50_count").value, d("0"));
    let r = get(&rows, "equipment_100_count");
    assert_eq!((r.value, r.value_unit.as_str()), (d("3"), "台"));
}

#[test]
fn change_only_items_merge() {
    let rows = run(&[&[
        "“三公”经费92.27万元，其中：因公出国（境）费用0.00万元，公务接待费5.00万元。",
        "“三公”经费比上年减少8.00万元，下降7.98%，其中：因公出国（境）费用增加0.00万元，主要原因是未安排出国；公务接待费减少2.00万元，下降28.57%。",
    ]]);
    let r = get(&rows, "three_public_total");
    assert_eq!(
        (r.change, r.change_pct),
        (Some(d("-8.00")), Some(d("-7.98")))
    );
    let r = get(&rows, "three_public_reception");
    assert_eq!(
        (r.change, r.prior_year_value),
        (Some(d("-2.00")), Some(d("7.00")))
    );
    assert_eq!(
        get(&rows, "three_public_travel_abroad").change,
        Some(Decimal::ZERO)
    );
    assert_eq!(rows.len(), 3, "{rows:#?}");
}

#[test]
fn never_panics_on_garbage() {
    let junk: Vec<String> = vec![
        "".into(),
        "，，，。。。".into(),
        "99999999999999999999999999999999999.9万元".into(),
        "占%增加万元".into(),
        "（一）".into(),
        "一、".into(),
        "1.".into(),
        "\u{feff}\u{3000}".into(),
        "比上年增加".repeat(200),
        "车辆辆台个平方米%".into(),
        "12,34,5万元，1,234,567.8.9万元".into(),
    ];
    let refs: Vec<&str> = junk.iter().map(|s| s.as_str()).collect();
    let _ = run(&[&refs, &[], &refs]);
    let _ = extract_indicators(&[]);
}
