//! A page as the interpreter collected it (device space), and how it is made upright: the
//! page's /Rotate and the direction of its text turn it by quarter turns into the top-down
//! coordinates of [`Page`].

use super::bbox;
use crate::page::{Glyph, Page, Rule};

/// A glyph in device space: origin, end of advance, and the "up" vector (length = font size).
#[derive(Debug, Clone, Copy)]
pub struct RawGlyph {
    /// The character shown.
    pub ch: char,
    /// Origin: where the glyph starts on its baseline.
    pub o: (f32, f32),
    /// End of its advance on the baseline.
    pub e: (f32, f32),
    /// From the origin to the top of an em: the glyph's direction and font size.
    pub up: (f32, f32),
}

/// What the interpreter collected on one page, in device space, before it is made upright.
#[derive(Debug, Default)]
pub struct RawPage {
    /// The glyphs shown, in drawing order.
    pub glyphs: Vec<RawGlyph>,
    /// Axis-aligned segments in device space (x0, y0, x1, y1): the candidate ruling lines.
    pub segments: Vec<[f32; 4]>,
    /// Images drawn (image XObjects and inline images), counted only.
    pub images: usize,
    /// Glyphs no font table explained (see [`crate::Page::undecoded`]).
    pub undecoded: usize,
}

impl RawPage {
    /// Makes the page upright: applies /Rotate, then turns the page by quarter turns until the
    /// bulk of its text reads left to right (tables printed sideways on a portrait page).
    pub fn into_page(self, number: usize, crop: [f32; 4], rotate: u16) -> Page {
        let turn = Turn::new(crop, self.quarter_turns(rotate));
        // Text placed outside the page box is not shown (pdftotext drops it too).
        let glyphs = self
            .glyphs
            .iter()
            .filter(|g| turn.inside(g))
            .map(|g| turn.glyph(g))
            .collect();
        let rules = self.segments.iter().map(|s| turn.rule(s)).collect();
        let (width, height) = turn.size();
        Page {
            number,
            width,
            height,
            glyphs,
            rules,
            undecoded: self.undecoded,
            images: self.images,
        }
    }

    /// Quarter turns (clockwise) that make the most glyphs upright; /Rotate breaks a tie, and
    /// decides alone on a page without text.
    fn quarter_turns(&self, rotate: u16) -> usize {
        // Votes for each quarter turn (clockwise) that makes a glyph upright.
        let mut votes = [0usize; 4];
        for g in &self.glyphs {
            // Up vector in top-down coordinates of the unrotated page.
            let (du, dv) = (g.up.0, -g.up.1);
            let k = if dv.abs() >= du.abs() {
                if dv < 0.0 {
                    0
                } else {
                    2
                }
            } else if du < 0.0 {
                1
            } else {
                3
            };
            votes[k] += 1;
        }
        if self.glyphs.is_empty() {
            (rotate / 90) as usize % 4
        } else {
            (0..4)
                .max_by_key(|k| (votes[*k], *k == (rotate / 90) as usize % 4))
                .unwrap_or(0)
        }
    }
}

/// The page box and the quarter turns that make the page upright: device space to the
/// top-down coordinates of the upright page.
struct Turn {
    llx: f32,
    lly: f32,
    urx: f32,
    ury: f32,
    w: f32,
    h: f32,
    k: usize,
}

impl Turn {
    fn new(crop: [f32; 4], k: usize) -> Turn {
        let (llx, lly, urx, ury) = (crop[0], crop[1], crop[2], crop[3]);
        let (w, h) = (urx - llx, ury - lly);
        Turn {
            llx,
            lly,
            urx,
            ury,
            w,
            h,
            k,
        }
    }

    /// Width and height of the upright page.
    fn size(&self) -> (f32, f32) {
        if self.k % 2 == 1 {
            (self.h, self.w)
        } else {
            (self.w, self.h)
        }
    }

    /// A device-space point on the upright page.
    fn tf(&self, x: f32, y: f32) -> (f32, f32) {
        let (w, h) = (self.w, self.h);
        let (u, v) = (x - self.llx, self.ury - y);
        match self.k {
            1 => (h - v, u),
            2 => (w - u, h - v),
            3 => (v, w - u),
            _ => (u, v),
        }
    }

    /// The glyph's origin lies in the page box (with 1 pt of slack).
    fn inside(&self, g: &RawGlyph) -> bool {
        g.o.0 >= self.llx - 1.0
            && g.o.0 <= self.urx + 1.0
            && g.o.1 >= self.lly - 1.0
            && g.o.1 <= self.ury + 1.0
    }

    /// The glyph's box on the upright page: its advance, from 0.15 em below the baseline to
    /// 0.85 em above it.
    fn glyph(&self, g: &RawGlyph) -> Glyph {
        let o = self.tf(g.o.0, g.o.1);
        let e = self.tf(g.e.0, g.e.1);
        let t = self.tf(g.o.0 + g.up.0, g.o.1 + g.up.1);
        let up = (t.0 - o.0, t.1 - o.1);
        let pts = [
            (o.0 - 0.15 * up.0, o.1 - 0.15 * up.1),
            (e.0 - 0.15 * up.0, e.1 - 0.15 * up.1),
            (o.0 + 0.85 * up.0, o.1 + 0.85 * up.1),
            (e.0 + 0.85 * up.0, e.1 + 0.85 * up.1),
        ];
        let (x0, y0, x1, y1) = bbox(pts.into_iter());
        Glyph {
            ch: g.ch,
            x0,
            y0,
            x1,
            y1,
            size: (up.0 * up.0 + up.1 * up.1).sqrt(),
        }
    }

    /// A segment on the upright page, as a rule box.
    fn rule(&self, s: &[f32; 4]) -> Rule {
        let a = self.tf(s[0], s[1]);
        let b = self.tf(s[2], s[3]);
        Rule {
            x0: a.0.min(b.0),
            y0: a.1.min(b.1),
            x1: a.0.max(b.0),
            y1: a.1.max(b.1),
        }
    }
}
