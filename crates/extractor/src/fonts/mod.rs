//! Fonts: how the bytes of a shown string become characters and advances.
//!
//! Order of trust for the text of a code: the font's ToUnicode CMap; for composite fonts a
//! predefined CJK CMap (GBK-EUC-H, UniGB-UCS2-H, …) with the Adobe-GB1 CID table; the embedded
//! font program's own `cmap` table; for simple fonts /Differences glyph names and the base
//! encoding. A code none of these explain is counted as undecoded, never guessed.

pub mod encoding;
pub mod tounicode;

use crate::limits::STREAM_LIMIT;
use crate::source::Pdf;
use lopdf::{Dictionary, Object};
use rustc_hash::FxHashMap as HashMap;
use tounicode::ToUnicode;
use yusuan_cmap::PredefinedCMap;

#[derive(Clone, Copy)]
enum CodeSplit {
    OneByte,
    TwoByte,
    Predefined(&'static PredefinedCMap),
    /// From the ToUnicode (or embedded CMap) codespace ranges.
    Codespace,
}

/// One decoded code of a shown string.
pub struct Decoded<'f> {
    /// Its text; `None` when no table of the font explains the code (counted, never guessed).
    pub text: Option<&'f str>,
    /// Advance in glyph space units (1/1000 of the font size for all but Type3 fonts).
    pub width: f32,
    /// Single-byte code 32: word spacing applies to it.
    pub is_space: bool,
}

/// A font resource as far as reading text needs it: how strings split into codes, the text
/// of each code (in the order of trust above) and each code's advance. Loaded once per
/// document.
pub struct Font {
    /// Its ToUnicode map was damaged and left out (the document is then `partial`).
    pub damaged: bool,
    split: CodeSplit,
    composite: bool,
    to_unicode: Option<ToUnicode>,
    /// Predefined CMap whose codes are Unicode already (UniGB-UCS2-H, UniGB-UTF16-H).
    unicode_cmap: bool,
    /// CID → Unicode via Adobe-GB1 when the CMap is a GB one.
    gb1: bool,
    /// Embedded font program's glyph id → Unicode.
    embedded: HashMap<u16, char>,
    cid_to_gid: Option<Vec<u16>>,
    /// Simple font: code → text from encoding/Differences.
    simple: Vec<Option<Box<str>>>,
    widths: HashMap<u32, f32>,
    first_char: u32,
    simple_widths: Vec<f32>,
    default_width: f32,
    /// Type3 glyph space → text space scale (FontMatrix a), 0.001 for all other fonts.
    pub scale: f32,
    /// Cache of code → text for codes decoded through a fallback, so each is looked up once.
    cache: HashMap<u32, Option<Box<str>>>,
}

fn name_of(obj: Option<&Object>) -> Option<&[u8]> {
    obj.and_then(|o| o.as_name().ok())
}

impl Font {
    /// A font that decodes nothing: used when the font resource is missing or broken.
    pub fn unknown() -> Font {
        Font {
            damaged: false,
            split: CodeSplit::OneByte,
            composite: false,
            to_unicode: None,
            unicode_cmap: false,
            gb1: false,
            embedded: HashMap::default(),
            cid_to_gid: None,
            simple: Vec::new(),
            widths: HashMap::default(),
            first_char: 0,
            simple_widths: Vec::new(),
            default_width: 500.0,
            scale: 0.001,
            cache: HashMap::default(),
        }
    }

    /// Loads a font dictionary: its ToUnicode, encoding, widths and, for composite fonts, its
    /// descendant CIDFont. Never fails: what cannot be read decodes nothing.
    pub fn load(pdf: &Pdf, dict: &Dictionary) -> Font {
        let mut font = Font::unknown();
        let subtype = name_of(dict.get(b"Subtype").ok()).unwrap_or(b"");
        font.to_unicode = pdf
            .resolve(dict.get(b"ToUnicode").ok())
            .and_then(|o| o.as_stream().ok())
            // A damaged ToUnicode (its data ends in an error) would map what it still holds
            // and lose the rest: the font's own cmap is read instead, as poppler does.
            .and_then(|s| crate::content::decode_content(s).ok())
            .filter(|(_, whole)| {
                font.damaged |= !whole;
                *whole
            })
            .map(|(data, _)| ToUnicode::parse(&data))
            .filter(|tu| !tu.map.is_empty() || !tu.codespace.is_empty());
        if subtype == b"Type0" {
            font.load_composite(pdf, dict);
        } else {
            font.load_simple(pdf, dict, subtype == b"Type3");
        }
        font
    }

    /// A Type0 font: how its strings split into codes (/Encoding), and from its descendant
    /// CIDFont the widths, the character collection and the glyph map.
    fn load_composite(&mut self, pdf: &Pdf, dict: &Dictionary) {
        self.composite = true;
        self.default_width = 1000.0;
        self.split = CodeSplit::TwoByte;
        match pdf.resolve(dict.get(b"Encoding").ok()) {
            Some(Object::Name(n)) => {
                let n = String::from_utf8_lossy(n);
                if !n.starts_with("Identity") {
                    if let Some(cm) = PredefinedCMap::by_name(&n) {
                        self.split = CodeSplit::Predefined(cm);
                        self.unicode_cmap = n.starts_with("Uni");
                    }
                }
            }
            Some(Object::Stream(s)) => {
                // An embedded CMap: its codespace tells how to split strings.
                if let Ok(data) = s.get_plain_content_with_limit(STREAM_LIMIT) {
                    let cm = ToUnicode::parse(&data);
                    if !cm.codespace.is_empty()
                        && self
                            .to_unicode
                            .as_ref()
                            .is_some_and(|t| !t.codespace.is_empty())
                    {
                        self.split = CodeSplit::Codespace;
                    }
                }
            }
            _ => {}
        }
        let descendant = pdf
            .resolve(dict.get(b"DescendantFonts").ok())
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| pdf.resolve(Some(o)))
            .and_then(|o| o.as_dict().ok());
        if let Some(desc) = descendant {
            self.load_descendant(pdf, desc);
        }
    }

    /// A Type0 font's descendant CIDFont: widths, whether its CIDs are Adobe-GB1, its
    /// CIDToGIDMap, and the embedded font's own `cmap` when there is no ToUnicode.
    fn load_descendant(&mut self, pdf: &Pdf, desc: &Dictionary) {
        self.load_cid_widths(pdf, desc);
        if let Some(info) = pdf
            .resolve(desc.get(b"CIDSystemInfo").ok())
            .and_then(|o| o.as_dict().ok())
        {
            let ordering = pdf
                .resolve(info.get(b"Ordering").ok())
                .and_then(|o| o.as_str().ok())
                .unwrap_or(b"");
            self.gb1 = ordering == b"GB1";
        }
        if let Some(Object::Stream(s)) = pdf.resolve(desc.get(b"CIDToGIDMap").ok()) {
            if let Ok(data) = s.get_plain_content_with_limit(STREAM_LIMIT) {
                self.cid_to_gid = Some(
                    data.chunks(2)
                        .map(|c| (c[0] as u16) << 8 | *c.get(1).unwrap_or(&0) as u16)
                        .collect(),
                );
            }
        }
        if self.to_unicode.is_none() {
            self.embedded = embedded_cmap(pdf, desc);
        }
    }

    fn load_cid_widths(&mut self, pdf: &Pdf, desc: &Dictionary) {
        if let Some(dw) = pdf
            .resolve(desc.get(b"DW").ok())
            .and_then(|o| o.as_float().ok())
        {
            self.default_width = dw;
        }
        let Some(w) = pdf
            .resolve(desc.get(b"W").ok())
            .and_then(|o| o.as_array().ok())
        else {
            return;
        };
        let mut i = 0;
        let num = |o: &Object| pdf.resolve(Some(o)).and_then(|o| o.as_float().ok());
        while i < w.len() {
            let Some(first) = num(&w[i]) else { break };
            let first = first as u32;
            match w.get(i + 1).and_then(|o| pdf.resolve(Some(o))) {
                Some(Object::Array(list)) => {
                    for (k, o) in list.iter().enumerate() {
                        if let Some(v) = num(o) {
                            self.widths.insert(first + k as u32, v);
                        }
                    }
                    i += 2;
                }
                Some(_) => {
                    let last = w.get(i + 1).and_then(num).unwrap_or(0.0) as u32;
                    let v = w.get(i + 2).and_then(num).unwrap_or(self.default_width);
                    if last >= first && last - first <= 0x10000 {
                        for c in first..=last {
                            self.widths.insert(c, v);
                        }
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    fn load_simple(&mut self, pdf: &Pdf, dict: &Dictionary, type3: bool) {
        self.first_char = pdf
            .resolve(dict.get(b"FirstChar").ok())
            .and_then(|o| o.as_float().ok())
            .unwrap_or(0.0) as u32;
        if let Some(ws) = pdf
            .resolve(dict.get(b"Widths").ok())
            .and_then(|o| o.as_array().ok())
        {
            self.simple_widths = ws
                .iter()
                .map(|o| {
                    pdf.resolve(Some(o))
                        .and_then(|o| o.as_float().ok())
                        .unwrap_or(0.0)
                })
                .collect();
        }
        if type3 {
            if let Some(m) = pdf
                .resolve(dict.get(b"FontMatrix").ok())
                .and_then(|o| o.as_array().ok())
            {
                if let Some(a) = m.first().and_then(|o| o.as_float().ok()) {
                    self.scale = a;
                }
            }
        }
        let mut table: Vec<Option<Box<str>>> = (0u16..256)
            .map(|b| encoding::win_ansi(b as u8).map(|c| c.to_string().into_boxed_str()))
            .collect();
        match pdf.resolve(dict.get(b"Encoding").ok()) {
            Some(Object::Name(n)) if n == b"StandardEncoding" => {
                for (b, slot) in table.iter_mut().enumerate() {
                    *slot = encoding::standard(b as u8).map(|c| c.to_string().into_boxed_str());
                }
            }
            Some(Object::Dictionary(enc)) => {
                if let Some(Object::Array(diffs)) = pdf.resolve(enc.get(b"Differences").ok()) {
                    let mut code = 0usize;
                    for d in diffs {
                        match d {
                            Object::Integer(n) => code = (*n).clamp(0, 255) as usize,
                            Object::Name(name) => {
                                if code < 256 {
                                    let name = String::from_utf8_lossy(name);
                                    table[code] = encoding::glyph_name(&name)
                                        .or_else(|| yusuan_cmap::glyph_name_to_unicode(&name))
                                        .map(|c| c.to_string().into_boxed_str());
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        self.simple = table;
    }

    fn code_to_text(&mut self, code: u32) -> Option<&str> {
        if let Some(text) = self.to_unicode.as_ref().and_then(|tu| tu.map.get(&code)) {
            return Some(text);
        }
        if !self.composite {
            if self.to_unicode.is_some() && self.simple.is_empty() {
                return None;
            }
            return self.simple.get(code as usize).and_then(|s| s.as_deref());
        }
        if !self.cache.contains_key(&code) {
            let text = self
                .composite_fallback(code)
                .map(|c| c.to_string().into_boxed_str());
            self.cache.insert(code, text);
        }
        self.cache.get(&code).and_then(|s| s.as_deref())
    }

    fn composite_fallback(&self, code: u32) -> Option<char> {
        let cid = match self.split {
            CodeSplit::Predefined(cm) => {
                if self.unicode_cmap {
                    return char::from_u32(code).filter(|c| !c.is_control());
                }
                cm.cid(code)?
            }
            _ => code,
        };
        if self.gb1 || matches!(self.split, CodeSplit::Predefined(_)) {
            if let Some(c) = yusuan_cmap::gb1_cid_to_unicode(cid) {
                return Some(c);
            }
        }
        let gid = match &self.cid_to_gid {
            Some(map) => *map.get(cid as usize)?,
            None => u16::try_from(cid).ok()?,
        };
        self.embedded.get(&gid).copied()
    }

    fn width_of(&self, code: u32, cid: u32) -> f32 {
        if self.composite {
            return *self.widths.get(&cid).unwrap_or(&self.default_width);
        }
        code.checked_sub(self.first_char)
            .and_then(|i| self.simple_widths.get(i as usize))
            .copied()
            .filter(|w| *w > 0.0)
            .unwrap_or(if self.scale == 0.001 {
                self.default_width
            } else {
                0.0
            })
    }

    /// Decodes a shown string, calling `f` once per code.
    pub fn decode(&mut self, bytes: &[u8], mut f: impl FnMut(Decoded)) {
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let (code, len) = match self.split {
                CodeSplit::OneByte => (rest[0] as u32, 1),
                CodeSplit::TwoByte => {
                    if rest.len() >= 2 {
                        ((rest[0] as u32) << 8 | rest[1] as u32, 2)
                    } else {
                        (rest[0] as u32, 1)
                    }
                }
                CodeSplit::Predefined(cm) => cm.next_code(rest),
                CodeSplit::Codespace => {
                    let n = self
                        .to_unicode
                        .as_ref()
                        .and_then(|t| t.code_len(rest))
                        .unwrap_or(2)
                        .min(rest.len())
                        .max(1);
                    (rest.iter().take(n).fold(0u32, |v, b| v << 8 | *b as u32), n)
                }
            };
            let cid = match self.split {
                CodeSplit::Predefined(cm) => cm.cid(code).unwrap_or(0),
                _ => code,
            };
            let width = self.width_of(code, cid);
            let is_space = len == 1 && code == 32;
            let text = self.code_to_text(code);
            f(Decoded {
                text,
                width,
                is_space,
            });
            i += len.max(1);
        }
    }
}

/// The embedded TrueType/OpenType program's cmap, reversed: for fonts without ToUnicode.
fn embedded_cmap(pdf: &Pdf, desc: &Dictionary) -> HashMap<u16, char> {
    let Some(fd) = pdf
        .resolve(desc.get(b"FontDescriptor").ok())
        .and_then(|o| o.as_dict().ok())
    else {
        return HashMap::default();
    };
    for key in [&b"FontFile2"[..], b"FontFile3"] {
        if let Some(Object::Stream(s)) = pdf.resolve(fd.get(key).ok()) {
            if let Ok(data) = s.get_plain_content_with_limit(STREAM_LIMIT) {
                return yusuan_cmap::glyph_to_unicode(&data).into_iter().collect();
            }
        }
    }
    HashMap::default()
}
