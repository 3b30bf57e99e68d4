//! Tables built in a few lines for the normalizer's unit tests (one builder for every test
//! module).

use yusuan_extractor::layout::{BodyRow, Table};

/// A one-page table: its title, amount unit, each column's header path and the rows' cells.
pub(crate) fn table(
    title: &str,
    unit: &str,
    header_paths: Vec<Vec<String>>,
    rows: &[&[&str]],
) -> Table {
    Table {
        pages: vec![1],
        table_no: String::new(),
        title: title.into(),
        unit_name: String::new(),
        amount_unit: unit.into(),
        header: Vec::new(),
        header_paths,
        rows: rows
            .iter()
            .map(|r| BodyRow {
                page: 1,
                cells: r.iter().map(|s| s.to_string()).collect(),
                spans: vec![1; r.len()],
                boxes: Vec::new(),
            })
            .collect(),
        note: String::new(),
        caption_lines: Vec::new(),
        areas: Vec::new(),
        header_boxes: Vec::new(),
    }
}

/// Header paths given level by level.
pub(crate) fn paths(header: &[&[&str]]) -> Vec<Vec<String>> {
    header
        .iter()
        .map(|p| p.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// Header paths given as one string per column, levels separated by a space.
pub(crate) fn spaced(header: &[&str]) -> Vec<Vec<String>> {
    header
        .iter()
        .map(|h| h.split(' ').map(str::to_string).collect())
        .collect()
}
