//! Escaping for HTML text, attribute values and JSON inside `<script>`, and compact numbers
//! for SVG coordinates.

use std::fmt::Write;

/// Appends `s` escaped for HTML text and double-quoted attribute values.
pub fn push(out: &mut String, s: &str) {
    if !s.bytes().any(|b| {
        matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'') || (b < 0x20 && b != b'\n' && b != b'\t')
    }) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in HTML; a stray one from a PDF becomes U+FFFD.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// `s` escaped for HTML text and attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push(&mut out, s);
    out
}

/// A file name as a relative URL: every byte but letters, digits and `-._~` percent-encoded,
/// so that `#`, `?`, `%` or spaces in a document's name do not change the link.
pub fn href(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Appends `s` as a JSON string that is also safe inside `<script type="application/json">`:
/// `<`, `>` and `&` are escaped, so no `</script>` or `<!--` can end or change the element.
pub fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\n' => out.push_str("\\n"),
            // Other controls, and the two separators JavaScript once did not allow in strings.
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A coordinate rounded to a tenth of a point, written without trailing zeros (`12`, `12.5`).
pub fn num(out: &mut String, v: f32) {
    let r = (v * 10.0).round() as i64;
    let a = r.unsigned_abs();
    if r < 0 {
        out.push('-');
    }
    uint(out, a / 10);
    if !a.is_multiple_of(10) {
        out.push('.');
        out.push(char::from(b'0' + (a % 10) as u8));
    }
}

/// A coordinate rounded to a whole point.
pub fn int(out: &mut String, v: f32) {
    let r = v.round() as i64;
    if r < 0 {
        out.push('-');
    }
    uint(out, r.unsigned_abs());
}

/// Decimal digits of `n` (drawing writes millions of numbers; no formatter machinery).
pub fn uint(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn escapes() {
        assert_eq!(html("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&#39;");
        let mut j = String::new();
        json_str(&mut j, "</script><!--\"\\\n\u{1}");
        assert_eq!(j, r#""\u003c/script\u003e\u003c!--\"\\\n\u0001""#);
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v, "</script><!--\"\\\n\u{1}");
        assert_eq!(href("a b#1.html"), "a%20b%231.html");
        assert_eq!(href("乌.html"), "%E4%B9%8C.html");
        let mut s = String::new();
        num(&mut s, 12.04);
        s.push(' ');
        num(&mut s, 12.46);
        s.push(' ');
        num(&mut s, -0.0);
        s.push(' ');
        num(&mut s, -3.25);
        s.push(' ');
        int(&mut s, 1234.6);
        assert_eq!(s, "12 12.5 0 -3.3 1235");
    }
}
