//! One small test per rule of ruled grids and captions (cells, merged header cells, column
//! numbers, captions above or inside the frame, notes, cell boxes), on synthetic pages built
//! with the kit.

mod kit;

use kit::{read, rows, PageKit};

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
