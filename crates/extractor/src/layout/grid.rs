//! Ruled grids: merged ruling lines → connected components → column and row boundaries →
//! cells, where a missing rule between two grid cells merges them (row and column spans).

use super::params::{
    CELL_LINE_BAND, GRID_EDGE_SLACK, GRID_LINE_MERGE, MAX_GRID_CELLS, MAX_RULES, MIN_RULE_LEN,
    MIN_TABLE_HEIGHT, MIN_TABLE_WIDTH, RULE_CROSS_TOL, RULE_PRESENT_SHARE, SNAP, SNAP_COVER,
    STACKED_AMOUNT_LINES, STACKED_CELL_MIN_GLYPHS,
};
use crate::page::{Glyph, Rule};

#[derive(Debug, Clone, Copy)]
struct Seg {
    /// Position across the line (y of a horizontal rule, x of a vertical one).
    at: f32,
    lo: f32,
    hi: f32,
}

/// A region of grid cells covered by one visual cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// First row.
    pub r0: usize,
    /// First column.
    pub c0: usize,
    /// Last row (inclusive).
    pub r1: usize,
    /// Last column (inclusive).
    pub c1: usize,
}

/// A grid of cells: boundaries, and the visual cells (regions) covering grid cells. Ruled
/// grids come from rules ([`find_grids`]); tables without rules give virtual grids
/// ([`super::stream`]).
#[derive(Debug, Clone)]
pub struct Grid {
    /// Column boundaries, left to right (n + 1 for n columns).
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f32>,
    /// The visual cells.
    pub regions: Vec<Region>,
    /// For each grid cell (row-major), the index of its region.
    pub owner: Vec<usize>,
}

impl Grid {
    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.ys.len() - 1
    }
    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.xs.len() - 1
    }
    /// The region covering grid cell (`r`, `c`).
    pub fn owner_at(&self, r: usize, c: usize) -> usize {
        self.owner[r * self.cols() + c]
    }
    /// The grid's box: (x0, y0, x1, y1).
    pub fn bbox(&self) -> (f32, f32, f32, f32) {
        (
            self.xs[0],
            self.ys[0],
            *self.xs.last().unwrap_or(&0.0),
            *self.ys.last().unwrap_or(&0.0),
        )
    }
    /// The grid without its first `k` rows (a title or unit line drawn inside the frame).
    pub fn without_top_rows(&self, k: usize) -> Grid {
        let k = k.min(self.rows().saturating_sub(1));
        let nc = self.cols();
        let regions = self
            .regions
            .iter()
            .map(|r| Region {
                r0: r.r0.saturating_sub(k),
                c0: r.c0,
                r1: r.r1.saturating_sub(k),
                c1: r.c1,
            })
            .collect();
        Grid {
            xs: self.xs.clone(),
            ys: self.ys[k..].to_vec(),
            regions,
            owner: self.owner[k * nc..].to_vec(),
        }
    }

    /// Row index for a y coordinate inside the grid.
    pub fn row_at(&self, y: f32) -> Option<usize> {
        locate(&self.ys, y)
    }
    /// Column index for an x coordinate inside the grid.
    pub fn col_at(&self, x: f32) -> Option<usize> {
        locate(&self.xs, x)
    }
}

fn locate(bounds: &[f32], v: f32) -> Option<usize> {
    if bounds.len() < 2
        || v < bounds[0] - GRID_EDGE_SLACK
        || v > bounds[bounds.len() - 1] + GRID_EDGE_SLACK
    {
        return None;
    }
    let i = bounds.partition_point(|b| *b <= v);
    Some(i.saturating_sub(1).min(bounds.len() - 2))
}

/// Merges collinear segments: same position within SNAP, overlapping or touching extents.
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.lo.total_cmp(&b.lo)));
    // Cluster positions.
    let mut clusters: Vec<Vec<Seg>> = Vec::new();
    for s in segs {
        match clusters.last_mut() {
            Some(c) if (s.at - c[c.len() - 1].at).abs() <= SNAP => c.push(s),
            _ => clusters.push(vec![s]),
        }
    }
    let mut out = Vec::new();
    for mut c in clusters {
        let at = c.iter().map(|s| s.at).sum::<f32>() / c.len() as f32;
        c.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut cur: Option<Seg> = None;
        for s in c {
            match cur.as_mut() {
                Some(m) if s.lo <= m.hi + SNAP => m.hi = m.hi.max(s.hi),
                _ => {
                    if let Some(m) = cur.take() {
                        out.push(m);
                    }
                    cur = Some(Seg {
                        at,
                        lo: s.lo,
                        hi: s.hi,
                    });
                }
            }
        }
        if let Some(m) = cur {
            out.push(m);
        }
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn cluster_positions(mut v: Vec<f32>, tol: f32) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<Vec<f32>> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some(c) if x - c[c.len() - 1] <= tol => c.push(x),
            _ => out.push(vec![x]),
        }
    }
    out.into_iter()
        .map(|c| c.iter().sum::<f32>() / c.len() as f32)
        .collect()
}

/// Length of [lo, hi] covered by the segments at position `at` (within SNAP).
fn covered(segs: &[Seg], at: f32, lo: f32, hi: f32) -> f32 {
    let mut total = 0.0;
    for s in segs {
        if (s.at - at).abs() <= SNAP * SNAP_COVER {
            let a = s.lo.max(lo);
            let b = s.hi.min(hi);
            if b > a {
                total += b - a;
            }
        }
    }
    total
}

/// Finds the ruled grids of a page.
impl Grid {
    /// Big enough to be a table: two columns or more, of some size. A frame drawn around a
    /// whole table (one cell) is not one: the table inside it is read from text alignment.
    pub fn is_table(&self) -> bool {
        let (x0, y0, x1, y1) = self.bbox();
        self.rows() >= 1
            && self.cols() >= 2
            && x1 - x0 >= MIN_TABLE_WIDTH
            && y1 - y0 >= MIN_TABLE_HEIGHT
    }

    /// Whether the grid's rules separate its rows (see [`rows_drawn`]), its glyphs placed by
    /// their centres.
    pub fn rows_drawn(&self, glyphs: &[Glyph]) -> bool {
        let (x0, y0, x1, y1) = self.bbox();
        let mut per_region: Vec<Vec<&Glyph>> = vec![Vec::new(); self.regions.len()];
        for g in glyphs {
            let (cx, cy) = (g.cx(), g.cy());
            if cx < x0 || cx > x1 || cy < y0 || cy > y1 {
                continue;
            }
            if let (Some(r), Some(c)) = (self.row_at(cy), self.col_at(cx)) {
                per_region[self.owner_at(r, c)].push(g);
            }
        }
        rows_drawn(&per_region)
    }
}

/// Whether a grid's rules separate its rows, from the glyphs of each of its cells: not when a
/// cell holds three or more lines that are each an amount and nothing else (a frame and column
/// rules with no rule between the rows). Such a table is read from text alignment, as one
/// without rules.
pub fn rows_drawn(per_region: &[Vec<&Glyph>]) -> bool {
    let has_amount = |l: &[char]| {
        l.windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit())
            && l.iter()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
    };
    per_region
        .iter()
        .filter(|gs| gs.len() >= STACKED_CELL_MIN_GLYPHS)
        .all(|gs| {
            let mut gs = gs.clone();
            gs.sort_by(|a, b| a.cy().total_cmp(&b.cy()).then(a.x0.total_cmp(&b.x0)));
            let mut amount_lines = 0;
            let mut line: Vec<char> = Vec::new();
            let mut line_y = f32::MIN;
            for g in &gs {
                if g.cy() - line_y > CELL_LINE_BAND * (g.y1 - g.y0).max(1.0) {
                    amount_lines += has_amount(&line) as usize;
                    line.clear();
                    line_y = g.cy();
                }
                line.push(g.ch);
            }
            amount_lines += has_amount(&line) as usize;
            amount_lines < STACKED_AMOUNT_LINES
        })
}

/// The ruled grids drawn by a page's rules, top to bottom: crossing rules grouped into
/// connected components, each component's lines as boundaries, missing rules as merged cells.
pub fn find_grids(rules: &[Rule]) -> Vec<Grid> {
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for r in rules {
        if r.is_horizontal() {
            if r.x1 - r.x0 >= MIN_RULE_LEN {
                hs.push(Seg {
                    at: (r.y0 + r.y1) / 2.0,
                    lo: r.x0,
                    hi: r.x1,
                });
            }
        } else if r.y1 - r.y0 >= MIN_RULE_LEN {
            vs.push(Seg {
                at: (r.x0 + r.x1) / 2.0,
                lo: r.y0,
                hi: r.y1,
            });
        }
    }
    let hs = merge(hs);
    let vs = merge(vs);
    if hs.len() < 2 || vs.len() < 2 || hs.len() + vs.len() > MAX_RULES {
        return Vec::new();
    }
    // Connected components of crossing rules.
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let tol = RULE_CROSS_TOL;
    // Sort verticals by x for a sweep; the count is small enough for a plain double loop on
    // real pages (hundreds), and bounded above.
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if v.at >= h.lo - tol && v.at <= h.hi + tol && h.at >= v.lo - tol && h.at <= v.hi + tol
            {
                let a = find(&mut parent, i);
                let b = find(&mut parent, hs.len() + j);
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut comps: std::collections::BTreeMap<usize, (Vec<Seg>, Vec<Seg>)> = Default::default();
    for (i, h) in hs.iter().enumerate() {
        let root = find(&mut parent, i);
        comps.entry(root).or_default().0.push(*h);
    }
    for (j, v) in vs.iter().enumerate() {
        let root = find(&mut parent, hs.len() + j);
        comps.entry(root).or_default().1.push(*v);
    }
    let mut grids = Vec::new();
    for (_, (ch, cv)) in comps {
        if ch.len() < 2 || cv.len() < 2 {
            continue;
        }
        if let Some(g) = build_grid(&ch, &cv) {
            grids.push(g);
        }
    }
    grids.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    grids
}

fn build_grid(hs: &[Seg], vs: &[Seg]) -> Option<Grid> {
    let mut xs_raw: Vec<f32> = vs.iter().map(|v| v.at).collect();
    let mut ys_raw: Vec<f32> = hs.iter().map(|h| h.at).collect();
    // Outer borders may be missing: the extents of the other direction close the grid.
    let x_lo = hs.iter().map(|h| h.lo).fold(f32::MAX, f32::min);
    let x_hi = hs.iter().map(|h| h.hi).fold(f32::MIN, f32::max);
    let y_lo = vs.iter().map(|v| v.lo).fold(f32::MAX, f32::min);
    let y_hi = vs.iter().map(|v| v.hi).fold(f32::MIN, f32::max);
    xs_raw.extend([x_lo, x_hi]);
    ys_raw.extend([y_lo, y_hi]);
    let xs = cluster_positions(xs_raw, GRID_LINE_MERGE);
    let ys = cluster_positions(ys_raw, GRID_LINE_MERGE);
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    if nr * nc > MAX_GRID_CELLS {
        return None;
    }
    // Union grid cells across missing rules.
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    for (r, row) in ys.windows(2).enumerate() {
        for (c, &x) in xs.iter().enumerate().take(nc).skip(1) {
            let (lo, hi) = (row[0], row[1]);
            if covered(vs, x, lo, hi) < RULE_PRESENT_SHARE * (hi - lo) {
                let a = find(&mut parent, r * nc + c - 1);
                let b = find(&mut parent, r * nc + c);
                if a != b {
                    parent[b] = a;
                }
            }
        }
    }
    for (r, &y) in ys.iter().enumerate().take(nr).skip(1) {
        for (c, col) in xs.windows(2).enumerate() {
            let (lo, hi) = (col[0], col[1]);
            if covered(hs, y, lo, hi) < RULE_PRESENT_SHARE * (hi - lo) {
                let a = find(&mut parent, (r - 1) * nc + c);
                let b = find(&mut parent, r * nc + c);
                if a != b {
                    parent[b] = a;
                }
            }
        }
    }
    let mut region_of_root: std::collections::HashMap<usize, usize> = Default::default();
    let mut regions: Vec<Region> = Vec::new();
    let mut owner = vec![0usize; nr * nc];
    for r in 0..nr {
        for c in 0..nc {
            let root = find(&mut parent, r * nc + c);
            let idx = *region_of_root.entry(root).or_insert_with(|| {
                regions.push(Region {
                    r0: r,
                    c0: c,
                    r1: r,
                    c1: c,
                });
                regions.len() - 1
            });
            let reg = &mut regions[idx];
            reg.r0 = reg.r0.min(r);
            reg.c0 = reg.c0.min(c);
            reg.r1 = reg.r1.max(r);
            reg.c1 = reg.c1.max(c);
            owner[r * nc + c] = idx;
        }
    }
    Some(Grid {
        xs,
        ys,
        regions,
        owner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    /// A frame with column rules and no rule between the rows: one cell per column holding
    /// every row. Amount lines stacked in a cell say the rows are not drawn; a wrapped text
    /// cell with amounts inside its sentences does not.
    #[test]
    fn rows_not_drawn() {
        let rules = [
            h(0.0, 0.0, 200.0),
            h(100.0, 0.0, 200.0),
            v(0.0, 0.0, 100.0),
            v(100.0, 0.0, 100.0),
            v(200.0, 0.0, 100.0),
        ];
        let grid = find_grids(&rules).into_iter().next().expect("a grid");
        let line = |text: &str, x: f32, y: f32| -> Vec<Glyph> {
            text.chars()
                .enumerate()
                .map(|(i, ch)| Glyph {
                    ch,
                    x0: x + 6.0 * i as f32,
                    y0: y,
                    x1: x + 6.0 * (i + 1) as f32,
                    y1: y + 8.0,
                    size: 8.0,
                })
                .collect()
        };
        let amounts: Vec<Glyph> = ["12.50", "3.00", "1,204.75"]
            .iter()
            .enumerate()
            .flat_map(|(k, t)| line(t, 140.0, 10.0 + 12.0 * k as f32))
            .collect();
        assert!(!grid.rows_drawn(&amounts));
        let prose: Vec<Glyph> = ["投资12.50万元用于", "设备3.00万元和", "维护1.20万元"]
            .iter()
            .enumerate()
            .flat_map(|(k, t)| line(t, 110.0, 10.0 + 12.0 * k as f32))
            .collect();
        assert!(grid.rows_drawn(&prose));
    }

    #[test]
    fn merged_header_cell() {
        // Two columns under one header cell spanning both: no vertical rule in the top row.
        let rules = vec![
            h(0.0, 0.0, 100.0),
            h(10.0, 0.0, 100.0),
            h(10.4, 0.0, 100.0), // double rule 0.4 pt apart
            h(20.0, 0.0, 100.0),
            v(0.0, 0.0, 20.0),
            v(50.0, 10.0, 20.0),
            v(100.0, 0.0, 20.0),
        ];
        let grids = find_grids(&rules);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (2, 2));
        assert_eq!(g.owner_at(0, 0), g.owner_at(0, 1));
        assert_ne!(g.owner_at(1, 0), g.owner_at(1, 1));
    }
}
