//! A table's title and header rows printed at the foot of a page, its body on the next (Word
//! moves a table's rows to the next page but leaves a header row that fits): the "table" read
//! at the foot is a stub that heads the table opening the next page.

use super::params::{AROUND_SLACK, HEAD_STUB_MAX_ROWS};
use super::table::{CellBox, Table};
use crate::lexicon::{is_amount, is_plain_digits};

/// A cell of a stub: its text and box.
type StubCell = (String, CellBox);

/// Whether `t` is only a title with header words: on one page, titled, a few rows in all,
/// no amount or number in any cell. (A 绩效 form's first rows are read from its own
/// caption block instead.)
pub(super) fn is_head_stub(t: &Table) -> bool {
    let texts = || {
        t.header
            .iter()
            .flatten()
            .chain(t.rows.iter().flat_map(|r| &r.cells))
            .map(|c| c.trim())
    };
    t.pages.len() == 1
        && !t.title.is_empty()
        && !t.title.contains("绩效")
        && t.header.len() + t.rows.len() <= HEAD_STUB_MAX_ROWS
        && texts().any(|c| !c.is_empty())
        && texts().all(|c| !is_amount(c) && !is_plain_digits(c))
}

/// The stub's rows, each as its non-empty cells with their boxes; `None` when a non-empty
/// cell has no box.
fn stub_rows(stub: &Table) -> Option<Vec<Vec<StubCell>>> {
    let header = stub.header.iter().zip(&stub.header_boxes);
    let body = stub.rows.iter().map(|r| (&r.cells, &r.boxes));
    header
        .chain(body)
        .map(|(cells, boxes)| {
            cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.trim().is_empty())
                .map(|(i, c)| Some((c.clone(), (*boxes.get(i)?)?)))
                .collect()
        })
        .collect()
}

/// For each row of the stub, for each column of a table whose columns span `extents`, the
/// stub cell standing over the column's centre (its index in the row). `None` when a cell
/// of the stub stands over no column: then the stub does not line up with the table.
fn cover(rows: &[Vec<StubCell>], extents: &[(f32, f32)]) -> Option<Vec<Vec<Option<usize>>>> {
    let over = |b: &CellBox, e: &(f32, f32)| {
        let mid = (e.0 + e.1) / 2.0;
        b[0] - AROUND_SLACK <= mid && mid <= b[2] + AROUND_SLACK
    };
    rows.iter()
        .map(|row| {
            let cols: Vec<Option<usize>> = extents
                .iter()
                .map(|e| row.iter().position(|(_, b)| over(b, e)))
                .collect();
            let all_placed = (0..row.len()).all(|k| cols.contains(&Some(k)));
            all_placed.then_some(cols)
        })
        .collect()
}

/// How a stub stands over the columns of the table below it: its rows (non-empty cells with
/// boxes) and, per row, per column, the cell standing over the column.
pub(super) struct StubHead {
    rows: Vec<Vec<StubCell>>,
    cover: Vec<Vec<Option<usize>>>,
}

/// How `stub` stands over the columns of a table whose columns span `extents`; `None` when
/// it does not line up with them.
pub(super) fn stands_over(stub: &Table, extents: &[(f32, f32)]) -> Option<StubHead> {
    let rows = stub_rows(stub)?;
    let cover = cover(&rows, extents)?;
    Some(StubHead { rows, cover })
}

/// `t`, the untitled table opening a page, headed by `stub` (see [`is_head_stub`]) as
/// `head` says: the stub's caption, its rows as header rows above `t`'s own, each cell in
/// the first column it stands over and heading every column it stands over.
pub(super) fn headed_by(stub: Table, mut t: Table, head: StubHead) -> Table {
    let n = t.columns();
    let mut header = Vec::new();
    let mut boxes = Vec::new();
    let mut paths: Vec<Vec<String>> = vec![Vec::new(); n];
    for (row, cols) in head.rows.iter().zip(&head.cover) {
        let mut texts = vec![String::new(); n];
        let mut row_boxes = vec![None; n];
        for (c, k) in cols.iter().enumerate() {
            let Some(k) = *k else { continue };
            paths[c].push(row[k].0.clone());
            if cols[..c].iter().all(|o| *o != Some(k)) {
                texts[c] = row[k].0.clone();
                row_boxes[c] = Some(row[k].1);
            }
        }
        header.push(texts);
        boxes.push(row_boxes);
    }
    header.append(&mut t.header);
    boxes.append(&mut t.header_boxes);
    for (p, own) in paths.iter_mut().zip(std::mem::take(&mut t.header_paths)) {
        p.extend(own);
    }
    t.header = header;
    t.header_boxes = boxes;
    t.header_paths = paths;
    t.table_no = stub.table_no;
    t.title = stub.title;
    t.unit_name = stub.unit_name;
    t.amount_unit = stub.amount_unit;
    t.caption_lines = stub.caption_lines;
    t.pages.splice(0..0, stub.pages);
    t.areas.splice(0..0, stub.areas);
    t
}
