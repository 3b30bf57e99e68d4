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
        "rounding"
    );
    assert_eq!(
        judge(d("2389.46"), d("2389.45"), 1, &[d("1852.77")]),
        "fail"
    );
    assert_eq!(judge(d("10"), d("10.00"), 2, &[d("10.00")]), "pass");
    // Whole 元: two rounded terms may be off by 1, not by 2.
    assert_eq!(judge(d("100"), d("101"), 2, &[d("101")]), "rounding");
    assert_eq!(judge(d("100"), d("102"), 2, &[d("102")]), "fail");
}
#[test]
fn parent_sums_of_repeated_codes() {
    // 301 under 501 and again under 505: each 301 adds up its own 301xx.
    let row = |v: &[&str]| yusuan_extractor::layout::BodyRow {
        page: 1,
        cells: v.iter().map(|s| s.to_string()).collect(),
        spans: vec![1; v.len()],
        boxes: Vec::new(),
    };
    let header: Vec<Vec<String>> = [
        "科目编码 类",
        "科目编码 款",
        "部门预算支出经济分类科目名称",
        "科目编码 类",
        "科目编码 款",
        "政府预算支出经济分类科目名称",
        "合计",
    ]
    .iter()
    .map(|h| h.split(' ').map(str::to_string).collect())
    .collect();
    let table = yusuan_extractor::layout::Table {
        pages: vec![1],
        table_no: String::new(),
        title: "一般公共预算基本支出情况表".into(),
        unit_name: String::new(),
        amount_unit: "万元".into(),
        header: Vec::new(),
        header_boxes: Vec::new(),
        header_paths: header,
        rows: vec![
            row(&[
                "301",
                "",
                "工资福利支出",
                "501",
                "",
                "机关工资福利支出",
                "3.00",
            ]),
            row(&[
                "301",
                "01",
                "基本工资",
                "501",
                "01",
                "工资奖金津补贴",
                "1.00",
            ]),
            row(&[
                "301",
                "02",
                "津贴补贴",
                "501",
                "01",
                "工资奖金津补贴",
                "2.00",
            ]),
            row(&[
                "301",
                "",
                "工资福利支出",
                "505",
                "",
                "对事业单位经常性补助",
                "5.00",
            ]),
            row(&["301", "01", "基本工资", "505", "01", "工资福利支出", "4.00"]),
        ],
        note: String::new(),
        caption_lines: Vec::new(),
        areas: Vec::new(),
    };
    let (facts, _) = crate::facts::table_facts(0, &table);
    let keyed = vec![KeyedTable {
        key: "general_budget_basic_expenditure",
        table,
        sub_units: Vec::new(),
    }];
    let checks = run(&keyed, &facts, &[], Some(2026));
    let sums: Vec<(Decimal, Decimal, &str)> = checks
        .iter()
        .filter(|c| c.check == "parent_sum")
        .map(|c| (c.expected, c.actual, c.status.as_str()))
        .collect();
    assert_eq!(
        sums,
        vec![
            (d("3.00"), d("3.00"), "pass"),
            (d("4.00"), d("5.00"), "fail")
        ]
    );
}
