//! Every threshold of layout in one place, with its unit and why it has its value.
//!
//! Units: `PT` are PDF points (1/72 inch) on the page; `EM` are multiples of the font size (of
//! the glyphs or lines compared); `LINES`, `ROWS`, `CHARS` and other counts are plain numbers;
//! `SHARE` is a fraction of a length named in the comment. Page coordinates grow rightwards
//! and downwards (see [`crate::page`]).

// --- Text lines (lines.rs, stream/tokens.rs) ---------------------------------------------------

/// EM. A glyph joins a line when its vertical centre lies within this share of its height
/// (and of the line's first glyph) from the line's centre: superscripts and mixed fonts stay on
/// their line, the next line (a full height below) does not.
pub const LINE_BAND_EM: f32 = 0.5;
/// EM. A horizontal gap this wide ends a chunk: the gap between two columns of a table
/// without rules; text inside a cell is never set this loosely.
pub const COLUMN_GAP_EM: f32 = 1.5;
/// EM. A gap this wide between Chinese characters is a printed space.
pub const WORD_SPACE_EM: f32 = 0.6;
/// EM. A gap this wide next to a Latin letter or digit is a space (Latin words are set with
/// narrower spaces than Chinese text).
pub const LATIN_SPACE_EM: f32 = 0.25;
/// EM. Inside a chunk, a gap this wide separates two numbers ("1,234.56 7,890.12"): digits of
/// one number touch.
pub const NUMBER_SPLIT_EM: f32 = 0.15;
/// TOKENS. A line of at most this many short plain numbers and nothing else holds the
/// wrapped parts of codes (`20` over `1`), not a row of values.
pub const MAX_CODE_PIECES: usize = 3;
/// DIGITS. See [`MAX_CODE_PIECES`]: the parts of a code wrapped in a narrow column, up to a
/// whole code's length (`20103` over `03` for 2010303).
pub const MAX_CODE_PIECE_DIGITS: usize = 7;
/// EM. A plain number (a code) followed by a gap this wide is its own token
/// ("201  一般公共服务支出").
pub const CODE_GAP_EM: f32 = 0.6;
/// EM. Share of a duplicate glyph's font size: the same character drawn again this close (fake
/// bold, shadow text) is one glyph.
pub const DUPLICATE_GLYPH_EM: f32 = 0.3;
/// PT. Vertical distance under which a duplicate glyph is on the same line.
pub const DUPLICATE_GLYPH_DY: f32 = 1.0;

// --- Ruled grids (grid.rs, cells.rs) -----------------------------------------------------------

/// PT. Two rules closer than this are one (Word/WPS draw borders as rectangles 0.5 pt apart).
pub const SNAP: f32 = 1.6;
/// Share of [`SNAP`]: how far a segment may lie from a grid line and still draw it.
pub const SNAP_COVER: f32 = 1.5;
/// PT. Shorter segments are dots or glyph parts, not rules.
pub const MIN_RULE_LEN: f32 = 2.0;
/// PT. A vertical and a horizontal rule this close to touching cross (rules drawn a little
/// short of the frame).
pub const RULE_CROSS_TOL: f32 = 2.5;
/// RULES. A page with more rule segments is not searched for grids (bounds the work on
/// drawings and crafted pages).
pub const MAX_RULES: usize = 20_000;
/// PT. Grid lines (rules, outer extents) closer than this are one boundary.
pub const GRID_LINE_MERGE: f32 = 3.0;
/// SHARE of a grid cell's side: a rule covering less of it is missing (the cells merge).
pub const RULE_PRESENT_SHARE: f32 = 0.5;
/// PT. The smallest ruled table: narrower grids are boxes around a word, flatter ones
/// underlines.
pub const MIN_TABLE_WIDTH: f32 = 40.0;
/// PT. See [`MIN_TABLE_WIDTH`].
pub const MIN_TABLE_HEIGHT: f32 = 8.0;
/// PT. A position this far outside a grid's outer boundary is still in its outer row/column.
pub const GRID_EDGE_SLACK: f32 = 1.0;
/// GLYPHS. A cell holding fewer glyphs cannot hold three stacked amounts: not checked for
/// undrawn rows.
pub const STACKED_CELL_MIN_GLYPHS: usize = 12;
/// LINES. This many amount lines stacked in one cell: its grid does not draw its rows.
pub const STACKED_AMOUNT_LINES: usize = 3;
/// Share of a glyph's height: within a cell, a glyph this far below the line's first glyph
/// starts a new line.
pub const CELL_LINE_BAND: f32 = 0.6;
/// PT. A glyph is placed by a point this far inside its left edge (text overflowing its cell
/// runs to the right), or by its centre when narrower.
pub const GLYPH_PLACE_INSET: f32 = 1.0;
/// PT. A column rule cuts a glyph when it lies this far inside the glyph's box (not just
/// touching its edge).
pub const RULE_CUT_MARGIN: f32 = 0.5;
/// ROWS. Header rows of a ruled grid end by this row at the latest.
pub const MAX_HEADER_ROWS: usize = 6;
/// ROWS. Header rows this early may have an empty cell of their own (a header cell split by a
/// rule the body needs).
pub const WORDED_HEADER_ROWS: usize = 2;
/// ROWS. Caption rows drawn inside a table's frame are among its first rows (and leave two
/// rows for the table).
pub const MAX_CAPTION_ROWS: usize = 4;
/// TEXTS. A caption row holds at most this many texts.
pub const MAX_CAPTION_TEXTS: usize = 3;
/// CHARS. A title inside the frame is at least this long (shorter ones are header words).
pub const MIN_INNER_TITLE_CHARS: usize = 6;

// --- Around tables: captions, notes, page furniture (page_tables.rs, continuation.rs) ----------

/// PT. Lines this far into a table's box still count as above or below it (a caption touching
/// the frame).
pub const AROUND_SLACK: f32 = 2.0;
/// LINES. Lines read below a table for its note, and kept after a page's last table as the
/// title block of the next page's first table.
pub const NOTE_LINES: usize = 4;
/// LINES. A title among this many last lines after a page's last table heads the table on
/// the next page with all the lines below it (a form's title, 预算单位 and 项目名称 rows).
pub const TRAILING_TITLE_LINES: usize = 8;
/// CHARS. Text above a table longer than this is content (the table starts mid-page).
pub const SUBSTANTIVE_ABOVE_CHARS: usize = 3;
/// CHARS. Text below a table longer than this is content (the table does not reach the
/// bottom of its page).
pub const SUBSTANTIVE_BELOW_CHARS: usize = 6;
/// SHARE of the page height: running headers are printed in this top band.
pub const RUNNING_HEADER_BAND: f32 = 0.12;
/// PAGES. A line at the top of at least this many pages (and a quarter of them) runs.
pub const RUNNING_HEADER_MIN_PAGES: usize = 3;
/// SHARE of the narrower column: a continuation's column overlapping a column of the open
/// table by this much lines up with it.
pub const COLUMN_MATCH_SHARE: f32 = 0.5;
/// ROWS. A titled table at a page's foot with at most this many rows (header and body) and
/// no number is a title and header whose body opens the next page.
pub const HEAD_STUB_MAX_ROWS: usize = 3;
/// ROWS. More than one row in this many with text and no value: blank cells stand for zero.
pub const LABEL_ONLY_ROWS_PER: usize = 20;
/// CHARS. A unit's name is this long (3 to 40 characters).
pub const ORG_NAME_CHARS: std::ops::RangeInclusive<usize> = 3..=40;
/// CHARS. A title line this short (算表, 情况表, 支出预算表) under a title-like line that is
/// no title by itself is the end of that title, wrapped.
pub const TITLE_TAIL_MAX_CHARS: usize = 6;
/// CHARS. The first line of a wrapped title is at least this long: it filled its line.
pub const TITLE_HEAD_MIN_CHARS: usize = 10;
/// SHARE of the larger font size: two lines whose sizes differ by less are set in one size.
pub const SAME_SIZE_SHARE: f32 = 0.15;
/// CHARS. After a 编制单位 key, a caption holds at most this much (prose holds more).
pub const MAX_AFTER_UNIT_KEY_CHARS: usize = 40;

// --- Tables without vertical rules (stream/) ---------------------------------------------------

/// LINES. A page with fewer free lines has no rule-less table; more (a text dump) is not read
/// as one.
pub const MIN_BLOCK_LINES: usize = 3;
/// LINES. See [`MIN_BLOCK_LINES`].
pub const MAX_PAGE_LINES: usize = 5000;
/// EM. A vertical gap this many font sizes wide ends a block of lines (tables keep rows
/// closer).
pub const BLOCK_GAP_EM: f32 = 4.0;
/// PT. Right edges of amounts this close over several lines are aligned: the evidence for a
/// table.
pub const AMOUNT_ALIGN_TOL: f32 = 2.0;
/// LINES. Aligned amounts over this many lines make a table.
pub const MIN_ALIGNED_LINES: usize = 3;
/// PT. Right edges of amounts this close form one amount column.
pub const AMOUNT_COLUMN_TOL: f32 = 2.5;
/// PT. Left edges of labels this close form one text column; dash centres this close, one
/// dash column.
pub const TEXT_COLUMN_TOL: f32 = 3.0;
/// PT. Two left edges this close start at the same place (a label column, a wrapped cell).
pub const LEFT_EDGE_TOL: f32 = 2.0;
/// PT. Columns overlapping by more than this merge.
pub const COLUMN_OVERLAP_TOL: f32 = 0.5;
/// PT. The outer column and row boundaries of a virtual grid lie this far outside its text.
pub const VIRTUAL_EDGE: f32 = 1.0;
/// PT. Step that keeps boundaries strictly increasing.
pub const MIN_BOUNDARY_STEP: f32 = 0.01;
/// PT. The font size assumed when none can be read.
pub const DEFAULT_SIZE: f32 = 10.0;
/// EM. The line pitch assumed for a body of one line.
pub const DEFAULT_PITCH_EM: f32 = 1.6;
/// EM. The pitch between value lines assumed when there are fewer than two.
pub const DEFAULT_ROW_PITCH_EM: f32 = 2.0;
/// SHARE of the pitch: a line going on with the rows is at most this far below the last one.
pub const ROW_PITCH_SLACK: f32 = 1.25;
/// LINES. Rows of values above the first aligned line are looked for this far up.
pub const ROWS_ABOVE_LOOKBACK: usize = 5;
/// EM. A text line closer than this below the body is its last label's wrapped end; lines of
/// one header cell of a table without rules are closer than this.
pub const WRAP_GAP_EM: f32 = 0.6;
/// LINES. A header is looked for this many lines above the body.
pub const MAX_HEADER_LINES: usize = 10;
/// EM. A gap this wide above a header line ends the header.
pub const HEADER_GAP_EM: f32 = 3.0;
/// SHARE of the table's width: a rule covering this much of it on top of the header closes
/// the table.
pub const TOP_RULE_SHARE: f32 = 0.9;
/// CHARS. A label alone above the body this long is a row, not a header word.
pub const MIN_LABEL_CHARS: usize = 3;
/// CELLS. More header cells than this: not a table header.
pub const MAX_HEADER_CELLS: usize = 600;
/// COLUMNS. A virtual grid has 2 to 60 columns.
pub const VIRTUAL_COLUMNS: std::ops::RangeInclusive<usize> = 2..=60;
/// CELLS. Larger grids are not built (bounds memory on crafted pages), ruled or virtual.
pub const MAX_GRID_CELLS: usize = 200_000;
/// EM. Where a rule separates the header from the body (header rows drawn by rules), lines of
/// one header cell are closer than this: the gap between lines set at most [`WRAP_MAX_EM`]
/// font sizes apart (Writer sets them loosely). Without rules, [`WRAP_GAP_EM`]: tightly
/// stacked header rows must stay apart.
pub const RULED_HEADER_WRAP_GAP_EM: f32 = WRAP_MAX_EM - 1.0;
/// EM. A header line's piece joins the cell above when its line starts more than this below
/// the cell's last line.
pub const HEADER_NEXT_LINE_EM: f32 = 0.5;
/// PT. A header piece lies within the cell above with this slack on either side.
pub const HEADER_CELL_SLACK: f32 = 2.0;
/// SHARE of the first piece's width: a piece centred this close under it (plus
/// [`HEADER_CELL_SLACK`]) goes on from it.
pub const HEADER_CENTRED_SHARE: f32 = 0.25;
/// PT. A header cell starting this close below another's bottom is below it.
pub const HEADER_STACK_TOL: f32 = 1.0;
/// SHARE of the narrower width: header cells overlapping this much are one above the other.
pub const HEADER_LEAF_OVERLAP: f32 = 0.3;
/// SHARE of the group header's width: sub-column headers this close beside it (when not over
/// a body column) make it a group header.
pub const GROUP_NEIGHBOUR_SHARE: f32 = 1.5;
/// SHARE of a column's width: a header cell covering half of it is over it.
pub const HEADER_COVER_SHARE: f32 = 0.5;
/// SHARE of the run's width (plus [`GROUP_CENTRE_SLACK`]): a group header this far off the
/// centre of a run of columns is centred on it.
pub const GROUP_CENTRE_SHARE: f32 = 0.08;
/// PT. See [`GROUP_CENTRE_SHARE`].
pub const GROUP_CENTRE_SLACK: f32 = 3.0;
/// SHARE of the run's width: wider runs are preferred by this much per point of width.
pub const GROUP_WIDTH_BONUS: f32 = 0.04;
/// PT. Runs centred within this of the best are as good; the widest of them wins.
pub const GROUP_TIE: f32 = 1.5;
/// EM. A header cell whose middle lies this far above another's top is a level above it.
pub const HEADER_LEVEL_EM: f32 = 0.2;
/// EM. A label ending this close to the widest label of its column filled its cell (and may
/// wrap); one ending shorter ended there.
pub const FILLS_CELL_EM: f32 = 1.5;
/// SHARE of the row pitch: a wrapped line is closer than this to its row.
pub const WRAP_MAX_PITCH: f32 = 0.75;
/// EM. Lines of one cell are at most this far apart (CJK fonts set lines loosely).
pub const WRAP_MAX_EM: f32 = 1.9;
/// EM. A line this much nearer the line below than the one above still goes on from above.
pub const WRAP_TIE_EM: f32 = 0.15;
/// CHARS. A piece this long with sentence punctuation (，。；) is prose; see also
/// [`PROSE_AMOUNT_CHARS`] and [`PROSE_CHARS`].
pub const PROSE_PUNCT_CHARS: usize = 8;
/// CHARS. A piece this long with an amount in 万元 is prose.
pub const PROSE_AMOUNT_CHARS: usize = 10;
/// CHARS. A piece this long is prose whatever it holds.
pub const PROSE_CHARS: usize = 45;
/// PIECES. At least this many short words set apart by spaces are a row of cells, not prose.
pub const MIN_CELL_RUN: usize = 3;
/// CHARS. A word of a row of cells (a header cell's line) is at most this long.
pub const MAX_CELL_WORD_CHARS: usize = 6;
/// CHARS. A page footer line is at most this long.
pub const FOOTER_CHARS: usize = 12;
/// CHARS. A title among caption lines of a rule-less table is at least this long.
pub const MIN_TITLE_CHARS: usize = 4;
/// CELLS. A caption row's text spanning half of a grid this wide (in columns) is a title line.
pub const MIN_CAPTION_GRID_COLUMNS: usize = 3;
/// NUMBERS. A row numbering the columns holds at least this many consecutive numbers.
pub const MIN_COLUMN_NUMBERS: usize = 3;
/// TEXTS. A row of header words holds at least this many.
pub const MIN_HEADER_WORDS: usize = 2;
