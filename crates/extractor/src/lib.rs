//! # yusuan-extractor
//!
//! Brief overview. PDF bytes become a [`Document`] of [`Page`]s (positioned [`Glyph`]s and
//! ruling [`Rule`]s) in [`read`]; [`layout`] turns each page's glyphs and rules into text
//! [`layout::Line`]s and [`layout::Table`]s, and joins tables continued across pages.
//!
//! - `pdf`: opening the file (lazily, or with lopdf for decryption and repair), page boxes;
//!   failures as [`ReadError`].
//! - `source`: the opened file's object store ([`source::Pdf`]); `objects`: the lazy object
//!   reader; `limits`: bounds on decoded streams.
//! - `content`: our content-stream interpreter (text state, matrices, paths, form XObjects).
//! - `fonts`: turning string bytes into characters and advances (ToUnicode, encodings, widths).
//! - `layout`: lines of text, ruled grids, tables without rules, header paths, captions and
//!   continuation (one file per step; see [`layout`]); its thresholds in [`layout::params`].
//! - `lexicon`: what a cell's text is (amount, dash, total, code, caption key).
//! - `page`: the page model handed from the reader to layout ([`Document`], [`Page`]).

#![warn(missing_docs)]

// The reading layer's modules (content, fonts, objects, error) are documented at module level;
// their items get doc comments with the work on them under way (issue 16).
#[allow(missing_docs)]
pub mod content;
#[allow(missing_docs)]
pub mod error;
#[allow(missing_docs)]
pub mod fonts;
pub mod layout;
pub mod lexicon;
pub mod limits;
#[allow(missing_docs)]
pub mod objects;
pub mod page;
pub mod pdf;
pub mod source;

pub use error::{ErrorKind, ReadError};
pub use page::{Document, Glyph, Legibility, Page, Rule};
pub use pdf::{read, read_checked, read_full, read_until};
