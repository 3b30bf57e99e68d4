//! # Brief overview
//!
//! Text decoding for PDF fonts that have no `/ToUnicode` CMap, as found in
//! Chinese government budget disclosures (e.g. a non-embedded font with
//! `/Encoding /GBK-EUC-H` and `/CIDSystemInfo` Adobe-GB1):
//!
//! - [`PredefinedCMap`]: Adobe's predefined Adobe-GB1 CMaps (GBK-EUC-H/V,
//!   GB-EUC-H/V, GBpc-EUC-H/V, GBK2K-H/V, UniGB-UCS2-H/V, UniGB-UTF16-H/V, plus
//!   Identity-H/V) — splits code bytes ([`PredefinedCMap::next_code`]) and maps
//!   codes to CIDs ([`PredefinedCMap::cid`]).
//! - [`gb1_cid_to_unicode`]: Adobe-GB1 CID → Unicode, from Adobe's
//!   `Adobe-GB1-UCS2` CMap.
//! - [`glyph_to_unicode`]: glyph id → Unicode from an embedded TrueType/OpenType
//!   program's own `cmap` table (via `ttf-parser`).
//! - [`glyph_name_to_unicode`]: common Adobe Glyph List names for simple fonts.
//!
//! Data source: the CMap files in `data/` are Adobe's (BSD-3-Clause, see
//! `data/LICENSE-Adobe`), copied verbatim from Debian's `poppler-data` package
//! (`data/README.md`). They are embedded with `include_str!` and parsed lazily
//! on first use (`OnceLock`); nothing is read from the system at run time.
//! Lookups are binary searches over sorted ranges, or direct indexing.

#![warn(missing_docs)]

mod font;
mod glyphnames;
mod parse;
mod predefined;

pub use font::glyph_to_unicode;
pub use glyphnames::glyph_name_to_unicode;
pub use predefined::{gb1_cid_to_unicode, PredefinedCMap};
