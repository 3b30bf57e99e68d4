//! Arithmetic and consistency checks over the facts of one document.
//!
//! Every check compares a published number (`actual`) with the value the other published
//! numbers imply (`expected`). A sum of n rounded values may be off by up to n × half a unit
//! of the last printed digit: such differences are `rounding`, larger ones `fail`.
//!
//! Checks: `parent_sum` (类 = Σ款, 款 = Σ项, 301 = Σ301xx, per column), `total_basic_project`
//! (合计 = 基本支出 + 项目支出), `total_personnel_public` (合计 = 人员经费 + 公用经费),
//! `total_economic` (项目支出合计 = Σ economic columns), `subtotal_sources` (小计 and 总计 = Σ
//! sources), `income_equals_expenditure` (收入总计 = 支出总计), `cross_table` (表2/表3/表5/表6/表7
//! totals), `three_public_items` ("三公" 合计 = its items), `code_name` (a printed code whose name
//! differs from the catalog), `narrative_change` (a quoted change in percent against the quoted
//! values), `narrative_conflict` (one line quoted with two values), `narrative_table` (quoted
//! amounts against the tables).

use crate::facts::Fact;
use crate::KeyedTable;
use rust_decimal::Decimal;
use yusuan_narrative::Indicator;

mod cross;
mod narrative;
mod sums;
#[cfg(test)]
mod tests;

/// Outcome of a check, written as [`CheckStatus::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckStatus {
    /// The numbers agree exactly.
    Pass,
    /// They differ by no more than the rounding of the added terms (n × half a unit of the
    /// last printed digit).
    Rounding,
    /// They differ by more, and no printed figure accounts for the difference.
    Fail,
    /// They differ by more, but another printed figure of the document closes the gap within
    /// rounding (a 上年结转 column left out of one side): named in `explanation`.
    Explained,
}

impl CheckStatus {
    /// The word in checks.csv.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Rounding => "rounding",
            CheckStatus::Fail => "fail",
            CheckStatus::Explained => "explained",
        }
    }
}

impl std::fmt::Display for CheckStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A table cell a check compares: 0-based table, body row and column, as in [`Fact`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRef {
    /// The table (index in the document's tables).
    pub table: usize,
    /// The body row (index in the table's rows).
    pub body_row: usize,
    /// The column (index in the table's header paths).
    pub col: usize,
}

impl CellRef {
    /// The cell of a fact.
    pub fn of(f: &Fact) -> CellRef {
        CellRef {
            table: f.table,
            body_row: f.body_row,
            col: f.col,
        }
    }
}

/// One arithmetic or consistency check (a row of checks.csv).
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The kind of the table checked, `cross` across tables, `narrative` for the text.
    pub table_key: String,
    /// Which check (parent_sum, row_identity, cross_table, narrative_table, …).
    pub check: &'static str,
    /// What was checked, in words a person reads (code, label, column).
    pub subject: String,
    /// The value the other numbers imply.
    pub expected: Decimal,
    /// The value printed.
    pub actual: Decimal,
    /// pass, rounding, fail or explained.
    pub status: CheckStatus,
    /// The cells compared, the printed figure (`actual`) first, then the terms of `expected`,
    /// then the figure of `explanation`; empty for narrative-only checks.
    pub cells: Vec<CellRef>,
    /// Page, table and code of the printed figure (`actual`), where it is a table cell.
    pub page: Option<usize>,
    /// The table of the printed figure, where it is a table cell.
    pub table: Option<usize>,
    /// The code of the printed figure's row, if any.
    pub code: String,
    /// `万元` or `元`: the unit of `expected` and `actual` (the narrative's 万元 for quotes).
    pub unit: String,
    /// For `explained`: the printed figure that closes the gap.
    pub explanation: String,
    /// For `narrative_table`: the index of the quoted indicator in `Normalized::indicators`.
    pub indicator: Option<usize>,
}

impl Check {
    /// |actual − expected| / |expected|; `None` when `expected` is zero and `actual` is not.
    pub fn relative_difference(&self) -> Option<Decimal> {
        let diff = (self.actual - self.expected).abs();
        if diff.is_zero() {
            return Some(Decimal::ZERO);
        }
        if self.expected.is_zero() {
            return None;
        }
        Some((diff / self.expected.abs()).round_dp(6))
    }

    /// How large the difference is, whatever explains it: `none` (equal), `rounding` (within
    /// the rounding of the added terms), `minor` (beyond rounding, under 1 % of `expected`: a
    /// figure rounded or typed wrong), `major` (1 % or more: a wrong or missing row), `name`
    /// (`code_name`: the printed name differs from the catalog's).
    pub fn severity(&self) -> &'static str {
        if self.check == "code_name" {
            return if self.status == CheckStatus::Pass {
                "none"
            } else {
                "name"
            };
        }
        match self.status {
            CheckStatus::Pass => "none",
            CheckStatus::Rounding => "rounding",
            CheckStatus::Fail | CheckStatus::Explained => match self.relative_difference() {
                Some(r) if r < Decimal::new(1, 2) => "minor",
                _ => "major",
            },
        }
    }
}

fn half_unit(values: &[Decimal]) -> Decimal {
    let scale = values.iter().map(|v| v.scale()).max().unwrap_or(2);
    Decimal::new(5, scale + 1)
}

/// Status of `actual` against `expected` when `terms` rounded values were added.
fn judge(expected: Decimal, actual: Decimal, terms: usize, values: &[Decimal]) -> CheckStatus {
    let diff = (actual - expected).abs();
    if diff.is_zero() {
        CheckStatus::Pass
    } else if diff <= half_unit(values) * Decimal::from(terms.max(1) as u64) {
        CheckStatus::Rounding
    } else {
        CheckStatus::Fail
    }
}

/// One comparison found in a table: the printed figure against the sum of others.
struct Cmp<'a> {
    subject: String,
    expected: Decimal,
    actual: Decimal,
    /// Number of rounded terms added.
    terms: usize,
    /// Values whose last printed digit sets the rounding unit.
    values: Vec<Decimal>,
    /// The printed figure first, then the terms.
    cells: Vec<&'a Fact>,
}

impl<'a> Cmp<'a> {
    /// A comparison whose rounding unit is set by the two figures compared.
    fn of(
        subject: String,
        expected: Decimal,
        actual: Decimal,
        terms: usize,
        cells: Vec<&'a Fact>,
    ) -> Cmp<'a> {
        Cmp {
            subject,
            expected,
            actual,
            terms,
            values: vec![expected, actual],
            cells,
        }
    }
}

struct Ctx<'a> {
    tables: &'a [KeyedTable],
    /// Facts per table.
    by_table: Vec<Vec<&'a Fact>>,
    out: Vec<Check>,
}

impl<'a> Ctx<'a> {
    fn push(&mut self, table: usize, check: &'static str, c: Cmp<'a>) {
        let key = self.tables.get(table).map_or("cross", |t| t.key.as_str());
        self.push_key(key.to_string(), check, c);
    }
    fn push_key(&mut self, table_key: String, check: &'static str, c: Cmp<'a>) {
        let status = judge(c.expected, c.actual, c.terms, &c.values);
        let first = c.cells.first();
        let unit = first
            .and_then(|f| self.tables.get(f.table))
            .map(|t| t.table.amount_unit.clone())
            .unwrap_or_default();
        self.out.push(Check {
            table_key,
            check,
            subject: c.subject,
            expected: c.expected,
            actual: c.actual,
            status,
            cells: c.cells.iter().map(|f| CellRef::of(f)).collect(),
            page: first.map(|f| f.page),
            table: first.map(|f| f.table),
            code: first.map(|f| f.code.clone()).unwrap_or_default(),
            unit,
            explanation: String::new(),
            indicator: None,
        });
    }
}

use yusuan_extractor::lexicon::fold_spaces as squash;

fn is_total_row(label: &str) -> bool {
    let t = squash(label);
    matches!(
        t.as_str(),
        "合计" | "总计" | "本年支出合计" | "本年收入合计" | "支出合计" | "收入合计" | "合计数"
    ) || t.ends_with("总计") && t.chars().count() <= 6
}

/// Runs every check of a document's tables and narrative.
pub fn run(
    tables: &[KeyedTable],
    facts: &[Fact],
    indicators: &[Indicator],
    year: Option<u16>,
    final_account: bool,
) -> Vec<Check> {
    let mut by_table: Vec<Vec<&Fact>> = vec![Vec::new(); tables.len()];
    for f in facts {
        if let Some(v) = by_table.get_mut(f.table) {
            v.push(f);
        }
    }
    let mut ctx = Ctx {
        tables,
        by_table,
        out: Vec::new(),
    };
    for t in 0..tables.len() {
        sums::parent_sums(&mut ctx, t);
        sums::row_identities(&mut ctx, t);
        sums::column_groups(&mut ctx, t);
        cross::income_equals_expenditure(&mut ctx, t);
        cross::three_public_items(&mut ctx, t);
    }
    cross::cross_tables(&mut ctx, final_account);
    cross::code_names(&mut ctx, year);
    narrative::narrative(&mut ctx, indicators);
    // Only a failed total comparison can be explained: the carry-over figures are gathered
    // for the documents that have one.
    let explainable = |c: &Check| {
        c.status == CheckStatus::Fail
            && matches!(c.check, "cross_table" | "income_equals_expenditure")
    };
    if ctx.out.iter().any(explainable) {
        let carryovers = carryover_figures(&ctx);
        for c in ctx.out.iter_mut() {
            explain(c, &carryovers);
        }
    }
    ctx.out
}

/// Figures of the carry-over columns and rows on total rows (上年结转 in, 结转下年 out): a
/// total compared with another table's may leave them out on one side.
fn carryover_figures<'a>(ctx: &Ctx<'a>) -> Vec<(&'a Fact, String)> {
    let mut out = Vec::new();
    for (t, fs) in ctx.by_table.iter().enumerate() {
        let unit = &ctx.tables[t].table.amount_unit;
        for f in fs {
            let in_path = f.column_path.iter().any(|p| squash(p).contains("上年结转"));
            // 结转下年 / 年末结转: what a budget's income funds beyond the year's spending (its
            // expenditure table leaves it out: 收入总计 = 本年支出 + 结转下年).
            let carry = |s: &str| {
                let s = squash(s);
                s.contains("上年结转") || s.contains("结转下年") || s.contains("年末结转")
            };
            let in_path = in_path || f.column_path.iter().any(|p| carry(p));
            let in_label = carry(&f.row_label);
            let total_row = f.row_kind == "total" || is_total_row(&f.row_label);
            if (in_path && total_row) || (in_label && f.code.is_empty()) {
                out.push((*f, unit.clone()));
            }
        }
    }
    out
}

/// A failed total comparison whose gap is a printed 上年结转 figure (within the rounding of one
/// more term) is `explained`, with that figure named and its cell added.
fn explain(c: &mut Check, carryovers: &[(&Fact, String)]) {
    if c.status != CheckStatus::Fail
        || !matches!(c.check, "cross_table" | "income_equals_expenditure")
    {
        return;
    }
    let gap = (c.actual - c.expected).abs();
    let Some((f, _)) = carryovers.iter().find(|(f, unit)| {
        *unit == c.unit
            && !f.amount.is_zero()
            && (gap - f.amount.abs()).abs()
                <= half_unit(&[c.actual, c.expected, f.amount]) * Decimal::from(2)
    }) else {
        return;
    };
    c.status = CheckStatus::Explained;
    c.cells.push(CellRef::of(f));
    c.explanation = format!(
        "{} {} {} (row {}, {}) closes the gap",
        f.row_label,
        f.column_path.join(" > "),
        f.amount,
        f.row_no,
        c.unit
    )
    .replace("  ", " ");
}
