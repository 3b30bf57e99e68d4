//! Classification codes as printed: split 类/款/项 columns, one code column, or a code at the
//! start of the name cell (`201 一般公共服务支出`, `301 01 基本工资`, `2010301行政运行`).

use crate::vocab::CodeSystem;
/// The system a code belongs to, from its first digit and length.
pub fn code_system(code: &str) -> Option<CodeSystem> {
    let n = code.len();
    match code.as_bytes().first() {
        Some(b'2') if matches!(n, 3 | 5 | 7) => Some(CodeSystem::Function),
        Some(b'3') if matches!(n, 3 | 5 | 7) => Some(CodeSystem::Economic),
        Some(b'5') if matches!(n, 3 | 5) => Some(CodeSystem::GovEconomic),
        _ => None,
    }
}

/// Splits a leading code off a name cell: (`code`, `name`). Codes are 3, 5 or 7 digits, possibly
/// printed in groups (`301 01`, `201 03 01`), and must be followed by a non-digit name.
pub fn split_code_prefix(cell: &str) -> (String, String) {
    let t = cell.trim();
    // A code in brackets before the name: `[2010401]行政运行`, `【301】工资福利支出`.
    if let Some(inner) = t.strip_prefix(['[', '［', '【']) {
        if let Some(close) = inner.find([']', '］', '】']) {
            let digits: String = inner[..close]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let rest = inner[close..].trim_start_matches([']', '］', '】']).trim();
            if digits.chars().all(|c| c.is_ascii_digit())
                && code_system(&digits).is_some()
                && !rest.is_empty()
            {
                return (digits, rest.to_string());
            }
        }
    }
    let mut digits = String::new();
    let mut end = 0;
    let mut groups = 0;
    let mut chars = t.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            digits.push(c);
            end = i + 1;
            if chars
                .peek()
                .map(|(_, n)| !n.is_ascii_digit())
                .unwrap_or(true)
            {
                groups += 1;
            }
        } else if (c == ' ' || c == '\u{3000}') && !digits.is_empty() {
            // a space inside grouped codes: continue only when digits follow
            if chars
                .peek()
                .map(|(_, n)| n.is_ascii_digit())
                .unwrap_or(false)
            {
                continue;
            }
            break;
        } else {
            break;
        }
    }
    let valid_group = groups == 1 || (groups > 1 && digits.len() >= 5);
    if matches!(digits.len(), 3 | 5 | 7) && valid_group && code_system(&digits).is_some() {
        let rest = t[end..]
            .trim_start_matches([' ', '\u{3000}', '-', '.', '、'])
            .trim();
        // "2026年" is a year, not a code; a name must follow.
        if !rest.is_empty() && !rest.starts_with(['年', '%', '万', '元', '.', '个']) {
            return (digits, rest.to_string());
        }
    }
    (String::new(), t.to_string())
}

/// Digits of a code cell (`201`, `03`, `2010301`), or None when the cell is not a code.
pub fn code_cell(cell: &str) -> Option<String> {
    let t: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    if !t.is_empty() && t.len() <= 7 && t.chars().all(|c| c.is_ascii_digit()) {
        Some(t)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn prefixes() {
        assert_eq!(
            split_code_prefix("201 一般公共服务支出"),
            ("201".into(), "一般公共服务支出".into())
        );
        assert_eq!(
            split_code_prefix("301 01 基本工资"),
            ("30101".into(), "基本工资".into())
        );
        assert_eq!(
            split_code_prefix("2010301行政运行"),
            ("2010301".into(), "行政运行".into())
        );
        assert_eq!(
            split_code_prefix("2026年预算"),
            ("".into(), "2026年预算".into())
        );
        assert_eq!(
            split_code_prefix("1. 一般公共预算拨款"),
            ("".into(), "1. 一般公共预算拨款".into())
        );
        assert_eq!(
            split_code_prefix("[2010401]行政运行"),
            ("2010401".into(), "行政运行".into())
        );
        assert_eq!(
            split_code_prefix("【301】工资福利支出"),
            ("301".into(), "工资福利支出".into())
        );
        assert_eq!(
            split_code_prefix("[注]说明"),
            ("".into(), "[注]说明".into())
        );
        assert_eq!(code_system("2010301"), Some(CodeSystem::Function));
        assert_eq!(code_system("30101"), Some(CodeSystem::Economic));
        assert_eq!(code_system("50101"), Some(CodeSystem::GovEconomic));
    }
}

/// A code printed in brackets after the name: `机关工资福利支出（501）`, `行政运行(2010101)`.
pub fn split_code_suffix(label: &str) -> Option<(String, String)> {
    let t = label.trim();
    let inner = t.strip_suffix('）').or_else(|| t.strip_suffix(')'))?;
    let open = inner.rfind(['（', '('])?;
    let digits = &inner[open..].trim_start_matches(['（', '(']);
    if digits.chars().all(|c| c.is_ascii_digit()) && code_system(digits).is_some() {
        Some((digits.to_string(), inner[..open].trim().to_string()))
    } else {
        None
    }
}

#[cfg(test)]
mod suffix_tests {
    use super::*;
    #[test]
    fn bracketed_codes() {
        assert_eq!(
            split_code_suffix("机关工资福利支出（501）"),
            Some(("501".into(), "机关工资福利支出".into()))
        );
        assert_eq!(split_code_suffix("公务接待费（小计）"), None);
    }
}
