//! Acceptance test: the narrative part of the seed document (urumqi-2026).

use rust_decimal::Decimal;
use std::str::FromStr;
use yusuan_narrative::{extract_indicators, Indicator, PageText};

fn load() -> Vec<Indicator> {
    let raw = include_str!("fixtures/urumqi-2026-part3.txt");
    let pages: Vec<PageText> = raw
        .split('\u{c}')
        .enumerate()
        .map(|(i, p)| PageText {
            number: 18 + i,
            lines: p.lines().map(String::from).collect(),
        })
        .collect();
    extract_indicators(&pages)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal literal")
}

/// Find a row by indicator, subject (None = any), value and unit.
fn find<'a>(
    rows: &'a [Indicator],
    ind: &str,
    subject: Option<&str>,
    value: &str,
    unit: &str,
) -> &'a Indicator {
    rows.iter()
        .find(|r| {
            r.indicator == ind
                && subject.is_none_or(|s| r.subject == s)
                && r.value == d(value)
                && r.value_unit == unit
        })
        .unwrap_or_else(|| panic!("missing row {ind} {subject:?} {value} {unit}"))
}

fn chg(r: &Indicator, change: &str, pct: &str) {
    assert_eq!(r.change, Some(d(change)), "change of {r:?}");
    assert_eq!(r.change_pct, Some(d(pct)), "change_pct of {r:?}");
    assert_eq!(
        r.prior_year_value,
        Some(r.value - d(change)),
        "prior of {r:?}"
    );
}

const W: &str = "万元";

#[test]
fn urumqi_part3_totals_and_expenditure() {
    let rows = load();
    let w = W;
    find(&rows, "budget_total", None, "3008.81", w);

    let r = find(&rows, "income_general_budget", None, "3008.81", w);
    assert_eq!(r.share_pct, Some(d("100.00")));
    chg(r, "168.40", "5.93");
    assert_eq!(r.prior_year_value, Some(d("2840.41")));
    assert_eq!(r.page, 18);

    let r = find(&rows, "income_carryover", None, "0.00", w);
    chg(r, "-367.40", "-100.00");

    let r = rows
        .iter()
        .find(|r| r.indicator == "expenditure_basic" && r.share_pct.is_some())
        .expect("basic");
    assert_eq!(r.value, d("2783.06"));
    assert_eq!(r.share_pct, Some(d("92.50")));
    chg(r, "419.14", "17.73");

    let r = rows
        .iter()
        .find(|r| r.indicator == "expenditure_project" && r.share_pct.is_some())
        .expect("project");
    assert_eq!(r.value, d("225.75"));
    assert_eq!(r.share_pct, Some(d("7.50")));
    chg(r, "-618.14", "-73.25");
    let r = rows
        .iter()
        .find(|r| r.indicator == "expenditure_project" && r.section.starts_with("（一）"))
        .expect("project in section 五");
    chg(r, "-250.74", "-52.62");

    for (subj, v, share) in [
        ("一般公共服务支出", "2615.20", "86.92"),
        ("社会保障和就业支出", "393.61", "13.08"),
    ] {
        find(&rows, "expenditure_function", Some(subj), v, w);
        assert!(rows.iter().any(|r| r.indicator == "expenditure_function"
            && r.subject == subj
            && r.value == d(v)
            && r.share_pct == Some(d(share))));
    }

    chg(
        find(&rows, "expenditure_function", Some("2010301"), "1852.77", w),
        "196.24",
        "11.85",
    );
    chg(
        find(&rows, "expenditure_function", Some("2010302"), "225.75", w),
        "-250.74",
        "-52.62",
    );
    chg(
        find(&rows, "expenditure_function", Some("2010350"), "536.69", w),
        "70.12",
        "15.03",
    );
    chg(
        find(&rows, "expenditure_function", Some("2080505"), "262.41", w),
        "21.57",
        "8.96",
    );
    let r = find(&rows, "expenditure_function", Some("2080506"), "131.20", w);
    chg(r, "131.20", "100.00");
    assert_eq!(r.prior_year_value, Some(d("0.00")));
}

#[test]
fn urumqi_part3_costs_three_public_procurement() {
    let rows = load();
    let w = W;
    find(&rows, "personnel_costs", None, "2464.33", w);
    find(&rows, "public_costs", None, "318.73", w);

    chg(
        find(&rows, "three_public_total", None, "92.27", w),
        "28.77",
        "45.31",
    );
    chg(
        find(&rows, "three_public_travel_abroad", None, "0.00", w),
        "0.00",
        "0.00",
    );
    chg(
        find(&rows, "three_public_vehicle_purchase", None, "0.00", w),
        "0.00",
        "0.00",
    );
    chg(
        find(&rows, "three_public_vehicle_operation", None, "92.27", w),
        "28.77",
        "45.31",
    );
    chg(
        find(&rows, "three_public_reception", None, "0.00", w),
        "0.00",
        "0.00",
    );
    find(&rows, "commissioned_services", None, "88.30", w);

    let r = find(&rows, "operating_costs", None, "318.73", w);
    chg(r, "41.39", "14.92");
    assert_eq!(r.section, "（一）单位运行经费情况");

    find(&rows, "procurement_total", None, "71.38", w);
    find(&rows, "procurement_goods", None, "12.64", w);
    find(&rows, "procurement_works", None, "0.00", w);
    find(&rows, "procurement_services", None, "58.74", w);
    find(&rows, "procurement_sme_reserved", None, "36.18", w);
    find(&rows, "procurement_small_micro_reserved", None, "36.18", w);
}

#[test]
fn urumqi_part3_assets_performance_and_no_noise() {
    let rows = load();
    let w = W;
    find(&rows, "buildings_area", None, "0.00", "平方米");
    find(&rows, "buildings_value", None, "0.00", w);
    find(&rows, "vehicles_count", None, "22", "辆");
    find(&rows, "vehicles_value", None, "630.56", w);
    find(&rows, "vehicles_general_count", None, "22", "辆");
    find(&rows, "vehicles_general_value", None, "630.56", w);
    find(&rows, "vehicles_enforcement_count", None, "0", "辆");
    find(&rows, "vehicles_enforcement_value", None, "0.00", w);
    find(&rows, "vehicles_other_count", None, "0", "辆");
    find(&rows, "vehicles_other_value", None, "0.00", w);
    find(&rows, "furniture_value", None, "4.12", w);
    find(&rows, "other_assets_value", None, "118.49", w);
    find(&rows, "equipment_50_count", None, "0", "台");
    find(&rows, "equipment_100_count", None, "0", "台");

    find(&rows, "performance_projects_count", None, "4", "个");
    find(&rows, "performance_projects_amount", None, "225.75", w);
    find(&rows, "classified_projects_count", None, "2", "个");
    let r = find(&rows, "classified_projects_amount", None, "96.07", w);
    assert_eq!(r.page, 23);
    assert!(r.sentence.contains("涉密项目"));

    // noise from the performance-target tables must not leak in
    assert!(
        !rows.iter().any(|r| r.value_unit == "元"),
        "{:?}",
        rows.iter()
            .filter(|r| r.value_unit == "元")
            .collect::<Vec<_>>()
    );
    assert!(!rows.iter().any(|r| r.indicator == "equipment_large_count"));
}
