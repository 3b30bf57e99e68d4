//! Rules of reading what a page break does to a table's caption and edges: a title and header
//! left at a page's foot head the table opening the next page, a cell's line cut by the page
//! break is no text around the table, a title wrapped over two lines is one title.

mod kit;

use kit::{read, rows, PageKit};

/// A ruled table on page `n` with columns at `xs`, its first row boundary at `top`, and
/// `body` rows.
fn body_page(n: usize, top: f32, xs: &[f32], body: &[&[&str]]) -> PageKit {
    let ys: Vec<f32> = (0..=body.len()).map(|i| top + 20.0 * i as f32).collect();
    let mut kit = PageKit::new().number(n).ruled(xs, &ys);
    for (r, row) in body.iter().enumerate() {
        kit = kit.grid_row(r, row);
    }
    kit
}

const FOUR: [f32; 5] = [50.0, 150.0, 250.0, 350.0, 450.0];

#[test]
fn title_and_header_at_a_page_foot_head_the_table_on_the_next_page() {
    // Word 2007: the title and the 收入 | 支出 row over two columns each at the foot of page 1,
    // the table with its lower header row at the top of page 2.
    let p1 = PageKit::new()
        .text(100.0, 760.0, "四、财政拨款收支预算总表")
        .ruled(&[50.0, 250.0, 450.0], &[790.0, 810.0])
        .grid_row(0, &["收入", "支出"]);
    let p2 = body_page(
        2,
        40.0,
        &FOUR,
        &[
            &["项目名称", "金额", "项目名称", "金额"],
            &["一、一般公共预算", "33,172.15", "一、基本支出", "18,570.82"],
        ],
    );
    let tables = read(vec![p1.page(), p2.page()]);
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(t.title, "四、财政拨款收支预算总表");
    assert_eq!(t.pages, [1, 2]);
    assert_eq!(t.header_paths[1], ["收入", "金额"]);
    assert_eq!(t.header_paths[2], ["支出", "项目名称"]);
    assert_eq!(
        rows(t),
        [["一、一般公共预算", "33,172.15", "一、基本支出", "18,570.82"]]
    );
}

#[test]
fn header_row_at_a_page_foot_over_a_headerless_body_is_its_header() {
    // The stub has the body's own columns: its row is the header, not a body row.
    let p1 = PageKit::new()
        .text(100.0, 760.0, "表3 支出预算总表")
        .ruled(&FOUR, &[790.0, 810.0])
        .grid_row(0, &["科目编码", "科目名称", "基本支出", "项目支出"]);
    let p2 = body_page(
        2,
        40.0,
        &FOUR,
        &[&["201", "一般公共服务支出", "1.00", "2.00"]],
    );
    let tables = read(vec![p1.page(), p2.page()]);
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].table_no, "表3");
    assert_eq!(tables[0].header_paths[3], ["项目支出"]);
    assert_eq!(rows(&tables[0]).len(), 1);
}

/// A table reaching the foot of page 1 and its continuation on page 2; `cut_below`/`cut_above`:
/// a line of a tall cell printed across the table's bottom (page 1) or top (page 2) rule, as
/// Excel prints a cell's line cut by the page break.
fn cut_cell_line(cut_below: bool, cut_above: bool) -> Vec<yusuan_extractor::layout::Table> {
    let mut p1 = PageKit::new().text(100.0, 30.0, "项目支出绩效目标表");
    p1 = p1
        .ruled(&FOUR, &[60.0, 80.0, 800.0])
        .grid_row(0, &["项目名称", "绩效目标", "一级指标", "指标值"])
        .grid_row(1, &["道路养护", "完成道路养护", "产出指标", "100"]);
    if cut_below {
        p1 = p1.text(152.0, 796.0, "开展国资委推动");
    }
    let mut p2 = body_page(2, 40.0, &FOUR, &[&["", "", "效益指标", "95"]]);
    if cut_above {
        p2 = p2.text(152.0, 36.0, "企业首席财务官");
    }
    read(vec![p1.page(), p2.page()])
}

#[test]
fn cell_line_cut_by_the_page_break_is_no_text_around_the_table() {
    for (below, above) in [(true, false), (false, true), (true, true)] {
        let tables = cut_cell_line(below, above);
        assert_eq!(tables.len(), 1, "cut below {below}, above {above}");
        assert_eq!(tables[0].pages, [1, 2]);
    }
}

/// The title read above a ruled table under the caption `lines` (top to bottom, 14 pt apart).
fn title_over(lines: &[&str]) -> (String, String) {
    let top = 30.0 + 14.0 * lines.len() as f32;
    let kit = body_page(1, top, &FOUR, &[&["合计", "1.00", "2.00", "3.00"]]);
    let mut page = kit.page();
    let mut caption = PageKit::new();
    for (i, l) in lines.iter().enumerate() {
        caption = caption.text(60.0, 20.0 + 14.0 * i as f32, l);
    }
    page.glyphs.extend(caption.page().glyphs);
    let tables = read(vec![page]);
    (tables[0].table_no.clone(), tables[0].title.clone())
}

#[test]
fn title_wrapped_over_two_lines_is_one_title() {
    let (_, title) = title_over(&[
        "十一、一般公共预算“三公”经费、会议费、培训费支出预",
        "算表",
        "部门：江苏省人民检察院 单位：万元",
    ]);
    assert_eq!(
        title,
        "十一、一般公共预算“三公”经费、会议费、培训费支出预算表"
    );
    // A numbered title wrapped before its last word.
    let (no, title) = title_over(&["表9 一般公共预算“三公”经费支出", "预算表"]);
    assert_eq!(
        (no.as_str(), title.as_str()),
        ("表9", "一般公共预算“三公”经费支出预算表")
    );
    // A unit's name above a short title is no part of it.
    let (_, title) = title_over(&["北京市人民政府国有资产监督管理委员会", "收支总表"]);
    assert_eq!(title, "收支总表");
}
