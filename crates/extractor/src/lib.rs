//! # yusuan-extractor
//!
//! Brief overview. PDF bytes become a [`Document`] of [`Page`]s (positioned [`Glyph`]s and
//! ruling [`Rule`]s) in [`read`]; [`layout`] turns each page's glyphs and rules into text
//! [`layout::Line`]s and [`layout::Table`]s, and joins tables continued across pages.
//!
//! - `pdf`: opening the file with lopdf, decryption, repair, page boxes; failures as [`ReadError`].
//! - `content`: our content-stream interpreter (text state, matrices, paths, form XObjects).
//! - `fonts`: turning string bytes into characters and advances (ToUnicode, encodings, widths).
//! - `layout`: lines of text, ruled grids, header paths, table titles and continuation.

pub mod content;
pub mod error;
pub mod fonts;
pub mod layout;
pub mod objects;
pub mod page;
pub mod pdf;

pub use error::{ErrorKind, ReadError};
pub use page::{Document, Glyph, Legibility, Page, Rule};
pub use pdf::{read, read_checked, read_full, read_until};
