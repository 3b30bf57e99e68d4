//! What reading one document shares across its pages: the fonts loaded so far, the decoded
//! bytes counted against the caps, and the notes on what could not be read.

use crate::fonts::Font;
use crate::limits::{MAX_DAMAGE_NOTES, MAX_DOC_DECODED, MAX_PAGE_DECODED};
use lopdf::ObjectId;
use rustc_hash::FxHashMap as HashMap;

/// Fonts loaded once per document, shared by all pages; and what reading the document has
/// used and lost so far (decoded bytes against [`MAX_PAGE_DECODED`] and [`MAX_DOC_DECODED`],
/// the parts that could not be read).
#[derive(Default)]
pub struct FontCache {
    /// The fonts loaded so far, indexed by [`super::Interpreter`]'s graphics state.
    pub(super) fonts: Vec<Font>,
    /// Where each font object already loaded is in `fonts`.
    pub(super) by_id: HashMap<ObjectId, usize>,
    /// The page being read (1-based), for the notes.
    pub(super) page: usize,
    page_bytes: usize,
    doc_bytes: usize,
    /// The glyph cap of this page was met (noted once per page).
    pub(super) glyphs_capped: bool,
    damage: Vec<String>,
    more_damage: usize,
}

impl FontCache {
    /// A new page begins (its decoded bytes count from zero).
    pub fn start_page(&mut self, number: usize) {
        self.page = number;
        self.page_bytes = 0;
        self.glyphs_capped = false;
    }

    /// Counts `n` decoded bytes against the caps; false (and the loss noted) when over.
    pub fn take_bytes(&mut self, n: usize) -> bool {
        let page = self.page_bytes.saturating_add(n);
        let doc = self.doc_bytes.saturating_add(n);
        if page > MAX_PAGE_DECODED || doc > MAX_DOC_DECODED {
            let what = if page > MAX_PAGE_DECODED {
                format!("{} MB per page", MAX_PAGE_DECODED >> 20)
            } else {
                format!("{} MB per document", MAX_DOC_DECODED >> 20)
            };
            self.lost(format!(
                "page {}: content past the limit of {what} was not read",
                self.page
            ));
            return false;
        }
        self.page_bytes = page;
        self.doc_bytes = doc;
        true
    }

    /// Notes a part of the document that could not be read (once per distinct note).
    pub fn lost(&mut self, what: String) {
        if self.damage.contains(&what) {
            return;
        }
        if self.damage.len() < MAX_DAMAGE_NOTES {
            self.damage.push(what);
        } else {
            self.more_damage += 1;
        }
    }

    /// The parts that could not be read, as sentences; empty for an undamaged document.
    pub fn take_damage(&mut self) -> Vec<String> {
        let mut d = std::mem::take(&mut self.damage);
        if self.more_damage > 0 {
            d.push(format!("{} more", self.more_damage));
        }
        d
    }
}
