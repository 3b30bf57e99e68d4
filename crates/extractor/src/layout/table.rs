//! The tables layout hands on: a [`Table`] (caption facts, header paths, body rows) and its
//! [`BodyRow`]s, with the boxes of their cells ([`CellBox`]).

use serde::Serialize;

/// A cell's box `[x0, y0, x1, y1]` in the page's user space as the reader hands it over (PDF
/// points, origin at the top-left of the upright page, y growing downwards: the coordinates of
/// [`crate::page::Glyph`] and of [`Table::areas`]). For a ruled grid it is the cell drawn by the
/// rules (a merged cell's whole box); for a table read from text alignment it is the virtual
/// cell between the column and row boundaries found from the text.
pub type CellBox = [f32; 4];

/// A body row of a table: its cells left to right, one per column.
#[derive(Debug, Clone, Serialize)]
pub struct BodyRow {
    /// The page the row is printed on (a row joined across pages keeps its first page).
    pub page: usize,
    /// The text of each cell ("" for an empty or covered cell).
    pub cells: Vec<String>,
    /// For each cell, the number of columns it spans (1 for ordinary cells, 0 for covered ones).
    pub spans: Vec<usize>,
    /// For each cell, its box on the row's own page (see [`CellBox`]); `None` for covered
    /// cells and for rows not read from a grid (caption lines of a form). Not serialized.
    #[serde(skip)]
    pub boxes: Vec<Option<CellBox>>,
}

/// A table as printed: its caption facts (number, title, unit name, amount unit), its header
/// (rows as printed and each column's header path), its body rows, note and where it is drawn.
/// A table continued over several pages is one `Table`.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// The pages it is printed on, in order.
    pub pages: Vec<usize>,
    /// Number as printed (`表1`, `表 3-1`, `预算01表`), empty when none.
    pub table_no: String,
    /// Title as printed, spaces folded (empty when none was found).
    pub title: String,
    /// 编制单位 / 单位名称 printed above the table.
    pub unit_name: String,
    /// `万元` or `元` from the table's own 单位 line; empty when none was printed.
    pub amount_unit: String,
    /// Header rows as printed: a merged cell's text in its first grid cell, "" elsewhere.
    pub header: Vec<Vec<String>>,
    /// For each header cell, its box on the table's first page (see [`CellBox`]); `None`
    /// where `header` holds "" for a covered cell. Not serialized.
    #[serde(skip)]
    pub header_boxes: Vec<Vec<Option<CellBox>>>,
    /// For every column, the header cells above it, top to bottom.
    pub header_paths: Vec<Vec<String>>,
    /// The body rows, top to bottom, over all its pages.
    pub rows: Vec<BodyRow>,
    /// Text printed right below the table (e.g. "…为空表。"), joined.
    pub note: String,
    /// Lines printed above the table between it and the previous table (title block).
    pub caption_lines: Vec<String>,
    /// Where the table is drawn: (page, x0, y0, x1, y1) for each page it spans.
    pub areas: Vec<(usize, f32, f32, f32, f32)>,
}

impl Table {
    /// Number of columns.
    pub fn columns(&self) -> usize {
        self.header_paths.len()
    }
}
