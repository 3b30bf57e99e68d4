//! One small test per layout rule, each on a synthetic page built with the kit (`kit/`):
//! the rule's name is the test's name. A rule changed on purpose changes its test here.

mod kit;

use kit::{column, read, rows, PageKit};

/// Labels at x = 50, amounts right-aligned at 300 and 400, the header line at y = 60.
fn rule_less() -> PageKit {
    PageKit::new().text(50.0, 30.0, "表1 收入支出表").line(
        60.0,
        &[(50.0, "项目"), (270.0, "预算数"), (370.0, "决算数")],
    )
}

// --- Ruled grids ---------------------------------------------------------------------------

#[test]
fn glyph_cut_by_column_rule_goes_to_nearer_neighbour() {
    // The first digit of a wide amount straddles the rule at x = 250; its neighbour on the
    // right touches it, the text on its left keeps a gap.
    let page = PageKit::new()
        .text(50.0, 30.0, "表1 收入总表")
        .ruled(&[50.0, 150.0, 250.0, 350.0], &[60.0, 80.0, 100.0])
        .grid_row(0, &["科目", "预算数", "决算数"])
        .cell(0, 1, "工资")
        .right(200.0, 85.0, "1.00")
        .text(247.0, 85.0, "12345.67")
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(rows(t), [["工资", "1.00", "12345.67"]]);
}

#[test]
fn column_number_row_is_not_data() {
    let page = PageKit::new()
        .text(50.0, 30.0, "表1 收入总表")
        .ruled(
            &[50.0, 150.0, 250.0, 350.0, 450.0],
            &[60.0, 80.0, 100.0, 120.0],
        )
        .grid_row(0, &["项目", "预算数", "决算数", "增减"])
        .grid_row(1, &["栏次", "1", "2", "3"])
        .grid_row(2, &["工资", "1.00", "2.00", "1.00"])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(rows(t), [["工资", "1.00", "2.00", "1.00"]]);
    assert_eq!(t.header_paths[1], ["预算数"]);
}

#[test]
fn merged_header_cell_heads_the_columns_below_it() {
    // 本年预算 spans two columns: no rule between them in the first row.
    let (xs, ys) = ([50.0, 150.0, 250.0, 350.0], [60.0, 80.0, 100.0, 120.0]);
    let mut kit = PageKit::new().text(50.0, 30.0, "表1 支出总表");
    for y in ys {
        kit = kit.hrule(y, xs[0], xs[3]);
    }
    let page = kit
        .vrule(50.0, 60.0, 120.0)
        .vrule(150.0, 60.0, 120.0)
        .vrule(250.0, 80.0, 120.0)
        .vrule(350.0, 60.0, 120.0)
        .text(52.0, 65.0, "项目")
        .text(230.0, 65.0, "本年预算")
        .text(152.0, 85.0, "基本支出")
        .text(252.0, 85.0, "项目支出")
        .right(148.0, 105.0, "")
        .text(52.0, 105.0, "工资")
        .right(248.0, 105.0, "1.00")
        .right(348.0, 105.0, "2.00")
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(t.header_paths[1], ["本年预算", "基本支出"]);
    assert_eq!(t.header_paths[2], ["本年预算", "项目支出"]);
    assert_eq!(rows(t), [["工资", "1.00", "2.00"]]);
}

#[test]
fn caption_drawn_inside_the_frame_is_the_caption() {
    // Title and unit in the first two rows of the frame, each a cell spanning the table.
    let (xs, ys) = (
        [50.0, 150.0, 250.0, 350.0],
        [40.0, 60.0, 80.0, 100.0, 120.0],
    );
    let mut kit = PageKit::new();
    for y in ys {
        kit = kit.hrule(y, xs[0], xs[3]);
    }
    let page = kit
        .vrule(50.0, 40.0, 120.0)
        .vrule(350.0, 40.0, 120.0)
        .vrule(150.0, 80.0, 120.0)
        .vrule(250.0, 80.0, 120.0)
        .text(120.0, 45.0, "一般公共预算支出情况表")
        .text(280.0, 65.0, "单位：万元")
        .text(52.0, 85.0, "项目")
        .text(152.0, 85.0, "预算数")
        .text(252.0, 85.0, "决算数")
        .text(52.0, 105.0, "工资")
        .right(248.0, 105.0, "1.00")
        .right(348.0, 105.0, "2.00")
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(t.title, "一般公共预算支出情况表");
    assert_eq!(t.amount_unit, "万元");
    assert_eq!(rows(t), [["工资", "1.00", "2.00"]]);
}

#[test]
fn caption_above_gives_number_title_unit_and_unit_name() {
    let page = PageKit::new()
        .text(50.0, 10.0, "表3")
        .text(50.0, 25.0, "一般公共预算支出情况表")
        .text(50.0, 40.0, "编制单位：某某市财政局")
        .text(250.0, 40.0, "单位：万元")
        .ruled(&[50.0, 150.0, 250.0], &[60.0, 80.0, 100.0])
        .grid_row(0, &["项目", "预算数"])
        .grid_row(1, &["工资", "1.00"])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(
        (
            t.table_no.as_str(),
            t.title.as_str(),
            t.amount_unit.as_str()
        ),
        ("表3", "一般公共预算支出情况表", "万元")
    );
    assert_eq!(t.unit_name, "某某市财政局");
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

// --- Across pages --------------------------------------------------------------------------

/// A ruled table of three columns at the top of page `n`, header first when `header`.
fn ruled_page(n: usize, title: Option<&str>, header: bool, body: &[[&str; 3]]) -> PageKit {
    let mut kit = PageKit::new().number(n);
    let mut top = 40.0;
    if let Some(t) = title {
        kit = kit.text(50.0, 20.0, t);
        top = 60.0;
    }
    let nrows = body.len() + usize::from(header);
    let ys: Vec<f32> = (0..=nrows).map(|i| top + 20.0 * i as f32).collect();
    kit = kit.ruled(&[50.0, 150.0, 300.0, 400.0], &ys);
    let mut r = 0;
    if header {
        kit = kit.grid_row(0, &["科目编码", "科目名称", "金额"]);
        r = 1;
    }
    for row in body {
        kit = kit.grid_row(r, row);
        r += 1;
    }
    kit
}

#[test]
fn table_open_at_the_bottom_goes_on_at_the_top_of_the_next_page() {
    let p1 = ruled_page(
        1,
        Some("表2 支出总表"),
        true,
        &[["201", "一般公共服务支出", "1.00"]],
    );
    let p2 = ruled_page(2, None, true, &[["202", "外交支出", "2.00"]]);
    let tables = read(vec![p1.page(), p2.page()]);
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].pages, [1, 2]);
    // The header repeated on the new page is dropped.
    assert_eq!(column(&tables[0], 1), ["一般公共服务支出", "外交支出"]);
}

#[test]
fn table_with_a_title_of_its_own_on_the_next_page_is_a_new_table() {
    let p1 = ruled_page(
        1,
        Some("表2 支出总表"),
        true,
        &[["201", "一般公共服务支出", "1.00"]],
    );
    let p2 = ruled_page(
        2,
        Some("表3 收入总表"),
        true,
        &[["202", "外交支出", "2.00"]],
    );
    let tables = read(vec![p1.page(), p2.page()]);
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[1].table_no, "表3");
}

#[test]
fn row_broken_across_pages_joins_row() {
    let p1 = ruled_page(
        1,
        Some("表2 支出总表"),
        true,
        &[
            ["208", "社会保障和就业支出", "34.22"],
            ["211", "节能环保", "305.69"],
        ],
    );
    let p2 = ruled_page(
        2,
        None,
        false,
        &[["", "支出", ""], ["21101", "环境保护管理事务", "305.69"]],
    );
    let t = &read(vec![p1.page(), p2.page()])[0];
    assert_eq!(
        column(t, 1),
        ["社会保障和就业支出", "节能环保支出", "环境保护管理事务"]
    );
    // The joined row keeps its first page.
    assert_eq!(t.rows[1].page, 1);
}

#[test]
fn title_printed_at_the_bottom_of_a_page_heads_the_table_on_the_next() {
    let p1 = PageKit::new()
        .text(50.0, 40.0, "这是一页说明文字，没有表格。")
        .text(50.0, 780.0, "表5 政府性基金预算支出表");
    let p2 = ruled_page(2, None, true, &[["229", "其他支出", "1.00"]]);
    let tables = read(vec![p1.page(), p2.page()]);
    assert_eq!(tables[0].title, "政府性基金预算支出表");
    assert_eq!(tables[0].table_no, "表5");
}

#[test]
fn running_header_does_not_make_a_table_start_mid_page() {
    // The same line tops every page: above the continuation it is not text of the page.
    let head = "某某局2026年部门预算公开";
    let pages: Vec<_> = (1..=4)
        .map(|n| {
            let title = (n == 1).then_some("表2 支出总表");
            let code = format!("20{n}");
            ruled_page(n, title, true, &[[code.as_str(), "支出项目", "1.00"]])
                .text(200.0, 5.0, head)
                .page()
        })
        .collect();
    let tables = read(pages);
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].pages, [1, 2, 3, 4]);
}

#[test]
fn cell_boxes_are_the_cells_drawn() {
    let page = PageKit::new()
        .text(50.0, 30.0, "表1 收入总表")
        .ruled(&[50.0, 150.0, 250.0], &[60.0, 80.0, 100.0])
        .grid_row(0, &["科目", "预算数"])
        .grid_row(1, &["工资", "1.00"])
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(t.rows[0].boxes[1], Some([150.0, 80.0, 250.0, 100.0]));
    assert_eq!(t.header_boxes[0][0], Some([50.0, 60.0, 150.0, 80.0]));
}

#[test]
fn continued_marker_joins_a_table_below_other_text() {
    let p1 = ruled_page(
        1,
        Some("表2 支出总表"),
        true,
        &[["201", "一般公共服务支出", "1.00"]],
    );
    let p2 = PageKit::new()
        .number(2)
        .text(50.0, 10.0, "以下为上页表格的其余部分")
        .text(50.0, 25.0, "续表")
        .ruled(&[50.0, 150.0, 300.0, 400.0], &[40.0, 60.0, 80.0])
        .grid_row(0, &["科目编码", "科目名称", "金额"])
        .grid_row(1, &["202", "外交支出", "2.00"]);
    let tables = read(vec![p1.page(), p2.page()]);
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].pages, [1, 2]);
}

#[test]
fn note_printed_below_the_table_is_kept() {
    let page = PageKit::new()
        .text(50.0, 30.0, "表8 政府性基金预算支出表")
        .ruled(&[50.0, 150.0, 250.0], &[60.0, 80.0, 100.0])
        .grid_row(0, &["项目", "预算数"])
        .grid_row(1, &["合计", "0.00"])
        .text(
            50.0,
            110.0,
            "注：本单位无政府性基金预算支出，故本表为空表。",
        )
        .page();
    let t = &read(vec![page])[0];
    assert!(t.note.contains("空表"), "{}", t.note);
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

#[test]
fn table_number_with_a_disclosure_word_is_read() {
    let page = PageKit::new()
        .text(50.0, 30.0, "公开表7")
        .text(50.0, 45.0, "一般公共预算“三公”经费支出情况表")
        .ruled(&[50.0, 150.0, 250.0], &[60.0, 80.0, 100.0])
        .grid_row(0, &["项目", "预算数"])
        .grid_row(1, &["合计", "1.00"])
        .page();
    assert_eq!(read(vec![page])[0].table_no, "公开表7");
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
fn header_cell_wrapped_with_loose_line_spacing_is_one_cell() {
    // 科目编 / 码 and 一般公共预 / 算: header lines set 1.66 font sizes apart (gap 0.66).
    let page = PageKit::new()
        .size(8.0)
        .text(50.0, 30.0, "表1 收入表")
        .line(50.0, &[(50.0, "科目编"), (255.0, "一般公共预")])
        .line(63.3, &[(58.0, "码"), (271.0, "算")])
        .line(
            80.0,
            &[(50.0, "201"), (90.0, "一般公共服务支出"), (300.0, "12.50")],
        )
        .line(95.0, &[(50.0, "205"), (90.0, "教育支出"), (300.0, "20.00")])
        .line(110.0, &[(90.0, "合计"), (300.0, "32.50")])
        .page();
    let t = &read(vec![page])[0];
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
fn continuation_with_fewer_columns_lines_up_by_column_edges() {
    // The rest of a table on the next page, without title or header, its code printed whole
    // in one column where the first page has 类 | 款 | 项.
    let p1 = PageKit::new()
        .text(50.0, 30.0, "表4 财政拨款支出决算表")
        .ruled(
            &[50.0, 80.0, 110.0, 140.0, 250.0, 350.0],
            &[60.0, 80.0, 100.0],
        )
        .grid_row(0, &["类", "款", "项", "科目名称", "金额"])
        .grid_row(1, &["201", "01", "01", "行政运行", "1.00"]);
    let p2 = PageKit::new()
        .number(2)
        .ruled(&[50.0, 140.0, 250.0, 350.0], &[40.0, 60.0])
        .grid_row(0, &["2010102", "一般行政管理事务", "2.00"]);
    let tables = read(vec![p1.page(), p2.page()]);
    assert_eq!(tables.len(), 1);
    assert_eq!(
        rows(&tables[0])[1],
        ["2010102", "", "", "一般行政管理事务", "2.00"]
    );
}

#[test]
fn two_wide_texts_side_by_side_in_the_first_row_are_header_cells() {
    // 收入 | 支出 each merged over half of the table: a header row, not a caption.
    let (xs, ys) = (
        [50.0, 150.0, 250.0, 350.0, 450.0],
        [60.0, 80.0, 100.0, 120.0],
    );
    let mut kit = PageKit::new().text(50.0, 30.0, "表1 收支总表");
    for y in ys {
        kit = kit.hrule(y, xs[0], xs[4]);
    }
    let page = kit
        .vrule(50.0, 60.0, 120.0)
        .vrule(250.0, 60.0, 120.0)
        .vrule(450.0, 60.0, 120.0)
        .vrule(150.0, 80.0, 120.0)
        .vrule(350.0, 80.0, 120.0)
        .text(140.0, 65.0, "收入")
        .text(340.0, 65.0, "支出")
        .line(
            85.0,
            &[
                (52.0, "项目"),
                (152.0, "预算数"),
                (252.0, "项目"),
                (352.0, "预算数"),
            ],
        )
        .line(
            105.0,
            &[
                (52.0, "一、本年收入"),
                (248.0, "12.50"),
                (252.0, "一、本年支出"),
                (448.0, "12.50"),
            ],
        )
        .page();
    let t = &read(vec![page])[0];
    assert_eq!(t.header_paths[1], ["收入", "预算数"]);
    assert_eq!(t.header_paths[3], ["支出", "预算数"]);
}

#[test]
fn row_broken_inside_its_cells_by_the_page_joins_row() {
    // The page cuts the row inside its cells: 杭州市机动 | 车驾驶员考试服务中心 and 12,437.3 | 6.
    let p1 = ruled_page(
        1,
        Some("表2 收入总表"),
        true,
        &[
            ["1", "杭州市公安局", "1,204.75"],
            ["2", "杭州市机动", "12,437.3"],
        ],
    );
    let p2 = ruled_page(
        2,
        None,
        false,
        &[
            ["", "车驾驶员考试服务中心", "6"],
            ["3", "合计", "13,642.11"],
        ],
    );
    let t = &read(vec![p1.page(), p2.page()])[0];
    assert_eq!(
        rows(t)[1],
        ["2", "杭州市机动车驾驶员考试服务中心", "12,437.36"]
    );
    assert_eq!(rows(t).len(), 3);
}
