//! Body rows of a table read from a filled grid, and the [`Table`] a filled grid becomes.

use super::cells::Filled;
use super::header::{header_of, header_rows, is_column_index_row};
use super::table::{BodyRow, Table};

/// The table a filled grid reads as, without its caption (a 绩效 form, `performance`, has no
/// header rows: its first rows are data).
pub(super) fn table_from(f: &Filled, page: usize, performance: bool) -> Table {
    let nh = header_rows(f, performance);
    let header = header_of(f, nh);
    Table {
        pages: vec![page],
        table_no: String::new(),
        title: String::new(),
        unit_name: String::new(),
        amount_unit: String::new(),
        header: header.rows,
        header_boxes: header.boxes,
        header_paths: header.paths,
        rows: body_rows(f, nh, page),
        note: String::new(),
        caption_lines: Vec::new(),
        areas: Vec::new(),
    }
}

/// The rows below the `nh` header rows: one per grid row, empty rows and rows numbering the
/// columns left out.
fn body_rows(f: &Filled, nh: usize, page: usize) -> Vec<BodyRow> {
    let g = &f.grid;
    let nc = g.cols();
    let mut rows = Vec::new();
    for r in nh..g.rows() {
        let mut cells = vec![String::new(); nc];
        let mut spans = vec![0usize; nc];
        let mut boxes = vec![None; nc];
        for c in 0..nc {
            let reg_i = g.owner_at(r, c);
            let reg = &g.regions[reg_i];
            // A cell merged down several rows belongs to its first row (or to the first body
            // row when it starts in the header); one merged across columns to its first column.
            let first_row = reg.r0 == r || (reg.r0 < nh && r == nh);
            if reg.c0 == c && first_row {
                cells[c] = f.text[reg_i].clone();
                spans[c] = reg.c1 - reg.c0 + 1;
                boxes[c] = Some(f.region_box(reg));
            }
        }
        if cells.iter().all(|c| c.trim().is_empty()) || is_column_index_row(f, r) {
            continue;
        }
        rows.push(BodyRow {
            page,
            cells,
            spans,
            boxes,
        });
    }
    rows
}
