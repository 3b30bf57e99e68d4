//! Tables continued across pages: a page's first table joins the table left open on the
//! previous page, a row broken by the page is joined, a repeated header is dropped; running
//! headers do not count as text above a table.

use super::caption::{read_caption, Caption};
use super::carried::Carried;
use super::head_stub::{headed_by, is_head_stub, stands_over};
use super::lines::{group_lines, join_texts, Line};
use super::page_tables::{page_tables, PageTable};
use super::params::{
    AROUND_SLACK, COLUMN_MATCH_SHARE, LABEL_ONLY_ROWS_PER, RUNNING_HEADER_BAND,
    RUNNING_HEADER_MIN_PAGES,
};
use super::stream::Hints;
use super::table::{BodyRow, Table};
use crate::lexicon::{
    fold_spaces, is_amount, is_dash, is_page_furniture, is_plain_digits, parse_amount, starts_item,
};
use crate::page::{Document, Glyph};
use std::collections::{HashMap, HashSet};

/// Finds the tables of a document, joining continuations across pages.
pub fn find_tables(doc: &Document) -> Vec<Table> {
    let mut open = OpenTables {
        tables: Vec::new(),
        last_open: false,
        carried: Carried::default(),
        running: running_headers(doc),
    };
    for page in &doc.pages {
        let read = page_tables(page, &open.carried, &open.running, &open.hints());
        open.carried = read.trailing;
        // A page without tables (text between two parts of the disclosure) ends the open table.
        if read.tables.is_empty() {
            open.last_open = false;
        }
        for (i, pt) in read.tables.into_iter().enumerate() {
            open.add(pt, i == 0, page.number);
        }
    }
    open.tables
}

/// The state carried from page to page while a document's tables are read.
struct OpenTables {
    /// The tables so far; the last one may go on on the next page.
    tables: Vec<Table>,
    /// Whether the last table so far ends near the bottom of its page (a continuation may
    /// follow).
    last_open: bool,
    /// The lines after the last table of the previous page (a title block printed at the
    /// bottom of a page for the table on the next).
    carried: Carried,
    /// The document's running headers.
    running: HashSet<String>,
}

impl OpenTables {
    /// The header of a table left open at the bottom of the previous page, repeated above
    /// its continuation: evidence for a short table drawn without rules.
    fn hints(&self) -> Hints {
        let mut hints = Hints::default();
        let carried: Vec<&Line> = self.carried.lines.iter().collect();
        hints.title_carried = !carried.is_empty() && !read_caption(&carried).title.is_empty();
        if self.last_open {
            if let Some(p) = self.tables.last() {
                hints.header_cells = p
                    .header_paths
                    .iter()
                    .flatten()
                    .map(|h| fold_spaces(h))
                    .filter(|h| !h.is_empty())
                    .collect();
            }
        }
        hints
    }

    /// Adds a table read on page `page` (`first`: the page's first table): it continues the
    /// open table, is a part of a 绩效 form, or is a new table.
    fn add(&mut self, pt: PageTable, first: bool, page: usize) {
        let PageTable {
            table: mut t,
            caption: cap,
            at_top,
            reaches_bottom,
        } = pt;
        // A title and header left at the previous page's foot head this page's first table.
        let headed = first && at_top && cap.title.is_empty() && cap.table_no.is_empty();
        let stub_open = headed && self.last_open && self.tables.last().is_some_and(is_head_stub);
        let head = stub_open
            .then(|| column_extents(&t))
            .flatten()
            .and_then(|ext| stands_over(self.tables.last()?, &ext));
        if let Some((head, stub)) = head.and_then(|h| Some((h, self.tables.pop()?))) {
            self.tables.push(headed_by(stub, t, head));
            self.last_open = reaches_bottom;
            return;
        }
        let joins = first
            && self.tables.last().is_some_and(|prev| {
                continues(prev, &t, &cap, at_top, self.last_open, &self.running, page)
            });
        // A 绩效 form read in parts (its long 项目总体目标 line splits a form drawn without
        // rules): an untitled part right below it on its page belongs to it, that line too.
        let form_part = !joins
            && cap.title.is_empty()
            && cap.table_no.is_empty()
            && self.tables.last().is_some_and(|prev| {
                prev.title.contains("绩效") && prev.pages.last() == Some(&page)
            });
        self.last_open = reaches_bottom;
        match self.tables.last_mut() {
            Some(prev) if form_part => append_form_part(prev, t, page),
            Some(prev) if joins => append_continuation(prev, t, page),
            _ => {
                t.table_no = cap.table_no;
                t.title = cap.title;
                t.unit_name = cap.unit_name;
                t.amount_unit = cap.amount_unit;
                self.tables.push(t);
            }
        }
    }
}

/// Appends a part of a 绩效 form: its caption line and header rows (一级指标 二级指标 …) are
/// rows of the form.
fn append_form_part(prev: &mut Table, mut t: Table, page: usize) {
    let lines = std::mem::take(&mut t.caption_lines);
    prev.rows.extend(lines.into_iter().map(|l| BodyRow {
        page,
        spans: vec![1],
        boxes: vec![None],
        cells: vec![l],
    }));
    prev.rows.extend(header_as_rows(&mut t, page));
    prev.rows.append(&mut t.rows);
    prev.areas.append(&mut t.areas);
}

/// Whether the first table of a page continues the previous table: it starts at the top of
/// the page (only running headers, page numbers or the previous table's repeated header lines
/// above it) with no title of its own after a table left open at the bottom of the last page or
/// under a 续表 line; or it repeats the previous table's title. Its columns must match, except
/// for forms (each 绩效目标表 is one project, and one project's form may change columns).
fn continues(
    prev: &Table,
    t: &Table,
    cap: &Caption,
    at_top: bool,
    last_open: bool,
    running: &HashSet<String>,
    page: usize,
) -> bool {
    let form = prev.title.contains("绩效");
    let same_title = !cap.title.is_empty()
        && !form
        && prev.title == cap.title
        && (cap.table_no.is_empty() || cap.table_no == prev.table_no)
        && !prev.pages.contains(&page);
    let repeats_caption = !t.caption_lines.is_empty()
        && t.caption_lines.iter().all(|l| {
            let c = fold_spaces(l);
            running.contains(&c)
                || prev.caption_lines.iter().any(|pl| fold_spaces(pl) == c)
                || is_page_furniture(&c)
        });
    let at_top = at_top || repeats_caption;
    let continued = (at_top && cap.title.is_empty() && (cap.continued || last_open)) || same_title;
    continued && (prev.columns() == t.columns() || form || column_map(prev, t).is_some())
}

/// The horizontal extent of each column of a table, from the boxes of its body cells that
/// span one column on the last page that has such cells in that column (a page widened to
/// the table's columns has boxes in some columns only).
fn column_extents(t: &Table) -> Option<Vec<(f32, f32)>> {
    // (page, x0, x1) per column.
    let mut ext = vec![(0usize, f32::MAX, f32::MIN); t.columns()];
    let body = t.rows.iter().flat_map(|r| {
        r.boxes
            .iter()
            .zip(&r.spans)
            .enumerate()
            .filter(|(_, (_, &s))| s == 1)
            .filter_map(move |(c, (b, _))| b.map(|b| (r.page, c, b)))
    });
    for (page, c, b) in body {
        if let Some(e) = ext.get_mut(c) {
            if page > e.0 {
                *e = (page, f32::MAX, f32::MIN);
            }
            *e = (page, e.1.min(b[0]), e.2.max(b[2]));
        }
    }
    ext.iter()
        .all(|e| e.1 <= e.2)
        .then(|| ext.iter().map(|e| (e.1, e.2)).collect())
}

/// Where the columns of `t` (fewer than those of `prev`) fall among the columns of `prev`,
/// by their horizontal extents: each column of `t` goes to the column of `prev` it overlaps
/// most (the leftmost on a tie: a code over 类|款|项 goes to 类), overlapping it by at least
/// half of the narrower, in order. `None` when the columns do not line up.
fn column_map(prev: &Table, t: &Table) -> Option<Vec<usize>> {
    if t.columns() >= prev.columns() || t.columns() < 2 {
        return None;
    }
    let (pe, te) = (column_extents(prev)?, column_extents(t)?);
    let overlap = |a: (f32, f32), b: (f32, f32)| (a.1.min(b.1) - a.0.max(b.0)).max(0.0);
    let mut map = Vec::with_capacity(te.len());
    for &tc in &te {
        let mut best: Option<(usize, f32)> = None;
        for (k, &pc) in pe.iter().enumerate() {
            let o = overlap(tc, pc);
            if o > best.map_or(0.0, |b| b.1) {
                best = Some((k, o));
            }
        }
        let (k, o) = best?;
        let narrower = (tc.1 - tc.0).min(pe[k].1 - pe[k].0);
        if o < COLUMN_MATCH_SHARE * narrower || map.last().is_some_and(|&l| l >= k) {
            return None;
        }
        map.push(k);
    }
    Some(map)
}

/// Each column of `t` has the left and right edges of the column of `prev` it falls on
/// (`map`): drawn by the same rules. A form's parts may have other columns that merely
/// overlap its own.
fn same_rules(prev: &Table, t: &Table, map: &[usize]) -> bool {
    let (Some(pe), Some(te)) = (column_extents(prev), column_extents(t)) else {
        return false;
    };
    let near = |a: f32, b: f32| (a - b).abs() <= AROUND_SLACK;
    te.iter()
        .zip(map)
        .all(|(e, &k)| near(e.0, pe[k].0) && near(e.1, pe[k].1))
}

/// A row of a table whose columns fall on `map` among `n` columns, widened to them.
fn widen_row(row: BodyRow, map: &[usize], n: usize) -> BodyRow {
    let mut out = BodyRow {
        page: row.page,
        cells: vec![String::new(); n],
        spans: vec![1; n],
        boxes: vec![None; n],
    };
    for (c, ((cell, span), b)) in row
        .cells
        .into_iter()
        .zip(row.spans)
        .zip(row.boxes)
        .enumerate()
    {
        let k = map[c];
        out.cells[k] = cell;
        out.spans[k] = span.min(1);
        out.boxes[k] = b;
    }
    out
}

/// Every header text of `t` is (part of) a header text of `prev`: a repeated header, printed
/// again above the continuation (perhaps wrapped differently).
fn repeats_header(prev: &Table, t: &Table) -> bool {
    let known: String = prev
        .header
        .iter()
        .flatten()
        .map(|h| fold_spaces(h))
        .collect();
    t.header
        .iter()
        .flatten()
        .map(|h| fold_spaces(h))
        .all(|h| h.is_empty() || known.contains(&h))
}

/// Appends a continuation's rows. A header repeated on the new page is dropped; a different
/// one (or any header of a form) was body rows after all and is kept as such.
fn append_continuation(prev: &mut Table, mut t: Table, page: usize) {
    let form = prev.title.contains("绩效");
    // Fewer columns than the open table (its own columns read from fewer values, or a form's
    // page drawing rules only around the columns with new cells): widened to the open table's
    // columns where they line up.
    if let Some(map) = (t.columns() != prev.columns())
        .then(|| column_map(prev, &t))
        .flatten()
        .filter(|map| !form || same_rules(prev, &t, map))
    {
        let n = prev.columns();
        // A repeated header is dropped; another one (or any of a form) was body rows after all.
        let mut rows = if !form && repeats_header(prev, &t) {
            t.header.clear();
            t.header_boxes.clear();
            Vec::new()
        } else {
            header_as_rows(&mut t, page)
        };
        rows.append(&mut t.rows);
        t.rows = rows.into_iter().map(|r| widen_row(r, &map, n)).collect();
        t.header_paths = prev.header_paths.clone();
    }
    // A header read with other paths whose every text is (part of) the open table's header
    // text is that header repeated, its lines set tighter (a repeated header row drawn lower,
    // its wrapped lines overprinted): dropped too.
    if !form
        && !t.header.is_empty()
        && t.header_paths != prev.header_paths
        && t.columns() == prev.columns()
        && repeats_header(prev, &t)
    {
        t.header.clear();
        t.header_boxes.clear();
        t.header_paths = prev.header_paths.clone();
    }
    if !t.header.is_empty() && (form || t.header_paths != prev.header_paths) {
        let rows = header_as_rows(&mut t, page);
        t.rows.splice(0..0, rows);
    } else if !has_label_only_rows(&prev.rows) {
        let decimals = column_decimals(&prev.rows);
        let Some(last) = prev.rows.last_mut() else {
            return;
        };
        if t.rows
            .first()
            .is_some_and(|first| is_row_tail(last, first, &decimals))
        {
            let tail = t.rows.remove(0);
            for (cell, more) in last.cells.iter_mut().zip(tail.cells) {
                if !more.is_empty() {
                    *cell = join_texts(cell, &more);
                }
            }
        }
    }
    prev.rows.extend(t.rows);
    prev.areas.extend(t.areas);
    if !prev.pages.contains(&page) {
        prev.pages.push(page);
    }
    if !t.note.is_empty() {
        prev.note = t.note;
    }
}

/// A table's header rows taken out as body rows (a header that was body rows after all).
fn header_as_rows(t: &mut Table, page: usize) -> Vec<BodyRow> {
    let mut boxes = std::mem::take(&mut t.header_boxes).into_iter();
    t.header
        .drain(..)
        .map(|h| BodyRow {
            page,
            spans: vec![1; h.len()],
            boxes: boxes.next().unwrap_or_else(|| vec![None; h.len()]),
            cells: h,
        })
        .collect()
}

/// The rest of a row that Word or Writer let break across the page: at the top of the
/// continuation, only the end of the label (支出, 经费) in columns where the row above has
/// text, no code, no amount, in a table whose rows otherwise all carry amounts or dashes (a
/// table printing empty amounts as blank cells keeps its label-only rows).
/// Also the rest of an amount cut by the page inside its cell (`12,437.3` then `6`): digits
/// that complete an amount printed with fewer decimals than its column's (`decimals`).
fn is_row_tail(last: &BodyRow, first: &BodyRow, decimals: &[usize]) -> bool {
    let value = |c: &str| is_amount(c) || is_dash(c);
    let filled: Vec<usize> = (0..first.cells.len())
        .filter(|&c| !first.cells[c].trim().is_empty())
        .collect();
    first.cells.len() == last.cells.len()
        && !filled.is_empty()
        && filled.iter().all(|&c| {
            let (text, above) = (first.cells[c].trim(), last.cells[c].trim());
            let label_goes_on =
                !value(text) && !starts_item(text) && !above.is_empty() && !value(above);
            label_goes_on || completes_amount(above, text, decimals.get(c).copied())
        })
        && last.cells.iter().any(|c| value(c.trim()))
}

/// Digits after the decimal point of an amount (`12.50` → 2), `None` for other text.
fn decimals_of(s: &str) -> Option<usize> {
    parse_amount(s).map(|a| a.digits.split_once('.').map_or(0, |(_, d)| d.len()))
}

/// For each column, the most decimals its amounts print.
fn column_decimals(rows: &[BodyRow]) -> Vec<usize> {
    let n = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    (0..n)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.cells.get(c).and_then(|s| decimals_of(s)))
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// `above` is an amount with a decimal point and fewer decimals than its column prints, and
/// the digits `text` complete it to exactly that many.
fn completes_amount(above: &str, text: &str, column: Option<usize>) -> bool {
    let Some(column) = column else {
        return false;
    };
    is_plain_digits(text)
        && above.contains('.')
        && decimals_of(above).is_some_and(|d| d < column)
        && decimals_of(&format!("{above}{text}")) == Some(column)
}

/// More than one row in twenty with text and no amount or dash: blank cells stand for zero.
fn has_label_only_rows(rows: &[BodyRow]) -> bool {
    let value = |c: &String| is_amount(c.trim()) || is_dash(c.trim());
    let bare = rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()) && !r.cells.iter().any(value))
        .count();
    bare * LABEL_ONLY_ROWS_PER > rows.len()
}

/// Running headers: lines printed at the top of many pages ("××局2026年度部门预算公开").
/// They do not make a table start "mid-page".
fn running_headers(doc: &Document) -> HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in &doc.pages {
        let band = page.height * RUNNING_HEADER_BAND;
        let top: Vec<&Glyph> = page.glyphs.iter().filter(|g| g.y1 < band).collect();
        let mut seen = HashSet::new();
        for l in group_lines(&top) {
            let t = fold_spaces(&l.text);
            if !t.is_empty() && seen.insert(t.clone()) {
                *counts.entry(t).or_default() += 1;
            }
        }
    }
    let min = (doc.pages.len() / 4).max(RUNNING_HEADER_MIN_PAGES);
    counts
        .into_iter()
        .filter(|(_, n)| *n >= min)
        .map(|(t, _)| t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(page: usize, rows: &[&[&str]]) -> Table {
        Table {
            pages: vec![page],
            table_no: "表2".into(),
            title: "收入总体情况表".into(),
            unit_name: String::new(),
            amount_unit: "万元".into(),
            header: Vec::new(),
            header_boxes: Vec::new(),
            header_paths: vec![
                vec!["科目编码".into()],
                vec!["科目名称".into()],
                vec!["总计".into()],
            ],
            rows: rows
                .iter()
                .map(|r| BodyRow {
                    page,
                    cells: r.iter().map(|c| c.to_string()).collect(),
                    spans: vec![1; r.len()],
                    boxes: vec![None; r.len()],
                })
                .collect(),
            note: String::new(),
            caption_lines: Vec::new(),
            areas: Vec::new(),
        }
    }

    /// A row broken across the page by the word processor: the end of its label opens the
    /// next page and joins it; where blank cells stand for zero, a label-only row stays a row.
    #[test]
    fn rows_broken_across_pages_are_joined() {
        let mut prev = table(
            2,
            &[
                &["208", "社会保障和就业支出", "34.22"],
                &["211", "节能环保", "305.69"],
            ],
        );
        append_continuation(
            &mut prev,
            table(
                3,
                &[&["", "支出", ""], &["21101", "环境保护管理事务", "305.69"]],
            ),
            3,
        );
        let labels: Vec<&str> = prev.rows.iter().map(|r| r.cells[1].as_str()).collect();
        assert_eq!(
            labels,
            ["社会保障和就业支出", "节能环保支出", "环境保护管理事务"]
        );

        let mut blanks = table(
            2,
            &[
                &["", "因公出国（境）费", ""],
                &["", "公务用车购置及运行维护费", "92.27"],
            ],
        );
        append_continuation(
            &mut blanks,
            table(3, &[&["", "公务接待费", ""], &["", "总计", "92.27"]]),
            3,
        );
        assert_eq!(blanks.rows.len(), 4);

        let mut item = table(
            2,
            &[
                &["201", "一般公共服务支出", "1.00"],
                &["202", "外交支出", "2.00"],
            ],
        );
        append_continuation(&mut item, table(3, &[&["", "其中：行政运行", ""]]), 3);
        assert_eq!(item.rows.len(), 3);
    }
}
