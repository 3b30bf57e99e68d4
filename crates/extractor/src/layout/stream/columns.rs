//! Columns of a table without vertical rules, from its body lines: amount columns are clusters
//! of the right edges of amounts, text columns clusters of the left edges of other tokens,
//! overlapping extents merge; dashes alone in a column make one; boundaries run midway.

use super::geometry::{cluster, distinct_lines, overlap, TokId};
use super::tokens::{Kind, SLine, Tok};
use crate::layout::params::{
    AMOUNT_COLUMN_TOL, COLUMN_OVERLAP_TOL, MIN_BOUNDARY_STEP, TEXT_COLUMN_TOL, VIRTUAL_EDGE,
};

/// A column found from the text: the extent of its tokens.
#[derive(Debug, Clone, Copy)]
pub(super) struct Col {
    pub x0: f32,
    pub x1: f32,
    /// A column of amounts (right-aligned).
    pub amount: bool,
}

/// The extent of the tokens of a cluster.
fn extent(block: &[SLine], c: &[(f32, TokId)]) -> (f32, f32) {
    let toks = || {
        c.iter()
            .filter_map(|p| block.get(p.1.line).and_then(|l| l.toks.get(p.1.tok)))
    };
    let x0 = toks().map(|t| t.x0).fold(f32::MAX, f32::min);
    let x1 = toks().map(|t| t.x1).fold(f32::MIN, f32::max);
    (x0, x1)
}

/// The tokens of `kinds` in lines `lines` of the block, at the position `at` gives.
fn edges(
    block: &[SLine],
    lines: std::ops::Range<usize>,
    keep: impl Fn(&Tok) -> bool,
    at: impl Fn(&Tok) -> f32,
) -> Vec<(f32, TokId)> {
    let mut v = Vec::new();
    for line in lines {
        for (tok, t) in block[line].toks.iter().enumerate() {
            if keep(t) {
                v.push((at(t), TokId { line, tok }));
            }
        }
    }
    v
}

/// The columns of the body lines `first..end`: amount and text columns, then dash columns.
pub(super) fn body_columns(block: &[SLine], first: usize, end: usize) -> Vec<Col> {
    let amounts = edges(block, first..end, |t| t.kind == Kind::Amount, |t| t.x1);
    let texts = edges(
        block,
        first..end,
        |t| matches!(t.kind, Kind::Text | Kind::Code),
        |t| t.x0,
    );
    let mut cols: Vec<Col> = Vec::new();
    for c in cluster(amounts, AMOUNT_COLUMN_TOL) {
        let (x0, x1) = extent(block, &c);
        cols.push(Col {
            x0,
            x1,
            amount: true,
        });
    }
    for c in cluster(texts, TEXT_COLUMN_TOL) {
        let (x0, x1) = extent(block, &c);
        cols.push(Col {
            x0,
            x1,
            amount: false,
        });
    }
    let mut cols = merge_cols(cols);
    let dash_cols = dash_columns(block, first, end, &cols);
    cols.extend(dash_cols);
    merge_cols(cols)
}

/// Dashes centred in columns left empty: a column when they would share a cell with another
/// value of their line.
fn dash_columns(block: &[SLine], first: usize, end: usize, cols: &[Col]) -> Vec<Col> {
    let centres = edges(
        block,
        first..end,
        |t| t.kind == Kind::Dash,
        |t| (t.x0 + t.x1) * 0.5,
    );
    let mut dash_cols = Vec::new();
    for c in cluster(centres, TEXT_COLUMN_TOL) {
        if distinct_lines(&c) < 2 {
            continue;
        }
        let (x0, x1) = extent(block, &c);
        if cols.iter().any(|col| overlap(col.x0, col.x1, x0, x1) > 0.0) {
            continue;
        }
        let bounds = boundaries(cols);
        let cx = (x0 + x1) * 0.5;
        let cell = (0..cols.len()).find(|&k| cx >= bounds[k] && cx < bounds[k + 1]);
        let conflict = match cell {
            None => true,
            Some(k) => c.iter().map(|p| p.1.line).any(|i| {
                block[i].toks.iter().any(|t| {
                    t.kind != Kind::Dash && overlap(cols[k].x0, cols[k].x1, t.x0, t.x1) > 0.0
                })
            }),
        };
        if conflict {
            dash_cols.push(Col {
                x0,
                x1,
                amount: true,
            });
        }
    }
    dash_cols
}

/// Column boundaries: midway between neighbouring columns, increasing.
pub(super) fn boundaries(cols: &[Col]) -> Vec<f32> {
    let nc = cols.len();
    let mut xs = Vec::with_capacity(nc + 1);
    if nc == 0 {
        return xs;
    }
    xs.push(cols[0].x0 - VIRTUAL_EDGE);
    for c in 1..nc {
        let b = if cols[c - 1].x1 <= cols[c].x0 {
            (cols[c - 1].x1 + cols[c].x0) * 0.5
        } else {
            (cols[c - 1].x0 + cols[c - 1].x1 + cols[c].x0 + cols[c].x1) * 0.25
        };
        xs.push(b);
    }
    xs.push(cols[nc - 1].x1 + VIRTUAL_EDGE);
    for i in 1..xs.len() {
        if xs[i] <= xs[i - 1] {
            xs[i] = xs[i - 1] + MIN_BOUNDARY_STEP;
        }
    }
    xs
}

/// Merges columns whose extents overlap, left to right.
pub(super) fn merge_cols(mut cols: Vec<Col>) -> Vec<Col> {
    cols.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut out: Vec<Col> = Vec::new();
    for c in cols {
        match out.last_mut() {
            Some(m) if c.x0 < m.x1 - COLUMN_OVERLAP_TOL => {
                m.x1 = m.x1.max(c.x1);
                m.amount |= c.amount;
            }
            _ => out.push(c),
        }
    }
    out
}

/// The column a token goes to: the cell its centre falls in when it overlaps no column,
/// else the column it overlaps most (or, overlapping none, the nearest).
pub(super) fn column_of(cols: &[Col], bounds: &[f32], t: &Tok) -> usize {
    let nc = cols.len();
    let cx = (t.x0 + t.x1) * 0.5;
    if !cols.iter().any(|c| overlap(c.x0, c.x1, t.x0, t.x1) > 0.0) {
        if let Some(c) = (0..nc).find(|&c| cx >= bounds[c] && cx < bounds[c + 1]) {
            return c;
        }
    }
    let mut best = (0usize, -1.0f32);
    for (c, col) in cols.iter().enumerate() {
        let o = overlap(col.x0, col.x1, t.x0, t.x1);
        let score = if o > 0.0 {
            o
        } else {
            -((col.x0 + col.x1) * 0.5 - (t.x0 + t.x1) * 0.5).abs()
        };
        if c == 0 || score > best.1 {
            best = (c, score);
        }
    }
    best.0
}
