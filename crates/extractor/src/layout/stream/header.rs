//! The header of a table without vertical rules: which lines above the body it spans (up to a
//! rule on top, a wide gap or ten lines; label lines right above the body are rows), its cells
//! (a cell wrapped over several lines is one), columns named only in the header, and each
//! cell's columns and level (a group header widened to the centred run of sub-columns below).

use super::body::{row_like, Body};
use super::columns::{boundaries, Col};
use super::geometry::{overlap, rule_between, HRule};
use super::tokens::{is_index_row, SLine};
use crate::layout::params::{
    GROUP_CENTRE_SHARE, GROUP_CENTRE_SLACK, GROUP_NEIGHBOUR_SHARE, GROUP_TIE, GROUP_WIDTH_BONUS,
    HEADER_CELL_SLACK, HEADER_CENTRED_SHARE, HEADER_COVER_SHARE, HEADER_GAP_EM,
    HEADER_LEAF_OVERLAP, HEADER_LEVEL_EM, HEADER_NEXT_LINE_EM, HEADER_STACK_TOL, LEFT_EDGE_TOL,
    MAX_HEADER_LINES, MIN_LABEL_CHARS, TOP_RULE_SHARE,
};
use crate::lexicon::fold_spaces;

/// The header lines of a table above its body: `start..end`.
pub(super) fn header_extent(
    block: &[SLine],
    body: &Body,
    cols: &[Col],
    rules: &[HRule],
) -> (usize, usize) {
    let (first, size) = (body.first, body.size);
    // Header candidates: lines above the first body line, up to a break, ten lines, a wide gap.
    let mut head_start = first;
    while head_start > 0 && first - head_start < MAX_HEADER_LINES {
        let l = &block[head_start - 1];
        let below = &block[head_start];
        if l.amounts() > 0 && !is_index_row(l) {
            break;
        }
        if below.y0 - l.y1 > HEADER_GAP_EM * size {
            break;
        }
        head_start -= 1;
    }
    let tx0 = cols.first().map(|c| c.x0).unwrap_or(0.0);
    let tx1 = cols.last().map(|c| c.x1).unwrap_or(0.0);
    // A rule on top of the header: lines above it are not the table's.
    if head_start < first {
        let top_y = if head_start > 0 {
            block[head_start - 1].cy()
        } else {
            block[head_start].y0 - HEADER_GAP_EM * size
        };
        let first_y = block[first].y0;
        let top_rule = rules
            .iter()
            .filter(|r| {
                r.y > top_y
                    && r.y < first_y
                    && overlap(r.x0, r.x1, tx0, tx1) >= TOP_RULE_SHARE * (tx1 - tx0)
            })
            .map(|r| r.y)
            .next();
        if let Some(ry) = top_rule {
            let below_rule = (head_start..first).filter(|&i| block[i].cy() > ry).count();
            if below_rule > 0 {
                while head_start < first && block[head_start].cy() < ry {
                    head_start += 1;
                }
            }
        }
    }
    let head_end = label_rows_above_body(block, body, cols, head_start);
    (
        head_start,
        lines_in_first_band(block, rules, (tx0, tx1), head_start, head_end),
    )
}

/// Where a rule across the table lies between header lines and the body's first line, the
/// lines under it are in the band of the first row (a label wrapped from above the row's
/// values: `其中：财` / `54.07` / `政拨款`), not the header: where the header really ends.
fn lines_in_first_band(
    block: &[SLine],
    rules: &[HRule],
    (tx0, tx1): (f32, f32),
    head_start: usize,
    head_end: usize,
) -> usize {
    if head_end <= head_start || head_end >= block.len() {
        return head_end;
    }
    let first_y = block[head_end].cy();
    let Some(ry) = rules
        .iter()
        .filter(|r| {
            r.y > block[head_start].cy()
                && r.y < first_y
                && overlap(r.x0, r.x1, tx0, tx1) >= TOP_RULE_SHARE * (tx1 - tx0)
        })
        .map(|r| r.y)
        .reduce(f32::max)
    else {
        return head_end;
    };
    let mut end = head_end;
    while end > head_start + 1 && block[end - 1].cy() > ry {
        end -= 1;
    }
    end
}

/// Header lines with text only in the label column right above the body are body rows: where
/// the header really ends.
fn label_rows_above_body(block: &[SLine], body: &Body, cols: &[Col], head_start: usize) -> usize {
    // The label column: the text column left of the first amount column.
    let first_amount_x = first_amount_x(cols);
    let mut head_end = body.first;
    while head_end > head_start + 1 {
        let l = &block[head_end - 1];
        let label_only = l.toks.len() == 1
            && l.toks
                .iter()
                .all(|t| t.x1 < first_amount_x && t.text.chars().count() >= MIN_LABEL_CHARS);
        // Or labels starting where the body's labels start, codes or names rather than the
        // header words of a label column ("科目名称", "项目").
        let labels = row_like(l, &body.lefts)
            && l.toks.iter().all(|t| {
                let c = fold_spaces(&t.text);
                c.starts_with(|ch: char| ch.is_ascii_digit())
                    || (c.chars().count() >= MIN_LABEL_CHARS
                        && !["名称", "编码", "代码", "科目", "项目", "内容"]
                            .iter()
                            .any(|e| c.ends_with(e)))
            });
        if (label_only || labels)
            && (head_start..head_end - 1)
                .any(|i| block[i].toks.iter().any(|t| t.x1 > first_amount_x))
        {
            head_end -= 1;
        } else {
            break;
        }
    }
    head_end
}

/// The left edge of the first amount column (the label column lies left of it).
pub(super) fn first_amount_x(cols: &[Col]) -> f32 {
    cols.iter()
        .find(|c| c.amount)
        .map(|c| c.x0)
        .unwrap_or(f32::MAX)
}

/// A header cell: pieces of text, one per header line it was wrapped over.
#[derive(Debug, Clone)]
pub(super) struct HCell {
    pub x0: f32,
    pub x1: f32,
    pub y0: f32,
    pub y1: f32,
    /// Bottom of the first piece (one line).
    pub first_y1: f32,
    /// Extent of the first piece: later lines are centred under it or start where it starts.
    pub fx0: f32,
    pub fx1: f32,
    pub last_cy: f32,
    pub glyphs: Vec<usize>,
    pub c0: usize,
    pub c1: usize,
    pub level: usize,
}

/// The header pieces of `lines` (top to bottom) as cells: a piece joins the cell right above
/// it (less than a line apart, no rule between) when it lies within that cell's extent,
/// centred under its first line or starting where it starts, and no other cell qualifies.
/// `wrap_gap`: the largest gap between two lines of one cell, in font sizes.
pub(super) fn header_cells(
    block: &[SLine],
    lines: &[usize],
    rules: &[HRule],
    size: f32,
    wrap_gap: f32,
) -> Vec<HCell> {
    let mut cells: Vec<HCell> = Vec::new();
    for &li in lines {
        let l = &block[li];
        let lsize = l.size.max(size);
        let n_before = cells.len();
        for t in &l.fine {
            if t.glyphs.is_empty() {
                continue;
            }
            let tc = (t.x0 + t.x1) * 0.5;
            let mut cand = None;
            let mut count = 0;
            // 类, 款 and 项 name the code columns under 科目编码: never the end of a wrapped cell.
            let code_level = matches!(fold_spaces(&t.text).as_str(), "类" | "款" | "项");
            for (k, c) in cells[..n_before].iter().enumerate().filter(|_| !code_level) {
                let gap = l.y0 - c.y1;
                // Within the cell's extent, or centred under its first line and wider by
                // less than a character on each side (the first line filled the cell; a line
                // breaking at a full-width bracket leaves the next one a little wider:
                // 财政拨款 / （补助）小 / 计).
                let fc = (c.fx0 + c.fx1) * 0.5;
                let within = t.x0 >= c.x0 - HEADER_CELL_SLACK && t.x1 <= c.x1 + HEADER_CELL_SLACK;
                let centred_wider = (tc - fc).abs() <= HEADER_CELL_SLACK
                    && t.x0 >= c.x0 - lsize
                    && t.x1 <= c.x1 + lsize;
                if gap < wrap_gap * lsize
                    && l.cy() - c.last_cy > HEADER_NEXT_LINE_EM * lsize
                    && (within || centred_wider)
                    && ((tc - (c.fx0 + c.fx1) * 0.5).abs()
                        <= HEADER_CENTRED_SHARE * (c.fx1 - c.fx0) + HEADER_CELL_SLACK
                        || (t.x0 - c.fx0).abs() <= LEFT_EDGE_TOL)
                    && !rule_between(rules, c.last_cy, l.cy(), t.x0, t.x1)
                {
                    cand = Some(k);
                    count += 1;
                }
            }
            match cand {
                Some(k) if count == 1 => {
                    let c = &mut cells[k];
                    c.x0 = c.x0.min(t.x0);
                    c.x1 = c.x1.max(t.x1);
                    c.y1 = c.y1.max(l.y1);
                    c.last_cy = l.cy();
                    c.glyphs.extend(&t.glyphs);
                }
                _ => cells.push(HCell {
                    x0: t.x0,
                    x1: t.x1,
                    y0: l.y0,
                    y1: l.y1,
                    first_y1: l.y1,
                    fx0: t.x0,
                    fx1: t.x1,
                    last_cy: l.cy(),
                    glyphs: t.glyphs.clone(),
                    c0: 0,
                    c1: 0,
                    level: 0,
                }),
            }
        }
    }
    cells
}

fn is_leaf(cells: &[HCell], k: usize) -> bool {
    let a = &cells[k];
    !cells.iter().enumerate().any(|(j, b)| {
        j != k
            && b.y0 > (a.y0 + a.first_y1) * 0.5
            && b.y0 >= a.y1 - HEADER_STACK_TOL
            && overlap(a.x0, a.x1, b.x0, b.x1)
                > HEADER_LEAF_OVERLAP * (a.x1 - a.x0).min(b.x1 - b.x0)
    })
}

/// Columns named only in the header: a leaf cell over no body column whose centre does not
/// fall in the cell of a body column left without a header of its own.
pub(super) fn add_header_columns(cols: &mut Vec<Col>, cells: &[HCell]) {
    let base = cols.clone();
    if base.is_empty() {
        return;
    }
    let bounds = boundaries(&base);
    let leaves: Vec<usize> = (0..cells.len()).filter(|&k| is_leaf(cells, k)).collect();
    let over = |c: &HCell| base.iter().any(|b| overlap(b.x0, b.x1, c.x0, c.x1) > 0.0);
    let cell_of = |x: f32| -> Option<usize> {
        (0..base.len()).find(|&c| x >= bounds[c] && x < bounds[c + 1])
    };
    // A group header between columns with header text below it on both sides: widened later
    // (its sub-columns' headers overlap body columns, or lie close on both sides of it).
    let group = |c: &HCell| {
        let under = |b: &HCell| b.y0 >= c.y1 - HEADER_STACK_TOL && b.y0 > (c.y0 + c.first_y1) * 0.5;
        let w = (c.x1 - c.x0).max(1.0);
        let in_body = |b: &HCell| {
            base.iter()
                .any(|col| overlap(col.x0, col.x1, b.x0, b.x1) > 0.0)
        };
        let left = cells.iter().any(|b| {
            under(b) && b.x1 <= c.x0 && (in_body(b) || c.x0 - b.x1 <= GROUP_NEIGHBOUR_SHARE * w)
        });
        let right = cells.iter().any(|b| {
            under(b) && b.x0 >= c.x1 && (in_body(b) || b.x0 - c.x1 <= GROUP_NEIGHBOUR_SHARE * w)
        });
        left && right
    };
    let leaves: Vec<usize> = leaves
        .into_iter()
        .filter(|&k| over(&cells[k]) || !group(&cells[k]))
        .collect();
    // Per body column: leaves overlapping it or centred in its cell.
    let mut claimed = vec![0usize; base.len()];
    for &k in &leaves {
        let c = &cells[k];
        if over(c) {
            for (i, b) in base.iter().enumerate() {
                if overlap(b.x0, b.x1, c.x0, c.x1) > 0.0 {
                    claimed[i] += 1;
                }
            }
        } else if let Some(i) = cell_of((c.x0 + c.x1) * 0.5) {
            claimed[i] += 1;
        }
    }
    for &k in &leaves {
        let c = &cells[k];
        if over(c) {
            continue;
        }
        if cell_of((c.x0 + c.x1) * 0.5).is_some_and(|i| claimed[i] == 1) {
            continue;
        }
        cols.push(Col {
            x0: c.x0,
            x1: c.x1,
            amount: true,
        });
    }
    cols.sort_by(|a, b| a.x0.total_cmp(&b.x0));
}

/// Gives every header cell its columns (a group header widened to the centred run of columns
/// whose headers start below it) and its level (one more than the deepest cell above it over
/// the same columns). Returns the number of levels.
pub(super) fn layout_header(cells: &mut [HCell], cols: &[Col], bounds: &[f32], size: f32) -> usize {
    let nc = cols.len();
    if cells.is_empty() || nc == 0 {
        return 0;
    }
    for c in cells.iter_mut() {
        (c.c0, c.c1) = columns_under(c, cols, bounds);
    }
    // Per column, the cells over it (before widening).
    let mut in_col: Vec<Vec<usize>> = vec![Vec::new(); nc];
    for (k, c) in cells.iter().enumerate() {
        for list in in_col.iter_mut().take(c.c1 + 1).skip(c.c0) {
            list.push(k);
        }
    }
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| cells[a].y0.total_cmp(&cells[b].y0));
    for &k in &order {
        if let Some((lo, hi)) = widened(cells, k, &in_col, cols, bounds) {
            cells[k].c0 = lo;
            cells[k].c1 = hi;
        }
    }
    // Levels, top to bottom.
    for idx in 0..order.len() {
        let k = order[idx];
        let (c0, c1, y0) = (cells[k].c0, cells[k].c1, cells[k].y0);
        let level = order[..idx]
            .iter()
            .filter(|&&j| {
                cells[j].c0 <= c1
                    && cells[j].c1 >= c0
                    && (cells[j].y0 + cells[j].first_y1) * 0.5 < y0 - HEADER_LEVEL_EM * size
            })
            .map(|&j| cells[j].level + 1)
            .max()
            .unwrap_or(0);
        cells[k].level = level;
    }
    cells.iter().map(|c| c.level).max().map_or(0, |m| m + 1)
}

/// The columns a header cell lies over: those it covers half of and the one its centre falls
/// in, else the nearest.
fn columns_under(c: &HCell, cols: &[Col], bounds: &[f32]) -> (usize, usize) {
    let nc = cols.len();
    let cx = (c.x0 + c.x1) * 0.5;
    let centre_cell = (0..nc).find(|&i| cx >= bounds[i] && cx < bounds[i + 1]);
    let covered: Vec<usize> = (0..nc)
        .filter(|&i| {
            Some(i) == centre_cell
                || overlap(cols[i].x0, cols[i].x1, c.x0, c.x1)
                    >= HEADER_COVER_SHARE * (cols[i].x1 - cols[i].x0).max(1.0)
        })
        .collect();
    match (covered.first(), covered.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => {
            let mut best = (0usize, f32::MAX);
            for (i, col) in cols.iter().enumerate() {
                let d = ((col.x0 + col.x1) * 0.5 - cx).abs();
                if d < best.1 {
                    best = (i, d);
                }
            }
            (best.0, best.0)
        }
    }
}

/// A group header's columns widened to the run of free columns below it on whose extent it
/// is centred (the widest of the best-centred runs); `None` when nothing lies below it.
fn widened(
    cells: &[HCell],
    k: usize,
    in_col: &[Vec<usize>],
    cols: &[Col],
    bounds: &[f32],
) -> Option<(usize, usize)> {
    let top = cells.iter().map(|c| c.y0).fold(f32::MAX, f32::min);
    let bottom = cells.iter().map(|c| c.y1).fold(f32::MIN, f32::max);
    let hmid = (top + bottom) * 0.5;
    let a = &cells[k];
    let below = |i: usize| {
        in_col[i].iter().any(|&j| {
            j != k
                && cells[j].y0 >= a.y1 - HEADER_STACK_TOL
                && cells[j].y0 > (a.y0 + a.first_y1) * 0.5
        })
    };
    if !(a.c0..=a.c1).any(below) {
        return None;
    }
    // A column whose only header cell is centred on the whole header rather than on the
    // part below this cell is a cell of full height, not one of its sub-columns.
    let sub_mid = (a.y1 + bottom) * 0.5;
    let full_height = |i: usize| {
        in_col[i].len() == 1 && {
            let b = &cells[in_col[i][0]];
            let m = (b.y0 + b.y1) * 0.5;
            (m - hmid).abs() < (m - sub_mid).abs()
        }
    };
    let free = |i: usize| {
        below(i)
            && !full_height(i)
            && in_col[i]
                .iter()
                .all(|&j| cells[j].y0 >= a.y1 - HEADER_STACK_TOL)
    };
    let tc = (a.x0 + a.x1) * 0.5;
    let mut cands: Vec<(usize, usize, f32)> = Vec::new();
    let mut lo = a.c0;
    loop {
        let mut hi = a.c1;
        loop {
            let (x0, x1) = run_extent(cells, k, in_col, (lo, hi), bounds);
            // Or that of the columns' contents (a header centred on its cell, whose body
            // labels start at its left border and amounts end at its right one).
            for (x0, x1) in [(x0, x1), (cols[lo].x0, cols[hi].x1)] {
                let d = (tc - (x0 + x1) * 0.5).abs();
                if d <= GROUP_CENTRE_SHARE * (x1 - x0) + GROUP_CENTRE_SLACK {
                    cands.push((lo, hi, d - GROUP_WIDTH_BONUS * (x1 - x0)));
                    break;
                }
            }
            if hi + 1 < cols.len() && free(hi + 1) {
                hi += 1;
            } else {
                break;
            }
        }
        if lo > 0 && free(lo - 1) {
            lo -= 1;
        } else {
            break;
        }
    }
    best_centred(&cands)
}

/// Of runs (lo, hi, off-centre distance), the widest among the best centred.
fn best_centred(cands: &[(usize, usize, f32)]) -> Option<(usize, usize)> {
    let best_d = cands.iter().map(|c| c.2).fold(f32::MAX, f32::min);
    cands
        .iter()
        .filter(|c| c.2 <= best_d + GROUP_TIE)
        .max_by_key(|c| c.1 - c.0)
        .map(|&(lo, hi, _)| (lo, hi))
}

/// The extent of the run of columns `lo..=hi` under header cell `k`: that of the header text
/// below the cell in those columns (column boundaries sit off-centre beside right-aligned
/// amounts), else the columns' boundaries.
fn run_extent(
    cells: &[HCell],
    k: usize,
    in_col: &[Vec<usize>],
    (lo, hi): (usize, usize),
    bounds: &[f32],
) -> (f32, f32) {
    let a = &cells[k];
    let (mut x0, mut x1) = (f32::MAX, f32::MIN);
    for col in in_col.iter().take(hi + 1).skip(lo) {
        for &j in col {
            let b = &cells[j];
            if j != k && b.y0 >= a.y1 - HEADER_STACK_TOL && b.c0 >= lo && b.c1 <= hi {
                x0 = x0.min(b.x0);
                x1 = x1.max(b.x1);
            }
        }
    }
    if x0 > x1 {
        (bounds[lo], bounds[hi + 1])
    } else {
        (x0, x1)
    }
}
