//! ToUnicode CMaps (and embedded CMaps' codespace ranges): `bfchar`, `bfrange` in both forms.

use crate::limits::{MAX_CMAP_CODES, MAX_CMAP_RANGE};
use rustc_hash::FxHashMap as HashMap;

/// A parsed ToUnicode CMap (or the codespace of an embedded CMap).
#[derive(Debug, Default, Clone)]
pub struct ToUnicode {
    /// Character code → its text (a ligature or a combining sequence may be several chars).
    pub map: HashMap<u32, Box<str>>,
    /// (byte length, low, high) codespace ranges, used to split strings into codes.
    pub codespace: Vec<(usize, u32, u32)>,
}

fn hex_value(bytes: &[u8]) -> (u32, usize) {
    let mut v: u32 = 0;
    for &b in bytes.iter().take(4) {
        v = (v << 8) | b as u32;
    }
    (v, bytes.len())
}

fn utf16be(bytes: &[u8]) -> Option<Box<str>> {
    if bytes.is_empty() {
        return None;
    }
    if bytes.len() == 1 {
        return char::from_u32(bytes[0] as u32).map(|c| c.to_string().into_boxed_str());
    }
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16)
        .collect();
    let s: String = char::decode_utf16(units).filter_map(|r| r.ok()).collect();
    if s.is_empty() {
        None
    } else {
        Some(s.into_boxed_str())
    }
}

/// Increments the last code unit of a UTF-16BE destination (bfrange start + offset).
fn offset_dst(dst: &[u8], off: u32) -> Option<Box<str>> {
    if dst.len() < 2 {
        return char::from_u32(dst.first().copied().unwrap_or(0) as u32 + off)
            .map(|c| c.to_string().into_boxed_str());
    }
    let mut v = dst.to_vec();
    let n = v.len();
    let last = ((v[n - 2] as u32) << 8 | v[n - 1] as u32).wrapping_add(off);
    v[n - 2] = (last >> 8) as u8;
    v[n - 1] = last as u8;
    utf16be(&v)
}

/// Tokens of a CMap file: hex strings, arrays of hex strings, and keywords.
enum Tok {
    Hex(Vec<u8>),
    Arr(Vec<Vec<u8>>),
    Word(String),
    /// Operand counts (`2 beginbfchar`): skipped.
    Num,
}

fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    let hex = |data: &[u8], i: &mut usize| -> Vec<u8> {
        let mut v = Vec::new();
        let mut hi: Option<u8> = None;
        while *i < data.len() && data[*i] != b'>' {
            let c = data[*i];
            *i += 1;
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => continue,
            };
            match hi.take() {
                Some(h) => v.push(h << 4 | d),
                None => hi = Some(d),
            }
        }
        if let Some(h) = hi {
            v.push(h << 4);
        }
        *i += 1;
        v
    };
    while i < data.len() {
        let c = data[i];
        match c {
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                i += 1;
                out.push(Tok::Hex(hex(data, &mut i)));
            }
            b'[' => {
                i += 1;
                let mut items = Vec::new();
                while i < data.len() && data[i] != b']' {
                    if data[i] == b'<' {
                        i += 1;
                        items.push(hex(data, &mut i));
                    } else {
                        i += 1;
                    }
                }
                i += 1;
                out.push(Tok::Arr(items));
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                while i < data.len() && data[i] != b')' {
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'/' || c == b'.' || c == b'-' => {
                let s = i;
                i += 1;
                while i < data.len() && !b" \t\r\n<>[]()/%{}".contains(&data[i]) {
                    i += 1;
                }
                let w = &data[s..i];
                if w.iter().all(|b| b.is_ascii_digit()) {
                    out.push(Tok::Num);
                } else {
                    out.push(Tok::Word(String::from_utf8_lossy(w).into_owned()));
                }
            }
            _ => i += 1,
        }
    }
    out
}

impl ToUnicode {
    /// Reads a CMap stream's codespace ranges, `bfchar` and `bfrange` entries; never fails
    /// (what it does not understand is skipped) and maps at most [`MAX_CMAP_CODES`] codes.
    pub fn parse(data: &[u8]) -> ToUnicode {
        let toks = tokenize(data);
        let mut tu = ToUnicode::default();
        let mut i = 0;
        let mut section = "";
        let mut budget = MAX_CMAP_CODES;
        while i < toks.len() {
            match &toks[i] {
                Tok::Word(w) => {
                    section = match w.as_str() {
                        "begincodespacerange" => "cs",
                        "beginbfchar" => "char",
                        "beginbfrange" => "range",
                        "begincidrange" | "begincidchar" => "cid",
                        _ if w.starts_with("end") => "",
                        _ => section,
                    };
                    i += 1;
                }
                Tok::Hex(a) => match section {
                    "cs" => {
                        if let Some(Tok::Hex(b)) = toks.get(i + 1) {
                            let (lo, n) = hex_value(a);
                            let (hi, _) = hex_value(b);
                            if (1..=4).contains(&n) {
                                tu.codespace.push((n, lo, hi));
                            }
                            i += 2;
                        } else {
                            i += 1;
                        }
                    }
                    "char" => {
                        if let Some(Tok::Hex(b)) = toks.get(i + 1) {
                            if let Some(s) = utf16be(b) {
                                tu.map.insert(hex_value(a).0, s);
                            }
                            i += 2;
                        } else {
                            i += 1;
                        }
                    }
                    "range" => i += tu.bfrange(a, &toks, i, &mut budget),
                    _ => i += 1,
                },
                _ => i += 1,
            }
        }
        tu
    }

    /// A `bfrange` entry whose low code `a` is at `toks[i]`: maps its codes (both forms, an
    /// offset destination or an array of them) while `budget` lasts; returns the tokens taken.
    fn bfrange(&mut self, a: &[u8], toks: &[Tok], i: usize, budget: &mut u32) -> usize {
        let lo = hex_value(a).0;
        let hi = match toks.get(i + 1) {
            Some(Tok::Hex(b)) => hex_value(b).0,
            _ => return 1,
        };
        // Larger ranges are malformed (a crafted file must not exhaust memory).
        if hi < lo || hi - lo > MAX_CMAP_RANGE || hi - lo >= *budget {
            return 3;
        }
        *budget -= hi - lo + 1;
        match toks.get(i + 2) {
            Some(Tok::Hex(dst)) => {
                for off in 0..=(hi - lo) {
                    if let Some(s) = offset_dst(dst, off) {
                        self.map.insert(lo + off, s);
                    }
                }
            }
            Some(Tok::Arr(items)) => {
                for (off, dst) in items.iter().enumerate() {
                    if let Some(s) = utf16be(dst) {
                        self.map.insert(lo + off as u32, s);
                    }
                }
            }
            _ => {}
        }
        3
    }

    /// Byte length of the code starting `bytes`, from the codespace ranges; None when unknown.
    pub fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        for &(n, lo, hi) in &self.codespace {
            if bytes.len() >= n {
                let (v, _) = hex_value(&bytes[..n]);
                if v >= lo && v <= hi {
                    return Some(n);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_and_both_bfrange_forms() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0010> <4E2D> endbfchar
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<6587> <D835DC00>] endbfrange";
        let tu = ToUnicode::parse(cmap);
        assert_eq!(tu.map.get(&0x10).map(|s| &**s), Some("中"));
        assert_eq!(tu.map.get(&0x21).map(|s| &**s), Some("B"));
        assert_eq!(tu.map.get(&0x30).map(|s| &**s), Some("文"));
        assert_eq!(tu.map.get(&0x31).map(|s| &**s), Some("\u{1D400}"));
        assert_eq!(tu.code_len(&[0, 0x10]), Some(2));
    }

    #[test]
    fn ranges_are_capped() {
        let mut cmap = b"5000 beginbfrange\n".to_vec();
        for _ in 0..5000 {
            cmap.extend_from_slice(b"<0000> <FFFF> <4E00>\n");
        }
        let start = std::time::Instant::now();
        let tu = ToUnicode::parse(&cmap);
        assert!(tu.map.len() <= MAX_CMAP_CODES as usize);
        assert!(start.elapsed().as_secs() < 2);
    }
}
