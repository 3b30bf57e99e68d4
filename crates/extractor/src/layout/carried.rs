//! What the bottom of a page hands on to the next: the lines after its last table (a title
//! block for the table that opens the next page) and, for a form (绩效目标表) whose first rows
//! stand below its title there, those rows.

use super::lines::{join_texts, Line};
use super::params::{AROUND_SLACK, NOTE_LINES, TRAILING_TITLE_LINES, WRAP_MAX_EM};
use super::table::BodyRow;
use crate::lexicon::{
    amount_unit_of, fold_spaces, is_continued_marker, is_page_furniture, is_title_text, names_unit,
    table_no_prefix,
};

/// Where a part of a table is drawn: (page, x0, y0, x1, y1).
type Area = (usize, f32, f32, f32, f32);

/// The lines after a page's last table, and that page.
#[derive(Default)]
pub(super) struct Carried {
    pub page: usize,
    pub lines: Vec<Line>,
}

/// The lines after the last table of page `page` that may head a table on the next page: the
/// last [`NOTE_LINES`], or more when a title stands among the last [`TRAILING_TITLE_LINES`]
/// (a form's title with its 预算单位 and 项目名称 rows below it): from that title on.
pub(super) fn trailing(page: usize, after: &[&Line]) -> Carried {
    let tail = after.len().saturating_sub(TRAILING_TITLE_LINES);
    let title = after[tail..]
        .iter()
        .rposition(|l| is_title_text(&l.text))
        .map(|i| tail + i);
    let from = after
        .len()
        .saturating_sub(NOTE_LINES)
        .min(title.unwrap_or(usize::MAX));
    Carried {
        page,
        lines: after[from..].iter().map(|l| (*l).clone()).collect(),
    }
}

/// A caption line: a title, 编制单位/预算单位, the amount unit, a table number or 续表.
pub(super) fn is_caption_line(l: &Line) -> bool {
    let t = l.text.trim();
    is_title_text(t)
        || names_unit(t)
        || amount_unit_of(t).is_some()
        || is_continued_marker(t)
        || table_no_prefix(t).is_some()
}

/// The first rows of a form printed below its caption at the bottom of the previous page
/// (项目名称 | name | 项目负责人 | name), set on the columns `xs` of the form's part on this
/// page: each piece of a line in the column its left edge falls in. A line whose pieces all
/// sit over filled cells of the line right below it (or of the row right above it) and that
/// fills fewer cells is a cell wrapped over lines (项目 / 负责 / 人), joined. Nothing when a
/// line strays outside the columns: then it was no row of this form. With the rows, where
/// they stand on the previous page (page, x0, y0, x1, y1).
pub(super) fn form_rows(carried: &Carried, xs: &[f32]) -> Option<(Vec<BodyRow>, Area)> {
    let lines = &carried.lines;
    let first = lines.iter().rposition(is_caption_line)? + 1;
    let (&left, &right) = (xs.first()?, xs.last()?);
    // Page numbers and the like are no rows.
    let rows: Vec<Line> = lines[first..]
        .iter()
        .filter(|l| !is_page_furniture(&fold_spaces(&l.text)))
        .cloned()
        .collect();
    let area = (carried.page, left, rows.first()?.y0, right, rows.last()?.y1);
    let n = xs.len().checked_sub(1).filter(|&n| n > 0)?;
    let column = |x: f32| xs[1..].iter().position(|&b| x < b).unwrap_or(n - 1);
    let mut cells: Vec<Vec<String>> = Vec::new();
    for l in &rows {
        if l.x0 < left - AROUND_SLACK || l.x1 > right + AROUND_SLACK {
            return None;
        }
        let mut row = vec![String::new(); n];
        for ch in &l.chunks {
            let c = column(ch.x0 + AROUND_SLACK);
            row[c] = join_texts(&row[c], &ch.text);
        }
        cells.push(row);
    }
    // A row of a form fills two cells at least (a key and its value); one piece alone is a
    // caption line such as (2023年度).
    let rows: Vec<BodyRow> = join_wrapped(&rows, cells)
        .into_iter()
        .filter(|r| r.iter().filter(|c| !c.trim().is_empty()).count() >= 2)
        .map(|cells| BodyRow {
            page: carried.page,
            spans: vec![1; n],
            boxes: vec![None; n],
            cells,
        })
        .collect();
    (!rows.is_empty()).then_some((rows, area))
}

/// Rows from lines (`cells` per line), a line wrapped in cells of the next line or of the
/// row above joined to it.
fn join_wrapped(lines: &[Line], cells: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let filled = |r: &[String]| -> Vec<usize> {
        (0..r.len()).filter(|&c| !r[c].trim().is_empty()).collect()
    };
    // `a` fills fewer cells than `b`, all of them over cells `b` fills.
    let inside = |a: &[String], b: &[String]| {
        let (fa, fb) = (filled(a), filled(b));
        !fa.is_empty() && fa.len() < fb.len() && fa.iter().all(|c| fb.contains(c))
    };
    let close = |a: &Line, b: &Line| b.y0 - a.y1 <= (WRAP_MAX_EM - 1.0) * a.size.max(b.size);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut last_line: Option<usize> = None;
    let mut pending: Option<Vec<String>> = None;
    for (i, row) in cells.iter().enumerate() {
        let mut row = row.clone();
        if let Some(top) = pending.take() {
            for (cell, above) in row.iter_mut().zip(top) {
                *cell = join_texts(&above, cell);
            }
        }
        let next = cells.get(i + 1);
        if next.is_some_and(|nx| inside(&row, nx) && close(&lines[i], &lines[i + 1])) {
            pending = Some(row);
            continue;
        }
        match rows.last_mut() {
            Some(prev)
                if last_line.is_some_and(|p| close(&lines[p], &lines[i])) && inside(&row, prev) =>
            {
                for (cell, more) in prev.iter_mut().zip(row) {
                    *cell = join_texts(cell, &more);
                }
            }
            _ => rows.push(row),
        }
        last_line = Some(i);
    }
    rows
}
