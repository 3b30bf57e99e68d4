//! # yusuan-normalizer
//!
//! Brief overview. [`normalize`] takes a read [`Document`] and the [`Table`]s layout found in it
//! and returns a [`Normalized`] document: [`DocInfo`] (unit, year, budget or final account),
//! each table with its canonical `table_key` ([`kind`]), one [`Fact`] per published number
//! ([`facts`]: codes split and classified by [`codes`], column measures by [`measure`], names and
//! 政府经济分类 codes from the catalogs of `yusuan-catalog`), the arithmetic [`checks`], and
//! the indicators stated in the narrative (`yusuan-narrative`).

#![warn(missing_docs)]

pub mod checks;
pub mod codes;
pub mod document;
pub mod facts;
pub mod infer;
pub mod key_figures;
pub mod kind;
pub mod measure;
pub mod outcome;
pub mod performance;
#[cfg(test)]
mod test_tables;
pub mod units;
pub mod vocab;

pub use checks::{CellRef, Check, CheckStatus};
pub use document::DocInfo;
pub use facts::{Fact, Unplaced};
pub use key_figures::{key_figures, KeyFigure};
pub use performance::TargetRow;
pub use yusuan_catalog::UnitType;
pub use yusuan_narrative::Indicator;

use crate::vocab::TableKind;
use yusuan_catalog::catalog;
use yusuan_extractor::layout::{self, Table};
use yusuan_extractor::Document;

/// A table with its canonical kind.
#[derive(Debug, Clone)]
pub struct KeyedTable {
    /// The table's kind (`table_key`).
    pub key: vocab::TableKind,
    /// The table as read by layout.
    pub table: Table,
    /// The sub-unit (预算单位) of every body row when the table lists several units; empty
    /// when it lists one.
    pub sub_units: Vec<String>,
}

/// Everything normalized from one document: its facts and checks, what the narrative says, and what did not become a fact.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// Unit name, year, budget or final account, unit type, disclosure level.
    pub info: DocInfo,
    /// The tables found, each with its kind.
    pub tables: Vec<KeyedTable>,
    /// One fact per printed number of the tables (facts.csv).
    pub facts: Vec<Fact>,
    /// Standard names and 政府经济分类 codes, parallel to `facts`.
    pub enrich: Vec<Enrichment>,
    /// The arithmetic and consistency checks (checks.csv).
    pub checks: Vec<Check>,
    /// Figures stated in the narrative (indicators.csv).
    pub indicators: Vec<Indicator>,
    /// Indicator rows of performance-target tables, with the index of their table.
    pub targets: Vec<(usize, TargetRow)>,
    /// Numbers printed in tables that did not become facts, with the reason.
    pub unplaced: Vec<Unplaced>,
    /// Rows printing only a name whose code neither the catalog nor the table's hierarchy
    /// settles (`infer`).
    pub codes_ambiguous: usize,
}

/// What the catalog adds to a fact.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Enrichment {
    /// The standard name of the fact's code in the catalog of the document's year.
    pub code_name_std: String,
    /// For 部门经济 codes: the 政府经济 code (printed on the row, else from the crosswalk).
    pub gov_economic_code: String,
}

/// Text of every page in reading order, without the text inside tables: the narrative is
/// read from it (a table's cells — 主要原因 columns, 绩效 indicator values — are not sentences).
pub fn page_texts(doc: &Document, tables: &[Table]) -> Vec<yusuan_narrative::PageText> {
    doc.pages
        .iter()
        .map(|p| {
            let areas: Vec<_> = tables
                .iter()
                .flat_map(|t| t.areas.iter())
                .filter(|a| a.0 == p.number)
                .collect();
            let glyphs: Vec<&yusuan_extractor::Glyph> = p
                .glyphs
                .iter()
                .filter(|g| {
                    !areas
                        .iter()
                        .any(|a| g.cx() >= a.1 && g.cx() <= a.3 && g.cy() >= a.2 && g.cy() <= a.4)
                })
                .collect();
            yusuan_narrative::PageText {
                number: p.number,
                lines: layout::lines::group_lines(&glyphs)
                    .into_iter()
                    .map(|l| l.text)
                    .collect(),
            }
        })
        .collect()
}

/// Sub-units of the rows of every table that lists several units, and the project named by
/// the rows of project tables printed without a 项目名称 column (支出项目类别 | amounts).
fn assign_units(keyed: &mut [KeyedTable], facts: &mut [Fact], doc_unit: &str) {
    let mut by_table: Vec<Vec<usize>> = vec![Vec::new(); keyed.len()];
    for (i, f) in facts.iter().enumerate() {
        by_table[f.table].push(i);
    }
    for (ti, kt) in keyed.iter_mut().enumerate() {
        let idx = &by_table[ti];
        if idx.is_empty() || kt.table.header_paths.iter().all(|p| p.is_empty()) {
            continue;
        }
        let fs: Vec<&Fact> = idx.iter().map(|i| &facts[*i]).collect();
        let subs = units::sub_units(&kt.table, &fs, doc_unit);
        let project_table = matches!(
            kt.key,
            TableKind::ProjectExpenditure | TableKind::GeneralBudgetProjectExpenditure
        );
        let lists_units = subs.iter().any(|s| !s.is_empty());
        for &i in idx {
            let f = &mut facts[i];
            f.sub_unit = subs[f.body_row].clone();
            f.row_kind = if units::is_unit_row(&f.row_label, &f.sub_unit) {
                "sub_unit"
            } else if f.sub_unit.is_empty()
                && f.code.is_empty()
                && units::is_unit_name(&f.row_label, doc_unit)
                // (a row naming the unit beside a project of its own is that project's row)
                && (f.project.is_empty() || f.project == f.row_label)
            {
                // The department's own row in a table of its units (their total), or the unit's
                // row over its codes; another unit's row in a table of one unit (货物 › 某单位)
                // is a subtotal.
                if lists_units || units::same_unit(&f.row_label, doc_unit) {
                    "total"
                } else {
                    "subtotal"
                }
            } else {
                facts::row_kind(&f.row_label)
            };
            // A unit's row in a 项目名称 column names no project.
            if f.project == f.row_label
                && (units::is_unit_row(&f.row_label, &f.sub_unit)
                    || units::is_unit_name(&f.row_label, doc_unit))
            {
                f.project.clear();
            }
            if project_table
                && f.project.is_empty()
                && f.code.is_empty()
                && !facts::is_total(&f.row_label)
                && !units::is_unit_row(&f.row_label, &f.sub_unit)
                && !units::is_unit_name(&f.row_label, doc_unit)
                && label_header_says_project(&kt.table, f)
            {
                f.project = f.row_label.clone();
            }
        }
        if subs.iter().any(|s| !s.is_empty()) {
            kt.sub_units = subs;
        }
    }
}

/// Whether the column a fact's row label was read from is headed 项目 (支出项目类别, 项目).
fn label_header_says_project(t: &Table, f: &Fact) -> bool {
    let Some(row) = t.rows.get(f.body_row) else {
        return false;
    };
    row.cells
        .iter()
        .position(|c| c.trim() == f.row_label.trim())
        .and_then(|c| t.header_paths.get(c))
        .is_some_and(|p| p.iter().any(|h| h.contains("项目")))
}

/// Standard names and 政府经济分类 codes of the facts (parallel to them).
fn enrich(facts: &[Fact], info: &DocInfo) -> Vec<Enrichment> {
    let cat = catalog();
    facts
        .iter()
        .map(|f| {
            let name = match f.code_system {
                Some(vocab::CodeSystem::Function) => cat.function_name(&f.code, info.year),
                Some(vocab::CodeSystem::Economic) => cat.economic_name_in(&f.code, info.year),
                Some(vocab::CodeSystem::GovEconomic) => cat.gov_economic_name(&f.code),
                _ => None,
            };
            // A 政府经济分类 code printed on the row wins over the crosswalk's.
            let printed_gov = f
                .other_codes
                .split(';')
                .find_map(|c| c.strip_prefix("gov_economic:"));
            let gov = if f.code_system == Some(vocab::CodeSystem::Economic) {
                printed_gov.or_else(|| cat.gov_economic_for(&f.code, info.unit_type))
            } else {
                None
            };
            Enrichment {
                code_name_std: name.unwrap_or("").to_string(),
                gov_economic_code: gov.unwrap_or("").to_string(),
            }
        })
        .collect()
}

/// Normalizes one document: table kinds, facts, codes, sub-units, checks, narrative figures.
pub fn normalize(doc: &Document, tables: Vec<Table>) -> Normalized {
    let texts = page_texts(doc, &tables);
    let first: Vec<String> = texts.iter().take(3).map(|p| p.lines.join("\n")).collect();
    let all_text: String = texts
        .iter()
        .map(|p| p.lines.join("\n"))
        .collect::<Vec<_>>()
        .join("\n");
    let info = document::doc_info(&first, &all_text, &tables);
    let mut keyed: Vec<KeyedTable> = tables
        .into_iter()
        .map(|t| KeyedTable {
            key: kind::table_kind(&t.title, &t.header_paths),
            table: t,
            sub_units: Vec::new(),
        })
        .collect();
    let mut facts = Vec::new();
    let mut targets = Vec::new();
    let mut unplaced = Vec::new();
    for (i, kt) in keyed.iter().enumerate() {
        if kt.key.is_performance_form() {
            targets.extend(
                performance::target_rows(&kt.table)
                    .into_iter()
                    .map(|r| (i, r)),
            );
        }
        // Forms (绩效目标表, 绩效自评表 and any table printed without header rows) read by cell.
        let form = (kt.key.is_performance_form() && !facts::is_project_list(&kt.table))
            || kt.table.header_paths.iter().all(|p| p.is_empty());
        if form {
            facts.extend(facts::form_facts(i, &kt.table));
        } else {
            let (f, u) = facts::table_facts(i, &kt.table);
            facts.extend(f);
            unplaced.extend(u);
        }
    }
    for f in facts.iter_mut() {
        f.row_kind = facts::row_kind(&f.row_label);
    }
    assign_units(&mut keyed, &mut facts, &info.unit_name);
    let codes_ambiguous = infer::infer_missing(&mut facts, &keyed, info.year, &info.unit_name);
    let enrich = enrich(&facts, &info);
    let indicators = yusuan_narrative::extract_indicators(&texts);
    let checks = checks::run(
        &keyed,
        &facts,
        &indicators,
        info.year,
        info.doc_kind == "final_account",
    );
    Normalized {
        info,
        tables: keyed,
        facts,
        enrich,
        checks,
        indicators,
        targets,
        unplaced,
        codes_ambiguous,
    }
}
