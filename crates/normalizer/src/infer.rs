//! Codes for rows that print only a name: from a bracketed code after the name, or from the
//! classification catalog by name (marked `inferred`).

use crate::codes::{code_system, split_code_suffix};
use crate::facts::Fact;
use crate::KeyedTable;
use yusuan_catalog::catalog;

/// The classification a table's names belong to, when its rows carry codes at all.
fn table_system(key: &str, printed: &[&'static str]) -> Option<&'static str> {
    let mut counts = std::collections::BTreeMap::new();
    for s in printed {
        *counts.entry(*s).or_insert(0) += 1;
    }
    if let Some((s, _)) = counts.into_iter().max_by_key(|(_, n)| *n) {
        return Some(s);
    }
    match key {
        "general_budget_basic_expenditure" => Some("economic"),
        "general_budget_basic_expenditure_gov" => Some("gov_economic"),
        "income"
        | "expenditure"
        | "general_budget_expenditure"
        | "gov_fund_expenditure"
        | "soe_capital_expenditure"
        | "general_budget_project_expenditure" => Some("function"),
        _ => None,
    }
}

fn is_total_label(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    t.is_empty() || t.contains("合计") || t.contains("总计") || t.contains("小计")
}

/// Fills `code`, `code_system` and `code_source` of facts whose row prints no code.
pub fn infer_missing(facts: &mut [Fact], tables: &[KeyedTable], year: Option<u16>) {
    let cat = catalog();
    for (ti, kt) in tables.iter().enumerate() {
        let idx: Vec<usize> = (0..facts.len()).filter(|i| facts[*i].table == ti).collect();
        if idx.is_empty() {
            continue;
        }
        let printed: Vec<&'static str> = idx
            .iter()
            .map(|i| facts[*i].code_system)
            .filter(|s| !s.is_empty())
            .collect();
        let system = table_system(kt.key, &printed);
        // Rows in order; the last code seen above a row is its parent candidate.
        let mut last_code: Option<String> = None;
        let mut by_row: std::collections::BTreeMap<
            usize,
            (Option<String>, &'static str, &'static str),
        > = Default::default();
        let mut rows: Vec<usize> = idx.iter().map(|i| facts[*i].row_no).collect();
        rows.dedup();
        for row in rows {
            let Some(&first) = idx.iter().find(|i| facts[**i].row_no == row) else {
                continue;
            };
            let f = &facts[first];
            if !f.code.is_empty() {
                last_code = Some(f.code.clone());
                continue;
            }
            if let Some((code, _)) = split_code_suffix(&f.row_label) {
                by_row.insert(row, (Some(code.clone()), code_system(&code), "printed"));
                last_code = Some(code);
                continue;
            }
            let Some(system) = system else { continue };
            if is_total_label(&f.row_label) {
                continue;
            }
            // A parent must be a shorter code of the same system above this row.
            let parent = last_code
                .as_deref()
                .filter(|c| code_system(c) == system && c.len() < 7);
            let code = cat
                .infer_code(system, &f.row_label, parent, year)
                .or_else(|| cat.infer_code(system, &f.row_label, None, year))
                .map(|c| c.to_string());
            if let Some(code) = code {
                by_row.insert(row, (Some(code.clone()), code_system(&code), "inferred"));
                last_code = Some(code);
            }
        }
        for i in idx {
            if let Some((Some(code), system, source)) = by_row.get(&facts[i].row_no) {
                if facts[i].code.is_empty() {
                    if *source == "printed" {
                        if let Some((_, name)) = split_code_suffix(&facts[i].row_label) {
                            facts[i].row_label = name;
                        }
                    }
                    facts[i].code = code.clone();
                    facts[i].code_system = system;
                    facts[i].code_source = source;
                }
            }
        }
    }
}
