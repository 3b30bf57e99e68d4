//! The narrative figures of the seed document (urumqi-2026) reach indicators.csv through the
//! whole pipeline (PDF → text → yusuan-narrative → exporter). Mirrors the keys and subjects of
//! crates/narrative/tests/urumqi_acceptance.rs; numbers are compared as decimals.

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;
use yusuan_e2e::{extract, get, repo_samples};

type Row = BTreeMap<String, String>;

fn dec(s: &str) -> Option<Decimal> {
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some(Decimal::from_str(t).unwrap_or_else(|e| panic!("not a decimal: {t:?} ({e})")))
    }
}

struct Check<'a> {
    rows: &'a [Row],
    problems: Vec<String>,
}

impl<'a> Check<'a> {
    /// Rows with this indicator (and subject, when given), value and unit.
    fn matching(&self, ind: &str, subject: Option<&str>, value: &str, unit: &str) -> Vec<&'a Row> {
        self.rows
            .iter()
            .filter(|r| {
                get(r, "indicator") == ind
                    && subject.is_none_or(|s| get(r, "subject") == s)
                    && dec(get(r, "value")) == dec(value)
                    && get(r, "value_unit") == unit
            })
            .collect()
    }

    /// Asserts a row exists; with `fields` (column, expected decimal) some matching row must
    /// carry all of them.
    fn expect(
        &mut self,
        ind: &str,
        subject: Option<&str>,
        value: &str,
        unit: &str,
        fields: &[(&str, &str)],
    ) {
        let found = self.matching(ind, subject, value, unit);
        let what = format!(
            "{ind}{} = {value} {unit}",
            subject.map(|s| format!(" [{s}]")).unwrap_or_default()
        );
        if found.is_empty() {
            let near: Vec<String> = self
                .rows
                .iter()
                .filter(|r| get(r, "indicator") == ind)
                .map(|r| {
                    format!(
                        "subject={:?} value={} {}",
                        get(r, "subject"),
                        get(r, "value"),
                        get(r, "value_unit")
                    )
                })
                .collect();
            self.problems
                .push(format!("missing {what}; rows of {ind}: {near:?}"));
            return;
        }
        let ok = found
            .iter()
            .any(|r| fields.iter().all(|(col, v)| dec(get(r, col)) == dec(v)));
        if !ok {
            let got: Vec<String> = found
                .iter()
                .map(|r| {
                    fields
                        .iter()
                        .map(|(c, _)| format!("{c}={:?}", get(r, c)))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let want = fields
                .iter()
                .map(|(c, v)| format!("{c}={v}"))
                .collect::<Vec<_>>()
                .join(" ");
            self.problems
                .push(format!("{what}: expected {want}, got {got:?}"));
        }
    }
}

#[test]
fn urumqi_indicators() {
    let pdf = repo_samples().join("urumqi-2026.pdf");
    let run = extract(&[&pdf], &[]);
    assert_eq!(
        run.code(),
        Some(0),
        "yusuan extract failed\n{}",
        run.stderr()
    );
    let csv = run.csv("indicators.csv");
    let expected_header = [
        "source",
        "unit_name",
        "year",
        "section",
        "indicator",
        "subject",
        "value",
        "value_unit",
        "prior_year_value",
        "change",
        "change_pct",
        "share_pct",
        "sentence",
        "page",
        "code",
        "scope",
        "fact_id",
    ];
    assert_eq!(csv.headers, expected_header, "indicators.csv header");
    let rows = &csv.rows;
    assert!(
        rows.iter()
            .all(|r| get(r, "source") == "urumqi-2026.pdf" && get(r, "year") == "2026"),
        "source/year of every row"
    );

    let w = "万元";
    let mut c = Check {
        rows,
        problems: Vec::new(),
    };
    c.expect("budget_total", None, "3008.81", w, &[]);
    c.expect(
        "income_general_budget",
        None,
        "3008.81",
        w,
        &[
            ("share_pct", "100.00"),
            ("change", "168.40"),
            ("change_pct", "5.93"),
            ("prior_year_value", "2840.41"),
        ],
    );
    c.expect(
        "income_carryover",
        None,
        "0.00",
        w,
        &[("change", "-367.40"), ("change_pct", "-100.00")],
    );
    c.expect(
        "expenditure_basic",
        None,
        "2783.06",
        w,
        &[
            ("share_pct", "92.50"),
            ("change", "419.14"),
            ("change_pct", "17.73"),
        ],
    );
    c.expect(
        "expenditure_project",
        None,
        "225.75",
        w,
        &[
            ("share_pct", "7.50"),
            ("change", "-618.14"),
            ("change_pct", "-73.25"),
        ],
    );
    c.expect(
        "expenditure_project",
        None,
        "225.75",
        w,
        &[("change", "-250.74"), ("change_pct", "-52.62")],
    );

    c.expect(
        "expenditure_function",
        Some("一般公共服务支出"),
        "2615.20",
        w,
        &[("share_pct", "86.92")],
    );
    c.expect(
        "expenditure_function",
        Some("社会保障和就业支出"),
        "393.61",
        w,
        &[("share_pct", "13.08")],
    );
    c.expect(
        "expenditure_function",
        Some("2010301"),
        "1852.77",
        w,
        &[("change", "196.24"), ("change_pct", "11.85")],
    );
    c.expect(
        "expenditure_function",
        Some("2010302"),
        "225.75",
        w,
        &[("change", "-250.74"), ("change_pct", "-52.62")],
    );
    c.expect(
        "expenditure_function",
        Some("2010350"),
        "536.69",
        w,
        &[("change", "70.12"), ("change_pct", "15.03")],
    );
    c.expect(
        "expenditure_function",
        Some("2080505"),
        "262.41",
        w,
        &[("change", "21.57"), ("change_pct", "8.96")],
    );
    c.expect(
        "expenditure_function",
        Some("2080506"),
        "131.20",
        w,
        &[
            ("change", "131.20"),
            ("change_pct", "100.00"),
            ("prior_year_value", "0.00"),
        ],
    );

    c.expect("personnel_costs", None, "2464.33", w, &[]);
    c.expect("public_costs", None, "318.73", w, &[]);
    c.expect(
        "three_public_total",
        None,
        "92.27",
        w,
        &[("change", "28.77"), ("change_pct", "45.31")],
    );
    c.expect("commissioned_services", None, "88.30", w, &[]);
    c.expect(
        "operating_costs",
        None,
        "318.73",
        w,
        &[("change", "41.39"), ("change_pct", "14.92")],
    );

    c.expect("procurement_total", None, "71.38", w, &[]);
    c.expect("procurement_goods", None, "12.64", w, &[]);
    c.expect("procurement_works", None, "0.00", w, &[]);
    c.expect("procurement_services", None, "58.74", w, &[]);
    c.expect("procurement_sme_reserved", None, "36.18", w, &[]);
    c.expect("procurement_small_micro_reserved", None, "36.18", w, &[]);

    c.expect("buildings_area", None, "0.00", "平方米", &[]);
    c.expect("vehicles_count", None, "22", "辆", &[]);
    c.expect("vehicles_value", None, "630.56", w, &[]);
    c.expect("vehicles_general_count", None, "22", "辆", &[]);
    c.expect("equipment_50_count", None, "0", "台", &[]);
    c.expect("equipment_100_count", None, "0", "台", &[]);

    c.expect("performance_projects_count", None, "4", "个", &[]);
    c.expect("classified_projects_count", None, "2", "个", &[]);
    c.expect(
        "classified_projects_amount",
        None,
        "96.07",
        w,
        &[("page", "23")],
    );

    if !c.problems.is_empty() {
        let all: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "  p{:<3} {:<34} {:<14} {:>10} {:<4} chg={:<9} pct={:<8} share={:<7} prior={}",
                    get(r, "page"),
                    get(r, "indicator"),
                    get(r, "subject"),
                    get(r, "value"),
                    get(r, "value_unit"),
                    get(r, "change"),
                    get(r, "change_pct"),
                    get(r, "share_pct"),
                    get(r, "prior_year_value")
                )
            })
            .collect();
        panic!(
            "{} problem(s):\n  {}\n\nindicators.csv:\n{}",
            c.problems.len(),
            c.problems.join("\n  "),
            all.join("\n")
        );
    }
}
