//! Tokenizer for page content streams: operands and operators, without allocation per number.
//! Malformed input never panics: unknown bytes are skipped, unterminated strings end at the
//! end of the stream.

use std::borrow::Cow;

/// An operand, borrowing from the content stream where it can (names, strings without
/// escapes): a page shows thousands of strings, and copying each one was a large share of the
/// reading time.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    Number(f32),
    Name(&'a [u8]),
    Str(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    /// Dictionaries (marked-content properties) and booleans/null: kept only as placeholders.
    Other,
}

impl Operand<'_> {
    pub fn num(&self) -> Option<f32> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }
}

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// Items of the arrays being read (nested arrays stack on top of each other).
    scratch: Vec<Operand<'a>>,
}

#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    Operand(Operand<'a>),
    Operator(&'a [u8]),
}

/// Byte classes for the PDF lexer (ISO 32000 7.2.2): a table lookup per byte instead of a
/// chain of comparisons, since every byte of every content stream passes through here.
const WHITE: u8 = 1;
const DELIM: u8 = 2;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let white = b" \t\r\n\x0c\0";
    let mut i = 0;
    while i < white.len() {
        t[white[i] as usize] = WHITE;
        i += 1;
    }
    let delim = b"()<>[]{}/%";
    let mut i = 0;
    while i < delim.len() {
        t[delim[i] as usize] = DELIM;
        i += 1;
    }
    t
};

/// Value of a hex digit, or 0xff for any other byte.
static HEX: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

#[inline(always)]
fn is_white(b: u8) -> bool {
    CLASS[b as usize] == WHITE
}

/// Neither white space nor a delimiter: part of a number, operator or name.
#[inline(always)]
fn is_regular(b: u8) -> bool {
    CLASS[b as usize] == 0
}

/// `true`, `false` and `null`: operands we keep only as placeholders. Out of line so that
/// its constants do not occupy registers in the hot loop.
#[inline(never)]
fn is_keyword(word: &[u8]) -> bool {
    word == b"true" || word == b"false" || word == b"null"
}

/// What one lexing step produced. Internal: a flat enum instead of `Option<Token>`, so the
/// hot loop in `next_op` tests one tag.
enum Tok<'a> {
    Operand(Operand<'a>),
    Operator(&'a [u8]),
    End,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer {
            data,
            pos: 0,
            scratch: Vec::new(),
        }
    }

    #[inline(always)]
    fn skip_white(&mut self) {
        let d = self.data;
        let mut i = self.pos;
        while i < d.len() {
            let b = d[i];
            if is_white(b) {
                i += 1;
            } else if b == b'%' {
                while i < d.len() && d[i] != b'\n' && d[i] != b'\r' {
                    i += 1;
                }
            } else {
                break;
            }
        }
        self.pos = i;
    }

    #[inline(always)]
    fn regular(&mut self) -> &'a [u8] {
        let d = self.data;
        let start = self.pos;
        let mut i = start;
        while i < d.len() && is_regular(d[i]) {
            i += 1;
        }
        self.pos = i;
        &d[start..i]
    }

    /// Skips the binary data of an inline image (after `ID`) up to and including `EI`.
    pub fn skip_inline_image(&mut self) {
        let d = self.data;
        let mut i = self.pos + 1;
        while i + 2 <= d.len() {
            if d[i] == b'E'
                && d[i + 1] == b'I'
                && (i == 0 || is_white(d[i - 1]))
                && (i + 2 == d.len() || is_white(d[i + 2]))
            {
                self.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.pos = d.len();
    }

    fn literal_string(&mut self) -> Cow<'a, [u8]> {
        // self.pos is just after '('. Most strings have no escapes and no nested parentheses:
        // borrow those.
        let d = self.data;
        if let Some(len) = d[self.pos..]
            .iter()
            .position(|b| matches!(b, b')' | b'(' | b'\\'))
        {
            if d[self.pos + len] == b')' {
                let s = &d[self.pos..self.pos + len];
                self.pos += len + 1;
                return Cow::Borrowed(s);
            }
        }
        let mut out = Vec::new();
        let mut depth = 1;
        while self.pos < d.len() {
            let b = d[self.pos];
            self.pos += 1;
            match b {
                b'\\' => {
                    if self.pos >= d.len() {
                        break;
                    }
                    let e = d[self.pos];
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.pos < d.len() && d[self.pos] == b'\n' {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                if self.pos < d.len() && (b'0'..=b'7').contains(&d[self.pos]) {
                                    v = v * 8 + (d[self.pos] - b'0') as u32;
                                    self.pos += 1;
                                } else {
                                    break;
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        Cow::Owned(out)
    }

    /// Decodes a hex string; `self.pos` is just after '<'. Bytes other than hex digits (white
    /// space, garbage) are skipped; an odd final digit is padded with 0.
    fn hex_string(&mut self) -> Vec<u8> {
        let rest = &self.data[self.pos..];
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        self.pos += (end + 1).min(rest.len());
        let body = &rest[..end];
        // Sized once: strings are mostly bare digit pairs, so this avoids regrowing.
        let mut out = Vec::with_capacity(body.len().div_ceil(2));
        // Fast path: consecutive digit pairs, the usual layout.
        let mut i = 0;
        while i + 1 < body.len() {
            let (h, l) = (HEX[body[i] as usize], HEX[body[i + 1] as usize]);
            if h | l > 15 {
                break;
            }
            out.push(h << 4 | l);
            i += 2;
        }
        let mut hi: Option<u8> = None;
        for &b in &body[i..] {
            let v = HEX[b as usize];
            if v == 0xff {
                continue;
            }
            match hi.take() {
                Some(h) => out.push(h << 4 | v),
                None => hi = Some(v),
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    /// One operand or operator. Numbers and operators (the bulk of every stream) are handled
    /// inline; strings, arrays and dictionaries go to out-of-line helpers.
    #[inline(always)]
    fn token(&mut self, depth: usize) -> Tok<'a> {
        self.skip_white();
        let Some(&b) = self.data.get(self.pos) else {
            return Tok::End;
        };
        match b {
            b'(' => {
                self.pos += 1;
                Tok::Operand(Operand::Str(self.literal_string()))
            }
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    self.skip_dict();
                    Tok::Operand(Operand::Other)
                } else {
                    self.pos += 1;
                    Tok::Operand(Operand::Str(Cow::Owned(self.hex_string())))
                }
            }
            b'/' => {
                self.pos += 1;
                Tok::Operand(Operand::Name(self.regular()))
            }
            b'[' => {
                self.pos += 1;
                Tok::Operand(Operand::Array(self.array(depth)))
            }
            b')' | b'>' | b']' | b'{' | b'}' => {
                self.pos += 1;
                Tok::Operand(Operand::Other)
            }
            _ => {
                if matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.') {
                    if let Some(n) = self.number() {
                        return Tok::Operand(Operand::Number(n));
                    }
                }
                let word = self.regular();
                if word.is_empty() {
                    self.pos += 1;
                    return Tok::Operand(Operand::Other);
                }
                // Operators are at most 3 bytes long, so the keyword compare is rarely reached.
                if word.len() >= 4 && is_keyword(word) {
                    Tok::Operand(Operand::Other)
                } else {
                    Tok::Operator(word)
                }
            }
        }
    }

    /// Array items up to the closing ']'; `self.pos` is just after '['. Items are gathered in
    /// a scratch buffer shared by all arrays of the stream, so each array costs one
    /// exact-size allocation instead of a series of regrowths.
    #[inline(never)]
    fn array(&mut self, depth: usize) -> Vec<Operand<'a>> {
        let base = self.scratch.len();
        loop {
            self.skip_white();
            if self.pos >= self.data.len() {
                break;
            }
            if self.data[self.pos] == b']' {
                self.pos += 1;
                break;
            }
            if depth > 16 {
                self.pos += 1;
                continue;
            }
            match self.token(depth + 1) {
                Tok::Operand(o) => self.scratch.push(o),
                Tok::Operator(_) => {}
                Tok::End => break,
            }
        }
        self.scratch.drain(base..).collect()
    }

    /// A number starting at `self.pos`, scanned in one pass over the word. On success `self.pos`
    /// is at the end of the word; `None` (the word is an operator) leaves `self.pos` unchanged.
    #[inline(always)]
    fn number(&mut self) -> Option<f32> {
        let d = self.data;
        let start = self.pos;
        let mut i = start;
        let mut neg = false;
        // Some producers write "--5" or "-+5": take the last sign.
        while i < d.len() && (d[i] == b'-' || d[i] == b'+') {
            neg = d[i] == b'-';
            i += 1;
        }
        // Integer part, then the fraction: two tight loops rather than one with a dot flag.
        // Wrapping: words of more than 15 digits are re-parsed by `parse_number`.
        let mut mant: u64 = 0;
        let int_start = i;
        while i < d.len() && d[i].is_ascii_digit() {
            mant = mant.wrapping_mul(10).wrapping_add((d[i] - b'0') as u64);
            i += 1;
        }
        let mut digits = i - int_start;
        let mut frac_digits = 0;
        if i < d.len() && d[i] == b'.' {
            i += 1;
            let frac_start = i;
            while i < d.len() && d[i].is_ascii_digit() {
                mant = mant.wrapping_mul(10).wrapping_add((d[i] - b'0') as u64);
                i += 1;
            }
            frac_digits = i - frac_start;
            digits += frac_digits;
        }
        let num_end = i;
        // Trailing garbage ("12abc") belongs to the word and is ignored, as in `parse_number`.
        while i < d.len() && is_regular(d[i]) {
            i += 1;
        }
        if digits == 0 {
            if num_end != i {
                return None;
            }
            self.pos = i;
            return Some(0.0);
        }
        self.pos = i;
        let v = match fast_value(mant, digits, frac_digits) {
            Some(v) => v,
            None => return parse_number(&d[start..i]),
        };
        Some(if neg { -v } else { v })
    }

    #[inline(never)]
    fn skip_dict(&mut self) {
        let d = self.data;
        let mut depth = 1;
        while self.pos < d.len() && depth > 0 {
            match d[self.pos] {
                b'<' if d.get(self.pos + 1) == Some(&b'<') => {
                    depth += 1;
                    self.pos += 2;
                }
                b'>' if d.get(self.pos + 1) == Some(&b'>') => {
                    depth -= 1;
                    self.pos += 2;
                }
                b'(' => {
                    self.pos += 1;
                    self.literal_string();
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Next operator with its operands collected into `operands` (cleared first).
    pub fn next_op(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        // Not `clear()`: that makes an out-of-line drop call per operand, and most operands
        // are numbers or borrowed slices, which own nothing.
        while let Some(o) = operands.pop() {
            match o {
                Operand::Str(Cow::Owned(_)) | Operand::Array(_) => drop(o),
                _ => std::mem::forget(o),
            }
        }
        loop {
            match self.token(0) {
                Tok::Operand(o) => {
                    if operands.len() < 64 {
                        operands.push(o)
                    }
                }
                Tok::Operator(op) => return Some(op),
                Tok::End => return None,
            }
        }
    }
}

/// Exact powers of ten (all below 2^53, so exactly representable in f64).
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// Fast value of the unsigned decimal `mant / 10^frac_digits`, guaranteed equal to what
/// `parse_number` returns, or `None` when that cannot be guaranteed cheaply.
///
/// With at most 15 digits, `mant` and the power of ten are exact in f64, so the division is
/// correctly rounded. `parse_number` sums the fraction digit by digit and is off from the true
/// value by at most some tens of f64 ulps (a relative 2^-47). Both round to the same f32 unless
/// an f32 rounding boundary lies that close, which the bracket at a relative 2^-40 detects
/// (f64 -> f32 rounding is monotonic); those rare cases take the slow path.
#[inline(always)]
fn fast_value(mant: u64, digits: usize, frac_digits: usize) -> Option<f32> {
    if digits > 15 {
        return None;
    }
    // Below 10^15, so the signed conversion (one instruction, unlike u64) is exact.
    let m = mant as i64 as f64;
    if frac_digits == 0 {
        // An integer: exact in f64, so both ways are one rounding to f32.
        return Some(m as f32);
    }
    let x = m / POW10[frac_digits];
    const EPS: f64 = 1.0 / (1u64 << 40) as f64;
    let lo = (x * (1.0 - EPS)) as f32;
    let hi = (x * (1.0 + EPS)) as f32;
    if lo == hi {
        Some(lo)
    } else {
        None
    }
}

/// Reference number parser: the fallback for words the fast path declines, and the
/// definition the fast path must match.
fn parse_number(w: &[u8]) -> Option<f32> {
    let first = w[0];
    if !(first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.') {
        return None;
    }
    let mut neg = false;
    let mut i = 0;
    // Some producers write "--5" or "-+5": take the last sign.
    while i < w.len() && (w[i] == b'-' || w[i] == b'+') {
        neg = w[i] == b'-';
        i += 1;
    }
    let mut int: f64 = 0.0;
    let mut frac: f64 = 0.0;
    let mut scale = 1.0;
    let mut seen_dot = false;
    let mut digits = 0;
    while i < w.len() {
        let c = w[i];
        if c.is_ascii_digit() {
            digits += 1;
            if seen_dot {
                scale *= 0.1;
                frac += (c - b'0') as f64 * scale;
            } else {
                int = int * 10.0 + (c - b'0') as f64;
            }
        } else if c == b'.' && !seen_dot {
            seen_dot = true;
        } else {
            break;
        }
        i += 1;
    }
    if digits == 0 {
        return if i == w.len() { Some(0.0) } else { None };
    }
    let v = (int + frac) as f32;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_and_operands() {
        let mut lx = Lexer::new(b"BT /F1 12 Tf 1 0 0 1 72.5 -3 Tm [(a\\)b) -250 <4e2d>] TJ ET");
        let mut ops = Vec::new();
        assert_eq!(lx.next_op(&mut ops), Some(&b"BT"[..]));
        assert_eq!(lx.next_op(&mut ops), Some(&b"Tf"[..]));
        assert_eq!(ops, vec![Operand::Name(b"F1"), Operand::Number(12.0)]);
        assert_eq!(lx.next_op(&mut ops), Some(&b"Tm"[..]));
        assert_eq!(ops[4], Operand::Number(72.5));
        assert_eq!(ops[5], Operand::Number(-3.0));
        assert_eq!(lx.next_op(&mut ops), Some(&b"TJ"[..]));
        assert_eq!(
            ops,
            vec![Operand::Array(vec![
                Operand::Str(Cow::Owned(b"a)b".to_vec())),
                Operand::Number(-250.0),
                Operand::Str(Cow::Owned(vec![0x4e, 0x2d]))
            ])]
        );
        assert_eq!(lx.next_op(&mut ops), Some(&b"ET"[..]));
        assert_eq!(lx.next_op(&mut ops), None);
    }

    /// What the lexer makes of one word, against `parse_number` (the original definition).
    fn check_word(w: &[u8]) {
        let mut lx = Lexer::new(w);
        let got = lx.token(0);
        match parse_number(w) {
            Some(n) => match got {
                Tok::Operand(Operand::Number(v)) => assert_eq!(
                    v.to_bits(),
                    n.to_bits(),
                    "{:?}: {v} != {n}",
                    String::from_utf8_lossy(w)
                ),
                _ => panic!("{:?}: expected a number", String::from_utf8_lossy(w)),
            },
            None => assert!(
                matches!(got, Tok::Operator(op) if op == w),
                "{:?}: expected an operator",
                String::from_utf8_lossy(w)
            ),
        }
        assert_eq!(lx.pos, w.len());
    }

    #[test]
    fn numbers_match_reference_parser() {
        for w in [
            "0",
            "12",
            "-3.5",
            ".25",
            "0.000",
            "123456.789",
            "1e5",
            "--5",
            "-+5",
            "+-5",
            "-",
            "+",
            ".",
            "-.",
            "..",
            "1..2",
            "1.2.3",
            "12abc",
            "-x",
            "-0",
            "-0.0",
            "007",
            "8388608.5",
            "16777217",
            "0.1",
            "0.3",
            "999999999999999",
            "9999999999999999",
            "12345678901234567890",
            "0.000000000000000001",
            "3.4028235e38",
            "1.5.",
            "+.5",
            "-.5e",
            "5-",
            "5+3",
        ] {
            check_word(w.as_bytes());
        }
        // Every 0..=99999 with the dot at every place, with and without a sign.
        for n in 0..100_000u32 {
            let digits = format!("{n}");
            for dot in 0..=digits.len() {
                let w = format!("{}.{}", &digits[..dot], &digits[dot..]);
                check_word(w.as_bytes());
                check_word(format!("-{w}").as_bytes());
            }
        }
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 33
        };
        // Random decimals of up to 18 digits, and random garbage words.
        for _ in 0..1_000_000 {
            let len = 1 + next() as usize % 18;
            let mut w: String = (0..len)
                .map(|_| (b'0' + (next() % 10) as u8) as char)
                .collect();
            let dot = next() as usize % (len + 1);
            w.insert(dot, '.');
            check_word(w.as_bytes());
            let len = 1 + next() as usize % 12;
            let g: Vec<u8> = (0..len)
                .map(|_| b"0123456789.-+eE"[next() as usize % 15])
                .collect();
            check_word(&g);
        }
        // Decimals that are exactly halfway between two f32s: the fast path must decline them.
        for _ in 0..200_000 {
            let f = f32::from_bits(next() as u32 % 0x4f00_0000);
            let mid = (f as f64 + f32::from_bits(f.to_bits() + 1) as f64) / 2.0;
            check_word(format!("{mid}").as_bytes());
            check_word(format!("{f}").as_bytes());
        }
    }

    #[test]
    fn hex_strings() {
        let mut lx = Lexer::new(b"<4e 2D a> <> <0g1 <41");
        let mut ops = Vec::new();
        assert_eq!(lx.next_op(&mut ops), None);
        assert_eq!(
            ops,
            vec![
                Operand::Str(Cow::Owned(vec![0x4e, 0x2d, 0xa0])),
                Operand::Str(Cow::Owned(vec![])),
                Operand::Str(Cow::Owned(vec![0x01, 0x41])),
            ]
        );
    }

    #[test]
    fn garbage_never_panics() {
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut buf = Vec::new();
            for _ in 0..64 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                buf.push(b"()<>[]/%\\0123456789.-+ TjBI ID EI<<>>"[(seed >> 33) as usize % 37]);
            }
            let mut lx = Lexer::new(&buf);
            let mut ops = Vec::new();
            let mut n = 0;
            while lx.next_op(&mut ops).is_some() && n < 1000 {
                n += 1;
            }
        }
    }
}
