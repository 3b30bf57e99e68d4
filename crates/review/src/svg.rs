//! One page redrawn as SVG from what the reader produced: its glyphs (one `<text>` per run of
//! glyphs on one baseline with one size), its ruling lines (one path), the tables layout found
//! on it (outline, label, shaded rows and columns) and the marks over the numbers.

use crate::cells::Rect;
use crate::escape::{int, num, push};
use yusuan_extractor::{Glyph, Page};

/// A run of glyphs drawn as one `<text>`: `glyphs[first..end]` (whitespace glyphs inside are
/// skipped; a gap between two glyphs is written as a space).
struct Run {
    first: usize,
    end: usize,
    x0: f32,
    x1: f32,
    /// Bottom of the glyph boxes; the baseline is 0.15 font sizes above (the reader's boxes
    /// reach 0.15 sizes below and 0.85 above the baseline).
    y1: f32,
    size: f32,
    drawn: usize,
}

fn blank(g: &Glyph) -> bool {
    g.ch.is_whitespace() || g.ch.is_control()
}

/// A visible gap before `g` in a run (a space the PDF positions instead of printing).
fn gap(prev_x1: f32, g: &Glyph, size: f32) -> bool {
    g.x0 - prev_x1 > 0.2 * size
}

fn runs(glyphs: &[Glyph]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        if blank(g) {
            continue;
        }
        if let Some(r) = out.last_mut().filter(|r| {
            (g.size - r.size).abs() <= 0.05 * r.size
                && (g.y1 - r.y1).abs() <= 0.2 * r.size
                && g.x0 >= r.x1 - 0.3 * r.size
                && g.x0 - r.x1 <= 0.6 * r.size
        }) {
            r.end = i + 1;
            r.x1 = r.x1.max(g.x1);
            r.drawn += 1;
        } else {
            out.push(Run {
                first: i,
                end: i + 1,
                x0: g.x0,
                x1: g.x1,
                y1: g.y1,
                size: g.size,
                drawn: 1,
            });
        }
    }
    out
}

/// The text of a run, escaped.
fn run_text(out: &mut String, glyphs: &[Glyph], r: &Run) {
    let mut prev_x1: Option<f32> = None;
    let mut buf = [0u8; 4];
    for g in glyphs[r.first..r.end].iter().filter(|g| !blank(g)) {
        if prev_x1.is_some_and(|x1| gap(x1, g, r.size)) {
            out.push(' ');
        }
        push(out, g.ch.encode_utf8(&mut buf));
        prev_x1 = Some(prev_x1.map_or(g.x1, |x| x.max(g.x1)));
    }
}

/// The page's glyphs and rules: `<text>` runs and one path of ruling lines.
pub fn page_content(out: &mut String, page: &Page) {
    if !page.rules.is_empty() {
        out.push_str("<path class=\"r\" d=\"");
        for r in &page.rules {
            out.push('M');
            if r.is_horizontal() {
                let y = (r.y0 + r.y1) * 0.5;
                num(out, r.x0);
                out.push(' ');
                num(out, y);
                out.push('H');
                num(out, r.x1);
            } else {
                let x = (r.x0 + r.x1) * 0.5;
                num(out, x);
                out.push(' ');
                num(out, r.y0);
                out.push('V');
                num(out, r.y1);
            }
        }
        out.push_str("\"/>");
    }
    for r in runs(&page.glyphs) {
        out.push_str("<text x=\"");
        num(out, r.x0);
        out.push_str("\" y=\"");
        num(out, r.y1 - 0.15 * r.size);
        out.push_str("\" font-size=\"");
        num(out, r.size);
        if r.drawn > 1 {
            // The run spans exactly what the PDF's glyphs spanned, whatever font draws it.
            out.push_str("\" textLength=\"");
            num(out, r.x1 - r.x0);
        }
        out.push_str("\">");
        run_text(out, &page.glyphs, &r);
        out.push_str("</text>");
    }
}

/// A rectangle with the given attributes (already escaped) written before the geometry.
pub fn rect(out: &mut String, attrs: &str, b: Rect) {
    out.push_str("<rect ");
    out.push_str(attrs);
    out.push_str(" x=\"");
    num(out, b[0]);
    out.push_str("\" y=\"");
    num(out, b[1]);
    out.push_str("\" width=\"");
    num(out, (b[2] - b[0]).max(0.5));
    out.push_str("\" height=\"");
    num(out, (b[3] - b[1]).max(0.5));
    out.push_str("\"/>");
}

/// A label above a table's outline: its number, key and title.
pub fn table_label(out: &mut String, id: &str, b: Rect, label: &str) {
    out.push_str("<text class=\"tl\" data-table=\"");
    push(out, id);
    out.push_str("\" x=\"");
    int(out, b[0]);
    out.push_str("\" y=\"");
    int(out, (b[1] - 2.0).max(7.0));
    out.push_str("\">");
    push(out, label);
    out.push_str("</text>");
}

#[cfg(test)]
mod tests {
    use super::*;
    fn g(ch: char, x0: f32) -> Glyph {
        Glyph {
            ch,
            x0,
            y0: 100.0,
            x1: x0 + 9.0,
            y1: 110.0,
            size: 10.0,
        }
    }
    #[test]
    fn runs_join_glyphs_of_a_line() {
        let glyphs = [g('合', 10.0), g('计', 19.0), g('1', 60.0), g('2', 69.0)];
        let r = runs(&glyphs);
        assert_eq!(r.len(), 2);
        let text = |r: &Run| {
            let mut s = String::new();
            run_text(&mut s, &glyphs, r);
            s
        };
        assert_eq!(text(&r[0]), "合计");
        assert_eq!(text(&r[1]), "12");
    }
}
