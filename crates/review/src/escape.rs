//! Escaping for HTML text, attribute values and JSON inside `<script>`, and compact numbers
//! for SVG coordinates.

use std::fmt::Write;

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
    if r % 10 == 0 {
        let _ = write!(out, "{}", r / 10);
    } else {
        let _ = write!(out, "{}", r as f64 / 10.0);
    }
}

/// A coordinate rounded to a whole point.
pub fn int(out: &mut String, v: f32) {
    let _ = write!(out, "{}", v.round() as i64);
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
        assert_eq!(s, "12 12.5 0");
    }
}
