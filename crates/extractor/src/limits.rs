//! Bounds on the work spent on one file, shared by the object reader, the content
//! interpreter and the font loader: every cap of the reading layer is here, with its unit and
//! why it has its value. A crafted or damaged file meets one of these instead of exhausting
//! memory, time or the stack; a real file meets none of them.

// ---- Streams ----

/// Largest decoded stream we accept (content, fonts, CMaps), in bytes: bounds memory on
/// crafted files (a few KB of deflate can claim gigabytes).
pub const STREAM_LIMIT: usize = 64 * 1024 * 1024;

// ---- Objects (the lazy reader, `crate::objects`) ----

/// Nesting of arrays and dictionaries accepted, in levels (lopdf's limit too): the parser is
/// recursive, so this bounds its stack.
pub const MAX_OBJECT_DEPTH: usize = 100;
/// Nesting of parentheses inside a literal string accepted, in levels (lopdf's MAX_BRACKET).
pub const MAX_STRING_BRACKETS: usize = 100;
/// Cross-reference sections followed through /Prev before giving up, in sections: a real file
/// has one per incremental save.
pub const MAX_XREF_SECTIONS: usize = 64;
/// References followed in a row (an object that is only a reference to another), in hops:
/// stops reference cycles.
pub const MAX_REFERENCE_HOPS: usize = 16;
/// Members of one object stream read, in objects: /N is the file's word, not ours.
pub const MAX_OBJSTM_MEMBERS: i64 = 1_000_000;
/// Nesting of /Pages nodes in the page tree, in levels (a real tree is a few deep).
pub const MAX_PAGE_TREE_DEPTH: usize = 256;

// ---- Content (the interpreter, `crate::content`) ----

/// Work budget per document, in content operators executed across all pages. A page of a
/// dense table is ~50k operators; this stops pathological or looping files without hurting
/// real ones.
pub const OPERATOR_BUDGET: usize = 40_000_000;
/// Glyphs kept per page; the rest of a page that draws more is not read (a real page of a
/// dense table has ~10,000).
pub const MAX_PAGE_GLYPHS: usize = 500_000;
/// Decoded bytes of content (its streams and the form XObjects it draws) read per page.
pub const MAX_PAGE_DECODED: usize = 128 << 20;
/// Decoded bytes of content read per document, all pages together.
pub const MAX_DOC_DECODED: usize = 1 << 30;
/// Losses listed by name per document, in notes; the rest are counted.
pub const MAX_DAMAGE_NOTES: usize = 8;
/// Form XObjects drawn inside each other, in levels (with a cycle guard besides): bounds the
/// interpreter's recursion.
pub const MAX_FORM_DEPTH: usize = 12;
/// Graphics states saved by `q` and not yet restored, in states: further `q`s are ignored.
pub const MAX_SAVED_STATES: usize = 256;
/// Points of one subpath kept, in points: a rule is two points, a long polyline is a drawing.
pub const MAX_SUBPATH_POINTS: usize = 100_000;
/// Operands kept before one operator, in operands (the longest operator takes 6; `TJ` takes
/// one array).
pub const MAX_OPERANDS: usize = 64;
/// Nesting of arrays among a content stream's operands, in levels: deeper items are skipped.
pub const MAX_OPERAND_ARRAY_DEPTH: usize = 16;

// ---- Fonts (`crate::fonts`) ----

/// Codes a ToUnicode CMap may map in all, summed over its ranges: a two-byte code space holds
/// 65,536 codes, so four times that is room for any real font; the ranges past it are ignored
/// (a 1.9 KB CMap of 5,000 full ranges would otherwise map 327 million codes).
pub const MAX_CMAP_CODES: u32 = 1 << 18;
/// Codes in one `bfrange` of a ToUnicode CMap: a larger range is malformed (a two-byte code
/// space holds 65,536) and is ignored.
pub const MAX_CMAP_RANGE: u32 = 0x1_0000;
