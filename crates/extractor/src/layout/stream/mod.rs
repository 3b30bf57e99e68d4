//! Tables drawn without a full grid: horizontal rules only, or no rules at all. Columns come
//! from the alignment of the text; the result is a virtual [`Grid`] so that header paths,
//! captions and continuation work as for ruled tables.
//!
//! Outline. The free glyphs (not in a ruled grid) are grouped into lines and each line into
//! tokens (pieces split at wide gaps; a piece made only of numbers is split at its spaces).
//! Lines are cut into blocks at prose, captions, page footers and wide vertical gaps. A block
//! becomes a table when at least three of its lines carry amounts whose right edges align.
//! Amount columns are the clusters of right edges of amount tokens, text columns the clusters
//! of left edges of the other tokens; overlapping extents merge. Lines above the first amount
//! line (up to a rule on top, a caption or six lines) are the header: one grid row per line,
//! each header token a region over the columns it covers (a group header is widened to the
//! centred run of sub-columns below it), empty header cells join the cell above or below, and
//! a header cell wrapped over several lines becomes one region. Body lines without amounts
//! are wrapped labels (joined to the nearer row, or as rules say) or rows of their own.
//!
//! Files, in the order of the work: [`tokens`] (lines and their typed tokens), [`columns`],
//! [`body`] (the body's lines and its rows), [`header`] (header lines, cells, levels),
//! [`assemble`] (regions and row boundaries of the virtual grid); [`geometry`] holds the
//! small shared measures.

mod assemble;
mod body;
mod columns;
mod geometry;
mod header;
mod tokens;

use self::assemble::{header_extents, row_bounds, Cells};
use self::body::{body_extent, group_body};
use self::columns::{body_columns, boundaries, merge_cols, Col};
use self::geometry::{cluster, distinct_lines, h_rules, overlap, rule_between, HRule, TokId};
use self::header::{
    add_header_columns, first_amount_x, header_cells, header_extent, layout_header, HCell,
};
use self::tokens::{breaks, build_lines, is_caption, is_index_row, is_prose, Kind, SLine};
use super::grid::Grid;
use super::lines::cell_text;
use super::params::{
    AMOUNT_ALIGN_TOL, BLOCK_GAP_EM, MAX_GRID_CELLS, MAX_HEADER_CELLS, MAX_PAGE_LINES,
    MIN_ALIGNED_LINES, MIN_BLOCK_LINES, RULED_HEADER_WRAP_GAP_EM, VIRTUAL_COLUMNS, WRAP_GAP_EM,
};
use crate::lexicon::fold_spaces;
use crate::page::{Glyph, Page};

/// A table found from text alignment: its virtual grid, the text per region, the glyphs it
/// consumed and how many of its grid rows are header rows.
pub struct Virtual {
    /// The virtual grid.
    pub grid: Grid,
    /// The text of each of its regions.
    pub text: Vec<String>,
    /// The page's glyphs it took (indices).
    pub glyphs: Vec<usize>,
    /// Its first grid rows that are header rows.
    pub header_rows: usize,
}

/// What the previous page tells about this one: the header cell texts (without spaces) of a
/// table left open at its bottom, repeated above its continuation.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// Header cell texts, spaces folded.
    pub header_cells: std::collections::HashSet<String>,
    /// A title was printed at the bottom of the previous page after its last table: the
    /// page's first block is under a caption (a short table or form may start it).
    pub title_carried: bool,
}

/// The tables of a page drawn without a full grid, from the glyphs not `used` by ruled grids;
/// never overlapping a ruled grid.
pub fn virtual_grids(page: &Page, used: &[bool], hints: &Hints) -> Vec<Virtual> {
    // Cheap evidence first: a table of amounts has several decimal numbers outside the ruled
    // grids (glyphs are in drawing order, so "12.34" is digit, point, digit). Most pages have none.
    let free: Vec<&Glyph> = page
        .glyphs
        .iter()
        .zip(used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| g)
        .collect();
    let decimals = free
        .windows(3)
        .filter(|w| w[0].ch.is_ascii_digit() && w[1].ch == '.' && w[2].ch.is_ascii_digit())
        .count();
    if decimals == 0 {
        return Vec::new();
    }
    let lines = build_lines(page, used);
    if lines.len() < MIN_BLOCK_LINES || lines.len() > MAX_PAGE_LINES {
        return Vec::new();
    }
    let rules = h_rules(page);
    // Ruled grids of the page: a virtual table never overlaps one.
    let mut ruled: Option<Vec<(f32, f32, f32, f32)>> = None;
    // Blocks of lines between breaks.
    let mut out = Vec::new();
    let mut start = 0;
    // Whether the current block follows a caption line right above it (for the first block,
    // one carried from the bottom of the previous page).
    let mut after_caption = hints.title_carried;
    let breaks = breaks(&lines);
    for i in 0..=lines.len() {
        let brk = i == lines.len()
            || breaks[i]
            || (i > start
                && lines[i].y0 - lines[i - 1].y1
                    > BLOCK_GAP_EM * lines[i].size.max(lines[i - 1].size));
        if brk {
            if i > start {
                for t in tables_in_block(page, &lines[start..i], &rules, after_caption, hints) {
                    let boxes = ruled.get_or_insert_with(|| {
                        super::grid::find_grids(&page.rules)
                            .iter()
                            .filter(|g| g.is_table() && g.rows_drawn(&page.glyphs))
                            .map(|g| g.bbox())
                            .collect()
                    });
                    let (x0, y0, x1, y1) = t.grid.bbox();
                    if boxes
                        .iter()
                        .any(|b| overlap(b.0, b.2, x0, x1) > 0.0 && overlap(b.1, b.3, y0, y1) > 0.0)
                    {
                        continue;
                    }
                    out.push(t);
                }
            }
            after_caption = i < lines.len() && is_caption(&lines[i]) && !is_prose(&lines[i]);
            start = if i < lines.len() && breaks[i] {
                i + 1
            } else {
                i
            };
        }
    }
    out
}

/// Finds the tables in a block of lines (normally one): body runs with aligned amounts.
fn tables_in_block(
    page: &Page,
    block: &[SLine],
    rules: &[HRule],
    after_caption: bool,
    hints: &Hints,
) -> Vec<Virtual> {
    let body: Vec<usize> = (0..block.len())
        .filter(|&i| block[i].amounts() >= 1 && !is_index_row(&block[i]))
        .collect();
    // Strong evidence for a table too short to show aligned columns (one or two rows): a
    // header line of several cells right above its first amount line, under a caption or
    // repeating the header of the table continued from the previous page.
    let small_ok = body.first().is_some_and(|&b| {
        let head = &block[..b];
        let known = head.iter().any(|l| is_known_header(l, hints));
        let header_line = head
            .iter()
            .rev()
            .take(4)
            .any(|l| l.amounts() == 0 && l.fine.len() >= 2 && !is_prose(l));
        let decimals = body.iter().any(|&i| {
            block[i]
                .toks
                .iter()
                .any(|t| t.kind == Kind::Amount && t.text.contains('.'))
        });
        decimals && header_line && (known || (after_caption && head.len() <= 4))
    });
    let found = aligned_table(page, block, &body, rules);
    if found.is_none() && small_ok {
        return build_table(page, block, &body, rules).into_iter().collect();
    }
    found.into_iter().collect()
}

/// The table of a block whose amounts align in columns over at least three lines.
fn aligned_table(page: &Page, block: &[SLine], body: &[usize], rules: &[HRule]) -> Option<Virtual> {
    if body.len() < MIN_ALIGNED_LINES {
        return None;
    }
    // Evidence: right edges of amounts aligned over at least three lines, in a column mostly of
    // decimals (3,008.81) or in two such columns.
    let edges: Vec<(f32, TokId)> = body
        .iter()
        .flat_map(|&i| {
            block[i]
                .toks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.kind == Kind::Amount)
                .map(move |(tok, t)| (t.x1, TokId { line: i, tok }))
        })
        .collect();
    let clusters = cluster(edges, AMOUNT_ALIGN_TOL);
    let strong: Vec<&Vec<(f32, TokId)>> = clusters
        .iter()
        .filter(|c| distinct_lines(c) >= MIN_ALIGNED_LINES)
        .collect();
    let decimal = |c: &Vec<(f32, TokId)>| {
        let n = c
            .iter()
            .filter(|p| {
                block
                    .get(p.1.line)
                    .and_then(|l| l.toks.get(p.1.tok))
                    .is_some_and(|t| t.text.contains(['.', ',']))
            })
            .count();
        n * 2 >= c.len()
    };
    if strong.is_empty() || (strong.len() < 2 && !strong.iter().any(|c| decimal(c))) {
        return None;
    }
    // Body lines: those with an amount in an aligned column.
    let aligned: Vec<usize> = {
        let mut v: Vec<usize> = strong
            .iter()
            .flat_map(|c| c.iter().map(|p| p.1.line))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    if aligned.len() < MIN_ALIGNED_LINES {
        return None;
    }
    build_table(page, block, &aligned, rules)
}

/// The virtual grid of the table whose aligned amount lines are `aligned`: body lines and
/// columns, header lines and cells, rows, then the grid's regions and boundaries.
fn build_table(
    page: &Page,
    block: &[SLine],
    aligned: &[usize],
    rules: &[HRule],
) -> Option<Virtual> {
    let body = body_extent(block, aligned, rules)?;
    let size = body.size;
    let cols = body_columns(block, body.first, body.end);
    if cols.len() < 2 {
        return None;
    }
    let (head_start, head_end) = header_extent(block, &body, &cols, rules);
    let table_x = (
        cols.first().map(|c| c.x0).unwrap_or(0.0),
        cols.last().map(|c| c.x1).unwrap_or(0.0),
    );
    let label_end = first_amount_x(&cols);
    // Header cells: the pieces of the header lines, a cell wrapped over several lines joined.
    let (index_lines, text_lines): (Vec<usize>, Vec<usize>) =
        (head_start..head_end).partition(|&i| is_index_row(&block[i]));
    // A rule between the header and the body: the header's rows are drawn by rules, and the
    // lines between two of them in one column are one cell however loosely they are set.
    let ruled_header = head_start < head_end
        && head_end < block.len()
        && rule_between(
            rules,
            block[head_end - 1].cy(),
            block[head_end].cy(),
            table_x.0,
            table_x.1,
        );
    let wrap_gap = if ruled_header {
        RULED_HEADER_WRAP_GAP_EM
    } else {
        WRAP_GAP_EM
    };
    let mut cells = header_cells(block, &text_lines, rules, size, wrap_gap);
    if cells.len() > MAX_HEADER_CELLS {
        return None;
    }
    // Leaf header cells (nothing below them) over no column make columns of their own
    // (columns left blank in the body).
    let mut cols = cols;
    add_header_columns(&mut cols, &cells);
    let cols = merge_cols(cols);
    let nc = cols.len();
    if !VIRTUAL_COLUMNS.contains(&nc) {
        return None;
    }
    let bounds = boundaries(&cols);
    // Body rows: groups of lines.
    let body_lines: Vec<usize> = (head_end..body.end).collect();
    let groups = group_body(block, &body_lines, size, rules, table_x, label_end);
    let plan = RowPlan {
        nh_text: layout_header(&mut cells, &cols, &bounds, size),
        index_lines,
        text_lines,
        groups,
    };
    virtual_grid(page, block, &cells, &cols, bounds, &plan)
}

/// The rows of a virtual grid: text header rows, the row of column numbers, body rows.
struct RowPlan {
    /// Header rows holding header cells.
    nh_text: usize,
    /// Lines numbering the columns (栏次 1 2 3 …), one grid row under the text header rows.
    index_lines: Vec<usize>,
    /// Header lines holding text.
    text_lines: Vec<usize>,
    /// Body rows as groups of lines.
    groups: Vec<Vec<usize>>,
}

/// The virtual grid of a table: regions of header cells, column numbers and body cells,
/// row boundaries from the lines, the text of each region and the glyphs it consumed.
fn virtual_grid(
    page: &Page,
    block: &[SLine],
    cells: &[HCell],
    cols: &[Col],
    bounds: Vec<f32>,
    plan: &RowPlan,
) -> Option<Virtual> {
    let (nh_text, nc) = (plan.nh_text, cols.len());
    let nh = nh_text + usize::from(!plan.index_lines.is_empty());
    let nr = nh + plan.groups.len();
    if nr < 2 || nr * nc > MAX_GRID_CELLS {
        return None;
    }
    let mut grid = Cells::new(nr, nc);
    grid.place_header(cells, nh_text);
    if !plan.index_lines.is_empty() {
        grid.place_index_row(nh - 1, block, &plan.index_lines, cols, &bounds);
    }
    grid.fill_empty_header(nh);
    grid.place_body(nh, &plan.groups, block, cols, &bounds);
    // Geometry: header rows from their cells, the other rows from their lines.
    let mut ext = header_extents(cells, nh_text);
    let mut row_lines: Vec<Vec<usize>> = Vec::new();
    if !plan.index_lines.is_empty() {
        row_lines.push(plan.index_lines.clone());
    }
    row_lines.extend(plan.groups.iter().cloned());
    ext.extend(row_lines.iter().map(|ls| {
        (
            ls.iter().map(|&l| block[l].y0).fold(f32::MAX, f32::min),
            ls.iter().map(|&l| block[l].y1).fold(f32::MIN, f32::max),
        )
    }));
    row_lines.extend(plan.text_lines.iter().map(|&l| vec![l]));
    let ys = row_bounds(&ext, nr)?;
    if !grid.complete() {
        return None;
    }
    let text: Vec<String> = grid
        .glyphs_of
        .iter()
        .map(|ids| {
            let refs: Vec<&Glyph> = ids.iter().filter_map(|&i| page.glyphs.get(i)).collect();
            cell_text(&refs)
        })
        .collect();
    let mut consumed: Vec<usize> = row_lines
        .iter()
        .flatten()
        .flat_map(|&l| block[l].glyphs.iter().copied())
        .collect();
    consumed.sort_unstable();
    consumed.dedup();
    Some(Virtual {
        grid: Grid {
            xs: bounds,
            ys,
            regions: grid.regions,
            owner: grid.owner,
        },
        text,
        glyphs: consumed,
        header_rows: nh,
    })
}

/// A line made only of header cells of the table continued from the previous page.
fn is_known_header(l: &SLine, hints: &Hints) -> bool {
    !hints.header_cells.is_empty()
        && l.amounts() == 0
        && l.fine.len() >= 2
        && l.fine.iter().all(|t| {
            // Pieces of a header cell wrapped differently on this page are parts of its text.
            let c = fold_spaces(&t.text);
            hints.header_cells.contains(&c)
                || (!c.is_empty() && hints.header_cells.iter().any(|h| h.contains(&c)))
        })
        && l.fine.iter().any(|t| t.text.chars().count() >= 2)
}
