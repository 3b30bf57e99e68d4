//! Text lines: glyphs grouped by baseline, ordered left to right, with spaces only where the
//! gap between glyphs is wide (Chinese text carries no spaces between characters).

use super::params::{
    COLUMN_GAP_EM, DUPLICATE_GLYPH_DY, DUPLICATE_GLYPH_EM, LATIN_SPACE_EM, LINE_BAND_EM,
    WORD_SPACE_EM,
};
use crate::page::Glyph;

/// A line of text: its box, largest font size and text (spaces where gaps are wide).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
    /// Largest font size on the line.
    pub size: f32,
    /// The text, left to right.
    pub text: String,
    /// Pieces separated by wide gaps (≥ 1.5 font sizes): the columns of a table without rules.
    pub chunks: Vec<Chunk>,
}

/// A piece of a line between wide gaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Its text.
    pub text: String,
}

fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '%' | '-' | '+')
}

/// Groups glyphs (any order) into lines, top to bottom.
pub fn group_lines(glyphs: &[&Glyph]) -> Vec<Line> {
    lines_of(glyphs, true)
}

fn lines_of(glyphs: &[&Glyph], with_chunks: bool) -> Vec<Line> {
    let mut lines: Vec<Line> = bands(glyphs)
        .into_iter()
        .map(|b| line_of(b, with_chunks))
        .collect();
    lines.sort_by(|a, b| {
        (a.y0 + a.y1)
            .total_cmp(&(b.y0 + b.y1))
            .then(a.x0.total_cmp(&b.x0))
    });
    lines
}

/// The text of a table cell: `join_cell_lines(&group_lines(glyphs))`, without building the
/// chunks that only rule-less table detection needs (a page has thousands of cells).
pub fn cell_text(glyphs: &[&Glyph]) -> String {
    match glyphs {
        [] => String::new(),
        [g] if !g.ch.is_whitespace() => g.ch.to_string(),
        _ => join_cell_lines(&lines_of(glyphs, false)),
    }
}

/// Glyphs clustered into the bands of text lines, top to bottom.
fn bands<'g>(glyphs: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    bands_of(glyphs.to_vec(), |g| g)
}

/// Items (glyphs or their indices, any order) clustered into the bands of text lines, top to
/// bottom: sorted by vertical centre, a glyph joins the current line when its centre lies
/// within the line's band (half the glyph height), so superscripts and mixed fonts stay
/// together. The one line banding of layout.
pub(crate) fn bands_of<'g, T: Copy>(
    mut items: Vec<T>,
    glyph: impl Fn(T) -> &'g Glyph,
) -> Vec<Vec<T>> {
    items.sort_by(|&a, &b| glyph(a).cy().total_cmp(&glyph(b).cy()));
    let mut bands: Vec<Vec<T>> = Vec::new();
    let mut band_y = f32::MIN;
    let mut band_h = 0.0f32;
    for item in items {
        let g = glyph(item);
        let h = (g.y1 - g.y0).max(1.0);
        match bands.last_mut() {
            Some(band) if (g.cy() - band_y).abs() <= LINE_BAND_EM * h.min(band_h).max(1.0) => {
                band.push(item);
                band_y += (g.cy() - band_y) / band.len() as f32;
            }
            _ => {
                bands.push(vec![item]);
                band_y = g.cy();
                band_h = h;
            }
        }
    }
    bands
}

fn line_of(mut gs: Vec<&Glyph>, with_chunks: bool) -> Line {
    gs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    // Drop glyphs drawn twice at the same place (fake bold, shadow text).
    gs.dedup_by(|b, a| {
        a.ch == b.ch
            && (a.x0 - b.x0).abs() < DUPLICATE_GLYPH_EM * a.size.max(1.0)
            && (a.cy() - b.cy()).abs() < DUPLICATE_GLYPH_DY
    });
    let size = gs.iter().map(|g| g.size).fold(0.0f32, f32::max).max(1.0);
    let mut text = String::new();
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in &gs {
        if let Some(p) = prev {
            let gap = g.x0 - p.x1;
            let gsize = p.size.max(g.size).max(1.0);
            if gap >= COLUMN_GAP_EM * gsize {
                if with_chunks {
                    chunks.push(Chunk {
                        x0: g.x0,
                        x1: g.x1,
                        text: String::new(),
                    });
                }
                text.push(' ');
            } else if gap > WORD_SPACE_EM * gsize
                || (gap > LATIN_SPACE_EM * gsize && (is_ascii_word(p.ch) || is_ascii_word(g.ch)))
            {
                // A word space: narrower between Latin words and numbers than between Chinese
                // characters, which are set without spaces.
                text.push(' ');
                if let Some(c) = chunks.last_mut() {
                    c.text.push(' ');
                }
            }
        } else if with_chunks {
            chunks.push(Chunk {
                x0: g.x0,
                x1: g.x1,
                text: String::new(),
            });
        }
        text.push(g.ch);
        if let Some(c) = chunks.last_mut() {
            c.text.push(g.ch);
            c.x1 = c.x1.max(g.x1);
        }
        prev = Some(g);
    }
    let x0 = gs.iter().map(|g| g.x0).fold(f32::MAX, f32::min);
    let x1 = gs.iter().map(|g| g.x1).fold(f32::MIN, f32::max);
    let y0 = gs.iter().map(|g| g.y0).fold(f32::MAX, f32::min);
    let y1 = gs.iter().map(|g| g.y1).fold(f32::MIN, f32::max);
    Line {
        x0,
        y0,
        x1,
        y1,
        size,
        text,
        chunks,
    }
}

/// Joins the lines of one cell: no space between Chinese characters, a space between words.
pub fn join_cell_lines(lines: &[Line]) -> String {
    lines
        .iter()
        .fold(String::new(), |out, l| join_texts(&out, &l.text))
}

/// `a` then `b` (trimmed), as one cell's text wrapped over two lines: a space only between
/// Latin words.
pub fn join_texts(a: &str, b: &str) -> String {
    let (mut out, b) = (a.to_string(), b.trim());
    if b.is_empty() {
        return out;
    }
    if let (Some(x), Some(y)) = (out.chars().last(), b.chars().next()) {
        if x.is_ascii_alphabetic() && y.is_ascii_alphabetic() {
            out.push(' ');
        }
    }
    out.push_str(b);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(ch: char, x: f32, y: f32) -> Glyph {
        Glyph {
            ch,
            x0: x,
            y0: y,
            x1: x + 10.0,
            y1: y + 10.0,
            size: 10.0,
        }
    }

    #[test]
    fn lines_and_chunks() {
        let gl = [
            g('合', 0.0, 0.0),
            g('计', 10.0, 0.5),
            g('1', 60.0, 0.0),
            g('2', 70.0, 0.0),
            g('下', 0.0, 20.0),
        ];
        let refs: Vec<&Glyph> = gl.iter().collect();
        let lines = group_lines(&refs);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "合计 12");
        assert_eq!(lines[0].chunks.len(), 2);
        assert_eq!(lines[0].chunks[1].text, "12");
        assert_eq!(lines[1].text, "下");
    }
}
