//! The body of a table without vertical rules: which lines it spans (the aligned amount lines,
//! lines of values above them, rows going on without amounts below), and how its lines group
//! into rows (a wrapped label joins its row; a line of dashes is a row of its own).

use super::geometry::{median, rule_between, HRule};
use super::tokens::{is_index_row, Kind, SLine};
use crate::layout::params::{
    DEFAULT_PITCH_EM, DEFAULT_ROW_PITCH_EM, DEFAULT_SIZE, FILLS_CELL_EM, LEFT_EDGE_TOL,
    ROWS_ABOVE_LOOKBACK, ROW_PITCH_SLACK, WRAP_GAP_EM, WRAP_MAX_EM, WRAP_MAX_PITCH, WRAP_TIE_EM,
};
use crate::lexicon::{ends_with_total, fold_spaces, starts_item};

/// The lines of a table's body and the measures read from them.
pub(super) struct Body {
    /// First body line of the block.
    pub first: usize,
    /// One past the last body line.
    pub end: usize,
    /// Median font size of the aligned amount lines.
    pub size: f32,
    /// Left edges of the labels and codes between the first and last aligned lines.
    pub lefts: Vec<f32>,
}

/// Left edges of the text and code tokens of some lines.
fn text_lefts<'a>(ls: impl Iterator<Item = &'a SLine>) -> Vec<f32> {
    ls.flat_map(|l| {
        l.toks
            .iter()
            .filter(|t| matches!(t.kind, Kind::Text | Kind::Code))
            .map(|t| t.x0)
    })
    .collect()
}

/// A line that goes on with the body's rows without amounts (one side of a 收支 table ends
/// early): each piece starting where body labels start (`lefts`), or a dash.
pub(super) fn row_like(l: &SLine, lefts: &[f32]) -> bool {
    l.amounts() == 0
        && !l.toks.is_empty()
        && !is_index_row(l)
        && !fold_spaces(&l.text).starts_with('注')
        && l.toks.iter().any(|t| t.kind != Kind::Dash)
        && l.toks.iter().all(|t| {
            t.kind == Kind::Dash
                || (t.kind != Kind::Amount
                    && lefts.iter().any(|x| (x - t.x0).abs() <= LEFT_EDGE_TOL))
        })
}

fn is_amount_line(l: &SLine) -> bool {
    let dashes = l.toks.iter().filter(|t| t.kind == Kind::Dash).count();
    (l.amounts() > 0 || dashes >= 2) && !is_index_row(l)
}

/// The body around the aligned amount lines `aligned` (sorted, non-empty).
pub(super) fn body_extent(block: &[SLine], aligned: &[usize], rules: &[HRule]) -> Option<Body> {
    let mut first = *aligned.first()?;
    let last = *aligned.last()?;
    let size = median(aligned.iter().map(|&i| block[i].size).collect()).unwrap_or(DEFAULT_SIZE);
    let lefts = text_lefts(block[first..=last].iter());
    let pitch = median(
        (first..last)
            .map(|i| block[i + 1].cy() - block[i].cy())
            .collect(),
    )
    .unwrap_or(DEFAULT_PITCH_EM * size)
    .max(size);
    // Rows above the first aligned one that carry amounts or dashes are body rows too.
    loop {
        while first > 0 && is_amount_line(&block[first - 1]) {
            first -= 1;
        }
        match rows_above(block, first, &lefts, pitch) {
            Some(a) => first = a,
            None => break,
        }
    }
    first = ruled_rows_above(block, first, aligned, rules, &lefts);
    // Body lines: from the first to the last aligned line, and close text lines after it (or
    // lines going on with the rows).
    let mut end = last + 1;
    while end < block.len() && block[end].amounts() == 0 {
        let l = &block[end];
        let prev = &block[end - 1];
        if l.y0 - prev.y1 < WRAP_GAP_EM * size
            || (row_like(l, &lefts) && l.cy() - prev.cy() <= ROW_PITCH_SLACK * pitch)
        {
            end += 1;
        } else {
            break;
        }
    }
    Some(Body {
        first,
        end,
        size,
        lefts,
    })
}

/// Rows without values above the body, each in its own band between rules (a table continued
/// from the previous page whose last rows alone carry amounts): lines of text starting where a
/// body label starts and over no amount of the body, not the header words of a label column.
/// Returns the new first body line.
fn ruled_rows_above(
    block: &[SLine],
    mut first: usize,
    aligned: &[usize],
    rules: &[HRule],
    lefts: &[f32],
) -> usize {
    let amounts: Vec<(f32, f32)> = aligned
        .iter()
        .flat_map(|&i| block[i].toks.iter())
        .filter(|t| t.kind == Kind::Amount)
        .map(|t| (t.x0, t.x1))
        .collect();
    while first > 0 {
        let (l, below) = (&block[first - 1], &block[first]);
        let x0 = l
            .toks
            .iter()
            .chain(&below.toks)
            .map(|t| t.x0)
            .fold(f32::MAX, f32::min);
        let x1 = l
            .toks
            .iter()
            .chain(&below.toks)
            .map(|t| t.x1)
            .fold(f32::MIN, f32::max);
        let starts_at_label = l
            .toks
            .first()
            .is_some_and(|t| lefts.iter().any(|x| (x - t.x0).abs() <= LEFT_EDGE_TOL));
        if l.values() == 0
            && starts_at_label
            && l.toks
                .iter()
                .all(|t| amounts.iter().all(|a| t.x1 <= a.0 || t.x0 >= a.1))
            && !is_index_row(l)
            && !has_header_word(l)
            && rule_between(rules, l.cy(), below.cy(), x0, x1)
        {
            first -= 1;
        } else {
            break;
        }
    }
    first
}

/// A piece of the line names a label column (科目名称, 项目, 编码) rather than a row.
pub(super) fn has_header_word(l: &SLine) -> bool {
    l.toks.iter().any(|t| {
        let c = fold_spaces(&t.text);
        ["名称", "编码", "代码", "科目", "项目", "内容"]
            .iter()
            .any(|e| c.ends_with(e))
    })
}

/// Above the body's first line `first`: up to four lines going on with the rows, then a line
/// with amounts and a label where body labels start. Returns that line.
fn rows_above(block: &[SLine], first: usize, lefts: &[f32], pitch: f32) -> Option<usize> {
    let a = (first.saturating_sub(ROWS_ABOVE_LOOKBACK)..first)
        .rev()
        .find(|&k| block[k].amounts() > 0 || is_index_row(&block[k]))?;
    if !is_amount_line(&block[a]) || first - a > ROWS_ABOVE_LOOKBACK {
        return None;
    }
    let a_lefts = text_lefts(std::iter::once(&block[a]));
    if !a_lefts
        .iter()
        .any(|x| lefts.iter().any(|y| (x - y).abs() <= LEFT_EDGE_TOL))
    {
        return None;
    }
    let mut all = lefts.to_vec();
    all.extend(a_lefts);
    let fits = (a + 1..first).all(|k| row_like(&block[k], &all))
        && (a..first).all(|k| block[k + 1].cy() - block[k].cy() <= ROW_PITCH_SLACK * pitch);
    fits.then_some(a)
}

/// What the body grouping knows about a table: its lines, measures and rules.
struct Rows<'a> {
    block: &'a [SLine],
    body: &'a [usize],
    size: f32,
    rules: &'a [HRule],
    tx0: f32,
    tx1: f32,
    first_amount_x: f32,
    /// Median distance between consecutive lines with values.
    pitch: f32,
    /// Most consecutive value lines are separated by a rule: rules delimit the rows.
    ruled: bool,
}

/// Where a body line goes.
enum Place {
    /// It starts a row (with the lines waiting for a row below).
    Starts,
    /// The wrapped end of the row above.
    Up,
    /// The first part of the row below.
    Down,
    /// A row of its own.
    Alone,
}

impl Rows<'_> {
    fn has_label(&self, i: usize) -> bool {
        self.block[i]
            .toks
            .iter()
            .any(|t| t.kind == Kind::Text && t.x0 < self.first_amount_x)
    }

    fn label(&self, i: usize) -> Option<&super::tokens::Tok> {
        self.block[i].toks.iter().find(|t| t.kind == Kind::Text)
    }

    /// The right edge of the widest body label starting at `x`.
    fn widest_at(&self, x: f32) -> f32 {
        self.body
            .iter()
            .flat_map(|&j| self.block[j].toks.iter())
            .filter(|u| u.kind == Kind::Text && (u.x0 - x).abs() <= LEFT_EDGE_TOL)
            .map(|u| u.x1)
            .fold(f32::MIN, f32::max)
    }

    /// Text wraps only when it fills its cell: a label line that ends well short of the widest
    /// label starting at the same place ended there, and the next line is another row.
    fn fills_cell(&self, i: usize) -> bool {
        self.label(i).is_some_and(|t| {
            let widest = self
                .body
                .iter()
                .filter_map(|&j| self.label(j))
                .filter(|u| (u.x0 - t.x0).abs() <= LEFT_EDGE_TOL)
                .map(|u| u.x1)
                .fold(t.x1, f32::max);
            t.x1 >= widest - FILLS_CELL_EM * self.size
        })
    }

    /// Every text of line `i` goes on from a text of line `p` in its column that filled its
    /// cell: two labels side by side (科目名称, 项目名称) wrapped together.
    fn wraps_from(&self, i: usize, p: usize) -> bool {
        self.block[i].toks.iter().all(|t| {
            t.kind == Kind::Text
                && self.block[p].toks.iter().any(|u| {
                    u.kind == Kind::Text
                        && (u.x0 - t.x0).abs() <= LEFT_EDGE_TOL
                        && u.x1 >= self.widest_at(u.x0) - FILLS_CELL_EM * self.size
                })
        })
    }

    fn rule_between(&self, a: usize, b: usize) -> bool {
        let (ya, yb) = (self.block[a].cy(), self.block[b].cy());
        rule_between(self.rules, ya, yb, self.tx0, self.tx1)
    }

    /// Where body line number `k` goes; `prev_in_group`: the line above went into a row.
    fn place(&self, k: usize, prev_in_group: bool) -> Place {
        let (block, body, size) = (self.block, self.body, self.size);
        let i = body[k];
        let l = &block[i];
        // Text in two cells of the line (收 and 支 labels side by side, a code and its name):
        // a row whose amounts are blank, not the wrapped end of one label — unless both go on
        // from the line above.
        let cells = l
            .toks
            .iter()
            .filter(|t| matches!(t.kind, Kind::Text | Kind::Code))
            .count();
        // Where rules separate the rows, a line between the same two rules as a row's values
        // is part of that row (a label wrapped beside a code wrapped in a narrow column).
        let wrapped_pair = k > 0 && self.wraps_from(i, body[k - 1]);
        if l.values() > 0 || (cells >= 2 && !wrapped_pair && !self.ruled) {
            return Place::Starts;
        }
        let prev = if k > 0 { Some(body[k - 1]) } else { None };
        let next = body.get(k + 1).copied();
        let up_d = prev.map(|p| l.cy() - block[p].cy());
        let dn_d = next.map(|n| block[n].cy() - l.cy());
        // Lines of one cell are at most ~1.9 font sizes apart (CJK fonts set lines loosely).
        let close = |d: Option<f32>| {
            d.is_some_and(|d| d < WRAP_MAX_PITCH * self.pitch && d < WRAP_MAX_EM * l.size.max(size))
        };
        // The body's first line opens a row band as if a rule were above it.
        let rule_up = prev.is_none_or(|p| self.rule_between(p, i));
        let rule_dn = next.is_some_and(|n| self.rule_between(i, n));
        // The next line with amounts and no label of its own takes the lines around it.
        let next_unlabelled = next.is_some_and(|n| block[n].values() > 0 && !self.has_label(n));
        let join_up = if self.ruled {
            prev_in_group && !rule_up
        } else if next_unlabelled && close(dn_d) {
            false
        } else {
            // Equally near both (the middle lines of a label wrapped over three or more), the
            // line goes on from the one above, whose label filled its cell.
            let nearer_up = up_d
                .zip(dn_d)
                .is_none_or(|(u, d)| u <= d + WRAP_TIE_EM * size);
            prev_in_group
                && close(up_d)
                && (!close(dn_d) || nearer_up)
                && !starts_item(&l.text)
                && prev.is_some_and(|p| self.fills_cell(p) || self.label(p).is_none())
        };
        if join_up {
            return Place::Up;
        }
        // Where rules delimit the rows, a line with no rule under it belongs to the band below,
        // whether the band starts with it or with lines already waiting (a code printed one
        // digit a line in a narrow column: `2` / `0` / `1` beside the row's label and values).
        // Pieces of codes without a label go on into the line below even where it starts with
        // a digit.
        let join_dn = if self.ruled {
            !rule_dn && (self.label(i).is_none() || !self.next_starts_item(l, next))
        } else {
            !self.next_starts_item(l, next)
                && close(dn_d)
                && (self.fills_cell(i) || self.label(i).is_none())
        };
        if join_dn && next.is_some() {
            Place::Down
        } else {
            Place::Alone
        }
    }

    /// A line never continues into a next line that starts an item or a total of its own in
    /// the same column ("207…" above "208…", "234…" above "支出总计").
    fn next_starts_item(&self, l: &SLine, next: Option<usize>) -> bool {
        let label_x = l
            .toks
            .iter()
            .find(|t| matches!(t.kind, Kind::Text | Kind::Code))
            .map(|t| t.x0);
        next.zip(label_x).is_some_and(|(n, x)| {
            self.block[n].toks.iter().any(|t| {
                matches!(t.kind, Kind::Text | Kind::Code)
                    && (t.x0 - x).abs() <= LEFT_EDGE_TOL
                    && (starts_item(&t.text) || ends_with_total(&t.text))
            })
        })
    }
}

/// Groups body lines into rows: a line with amounts or dashes, or with text in two cells,
/// starts a row; a line without joins the row it is closer to (or the one rules leave it with)
/// when it can be the wrapped part of a label, or stands alone.
pub(super) fn group_body(
    block: &[SLine],
    body: &[usize],
    size: f32,
    rules: &[HRule],
    (tx0, tx1): (f32, f32),
    first_amount_x: f32,
) -> Vec<Vec<usize>> {
    // A line of dashes only is a row whose amounts are all empty, not a wrapped label.
    let amount_lines: Vec<usize> = body
        .iter()
        .copied()
        .filter(|&i| block[i].values() > 0)
        .collect();
    let pitch = median(
        amount_lines
            .windows(2)
            .map(|w| block[w[1]].cy() - block[w[0]].cy())
            .collect(),
    )
    .unwrap_or(DEFAULT_ROW_PITCH_EM * size);
    let mut rows = Rows {
        block,
        body,
        size,
        rules,
        tx0,
        tx1,
        first_amount_x,
        pitch,
        ruled: false,
    };
    rows.ruled = rows_drawn_by_rules(&rows, &amount_lines);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Lines waiting for the row below.
    let mut pending: Vec<usize> = Vec::new();
    for (k, &i) in body.iter().enumerate() {
        let prev_in_group = !groups.is_empty() && pending.is_empty();
        match rows.place(k, prev_in_group) {
            Place::Starts => {
                let mut g = std::mem::take(&mut pending);
                g.push(i);
                groups.push(g);
            }
            Place::Up => {
                if let Some(g) = groups.last_mut() {
                    g.push(i);
                }
            }
            Place::Down => pending.push(i),
            Place::Alone => {
                // Where rules delimit the rows, the lines waiting above in the same band and
                // this one are one row (a band without values).
                if rows.ruled && !pending.is_empty() && k > 0 && !rows.rule_between(body[k - 1], i)
                {
                    pending.push(i);
                    groups.push(std::mem::take(&mut pending));
                    continue;
                }
                // A row of its own (flush lines waiting for a row below first).
                if !pending.is_empty() {
                    groups.push(std::mem::take(&mut pending));
                }
                groups.push(vec![i]);
            }
        }
    }
    if !pending.is_empty() {
        groups.push(pending);
    }
    groups
}

/// Whether rules delimit the body's rows: between most lines of values; with one line of
/// values (a form: 项目名称 / 项目资金 … in bands), rules between any of the body's lines, or
/// rules right above and below all of them (one band).
fn rows_drawn_by_rules(rows: &Rows, amount_lines: &[usize]) -> bool {
    let (block, body, size, rules) = (rows.block, rows.body, rows.size, rows.rules);
    let (tx0, tx1) = (rows.tx0, rows.tx1);
    if amount_lines.len() >= 2 {
        let n = amount_lines
            .windows(2)
            .filter(|w| rows.rule_between(w[0], w[1]))
            .count();
        n * 2 >= amount_lines.len() - 1
    } else {
        let one_band = match (body.first(), body.last()) {
            (Some(&a), Some(&b)) => {
                let above = if a > 0 {
                    block[a - 1].cy()
                } else {
                    block[a].y0 - size
                };
                let below = block.get(b + 1).map_or(block[b].y1 + size, |l| l.cy());
                rule_between(rules, above, block[a].cy(), tx0, tx1)
                    && rule_between(rules, block[b].cy(), below, tx0, tx1)
            }
            _ => false,
        };
        one_band || body.windows(2).any(|w| rows.rule_between(w[0], w[1]))
    }
}
