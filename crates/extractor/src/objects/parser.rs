//! PDF object syntax (ISO 32000 7.3), read the way lopdf's parser reads it, into lopdf's
//! `Object`; `None` for anything else, so that the file is read again by lopdf.

use crate::limits::{MAX_OBJECT_DEPTH, MAX_STRING_BRACKETS};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0c')
}

fn is_regular(b: u8) -> bool {
    !is_white(b)
        && !matches!(
            b,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
        )
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|v| v as u8)
}

/// PDF object syntax, read the way lopdf's parser reads it; `None` for anything else.
pub(super) struct Parser<'d> {
    d: &'d [u8],
    pub(super) pos: usize,
}

impl<'d> Parser<'d> {
    pub(super) fn at(d: &'d [u8], pos: usize) -> Self {
        Parser { d, pos }
    }

    pub(super) fn rest(&self) -> &'d [u8] {
        self.d.get(self.pos..).unwrap_or(&[])
    }

    fn peek(&self) -> Option<u8> {
        self.d.get(self.pos).copied()
    }

    /// White space and comments.
    pub(super) fn space(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    pub(super) fn eol(&mut self) {
        if self.rest().starts_with(b"\r\n") {
            self.pos += 2;
        } else if matches!(self.peek(), Some(b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn digits(&mut self) -> &'d [u8] {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.d.get(start..self.pos).unwrap_or(&[])
    }

    /// An unsigned integer after optional space.
    pub(super) fn unsigned(&mut self) -> Option<u64> {
        self.space();
        let digits = self.digits();
        if digits.is_empty() {
            return None;
        }
        digits.iter().try_fold(0u64, |v, d| {
            v.checked_mul(10)?.checked_add((d - b'0') as u64)
        })
    }

    /// `num gen obj`
    pub(super) fn object_header(&mut self) -> Option<ObjectId> {
        let num = u32::try_from(self.unsigned()?).ok()?;
        let gen = u16::try_from(self.unsigned()?).ok()?;
        self.space();
        if !self.rest().starts_with(b"obj") {
            return None;
        }
        self.pos += 3;
        Some((num, gen))
    }

    /// `stream` and its end of line, after a stream's dictionary (lopdf: space, `stream`,
    /// spaces or tabs, one end of line).
    pub(super) fn stream_keyword(&mut self) -> bool {
        let save = self.pos;
        self.space();
        if self.rest().starts_with(b"stream") {
            self.pos += 6;
            while matches!(self.peek(), Some(b' ' | b'\t')) {
                self.pos += 1;
            }
            if matches!(self.peek(), Some(b'\n' | b'\r')) {
                self.eol();
                return true;
            }
        }
        self.pos = save;
        false
    }

    pub(super) fn object(&mut self, depth: usize) -> Option<Object> {
        if depth > MAX_OBJECT_DEPTH {
            return None;
        }
        self.space();
        match self.peek()? {
            b'n' => self.keyword(b"null", Object::Null),
            b't' => self.keyword(b"true", Object::Boolean(true)),
            b'f' => self.keyword(b"false", Object::Boolean(false)),
            b'0'..=b'9' => {
                let save = self.pos;
                if let Some(r) = self.reference() {
                    return Some(r);
                }
                self.pos = save;
                self.number()
            }
            b'+' | b'-' | b'.' => self.number(),
            b'/' => {
                self.pos += 1;
                Some(Object::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Some(Object::String(
                    self.literal(MAX_STRING_BRACKETS)?,
                    StringFormat::Literal,
                ))
            }
            b'<' if self.rest().starts_with(b"<<") => {
                self.pos += 2;
                let mut dict = Dictionary::new();
                loop {
                    self.space();
                    if self.rest().starts_with(b">>") {
                        self.pos += 2;
                        return Some(Object::Dictionary(dict));
                    }
                    if self.peek()? != b'/' {
                        return None;
                    }
                    self.pos += 1;
                    let key = self.name();
                    let value = self.object(depth + 1)?;
                    dict.set(key, value);
                }
            }
            b'<' => {
                self.pos += 1;
                self.hex_string()
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.space();
                    if self.peek()? == b']' {
                        self.pos += 1;
                        return Some(Object::Array(items));
                    }
                    items.push(self.object(depth + 1)?);
                }
            }
            _ => None,
        }
    }

    fn keyword(&mut self, word: &[u8], value: Object) -> Option<Object> {
        if self.rest().starts_with(word) {
            self.pos += word.len();
            Some(value)
        } else {
            None
        }
    }

    /// `num gen R`
    fn reference(&mut self) -> Option<Object> {
        let num = u32::try_from(self.unsigned_here()?).ok()?;
        self.space();
        let gen = u16::try_from(self.unsigned_here()?).ok()?;
        self.space();
        if self.peek()? != b'R' {
            return None;
        }
        self.pos += 1;
        Some(Object::Reference((num, gen)))
    }

    fn unsigned_here(&mut self) -> Option<u64> {
        let digits = self.digits();
        if digits.is_empty() {
            return None;
        }
        digits.iter().try_fold(0u64, |v, d| {
            v.checked_mul(10)?.checked_add((d - b'0') as u64)
        })
    }

    /// An integer or a real, as lopdf reads them (a minus sign inside the fraction, as in
    /// `0.00-4142502`, is ignored).
    fn number(&mut self) -> Option<Object> {
        let start = self.pos;
        let negative = match self.peek() {
            Some(b'-') => {
                self.pos += 1;
                true
            }
            Some(b'+') => {
                self.pos += 1;
                false
            }
            _ => false,
        };
        let int_digits = self.digits().len();
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let frac_start = self.pos;
            while self.peek().is_some_and(|b| b == b'-' || b.is_ascii_digit()) {
                self.pos += 1;
            }
            let frac = &self.d[frac_start..self.pos];
            if int_digits == 0 && !frac.first().is_some_and(|b| b.is_ascii_digit()) {
                return None;
            }
            let text: Vec<u8> = if frac.contains(&b'-') {
                let (sign, rest) = self.d[start..self.pos].split_at(1);
                sign.iter()
                    .chain(rest.iter().filter(|c| **c != b'-'))
                    .copied()
                    .collect()
            } else {
                self.d[start..self.pos].to_vec()
            };
            return std::str::from_utf8(&text)
                .ok()?
                .parse::<f32>()
                .ok()
                .map(Object::Real);
        }
        if int_digits == 0 {
            return None;
        }
        let magnitude = self.d[self.pos - int_digits..self.pos]
            .iter()
            .try_fold(0u64, |v, d| {
                v.checked_mul(10)?.checked_add((d - b'0') as u64)
            })?;
        let value = if negative {
            0i64.checked_sub_unsigned(magnitude)?
        } else {
            i64::try_from(magnitude).ok()?
        };
        Some(Object::Integer(value))
    }

    /// A name after its `/`, with `#xx` escapes decoded.
    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if b == b'#' {
                match (
                    self.d.get(self.pos + 1).and_then(|c| hex(*c)),
                    self.d.get(self.pos + 2).and_then(|c| hex(*c)),
                ) {
                    (Some(h), Some(l)) => {
                        out.push(h << 4 | l);
                        self.pos += 3;
                    }
                    _ => break,
                }
            } else if is_regular(b) {
                out.push(b);
                self.pos += 1;
            } else {
                break;
            }
        }
        out
    }

    /// A literal string after its `(`: escapes decoded, an end of line inside it read as `\n`.
    fn literal(&mut self, depth: usize) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let b = self.peek()?;
            self.pos += 1;
            match b {
                b')' => return Some(out),
                b'(' => {
                    if depth == 0 {
                        return None;
                    }
                    out.push(b'(');
                    out.extend(self.literal(depth - 1)?);
                    out.push(b')');
                }
                b'\r' | b'\n' => {
                    if b == b'\r' && self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                b'\\' => {
                    let e = self.peek()?;
                    match e {
                        b'0'..=b'7' => {
                            let mut v = 0u16;
                            let mut n = 0;
                            while n < 3 && self.peek().is_some_and(|c| (b'0'..=b'7').contains(&c)) {
                                v = v * 8 + (self.d[self.pos] - b'0') as u16;
                                self.pos += 1;
                                n += 1;
                            }
                            out.push(v as u8);
                        }
                        b'\r' | b'\n' => self.eol(),
                        _ => {
                            self.pos += 1;
                            out.push(match e {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => 8,
                                b'f' => 12,
                                other => other,
                            });
                        }
                    }
                }
                other => out.push(other),
            }
        }
    }

    /// A hexadecimal string after its `<`; an odd last digit stands for its high nibble.
    fn hex_string(&mut self) -> Option<Object> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        loop {
            let b = self.peek()?;
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if is_white(b) {
                continue;
            }
            let v = hex(b)?;
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        Some(Object::String(out, StringFormat::Hexadecimal))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[u8]) -> Option<Object> {
        Parser::at(s, 0).object(0)
    }

    #[test]
    fn objects_read_as_lopdf_reads_them() {
        assert_eq!(parse(b"12 0 R"), Some(Object::Reference((12, 0))));
        assert_eq!(parse(b"12 0"), Some(Object::Integer(12)));
        assert_eq!(parse(b"-3.5"), Some(Object::Real(-3.5)));
        assert_eq!(parse(b".25"), Some(Object::Real(0.25)));
        assert_eq!(parse(b"0.00-4142502"), Some(Object::Real(0.004142502)));
        assert_eq!(parse(b"/A#20B"), Some(Object::Name(b"A B".to_vec())));
        assert_eq!(
            parse(b"(a\\(b\\)\\101\\\ncd(e)\r\n)"),
            Some(Object::String(
                b"a(b)Acd(e)\n".to_vec(),
                StringFormat::Literal
            ))
        );
        assert_eq!(
            parse(b"<4e2d 4>"),
            Some(Object::String(
                vec![0x4e, 0x2d, 0x40],
                StringFormat::Hexadecimal
            ))
        );
        let Some(Object::Dictionary(d)) =
            parse(b"<</Type/Page/Kids[1 0 R 2 0 R]/MediaBox[0 0 595.3 841.9]>>")
        else {
            panic!()
        };
        assert_eq!(d.get(b"Type").unwrap().as_name().unwrap(), b"Page");
        assert_eq!(d.get(b"Kids").unwrap().as_array().unwrap().len(), 2);
        assert_eq!(parse(b"1e5 "), Some(Object::Integer(1)));
        assert_eq!(parse(b"<</A 1"), None);
        assert_eq!(parse(b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["), None);
    }
}
