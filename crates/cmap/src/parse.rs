//! A small, forgiving reader for the PostScript-syntax CMap resources that
//! Adobe publishes (the files under `data/`). It understands exactly the
//! operators those files use: `usecmap`, codespace ranges, CID ranges/chars
//! and bf ranges/chars; everything else is skipped. It never panics.

/// One lexical token of a CMap file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok<'a> {
    /// `<...>` hex string, decoded to bytes.
    Hex(Vec<u8>),
    /// Non-negative integer.
    Int(u32),
    /// `/Name` (without the slash).
    Name(&'a str),
    /// Any other bare word (operator).
    Word(&'a str),
    /// Punctuation or things we do not care about (`[`, `]`, strings, ...).
    Other,
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The tokens of a CMap file; comments are dropped, everything unknown becomes [`Tok::Other`].
pub(crate) fn tokenize(src: &str) -> Vec<Tok<'_>> {
    let s = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b.is_ascii_whitespace() {
            i += 1;
        } else if b == b'%' {
            while i < s.len() && s[i] != b'\n' && s[i] != b'\r' {
                i += 1;
            }
        } else if b == b'<' {
            if s.get(i + 1) == Some(&b'<') {
                out.push(Tok::Other);
                i += 2;
                continue;
            }
            let (bytes, end) = hex_string(s, i + 1);
            out.push(Tok::Hex(bytes));
            i = end;
        } else if b == b'(' {
            i = skip_literal(s, i);
            out.push(Tok::Other);
        } else if b == b'/' {
            let end = word_end(s, i + 1);
            out.push(Tok::Name(&src[i + 1..end]));
            i = end;
        } else if b == b'[' {
            out.push(Tok::Word("["));
            i += 1;
        } else if b == b']' {
            out.push(Tok::Word("]"));
            i += 1;
        } else if is_delim(b) {
            out.push(Tok::Other);
            i += 1;
        } else {
            let end = word_end(s, i);
            let w = &src[i..end];
            match w.parse::<u32>() {
                Ok(n) => out.push(Tok::Int(n)),
                Err(_) => out.push(Tok::Word(w)),
            }
            i = end;
        }
    }
    out
}

/// The bytes of a hex string whose digits start at `i` (just after `<`), and the position
/// after its `>`; an odd last digit stands for its high nibble.
fn hex_string(s: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut nibbles = Vec::new();
    while i < s.len() && s[i] != b'>' {
        if let Some(v) = hex_val(s[i]) {
            nibbles.push(v);
        }
        i += 1;
    }
    i += 1; // skip '>'
    if nibbles.len() % 2 == 1 {
        nibbles.push(0);
    }
    let bytes = nibbles.chunks(2).map(|c| (c[0] << 4) | c[1]).collect();
    (bytes, i)
}

/// The position after a literal string starting at `i` (its `(`), nesting and escapes
/// followed. Literal strings only occur in comments and metadata: skipped.
fn skip_literal(s: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    i += 1;
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// The end of a bare word or name starting at `i`: the next white space or delimiter.
fn word_end(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && !s[i].is_ascii_whitespace() && !is_delim(s[i]) {
        i += 1;
    }
    i
}

/// Big-endian value of up to 4 bytes (longer inputs keep the last 4).
pub(crate) fn be(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

/// Everything we take from one CMap file.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub usecmap: Option<String>,
    /// (low bytes, high bytes), same length 1..=4.
    pub codespaces: Vec<(Vec<u8>, Vec<u8>)>,
    /// (first code, last code, first CID) — cidrange and cidchar.
    pub cid_ranges: Vec<(u32, u32, u32)>,
    /// (first code, last code, destination bytes) — bfrange and bfchar.
    pub bf_ranges: Vec<(u32, u32, Vec<u8>)>,
}

/// Reads one CMap file: `usecmap`, codespace ranges, CID ranges and chars, bf ranges and
/// chars.
pub(crate) fn parse(src: &str) -> Parsed {
    let toks = tokenize(src);
    let mut p = Parsed::default();
    let mut i = 0;
    while i < toks.len() {
        i = match &toks[i] {
            Tok::Word("usecmap") => {
                if let Some(Tok::Name(n)) = i.checked_sub(1).and_then(|j| toks.get(j)) {
                    p.usecmap = Some((*n).to_string());
                }
                i + 1
            }
            Tok::Word("begincodespacerange") => codespace_ranges(&toks, i + 1, &mut p),
            Tok::Word("begincidrange") => cid_ranges(&toks, i + 1, &mut p),
            Tok::Word("begincidchar") => cid_chars(&toks, i + 1, &mut p),
            Tok::Word("beginbfchar") => bf_chars(&toks, i + 1, &mut p),
            Tok::Word("beginbfrange") => bf_ranges(&toks, i + 1, &mut p),
            _ => i + 1,
        };
    }
    p
}

/// The hex string at `toks[i]`, if that is one.
fn hex(t: Option<&Tok>) -> Option<Vec<u8>> {
    match t {
        Some(Tok::Hex(h)) => Some(h.clone()),
        _ => None,
    }
}

// Each section reader starts after its `begin…` keyword and returns where its entries end.

/// `lo hi` pairs of the same length, 1 to 4 bytes.
fn codespace_ranges(toks: &[Tok], mut i: usize, p: &mut Parsed) -> usize {
    while let (Some(lo), Some(hi)) = (hex(toks.get(i)), hex(toks.get(i + 1))) {
        if !lo.is_empty() && lo.len() <= 4 && lo.len() == hi.len() {
            p.codespaces.push((lo, hi));
        }
        i += 2;
    }
    i
}

/// `lo hi cid` triples.
fn cid_ranges(toks: &[Tok], mut i: usize, p: &mut Parsed) -> usize {
    while let (Some(lo), Some(hi), Some(Tok::Int(cid))) =
        (hex(toks.get(i)), hex(toks.get(i + 1)), toks.get(i + 2))
    {
        let (lo, hi) = (be(&lo), be(&hi));
        if lo <= hi {
            p.cid_ranges.push((lo, hi, *cid));
        }
        i += 3;
    }
    i
}

/// `code cid` pairs.
fn cid_chars(toks: &[Tok], mut i: usize, p: &mut Parsed) -> usize {
    while let (Some(code), Some(Tok::Int(cid))) = (hex(toks.get(i)), toks.get(i + 1)) {
        let c = be(&code);
        p.cid_ranges.push((c, c, *cid));
        i += 2;
    }
    i
}

/// `code destination` pairs.
fn bf_chars(toks: &[Tok], mut i: usize, p: &mut Parsed) -> usize {
    while let (Some(code), Some(dst)) = (hex(toks.get(i)), hex(toks.get(i + 1))) {
        let c = be(&code);
        p.bf_ranges.push((c, c, dst));
        i += 2;
    }
    i
}

/// `lo hi destination` triples; array destinations are skipped.
fn bf_ranges(toks: &[Tok], mut i: usize, p: &mut Parsed) -> usize {
    while let (Some(lo), Some(hi)) = (hex(toks.get(i)), hex(toks.get(i + 1))) {
        match toks.get(i + 2) {
            Some(Tok::Hex(dst)) => {
                let (lo, hi) = (be(&lo), be(&hi));
                if lo <= hi {
                    p.bf_ranges.push((lo, hi, dst.clone()));
                }
                i += 3;
            }
            Some(Tok::Word("[")) => {
                // Array destinations are not used by the shipped data; skip them.
                i += 3;
                while i < toks.len() && toks[i] != Tok::Word("]") {
                    i += 1;
                }
                i += 1;
            }
            _ => break,
        }
    }
    i
}

/// First Unicode scalar of a UTF-16BE byte string (bf destinations).
pub(crate) fn utf16_first(bytes: &[u8]) -> Option<char> {
    let units = bytes
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]));
    char::decode_utf16(units).next()?.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_basic_cmap_syntax() {
        let t = tokenize("%c\n/Foo usecmap 2 begincodespacerange <00> <80>\n<8140><FEFE> endcodespacerange (a(b)c) <<");
        assert_eq!(t[0], Tok::Name("Foo"));
        assert_eq!(t[1], Tok::Word("usecmap"));
        assert_eq!(t[2], Tok::Int(2));
        assert_eq!(t[4], Tok::Hex(vec![0]));
        assert_eq!(t[6], Tok::Hex(vec![0x81, 0x40]));
        assert_eq!(t[9], Tok::Other);
        assert_eq!(t[10], Tok::Other);
    }

    #[test]
    fn parses_sections() {
        let p = parse(
            "/Base usecmap\n2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange\n\
             1 begincidrange <21> <7e> 814 endcidrange 1 begincidchar <8179> 8281 endcidchar\n\
             1 beginbfrange <0001> <0003> <0041> endbfrange 1 beginbfchar <0005> <d840dc00> endbfchar\n\
             1 beginbfrange <0010> <0011> [<0041> <0042>] <0020> <0020> <0061> endbfrange",
        );
        assert_eq!(p.usecmap.as_deref(), Some("Base"));
        assert_eq!(p.codespaces.len(), 2);
        assert_eq!(
            p.cid_ranges,
            vec![(0x21, 0x7e, 814), (0x8179, 0x8179, 8281)]
        );
        assert_eq!(p.bf_ranges.len(), 3);
        assert_eq!(p.bf_ranges[2], (0x20, 0x20, vec![0, 0x61]));
        assert_eq!(utf16_first(&p.bf_ranges[1].2), Some('\u{20000}'));
    }

    #[test]
    fn garbage_does_not_panic() {
        for s in [
            "<",
            "<<",
            "(",
            "(\\",
            "/",
            "begincidrange <00>",
            "beginbfrange <0> <1> [ <",
            "%",
        ] {
            let _ = parse(s);
        }
    }
}
