//! The header of a table read from a filled grid: how many of its rows are header (up to the
//! first row with an amount, a code, an empty cell of its own or a total label), the header
//! rows as printed, and each column's header path; rows numbering the columns are left out.

use super::cells::Filled;
use super::params::{MAX_HEADER_ROWS, MIN_COLUMN_NUMBERS, MIN_HEADER_WORDS, WORDED_HEADER_ROWS};
use super::table::CellBox;
use crate::lexicon::{
    fold_spaces, is_amount, is_column_number_label, is_total_label, looks_like_code,
};

/// A row numbering the columns (栏次: 1 2 3 …, often after a `**` or `栏次` label): part of
/// the header, not published amounts.
pub(super) fn is_column_index_row(f: &Filled, r: usize) -> bool {
    let mut nums = Vec::new();
    for (_, _, t) in f.row_cells(r) {
        let t = t.trim();
        if t.is_empty() || is_column_number_label(t) || matches!(t, "—" | "-") {
            continue;
        }
        match t.parse::<u32>() {
            Ok(n) => nums.push(n),
            Err(_) => return false,
        }
    }
    nums.len() >= MIN_COLUMN_NUMBERS && nums.windows(2).all(|w| w[1] == w[0] + 1)
}

fn row_has_amount(f: &Filled, r: usize) -> bool {
    (0..f.grid.cols()).any(|c| is_amount(&f.text[f.grid.owner_at(r, c)]))
}

/// Header rows end at the first row that has an amount, a code, an empty cell of its own, or a
/// total label.
pub(super) fn header_rows(f: &Filled, performance: bool) -> usize {
    if performance {
        return 0;
    }
    let g = &f.grid;
    if let Some(h) = f.head {
        return h.min(g.rows().saturating_sub(1));
    }
    let max = g.rows().saturating_sub(1).min(MAX_HEADER_ROWS);
    for r in 0..g.rows() {
        if r >= max {
            return r;
        }
        if is_column_index_row(f, r) {
            continue;
        }
        // In the first rows, a row of header words (项目名称 | | 金额) is a header even with an
        // empty cell of its own (a header cell split by a rule the body needs).
        let worded = r < WORDED_HEADER_ROWS && header_worded(f, r);
        for c in 0..g.cols() {
            let reg_i = g.owner_at(r, c);
            let reg = &g.regions[reg_i];
            if reg.r0 < r || reg.c0 < c {
                continue; // covered by a merged cell started above or to the left
            }
            let t = f.text[reg_i].trim();
            if (t.is_empty() && !worded)
                || is_amount(t)
                || looks_like_code(t)
                || (r > 0 && c == 0 && is_total_label(t) && row_has_amount(f, r))
            {
                return r;
            }
        }
    }
    g.rows()
}

/// Every text of the row is a typical column header (…名称, 金额, 合计, 预算数, 科目编码, …).
fn header_worded(f: &Filled, r: usize) -> bool {
    const WORDS: &[&str] = &[
        "项目", "名称", "科目", "金额", "合计", "总计", "小计", "预算", "决算", "编码", "代码",
        "类别", "资金", "收入", "支出", "经费", "本年", "上年",
    ];
    let mut texts = 0;
    for (c, _, t) in f.row_cells(r) {
        let t = fold_spaces(t);
        if t.is_empty() {
            continue;
        }
        if is_amount(&t)
            || looks_like_code(&t)
            || is_total_label(&t) && c == 0
            || !WORDS.iter().any(|w| t.contains(w))
        {
            return false;
        }
        texts += 1;
    }
    texts >= MIN_HEADER_WORDS
}

/// A table's header read from its grid.
pub(super) struct Header {
    /// Header rows as printed (a merged cell's text in its first grid cell).
    pub rows: Vec<Vec<String>>,
    /// The box of each header cell, `None` under a merged cell.
    pub boxes: Vec<Vec<Option<CellBox>>>,
    /// For every column, the header cells above it, top to bottom.
    pub paths: Vec<Vec<String>>,
}

/// The first `nh` rows of the grid as the header, without rows numbering the columns.
pub(super) fn header_of(f: &Filled, nh: usize) -> Header {
    let g = &f.grid;
    let nc = g.cols();
    let mut header = Header {
        rows: Vec::new(),
        boxes: Vec::new(),
        paths: vec![Vec::new(); nc],
    };
    let index_rows: Vec<bool> = (0..nh).map(|r| is_column_index_row(f, r)).collect();
    for (r, _) in index_rows.iter().enumerate().filter(|(_, index)| !**index) {
        let mut row = vec![String::new(); nc];
        let mut boxes = vec![None; nc];
        for c in 0..nc {
            let reg_i = g.owner_at(r, c);
            let reg = &g.regions[reg_i];
            if reg.r0 == r && reg.c0 == c {
                row[c] = f.text[reg_i].clone();
                boxes[c] = Some(f.region_box(reg));
            }
        }
        header.rows.push(row);
        header.boxes.push(boxes);
    }
    for (c, path) in header.paths.iter_mut().enumerate() {
        let mut last_region = usize::MAX;
        for (r, &index) in index_rows.iter().enumerate() {
            let reg_i = g.owner_at(r, c);
            if reg_i == last_region || index {
                continue;
            }
            last_region = reg_i;
            let t = f.text[reg_i].trim();
            if !t.is_empty() && path.last().map(|p: &String| p.as_str()) != Some(t) {
                path.push(t.to_string());
            }
        }
    }
    header
}
