//! # yusuan-extractor
//!
//! Brief overview. PDF bytes become a [`Document`] of [`Page`]s (positioned [`Glyph`]s and
//! ruling [`Rule`]s) in [`read`]; [`layout`] turns each page's glyphs and rules into text
//! [`layout::Line`]s and [`layout::Table`]s, and joins tables continued across pages.
//!
//! - `pdf`: opening the file (lazily, or with lopdf for decryption and repair), page boxes;
//!   failures as [`ReadError`].
//! - `source`: the opened file's object store ([`source::Pdf`]); `objects`: the lazy object
//!   reader (cross-reference sections, object syntax, objects on first use); `limits`: every
//!   cap of the reading layer (decoded bytes, operators, glyphs, nesting), with its unit.
//! - `content`: our content-stream interpreter (text state, matrices, paths, form XObjects),
//!   its lexer, stream decoding, and the raw page made upright.
//! - `fonts`: turning string bytes into characters and advances (ToUnicode, encodings, widths).
//! - `layout`: lines of text, ruled grids, tables without rules, header paths, captions and
//!   continuation (one file per step; see [`layout`]); its thresholds in [`layout::params`].
//! - `lexicon`: what a cell's text is (amount, dash, total, code, caption key).
//! - `page`: the page model handed from the reader to layout ([`Document`], [`Page`]).

#![warn(missing_docs)]

pub mod content;
pub mod error;
pub mod fonts;
pub mod layout;
pub mod lexicon;
pub mod limits;
pub mod objects;
pub mod page;
pub mod pdf;
pub mod source;

pub use error::{ErrorKind, ReadError};
pub use page::{Document, Glyph, Legibility, Page, Rule};
pub use pdf::{read, read_checked, read_full, read_until};
