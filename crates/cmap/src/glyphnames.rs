//! Glyph name -> Unicode for simple fonts without ToUnicode.
//!
//! A hand table of the Adobe Glyph List names used by the Standard, WinAnsi,
//! MacRoman and PDFDoc encodings (plus a few common extras), and the AGL
//! `uniXXXX` / `uXXXX[XX]` conventions. Not the full AGL.

/// Sorted by name (byte order) for binary search; checked by a test.
#[rustfmt::skip]
const NAMES: &[(&str, char)] = &[
    ("A", 'A'), ("AE", 'Æ'), ("Aacute", 'Á'), ("Abreve", 'Ă'), ("Acircumflex", 'Â'),
    ("Adieresis", 'Ä'), ("Agrave", 'À'), ("Amacron", 'Ā'), ("Aogonek", 'Ą'), ("Aring", 'Å'),
    ("Atilde", 'Ã'), ("B", 'B'), ("C", 'C'), ("Cacute", 'Ć'), ("Ccaron", 'Č'), ("Ccedilla", 'Ç'),
    ("D", 'D'), ("Dcaron", 'Ď'), ("Dcroat", 'Đ'), ("Delta", '∆'), ("E", 'E'), ("Eacute", 'É'),
    ("Ecaron", 'Ě'), ("Ecircumflex", 'Ê'), ("Edieresis", 'Ë'), ("Egrave", 'È'), ("Emacron", 'Ē'),
    ("Eogonek", 'Ę'), ("Eth", 'Ð'), ("Euro", '€'), ("F", 'F'), ("G", 'G'), ("H", 'H'), ("I", 'I'),
    ("Iacute", 'Í'), ("Icircumflex", 'Î'), ("Idieresis", 'Ï'), ("Idotaccent", 'İ'), ("Igrave", 'Ì'),
    ("J", 'J'), ("K", 'K'), ("L", 'L'), ("Lslash", 'Ł'), ("M", 'M'), ("N", 'N'), ("Nacute", 'Ń'),
    ("Ncaron", 'Ň'), ("Ntilde", 'Ñ'), ("O", 'O'), ("OE", 'Œ'), ("Oacute", 'Ó'), ("Ocircumflex", 'Ô'),
    ("Odieresis", 'Ö'), ("Ograve", 'Ò'), ("Ohungarumlaut", 'Ő'), ("Omega", 'Ω'), ("Oslash", 'Ø'),
    ("Otilde", 'Õ'), ("P", 'P'), ("Q", 'Q'), ("R", 'R'), ("Racute", 'Ŕ'), ("Rcaron", 'Ř'), ("S", 'S'),
    ("Sacute", 'Ś'), ("Scaron", 'Š'), ("Scedilla", 'Ş'), ("T", 'T'), ("Tcaron", 'Ť'), ("Thorn", 'Þ'),
    ("U", 'U'), ("Uacute", 'Ú'), ("Ucircumflex", 'Û'), ("Udieresis", 'Ü'), ("Ugrave", 'Ù'),
    ("Uhungarumlaut", 'Ű'), ("Uring", 'Ů'), ("V", 'V'), ("W", 'W'), ("X", 'X'), ("Y", 'Y'),
    ("Yacute", 'Ý'), ("Ydieresis", 'Ÿ'), ("Z", 'Z'), ("Zacute", 'Ź'), ("Zcaron", 'Ž'),
    ("Zdotaccent", 'Ż'), ("a", 'a'), ("aacute", 'á'), ("abreve", 'ă'), ("acircumflex", 'â'),
    ("acute", '´'), ("adieresis", 'ä'), ("ae", 'æ'), ("agrave", 'à'), ("amacron", 'ā'),
    ("ampersand", '&'), ("aogonek", 'ą'), ("approxequal", '≈'), ("aring", 'å'),
    ("asciicircum", '^'), ("asciitilde", '~'), ("asterisk", '*'), ("at", '@'), ("atilde", 'ã'),
    ("b", 'b'), ("backslash", '\\'), ("bar", '|'), ("braceleft", '{'), ("braceright", '}'),
    ("bracketleft", '['), ("bracketright", ']'), ("breve", '˘'), ("brokenbar", '¦'),
    ("bullet", '•'), ("c", 'c'), ("cacute", 'ć'), ("caron", 'ˇ'), ("ccaron", 'č'),
    ("ccedilla", 'ç'), ("cedilla", '¸'), ("cent", '¢'), ("circumflex", 'ˆ'), ("colon", ':'),
    ("comma", ','), ("copyright", '©'), ("currency", '¤'), ("d", 'd'), ("dagger", '†'),
    ("daggerdbl", '‡'), ("dcaron", 'ď'), ("dcroat", 'đ'), ("degree", '°'), ("dieresis", '¨'),
    ("divide", '÷'), ("dollar", '$'), ("dotaccent", '˙'), ("dotlessi", 'ı'), ("e", 'e'),
    ("eacute", 'é'), ("ecaron", 'ě'), ("ecircumflex", 'ê'), ("edieresis", 'ë'), ("egrave", 'è'),
    ("eight", '8'), ("ellipsis", '…'), ("emacron", 'ē'), ("emdash", '—'), ("endash", '–'),
    ("eogonek", 'ę'), ("equal", '='), ("eth", 'ð'), ("exclam", '!'), ("exclamdown", '¡'),
    ("f", 'f'), ("ff", 'ﬀ'), ("ffi", 'ﬃ'), ("ffl", 'ﬄ'), ("fi", 'ﬁ'), ("figuredash", '‒'),
    ("five", '5'), ("fl", 'ﬂ'), ("florin", 'ƒ'), ("four", '4'), ("fraction", '⁄'), ("g", 'g'),
    ("germandbls", 'ß'), ("grave", '`'), ("greater", '>'), ("greaterequal", '≥'),
    ("guillemotleft", '«'), ("guillemotright", '»'), ("guilsinglleft", '‹'),
    ("guilsinglright", '›'), ("h", 'h'), ("hungarumlaut", '˝'), ("hyphen", '-'), ("i", 'i'),
    ("iacute", 'í'), ("icircumflex", 'î'), ("idieresis", 'ï'), ("igrave", 'ì'), ("infinity", '∞'),
    ("integral", '∫'), ("j", 'j'), ("k", 'k'), ("l", 'l'), ("less", '<'), ("lessequal", '≤'),
    ("logicalnot", '¬'), ("lozenge", '◊'), ("lslash", 'ł'), ("m", 'm'), ("macron", '¯'),
    ("middot", '·'), ("minus", '−'), ("mu", 'µ'), ("multiply", '×'), ("n", 'n'), ("nacute", 'ń'),
    ("nbspace", '\u{a0}'), ("ncaron", 'ň'), ("nine", '9'), ("nonbreakingspace", '\u{a0}'),
    ("notequal", '≠'), ("ntilde", 'ñ'), ("numbersign", '#'), ("o", 'o'), ("oacute", 'ó'),
    ("ocircumflex", 'ô'), ("odieresis", 'ö'), ("oe", 'œ'), ("ogonek", '˛'), ("ograve", 'ò'),
    ("ohungarumlaut", 'ő'), ("one", '1'), ("onehalf", '½'), ("onequarter", '¼'),
    ("onesuperior", '¹'), ("ordfeminine", 'ª'), ("ordmasculine", 'º'), ("oslash", 'ø'),
    ("otilde", 'õ'), ("overscore", '¯'), ("p", 'p'), ("paragraph", '¶'), ("parenleft", '('),
    ("parenright", ')'), ("partialdiff", '∂'), ("percent", '%'), ("period", '.'),
    ("periodcentered", '·'), ("perthousand", '‰'), ("pi", 'π'), ("plus", '+'),
    ("plusminus", '±'), ("product", '∏'), ("q", 'q'), ("question", '?'), ("questiondown", '¿'),
    ("quotedbl", '"'), ("quotedblbase", '„'), ("quotedblleft", '“'), ("quotedblright", '”'),
    ("quoteleft", '‘'), ("quoteright", '’'), ("quotesinglbase", '‚'), ("quotesingle", '\''),
    ("r", 'r'), ("racute", 'ŕ'), ("radical", '√'), ("rcaron", 'ř'), ("registered", '®'),
    ("ring", '˚'), ("s", 's'), ("sacute", 'ś'), ("scaron", 'š'), ("scedilla", 'ş'),
    ("section", '§'), ("semicolon", ';'), ("seven", '7'), ("sfthyphen", '\u{ad}'), ("six", '6'),
    ("slash", '/'), ("space", ' '), ("sterling", '£'), ("summation", '∑'), ("t", 't'),
    ("tcaron", 'ť'), ("thorn", 'þ'), ("three", '3'), ("threequarters", '¾'),
    ("threesuperior", '³'), ("tilde", '˜'), ("trademark", '™'), ("two", '2'),
    ("twosuperior", '²'), ("u", 'u'), ("uacute", 'ú'), ("ucircumflex", 'û'), ("udieresis", 'ü'),
    ("ugrave", 'ù'), ("uhungarumlaut", 'ű'), ("underscore", '_'), ("uring", 'ů'), ("v", 'v'),
    ("w", 'w'), ("x", 'x'), ("y", 'y'), ("yacute", 'ý'), ("ydieresis", 'ÿ'), ("yen", '¥'),
    ("z", 'z'), ("zacute", 'ź'), ("zcaron", 'ž'), ("zdotaccent", 'ż'), ("zero", '0'),
];

fn hex_scalar(h: &str) -> Option<char> {
    if h.is_empty() || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(h, 16).ok()?)
}

/// Unicode for a glyph name (AGL conventions): the common Standard/WinAnsi names
/// ("zero", "comma", "parenleft", ...), "uniXXXX" (first of a "uniXXXXYYYY"
/// sequence), "uXXXX".."uXXXXXX", and a ".suffix" is ignored ("a.sc" -> 'a').
/// Ligature names joined with '_' and font-specific names ("g123", "cid42",
/// "glyph7", ...) give None.
pub fn glyph_name_to_unicode(name: &str) -> Option<char> {
    let name = name.strip_prefix('/').unwrap_or(name);
    let base = name.split('.').next().unwrap_or("");
    if base.is_empty() || base.contains('_') {
        return None;
    }
    if let Ok(i) = NAMES.binary_search_by(|(n, _)| (*n).cmp(base)) {
        return Some(NAMES[i].1);
    }
    if let Some(h) = base.strip_prefix("uni") {
        if h.len() >= 4 && h.len() % 4 == 0 && h.bytes().all(|b| b.is_ascii_hexdigit()) {
            // AGL: uppercase hex only; accept lowercase too (common in PDF producers).
            return hex_scalar(&h[..4]);
        }
    }
    if let Some(h) = base.strip_prefix('u') {
        if (4..=6).contains(&h.len()) {
            return hex_scalar(h);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(
            NAMES.windows(2).all(|w| w[0].0 < w[1].0),
            "NAMES not sorted"
        );
        assert!(NAMES.len() > 250);
    }

    #[test]
    fn common_names() {
        let cases = [
            ("zero", '0'),
            ("one", '1'),
            ("nine", '9'),
            ("period", '.'),
            ("comma", ','),
            ("space", ' '),
            ("hyphen", '-'),
            ("parenleft", '('),
            ("parenright", ')'),
            ("percent", '%'),
            ("A", 'A'),
            ("z", 'z'),
            ("quoteright", '’'),
            ("Euro", '€'),
            ("fi", 'ﬁ'),
            ("/slash", '/'),
            ("a.sc", 'a'),
            ("one.oldstyle", '1'),
        ];
        for (n, c) in cases {
            assert_eq!(glyph_name_to_unicode(n), Some(c), "{n}");
        }
    }

    #[test]
    fn uni_and_u_forms() {
        assert_eq!(glyph_name_to_unicode("uni4E2D"), Some('中'));
        assert_eq!(glyph_name_to_unicode("uni4e2d"), Some('中'));
        assert_eq!(glyph_name_to_unicode("uni00410042"), Some('A'));
        assert_eq!(glyph_name_to_unicode("u4E2D"), Some('中'));
        assert_eq!(glyph_name_to_unicode("u20087"), Some('\u{20087}'));
        assert_eq!(glyph_name_to_unicode("uniD800"), None); // surrogate
        assert_eq!(glyph_name_to_unicode("uni12"), None);
        assert_eq!(glyph_name_to_unicode("u110000"), None);
    }

    #[test]
    fn unknown_names() {
        for n in [
            "g123", "gid42", "cid1234", "glyph7", "", ".notdef", "f_i", "uniXYZW", "uni",
        ] {
            assert_eq!(glyph_name_to_unicode(n), None, "{n}");
        }
    }
}
