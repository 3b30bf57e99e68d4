//! Strings in content streams: literal strings (escapes, nested parentheses, borrowed when
//! plain) and hexadecimal strings.

use super::{Lexer, HEX};
use std::borrow::Cow;

impl<'a> Lexer<'a> {
    /// A literal string; `self.pos` is just after '('. Escapes are decoded; a string without
    /// escapes or nested parentheses is borrowed.
    #[inline]
    pub(super) fn literal_string(&mut self) -> Cow<'a, [u8]> {
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
    #[inline]
    pub(super) fn hex_string(&mut self) -> Vec<u8> {
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
}

#[cfg(test)]
mod tests {
    use super::super::Operand;
    use super::*;

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
}
