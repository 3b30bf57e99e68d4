//! A label naming a 支出功能分类 line → its code: printed with the name (`2010301 行政运行`),
//! inside Shanghai's marks (`公共安全支出（204类）司法（06款）`), or as a 类/款/项 name path
//! resolved from the classification; else the deepest printed name.

use crate::classify::clean_label;
use crate::codes;
use regex::Regex;
use std::sync::LazyLock;

fn rx(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|_| Regex::new("$^").expect("trivial regex"))
}

static CODE_NAME: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?:^|[^\d])(\d{7}|\d{5}|\d{3})-?([\p{Han}（）]{2,})"));

/// Subject for a function-classification label, if the label names one.
pub fn function_subject(label: &str) -> Option<String> {
    let label = clean_label(label);
    if let Some(subj) = coded_marks_subject(&label) {
        return Some(subj);
    }
    let has_marks =
        label.contains("（类）") || label.contains("（款）") || label.contains("（项）");
    if has_marks {
        let (class, rest) = match label.find("（类）") {
            Some(i) => (&label[..i], &label[i + "（类）".len()..]),
            None => ("", label.as_str()),
        };
        let (sub, rest) = match rest.find("（款）") {
            Some(i) => (&rest[..i], &rest[i + "（款）".len()..]),
            None => ("", rest),
        };
        let item = match rest.find("（项）") {
            Some(i) => &rest[..i],
            None => "",
        };
        let class = strip_code_prefix(class);
        let sub = strip_code_prefix(sub);
        let item = strip_code_prefix(item);
        // a code printed with the deepest name wins
        if let Some(c) = CODE_NAME
            .captures_iter(&label)
            .last()
            .and_then(|c| c.get(1))
        {
            return Some(c.as_str().to_string());
        }
        return path_subject(class, sub, item);
    }
    if let Some(c) = CODE_NAME.captures_iter(&label).last() {
        let code = c.get(1).map(|m| m.as_str()).unwrap_or("");
        let name = c.get(2).map(|m| m.as_str()).unwrap_or("");
        // a 3-digit code must be followed by a 支出 class name to count
        if code.len() == 7 || code.len() == 5 || name.ends_with("支出") {
            return Some(code.to_string());
        }
    }
    None
}

static CODED_MARK: LazyLock<Regex> = LazyLock::new(|| rx(r"（\d{2,7}(?:类|款|项)）"));
static ANY_MARK: LazyLock<Regex> = LazyLock::new(|| rx(r"（(\d{0,7})(类|款|项)）"));

/// Subject for a path whose levels carry their code inside the mark, as
/// Shanghai prints it: "公共安全支出（204类）司法（06款）行政运行（01项）" →
/// `2040601`. A level printed as "（类）" without code is resolved from the
/// names; failing that the deepest printed name is the subject.
fn coded_marks_subject(label: &str) -> Option<String> {
    if !CODED_MARK.is_match(label) {
        return None;
    }
    // (name, code) per level; code "" when the mark has none
    let mut levels: [(String, String); 3] = Default::default();
    let mut rest = label;
    let mut seen = false;
    while let Some(c) = ANY_MARK.captures(rest) {
        let (Some(m), Some(code), Some(kind)) = (c.get(0), c.get(1), c.get(2)) else {
            break;
        };
        let idx = match kind.as_str() {
            "类" => 0,
            "款" => 1,
            _ => 2,
        };
        let name = strip_code_prefix(&rest[..m.start()]);
        levels[idx] = (name.to_string(), code.as_str().to_string());
        seen = true;
        rest = &rest[m.end()..];
    }
    if !seen {
        return None;
    }
    let [(cn, cc), (sn, sc), (iname, ic)] = levels;
    // full code from the printed codes
    let code = match (cc.len(), sc.len(), ic.len()) {
        (3, 2, 2) => Some(format!("{cc}{sc}{ic}")),
        (_, _, 7) => Some(ic),
        (3, 2, 0) if iname.is_empty() => Some(format!("{cc}{sc}")),
        (_, 5, 0) if iname.is_empty() => Some(sc),
        (_, 5, 2) => Some(format!("{sc}{ic}")),
        (3, 0, 0) if sn.is_empty() && iname.is_empty() => Some(cc),
        _ => None,
    };
    if code.is_some() {
        return code;
    }
    path_subject(&cn, &sn, &iname)
}

/// The subject of a 类/款/项 name path: its code when the catalog resolves it, else the names
/// from the 款 down ("群众团体事务/一般行政管理事务"): a 项 name alone (一般行政管理事务,
/// 行政运行) stands under many 款, and the checks resolve the pair against the tables.
fn path_subject(class: &str, sub: &str, item: &str) -> Option<String> {
    if !item.is_empty() || !sub.is_empty() {
        if let Some(code) = codes::resolve(class, sub, item) {
            return Some(code);
        }
    }
    match (class, sub, item) {
        (_, "", "") if class.is_empty() => None,
        (_, "", "") => Some(class.to_string()),
        (_, s, "") | (_, "", s) => Some(s.to_string()),
        (_, s, i) => Some(format!("{s}/{i}")),
    }
}

fn strip_code_prefix(s: &str) -> &str {
    let t = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '.' || c == '、');
    t.trim_matches('"')
}
