//! The page model: what the reader hands to layout. Coordinates are in PDF points with the
//! origin at the top-left of the upright page and y growing downwards (reading order).

use serde::{Deserialize, Serialize};

/// One decoded character with its box on the upright page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glyph {
    /// The character, decoded.
    pub ch: char,
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge (`x0` plus the advance).
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
    /// Font size in points after the text and current transformation matrices.
    pub size: f32,
}

impl Glyph {
    /// Horizontal centre.
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) * 0.5
    }
    /// Vertical centre.
    pub fn cy(&self) -> f32 {
        (self.y0 + self.y1) * 0.5
    }
}

/// A ruling line: a stroked segment or a thin filled rectangle, always axis-aligned.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Left end (or left edge of a vertical rule).
    pub x0: f32,
    /// Top end (or top edge of a horizontal rule).
    pub y0: f32,
    /// Right end.
    pub x1: f32,
    /// Bottom end.
    pub y1: f32,
}

impl Rule {
    /// Wider than tall.
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

/// One page as the reader hands it to layout: its size, its decoded glyphs and its ruling
/// lines, upright, in points from the top-left corner. Layout needs nothing else.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    /// Width of the upright page (its crop box, turned by /Rotate).
    pub width: f32,
    /// Height of the upright page.
    pub height: f32,
    /// The glyphs in drawing order (text outside the page box and white text dropped).
    pub glyphs: Vec<Glyph>,
    /// Stroked segments and thin filled rectangles, axis-aligned.
    pub rules: Vec<Rule>,
    /// Glyphs whose text could not be decoded (no ToUnicode, no known encoding): counted, never guessed.
    pub undecoded: usize,
    /// Images drawn on the page; with no glyphs this marks a scanned page.
    pub images: usize,
}

/// A PDF read into pages: what [`crate::read`] returns and [`crate::layout::find_tables`]
/// takes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The pages in order.
    pub pages: Vec<Page>,
    /// The file was damaged and its object table was rebuilt by scanning the objects.
    pub repaired: bool,
}

/// How the decoded text reads. A font whose ToUnicode map points at the wrong characters gives
/// text that is not Chinese: accented Latin letters (ß, ÿ, Ā, …) or ASCII garbage where the
/// budget's Chinese should be. No disclosure among ../shared uses those letters at all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Legibility {
    /// Glyphs in the document.
    pub glyphs: usize,
    /// CJK ideographs.
    pub chinese: usize,
    /// C1 controls and Latin letters with diacritics (U+0080–U+009F, U+00C0–U+02FF but × ÷).
    pub stray: usize,
    /// A few of the stray characters, to show in a message.
    pub sample: String,
}

impl Legibility {
    /// Mostly something other than Chinese: the text layer cannot be read as a disclosure.
    pub fn unreadable(&self) -> bool {
        self.glyphs >= 200 && self.chinese * 10 < self.glyphs
    }

    /// Enough stray letters that some font decodes wrongly (0.5 % of the characters).
    pub fn partly_garbled(&self) -> bool {
        self.stray >= 20 && self.stray * 200 >= self.glyphs
    }
}

fn is_stray(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9f}') || (matches!(c, '\u{c0}'..='\u{2ff}') && c != '×' && c != '÷')
}

impl Document {
    /// How the document's text reads (see [`Legibility`]).
    pub fn legibility(&self) -> Legibility {
        let mut l = Legibility::default();
        for g in self.pages.iter().flat_map(|p| &p.glyphs) {
            l.glyphs += 1;
            if ('\u{4e00}'..='\u{9fff}').contains(&g.ch) {
                l.chinese += 1;
            } else if is_stray(g.ch) {
                l.stray += 1;
                if l.sample.chars().count() < 8 && !l.sample.contains(g.ch) {
                    l.sample.push(g.ch);
                }
            }
        }
        l
    }
}
