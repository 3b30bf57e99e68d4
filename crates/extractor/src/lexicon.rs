//! The cell lexicon: one answer for what a piece of printed text is — blank space, an amount,
//! a dash standing for an empty amount, a total's label, a classification code, a caption key
//! (table number, unit, 编制单位, 续表). Layout decides with these functions only; the
//! normalizer is meant to use the same ones (see the crate README).
//!
//! Every function takes the text as printed (any spacing) and is pure.

use regex::Regex;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------------
// Whitespace

/// The text without any whitespace (ASCII spaces, U+3000, line breaks): how labels, captions
/// and header words are compared. Chinese is set without spaces; spaces inside a label are
/// letter-spacing, never meaning.
pub fn fold_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

// ---------------------------------------------------------------------------------------------
// Amounts

/// Signs accepted before an amount: ASCII hyphen-minus, U+2212 minus and the plus sign.
/// Full-width `－` is not among them: in these documents it is a dash (an empty cell), and a
/// number after it stays text.
const SIGNS: [char; 3] = ['-', '−', '+'];

/// Thousands separators, ASCII and full-width; dropped wherever they stand.
const SEPARATORS: [char; 2] = [',', '，'];

/// A printed amount, parsed: sign and the digits with at most one decimal point, separators
/// removed (`-1,234.50` → negative, `1234.50`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// A minus sign was printed (`-` or `−`; `+` is positive).
    pub negative: bool,
    /// Digits and at most one `.`, starting and ending with a digit.
    pub digits: String,
}

impl Amount {
    /// The amount as plain decimal text (`-1234.50`), ready for a decimal parser.
    pub fn plain(&self) -> String {
        if self.negative {
            format!("-{}", self.digits)
        } else {
            self.digits.clone()
        }
    }
}

/// Reads a cell as an amount. The one answer, for every string:
///
/// - surrounding whitespace is ignored; whitespace inside is not allowed (`1 234` is two
///   numbers side by side, as a table without rules prints them);
/// - any run of leading signs `-`, `−`, `+` (`+12.50` is 12.50, `-12.50` is negative);
///   full-width `－12.50` is not an amount (see [`SIGNS`]);
/// - thousands separators `,` `，` anywhere are dropped (`1,234.5`);
/// - then digits with at most one `.`, which may neither start nor end it: `12.` and `.5`
///   are not amounts (a cut or mistyped number is left as text for a person to see);
/// - brackets are not a sign: `(12.00)` is not an amount.
///
/// Blank cells and dash cells ([`is_dash`]) are not amounts.
pub fn parse_amount(s: &str) -> Option<Amount> {
    let t = s.trim();
    let negative = t.starts_with(['-', '−']);
    let t = t.trim_start_matches(SIGNS).replace(SEPARATORS, "");
    let ok = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.chars().filter(|c| *c == '.').count() <= 1
        && t.chars().any(|c| c.is_ascii_digit())
        && !t.starts_with('.')
        && !t.ends_with('.');
    ok.then_some(Amount {
        negative,
        digits: t,
    })
}

/// Whether the cell is an amount ([`parse_amount`] reads it).
pub fn is_amount(s: &str) -> bool {
    parse_amount(s).is_some()
}

/// Whether the text holds a decimal number (digit, point, digit) anywhere: `12.50`, or
/// `投资12.50万元` inside a sentence.
pub fn has_decimal(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit())
}

/// Plain digits and nothing else (`201`, `03`, `2010301`): a code or a column number, never
/// an amount with a decimal point or separators.
pub fn is_plain_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

// ---------------------------------------------------------------------------------------------
// Dashes

/// Characters that print an empty amount cell: hyphen, em and en dash, full-width hyphen,
/// slash, asterisk.
pub const DASH_CHARS: [char; 6] = ['-', '—', '－', '–', '/', '*'];

/// A dash cell: one or two [`DASH_CHARS`] and nothing else (`-`, `—`, `--`, `/`): the amount is
/// empty (zero or not applicable), not missing.
pub fn is_dash(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().count() <= 2 && t.chars().all(|c| DASH_CHARS.contains(&c))
}

// ---------------------------------------------------------------------------------------------
// Totals

/// The words that make a row a total: 合计, 总计, 小计.
pub const TOTAL_WORDS: [&str; 3] = ["合计", "总计", "小计"];

/// A label that is a total and nothing else: 合计, 总计, 小计, 收入总计, 支出总计.
pub fn is_total_label(s: &str) -> bool {
    let t = fold_spaces(s);
    let t = t
        .strip_prefix("收入")
        .filter(|r| *r == "总计")
        .or_else(|| t.strip_prefix("支出").filter(|r| *r == "总计"))
        .unwrap_or(&t);
    TOTAL_WORDS.contains(&t)
}

/// A label that mentions a total anywhere (`合计`, `一般公共预算合计`, `其中：小计`): the rows a sum
/// of items leaves out.
pub fn mentions_total(s: &str) -> bool {
    let t = fold_spaces(s);
    TOTAL_WORDS.iter().any(|w| t.contains(w))
}

/// A label naming a total of something: ends with a total word (收入总计, 本年支出合计, 小计).
pub fn ends_with_total(s: &str) -> bool {
    let t = fold_spaces(s);
    TOTAL_WORDS.iter().any(|w| t.ends_with(w))
}

/// A label opening with a total word (合计, 总计：…).
pub fn starts_with_total(s: &str) -> bool {
    let t = fold_spaces(s);
    TOTAL_WORDS.iter().any(|w| t.starts_with(w))
}

// ---------------------------------------------------------------------------------------------
// Codes and item openings

/// Shaped like a classification code at the start of a cell: 2, 3, 5 or 7 digits (类 201, 款
/// 03, 项 2010301, 30101) alone, or followed by a space or a non-ASCII name (`201 一般…`,
/// `30101基本工资`), but not by more ASCII (`2026.5`, `12%`).
pub fn looks_like_code(s: &str) -> bool {
    let t = s.trim();
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    matches!(digits, 2 | 3 | 5 | 7)
        && (digits == t.len()
            || t[digits..].starts_with([' ', '\u{3000}'])
            || !t[digits..].starts_with(|c: char| c.is_ascii()))
}

/// A number short enough to be a code printed before a label (at most seven plain digits).
pub fn is_code_digits(s: &str) -> bool {
    is_plain_digits(s) && s.len() <= 7
}

/// Chinese numerals used in item ordinals (一、, 十二、).
const CN_DIGITS: &str = "一二三四五六七八九十";

/// The text opens a new item rather than going on from a wrapped label: a digit or code,
/// an opening bracket (（一）), a Chinese ordinal (一、 十一), 其中, or a total word.
pub fn starts_item(t: &str) -> bool {
    let c = fold_spaces(t);
    let mut chars = c.chars();
    match chars.next() {
        Some(ch) if ch.is_ascii_digit() => true,
        Some('（') | Some('(') => true,
        Some(ch) if CN_DIGITS.contains(ch) => chars
            .next()
            .is_some_and(|n| n == '、' || CN_DIGITS.contains(n)),
        Some('其') => c.starts_with("其中"),
        Some(_) => starts_with_total(&c),
        None => false,
    }
}

/// Labels of a column-number row's first cells (栏次, 行次, `*`, `**`), not numbers themselves.
pub fn is_column_number_label(s: &str) -> bool {
    matches!(fold_spaces(s).as_str(), "栏次" | "行次" | "*" | "**")
}

// ---------------------------------------------------------------------------------------------
// Caption keys

/// Splits a printed table number off a caption line: `表1`, `表 3-1`, `表一`, `附表2`,
/// `公开表7` (a disclosure word — 公开, 预算, 决算, 部门, 单位 — before 表N), `预算01表`,
/// `公开 01表`, `公开01 表`, or one in brackets after the title
/// (`收支总表（预算表 1）`). Returns (number without spaces, the rest of the line). Words such
/// as 表格说明 or 表示 are not numbers: a number holds a digit or 一…十.
pub fn table_no_prefix(s: &str) -> Option<(String, String)> {
    static LEADING: OnceLock<Regex> = OnceLock::new();
    static BRACKETED: OnceLock<Regex> = OnceLock::new();
    let leading = LEADING.get_or_init(|| {
        Regex::new(r#"^\s*((?:(?:附|公开|预算|决算|部门|单位)\s*)?表\s*(?:[0-9]+(?:\s*[-－—.]\s*[0-9]+)?|[一二三四五六七八九十]+)|[\p{Han}]{0,4}\s*[0-9]{1,2}(?:\s*-\s*[0-9]{1,2})?\s*表)(?:[\s:：、.\-－—]|$|[\p{Han}“"（(])"#).expect("valid regex")
    });
    let bracketed = BRACKETED.get_or_init(|| {
        Regex::new(r"[（(]\s*([\p{Han}]{0,4}表\s*[0-9]+(?:\s*-\s*[0-9]+)?)\s*[）)]")
            .expect("valid regex")
    });
    if let Some(m) = leading.captures(s) {
        let whole = m.get(1)?;
        let no = fold_spaces(whole.as_str());
        let rest = s[whole.end()..]
            .trim_start_matches([':', '：', ' ', '、', '.', '-', '－', '—'])
            .to_string();
        return Some((no, rest));
    }
    if let Some(m) = bracketed.captures(s) {
        let whole = m.get(0)?;
        let no = fold_spaces(m.get(1)?.as_str());
        let rest = format!("{}{}", &s[..whole.start()], &s[whole.end()..]);
        return Some((no, rest));
    }
    None
}

/// The number N of a table numbered `表N` (`表7` → 7); `None` for other numberings
/// (`表3-1`, `预算01表`, `表一`).
pub fn plain_table_number(no: &str) -> Option<u32> {
    no.strip_prefix('表').and_then(|d| d.parse().ok())
}

/// The amount unit a caption line declares (`单位：万元`, `金额单位：元`, `（单位:万元）`).
pub fn amount_unit_of(text: &str) -> Option<&'static str> {
    let t = fold_spaces(text);
    let idx = t.rfind("单位")?;
    let after = &t[idx + "单位".len()..];
    let after = after.trim_start_matches([':', '：', '(', '（']);
    if after.starts_with("万元") {
        Some("万元")
    } else if after.starts_with('元') {
        Some("元")
    } else {
        None
    }
}

/// A table's title: 2 to 60 characters ending in 表 (or holding 情况表, 总表, 明细表), an
/// optional qualifier in brackets after it (一般公共预算支出表（按经济分类）), no full stop, not
/// a note (注…).
pub fn is_title_text(t: &str) -> bool {
    let mut t = fold_spaces(t);
    if t.ends_with('）') || t.ends_with(')') {
        if let Some(open) = t.rfind(['（', '(']) {
            if t[..open].ends_with('表') {
                t.truncate(open);
            }
        }
    }
    let n = t.chars().count();
    (2..=60).contains(&n)
        && (t.ends_with('表')
            || t.ends_with("表）")
            || t.ends_with("表)")
            || t.contains("情况表")
            || t.contains("总表")
            || t.contains("明细表"))
        && !t.contains('。')
        && !t.starts_with("注")
}

/// A caption line saying the table goes on from the previous page: 续表, 续, （续…, (续….
pub fn is_continued_marker(s: &str) -> bool {
    let c = fold_spaces(s);
    c.contains("续表") || c == "续" || c.starts_with("（续") || c.starts_with("(续")
}

/// Keys that introduce the publishing unit's name in a caption (编制单位：某局), then the bare
/// `部门：` and `单位：`, which name it only at the start of a line.
pub const UNIT_NAME_KEYS: [&str; 10] = [
    "编制单位",
    "编制部门",
    "单位名称",
    "部门名称",
    "填报单位",
    "预算单位",
    "部门：",
    "部门:",
    "单位：",
    "单位:",
];

/// The caption line names the publishing unit with one of the named keys of
/// [`UNIT_NAME_KEYS`] (编制单位, 预算单位, …; not the bare `部门：`/`单位：`).
pub fn names_unit(s: &str) -> bool {
    let c = fold_spaces(s);
    UNIT_NAME_KEYS[..6].iter().any(|k| c.contains(k))
}

/// Page numbers and their words: `第7页，共45页`, `- 3 -`, `3/45` (spaces folded away).
pub fn is_page_furniture(compact: &str) -> bool {
    !compact.is_empty()
        && compact
            .chars()
            .all(|ch| ch.is_ascii_digit() || "第页共，,-—－/ 、.".contains(ch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_spaces_drops_every_kind_of_space() {
        assert_eq!(fold_spaces(" 合\u{3000}计 \n"), "合计");
    }

    #[test]
    fn amounts_have_one_answer() {
        let p = |s: &str| parse_amount(s).map(|a| a.plain());
        assert_eq!(p("1,234.5"), Some("1234.5".into()));
        assert_eq!(p(" -3.50 "), Some("-3.50".into()));
        assert_eq!(p("−3.50"), Some("-3.50".into()));
        assert_eq!(p("+12.50"), Some("12.50".into()));
        assert_eq!(p("0"), Some("0".into()));
        assert_eq!(p("1，204.75"), Some("1204.75".into()));
        for not in [
            "－12.50", "12.", ".5", "(12.00)", "1 234", "1.2.3", "", "-", "--", "12%",
        ] {
            assert_eq!(p(not), None, "{not}");
        }
        assert!(is_amount("600.49"));
        assert!(!is_amount("一般公共服务支出"));
    }

    #[test]
    fn decimals_and_plain_digits() {
        assert!(has_decimal("投资12.50万元"));
        assert!(!has_decimal("2026年"));
        assert!(is_plain_digits("2010301"));
        assert!(!is_plain_digits("201.1"));
        assert!(is_code_digits("2010301"));
        assert!(!is_code_digits("20103011"));
    }

    #[test]
    fn dashes_are_one_or_two_dash_characters() {
        for d in ["-", "—", "－", "--", "/", "*", " – "] {
            assert!(is_dash(d), "{d}");
        }
        for not in ["", "---", "-1", "0", "——了"] {
            assert!(!is_dash(not), "{not}");
        }
    }

    #[test]
    fn total_labels() {
        for t in ["合计", "总 计", "小计", "收入总计", "支出总计"] {
            assert!(is_total_label(t), "{t}");
        }
        assert!(!is_total_label("本年支出合计"));
        assert!(!is_total_label("收入合计"));
        assert!(ends_with_total("本年支出合计"));
        assert!(!ends_with_total("合计数"));
        assert!(starts_with_total("总计："));
        assert!(!starts_with_total("其中：合计"));
    }

    #[test]
    fn code_shapes() {
        for c in [
            "201",
            "03",
            "2010301",
            "30101基本工资",
            "201 一般公共服务支出",
        ] {
            assert!(looks_like_code(c), "{c}");
        }
        for not in ["2026", "1", "2026.5", "12%", "基本工资"] {
            assert!(!looks_like_code(not), "{not}");
        }
    }

    #[test]
    fn items_start_with_an_ordinal_a_code_or_a_total() {
        for s in [
            "201 一般公共服务",
            "（一）工资",
            "一、收入",
            "十一",
            "其中：行政运行",
            "合计",
        ] {
            assert!(starts_item(s), "{s}");
        }
        for not in ["支出", "一般公共服务", "其他", ""] {
            assert!(!starts_item(not), "{not}");
        }
        assert!(is_column_number_label("栏 次"));
        assert!(!is_column_number_label("1"));
    }

    #[test]
    fn caption_keys() {
        let no = |s: &str| table_no_prefix(s);
        assert_eq!(no("表1"), Some(("表1".into(), "".into())));
        assert_eq!(
            no("表 3-1 一般公共预算支出情况表"),
            Some(("表3-1".into(), "一般公共预算支出情况表".into()))
        );
        assert_eq!(
            no("预算01表 收支总表"),
            Some(("预算01表".into(), "收支总表".into()))
        );
        assert_eq!(no("公开 01表"), Some(("公开01表".into(), "".into())));
        assert_eq!(no("公开01 表"), Some(("公开01表".into(), "".into())));
        assert_eq!(
            no("收支总表（预算表 1）"),
            Some(("预算表1".into(), "收支总表".into()))
        );
        assert_eq!(
            no("表一 收支总表"),
            Some(("表一".into(), "收支总表".into()))
        );
        assert_eq!(
            no("表11-财拨结转支出表"),
            Some(("表11".into(), "财拨结转支出表".into()))
        );
        assert_eq!(no("附表2"), Some(("附表2".into(), "".into())));
        assert_eq!(no("公开表7"), Some(("公开表7".into(), "".into())));
        assert_eq!(
            no("公开表 10 项目支出预算情况表"),
            Some(("公开表10".into(), "项目支出预算情况表".into()))
        );
        assert_eq!(no("收支总表 1"), None);
        assert_eq!(no("表格说明"), None);
        assert_eq!(plain_table_number("表7"), Some(7));
        assert_eq!(plain_table_number("表3-1"), None);
    }

    #[test]
    fn units_titles_and_markers() {
        assert_eq!(
            amount_unit_of("编制单位：某局          单位：万元"),
            Some("万元")
        );
        assert_eq!(amount_unit_of("金额单位：元"), Some("元"));
        assert_eq!(amount_unit_of("（单位:万元）"), Some("万元"));
        assert_eq!(amount_unit_of("编制单位：某局"), None);
        assert!(is_title_text("一般公共预算支出情况表"));
        assert!(is_title_text("一般公共预算支出表（按经济分类）"));
        assert!(!is_title_text("本表为空。"));
        assert!(!is_title_text("注：本表无数据的表"));
        assert!(is_continued_marker("续表"));
        assert!(is_continued_marker("（续）"));
        assert!(!is_continued_marker("继续"));
        assert!(names_unit("编制单位：某局"));
        assert!(names_unit("填报单位:某局"));
        assert!(!names_unit("单位：万元"));
        assert!(is_page_furniture("第7页，共45页"));
        assert!(is_page_furniture("-3-"));
        assert!(!is_page_furniture("表3"));
    }
}
