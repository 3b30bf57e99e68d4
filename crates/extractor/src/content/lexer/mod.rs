//! Tokenizer for page content streams: operands and operators, without allocation per number.
//! Malformed input never panics: unknown bytes are skipped, unterminated strings end at the
//! end of the stream.
//!
//! - here: operands, tokens, byte classes, and the loop that gathers an operator's operands;
//! - `number`: numbers, a fast exact path and the reference parser it must match;
//! - `strings`: literal and hexadecimal strings.

mod number;
mod strings;

use crate::limits::{MAX_OPERANDS, MAX_OPERAND_ARRAY_DEPTH};
use std::borrow::Cow;

/// An operand, borrowing from the content stream where it can (names, strings without
/// escapes): a page shows thousands of strings, and copying each one was a large share of the
/// reading time.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    /// An integer or real, as `f32` (what the imaging model needs).
    Number(f32),
    /// A name, without its `/` (escapes are not decoded: resource names are plain).
    Name(&'a [u8]),
    /// A literal or hexadecimal string, decoded to its bytes.
    Str(Cow<'a, [u8]>),
    /// An array (the operand of `TJ`), nested at most [`MAX_OPERAND_ARRAY_DEPTH`] deep.
    Array(Vec<Operand<'a>>),
    /// Dictionaries (marked-content properties) and booleans/null: kept only as placeholders.
    Other,
}

impl Operand<'_> {
    /// The number, if this operand is one.
    pub fn num(&self) -> Option<f32> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// Reads a content stream operator by operator ([`Lexer::next_op`]).
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// Items of the arrays being read (nested arrays stack on top of each other).
    scratch: Vec<Operand<'a>>,
}

/// One token of a content stream: an operand, or the operator that consumes the operands
/// before it.
#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    /// An operand.
    Operand(Operand<'a>),
    /// An operator (`Tj`, `re`, `cm`, …), as its bytes.
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
    /// A lexer at the start of a decoded content stream.
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
            if depth > MAX_OPERAND_ARRAY_DEPTH {
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
                    if operands.len() < MAX_OPERANDS {
                        operands.push(o)
                    }
                }
                Tok::Operator(op) => return Some(op),
                Tok::End => return None,
            }
        }
    }
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
