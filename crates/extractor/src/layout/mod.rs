//! Layout: from a page's glyphs and rules to text lines and tables.
//!
//! The work in the order it happens, one file per step:
//!
//! - [`lines`]: glyphs grouped into text lines (what `yusuan text` prints).
//! - [`grid`]: ruled grids from the page's rules, merged cells as regions.
//! - `cells`: a ruled grid filled with the text of its cells.
//! - [`stream`]: tables drawn without vertical rules, found from text alignment as virtual
//!   grids (its own files: tokens, columns, body rows, header, grid assembly).
//! - `header`: a filled grid's header rows and each column's header path.
//! - `rows`: its body rows, and the [`Table`] it becomes.
//! - `caption`: number, title, unit and 编制单位 above a table (or inside its frame).
//! - `carried`: what the bottom of a page hands on to the next (a title block, a form's
//!   first rows).
//! - `head_stub`: a title and header printed at a page's foot, heading the table that opens
//!   the next page.
//! - `page_tables`: the tables of one page with their captions and notes.
//! - `form`: a 绩效 form's label wrapped around its row's values joined to that row.
//! - `continuation`: tables continued across pages ([`find_tables`]).
//! - [`table`]: the types handed on ([`Table`], [`BodyRow`], [`CellBox`]).
//! - [`params`]: the named thresholds of all of the above.
//!
//! What a piece of text *is* (an amount, a dash, a total, a caption key) is decided in
//! [`crate::lexicon`].

mod caption;
mod carried;
mod cells;
mod continuation;
mod form;
pub mod grid;
mod head_stub;
mod header;
pub mod lines;
mod page_tables;
pub mod params;
mod rows;
pub mod stream;
pub mod table;

pub use continuation::find_tables;
pub use lines::Line;
pub use table::{BodyRow, CellBox, Table};

use crate::page::{Glyph, Page};

/// The page's text lines in reading order (what `yusuan text` prints).
pub fn page_lines(page: &Page) -> Vec<Line> {
    let refs: Vec<&Glyph> = page.glyphs.iter().collect();
    lines::group_lines(&refs)
}
