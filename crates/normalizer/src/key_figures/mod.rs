//! Headline figures of one document (key_figures.csv): 收入总计, 支出总计, the 拨款 by fund,
//! 基本支出 / 项目支出, 人员经费 / 公用经费, "三公" and its parts, 会议费, 培训费, 机关运行经费,
//! 政府采购 — each in 万元, with the cells it comes from.
//!
//! A figure is taken only from a place that prints it: a total row of a table of the right kind
//! (the document's own row, never a sub-unit's), a labelled row of the summary table, or an
//! item of the "三公" table (named by its row or by its column). Every table printing it gives a
//! candidate; the first table in [`Spec::keys`] order gives the value, and `agreement` says
//! whether the others print the same amount (within the rounding of their printed digits).
//! The narrative's quote of the same figure (indicators.csv, same key) is reported beside it.
//! A figure no table and no single narrative quote prints is absent, never derived.

use crate::checks::CellRef;
use crate::facts::{amount_wan, Fact};
use crate::vocab::TableKind;
use crate::{KeyedTable, Normalized};
use rust_decimal::Decimal;
use yusuan_narrative::Indicator;

mod sources;
use sources::{measure_rank, summary_item, table_order, total_row_item};

/// One headline figure of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFigure {
    /// Key, the same as the narrative indicator's (`expenditure_total`, `three_public_total`…).
    pub figure: &'static str,
    /// Chinese name (支出总计…).
    pub name: &'static str,
    /// The value in 万元 (exact: 元 amounts divided by 10 000).
    pub value_wan: Decimal,
    /// The prior-year value in 万元, where the document prints one.
    pub prior_year_wan: Option<Decimal>,
    /// `table` or `narrative`: where the prior-year value is printed.
    pub prior_year_from: &'static str,
    /// The cells printing the figure, the one giving `value_wan` first, one per table.
    pub cells: Vec<CellRef>,
    /// The cells printing the prior-year value.
    pub prior_cells: Vec<CellRef>,
    /// `one_table`, `agree` (several tables print the same amount), `differ`, or `narrative`
    /// (no table prints it; the narrative quotes it once).
    pub agreement: &'static str,
    /// The narrative's quote of the figure in 万元 (the one closest to the value), if any.
    pub narrative_wan: Option<Decimal>,
    /// The page of the narrative's quote.
    pub narrative_page: Option<usize>,
}

/// Figures, in output order: (key, name).
pub const FIGURES: &[(&str, &str)] = &[
    ("income_total", "收入总计"),
    ("expenditure_total", "支出总计"),
    ("income_fiscal", "财政拨款收入"),
    ("income_general_budget", "一般公共预算拨款"),
    ("income_gov_fund", "政府性基金预算拨款"),
    ("income_soe_capital", "国有资本经营预算拨款"),
    ("expenditure_basic", "基本支出"),
    ("expenditure_project", "项目支出"),
    ("personnel_costs", "人员经费"),
    ("public_costs", "公用经费"),
    ("three_public_total", "“三公”经费"),
    ("three_public_travel_abroad", "因公出国（境）费"),
    ("three_public_reception", "公务接待费"),
    ("three_public_vehicles", "公务用车购置及运行维护费"),
    ("three_public_vehicle_purchase", "公务用车购置费"),
    ("three_public_vehicle_operation", "公务用车运行维护费"),
    ("meeting_costs", "会议费"),
    ("training_costs", "培训费"),
    ("operating_costs", "机关运行经费"),
    ("procurement_total", "政府采购"),
];

/// A cell printing a figure (or its prior-year value).
#[derive(Clone, Copy)]
struct Candidate<'a> {
    figure: &'static str,
    prior: bool,
    /// Lower is preferred within one table (the 合计 column before a fund's column).
    rank: u8,
    fact: &'a Fact,
    wan: Decimal,
}

use yusuan_extractor::lexicon::fold_spaces as squash_label;

/// Text of a header or label without spaces, numbering (一、 (1) 1. （二）) and 其中：.
fn bare(s: &str) -> String {
    let mut t = squash_label(s);
    for p in ["其中：", "其中:", "其中"] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.to_string();
        }
    }
    let t = t.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "一二三四五六七八九十、.．()（）:：".contains(c)
    });
    t.to_string()
}

fn is_total_word(s: &str) -> bool {
    matches!(
        s,
        "合计" | "总计" | "小计" | "金额" | "预算数" | "决算数" | "本年预算数" | "预算金额"
    )
}

/// The "三公" item a text names, if any; `ctx` is the text above it (a parent header).
fn three_public_item(s: &str, ctx: &str) -> Option<&'static str> {
    let car = s.contains("公务用车") || ctx.contains("公务用车");
    Some(if s.contains("因公出国") {
        "three_public_travel_abroad"
    } else if s.contains("公务接待") {
        "three_public_reception"
    } else if s.contains("购置") && s.contains("运行") {
        "three_public_vehicles"
    } else if s.contains("购置") && car {
        "three_public_vehicle_purchase"
    } else if s.contains("运行") && car && !s.contains("机关运行") {
        "three_public_vehicle_operation"
    } else if s.contains("会议费") {
        "meeting_costs"
    } else if s.contains("培训费") {
        "training_costs"
    } else if s.contains("机关运行经费") {
        "operating_costs"
    } else if s.contains("三公") {
        "three_public_total"
    } else {
        return None;
    })
}

/// The item a header path names, walking up from its last cell: `小计` and `合计` stand for
/// their group. `Some("")` is a plain total (合计 with no item above it).
fn item_of_path(path: &[String]) -> Option<&'static str> {
    let segs: Vec<String> = path.iter().map(|p| bare(p)).collect();
    let mut plain_total = false;
    for i in (0..segs.len()).rev() {
        let ctx = segs[..i].concat();
        if is_total_word(&segs[i]) {
            plain_total = true;
            continue;
        }
        if let Some(item) = three_public_item(&segs[i], &ctx) {
            return Some(item);
        }
    }
    plain_total.then_some("")
}

/// Whether a text marks the prior year (上年, 2025年 in a 2026 document) — not 上年结转.
fn marks_prior(s: &str, year: Option<u16>) -> bool {
    let t = s.replace("上年结转", "");
    t.contains("上年") || year.is_some_and(|y| t.contains(&format!("{}年", y - 1)))
}

/// Text that is no amount of the figure itself: changes, carry-overs, shares.
fn is_other_column(s: &str) -> bool {
    [
        "增减",
        "变化",
        "结转",
        "结余",
        "比上年",
        "同比",
        "增长",
        "%",
        "％",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// A row of the document's own unit: not a listed unit's row, not a sub-unit's.
fn own_row(f: &Fact) -> bool {
    f.sub_unit.is_empty() && f.row_kind != "sub_unit"
}

fn is_own_total(f: &Fact) -> bool {
    own_row(f) && f.row_kind == "total" && f.code.is_empty()
}

/// Candidates of a "三公" / 机关运行经费 table: an item named by the row (the value in a total
/// column) or by the column (on the total row).
fn three_public_candidates<'a>(
    t: &KeyedTable,
    facts: &[&'a Fact],
    year: Option<u16>,
    out: &mut Vec<(Candidate<'a>, bool)>,
) {
    let has_meeting = facts.iter().any(|f| {
        let s = format!("{}{}", f.row_label, f.column_path.concat());
        s.contains("会议费") || s.contains("培训费")
    });
    for f in facts {
        if !own_row(f) {
            continue;
        }
        let path = f.column_path.join(">");
        let label = bare(&f.row_label);
        if is_other_column(&path) || is_other_column(&label) {
            continue;
        }
        let prior = marks_prior(&path, year) || marks_prior(&label, year);
        let by_row = three_public_item(&label, "");
        let (item, rank) = match by_row {
            // Item rows in an operating-costs breakdown are its components, not the unit's.
            Some(_) if t.key == TableKind::OperatingCosts => continue,
            Some(item) => {
                if item_of_path(&f.column_path).is_some_and(|i| !i.is_empty()) {
                    continue;
                }
                (item, measure_rank(&f.measure))
            }
            None => {
                let row_is_total = f.row_kind == "total"
                    || label.is_empty()
                    || is_total_word(&label)
                    || label.ends_with('年');
                if !row_is_total {
                    continue;
                }
                let Some(item) = item_of_path(&f.column_path) else {
                    continue;
                };
                (item, measure_rank(&f.measure))
            }
        };
        let item = match item {
            "" if t.key == TableKind::OperatingCosts => "operating_costs",
            "" if !has_meeting => "three_public_total",
            "" => continue,
            i => i,
        };
        if t.key == TableKind::OperatingCosts && item != "operating_costs" {
            continue;
        }
        if let Some(wan) = amount_wan(f.amount, &t.table.amount_unit) {
            out.push((
                Candidate {
                    figure: item,
                    prior,
                    rank,
                    fact: f,
                    wan,
                },
                true,
            ));
        }
    }
}

/// Every cell printing a figure, in document order.
fn candidates<'a>(n: &'a Normalized) -> Vec<Candidate<'a>> {
    let year = n.info.year;
    let mut by_table: Vec<Vec<&Fact>> = vec![Vec::new(); n.tables.len()];
    for f in &n.facts {
        if let Some(v) = by_table.get_mut(f.table) {
            v.push(f);
        }
    }
    let mut out = Vec::new();
    for (t, kt) in n.tables.iter().enumerate() {
        let unit = &kt.table.amount_unit;
        if matches!(
            kt.key,
            TableKind::ThreePublicExpenses | TableKind::OperatingCosts
        ) {
            let mut found = Vec::new();
            three_public_candidates(kt, &by_table[t], year, &mut found);
            out.extend(found.into_iter().map(|(c, _)| c));
            continue;
        }
        let summary = matches!(kt.key, TableKind::Summary | TableKind::FiscalSummary);
        for f in &by_table[t] {
            // Cheap tests first: most cells are neither a summary row nor a total row.
            if !summary && !is_own_total(f) {
                continue;
            }
            let Some(wan) = amount_wan(f.amount, unit) else {
                continue;
            };
            let path = f.column_path.join(">");
            let prior = marks_prior(&path, year) || f.measure == "prior_year";
            let figure = if summary {
                if is_other_column(&path) || path.contains("支出") && !path.contains("收入") {
                    // The expenditure side's column holds 支出总计 and 基本/项目支出 only.
                    match summary_item(&f.row_label) {
                        Some(
                            i @ ("expenditure_total" | "expenditure_basic" | "expenditure_project"),
                        ) if !is_other_column(&path) => Some(i),
                        _ => None,
                    }
                } else {
                    summary_item(&f.row_label)
                }
                .map(|i| match (kt.key, i) {
                    (TableKind::FiscalSummary, "income_total") => "income_fiscal",
                    (TableKind::FiscalSummary, _) => "",
                    (_, i) => i,
                })
                .filter(|i| !i.is_empty())
            } else if is_own_total(f) {
                total_row_item(kt.key, f)
            } else {
                None
            };
            if let Some(figure) = figure {
                out.push(Candidate {
                    figure,
                    prior,
                    rank: measure_rank(&f.measure),
                    fact: f,
                    wan,
                });
            }
        }
    }
    out
}

/// Half a unit of the last printed digit, in 万元.
fn half_unit_wan(c: &Candidate, n: &Normalized) -> Decimal {
    let unit = &n.tables[c.fact.table].table.amount_unit;
    let half = Decimal::new(5, c.fact.amount.scale() + 1);
    amount_wan(half, unit).unwrap_or(half)
}

/// One candidate per table (the preferred column, then the first row), tables in preference
/// order.
fn per_table<'a>(
    cands: &[Candidate<'a>],
    figure: &str,
    prior: bool,
    n: &Normalized,
) -> Vec<Candidate<'a>> {
    let order = table_order(figure);
    let mut picked: Vec<Candidate> = Vec::new();
    for c in cands
        .iter()
        .filter(|c| c.figure == figure && c.prior == prior)
    {
        match picked.iter_mut().find(|p| p.fact.table == c.fact.table) {
            Some(p) if c.rank < p.rank => *p = *c,
            Some(_) => {}
            None => picked.push(*c),
        }
    }
    let pos = |c: &Candidate| {
        let key = n.tables[c.fact.table].key;
        order.iter().position(|k| *k == key).unwrap_or(order.len())
    };
    // A spending table's total stands in for a fund's income where no income table prints
    // it, and confirms a printed 拨款 it equals; one that does not equal it is another
    // quantity (it spends the carry-over too: 一般公共预算支出 = 拨款 + 上年结转), not a
    // disagreement.
    let stand_in = |c: &Candidate| {
        figure.starts_with("income_")
            && matches!(
                n.tables[c.fact.table].key,
                TableKind::GeneralBudgetExpenditure
                    | TableKind::GovFundExpenditure
                    | TableKind::SoeCapitalExpenditure
            )
    };
    picked.sort_by_key(|c| (pos(c), c.fact.table));
    if let Some(income) = picked.iter().find(|c| !stand_in(c)).copied() {
        picked.retain(|c| {
            !stand_in(c)
                || (c.wan - income.wan).abs() <= half_unit_wan(c, n) + half_unit_wan(&income, n)
        });
    }
    picked
}

/// The narrative's quotes of a figure (the document's own, in 万元).
fn quotes<'a>(indicators: &'a [Indicator], figure: &str) -> Vec<&'a Indicator> {
    indicators
        .iter()
        .filter(|i| i.indicator == figure && i.subject.is_empty() && i.value_unit == "万元")
        .collect()
}

/// The headline figures of a normalized document.
pub fn key_figures(n: &Normalized) -> Vec<KeyFigure> {
    let cands = candidates(n);
    let mut out = Vec::new();
    for (figure, name) in FIGURES {
        let current = per_table(&cands, figure, false, n);
        let prior = per_table(&cands, figure, true, n);
        let qs = quotes(&n.indicators, figure);
        if let Some(first) = current.first() {
            let agree = current.iter().all(|c| {
                (c.wan - first.wan).abs() <= half_unit_wan(c, n) + half_unit_wan(first, n)
            });
            let agreement = match (current.len(), agree) {
                (1, _) => "one_table",
                (_, true) => "agree",
                _ => "differ",
            };
            let closest = qs
                .iter()
                .min_by_key(|q| (q.value - first.wan).abs())
                .copied();
            let (prior_year_wan, prior_year_from) = match prior.first() {
                Some(p) => (Some(p.wan), "table"),
                None => match closest.and_then(|q| q.prior_year_value) {
                    Some(v) => (Some(v), "narrative"),
                    None => (None, ""),
                },
            };
            out.push(KeyFigure {
                figure,
                name,
                value_wan: first.wan,
                prior_year_wan,
                prior_year_from,
                cells: current.iter().map(|c| CellRef::of(c.fact)).collect(),
                prior_cells: prior.iter().map(|c| CellRef::of(c.fact)).collect(),
                agreement,
                narrative_wan: closest.map(|q| q.value),
                narrative_page: closest.map(|q| q.page),
            });
        } else {
            // No table prints it: the narrative's figure when it quotes exactly one amount.
            let mut values: Vec<Decimal> = qs.iter().map(|q| q.value).collect();
            values.dedup();
            if let ([v], Some(q)) = (values.as_slice(), qs.first()) {
                out.push(KeyFigure {
                    figure,
                    name,
                    value_wan: *v,
                    prior_year_wan: q.prior_year_value,
                    prior_year_from: if q.prior_year_value.is_some() {
                        "narrative"
                    } else {
                        ""
                    },
                    cells: Vec::new(),
                    prior_cells: Vec::new(),
                    agreement: "narrative",
                    narrative_wan: Some(*v),
                    narrative_page: Some(q.page),
                });
            }
        }
    }
    out
}

/// The table cell each narrative figure quotes (parallel to `n.indicators`): the cell a
/// `narrative_table` check found printing it (pass or rounding), else the key figure of the same
/// key printing the same amount (to 0.01 万元), else a cell of the code the sentence names in
/// an expenditure table printing that amount. `None` for figures in other units, zeros (blank
/// cells are no facts) and figures no table prints.
pub fn indicator_cells(n: &Normalized, figures: &[KeyFigure]) -> Vec<Option<CellRef>> {
    let mut out: Vec<Option<CellRef>> = vec![None; n.indicators.len()];
    for c in &n.checks {
        if let (Some(k), Some(r)) = (c.indicator, c.cells.first()) {
            if matches!(c.status.as_str(), "pass" | "rounding") {
                if let Some(slot) = out.get_mut(k) {
                    *slot = Some(*r);
                }
            }
        }
    }
    let same = |a: Decimal, b: Decimal| (a.round_dp(2) - b).abs() <= Decimal::new(5, 3);
    for (k, i) in n.indicators.iter().enumerate() {
        if out[k].is_some() || i.value_unit != "万元" || i.value.is_zero() {
            continue;
        }
        out[k] = figures
            .iter()
            .find(|f| f.figure == i.indicator && !f.cells.is_empty() && same(f.value_wan, i.value))
            .map(|f| f.cells[0])
            .or_else(|| {
                let code = yusuan_narrative::scope::code_of(i);
                if code.is_empty() {
                    return None;
                }
                n.facts
                    .iter()
                    .filter(|f| f.code == code && f.sub_unit.is_empty())
                    .filter(|f| {
                        matches!(
                            n.tables[f.table].key,
                            TableKind::GeneralBudgetExpenditure
                                | TableKind::Expenditure
                                | TableKind::FiscalSummary
                                | TableKind::Income
                                | TableKind::FiscalExpenditure
                        )
                    })
                    .find(|f| {
                        amount_wan(f.amount, &n.tables[f.table].table.amount_unit)
                            .is_some_and(|w| same(w, i.value))
                    })
                    .map(CellRef::of)
            });
    }
    out
}
