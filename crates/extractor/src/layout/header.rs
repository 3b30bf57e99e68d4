//! The header of a table read from a filled grid: how many of its rows are header (up to the
//! first row with an amount, a code, an empty cell of its own — unless the row names amount
//! columns under a group — or a total label), the header rows as printed, and each column's
//! header path (blocks side by side keep their headings); rows numbering the columns are left
//! out.

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
        let mut blank = false;
        for c in 0..g.cols() {
            let reg_i = g.owner_at(r, c);
            let reg = &g.regions[reg_i];
            if reg.r0 < r || reg.c0 < c {
                continue; // covered by a merged cell started above or to the left
            }
            let t = f.text[reg_i].trim();
            if is_amount(t)
                || looks_like_code(t)
                || (r > 0 && c == 0 && is_total_label(t) && row_has_amount(f, r))
            {
                return r;
            }
            blank |= t.is_empty() && !worded;
        }
        if blank && !names_amount_columns(f, r) {
            return r;
        }
    }
    g.rows()
}

/// Columns that hold an amount in some row from `from` down (column numbers aside).
fn amount_columns(f: &Filled, from: usize) -> Vec<bool> {
    let g = &f.grid;
    let mut cols = vec![false; g.cols()];
    for r in (from..g.rows()).filter(|&r| !is_column_index_row(f, r)) {
        for (c, reg, t) in f.row_cells(r) {
            if is_amount(t.trim()) {
                cols[c..=reg.c1].iter_mut().for_each(|k| *k = true);
            }
        }
    }
    cols
}

/// Columns with any text in some row from `from` down.
fn filled_columns(f: &Filled, from: usize) -> Vec<bool> {
    let g = &f.grid;
    let mut cols = vec![false; g.cols()];
    for r in from..g.rows() {
        for (c, reg, t) in f.row_cells(r) {
            if !t.trim().is_empty() {
                cols[c..=reg.c1].iter_mut().for_each(|k| *k = true);
            }
        }
    }
    cols
}

/// A header row with blank cells of its own is still header when it names columns that hold
/// amounts below: in the first row, or under a header cell that spans more columns or is blank
/// (a group's sub-headers `小计 | 其中：…`, or `类 款 项` under a narrow `科/目`). Templates
/// draw every grid cell of a multi-row header, leaving the cells beside such names blank.
fn names_amount_columns(f: &Filled, r: usize) -> bool {
    let g = &f.grid;
    // (One text alone is a caption or a title drawn inside the frame, not column names; a
    // first row blank on the left continues a form or a body from the previous page.)
    let texts = f.row_cells(r).filter(|(_, _, t)| !t.trim().is_empty());
    if texts.count() < MIN_HEADER_WORDS || (r == 0 && f.text[g.owner_at(0, 0)].trim().is_empty()) {
        return false;
    }
    let amounts = amount_columns(f, r + 1);
    f.row_cells(r).any(|(_, reg, t)| {
        let narrower_than_above = |c: usize| {
            let above = &g.regions[g.owner_at(r - 1, c)];
            f.text[g.owner_at(r - 1, c)].trim().is_empty()
                || (above.c0 <= reg.c0
                    && reg.c1 <= above.c1
                    && above.c1 - above.c0 > reg.c1 - reg.c0)
        };
        !t.trim().is_empty()
            && (reg.c0..=reg.c1).any(|c| amounts[c])
            && (r == 0 || (reg.c0..=reg.c1).any(narrower_than_above))
    })
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
    // Amount columns, and columns left blank in the body (a table of empty amounts).
    let (amounts, filled) = (amount_columns(f, nh), filled_columns(f, nh));
    let amount_like: Vec<bool> = (0..nc).map(|c| amounts[c] || !filled[c]).collect();
    name_blocks(&mut header.paths, &amount_like);
    header
}

/// Classification blocks side by side under one heading (支出 > 支出功能分类 | 预算数 |
/// 部门预算支出经济分类 | 预算数 …): amount columns whose paths are the same take the heading
/// of their block's label column (the nearest text column on their left, under the same
/// group) before their own name, when that tells them all apart: 支出 > 支出功能分类 > 预算数.
fn name_blocks(paths: &mut [Vec<String>], amounts: &[bool]) {
    let mut named = paths.to_vec();
    for c in (0..paths.len()).filter(|&c| amounts[c]) {
        let path = &paths[c];
        let same = (0..paths.len()).filter(|&k| amounts[k] && paths[k] == *path);
        if same.count() < 2 {
            continue;
        }
        let label = (0..c).rev().find(|&k| !amounts[k]).map(|k| &paths[k]);
        let Some((head, group)) = label.and_then(|l| l.split_last()) else {
            return;
        };
        if path.len() != group.len() + 1
            || group != &path[..path.len() - 1]
            || path.last() == Some(head)
        {
            return;
        }
        named[c].insert(path.len() - 1, head.clone());
    }
    // Apply only when every column that shared a path now has one of its own.
    let distinct = (0..paths.len())
        .filter(|&c| amounts[c] && named[c] != paths[c])
        .all(|c| (0..paths.len()).all(|k| k == c || !amounts[k] || named[k] != named[c]));
    if distinct {
        paths.clone_from_slice(&named);
    }
}
