//! The virtual grid of a table without vertical rules: its regions (header cells over their
//! columns and levels, the row of column numbers, empty header cells joined to a neighbour,
//! one region per body cell), the glyphs of each region, and the row boundaries.

use super::columns::{column_of, Col};
use super::header::HCell;
use super::tokens::SLine;
use crate::layout::grid::Region;
use crate::layout::params::{MIN_BOUNDARY_STEP, VIRTUAL_EDGE};

/// No region yet.
const FREE: usize = usize::MAX;

/// A grid being filled: the region of each grid cell and the glyphs of each region.
pub(super) struct Cells {
    nc: usize,
    pub owner: Vec<usize>,
    pub regions: Vec<Region>,
    pub glyphs_of: Vec<Vec<usize>>,
}

impl Cells {
    pub fn new(nr: usize, nc: usize) -> Cells {
        Cells {
            nc,
            owner: vec![FREE; nr * nc],
            regions: Vec::new(),
            glyphs_of: Vec::new(),
        }
    }

    fn at(&self, r: usize, c: usize) -> usize {
        self.owner[r * self.nc + c]
    }

    /// A new region over rows r0..=r1 and columns c0..=c1 holding `glyphs`.
    fn add(&mut self, (r0, c0, r1, c1): (usize, usize, usize, usize), glyphs: Vec<usize>) {
        let idx = self.regions.len();
        self.regions.push(Region { r0, c0, r1, c1 });
        self.glyphs_of.push(glyphs);
        for r in r0..=r1 {
            for c in c0..=c1 {
                self.owner[r * self.nc + c] = idx;
            }
        }
    }

    /// Header regions: each cell over its columns, from its level down to the level above the
    /// next cell below it (`nh_text` text header rows).
    pub fn place_header(&mut self, cells: &[HCell], nh_text: usize) {
        let nc = self.nc;
        let mut order: Vec<usize> = (0..cells.len()).collect();
        order.sort_by(|&a, &b| {
            cells[a]
                .level
                .cmp(&cells[b].level)
                .then(cells[a].x0.total_cmp(&cells[b].x0))
        });
        for &k in &order {
            let (r0, c0, c1) = (cells[k].level, cells[k].c0, cells[k].c1);
            if r0 >= nh_text || c1 >= nc || c0 > c1 {
                continue;
            }
            let r1 = cells
                .iter()
                .filter(|b| b.level > r0 && b.c0 <= c1 && b.c1 >= c0)
                .map(|b| b.level - 1)
                .min()
                .unwrap_or(nh_text - 1)
                .max(r0);
            let taken = (r0..=r1).any(|r| (c0..=c1).any(|c| self.at(r, c) != FREE));
            if !taken {
                self.add((r0, c0, r1, c1), cells[k].glyphs.clone());
                continue;
            }
            // Another piece over the same cell (letter-spaced text): add its glyphs there.
            let reg = (c0..=c1).map(|c| self.at(r0, c)).find(|&o| o != FREE);
            if let Some(gs) = reg.and_then(|o| self.glyphs_of.get_mut(o)) {
                gs.extend(&cells[k].glyphs);
                continue;
            }
            // Free in its first row only: a cell of one row.
            if (c0..=c1).any(|c| self.at(r0, c) != FREE) {
                continue;
            }
            self.add((r0, c0, r0, c1), cells[k].glyphs.clone());
        }
    }

    /// The row of column numbers under the header (row `r`): one cell per number.
    pub fn place_index_row(
        &mut self,
        r: usize,
        block: &[SLine],
        index_lines: &[usize],
        cols: &[Col],
        bounds: &[f32],
    ) {
        for &li in index_lines {
            for t in &block[li].toks {
                let c = column_of(cols, bounds, t);
                let o = self.at(r, c);
                if o == FREE {
                    self.add((r, c, r, c), t.glyphs.clone());
                } else if let Some(gs) = self.glyphs_of.get_mut(o) {
                    gs.extend(&t.glyphs);
                }
            }
        }
    }

    /// Empty header cells left in the first `nh` rows: extend the region above or below over
    /// them, else stand alone.
    pub fn fill_empty_header(&mut self, nh: usize) {
        let nc = self.nc;
        for r in 0..nh {
            for c in 0..nc {
                if self.at(r, c) != FREE {
                    continue;
                }
                if !(self.extend_from_above(r, c) || self.extend_from_below(r, c, nh)) {
                    self.add((r, c, r, c), Vec::new());
                }
            }
        }
    }

    fn extend_from_above(&mut self, r: usize, c: usize) -> bool {
        if r == 0 {
            return false;
        }
        let reg_i = self.at(r - 1, c);
        let Some(g) = self.regions.get(reg_i).cloned() else {
            return false;
        };
        if g.r1 != r - 1 || !(g.c0..=g.c1).all(|cc| self.at(r, cc) == FREE) {
            return false;
        }
        for cc in g.c0..=g.c1 {
            self.owner[r * self.nc + cc] = reg_i;
        }
        self.regions[reg_i].r1 = r;
        true
    }

    fn extend_from_below(&mut self, r: usize, c: usize, nh: usize) -> bool {
        let Some(rb) = (r + 1..nh).find(|&rb| self.at(rb, c) != FREE) else {
            return false;
        };
        let reg_i = self.at(rb, c);
        let Some(g) = self.regions.get(reg_i).cloned() else {
            return false;
        };
        if g.r0 != rb || !(r..rb).all(|x| (g.c0..=g.c1).all(|cc| self.at(x, cc) == FREE)) {
            return false;
        }
        for x in r..rb {
            for cc in g.c0..=g.c1 {
                self.owner[x * self.nc + cc] = reg_i;
            }
        }
        self.regions[reg_i].r0 = r;
        true
    }

    /// Body cells: one region per grid cell of rows `nh..`, a token in the column it falls in.
    pub fn place_body(
        &mut self,
        nh: usize,
        groups: &[Vec<usize>],
        block: &[SLine],
        cols: &[Col],
        bounds: &[f32],
    ) {
        let nc = self.nc;
        for (gi, grp) in groups.iter().enumerate() {
            let r = nh + gi;
            let base = self.regions.len();
            for c in 0..nc {
                self.add((r, c, r, c), Vec::new());
            }
            for &li in grp {
                for t in &block[li].toks {
                    let c = column_of(cols, bounds, t);
                    if let Some(gs) = self.glyphs_of.get_mut(base + c) {
                        gs.extend(&t.glyphs);
                    }
                }
            }
        }
    }

    /// Every grid cell has its region.
    pub fn complete(&self) -> bool {
        !self.owner.contains(&FREE)
    }
}

/// Row boundaries from each row's vertical extent: midway between rows, one point outside
/// the first and last, increasing. `None` unless there is one extent per row.
pub(super) fn row_bounds(ext: &[(f32, f32)], nr: usize) -> Option<Vec<f32>> {
    if ext.len() != nr || nr == 0 {
        return None;
    }
    let mut ys = Vec::with_capacity(nr + 1);
    ys.push(ext[0].0 - VIRTUAL_EDGE);
    for r in 1..nr {
        ys.push((ext[r - 1].1.max(ext[r - 1].0) + ext[r].0) * 0.5);
    }
    ys.push(ext[nr - 1].1 + VIRTUAL_EDGE);
    for i in 1..ys.len() {
        if ys[i] <= ys[i - 1] {
            ys[i] = ys[i - 1] + MIN_BOUNDARY_STEP;
        }
    }
    Some(ys)
}

/// The vertical extent of each text header row: from the top of its cells to the bottom of
/// their first lines (a row with no cell of its own takes the extent of the row above).
pub(super) fn header_extents(cells: &[HCell], nh_text: usize) -> Vec<(f32, f32)> {
    let mut ext: Vec<(f32, f32)> = Vec::with_capacity(nh_text);
    for r in 0..nh_text {
        let top = cells
            .iter()
            .filter(|c| c.level == r)
            .map(|c| c.y0)
            .fold(f32::MAX, f32::min);
        let bottom = cells
            .iter()
            .filter(|c| c.level == r)
            .map(|c| c.first_y1)
            .fold(f32::MIN, f32::max);
        ext.push(if top <= bottom {
            (top, bottom)
        } else {
            ext.last().copied().unwrap_or((0.0, 0.0))
        });
    }
    ext
}
