//! One small test per layout rule for tables drawn without vertical rules (found from text
//! alignment), each on a synthetic page built with the kit (`kit/`): the rule's name is the
//! test's name. A rule changed on purpose changes its test here. Ruled grids and captions:
//! `grid_rules.rs`; tables across pages: `page_rules.rs`; tables ruled by horizontal lines
//! only: `band_rules.rs`.

mod kit;

use kit::{column, read, rows, rule_less, PageKit};

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
