//! Codes for rows that print only a name: from a bracketed code after the name, or from the
//! classification catalog and the table's hierarchy (marked `inferred`).
//!
//! A name often stands for several codes (行政运行 is 2010101, 2010301, 2040201 …; 其他一般公共
//! 服务支出 is both 款 20199 and 项 2019999). The rows around it settle which: the next printed
//! code below whose parent is one of the candidates (其他社会保障和就业支出 over 2089901 is 20899),
//! else the codes above — the last code's own level and then each shorter prefix, a direct child
//! before a deeper one (under 201 the 款 20199, under 20199 the 项 2019999) —, else the name's only
//! code. Under a 款 the standard 项 suffixes (01 行政运行, 02 一般行政管理事务, 03 机关服务, 50 事业
//! 运行, 99 其他…) give the code when the catalog does not list it. A name the context cannot
//! settle stays without a code and is counted (`codes_ambiguous` in documents.csv).

use crate::codes::{code_system, split_code_suffix};
use crate::facts::{is_total, Fact};
use crate::units::{is_unit_name, is_unit_row};
use crate::vocab::TableKind;
use crate::vocab::{CodeSource, CodeSystem, Word};
use crate::KeyedTable;
use yusuan_catalog::{catalog, standard_item_suffix, Catalog};

/// The classification a table's names belong to, when its rows carry codes at all.
fn table_system(key: TableKind, printed: &[&'static str]) -> Option<&'static str> {
    let mut counts = std::collections::BTreeMap::new();
    for s in printed {
        *counts.entry(*s).or_insert(0) += 1;
    }
    if let Some((s, _)) = counts.into_iter().max_by_key(|(_, n)| *n) {
        return Some(s);
    }
    match key {
        TableKind::GeneralBudgetBasicExpenditure | TableKind::BasicExpenditure => Some("economic"),
        TableKind::GeneralBudgetBasicExpenditureGov => Some("gov_economic"),
        TableKind::Income
        | TableKind::Expenditure
        | TableKind::GeneralBudgetExpenditure
        | TableKind::GovFundExpenditure
        | TableKind::SoeCapitalExpenditure
        | TableKind::GeneralBudgetProjectExpenditure => Some("function"),
        _ => None,
    }
}

fn is_total_label(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    t.is_empty() || is_total(&t)
}

fn std_name<'a>(cat: &'a Catalog, system: &str, code: &str, year: Option<u16>) -> Option<&'a str> {
    match system {
        "function" => cat.function_name(code, year),
        "economic" => cat.economic_name_in(code, year),
        "gov_economic" => cat.gov_economic_name(code),
        _ => None,
    }
}

/// Whether `其他…支出` is the 99 of the 款 named `parent` (其他公安支出 under 公安).
fn other_of(name: &str, parent: &str) -> bool {
    let n: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let core = n
        .strip_prefix("其他")
        .and_then(|r| r.strip_suffix("支出"))
        .unwrap_or("");
    let p = parent.strip_suffix("支出").unwrap_or(parent);
    !core.is_empty() && core == p
}

/// The code of a names-only row from its candidates and the codes around it, or None.
/// `above`: the last code above the row (same block); `below`: the next printed code below.
pub fn resolve(
    cat: &Catalog,
    system: &str,
    name: &str,
    above: Option<&str>,
    below: Option<&str>,
    year: Option<u16>,
) -> Option<String> {
    let candidates = cat.codes_named(system, name, year);
    // The next printed code's parent.
    if let Some(b) = below.filter(|b| b.len() >= 5) {
        let parent = &b[..b.len() - 2];
        if above.is_none_or(|a| a != parent)
            && (candidates.contains(&parent)
                || std_name(cat, system, parent, year)
                    .is_some_and(|n| Catalog::names_match(n, name)))
        {
            return Some(parent.to_string());
        }
    }
    if let Some(a) = above {
        let mut prefixes: Vec<&str> = Vec::new();
        if a.len() < 7 {
            prefixes.push(a);
        }
        let mut l = a.len();
        while l > 3 {
            l -= 2;
            prefixes.push(&a[..l]);
        }
        for p in prefixes {
            let under: Vec<&str> = candidates
                .iter()
                .copied()
                .filter(|c| c.len() > p.len() && c.starts_with(p))
                .collect();
            let direct: Vec<&str> = under
                .iter()
                .copied()
                .filter(|c| c.len() == p.len() + 2)
                .collect();
            if direct.len() == 1 {
                return Some(direct[0].to_string());
            }
            if direct.len() > 1 {
                return None;
            }
            if under.len() == 1 {
                return Some(under[0].to_string());
            }
            if under.len() > 1 {
                return None;
            }
            // A standard 项 name under a 款 the catalog does not list it for.
            if system == "function" && p.len() == 5 {
                if let Some(sfx) = standard_item_suffix(name).filter(|s| {
                    *s != "99"
                        || std_name(cat, system, p, year).is_some_and(|pn| other_of(name, pn))
                }) {
                    let code = format!("{p}{sfx}");
                    let fits = match std_name(cat, system, &code, year) {
                        Some(n) => Catalog::names_match(n, name),
                        None => true,
                    };
                    if fits {
                        return Some(code);
                    }
                }
            }
        }
    }
    (candidates.len() == 1).then(|| candidates[0].to_string())
}

/// Fills `code`, `code_system` and `code_source` of facts whose row prints no code; returns how
/// many names-only rows of coded tables were left without one (ambiguous).
pub fn infer_missing(
    facts: &mut [Fact],
    tables: &[KeyedTable],
    year: Option<u16>,
    doc_unit: &str,
) -> usize {
    let cat = catalog();
    let mut ambiguous = 0;
    for (ti, kt) in tables.iter().enumerate() {
        let idx: Vec<usize> = (0..facts.len()).filter(|i| facts[*i].table == ti).collect();
        if idx.is_empty() {
            continue;
        }
        let printed: Vec<&'static str> = idx
            .iter()
            .map(|i| facts[*i].code_system.word())
            .filter(|s| !s.is_empty())
            .collect();
        let system = table_system(kt.key, &printed);
        let (rows, below) = rows_and_codes_below(facts, &idx);
        let mut last_code: Option<String> = None;
        let mut by_row = RowCodes::default();
        let mut unsettled: Vec<(usize, Option<String>)> = Vec::new();
        for (k, (row, first)) in rows.iter().enumerate() {
            let f = &facts[*first];
            if !f.code.is_empty() {
                last_code = Some(f.code.clone());
                continue;
            }
            if let Some((code, _)) = split_code_suffix(&f.row_label) {
                let key = (*row, f.row_label.clone());
                by_row.insert(key, (code.clone(), code_system(&code).word(), "printed"));
                last_code = Some(code);
                continue;
            }
            let Some(system) = system else { continue };
            // A total names no code, nor does a project row named by its project.
            if is_total_label(&f.row_label) || (!f.project.is_empty() && f.project == f.row_label) {
                continue;
            }
            // A unit's row opens a new block of codes.
            if is_unit_row(&f.row_label, &f.sub_unit) || is_unit_name(&f.row_label, doc_unit) {
                last_code = None;
                continue;
            }
            let above = last_code
                .as_deref()
                .filter(|c| code_system(c).word() == system);
            let code = resolve(
                cat,
                system,
                &f.row_label,
                above,
                below[k]
                    .as_deref()
                    .filter(|c| code_system(c).word() == system),
                year,
            );
            match code {
                Some(code) => {
                    let key = (*row, f.row_label.clone());
                    by_row.insert(key, (code.clone(), code_system(&code).word(), "inferred"));
                    last_code = Some(code);
                }
                None => {
                    if above.is_some() || !cat.codes_named(system, &f.row_label, year).is_empty() {
                        ambiguous += 1;
                        unsettled.push((k, above.map(str::to_string)));
                    }
                }
            }
        }
        if let Some(system) = system {
            ambiguous -= settle_from_below(facts, &rows, &unsettled, &mut by_row, system, year);
        }
        apply_codes(facts, &idx, &by_row);
    }
    ambiguous
}

/// A names-only row the codes above could not settle, tried with the next code below it as
/// the first pass found it (printed or inferred): 其他支出 (229, 22999 or 2299999) over
/// 其他政府性基金及对应专项债务收入安排的支出 (22904) is the 类 229. Returns how many were settled.
fn settle_from_below(
    facts: &[Fact],
    rows: &[(usize, usize)],
    unsettled: &[(usize, Option<String>)],
    by_row: &mut RowCodes,
    system: &str,
    year: Option<u16>,
) -> usize {
    let code_of = |k: usize, by_row: &RowCodes| {
        let (row, first) = rows[k];
        let f = &facts[first];
        match f.code.is_empty() {
            false => Some(f.code.clone()),
            true => by_row.get(&(row, f.row_label.clone())).map(|c| c.0.clone()),
        }
    };
    let mut settled = 0;
    for (k, above) in unsettled.iter().rev() {
        let (row, first) = rows[*k];
        let f = &facts[first];
        let below = (k + 1..rows.len())
            .take_while(|&j| facts[rows[j].1].sub_unit == f.sub_unit)
            .find_map(|j| code_of(j, by_row))
            .filter(|c| code_system(c).word() == system);
        let Some(below) = below else { continue };
        let found = resolve(
            catalog(),
            system,
            &f.row_label,
            above.as_deref(),
            Some(&below),
            year,
        );
        if let Some(code) = found {
            let sys = code_system(&code).word();
            by_row.insert((row, f.row_label.clone()), (code, sys, "inferred"));
            settled += 1;
        }
    }
    settled
}

/// The rows of one table's facts `idx`, in order, as (row_no, first fact), and the next printed
/// code below each row (same sub-unit).
fn rows_and_codes_below(
    facts: &[Fact],
    idx: &[usize],
) -> (Vec<(usize, usize)>, Vec<Option<String>>) {
    let mut rows: Vec<(usize, usize)> = Vec::new();
    for &i in idx {
        if rows.last().is_none_or(|(r, _)| *r != facts[i].row_no) {
            rows.push((facts[i].row_no, i));
        }
    }
    let mut below: Vec<Option<String>> = vec![None; rows.len()];
    let mut next: Option<(String, String)> = None;
    for (k, (_, first)) in rows.iter().enumerate().rev() {
        let f = &facts[*first];
        below[k] = next
            .as_ref()
            .filter(|(_, unit)| *unit == f.sub_unit)
            .map(|(c, _)| c.clone());
        if !f.code.is_empty() {
            next = Some((f.code.clone(), f.sub_unit.clone()));
        }
    }
    (rows, below)
}

/// The code, system and source found for a row's label, keyed by (row, label): blocks side by
/// side (支出功能分类 | 经济分类) share a row but not its code.
type RowCodes = std::collections::BTreeMap<(usize, String), (String, &'static str, &'static str)>;

/// Gives each codeless fact of `idx` its row's code for its label (a code printed after the
/// name leaves the name alone in `row_label`).
fn apply_codes(facts: &mut [Fact], idx: &[usize], by_row: &RowCodes) {
    for &i in idx {
        if let Some((code, system, source)) =
            by_row.get(&(facts[i].row_no, facts[i].row_label.clone()))
        {
            if facts[i].code.is_empty() {
                if *source == "printed" {
                    if let Some((_, name)) = split_code_suffix(&facts[i].row_label) {
                        facts[i].row_label = name;
                    }
                }
                facts[i].code = code.clone();
                facts[i].code_system = CodeSystem::parse(system);
                facts[i].code_source = CodeSource::parse(source);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two classification blocks side by side (the 西安 政府性基金收支总表): the code found for
    /// the function block's name is not the economic block's, printed on the same row.
    #[test]
    fn a_row_code_stays_with_its_block() {
        use crate::test_tables::{paths, table};
        let t = table(
            "",
            "万元",
            paths(&[
                &["支出", "支出功能分类科目"],
                &["支出", "支出功能分类科目", "预算数"],
                &["支出", "部门预算支出经济分类科目"],
                &["支出", "部门预算支出经济分类科目", "预算数"],
            ]),
            &[&["十一、转移性支出", "1.00", "资本性支出（基本建设）", "2.00"]],
        );
        let (mut facts, _) = crate::facts::table_facts(0, &t);
        let keyed = KeyedTable {
            key: TableKind::GovFundExpenditure,
            table: t,
            sub_units: Vec::new(),
        };
        infer_missing(&mut facts, &[keyed], Some(2020), "");
        let codes: Vec<(&str, &str)> = facts
            .iter()
            .map(|f| (f.row_label.as_str(), f.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            [("十一、转移性支出", "230"), ("资本性支出（基本建设）", "")]
        );
    }
    /// A names-only 其他支出 (229, 22999 or 2299999) after 交通运输支出's rows is settled by
    /// the 款 below it (22904): the 类 229.
    #[test]
    fn a_name_the_rows_above_leave_open_is_settled_by_the_code_below() {
        use crate::test_tables::{paths, table};
        let t = table(
            "",
            "万元",
            paths(&[&["功能分类科目名称"], &["总计"]]),
            &[
                &["交通运输支出", "200.00"],
                &["其他交通运输支出", "200.00"],
                &["其他交通运输支出", "200.00"],
                &["其他支出", "10.00"],
                &["其他政府性基金及对应专项债务收入安排的支出", "10.00"],
            ],
        );
        let (mut facts, _) = crate::facts::table_facts(0, &t);
        let keyed = KeyedTable {
            key: TableKind::Expenditure,
            table: t,
            sub_units: Vec::new(),
        };
        infer_missing(&mut facts, &[keyed], Some(2026), "");
        let codes: Vec<&str> = facts.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["214", "21499", "2149999", "229", "22904"]);
    }
    #[test]
    fn hierarchy_settles_names() {
        let cat = catalog();
        let y = Some(2026);
        // Under 20402 公安 (a sibling 2040201 above): its 项.
        assert_eq!(
            resolve(
                cat,
                "function",
                "一般行政管理事务",
                Some("2040201"),
                None,
                y
            )
            .as_deref(),
            Some("2040202")
        );
        assert_eq!(
            resolve(cat, "function", "机关服务", Some("20402"), None, y).as_deref(),
            Some("2040203")
        );
        // 款 right under its 类, then 项 right under that 款.
        assert_eq!(
            resolve(
                cat,
                "function",
                "其他一般公共服务支出",
                Some("201"),
                None,
                y
            )
            .as_deref(),
            Some("20199")
        );
        assert_eq!(
            resolve(
                cat,
                "function",
                "其他一般公共服务支出",
                Some("20199"),
                None,
                y
            )
            .as_deref(),
            Some("2019999")
        );
        // The printed code below names its parent.
        assert_eq!(
            resolve(
                cat,
                "function",
                "其他社会保障和就业支出",
                Some("2080506"),
                Some("2089901"),
                y
            )
            .as_deref(),
            Some("20899")
        );
        // No context and several codes: none.
        assert_eq!(resolve(cat, "function", "行政运行", None, None, y), None);
    }
    #[test]
    fn project_row_named_by_its_project_is_no_code_to_settle() {
        // 科目 columns, then 序号 | 项目名称: the project row prints no 科目 name; it is named by
        // its project and is not counted among the names whose code is ambiguous.
        for with_index in [true, false] {
            let mut header: Vec<&[&str]> = vec![&["功能分类科目编码"], &["功能分类科目名称"]];
            let mut rows: Vec<Vec<&str>> = vec![
                vec!["2011302", "一般行政管理事务"],
                vec!["", ""],
                vec!["合计", ""],
            ];
            if with_index {
                header.push(&["序号"]);
                for (r, n) in rows.iter_mut().zip(["", "1", ""]) {
                    r.push(n);
                }
            }
            header.push(&["项目名称"]);
            header.push(&["预算数"]);
            for (r, p) in rows.iter_mut().zip(["", "某某产业发展专项", ""]) {
                r.push(p);
                r.push("270,000");
            }
            let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
            let t = crate::test_tables::table(
                "一般公共预算项目支出情况表",
                "元",
                crate::test_tables::paths(&header),
                &rows,
            );
            let doc = yusuan_extractor::Document {
                pages: Vec::new(),
                repaired: false,
            };
            let n = crate::normalize(&doc, vec![t]);
            assert_eq!(n.facts[1].row_label, "某某产业发展专项", "{with_index}");
            assert_eq!(n.facts[1].project, "某某产业发展专项");
            assert_eq!(n.codes_ambiguous, 0);
        }
    }
    #[test]
    fn standard_suffixes() {
        assert_eq!(standard_item_suffix("行政运行"), Some("01"));
        assert_eq!(standard_item_suffix("事业运行"), Some("50"));
        assert_eq!(standard_item_suffix("其他公安支出"), Some("99"));
        assert_eq!(standard_item_suffix("信息化建设"), None);
        assert!(other_of("其他公安支出", "公安"));
        assert!(!other_of("其他社会保障和就业支出", "行政事业单位养老支出"));
    }
}
