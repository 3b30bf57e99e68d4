//! # yusuan-normalizer
//!
//! Brief overview. [`normalize`] takes a read [`Document`] and the [`Table`]s layout found in it
//! and returns a [`Normalized`] document: [`DocInfo`] (unit, year, budget or final account),
//! each table with its canonical `table_key` ([`kind`]), one [`Fact`] per published number
//! ([`facts`]: codes split and classified by [`codes`], column measures by [`measure`], names and
//! 政府经济分类 codes from the catalogs of `yusuan-catalog`), the arithmetic [`checks`], and
//! the indicators stated in the narrative (`yusuan-narrative`).

pub mod checks;
pub mod codes;
pub mod document;
pub mod facts;
pub mod infer;
pub mod kind;
pub mod measure;
pub mod performance;

pub use checks::Check;
pub use document::DocInfo;
pub use facts::{Fact, Unplaced};
pub use performance::TargetRow;
pub use yusuan_narrative::Indicator;

use yusuan_catalog::catalog;
use yusuan_extractor::layout::{self, Table};
use yusuan_extractor::Document;

/// A table with its canonical kind.
#[derive(Debug, Clone)]
pub struct KeyedTable {
    pub key: &'static str,
    pub table: Table,
}

#[derive(Debug, Clone)]
pub struct Normalized {
    pub info: DocInfo,
    pub tables: Vec<KeyedTable>,
    pub facts: Vec<Fact>,
    /// Standard names and 政府经济分类 codes, parallel to `facts`.
    pub enrich: Vec<Enrichment>,
    pub checks: Vec<Check>,
    pub indicators: Vec<Indicator>,
    /// Indicator rows of performance-target tables, with the index of their table.
    pub targets: Vec<(usize, TargetRow)>,
    /// Numbers printed in tables that did not become facts, with the reason.
    pub unplaced: Vec<Unplaced>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Enrichment {
    pub code_name_std: String,
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

pub fn normalize(doc: &Document, tables: Vec<Table>) -> Normalized {
    let texts = page_texts(doc, &tables);
    let first: Vec<String> = texts.iter().take(3).map(|p| p.lines.join("\n")).collect();
    let all_text: String = texts
        .iter()
        .map(|p| p.lines.join("\n"))
        .collect::<Vec<_>>()
        .join("\n");
    let info = document::doc_info(&first, &all_text, &tables);
    let keyed: Vec<KeyedTable> = tables
        .into_iter()
        .map(|t| KeyedTable {
            key: kind::table_key(&t.title),
            table: t,
        })
        .collect();
    let mut facts = Vec::new();
    let mut targets = Vec::new();
    let mut unplaced = Vec::new();
    for (i, kt) in keyed.iter().enumerate() {
        if kt.key.starts_with("performance") || kt.key == "overall_performance_targets" {
            targets.extend(
                performance::target_rows(&kt.table)
                    .into_iter()
                    .map(|r| (i, r)),
            );
        }
        // Forms (绩效目标表, 绩效自评表 and any table printed without header rows) read by cell.
        let form = kt.key.starts_with("performance")
            || kt.key == "overall_performance_targets"
            || kt.table.header_paths.iter().all(|p| p.is_empty());
        if form {
            facts.extend(facts::form_facts(i, &kt.table));
        } else {
            let (f, u) = facts::table_facts(i, &kt.table);
            facts.extend(f);
            unplaced.extend(u);
        }
    }
    infer::infer_missing(&mut facts, &keyed, info.year);
    let cat = catalog();
    let enrich = facts
        .iter()
        .map(|f| {
            let name = match f.code_system {
                "function" => cat.function_name(&f.code, info.year),
                "economic" => cat.economic_name_in(&f.code, info.year),
                "gov_economic" => cat.gov_economic_name(&f.code),
                _ => None,
            };
            // A 政府经济分类 code printed on the row wins over the crosswalk's.
            let printed_gov = f
                .other_codes
                .split(';')
                .find_map(|c| c.strip_prefix("gov_economic:"));
            let gov = if f.code_system == "economic" {
                printed_gov.or_else(|| cat.gov_economic_for(&f.code, info.unit_type))
            } else {
                None
            };
            Enrichment {
                code_name_std: name.unwrap_or("").to_string(),
                gov_economic_code: gov.unwrap_or("").to_string(),
            }
        })
        .collect();
    let indicators = yusuan_narrative::extract_indicators(&texts);
    let checks = checks::run(&keyed, &facts, &indicators, info.year);
    Normalized {
        info,
        tables: keyed,
        facts,
        enrich,
        checks,
        indicators,
        targets,
        unplaced,
    }
}
