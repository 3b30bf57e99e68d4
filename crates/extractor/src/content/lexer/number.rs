//! Numbers in content streams: the bulk of every stream, scanned in one pass without
//! allocation; `parse_number` is the reference definition the fast path must match.

use super::{is_regular, Lexer};

impl<'a> Lexer<'a> {
    /// A number starting at `self.pos`, scanned in one pass over the word. On success `self.pos`
    /// is at the end of the word; `None` (the word is an operator) leaves `self.pos` unchanged.
    #[inline(always)]
    pub(super) fn number(&mut self) -> Option<f32> {
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
#[inline]
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
    use super::super::{Operand, Tok};
    use super::*;

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
}
