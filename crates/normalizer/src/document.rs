//! What a document is: disclosing unit, budget year, budget or final account, unit type.

use yusuan_catalog::UnitType;
use yusuan_extractor::layout::Table;

/// What a document says about itself (from its first pages and captions).
#[derive(Debug, Clone, PartialEq)]
pub struct DocInfo {
    /// 编制单位: the disclosing unit, as printed.
    pub unit_name: String,
    /// The budget year.
    pub year: Option<u16>,
    /// `budget` or `final_account`.
    pub doc_kind: &'static str,
    /// 行政 or 事业 unit, for the 部门经济 → 政府经济 crosswalk.
    pub unit_type: UnitType,
    /// `部门` (a department's disclosure, its units together), `单位` (one unit's), or empty:
    /// the first of 部门预算/部门决算/单位预算/单位决算 in the opening pages, else the table titles.
    pub disclosure_level: &'static str,
}

/// `部门`, `单位` or empty (see [`DocInfo::disclosure_level`]).
fn disclosure_level(compact_head: &str, titles: &str) -> &'static str {
    let first = [
        "部门预算",
        "部门决算",
        "单位预算",
        "单位决算",
        "部门综合预算",
    ]
    .iter()
    .filter_map(|k| compact_head.find(k).map(|p| (p, *k)))
    .min();
    match first {
        Some((_, k)) if k.starts_with("部门") => "部门",
        Some(_) => "单位",
        None => {
            let dept = titles.matches("部门").count();
            let unit = titles.matches("单位").count();
            if dept > unit {
                "部门"
            } else if unit > dept {
                "单位"
            } else {
                ""
            }
        }
    }
}

fn years_in(s: &str) -> Vec<u16> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        if chars[i] == '2'
            && chars[i + 1] == '0'
            && chars[i + 2..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars
                .get(i + 4)
                .map(|c| !c.is_ascii_digit())
                .unwrap_or(true)
        {
            let y: u16 = chars[i..i + 4]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(0);
            let mut j = i + 4;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if (2000..=2099).contains(&y) && chars.get(j) == Some(&'年') {
                out.push(y);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// Reads the document facts from the first pages' text and the tables' captions.
pub fn doc_info(first_pages: &[String], all_text: &str, tables: &[Table]) -> DocInfo {
    let head = first_pages.join("\n");
    let compact: String = head.chars().filter(|c| !c.is_whitespace()).collect();
    let titles: String = tables
        .iter()
        .map(|t| t.title.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let n_final = compact.matches("决算").count() * 2 + titles.matches("决算").count();
    let n_budget = compact.matches("预算").count() * 2 + titles.matches("预算").count();
    let doc_kind = if n_final > 0
        && (n_final * 2 >= n_budget
            || compact
                .chars()
                .take(200)
                .collect::<String>()
                .contains("决算"))
    {
        "final_account"
    } else {
        "budget"
    };
    // The year: the first "20xx年" on a line that names 预算/决算, else the most common one.
    let mut year = None;
    for line in first_pages.iter().flat_map(|p| p.lines()).take(80) {
        if line.contains("预算") || line.contains("决算") {
            if let Some(y) = years_in(line).first() {
                year = Some(*y);
                break;
            }
        }
    }
    if year.is_none() {
        let mut counts = std::collections::BTreeMap::new();
        let titles_and_text = format!(
            "{head}\n{}",
            tables
                .iter()
                .map(|t| t.caption_lines.join("\n"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        for y in years_in(&titles_and_text)
            .into_iter()
            .chain(years_in(all_text))
        {
            *counts.entry(y).or_insert(0) += 1;
        }
        year = counts
            .into_iter()
            .max_by_key(|(y, n)| (*n, *y))
            .map(|(y, _)| y);
    }
    let mut names = std::collections::BTreeMap::<&str, usize>::new();
    for t in tables {
        if !t.unit_name.is_empty() {
            *names.entry(t.unit_name.as_str()).or_insert(0) += 1;
        }
    }
    let unit_name = names
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| s.to_string())
        .unwrap_or_else(|| guess_unit_from_cover(first_pages));
    let unit_type = unit_type_of(&unit_name, &compact);
    DocInfo {
        unit_name,
        year,
        doc_kind,
        unit_type,
        disclosure_level: disclosure_level(&compact, &titles),
    }
}

fn guess_unit_from_cover(first_pages: &[String]) -> String {
    let lines: Vec<String> = first_pages
        .iter()
        .flat_map(|p| p.lines())
        .take(12)
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    for (i, l) in lines.iter().enumerate() {
        for key in [
            "部门预算",
            "单位预算",
            "部门决算",
            "单位决算",
            "年度预算",
            "年度决算",
        ] {
            let Some(pos) = l.find(key) else { continue };
            let before = &l[..pos];
            let name = before
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '年' || c == '度')
                .trim_end_matches("年度")
                .trim_end_matches('年');
            let name = name.trim_end_matches(|c: char| c.is_ascii_digit());
            // A name wrapped over the lines above ("上海市普陀区规划和自然" / "资源局" / "2024年度部门决算").
            let name_like = |t: &str| {
                let n = t.chars().count();
                (2..=30).contains(&n)
                    && !t
                        .chars()
                        .any(|c| c.is_ascii_digit() || "，。：:、年".contains(c))
                    && !t.contains("目录")
            };
            let mut full = name.to_string();
            let mut k = i;
            while k > 0 && i - k < 2 && name_like(&lines[k - 1]) {
                full = format!("{}{full}", lines[k - 1]);
                k -= 1;
            }
            if full.chars().count() >= 3 {
                return full;
            }
        }
    }
    String::new()
}

fn unit_type_of(unit_name: &str, text: &str) -> UnitType {
    let n = unit_name.trim();
    const INSTITUTION: &[&str] = &[
        "中心",
        "学校",
        "小学",
        "中学",
        "大学",
        "学院",
        "医院",
        "研究所",
        "研究院",
        "馆",
        "站",
        "队",
        "幼儿园",
        "所",
    ];
    const ADMIN: &[&str] = &[
        "局",
        "委员会",
        "办公室",
        "办公厅",
        "厅",
        "部",
        "法院",
        "检察院",
        "政府",
        "委",
        "办",
        "会",
    ];
    if INSTITUTION.iter().any(|s| n.ends_with(s)) {
        return UnitType::Institution;
    }
    if ADMIN.iter().any(|s| n.ends_with(s)) {
        return UnitType::Administrative;
    }
    if text.contains("事业单位") && !text.contains("行政单位") {
        UnitType::Institution
    } else {
        UnitType::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn years() {
        assert_eq!(years_in("2026 年乌鲁木齐市 单位预算"), vec![2026]);
        assert_eq!(years_in("20261年"), Vec::<u16>::new());
        let info = doc_info(&["2024年度部门决算\n上海市普陀区财政局".into()], "", &[]);
        assert_eq!(info.doc_kind, "final_account");
        assert_eq!(info.year, Some(2024));
        let cover = doc_info(
            &["湖州市卫生健康委员会\n2026 年部门预算\n目录".into()],
            "",
            &[],
        );
        assert_eq!(cover.unit_name, "湖州市卫生健康委员会");
    }
}
