//! Our content-stream interpreter: enough of the imaging model to place text and ruling lines.
//!
//! It keeps the text state and matrices (Tm, Tlm, CTM with q/Q), shows strings through
//! [`crate::fonts::Font`], follows form XObjects (with a depth limit and a cycle guard), and
//! turns stroked segments and thin filled rectangles into rules. Everything is collected in
//! device space and made upright per page in [`RawPage::into_page`].

//!
//! - here: the [`Interpreter`] (graphics and text state, showing strings, paths, form
//!   XObjects) and its operator table;
//! - `lexer`: operands and operators of a content stream;
//! - `decode`: a stream's bytes, decoded;
//! - `cache`: what the pages of one document share ([`FontCache`]: fonts, caps, losses);
//! - `raw`: the page as collected ([`RawPage`]) and made upright.

mod cache;
mod decode;
pub mod lexer;
mod raw;

pub use cache::FontCache;
pub use decode::decode_content;
pub use raw::{RawGlyph, RawPage};

use crate::fonts::Font;
use crate::limits::{MAX_FORM_DEPTH, MAX_PAGE_GLYPHS, MAX_SAVED_STATES, MAX_SUBPATH_POINTS};
use crate::source::Pdf;
use lexer::{Lexer, Operand};
use lopdf::{Dictionary, Object, ObjectId};

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// Bounding box (x0, y0, x1, y1) of points.
fn bbox(points: impl Iterator<Item = (f32, f32)>) -> (f32, f32, f32, f32) {
    points.fold(
        (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
        |(x0, y0, x1, y1), p| (x0.min(p.0), y0.min(p.1), x1.max(p.0), y1.max(p.1)),
    )
}

/// The graphics and text state saved by `q` and restored by `Q`.
#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<usize>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    rise: f32,
    stroke_white: bool,
    fill_white: bool,
}

/// Runs the content streams of one page: the graphics and text state, the glyphs shown and the
/// rules painted, collected into a [`RawPage`]. Shares the document's fonts and caps
/// ([`FontCache`]) and its work budget (content operators left) with the other pages.
pub struct Interpreter<'a> {
    pdf: &'a Pdf<'a>,
    fonts: &'a mut FontCache,
    budget: &'a mut usize,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<Vec<(f32, f32)>>,
    closed: Vec<bool>,
    forms: Vec<ObjectId>,
    out: RawPage,
}

/// The stream being interpreted: its resources, its depth among form XObjects, and the
/// height of the saved-state stack when it began (a `Q` does not pop below it).
struct Frame<'r> {
    resources: &'r Dictionary,
    depth: usize,
    stack_base: usize,
}

/// Operand `i` as a number; 0 when missing or not a number.
#[inline(always)]
fn n(ops: &[Operand], i: usize) -> f32 {
    ops.get(i).and_then(|o| o.num()).unwrap_or(0.0)
}

/// The six operands of `cm` / `Tm` as a matrix.
fn matrix(ops: &[Operand]) -> Matrix {
    std::array::from_fn(|i| n(ops, i))
}

/// The colour operands set white (gray or RGB near 1, CMYK near 0): white rules are erasures,
/// not borders.
fn is_white_color(ops: &[Operand]) -> bool {
    let v: Vec<f32> = ops.iter().filter_map(|o| o.num()).collect();
    match v.len() {
        1 | 3 => v.iter().all(|c| *c >= 0.98),
        4 => v.iter().all(|c| *c <= 0.02),
        _ => false,
    }
}

impl<'a> Interpreter<'a> {
    /// An interpreter for one page of `pdf`, in the initial graphics state.
    pub fn new(pdf: &'a Pdf<'a>, fonts: &'a mut FontCache, budget: &'a mut usize) -> Self {
        Interpreter {
            pdf,
            fonts,
            budget,
            gs: GState {
                ctm: IDENTITY,
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                h_scale: 1.0,
                leading: 0.0,
                rise: 0.0,
                stroke_white: false,
                fill_white: false,
            },
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            path: Vec::new(),
            closed: Vec::new(),
            forms: Vec::new(),
            out: RawPage::default(),
        }
    }

    /// What the page's content drew.
    pub fn finish(self) -> RawPage {
        self.out
    }

    fn set_font(&mut self, resources: &Dictionary, name: &[u8]) {
        let pdf = self.pdf;
        let Some(fonts) = pdf.dict(resources, b"Font") else {
            return;
        };
        let Ok(entry) = fonts.get(name) else {
            self.gs.font = None;
            return;
        };
        let idx = match entry {
            Object::Reference(id) => match self.fonts.by_id.get(id) {
                Some(i) => *i,
                None => {
                    let font = pdf
                        .resolve(Some(entry))
                        .and_then(|o| o.as_dict().ok())
                        .map(|d| Font::load(pdf, d))
                        .unwrap_or_else(Font::unknown);
                    self.fonts.fonts.push(font);
                    let i = self.fonts.fonts.len() - 1;
                    self.fonts.by_id.insert(*id, i);
                    i
                }
            },
            other => {
                let font = other
                    .as_dict()
                    .ok()
                    .map(|d| Font::load(pdf, d))
                    .unwrap_or_else(Font::unknown);
                self.fonts.fonts.push(font);
                self.fonts.fonts.len() - 1
            }
        };
        if std::mem::take(&mut self.fonts.fonts[idx].damaged) {
            let page = self.fonts.page;
            self.fonts
                .lost(format!("page {page}: a font's ToUnicode map is damaged"));
        }
        self.gs.font = Some(idx);
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(fi) = self.gs.font else {
            return;
        };
        // A code is at most 4 bytes: cut the string to the glyphs the page may still hold.
        let room = MAX_PAGE_GLYPHS.saturating_sub(self.out.glyphs.len());
        let bytes = if bytes.len() / 4 >= room {
            if !self.fonts.glyphs_capped {
                self.fonts.glyphs_capped = true;
                let page = self.fonts.page;
                self.fonts.lost(format!(
                    "page {page}: glyphs past the limit of {MAX_PAGE_GLYPHS} per page were not read"
                ));
            }
            &bytes[..bytes.len().min(room.saturating_mul(4))]
        } else {
            bytes
        };
        if bytes.is_empty() {
            return;
        }
        let gs = self.gs.clone();
        let font = &mut self.fonts.fonts[fi];
        let scale = font.scale;
        let mut tm = self.tm;
        let out = &mut self.out;
        font.decode(bytes, |d| {
            let trm = mul(
                &[gs.size * gs.h_scale, 0.0, 0.0, gs.size, 0.0, gs.rise],
                &mul(&tm, &gs.ctm),
            );
            let w0 = d.width * scale;
            let o = apply(&trm, 0.0, 0.0);
            let e = apply(&trm, w0, 0.0);
            let top = apply(&trm, 0.0, 1.0);
            let up = (top.0 - o.0, top.1 - o.1);
            match d.text {
                Some(text) => {
                    let n = text.chars().count().max(1) as f32;
                    for (k, ch) in text.chars().enumerate() {
                        if ch.is_whitespace() || ch.is_control() {
                            continue;
                        }
                        let f0 = k as f32 / n;
                        let f1 = (k + 1) as f32 / n;
                        out.glyphs.push(RawGlyph {
                            ch,
                            o: (o.0 + (e.0 - o.0) * f0, o.1 + (e.1 - o.1) * f0),
                            e: (o.0 + (e.0 - o.0) * f1, o.1 + (e.1 - o.1) * f1),
                            up,
                        });
                    }
                }
                None => {
                    if !d.is_space {
                        out.undecoded += 1;
                    }
                }
            }
            let tx =
                (w0 * gs.size + gs.char_spacing + if d.is_space { gs.word_spacing } else { 0.0 })
                    * gs.h_scale;
            tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
        });
        self.tm = tm;
    }

    fn adjust(&mut self, n: f32) {
        let tx = -n / 1000.0 * self.gs.size * self.gs.h_scale;
        self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn point(&mut self, x: f32, y: f32) -> (f32, f32) {
        apply(&self.gs.ctm, x, y)
    }

    fn paint(&mut self, stroke: bool, fill: bool) {
        let path = std::mem::take(&mut self.path);
        let closed = std::mem::take(&mut self.closed);
        let white = (stroke && self.gs.stroke_white) || (!stroke && fill && self.gs.fill_white);
        if white {
            return;
        }
        for (sub, is_closed) in path.iter().zip(closed) {
            if sub.len() < 2 {
                continue;
            }
            let (x0, y0, x1, y1) = bbox(sub.iter().copied());
            let (w, h) = (x1 - x0, y1 - y0);
            if fill && !stroke {
                // Thin filled rectangles are how Word, WPS and Excel draw many borders.
                if w <= 2.5 && h > w {
                    let x = (x0 + x1) / 2.0;
                    self.out.segments.push([x, y0, x, y1]);
                } else if h <= 2.5 && w > h {
                    let y = (y0 + y1) / 2.0;
                    self.out.segments.push([x0, y, x1, y]);
                }
                continue;
            }
            let n = sub.len();
            let last = if is_closed { n } else { n - 1 };
            for k in 0..last {
                let a = sub[k];
                let b = sub[(k + 1) % n];
                let axis_aligned = (a.0 - b.0).abs() < 0.5 || (a.1 - b.1).abs() < 0.5;
                if axis_aligned && (a.0 - b.0).abs() + (a.1 - b.1).abs() > 0.5 {
                    self.out.segments.push([a.0, a.1, b.0, b.1]);
                }
            }
        }
    }

    fn do_xobject(&mut self, resources: &Dictionary, name: &[u8], depth: usize) {
        let pdf = self.pdf;
        let Some(xobjects) = pdf.dict(resources, b"XObject") else {
            return;
        };
        let Ok(entry) = xobjects.get(name) else {
            return;
        };
        let id = match entry {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        let Some(Object::Stream(stream)) = pdf.resolve(Some(entry)) else {
            return;
        };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        if subtype == b"Image" {
            self.out.images += 1;
            return;
        }
        if subtype != b"Form" || depth >= MAX_FORM_DEPTH {
            return;
        }
        if let Some(id) = id {
            if self.forms.contains(&id) {
                return;
            }
            self.forms.push(id);
        }
        let content = match decode_content(stream) {
            Ok((c, whole)) if self.fonts.take_bytes(c.len()) => {
                if !whole {
                    let page = self.fonts.page;
                    self.fonts
                        .lost(format!("page {page}: a form XObject is damaged"));
                }
                c
            }
            result => {
                if result.is_err() {
                    let page = self.fonts.page;
                    self.fonts
                        .lost(format!("page {page}: a form XObject could not be decoded"));
                }
                if id.is_some() {
                    self.forms.pop();
                }
                return;
            }
        };
        let mut m = IDENTITY;
        if let Some(arr) = pdf
            .resolve(stream.dict.get(b"Matrix").ok())
            .and_then(|o| o.as_array().ok())
        {
            if arr.len() == 6 {
                for (k, v) in arr.iter().enumerate() {
                    m[k] = pdf
                        .resolve(Some(v))
                        .and_then(|o| o.as_float().ok())
                        .unwrap_or(m[k]);
                }
            }
        }
        let form_res = pdf.dict(&stream.dict, b"Resources").cloned();
        let saved = (self.gs.clone(), self.tm, self.tlm);
        self.gs.ctm = mul(&m, &self.gs.ctm);
        self.run(&content, form_res.as_ref().unwrap_or(resources), depth + 1);
        self.gs = saved.0;
        self.tm = saved.1;
        self.tlm = saved.2;
        if id.is_some() {
            self.forms.pop();
        }
    }

    /// Interprets one content stream (a page's, or a form XObject's at `depth`) with these
    /// resources, until it ends or the document's work budget is spent.
    pub fn run(&mut self, content: &[u8], resources: &Dictionary, depth: usize) {
        let mut lx = Lexer::new(content);
        let mut ops: Vec<Operand> = Vec::with_capacity(8);
        let frame = Frame {
            resources,
            depth,
            stack_base: self.stack.len(),
        };
        while let Some(op) = lx.next_op(&mut ops) {
            if *self.budget == 0 {
                return;
            }
            *self.budget -= 1;
            self.operator(op, &ops, &mut lx, &frame);
        }
        // The states this stream saved and did not restore are dropped with it.
        self.stack.truncate(frame.stack_base);
    }

    /// The operator table: one operator with its operands.
    #[inline(always)]
    fn operator(&mut self, op: &[u8], ops: &[Operand], lx: &mut Lexer, frame: &Frame) {
        match op {
            // Past the cap, a `q` is ignored; a `Q` never restores a state saved before this
            // stream began.
            b"q" if self.stack.len() < MAX_SAVED_STATES => self.stack.push(self.gs.clone()),
            b"Q" if self.stack.len() > frame.stack_base => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            b"cm" if ops.len() >= 6 => {
                self.gs.ctm = mul(&matrix(ops), &self.gs.ctm);
            }
            b"BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            b"Tf" => {
                if let Some(Operand::Name(name)) = ops.first() {
                    self.set_font(frame.resources, name);
                }
                self.gs.size = n(ops, 1);
            }
            b"Tc" => self.gs.char_spacing = n(ops, 0),
            b"Tw" => self.gs.word_spacing = n(ops, 0),
            b"Tz" => self.gs.h_scale = n(ops, 0) / 100.0,
            b"TL" => self.gs.leading = n(ops, 0),
            b"Ts" => self.gs.rise = n(ops, 0),
            b"Td" => self.next_line(n(ops, 0), n(ops, 1)),
            b"TD" => {
                self.gs.leading = -n(ops, 1);
                self.next_line(n(ops, 0), n(ops, 1));
            }
            b"Tm" if ops.len() >= 6 => {
                self.tlm = matrix(ops);
                self.tm = self.tlm;
            }
            b"T*" => self.next_line(0.0, -self.gs.leading),
            b"Tj" => {
                if let Some(Operand::Str(s)) = ops.first() {
                    self.show(s);
                }
            }
            b"'" => {
                self.next_line(0.0, -self.gs.leading);
                if let Some(Operand::Str(s)) = ops.first() {
                    self.show(s);
                }
            }
            b"\"" => {
                self.gs.word_spacing = n(ops, 0);
                self.gs.char_spacing = n(ops, 1);
                self.next_line(0.0, -self.gs.leading);
                if let Some(Operand::Str(s)) = ops.get(2) {
                    self.show(s);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = ops.first() {
                    for it in items {
                        match it {
                            Operand::Str(s) => self.show(s),
                            Operand::Number(v) => self.adjust(*v),
                            _ => {}
                        }
                    }
                }
            }
            b"m" => {
                let p = self.point(n(ops, 0), n(ops, 1));
                self.path.push(vec![p]);
                self.closed.push(false);
            }
            b"l" => {
                let p = self.point(n(ops, 0), n(ops, 1));
                match self.path.last_mut() {
                    Some(sub) if sub.len() < MAX_SUBPATH_POINTS => sub.push(p),
                    Some(_) => {}
                    None => {
                        self.path.push(vec![p]);
                        self.closed.push(false);
                    }
                }
            }
            b"c" | b"v" | b"y" => {
                let (x, y) = if op == b"c" {
                    (n(ops, 4), n(ops, 5))
                } else {
                    (n(ops, 2), n(ops, 3))
                };
                let p = self.point(x, y);
                // Curves are never rules: start a new subpath at their end point.
                self.path.push(vec![p]);
                self.closed.push(false);
            }
            b"re" => {
                let (x, y, w, h) = (n(ops, 0), n(ops, 1), n(ops, 2), n(ops, 3));
                let pts = vec![
                    self.point(x, y),
                    self.point(x + w, y),
                    self.point(x + w, y + h),
                    self.point(x, y + h),
                ];
                self.path.push(pts);
                self.closed.push(true);
            }
            b"h" => {
                if let Some(c) = self.closed.last_mut() {
                    *c = true;
                }
            }
            b"S" => self.paint(true, false),
            b"s" => {
                if let Some(c) = self.closed.last_mut() {
                    *c = true;
                }
                self.paint(true, false)
            }
            b"f" | b"F" | b"f*" => self.paint(false, true),
            b"B" | b"B*" | b"b" | b"b*" => self.paint(true, true),
            b"n" => {
                self.path.clear();
                self.closed.clear();
            }
            b"g" | b"rg" | b"k" | b"sc" | b"scn" => self.gs.fill_white = is_white_color(ops),
            b"G" | b"RG" | b"K" | b"SC" | b"SCN" => self.gs.stroke_white = is_white_color(ops),
            b"cs" => self.gs.fill_white = false,
            b"CS" => self.gs.stroke_white = false,
            b"Do" => {
                if let Some(Operand::Name(name)) = ops.first() {
                    self.do_xobject(frame.resources, name, frame.depth);
                }
            }
            b"BI" => {}
            b"ID" => {
                lx.skip_inline_image();
                self.out.images += 1;
            }
            _ => {}
        }
    }
}
