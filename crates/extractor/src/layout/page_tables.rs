//! The tables of one page: ruled grids and tables found from text alignment, each read with
//! its caption, note, and whether it starts at the top of the page and reaches its bottom.

use super::caption::{caption_rows, read_caption, Caption};
use super::carried::{form_rows, is_caption_line, trailing, Carried};
use super::cells::{fill, Filled};
use super::form::join_wrapped_labels;
use super::grid::{find_grids, Grid};
use super::lines::{group_lines, Line};
use super::params::{AROUND_SLACK, NOTE_LINES, SUBSTANTIVE_ABOVE_CHARS, SUBSTANTIVE_BELOW_CHARS};
use super::rows::table_from;
use super::stream::{virtual_grids, Hints, Virtual};
use super::table::Table;
use crate::lexicon::{fold_spaces, is_page_furniture};
use crate::page::{Glyph, Page, Rule};
use std::collections::HashSet;

/// A table of a page, as read on that page.
pub(super) struct PageTable {
    pub table: Table,
    pub caption: Caption,
    /// It starts at the top of the page: no other text above it but running headers, or a
    /// 续表 line.
    pub at_top: bool,
    /// It is the page's last table and no text follows it but page furniture.
    pub reaches_bottom: bool,
}

/// What layout reads on one page.
pub(super) struct PageRead {
    /// Its tables, top to bottom.
    pub tables: Vec<PageTable>,
    /// The last lines after its last table: a title block for a table on the next page.
    pub trailing: Carried,
}

/// What the text around a page's tables is measured against.
struct Around<'a> {
    page: &'a Page,
    free_lines: &'a [Line],
    running: &'a HashSet<String>,
}

/// Text that counts as content: not page furniture or a running header, over `min` chars.
fn substantive(l: &Line, min: usize, running: &HashSet<String>) -> bool {
    let c = fold_spaces(&l.text);
    c.chars().count() > min && !is_page_furniture(&c) && !running.contains(&c)
}

/// Tables of one page with their captions, whether each starts at the top of the page (no
/// other text above it but running headers) and whether it reaches the bottom. `carried`: the
/// lines after the previous page's last table.
pub(super) fn page_tables(
    page: &Page,
    carried: &Carried,
    running: &HashSet<String>,
    hints: &Hints,
) -> PageRead {
    let (filled, used) = grids_of(page, hints);
    let free: Vec<&Glyph> = page
        .glyphs
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| g)
        .collect();
    let free_lines = group_lines(&free);
    let around = Around {
        page,
        free_lines: &free_lines,
        running,
    };
    let mut tables = Vec::new();
    let mut prev_bottom = 0.0f32;
    for (i, f) in filled.iter().enumerate() {
        let next_top = filled.get(i + 1).map(|n| n.grid.bbox().1);
        let none = Carried::default();
        let carried = if i == 0 { carried } else { &none };
        tables.push(read_table(
            &around,
            f,
            prev_bottom,
            next_top,
            carried,
            i == 0,
        ));
        prev_bottom = f.grid.bbox().3;
    }
    // Lines after the last table: a title block that belongs to a table on the next page.
    let after: Vec<&Line> = free_lines
        .iter()
        .filter(|l| l.y0 >= prev_bottom - AROUND_SLACK)
        .collect();
    PageRead {
        tables,
        trailing: trailing(page.number, &after),
    }
}

/// The page's grids filled with text, top to bottom: ruled grids, then tables drawn without
/// a full grid (horizontal rules only, or no rules) as virtual grids from text alignment;
/// and which glyphs they took.
fn grids_of(page: &Page, hints: &Hints) -> (Vec<Filled>, Vec<bool>) {
    let grids = find_grids(&page.rules);
    let mut used = vec![false; page.glyphs.len()];
    let mut filled: Vec<Filled> = Vec::new();
    for g in grids.into_iter().filter(Grid::is_table) {
        filled.extend(fill(g, &page.glyphs, &mut used));
    }
    for v in virtual_grids(page, &used, hints) {
        let Virtual {
            grid,
            text,
            glyphs: glyph_ids,
            header_rows,
        } = v;
        for i in glyph_ids {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
        filled.push(Filled {
            grid,
            text,
            head: Some(header_rows),
        });
    }
    filled.sort_by(|a, b| a.grid.ys[0].total_cmp(&b.grid.ys[0]));
    (filled, used)
}

/// One table of the page between the previous table's bottom and the next one's top (`None`:
/// the last table); `first`: the page's first table, whose caption may have been printed at
/// the bottom of the previous page (`carried`).
fn read_table(
    around: &Around,
    f: &Filled,
    prev_bottom: f32,
    next_top: Option<f32>,
    carried: &Carried,
    first: bool,
) -> PageTable {
    let page = around.page;
    let (_, top, _, bottom) = f.grid.bbox();
    let mut above: Vec<Line> = around
        .free_lines
        .iter()
        .filter(|l| l.y1 <= top + AROUND_SLACK && l.y0 >= prev_bottom - AROUND_SLACK)
        .cloned()
        .collect();
    // Caption rows drawn inside the frame are caption lines; the table starts below them.
    let inner_caption = caption_rows(f);
    let cut;
    let f = if inner_caption.is_empty() {
        f
    } else {
        for text in &inner_caption {
            above.push(Line {
                x0: 0.0,
                y0: top,
                x1: 0.0,
                y1: top,
                size: 0.0,
                text: text.clone(),
                chunks: Vec::new(),
            });
        }
        cut = Filled {
            grid: f.grid.without_top_rows(inner_caption.len()),
            text: f.text.clone(),
            head: f.head.map(|h| h.saturating_sub(inner_caption.len())),
        };
        &cut
    };
    let above: Vec<&Line> = above.iter().collect();
    let (cap, title_carried) = caption_of(&above, carried);
    let is_perf = cap.title.contains("绩效");
    let mut t = table_from(f, page.number, is_perf);
    if is_perf {
        form_rows_of(&mut t, f, title_carried.then_some(carried), &page.rules);
    }
    t.caption_lines = above.iter().map(|l| l.text.clone()).collect();
    let (x0, y0, x1, y1) = f.grid.bbox();
    t.areas.push((page.number, x0, y0, x1, y1));
    let below: Vec<&Line> = around
        .free_lines
        .iter()
        .filter(|l| {
            l.y0 >= bottom - AROUND_SLACK && l.y1 <= next_top.unwrap_or(page.height) + AROUND_SLACK
        })
        .collect();
    t.note = note_of(&below);
    // Text above the table other than page headers: a table starting mid-page.
    let substantive_above = above
        .iter()
        .any(|l| !cut_cell_line(l, top) && substantive(l, SUBSTANTIVE_ABOVE_CHARS, around.running));
    let at_top = first && (!substantive_above || cap.continued);
    let below_text = below.iter().any(|l| {
        !cut_cell_line(l, bottom) && substantive(l, SUBSTANTIVE_BELOW_CHARS, around.running)
    });
    let reaches_bottom = next_top.is_none() && !below_text;
    PageTable {
        table: t,
        caption: cap,
        at_top,
        reaches_bottom,
    }
}

/// A line across the table's top or bottom `edge` that is no caption or note: a line of a
/// tall cell cut by the page break, which Excel prints clipped on both pages. It is the
/// table's own text, not text above or below it.
fn cut_cell_line(l: &Line, edge: f32) -> bool {
    let t = l.text.trim();
    l.y0 < edge && l.y1 > edge && !is_caption_line(l) && !t.starts_with('注') && !t.contains("空表")
}

/// The caption read from the lines `above` a table, or, when they hold no title, from the
/// title block `carried` from the bottom of the previous page with them; and whether it was.
fn caption_of(above: &[&Line], carried: &Carried) -> (Caption, bool) {
    let cap = read_caption(above);
    if cap.title.is_empty() && !carried.lines.is_empty() {
        let mut both: Vec<&Line> = carried.lines.iter().collect();
        both.extend(above.iter().copied());
        let carried_cap = read_caption(&both);
        if !carried_cap.title.is_empty() {
            return (carried_cap, true);
        }
    }
    (cap, false)
}

/// A form's rows completed: its first rows printed below its title on the previous page
/// (`carried`, when its title came from there), and in a form read from text alignment, a
/// label's lines printed around its row's values joined to that row (rows drawn by a grid's
/// rules are rows as drawn).
fn form_rows_of(t: &mut Table, f: &Filled, carried: Option<&Carried>, rules: &[Rule]) {
    if let Some((lead, area)) = carried.and_then(|c| form_rows(c, &f.grid.xs)) {
        t.pages.insert(0, area.0);
        t.rows.splice(0..0, lead);
        t.areas.push(area);
    }
    if f.head.is_some() {
        join_wrapped_labels(&mut t.rows, rules);
    }
}

/// The note printed right below a table ("…为空表。", "注：…"), its lines joined.
fn note_of(below: &[&Line]) -> String {
    below
        .iter()
        .take(NOTE_LINES)
        .map(|l| l.text.trim())
        .filter(|s| s.contains("空表") || s.starts_with("注"))
        .collect::<Vec<_>>()
        .join("")
}
