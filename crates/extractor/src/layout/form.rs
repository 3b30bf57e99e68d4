//! Rows of a 绩效 form (绩效目标表): a label wrapped around the values of its row
//! (其中：财 / 54.07 / 政拨款), read as rows of its own, joined to that row.

use super::lines::join_texts;
use super::params::TOP_RULE_SHARE;
use super::table::BodyRow;
use crate::lexicon::is_amount;
use crate::page::Rule;

/// Joins each row of a form without amounts to the one neighbouring row with amounts in whose
/// band it is printed: its texts stand only in cells that row leaves empty (the label's other
/// lines), no rule across the table lies between the two, and the row on its other side is no
/// such candidate (a label between two rows of values stays where it is).
pub(super) fn join_wrapped_labels(rows: &mut Vec<BodyRow>, rules: &[Rule]) {
    let n = rows.len();
    // Where each row goes, decided on the rows as read: -1 up, 1 down, 0 stays.
    let moves: Vec<i8> = (0..n)
        .map(|i| {
            let joins = |j: Option<usize>| {
                j.filter(|&j| j < n)
                    .is_some_and(|j| wraps_around(&rows[i], &rows[j], rules))
            };
            match (joins(i.checked_sub(1)), joins(Some(i + 1))) {
                (true, false) => -1,
                (false, true) => 1,
                _ => 0,
            }
        })
        .collect();
    if moves.iter().all(|&m| m == 0) {
        return;
    }
    let old = std::mem::take(rows);
    let mut above: Option<BodyRow> = None;
    for (row, m) in old.into_iter().zip(moves) {
        match m {
            1 => above = Some(row),
            -1 => {
                if let Some(last) = rows.last_mut() {
                    for (cell, more) in last.cells.iter_mut().zip(&row.cells) {
                        *cell = join_texts(cell, more);
                    }
                }
            }
            _ => {
                let mut row = row;
                if let Some(top) = above.take() {
                    for (cell, a) in row.cells.iter_mut().zip(&top.cells) {
                        if !a.trim().is_empty() {
                            *cell = join_texts(a, cell);
                        }
                    }
                }
                rows.push(row);
            }
        }
    }
}

fn has_amount(r: &BodyRow) -> bool {
    r.cells.iter().any(|c| is_amount(c.trim()))
}

/// `label` (no amounts) fills only cells that `row` (with amounts) leaves empty, on the same
/// page, with no rule across the table between them.
fn wraps_around(label: &BodyRow, row: &BodyRow, rules: &[Rule]) -> bool {
    let fits = label.cells.len() == row.cells.len()
        && label.cells.iter().any(|c| !c.trim().is_empty())
        && label
            .cells
            .iter()
            .zip(&row.cells)
            .all(|(l, r)| l.trim().is_empty() || r.trim().is_empty());
    if !fits || has_amount(label) || !has_amount(row) || label.page != row.page {
        return false;
    }
    let (Some(a), Some(b)) = (extent(label), extent(row)) else {
        return false;
    };
    let (top, bottom) = (a.1.min(b.1), a.1.max(b.1));
    let (x0, x1) = (a.0 .0.min(b.0 .0), a.0 .1.max(b.0 .1));
    !rules.iter().any(|r| {
        r.is_horizontal()
            && r.y0 > top
            && r.y0 < bottom
            && r.x1.min(x1) - r.x0.max(x0) >= TOP_RULE_SHARE * (x1 - x0)
    })
}

/// A row's horizontal extent and vertical centre, from the boxes of its cells.
fn extent(r: &BodyRow) -> Option<((f32, f32), f32)> {
    let boxes: Vec<_> = r.boxes.iter().flatten().collect();
    let x0 = boxes.iter().map(|b| b[0]).reduce(f32::min)?;
    let x1 = boxes.iter().map(|b| b[2]).reduce(f32::max)?;
    let y0 = boxes.iter().map(|b| b[1]).reduce(f32::min)?;
    let y1 = boxes.iter().map(|b| b[3]).reduce(f32::max)?;
    Some(((x0, x1), (y0 + y1) / 2.0))
}
