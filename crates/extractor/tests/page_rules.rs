//! One small test per rule of reading tables across pages (continuation, rows broken by the
//! page, titles carried over, running headers), each on synthetic pages built with the kit.

mod kit;

use kit::{column, read, rows, PageKit};

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

#[test]
fn header_repeated_with_its_texts_cut_short_is_dropped() {
    // The header row repeated on the next page drawn lower, a wrapped line overprinted and
    // lost (金额合计 read 金额合): every text is part of the open table's header, so it is
    // that header again, not a body row.
    let page = |n: usize, title: Option<&str>, head: [&str; 3], row: [&str; 3]| {
        let mut kit = PageKit::new().number(n);
        let mut top = 40.0;
        if let Some(t) = title {
            kit = kit.text(50.0, 20.0, t);
            top = 60.0;
        }
        kit.ruled(&[50.0, 150.0, 300.0, 400.0], &[top, top + 20.0, top + 40.0])
            .grid_row(0, &head)
            .grid_row(1, &row)
    };
    let p1 = page(
        1,
        Some("表2 支出总表"),
        ["科目编码", "科目名称", "金额合计"],
        ["201", "一般公共服务支出", "1.00"],
    );
    let p2 = page(
        2,
        None,
        ["科目编码", "科目名称", "金额合"],
        ["202", "外交支出", "2.00"],
    );
    let tables = read(vec![p1.page(), p2.page()]);
    assert_eq!(tables.len(), 1);
    assert_eq!(column(&tables[0], 1), ["一般公共服务支出", "外交支出"]);
}

#[test]
fn title_at_the_bottom_of_a_page_lets_a_short_table_start_the_next() {
    // A form's title printed at the bottom of a page, the form (one line of values, rows in
    // ruled bands) at the top of the next with no caption of its own: it is found, titled.
    let p1 = PageKit::new()
        .number(1)
        .text(200.0, 780.0, "项目支出绩效目标表");
    let p2 = PageKit::new()
        .number(2)
        .hrule(55.0, 40.0, 410.0)
        .line(60.0, &[(50.0, "项目名称"), (150.0, "道路养护经费")])
        .hrule(75.0, 40.0, 410.0)
        .text(200.0, 78.0, "其中：财")
        .line(
            88.0,
            &[
                (50.0, "项目资金"),
                (120.0, "年度预算"),
                (190.0, "54.07"),
                (300.0, "54.07"),
            ],
        )
        .text(200.0, 98.0, "政拨款")
        .hrule(112.0, 40.0, 410.0);
    let tables = read(vec![p1.page(), p2.page()]);
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].title, "项目支出绩效目标表");
    assert_eq!(tables[0].pages, [2]);
}

/// A form's title and first rows (预算单位, 项目名称 with 项目负责人 wrapped over three lines) at
/// the bottom of page 1, its 项目资金 row (其中：财 / 政拨款 wrapped around the values) at the
/// top of page 2; `ruled`: each row between horizontal rules, as Writer draws them.
fn form_split_after_its_name(ruled: bool, x: [f32; 7]) -> Vec<yusuan_extractor::layout::Table> {
    let mut p1 = PageKit::new()
        .number(1)
        .text(50.0, 40.0, "这是一页说明文字，绩效目标见下表。")
        .text(200.0, 700.0, "项目支出绩效目标表")
        .text(215.0, 716.0, "(2023年)")
        .line(740.0, &[(x[0], "预算单位"), (x[1], "某某市实验小学")])
        .line(758.0, &[(x[5], "项目")])
        .line(
            770.0,
            &[
                (x[0], "项目名称"),
                (x[1], "道路养护经费"),
                (x[5], "负责"),
                (x[6] - 30.0, "张三"),
            ],
        )
        .line(782.0, &[(x[5], "人")])
        .text(290.0, 815.0, "21");
    let mut p2 = PageKit::new()
        .number(2)
        .line(60.0, &[(x[3], "其中：财"), (x[5], "其他")])
        .line(
            71.0,
            &[
                (x[0], "项目资金(万元)"),
                (x[1], "年度预算总额"),
                (x[2], "54.07"),
                (x[4], "54.07"),
                (x[6], "0.00"),
            ],
        )
        .line(82.0, &[(x[3], "政拨款"), (x[5], "资金")])
        .line(
            100.0,
            &[
                (x[0], "项目总体目标"),
                (x[1], "保障道路养护顺利实施，按计划完成年度工作任务。"),
            ],
        );
    if ruled {
        for y in [735.0, 754.0, 796.0] {
            p1 = p1.hrule(y, 45.0, 540.0);
        }
        for y in [56.0, 95.0, 115.0] {
            p2 = p2.hrule(y, 45.0, 540.0);
        }
    }
    read(vec![p1.page(), p2.page()])
}

#[test]
fn form_split_after_its_name_row_keeps_its_name_row() {
    for (ruled, x) in [
        (true, [50.0, 140.0, 260.0, 280.0, 380.0, 410.0, 500.0]),
        (false, [60.0, 150.0, 270.0, 300.0, 400.0, 430.0, 520.0]),
    ] {
        let tables = form_split_after_its_name(ruled, x);
        assert_eq!(tables.len(), 1, "ruled {ruled}");
        let t = &tables[0];
        assert_eq!(t.title, "项目支出绩效目标表");
        assert_eq!(t.pages, [1, 2]);
        let rows = rows(t);
        let Some(name) = rows.iter().find(|r| r[0] == "项目名称") else {
            panic!("ruled {ruled}: {rows:?}");
        };
        assert_eq!(name[1], "道路养护经费");
        assert!(name.iter().any(|c| c == "项目负责人"), "{name:?}");
        let funds = rows.iter().find(|r| r[0] == "项目资金(万元)").unwrap();
        assert!(funds.iter().any(|c| c == "其中：财政拨款"), "{funds:?}");
        assert!(funds.iter().any(|c| c == "其他资金"), "{funds:?}");
        // The page number below the rows is no row.
        assert!(!rows.iter().flatten().any(|c| c == "21"), "{rows:?}");
    }
}
