//! Escaping for HTML text, attribute values and JSON inside `<script>`, and compact numbers
//! for SVG coordinates.

/// Appends `s` escaped for HTML text and double-quoted attribute values.
pub fn push(out: &mut String, s: &str) {
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

/// A JSON value made safe inside `<script type="application/json">`: no `</script>` or `<!--`
/// can end or change the element.
pub fn script_json(v: &serde_json::Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
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
fn uint(out: &mut String, mut n: u64) {
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
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn escapes() {
        assert_eq!(html("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&#39;");
        let v = serde_json::json!(["</script><!--"]);
        assert!(!script_json(&v).contains('<'));
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
