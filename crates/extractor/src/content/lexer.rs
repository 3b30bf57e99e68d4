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
}

#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    Operand(Operand<'a>),
    Operator(&'a [u8]),
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    fn skip_white(&mut self) {
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.data.len() && self.data[self.pos] != b'\n' && self.data[self.pos] != b'\r' {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.pos < self.data.len() && !is_white(self.data[self.pos]) && !is_delim(self.data[self.pos]) {
            self.pos += 1;
        }
        &self.data[start..self.pos]
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
        if let Some(len) = d[self.pos..].iter().position(|b| matches!(b, b')' | b'(' | b'\\')) {
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

    fn hex_string(&mut self) -> Vec<u8> {
        let d = self.data;
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while self.pos < d.len() {
            let b = d[self.pos];
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let v = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
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

    fn operand_or_operator(&mut self, depth: usize) -> Option<Token<'a>> {
        self.skip_white();
        if self.pos >= self.data.len() {
            return None;
        }
        let b = self.data[self.pos];
        match b {
            b'(' => {
                self.pos += 1;
                Some(Token::Operand(Operand::Str(self.literal_string())))
            }
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    self.skip_dict();
                    Some(Token::Operand(Operand::Other))
                } else {
                    self.pos += 1;
                    Some(Token::Operand(Operand::Str(Cow::Owned(self.hex_string()))))
                }
            }
            b'/' => {
                self.pos += 1;
                Some(Token::Operand(Operand::Name(self.regular())))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
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
                    match self.operand_or_operator(depth + 1) {
                        Some(Token::Operand(o)) => items.push(o),
                        Some(Token::Operator(_)) => {}
                        None => break,
                    }
                }
                Some(Token::Operand(Operand::Array(items)))
            }
            b')' | b'>' | b']' | b'{' | b'}' => {
                self.pos += 1;
                Some(Token::Operand(Operand::Other))
            }
            _ => {
                let word = self.regular();
                if word.is_empty() {
                    self.pos += 1;
                    return Some(Token::Operand(Operand::Other));
                }
                if let Some(n) = parse_number(word) {
                    Some(Token::Operand(Operand::Number(n)))
                } else if word == b"true" || word == b"false" || word == b"null" {
                    Some(Token::Operand(Operand::Other))
                } else {
                    Some(Token::Operator(word))
                }
            }
        }
    }

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
        operands.clear();
        loop {
            match self.operand_or_operator(0)? {
                Token::Operand(o) => {
                    if operands.len() < 64 {
                        operands.push(o)
                    }
                }
                Token::Operator(op) => return Some(op),
            }
        }
    }
}

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

    #[test]
    fn garbage_never_panics() {
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut buf = Vec::new();
            for _ in 0..64 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
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
