//! Header rules of ruled grids: how far a multi-row header reaches when its template draws
//! every cell (blank cells beside wrapped or stacked header text), and the header paths of
//! classification blocks printed side by side under one heading.

mod kit;

use kit::{read, rows, PageKit};

/// A ruled grid at `xs` × `ys` whose merged cells `(c0, r0, c1, r1)` have no inner rules;
/// then text per cell: `(col, row, text)`, amounts (digits) right-aligned.
fn grid(
    xs: &[f32],
    ys: &[f32],
    merged: &[(usize, usize, usize, usize)],
    cells: &[(usize, usize, &str)],
) -> PageKit {
    let inside = |c: usize, r: usize| {
        merged
            .iter()
            .find(|m| m.0 <= c && c <= m.2 && m.1 <= r && r <= m.3)
    };
    let mut kit = PageKit::new().text(xs[0], 30.0, "表1 收入总表");
    // Horizontal rule segments: above row r, over column c, unless both sides are one cell.
    for (r, &y) in ys.iter().enumerate() {
        for c in 0..xs.len() - 1 {
            let cut = r > 0
                && r < ys.len() - 1
                && inside(c, r).is_some()
                && inside(c, r) == inside(c, r - 1);
            if !cut {
                kit = kit.hrule(y, xs[c], xs[c + 1]);
            }
        }
    }
    for (c, &x) in xs.iter().enumerate() {
        for r in 0..ys.len() - 1 {
            let cut = c > 0
                && c < xs.len() - 1
                && inside(c, r).is_some()
                && inside(c, r) == inside(c - 1, r);
            if !cut {
                kit = kit.vrule(x, ys[r], ys[r + 1]);
            }
        }
    }
    for &(c, r, s) in cells {
        let top = ys[r] + (ys[r + 1] - ys[r] - kit::SIZE) * 0.5;
        let numeric = s.chars().all(|ch| ch.is_ascii_digit() || ch == '.');
        kit = if numeric {
            kit.right(xs[c + 1] - 2.0, top, s)
        } else {
            kit.text(xs[c] + 2.0, top, s)
        };
    }
    kit
}

fn paths(t: &yusuan_extractor::layout::Table) -> Vec<String> {
    t.header_paths.iter().map(|p| p.join(" > ")).collect()
}

/// The 2020 西安 收入总表: three header rows, every grid cell drawn, so 单位编码 and the
/// columns without sub-headers have blank cells of their own in the lower rows.
#[test]
fn blank_cells_of_a_drawn_multi_row_header_keep_it_header() {
    let xs = [50.0, 110.0, 220.0, 280.0, 340.0, 420.0, 480.0];
    let ys = [60.0, 80.0, 100.0, 120.0, 140.0];
    let page = grid(
        &xs,
        &ys,
        &[(2, 0, 5, 0), (3, 1, 4, 1)],
        &[
            (0, 0, "单位编码"),
            (1, 0, "单位名称"),
            (2, 0, "部门预算"),
            (2, 1, "合计"),
            (3, 1, "一般公共预算拨款"),
            (5, 1, "弥补差额"),
            (3, 2, "小计"),
            (4, 2, "其中：专项"),
            (0, 3, "242001"),
            (1, 3, "人社局"),
            (2, 3, "30.00"),
            (3, 3, "20.00"),
            (4, 3, "5.00"),
            (5, 3, "10.00"),
        ],
    )
    .page();
    let t = &read(vec![page])[0];
    assert_eq!(
        paths(t),
        [
            "单位编码",
            "单位名称",
            "部门预算 > 合计",
            "部门预算 > 一般公共预算拨款 > 小计",
            "部门预算 > 一般公共预算拨款 > 其中：专项",
            "部门预算 > 弥补差额",
        ]
    );
    assert_eq!(
        rows(t),
        [["242001", "人社局", "30.00", "20.00", "5.00", "10.00"]]
    );
}

/// Variant: a two-row header whose sub-headers are not header vocabulary (事业收入 over
/// 金额 | 其中：教育收费) and a column (其他收入) ruled off blank below its name.
#[test]
fn sub_headers_under_a_group_split_it() {
    let xs = [50.0, 150.0, 230.0, 310.0, 390.0];
    let ys = [60.0, 80.0, 100.0, 120.0];
    let page = grid(
        &xs,
        &ys,
        &[(0, 0, 0, 1), (1, 0, 2, 0)],
        &[
            (0, 0, "科目名称"),
            (1, 0, "事业收入"),
            (3, 0, "其他收入"),
            (1, 1, "金额"),
            (2, 1, "其中：教育收费"),
            (0, 2, "教育支出"),
            (1, 2, "12.00"),
            (2, 2, "7.00"),
            (3, 2, "4.00"),
        ],
    )
    .page();
    let t = &read(vec![page])[0];
    assert_eq!(
        paths(t),
        [
            "科目名称",
            "事业收入 > 金额",
            "事业收入 > 其中：教育收费",
            "其他收入"
        ]
    );
    assert_eq!(rows(t), [["教育支出", "12.00", "7.00", "4.00"]]);
}

/// The 西安 政府采购 table: 科目 stacked in a narrow first cell with blank cells beside it,
/// 类 款 项 below; the codes of the body are not header, and the header is.
#[test]
fn stacked_header_over_code_columns_is_header() {
    let xs = [50.0, 70.0, 90.0, 110.0, 170.0, 260.0];
    let ys = [60.0, 80.0, 100.0, 120.0];
    let page = grid(
        &xs,
        &ys,
        &[(3, 0, 3, 1), (4, 0, 4, 1)],
        &[
            (0, 0, "科目"),
            (3, 0, "单位编码"),
            (4, 0, "预算金额"),
            (0, 1, "类"),
            (1, 1, "款"),
            (2, 1, "项"),
            (0, 2, "208"),
            (1, 2, "01"),
            (2, 2, "09"),
            (3, 2, "242001"),
            (4, 2, "28.00"),
        ],
    )
    .page();
    let t = &read(vec![page])[0];
    assert_eq!(paths(t), ["科目 > 类", "款", "项", "单位编码", "预算金额"]);
    assert_eq!(rows(t), [["208", "01", "09", "242001", "28.00"]]);
}

/// A text-only row under the header (a section label in the label column) stays a body row.
#[test]
fn label_row_under_a_group_header_is_body() {
    let xs = [50.0, 150.0, 230.0];
    let ys = [60.0, 80.0, 100.0, 120.0, 140.0];
    let page = grid(
        &xs,
        &ys,
        &[(0, 0, 1, 0)],
        &[
            (0, 0, "收入"),
            (0, 1, "项目"),
            (1, 1, "预算数"),
            (0, 2, "一、部门预算"),
            (0, 3, "财政拨款"),
            (1, 3, "9.00"),
        ],
    )
    .page();
    let t = &read(vec![page])[0];
    assert_eq!(paths(t), ["收入 > 项目", "收入 > 预算数"]);
    assert_eq!(rows(t), [["一、部门预算", ""], ["财政拨款", "9.00"]]);
}

/// The 西安 收支总表: 支出 over three blocks, each its own classification and 预算数. Each
/// amount column keeps its block's heading.
#[test]
fn side_by_side_blocks_keep_their_headings() {
    let xs = [50.0, 130.0, 180.0, 260.0, 310.0, 390.0, 440.0];
    let ys = [60.0, 80.0, 100.0, 120.0];
    let page = grid(
        &xs,
        &ys,
        &[(0, 0, 1, 0), (2, 0, 5, 0)],
        &[
            (0, 0, "收入"),
            (2, 0, "支出"),
            (0, 1, "项目"),
            (1, 1, "预算数"),
            (2, 1, "支出功能分类"),
            (3, 1, "预算数"),
            (4, 1, "部门经济分类"),
            (5, 1, "预算数"),
            (0, 2, "财政拨款"),
            (1, 2, "9.00"),
            (2, 2, "教育"),
            (3, 2, "4.00"),
            (4, 2, "工资福利支出"),
            (5, 2, "3.00"),
        ],
    )
    .page();
    let t = &read(vec![page])[0];
    assert_eq!(
        paths(t),
        [
            "收入 > 项目",
            "收入 > 预算数",
            "支出 > 支出功能分类",
            "支出 > 支出功能分类 > 预算数",
            "支出 > 部门经济分类",
            "支出 > 部门经济分类 > 预算数",
        ]
    );
}

/// Variant: two halves headed alike (项目 | 金额 | 项目 | 金额) stay as printed: the label
/// headings would not tell the amounts apart.
#[test]
fn halves_headed_alike_keep_their_paths() {
    let xs = [50.0, 130.0, 180.0, 260.0, 310.0];
    let ys = [60.0, 80.0, 100.0];
    let page = grid(
        &xs,
        &ys,
        &[],
        &[
            (0, 0, "项目"),
            (1, 0, "金额"),
            (2, 0, "项目"),
            (3, 0, "金额"),
            (0, 1, "财政拨款"),
            (1, 1, "9.00"),
            (2, 1, "教育"),
            (3, 1, "9.00"),
        ],
    )
    .page();
    let t = &read(vec![page])[0];
    assert_eq!(paths(t), ["项目", "金额", "项目", "金额"]);
}
