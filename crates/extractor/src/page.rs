//! The page model: what the reader hands to layout. Coordinates are in PDF points with the
//! origin at the top-left of the upright page and y growing downwards (reading order).

use serde::{Deserialize, Serialize};

/// One decoded character with its box on the upright page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glyph {
    pub ch: char,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// Font size in points after the text and current transformation matrices.
    pub size: f32,
}

impl Glyph {
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) * 0.5
    }
    pub fn cy(&self) -> f32 {
        (self.y0 + self.y1) * 0.5
    }
}

/// A ruling line: a stroked segment or a thin filled rectangle, always axis-aligned.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Glyphs whose text could not be decoded (no ToUnicode, no known encoding): counted, never guessed.
    pub undecoded: usize,
    /// Images drawn on the page; with no glyphs this marks a scanned page.
    pub images: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub pages: Vec<Page>,
    /// The file was damaged and its object table was rebuilt by scanning the objects.
    pub repaired: bool,
}
