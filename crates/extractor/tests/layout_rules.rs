//! One small test per layout rule for tables drawn without vertical rules (found from text
//! alignment), each on a synthetic page built with the kit (`kit/`): the rule's name is the
//! test's name. A rule changed on purpose changes its test here. Ruled grids and captions:
//! `grid_rules.rs`; tables across pages: `page_rules.rs`.

mod kit;

use kit::{column, read, rows, PageKit};

/// Labels at x = 50, amounts right-aligned at 300 and 400, the header line at y = 60.
fn rule_less() -> PageKit {
    PageKit::new().text(50.0, 30.0, "表1 收入支出表").line(
        60.0,
        &[(50.0, "项目"), (270.0, "预算数"), (370.0, "决算数")],
    )
}

#[test]
fn stacked_amount_lines_mean_the_rows_are_not_drawn() {
    // A frame and column rules, no rule between the rows: read from text alignment.
    let page = rule_less()
        .frame(40.0, 55.0, 410.0, 150.0)
        .vrule(200.0, 55.0, 150.0)
        .vrule(310.0, 55.0, 150.0)
        .line(
            80.0,
            &[(50.0, "工资福利支出"), (300.0, "12.50"), (400.0, "3.00")],
        )
        .line(
            100.0,
            &[(50.0, "商品和服务支出"), (300.0, "20.00"), (400.0, "4.00")],
        )
        .line(120.0, &[(50.0, "合计"), (300.0, "32.50"), (400.0, "7.00")])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(column(t, 0), ["工资福利支出", "商品和服务支出", "合计"]);
    assert_eq!(column(t, 2), ["3.00", "4.00", "7.00"]);
}

// --- Tables without rules ------------------------------------------------------------------

#[test]
fn aligned_amount_lines_make_a_table() {
    let page = rule_less()
        .line(
            80.0,
            &[(50.0, "工资福利支出"), (300.0, "12.50"), (400.0, "3.00")],
        )
        .line(
            100.0,
            &[(50.0, "商品和服务支出"), (300.0, "20.00"), (400.0, "4.00")],
        )
        .line(120.0, &[(50.0, "合计"), (300.0, "32.50"), (400.0, "7.00")])
        .page();
    let tables = read(vec![page]);
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(t.title, "收入支出表");
    assert_eq!(t.header_paths, [["项目"], ["预算数"], ["决算数"]]);
    assert_eq!(rows(t)[2], ["合计", "32.50", "7.00"]);
}

#[test]
fn one_cell_frame_does_not_hide_the_table() {
    let page = rule_less()
        .frame(40.0, 55.0, 410.0, 150.0)
        .line(
            80.0,
            &[(50.0, "工资福利支出"), (300.0, "12.50"), (400.0, "3.00")],
        )
        .line(
            100.0,
            &[(50.0, "商品和服务支出"), (300.0, "20.00"), (400.0, "4.00")],
        )
        .line(120.0, &[(50.0, "合计"), (300.0, "32.50"), (400.0, "7.00")])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(column(t, 0), ["工资福利支出", "商品和服务支出", "合计"]);
}

#[test]
fn dash_only_line_is_its_own_row() {
    let page = rule_less()
        .line(
            80.0,
            &[(50.0, "工资福利支出"), (300.0, "12.50"), (400.0, "3.00")],
        )
        .line(
            100.0,
            &[(50.0, "商品和服务支出"), (300.0, "20.00"), (400.0, "4.00")],
        )
        .line(112.0, &[(300.0, "-"), (400.0, "-")])
        .line(130.0, &[(50.0, "合计"), (300.0, "32.50"), (400.0, "7.00")])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(rows(t).len(), 4);
    assert_eq!(rows(t)[2], ["", "-", "-"]);
}

#[test]
fn label_filling_its_cell_wraps_onto_the_next_line() {
    let page = rule_less()
        .line(
            80.0,
            &[
                (50.0, "一般公共服务支出项目"),
                (300.0, "12.50"),
                (400.0, "3.00"),
            ],
        )
        .line(95.0, &[(50.0, "经费")])
        .line(120.0, &[(50.0, "工资"), (300.0, "20.00"), (400.0, "4.00")])
        .line(140.0, &[(50.0, "合计"), (300.0, "32.50"), (400.0, "7.00")])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(column(t, 0), ["一般公共服务支出项目经费", "工资", "合计"]);
}

#[test]
fn label_ending_short_of_cell_width_does_not_wrap() {
    // 工资 ends far short of the widest label: the line below it is a row of its own.
    let page = rule_less()
        .line(
            80.0,
            &[
                (50.0, "一般公共服务支出项目"),
                (300.0, "12.50"),
                (400.0, "3.00"),
            ],
        )
        .line(100.0, &[(50.0, "工资"), (300.0, "20.00"), (400.0, "4.00")])
        .line(115.0, &[(50.0, "其他")])
        .line(140.0, &[(50.0, "合计"), (300.0, "32.50"), (400.0, "7.00")])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(
        column(t, 0),
        ["一般公共服务支出项目", "工资", "其他", "合计"]
    );
}

#[test]
fn lines_of_one_cell_may_be_1_9_font_sizes_apart() {
    // CJK fonts set lines loosely: 1.8 font sizes between the two lines of one label.
    let page = rule_less()
        .line(
            80.0,
            &[
                (50.0, "一般公共服务支出项目"),
                (300.0, "12.50"),
                (400.0, "3.00"),
            ],
        )
        .line(98.0, &[(50.0, "经费")])
        .line(130.0, &[(50.0, "工资"), (300.0, "20.00"), (400.0, "4.00")])
        .line(150.0, &[(50.0, "合计"), (300.0, "32.50"), (400.0, "7.00")])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(column(t, 0)[0], "一般公共服务支出项目经费");
}

#[test]
fn line_never_continues_into_a_next_item_or_total() {
    // 办公费用补助 fills its cell and sits close above 合计, but a total starts its own row.
    let page = rule_less()
        .line(80.0, &[(50.0, "工资"), (300.0, "12.50"), (400.0, "3.00")])
        .line(100.0, &[(50.0, "办公费用补助")])
        .line(114.0, &[(50.0, "合计"), (300.0, "32.50"), (400.0, "7.00")])
        .line(
            134.0,
            &[(50.0, "其中：工资"), (300.0, "20.00"), (400.0, "4.00")],
        )
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(column(t, 0)[..3], ["工资", "办公费用补助", "合计"]);
}

#[test]
fn text_in_two_cells_is_a_row() {
    // A code and its name with blank amounts: a row, not the wrapped end of a label.
    let page = rule_less()
        .line(80.0, &[(50.0, "201"), (90.0, "一般公共服务支出")])
        .line(
            100.0,
            &[
                (50.0, "20101"),
                (90.0, "人大事务"),
                (300.0, "12.50"),
                (400.0, "3.00"),
            ],
        )
        .line(
            120.0,
            &[
                (50.0, "20102"),
                (90.0, "政协事务"),
                (300.0, "20.00"),
                (400.0, "4.00"),
            ],
        )
        .line(140.0, &[(90.0, "合计"), (300.0, "32.50"), (400.0, "7.00")])
        .page();
    let t = &read(vec![page])[0];
    eprintln!("{:?} {:?}", t.header_paths, rows(t));
    assert_eq!(rows(t)[0][..2], ["201", "一般公共服务支出"]);
    assert_eq!(rows(t).len(), 4);
}

#[test]
fn group_header_is_widened_over_the_columns_it_is_centred_on() {
    let page = PageKit::new()
        .text(50.0, 30.0, "表1 支出表")
        .line(55.0, &[(50.0, "项目"), (315.0, "本年预算")])
        .line(70.0, &[(270.0, "基本支出"), (370.0, "项目支出")])
        .line(
            90.0,
            &[(50.0, "工资福利支出"), (300.0, "12.50"), (400.0, "3.00")],
        )
        .line(
            110.0,
            &[(50.0, "商品和服务支出"), (300.0, "20.00"), (400.0, "4.00")],
        )
        .line(130.0, &[(50.0, "合计"), (300.0, "32.50"), (400.0, "7.00")])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(t.header_paths[1], ["本年预算", "基本支出"]);
    assert_eq!(t.header_paths[2], ["本年预算", "项目支出"]);
}

#[test]
fn rule_on_top_of_the_header_closes_the_table() {
    let page = rule_less()
        .text(50.0, 44.0, "资金来源")
        .hrule(57.0, 40.0, 410.0)
        .line(
            80.0,
            &[(50.0, "工资福利支出"), (300.0, "12.50"), (400.0, "3.00")],
        )
        .line(
            100.0,
            &[(50.0, "商品和服务支出"), (300.0, "20.00"), (400.0, "4.00")],
        )
        .line(120.0, &[(50.0, "合计"), (300.0, "32.50"), (400.0, "7.00")])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(t.header_paths[0], ["项目"]);
}

#[test]
fn short_table_under_a_caption_is_found() {
    // Two amount lines cannot show aligned columns; a caption and a header line above them
    // are evidence enough.
    let page = rule_less()
        .line(
            80.0,
            &[(50.0, "工资福利支出"), (300.0, "12.50"), (400.0, "3.00")],
        )
        .line(100.0, &[(50.0, "合计"), (300.0, "12.50"), (400.0, "3.00")])
        .page();
    let tables = read(vec![page]);
    assert_eq!(tables.len(), 1);
    assert_eq!(column(&tables[0], 0), ["工资福利支出", "合计"]);
}

#[test]
fn class_section_item_never_end_a_wrapped_header() {
    // 类 款 项 right under 科目编码 are its sub-columns, not the end of its text.
    let page = PageKit::new()
        .text(50.0, 30.0, "表1 支出表")
        .line(
            55.0,
            &[(60.0, "科目编码"), (130.0, "科目名称"), (300.0, "金额")],
        )
        .line(68.0, &[(50.0, "类"), (75.0, "款"), (100.0, "项")])
        .line(
            90.0,
            &[
                (50.0, "201"),
                (75.0, "01"),
                (100.0, "01"),
                (130.0, "行政运行"),
                (300.0, "12.50"),
            ],
        )
        .line(
            110.0,
            &[
                (50.0, "201"),
                (75.0, "01"),
                (100.0, "02"),
                (130.0, "一般行政管理事务"),
                (300.0, "20.00"),
            ],
        )
        .line(130.0, &[(130.0, "合计"), (300.0, "32.50")])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(t.header_paths[0], ["科目编码", "类"]);
    assert_eq!(t.header_paths[2], ["科目编码", "项"]);
}

#[test]
fn numbers_one_space_apart_are_separate_cells() {
    // Amount columns so close that each line's amounts form one chunk: "12.50 3.00".
    let page = PageKit::new()
        .text(50.0, 30.0, "表1 收入支出表")
        .line(60.0, &[(50.0, "项目"), (280.0, "预算"), (310.0, "决算")])
        .line(
            80.0,
            &[(50.0, "工资福利支出"), (300.0, "12.50"), (330.0, "3.00")],
        )
        .line(
            100.0,
            &[(50.0, "商品和服务支出"), (300.0, "20.00"), (330.0, "4.00")],
        )
        .line(120.0, &[(50.0, "合计"), (300.0, "32.50"), (330.0, "7.00")])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(column(t, 1), ["12.50", "20.00", "32.50"]);
    assert_eq!(column(t, 2), ["3.00", "4.00", "7.00"]);
}

#[test]
fn bare_number_between_table_lines_is_not_a_page_footer() {
    // A line holding only "1" between rows (a code wrapped in a narrow column) does not cut
    // the table; the page number below everything does not join it.
    let page = rule_less()
        .line(
            80.0,
            &[(50.0, "工资福利支出"), (300.0, "12.50"), (400.0, "3.00")],
        )
        .line(
            100.0,
            &[(50.0, "商品和服务支出"), (300.0, "20.00"), (400.0, "4.00")],
        )
        .text(50.0, 110.0, "1")
        .line(120.0, &[(50.0, "办公费"), (300.0, "1.00"), (400.0, "1.00")])
        .line(140.0, &[(50.0, "合计"), (300.0, "33.50"), (400.0, "8.00")])
        .text(290.0, 800.0, "3")
        .page();
    let tables = read(vec![page]);
    assert_eq!(tables.len(), 1);
    let labels = column(&tables[0], 0);
    assert_eq!(labels.last().map(String::as_str), Some("合计"));
    assert!(!rows(&tables[0]).iter().flatten().any(|c| c == "3"));
}

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
