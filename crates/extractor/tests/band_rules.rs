//! One small test per layout rule for tables ruled by horizontal lines only (word-processor
//! tables: rows in bands between rules, labels, headers and codes wrapped inside a band), each
//! on a synthetic page built with the kit (`kit/`). Tables without any rule: `layout_rules.rs`.

mod kit;

use kit::{read, rows, rule_less, PageKit};

/// Horizontal rules at these heights across the table (rows ruled, no vertical rules).
fn hrules(mut kit: PageKit, ys: &[f32]) -> PageKit {
    for &y in ys {
        kit = kit.hrule(y, 40.0, 410.0);
    }
    kit
}

#[test]
fn first_body_line_opens_a_row_band() {
    // Rows between horizontal rules; the first row's code 201 is wrapped in a narrow column:
    // 20 above the row's values, 1 below.
    let kit = rule_less()
        .text(50.0, 80.0, "20")
        .line(
            90.0,
            &[
                (80.0, "一般公共服务支出"),
                (300.0, "12.50"),
                (400.0, "3.00"),
            ],
        )
        .text(50.0, 100.0, "1")
        .line(
            118.0,
            &[
                (50.0, "201"),
                (80.0, "行政运行"),
                (300.0, "20.00"),
                (400.0, "4.00"),
            ],
        )
        .line(143.0, &[(80.0, "合计"), (300.0, "32.50"), (400.0, "7.00")]);
    let t = &read(vec![hrules(kit, &[55.0, 75.0, 110.0, 135.0, 160.0]).page()])[0];
    assert_eq!(rows(t)[0][..2], ["201", "一般公共服务支出"]);
    assert_eq!(rows(t).len(), 3);
}

#[test]
fn line_between_the_same_rules_as_a_rows_values_is_part_of_it() {
    // A code and a label wrapped over three lines around the row's values, between two rules:
    // one row, even where a line has text in two cells.
    let kit = rule_less()
        .line(80.0, &[(50.0, "20"), (80.0, "政府办公厅及相关")])
        .line(90.0, &[(300.0, "12.50"), (400.0, "3.00")])
        .line(100.0, &[(50.0, "1"), (80.0, "机构事务")])
        .line(
            118.0,
            &[
                (50.0, "201"),
                (80.0, "行政运行"),
                (300.0, "20.00"),
                (400.0, "4.00"),
            ],
        )
        .line(143.0, &[(80.0, "合计"), (300.0, "32.50"), (400.0, "7.00")]);
    let t = &read(vec![hrules(kit, &[55.0, 75.0, 110.0, 135.0, 160.0]).page()])[0];
    assert_eq!(rows(t)[0][..2], ["201", "政府办公厅及相关机构事务"]);
    assert_eq!(rows(t).len(), 3);
}

#[test]
fn header_cell_wrapped_with_loose_line_spacing_is_one_cell_between_rules() {
    // 科目编 / 码 and 一般公共预 / 算: header lines set 1.66 font sizes apart (gap 0.66), the
    // header's rows drawn by rules (above it and between it and the body).
    let kit = PageKit::new()
        .size(8.0)
        .text(50.0, 30.0, "表1 收入表")
        .line(50.0, &[(50.0, "科目编"), (255.0, "一般公共预")])
        .line(63.3, &[(58.0, "码"), (271.0, "算")])
        .line(
            80.0,
            &[(50.0, "201"), (90.0, "一般公共服务支出"), (300.0, "12.50")],
        )
        .line(95.0, &[(50.0, "205"), (90.0, "教育支出"), (300.0, "20.00")])
        .line(110.0, &[(90.0, "合计"), (300.0, "32.50")]);
    let t = &read(vec![hrules(kit, &[45.0, 75.0, 92.0, 107.0, 122.0]).page()])[0];
    assert_eq!(t.header_paths[0], ["科目编码"]);
    assert_eq!(t.header_paths.last().unwrap(), &["一般公共预算"]);
}

#[test]
fn code_wrapped_in_a_narrow_column_is_one_code() {
    // 2010303 printed as 20103 over 03 in a narrow code column (codes centred), between the
    // row's rules.
    let kit = rule_less()
        .text(50.0, 80.0, "20103")
        .line(
            90.0,
            &[
                (57.5, "03"),
                (90.0, "机关服务"),
                (300.0, "12.50"),
                (400.0, "3.00"),
            ],
        )
        .line(
            118.0,
            &[
                (55.0, "201"),
                (90.0, "行政运行"),
                (300.0, "20.00"),
                (400.0, "4.00"),
            ],
        )
        .line(143.0, &[(90.0, "合计"), (300.0, "32.50"), (400.0, "7.00")]);
    let t = &read(vec![hrules(kit, &[55.0, 75.0, 110.0, 135.0, 160.0]).page()])[0];
    assert_eq!(rows(t)[0][..2], ["2010303", "机关服务"]);
}

#[test]
fn code_printed_one_digit_a_line_stays_with_its_rows_band() {
    // 201 printed one digit a line in a narrow column between the row's rules: `2` above a
    // line starting with `0` (which would start an item of its own), `1` below.
    let kit = rule_less()
        .text(50.0, 78.0, "2")
        .line(
            88.0,
            &[
                (50.0, "0"),
                (80.0, "一般公共服务支出"),
                (300.0, "12.50"),
                (400.0, "3.00"),
            ],
        )
        .text(50.0, 98.0, "1")
        .line(
            118.0,
            &[
                (50.0, "201"),
                (80.0, "行政运行"),
                (300.0, "20.00"),
                (400.0, "4.00"),
            ],
        )
        .line(143.0, &[(80.0, "合计"), (300.0, "32.50"), (400.0, "7.00")]);
    let t = &read(vec![hrules(kit, &[55.0, 75.0, 110.0, 135.0, 160.0]).page()])[0];
    assert_eq!(rows(t)[0][..2], ["201", "一般公共服务支出"]);
    assert_eq!(rows(t).len(), 3);
}

#[test]
fn digit_touching_the_tables_last_line_is_no_page_number() {
    // The last row's code 201 wrapped as 20 over 1, the 1 the page's last line but one: set
    // as close as the lines of one cell, it is the code's end; the page number far below
    // is not.
    let kit = rule_less()
        .line(
            80.0,
            &[
                (50.0, "201"),
                (80.0, "一般公共服务支出"),
                (300.0, "12.50"),
                (400.0, "3.00"),
            ],
        )
        .line(
            95.0,
            &[
                (50.0, "201"),
                (80.0, "行政运行"),
                (300.0, "20.00"),
                (400.0, "4.00"),
            ],
        )
        .text(50.0, 113.0, "20")
        .line(
            123.0,
            &[(80.0, "政府办公厅"), (300.0, "32.50"), (400.0, "7.00")],
        )
        .text(50.0, 133.0, "1")
        .text(290.0, 800.0, "3");
    let t = &read(vec![hrules(kit, &[55.0, 75.0, 92.0, 110.0, 145.0]).page()])[0];
    assert_eq!(rows(t)[2][..2], ["201", "政府办公厅"]);
    assert!(!rows(t).iter().flatten().any(|c| c == "3"));
}

#[test]
fn ruled_rows_without_values_above_the_last_row_are_rows() {
    // The rest of a table continued from the previous page: rows of labels alone, each in its
    // band, then the total with its amounts. They are rows, not header lines.
    let kit = rule_less()
        .line(80.0, &[(50.0, "222"), (80.0, "粮油物资储备支出")])
        .line(100.0, &[(50.0, "223"), (80.0, "国有资本经营预算支出")])
        .line(
            120.0,
            &[(50.0, "支出总计"), (300.0, "32.50"), (400.0, "7.00")],
        );
    let t = &read(vec![hrules(kit, &[55.0, 75.0, 95.0, 115.0, 135.0]).page()])[0];
    assert_eq!(t.header_paths, [["项目"], ["预算数"], ["决算数"]]);
    assert_eq!(rows(t).len(), 3);
    assert_eq!(rows(t)[2], ["支出总计", "32.50", "7.00"]);
}

#[test]
fn label_wrapped_around_the_only_values_in_one_ruled_band_is_one_cell() {
    // A form (项目支出绩效目标表): 其中：财 / 政拨款 wrapped above and below the row's values,
    // between the same two rules as they; the rule above it ends the header.
    let page = PageKit::new()
        .text(150.0, 30.0, "项目支出绩效目标表")
        .line(80.0, &[(50.0, "项目名称"), (120.0, "道路养护经费")])
        .text(200.0, 103.0, "其中：财")
        .line(
            113.0,
            &[
                (50.0, "项目资金"),
                (120.0, "年度预算"),
                (190.0, "54.07"),
                (300.0, "54.07"),
            ],
        )
        .text(200.0, 123.0, "政拨款")
        .hrule(75.0, 40.0, 410.0)
        .hrule(100.0, 40.0, 410.0)
        .hrule(140.0, 40.0, 410.0)
        .page();
    let t = &read(vec![page])[0];
    let row = rows(t)
        .into_iter()
        .find(|r| r.iter().any(|c| c == "54.07"))
        .unwrap();
    assert!(row.iter().any(|c| c == "其中：财政拨款"), "{row:?}");
}

#[test]
fn header_line_wider_than_the_line_above_but_centred_under_it_goes_on_from_it() {
    // 财政拨款 / （补助）小 / 计: the line broken after a full-width bracket leaves the next one
    // a character wider than the first; centred under it, it is the same cell, not a level
    // below it.
    let kit = PageKit::new()
        .text(50.0, 30.0, "表2 收入表")
        .text(285.0, 50.0, "财政拨款（补助）")
        .hrule(62.0, 240.0, 410.0)
        .line(65.0, &[(260.0, "财政拨款"), (350.0, "一般公共预")])
        .line(
            77.0,
            &[(50.0, "项目"), (255.0, "（补助）小"), (370.0, "算")],
        )
        .text(275.0, 89.0, "计")
        .line(
            105.0,
            &[(50.0, "教育支出"), (300.0, "12.50"), (400.0, "12.50")],
        )
        .line(
            120.0,
            &[(50.0, "卫生健康支出"), (300.0, "20.00"), (400.0, "20.00")],
        )
        .line(135.0, &[(50.0, "合计"), (300.0, "32.50"), (400.0, "32.50")]);
    let t = &read(vec![hrules(kit, &[45.0, 101.0, 117.0, 132.0, 147.0]).page()])[0];
    assert_eq!(
        t.header_paths[1],
        ["财政拨款（补助）", "财政拨款（补助）小计"]
    );
    assert_eq!(t.header_paths[2].last().unwrap(), "一般公共预算");
}

#[test]
fn long_run_of_short_header_cells_is_not_prose() {
    // Ten header cells set so close that the line is one piece of 49 characters (with the
    // spaces between them): short words set apart are cells, not a sentence.
    let heads = [
        "工资福利",
        "商品服务",
        "对个人和",
        "债务利息",
        "资本性支",
        "基本建设",
        "对企业补",
        "社会保障",
        "其他支出",
        "预留机动",
    ];
    let mut kit = PageKit::new()
        .size(8.0)
        .text(20.0, 30.0, "表3 支出表")
        .text(20.0, 60.0, "科目");
    for (i, h) in heads.iter().enumerate() {
        kit = kit.text(60.0 + 38.0 * i as f32, 60.0, h);
    }
    for (r, label) in ["工资", "商品", "合计"].iter().enumerate() {
        let y = 80.0 + 15.0 * r as f32;
        kit = kit.text(20.0, y, label);
        for i in 0..heads.len() {
            kit = kit.right(92.0 + 38.0 * i as f32, y, "1.00");
        }
    }
    let t = &read(vec![kit.page()])[0];
    assert_eq!(t.header_paths.len(), 11);
    assert_eq!(t.header_paths[1], ["工资福利"]);
    assert_eq!(t.header_paths[10], ["预留机动"]);
}
