//! Where a fact, an unplaced number or another printed number sits: its body cell (row, column)
//! in its table, and that cell's box on the page.
//!
//! A cell's box comes from layout (`BodyRow::boxes`, page user space, the coordinates of
//! `Table::areas`); a number is drawn only where layout says its cell is, never at a guessed
//! position.

use yusuan_extractor::layout::Table;
use yusuan_normalizer::facts::parse_amount;
use yusuan_normalizer::{Fact, Unplaced};

/// A box on a page: x0, y0, x1, y1 in points, y downwards (the page model's coordinates).
pub type Rect = [f32; 4];

/// The (0-based) body row and column of a fact's cell, as the normalizer read it.
pub fn fact_cell(t: &Table, f: &Fact) -> Option<(usize, usize)> {
    t.rows.get(f.body_row)?.cells.get(f.col)?;
    Some((f.body_row, f.col))
}

/// The (0-based) body row and column of an unplaced number's cell.
pub fn unplaced_cell(t: &Table, u: &Unplaced) -> Option<(usize, usize)> {
    t.rows.get(u.body_row)?.cells.get(u.col)?;
    Some((u.body_row, u.col))
}

/// The box of body cell (row, col) on its page, when layout knows it.
pub fn cell_box(t: &Table, row: usize, col: usize) -> Option<Rect> {
    let b = t.rows.get(row)?.boxes.get(col).copied().flatten()?;
    // A degenerate or non-finite box is no place to draw a number.
    (b.iter().all(|v| v.is_finite()) && b[2] > b[0] && b[3] > b[1]).then_some(b)
}

/// A printed number in a body cell: a decimal amount (`12.50`, `-3.5`, `1,234.00`). Codes and
/// row numbers (`201`, `3`) are not counted.
pub fn is_printed_number(cell: &str) -> bool {
    cell.contains('.') && parse_amount(cell).is_some()
}
