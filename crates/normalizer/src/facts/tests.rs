//! Unit tests of the facts of a table: cells, codes, labels, projects, sub-units.

use super::table::fill_parts;

use super::*;
#[test]
fn amounts() {
    assert_eq!(
        parse_amount("1,852.77"),
        Some(Decimal::from_str("1852.77").unwrap())
    );
    assert_eq!(
        parse_amount("-3.5"),
        Some(Decimal::from_str("-3.5").unwrap())
    );
    assert_eq!(
        parse_amount("0.00"),
        Some(Decimal::from_str("0.00").unwrap())
    );
    assert_eq!(parse_amount("-"), None);
    assert_eq!(parse_amount(""), None);
    assert_eq!(parse_amount("一般"), None);
}
#[test]
fn split_code_inheritance() {
    let prev = vec!["201".to_string(), "03".to_string(), "".to_string()];
    assert_eq!(
        fill_parts(&["".into(), "03".into(), "01".into()], Some(&prev)).concat(),
        "2010301"
    );
    assert_eq!(
        fill_parts(&["208".into(), "".into(), "".into()], None).concat(),
        "208"
    );
    // A 款 printed without its leading zero (301 | 2 from a number-formatted cell).
    assert_eq!(
        fill_parts(&["301".into(), "2".into()], None).concat(),
        "30102"
    );
    assert_eq!(
        fill_parts(&["201".into(), "3".into(), "1".into()], None).concat(),
        "2010301"
    );
}
/// Each fact's code, row label and other codes.
fn codes_and_labels(facts: &[Fact]) -> Vec<(&str, &str, &str)> {
    facts
        .iter()
        .map(|f| {
            (
                f.code.as_str(),
                f.row_label.as_str(),
                f.other_codes.as_str(),
            )
        })
        .collect()
}

fn table(header: &[&[&str]], rows: &[&[&str]]) -> Table {
    crate::test_tables::table("", "", crate::test_tables::paths(header), rows)
}
#[test]
fn a_fact_knows_its_cell() {
    let t = table(
        &[&["科目编码"], &["科目名称"], &["合计"], &["基本支出"]],
        &[
            &["", "合计", "10.00", "4.00"],
            &["201", "一般公共服务支出", "10.00", "4.00"],
        ],
    );
    let (facts, _) = table_facts(0, &t);
    assert_eq!(facts.len(), 4);
    for f in &facts {
        assert_eq!(f.row_no, f.body_row + 1);
        let cell = &t.rows[f.body_row].cells[f.col];
        assert_eq!(parse_amount(cell), Some(f.amount));
        assert_eq!(t.header_paths[f.col], f.column_path);
    }
    assert_eq!((facts[3].body_row, facts[3].col), (1, 3));
}
#[test]
fn two_classifications_on_a_row() {
    let t = table(
        &[
            &["科目编码", "类"],
            &["科目编码", "款"],
            &["部门预算支出经济分类科目名称"],
            &["科目编码", "类"],
            &["科目编码", "款"],
            &["政府预算支出经济分类科目名称"],
            &["合计"],
        ],
        &[
            &["", "", "合计", "", "", "", "30.00"],
            &[
                "301",
                "",
                "工资福利支出",
                "501",
                "",
                "机关工资福利支出",
                "20.00",
            ],
            &[
                "301",
                "01",
                "基本工资",
                "501",
                "01",
                "工资奖金津补贴",
                "20.00",
            ],
            &["", "", "", "505", "", "对事业单位经常性补助", "10.00"],
        ],
    );
    let (facts, _) = table_facts(0, &t);
    assert_eq!(
        codes_and_labels(&facts),
        vec![
            ("", "合计", ""),
            ("301", "工资福利支出", "gov_economic:501"),
            ("30101", "基本工资", "gov_economic:50101"),
            ("505", "对事业单位经常性补助", ""),
        ]
    );
    assert_eq!(
        facts[3].code_system,
        Some(crate::vocab::CodeSystem::GovEconomic)
    );
}
/// Columns headed 部门经济科目编码 / 政府经济科目编码 (the 西安 template) hold codes: "部门" in
/// the header names the classification, not a department's own code (单位编码, 部门代码).
#[test]
fn economic_code_columns_named_by_classification() {
    let t = table(
        &[
            &["序号"],
            &["部门经济科目编码"],
            &["部门经济科目名称"],
            &["政府经济科目编码"],
            &["政府经济科目名称"],
            &["合计"],
        ],
        &[
            &["1", "", "合计", "", "", "30.00"],
            &["2", "301", "工资福利支出", "", "", "30.00"],
            &["3", "30101", "基本工资", "50101", "工资奖金津补贴", "20.00"],
            &["4", "30101", "基本工资", "50501", "工资福利支出", "10.00"],
        ],
    );
    let (facts, _) = table_facts(0, &t);
    assert_eq!(
        codes_and_labels(&facts),
        vec![
            ("", "合计", ""),
            ("301", "工资福利支出", ""),
            ("30101", "基本工资", "gov_economic:50101"),
            ("30101", "基本工资", "gov_economic:50501"),
        ]
    );
}

#[test]
fn amounts_in_wan() {
    let d = |s: &str| Decimal::from_str(s).unwrap();
    assert_eq!(amount_wan(d("1852.77"), "万元"), Some(d("1852.77")));
    assert_eq!(
        amount_wan(d("14348853.34"), "元").map(|v| v.to_string()),
        Some("1434.885334".to_string())
    );
    assert_eq!(amount_wan(d("-5"), "元"), Some(d("-0.0005")));
    assert_eq!(amount_wan(d("5"), ""), None);
}
#[test]
fn years_and_head_counts_are_not_money() {
    let t = table(
        &[&["功能科目"], &["年度"], &["合计"], &["编制人数"]],
        &[
            &["培训支出", "2022", "29.44", "12"],
            &["", "2021", "32.06", "11"],
        ],
    );
    let (facts, _) = table_facts(0, &t);
    let cols: Vec<usize> = facts.iter().map(|f| f.col).collect();
    assert_eq!(cols, vec![2, 2]);
}
#[test]
fn total_printed_over_the_unit_code() {
    let t = table(
        &[&["单位代码"], &["单位名称"], &["合计"]],
        &[
            &["合计", "", "10.00"],
            &["364001", "无锡市住房和城乡建设局（本级）", "10.00"],
        ],
    );
    let (facts, _) = table_facts(0, &t);
    assert_eq!(facts[0].row_label, "合计");
    assert_eq!(facts[1].row_label, "无锡市住房和城乡建设局（本级）");
}
#[test]
fn project_column_left_of_the_name() {
    let t = table(
        &[
            &["采购品目大类"],
            &["专项名称"],
            &["采购品目名称"],
            &["采购组织形式"],
            &["总计"],
        ],
        &[
            &["合计", "", "", "", "25.30"],
            &[
                "",
                "信息化测评",
                "测试评估认证服务",
                "集中采购机构采购",
                "7.30",
            ],
        ],
    );
    let (facts, _) = table_facts(0, &t);
    assert_eq!(facts[0].row_label, "合计");
    assert_eq!(facts[1].row_label, "测试评估认证服务");
    assert_eq!(facts[1].project, "信息化测评");
}
#[test]
fn unit_name_then_project_name() {
    let t = table(
        &[&["单位名称"], &["项目名称"], &["总计"], &["一般公共预算"]],
        &[
            &["", "合计", "10.00", "8.00"],
            &["杭州市公安局", "执法办案", "10.00", "8.00"],
        ],
    );
    let (facts, _) = table_facts(0, &t);
    let got: Vec<(&str, &str)> = facts
        .iter()
        .map(|f| (f.row_label.as_str(), f.project.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("合计", ""),
            ("合计", ""),
            ("执法办案", "执法办案"),
            ("执法办案", "执法办案")
        ]
    );
}
#[test]
fn column_number_rows() {
    let row = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(is_column_number_row(&row(&["栏次", "", "1", "2"])));
    assert!(is_column_number_row(&row(&["**", "1"])));
    assert!(is_column_number_row(&row(&["", "", "1", "2", "3", "4"])));
    assert!(!is_column_number_row(&row(&["合计", "1", "2"])));
    assert!(!is_column_number_row(&row(&["", "1.00", "2.00", "3.00"])));
    assert!(!is_column_number_row(&row(&["", "5", "7", "9"])));
}
#[test]
fn row_kinds() {
    assert_eq!(row_kind("合 计"), "total");
    assert_eq!(row_kind("本年支出合计"), "total");
    assert_eq!(row_kind("收入总计"), "total");
    assert_eq!(row_kind("公务用车购置及运行费小计"), "subtotal");
    assert_eq!(row_kind("其中：公务用车购置费"), "part");
    assert_eq!(row_kind("一般公共服务支出"), "item");
}
#[test]
fn category_and_name_columns_under_one_header() {
    // 收入预算总表: one 项目名称 cell over a category column and the name column beside it,
    // read as the first column's header (the second has none) or as both columns' header.
    // Each row is named by its name column (小计 or the source); the category only where the
    // name column is empty.
    let rows: &[&[&str]] = &[
        &["收入总计", "", "100.00"],
        &["一般公共预算资金", "小计", "80.00"],
        &["", "公共财政拨款(补助)资金", "80.00"],
        &["其他资金", "小计", "20.00"],
        &["", "其他收入", "20.00"],
    ];
    for header in [
        &[&["项目名称"][..], &[], &["金额"]][..],
        &[&["项目名称"], &["项目名称"], &["金额"]],
    ] {
        let (facts, _) = table_facts(0, &table(header, rows));
        let labels: Vec<&str> = facts.iter().map(|f| f.row_label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "收入总计",
                "小计",
                "公共财政拨款(补助)资金",
                "小计",
                "其他收入"
            ],
            "{header:?}"
        );
    }
}
#[test]
fn name_column_of_the_second_half_names_its_rows() {
    // 财政拨款收支预算总表 printed as two halves, each 项目名称 | 金额: the second 项目名称 starts
    // a column group of its own (after the first half's amounts), so it names the expenditure
    // rows; it is no project column of the income half's names. Also with 项目 | 专项名称.
    for (name, second) in [("项目名称", "项目名称"), ("项目", "专项名称")] {
        let t = table(
            &[
                &["收入", name],
                &["收入", "金额"],
                &["支出", second],
                &["支出", "金额"],
            ],
            &[
                &["一、一般公共预算", "100.00", "一、基本支出", "60.00"],
                &["", "", "二、项目支出", "40.00"],
                &["收入合计", "100.00", "支出合计", "100.00"],
            ],
        );
        let (facts, _) = table_facts(0, &t);
        let spending: Vec<&str> = facts
            .iter()
            .filter(|f| f.col == 3)
            .map(|f| f.row_label.as_str())
            .collect();
        assert_eq!(
            spending,
            ["一、基本支出", "二、项目支出", "支出合计"],
            "{name}"
        );
    }
}
#[test]
fn first_level_project_row_is_named_by_its_project_column() {
    // 项目支出表: 类型 | 项目名称 > 一级项目 | 项目名称 > 二级项目 | 项目单位 | 合计. A 一级项目 row
    // prints its name only in the 一级项目 column (a project column): that names the row.
    for unit_header in ["项目单位", "单位"] {
        let t = table(
            &[
                &["类型"],
                &["项目名称", "一级项目"],
                &["项目名称", "二级项目"],
                &[unit_header],
                &["合计"],
            ],
            &[
                &["部门特定目标类项目", "", "", "", "474.56"],
                &["", "综合管理", "", "", "474.56"],
                &["", "", "信访专项经费", "某某局", "30.00"],
            ],
        );
        let (facts, _) = table_facts(0, &t);
        let labels: Vec<&str> = facts.iter().map(|f| f.row_label.as_str()).collect();
        assert_eq!(
            labels[..2],
            ["部门特定目标类项目", "综合管理"],
            "{unit_header}"
        );
        assert_eq!(facts[2].project, "信访专项经费");
    }
}

/// 重点项目绩效目标 printed as a list under a header (one row a project) is a table; a form
/// whose first row reads 项目名称 | <the project> is not.
#[test]
fn a_list_of_projects_is_a_table_not_a_form() {
    let list = table(
        &[
            &["二级预算单位名称"],
            &["一级项目名称"],
            &["预算数（万元）"],
            &["绩效目标"],
        ],
        &[
            &["某局（本级）", "安全生产专项经费", "21.96", "提升应急能力"],
            &[
                "某局（本级）",
                "民政综合业务管理",
                "1,618.85",
                "完成各项工作",
            ],
        ],
    );
    assert!(is_project_list(&list));
    let (facts, _) = table_facts(0, &list);
    let got: Vec<(&str, &str, String)> = facts
        .iter()
        .map(|f| {
            (
                f.row_label.as_str(),
                f.project.as_str(),
                f.column_path.join(">"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "安全生产专项经费",
                "安全生产专项经费",
                "预算数（万元）".to_string()
            ),
            (
                "民政综合业务管理",
                "民政综合业务管理",
                "预算数（万元）".to_string()
            ),
        ]
    );
    let form = table(
        &[&["项目名称"], &["社区服务提升项目"], &[""]],
        &[
            &["主管部门", "某局", ""],
            &["年度资金总额", "年初预算数", "28.38"],
            &["其中：财政拨款", "", "28.38"],
        ],
    );
    assert!(!is_project_list(&form));
}

/// Indicator targets, scores and weights are numbers but not money.
#[test]
fn scores_and_targets_are_not_money() {
    let t = table(
        &[&["三级指标"], &["本年绩效指标值"], &["分值"], &["项目总额"]],
        &[&["培训人次", "10", "20", "163.80"]],
    );
    let (facts, _) = table_facts(0, &t);
    let paths: Vec<String> = facts.iter().map(|f| f.column_path.join(">")).collect();
    assert_eq!(paths, ["项目总额"]);
}

/// 北京's 项目支出绩效目标表: a list of projects whose header rows stand among the body rows;
/// the money columns give one fact each per project, the indicator values none.
#[test]
fn a_list_form_gives_its_money_columns_only() {
    let t = table(
        &[],
        &[
            &[
                "项目名称",
                "项目总额",
                "其中：",
                "",
                "一级指标",
                "三级指标",
                "本年绩效指标值",
            ],
            &["", "", "财政资金", "其他资金", "", "", ""],
            &[
                "P1-营商环境",
                "90.000000",
                "90.000000",
                "",
                "产出指标",
                "完成率",
                "100",
            ],
            &["", "", "", "", "", "月报数量", "50"],
            &[
                "P2-节能环保",
                "54.000000",
                "50.000000",
                "4.000000",
                "效益指标",
                "覆盖率",
                "95",
            ],
        ],
    );
    let got: Vec<(String, String, String)> = form_facts(0, &t)
        .iter()
        .map(|f| {
            (
                f.row_label.clone(),
                f.column_path.join(" > "),
                f.amount.to_string(),
            )
        })
        .collect();
    let fact = |p: &str, c: &str, a: &str| (p.to_string(), c.to_string(), a.to_string());
    assert_eq!(
        got,
        [
            fact("P1-营商环境", "项目总额", "90.000000"),
            fact("P1-营商环境", "其中： > 财政资金", "90.000000"),
            fact("P2-节能环保", "项目总额", "54.000000"),
            fact("P2-节能环保", "其中： > 财政资金", "50.000000"),
            fact("P2-节能环保", "其他资金", "4.000000"),
        ]
    );
}

/// 西安's 政府采购预算表: 采购项目 names the row (over 采购目录), and 预算金额, whose group holds
/// only the 采购时间 after 数量, is named by it too, not by the time.
#[test]
fn procurement_rows_are_named_by_their_item() {
    let t = table(
        &[
            &["采购项目"],
            &["采购目录"],
            &["数量"],
            &["采购时间"],
            &["预算金额"],
        ],
        &[
            &["全民参保计划工作经费", "专业咨询", "1", "1月-12月", "28.00"],
            &["退休管理工作经费", "其他货物", "352", "1月-12月", "8.50"],
        ],
    );
    let (facts, _) = table_facts(0, &t);
    let got: Vec<(&str, String)> = facts
        .iter()
        .map(|f| (f.row_label.as_str(), f.column_path.join(">")))
        .collect();
    assert_eq!(
        got,
        [
            ("全民参保计划工作经费", "数量".to_string()),
            ("全民参保计划工作经费", "预算金额".to_string()),
            ("退休管理工作经费", "数量".to_string()),
            ("退休管理工作经费", "预算金额".to_string()),
        ]
    );
}
