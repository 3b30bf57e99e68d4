//! A ruled grid filled with the text of its cells: each glyph placed by its left part (text
//! overflowing a cell runs right), a glyph cut by a column rule going with the nearer of its
//! neighbours; a grid whose cells show undrawn rows is given up.

use super::grid::{Grid, Region};
use super::lines::cell_text;
use super::params::{GLYPH_PLACE_INSET, LINE_BAND_EM, RULE_CUT_MARGIN};
use super::table::CellBox;
use crate::page::Glyph;

/// A grid filled with the text of its cells.
pub(super) struct Filled {
    pub grid: Grid,
    /// Text per region.
    pub text: Vec<String>,
    /// Header rows when known from the layout (virtual grids), else read from the cells.
    pub head: Option<usize>,
}

impl Filled {
    /// The box of region `reg` (see [`CellBox`]).
    pub(super) fn region_box(&self, reg: &Region) -> CellBox {
        let g = &self.grid;
        [
            g.xs[reg.c0],
            g.ys[reg.r0],
            g.xs[reg.c1 + 1],
            g.ys[reg.r1 + 1],
        ]
    }

    /// The cells that start in row `r` (not covered by a merged cell from above or the left):
    /// (column, region, text).
    pub(super) fn row_cells(&self, r: usize) -> impl Iterator<Item = (usize, &Region, &str)> {
        let g = &self.grid;
        (0..g.cols()).filter_map(move |c| {
            let reg_i = g.owner_at(r, c);
            let reg = &g.regions[reg_i];
            (reg.r0 == r && reg.c0 == c).then(|| (c, reg, self.text[reg_i].as_str()))
        })
    }
}

/// The grid filled with the text of its cells, and the glyphs it took marked used; `None`
/// when its cells show that its rows are not drawn ([`super::grid::rows_drawn`]).
pub(super) fn fill(grid: Grid, glyphs: &[Glyph], used: &mut [bool]) -> Option<Filled> {
    let mut per_region: Vec<Vec<&Glyph>> = vec![Vec::new(); grid.regions.len()];
    let mut taken = Vec::new();
    let (x0, y0, x1, y1) = grid.bbox();
    // Glyphs by vertical centre, for finding a cut glyph's neighbours on its line (sorted
    // when the first cut glyph is met: most grids have none).
    let mut by_y: Vec<&Glyph> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        let (cx, cy) = (g.cx(), g.cy());
        if cx < x0 || cx > x1 || cy < y0 || cy > y1 {
            continue;
        }
        // Text that overflows its cell runs to the right: place a glyph by its left part,
        // unless a column rule cuts it, where it goes with the nearer of its neighbours.
        let x = (g.x0 + GLYPH_PLACE_INSET).min(cx);
        let col = match straddled_rule(&grid, g) {
            Some(border) => {
                if by_y.is_empty() {
                    by_y = glyphs.iter().collect();
                    by_y.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
                }
                side_of_nearer_neighbour(&by_y, g, border, grid.col_at(x))
            }
            None => grid.col_at(x),
        };
        if let (Some(r), Some(c)) = (grid.row_at(cy), col) {
            per_region[grid.owner_at(r, c)].push(g);
            taken.push(i);
        }
    }
    if !super::grid::rows_drawn(&per_region) {
        return None;
    }
    for i in taken {
        used[i] = true;
    }
    let text = per_region.iter().map(|gs| cell_text(gs)).collect();
    Some(Filled {
        grid,
        text,
        head: None,
    })
}

/// The inner column rule that runs through a glyph's box (not just touching its edge).
fn straddled_rule(grid: &Grid, g: &Glyph) -> Option<usize> {
    let inner = grid.xs.len().checked_sub(1)?;
    (1..inner).find(|&k| grid.xs[k] > g.x0 + RULE_CUT_MARGIN && grid.xs[k] < g.x1 - RULE_CUT_MARGIN)
}

/// The column of a glyph cut by the rule `xs[border]`: the side of whichever neighbour on its
/// line is nearer. A centred header wider than its cell spills over both rules, a wide amount
/// over its left rule: the cut glyph belongs with the word it touches, not with the text of
/// the next cell, which keeps a gap. Without neighbours, `default`.
/// `by_y`: the page's glyphs sorted by vertical centre.
fn side_of_nearer_neighbour(
    by_y: &[&Glyph],
    g: &Glyph,
    border: usize,
    default: Option<usize>,
) -> Option<usize> {
    let h = (g.y1 - g.y0).max(1.0);
    let (mut left, mut right) = (f32::MAX, f32::MAX);
    let from = by_y.partition_point(|o| o.cy() < g.cy() - LINE_BAND_EM * h);
    for &o in by_y[from..]
        .iter()
        .take_while(|o| o.cy() <= g.cy() + LINE_BAND_EM * h)
    {
        if std::ptr::eq(o, g) {
            continue;
        }
        if o.cx() < g.cx() {
            left = left.min((g.x0 - o.x1).max(0.0));
        } else {
            right = right.min((o.x0 - g.x1).max(0.0));
        }
    }
    if right < left {
        Some(border)
    } else if left < right {
        Some(border - 1)
    } else {
        default
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::grid::find_grids;

    /// One row, three columns ruled at x = 0, 50, 100, 150. A centred header wider than its
    /// cell ("国有资本" in the middle column) has its first glyph cut by the rule at 50; a wide
    /// amount in the last column has its first digit cut by the rule at 100.
    #[test]
    fn glyphs_cut_by_a_rule_go_with_the_word_they_touch() {
        let rule = |x0: f32, y0: f32, x1: f32, y1: f32| crate::page::Rule { x0, y0, x1, y1 };
        let mut rules = vec![rule(0.0, 0.0, 150.0, 0.0), rule(0.0, 20.0, 150.0, 20.0)];
        rules.extend([0.0f32, 50.0, 100.0, 150.0].map(|x| rule(x, 0.0, x, 20.0)));
        let grid = find_grids(&rules).into_iter().next().expect("a grid");
        let g = |ch: char, x0: f32| Glyph {
            ch,
            x0,
            y0: 5.0,
            x1: x0 + 8.0,
            y1: 13.0,
            size: 8.0,
        };
        let mut glyphs = vec![g('预', 30.0), g('算', 38.0)];
        glyphs.extend(
            "国有资本"
                .chars()
                .enumerate()
                .map(|(i, c)| g(c, 47.0 + 8.0 * i as f32)),
        );
        glyphs.extend(
            "12345"
                .chars()
                .enumerate()
                .map(|(i, c)| g(c, 97.0 + 8.0 * i as f32)),
        );
        let mut used = vec![false; glyphs.len()];
        let filled = fill(grid, &glyphs, &mut used).expect("rows drawn");
        assert_eq!(filled.text, vec!["预算", "国有资本", "12345"]);
    }
}
