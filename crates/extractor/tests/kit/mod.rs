//! A test kit: synthetic pages of glyphs and rules built in a few lines, read by layout.
//!
//! Coordinates are PDF points from the top-left of the page, y growing downwards (the page
//! model's). Text is set in a 10-point font unless told: a Chinese character is one font size
//! wide, any other character half of one; a space only advances.
//!
//! ```ignore
//! let page = PageKit::new()
//!     .text(50.0, 40.0, "表1 收入总表")
//!     .ruled(&[50.0, 200.0, 300.0], &[60.0, 80.0, 100.0])
//!     .cell(0, 0, "项目").cell(1, 0, "金额")
//!     .cell(0, 1, "工资").amount_cell(1, 1, "12.50")
//!     .page();
//! let tables = read(vec![page]);
//! ```

#![allow(dead_code)]

use yusuan_extractor::layout::{find_tables, Table};
use yusuan_extractor::{Document, Glyph, Page, Rule};

/// The default font size.
pub const SIZE: f32 = 10.0;

/// A page being built.
pub struct PageKit {
    page: Page,
    size: f32,
    /// The last ruled grid drawn: column and row boundaries.
    xs: Vec<f32>,
    ys: Vec<f32>,
}

impl Default for PageKit {
    fn default() -> Self {
        Self::new()
    }
}

fn advance(ch: char, size: f32) -> f32 {
    if ch.is_ascii() {
        size * 0.5
    } else {
        size
    }
}

/// Width of a text as the kit sets it.
pub fn width(s: &str, size: f32) -> f32 {
    s.chars().map(|c| advance(c, size)).sum()
}

impl PageKit {
    /// An empty A4 page, number 1.
    pub fn new() -> Self {
        PageKit {
            page: Page {
                number: 1,
                width: 595.0,
                height: 842.0,
                ..Page::default()
            },
            size: SIZE,
            xs: Vec::new(),
            ys: Vec::new(),
        }
    }

    /// The page number (1-based).
    pub fn number(mut self, n: usize) -> Self {
        self.page.number = n;
        self
    }

    /// The font size of the text set from now on.
    pub fn size(mut self, size: f32) -> Self {
        self.size = size;
        self
    }

    /// Text starting at `x` with its top at `y`.
    pub fn text(mut self, x: f32, y: f32, s: &str) -> Self {
        let size = self.size;
        let mut x = x;
        for ch in s.chars() {
            let w = advance(ch, size);
            if !ch.is_whitespace() {
                self.page.glyphs.push(Glyph {
                    ch,
                    x0: x,
                    y0: y,
                    x1: x + w,
                    y1: y + size,
                    size,
                });
            }
            x += w;
        }
        self
    }

    /// Text ending at `x1` (right-aligned, as amounts are printed), its top at `y`.
    pub fn right(self, x1: f32, y: f32, s: &str) -> Self {
        let w = width(s, self.size);
        self.text(x1 - w, y, s)
    }

    /// One line of a table without rules: labels left-aligned at their x, amounts (any cell
    /// that parses as a number or a dash) right-aligned at their x.
    pub fn line(mut self, y: f32, cells: &[(f32, &str)]) -> Self {
        for &(x, s) in cells {
            let numeric = s
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '—'));
            self = if numeric && s.contains(['.', '-', '—']) {
                self.right(x, y, s)
            } else {
                self.text(x, y, s)
            };
        }
        self
    }

    /// A horizontal rule at `y` from `x0` to `x1`.
    pub fn hrule(mut self, y: f32, x0: f32, x1: f32) -> Self {
        self.page.rules.push(Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        });
        self
    }

    /// A vertical rule at `x` from `y0` to `y1`.
    pub fn vrule(mut self, x: f32, y0: f32, y1: f32) -> Self {
        self.page.rules.push(Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        });
        self
    }

    /// A rectangle's four sides.
    pub fn frame(self, x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        self.hrule(y0, x0, x1)
            .hrule(y1, x0, x1)
            .vrule(x0, y0, y1)
            .vrule(x1, y0, y1)
    }

    /// A full grid of rules at column boundaries `xs` and row boundaries `ys`; `cell` and
    /// `amount_cell` then place text in it.
    pub fn ruled(mut self, xs: &[f32], ys: &[f32]) -> Self {
        let (x0, x1) = (xs[0], xs[xs.len() - 1]);
        let (y0, y1) = (ys[0], ys[ys.len() - 1]);
        for &y in ys {
            self = self.hrule(y, x0, x1);
        }
        for &x in xs {
            self = self.vrule(x, y0, y1);
        }
        self.xs = xs.to_vec();
        self.ys = ys.to_vec();
        self
    }

    fn cell_top(&self, row: usize) -> f32 {
        let (a, b) = (self.ys[row], self.ys[row + 1]);
        a + (b - a - self.size) * 0.5
    }

    /// Text at the left of cell (`col`, `row`) of the last ruled grid.
    pub fn cell(self, col: usize, row: usize, s: &str) -> Self {
        let (x, y) = (self.xs[col] + 2.0, self.cell_top(row));
        self.text(x, y, s)
    }

    /// Text at the right of cell (`col`, `row`) of the last ruled grid.
    pub fn amount_cell(self, col: usize, row: usize, s: &str) -> Self {
        let (x, y) = (self.xs[col + 1] - 2.0, self.cell_top(row));
        self.right(x, y, s)
    }

    /// A whole row of the last ruled grid: texts left, numbers right.
    pub fn grid_row(mut self, row: usize, cells: &[&str]) -> Self {
        for (col, s) in cells.iter().enumerate() {
            let numeric = !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
            self = if numeric {
                self.amount_cell(col, row, s)
            } else {
                self.cell(col, row, s)
            };
        }
        self
    }

    /// The page.
    pub fn page(self) -> Page {
        self.page
    }
}

/// The tables layout reads from these pages.
pub fn read(pages: Vec<Page>) -> Vec<Table> {
    find_tables(&Document {
        pages,
        repaired: false,
    })
}

/// A table's body rows as text, spaces folded.
pub fn rows(t: &Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.chars().filter(|c| !c.is_whitespace()).collect())
                .collect()
        })
        .collect()
}

/// The rows' cells in column `c`.
pub fn column(t: &Table, c: usize) -> Vec<String> {
    rows(t).into_iter().map(|r| r[c].clone()).collect()
}

/// A page with a title and a header line and nothing else yet: labels at x = 50, amounts
/// right-aligned at 300 and 400, the header line at y = 60.
pub fn rule_less() -> PageKit {
    PageKit::new().text(50.0, 30.0, "表1 收入支出表").line(
        60.0,
        &[(50.0, "项目"), (270.0, "预算数"), (370.0, "决算数")],
    )
}
