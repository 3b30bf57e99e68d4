//! Layout: from a page's glyphs and rules to text lines and tables.
//!
//! [`lines`] groups glyphs into lines; [`grid`] finds ruled grids and their merged cells;
//! [`tables`] reads a grid as a table (header rows and column paths, body rows), finds its
//! title, number, unit and 编制单位 in the lines above it, and joins tables continued on the
//! following pages.

pub mod grid;
pub mod lines;
pub mod stream;
pub mod tables;

pub use lines::Line;
pub use tables::{find_tables, BodyRow, Table};

use crate::page::{Glyph, Page};

/// The page's text lines in reading order (what `yusuan text` prints).
pub fn page_lines(page: &Page) -> Vec<Line> {
    let refs: Vec<&Glyph> = page.glyphs.iter().collect();
    lines::group_lines(&refs)
}
