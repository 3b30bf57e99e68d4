//! Figures quoted in the narrative: `narrative_change`, `narrative_conflict`,
//! `narrative_table`.

use super::{half_unit, is_total_row, judge, squash, CellRef, Check, CheckStatus, Ctx};
use crate::facts::Fact;
use crate::vocab::TableKind;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use yusuan_catalog::Catalog;
use yusuan_narrative::Indicator;

/// Whether the sentence quotes the figure under the kind's own words ("人员经费2,464.33万元",
/// "收支总预算3,008.81万元"), not under a compound that only ends with them
/// ("临聘人员经费15.56万元" is a project's staff, not the unit's 人员经费).
pub(super) fn quoted_plainly(sentence: &str, kind: &str, value: Decimal) -> bool {
    let words: &[&str] = match kind {
        "budget_total" => &["收支总预算", "收支预算总额", "收入总预算", "收支总计"],
        "budget_total_fiscal" => &[
            "财政拨款收支总预算",
            "财政拨款收支预算总额",
            "财政拨款收支总计",
        ],
        "expenditure_basic" => &["基本支出"],
        "expenditure_project" => &["项目支出"],
        "personnel_costs" => &["人员经费"],
        "public_costs" => &["公用经费"],
        "three_public_total" => &["三公"],
        _ => return true,
    };
    let text: String = sentence
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let figures = [value.to_string(), value.normalize().to_string()];
    let Some(at) = figures.iter().filter_map(|f| text.find(f.as_str())).min() else {
        return false;
    };
    let before = &text[..at];
    let Some((pos, word)) = words
        .iter()
        .filter_map(|w| before.rfind(w).map(|p| (p, *w)))
        .max_by_key(|(p, _)| *p)
    else {
        return false;
    };
    // The figure follows its words closely ("人员经费为 2,464.33", "基本支出预算 2,783.06").
    if before[pos + word.len()..].chars().count() > 8 {
        return false;
    }
    // What stands before the words: nothing, punctuation, a year, or a qualifier of the same
    // figure (一般公共预算基本支出, 财政拨款人员经费) — not another noun (临聘人员经费).
    let head = &before[..pos];
    // 收支总预算 and "三公" are never part of a longer noun.
    if matches!(
        kind,
        "budget_total" | "budget_total_fiscal" | "three_public_total"
    ) {
        return true;
    }
    const QUALIFIERS: &[&str] = &[
        "预算", "拨款", "当年", "本年", "年", "的", "中", "及", "和", "、", "为", "其", "是", "：",
    ];
    match head.chars().last() {
        None => true,
        Some(c) if !('\u{4e00}'..='\u{9fff}').contains(&c) => true,
        Some(_) => QUALIFIERS.iter().any(|q| head.ends_with(q)),
    }
}

/// A table amount in 万元, as the narrative quotes it (元 tables rounded to 0.01 万元).
pub(crate) fn to_wan(amount: Decimal, unit: &str) -> Decimal {
    if unit == "元" {
        (amount / Decimal::from(10_000)).round_dp(2)
    } else {
        amount
    }
}

/// A narrative check (no table cell of its own unless `cell` is the matched one).
fn narrative_check(
    check: &'static str,
    subject: String,
    expected: Decimal,
    actual: Decimal,
    status: CheckStatus,
    page: usize,
) -> Check {
    Check {
        table_key: "narrative".into(),
        check,
        subject,
        expected,
        actual,
        status,
        cells: Vec::new(),
        page: Some(page),
        table: None,
        code: String::new(),
        unit: "万元".into(),
        explanation: String::new(),
        indicator: None,
    }
}

/// A quoted figure against the table amounts that may print it: the closest one decides, and
/// its cell is the one the check compares.
fn quote_check(
    subject: String,
    (k, i): (usize, &Indicator),
    values: &[(Decimal, &Fact)],
    code: &str,
) -> Option<Check> {
    let quoted = i.value;
    let (closest, f) = values
        .iter()
        .copied()
        .min_by_key(|(v, _)| (*v - quoted).abs())?;
    let status = judge(closest, quoted, 1, &[quoted, closest]);
    let mut c = narrative_check("narrative_table", subject, closest, quoted, status, i.page);
    c.cells.push(CellRef::of(f));
    c.table = Some(f.table);
    c.code = code.to_string();
    c.indicator = Some(k);
    Some(c)
}

/// Figures quoted in the narrative: against themselves and against the tables.
pub(super) fn narrative(ctx: &mut Ctx, indicators: &[Indicator]) {
    let mut found = changes(indicators);
    found.extend(conflicts(indicators));
    found.extend(quoted_totals(ctx, indicators));
    found.extend(quoted_functions(ctx, indicators));
    ctx.out.extend(found);
}

/// A quoted change in percent against the quoted values.
fn changes(indicators: &[Indicator]) -> Vec<Check> {
    let hundred = Decimal::from(100);
    let mut found = Vec::new();
    for i in indicators {
        let (Some(prior), Some(pct)) = (i.prior_year_value, i.change_pct) else {
            continue;
        };
        if prior.is_zero() || i.value_unit != "万元" {
            continue;
        }
        let expected = ((i.value - prior) / prior * hundred).round_dp(2);
        // Quoted values are rounded to their last digit, and a percent printed with fewer
        // digits (-1.9%, -41%) or cut off rather than rounded may be off by one unit of its
        // last digit.
        let tol_rel = half_unit(&[i.value, prior]) * Decimal::from(2) / prior.abs() * hundred;
        let pct_unit = half_unit(&[pct]) * Decimal::from(2);
        let diff = (pct - expected).abs();
        let status = if diff.is_zero() {
            CheckStatus::Pass
        } else if diff <= tol_rel + pct_unit {
            CheckStatus::Rounding
        } else {
            CheckStatus::Fail
        };
        let subject = format!(
            "p{} {} {}: {} → {}, printed {}%",
            i.page,
            i.indicator,
            i.subject,
            prior.normalize(),
            i.value.normalize(),
            pct.normalize()
        );
        let mut c = narrative_check("narrative_change", subject, expected, pct, status, i.page);
        c.unit = "%".into();
        found.push(c);
    }
    found
}

/// One line quoted with two different amounts in the same paragraph.
fn conflicts(indicators: &[Indicator]) -> Vec<Check> {
    let mut found = Vec::new();
    for (k, a) in indicators.iter().enumerate() {
        if a.indicator != "expenditure_function" || a.subject.is_empty() || a.value_unit != "万元"
        {
            continue;
        }
        let Some(b) = indicators[k + 1..].iter().find(|b| {
            b.indicator == a.indicator
                && b.subject == a.subject
                && b.section == a.section
                && b.page.abs_diff(a.page) <= 1
                && b.value_unit == a.value_unit
        }) else {
            continue;
        };
        if b.value != a.value {
            let subject = format!(
                "p{} {}: quoted as {} and as {}",
                a.page,
                a.subject,
                a.value.normalize(),
                b.value.normalize()
            );
            let status = judge(a.value, b.value, 1, &[a.value, b.value]);
            let mut c = narrative_check(
                "narrative_conflict",
                subject,
                a.value,
                b.value,
                status,
                b.page,
            );
            c.code = a.subject.clone();
            found.push(c);
        }
    }
    found
}

/// The total rows that may print a quoted figure, by kind, gathered once (amounts in 万元).
fn total_rows<'a>(ctx: &Ctx<'a>) -> BTreeMap<&'static str, Vec<(Decimal, &'a Fact)>> {
    let mut totals: BTreeMap<&'static str, Vec<(Decimal, &'a Fact)>> = BTreeMap::new();
    for (t, kt) in ctx.tables.iter().enumerate() {
        let unit = &kt.table.amount_unit;
        for f in &ctx.by_table[t] {
            let label = squash(&f.row_label);
            let total_row = f.code.is_empty() && is_total_row(&f.row_label);
            let kinds: &[(&'static str, bool)] = &[
                (
                    "budget_total",
                    kt.key == TableKind::Summary
                        && (label.contains("收入总计") || label.contains("支出总计")),
                ),
                (
                    "budget_total_fiscal",
                    kt.key == TableKind::FiscalSummary
                        && (label.contains("收入总计") || label.contains("支出总计")),
                ),
                (
                    "expenditure_basic",
                    total_row
                        && (f.measure == "basic"
                            || (matches!(
                                kt.key,
                                TableKind::GeneralBudgetBasicExpenditure
                                    | TableKind::BasicExpenditure
                            ) && f.measure == "total")),
                ),
                (
                    "expenditure_project",
                    total_row
                        && (f.measure == "project"
                            || (kt.key == TableKind::GeneralBudgetProjectExpenditure
                                && f.measure == "total")),
                ),
                ("personnel_costs", total_row && f.measure == "personnel"),
                ("public_costs", total_row && f.measure == "public"),
                (
                    "three_public_total",
                    kt.key == TableKind::ThreePublicExpenses
                        && (is_total_row(&f.row_label) || label.contains("三公")),
                ),
            ];
            let value = to_wan(f.amount, unit);
            for (kind, yes) in kinds {
                if *yes {
                    totals.entry(kind).or_default().push((value, *f));
                }
            }
        }
    }
    totals
}

/// Quoted totals against the tables: fail only when no table prints the quoted amount in a
/// matching place (a narrative may quote the 支出总表 or the 一般公共预算 figure). A sentence
/// that lists several amounts of one kind (by sub-unit, by year) is a breakdown: not checked.
fn quoted_totals(ctx: &Ctx, indicators: &[Indicator]) -> Vec<Check> {
    let mut per_sentence: BTreeMap<(&str, &str, usize), usize> = BTreeMap::new();
    for i in indicators {
        *per_sentence
            .entry((i.sentence.as_str(), i.indicator.as_str(), i.page))
            .or_default() += 1;
    }
    let totals = total_rows(ctx);
    let mut found = Vec::new();
    for (k, i) in indicators.iter().enumerate() {
        // A quoted zero may stand for a blank cell, which is no fact: not checked.
        if i.value_unit != "万元"
            || i.value.is_zero()
            || per_sentence
                .get(&(i.sentence.as_str(), i.indicator.as_str(), i.page))
                .copied()
                .unwrap_or(0)
                > 1
        {
            continue;
        }
        let kind = match (i.indicator.as_str(), i.subject.as_str()) {
            ("budget_total", "财政拨款") => "budget_total_fiscal",
            (k, "") => k,
            _ => continue,
        };
        if !quoted_plainly(&i.sentence, kind, i.value) {
            continue;
        }
        let Some(values) = totals.get(kind) else {
            continue;
        };
        let subject = format!(
            "p{} {} quoted {} 万元",
            i.page,
            i.indicator,
            i.value.normalize()
        );
        found.extend(quote_check(subject, (k, i), values, ""));
    }
    found
}

/// The function tables a quoted line may be printed in.
fn function_table(kind: TableKind) -> bool {
    matches!(
        kind,
        TableKind::GeneralBudgetExpenditure
            | TableKind::Expenditure
            | TableKind::FiscalSummary
            | TableKind::Income
    )
}

/// The code a quoted line's subject names: the subject when it is a code; for a "款/项" name
/// pair the catalog could not settle, the one code the document's own tables print under that
/// 款 row for that 项 name (the 项 name alone stands under many 款).
fn subject_code(ctx: &Ctx, subject: &str) -> Option<String> {
    if subject.len() >= 3 && subject.chars().all(|c| c.is_ascii_digit()) {
        return Some(subject.to_string());
    }
    let (sub, item) = subject.split_once('/')?;
    let rows = || {
        ctx.tables
            .iter()
            .enumerate()
            .filter(|(_, kt)| function_table(kt.key))
            .flat_map(|(t, _)| ctx.by_table[t].iter())
    };
    let one = |digits: usize, parent: &str, name: &str| -> Option<String> {
        let mut codes: Vec<&str> = rows()
            .filter(|f| f.code.len() == digits && f.code.starts_with(parent))
            .filter(|f| Catalog::names_match(&f.row_label, name))
            .map(|f| f.code.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        (codes.len() == 1).then(|| codes[0].to_string())
    };
    let sub_code = one(5, "", sub)?;
    one(7, &sub_code, item)
}

/// Quoted amounts of a function line against the facts of that code (any column of the
/// expenditure tables): fail when none of them is the quoted amount.
fn quoted_functions(ctx: &Ctx, indicators: &[Indicator]) -> Vec<Check> {
    let mut found = Vec::new();
    for (k, i) in indicators.iter().enumerate() {
        if i.indicator != "expenditure_function" || i.value_unit != "万元" || i.value.is_zero() {
            continue;
        }
        let Some(code) = subject_code(ctx, &i.subject) else {
            continue;
        };
        let values: Vec<(Decimal, &Fact)> = ctx
            .tables
            .iter()
            .enumerate()
            .filter(|(_, kt)| function_table(kt.key))
            .flat_map(|(t, kt)| {
                ctx.by_table[t]
                    .iter()
                    .filter(|f| f.code == code)
                    .map(move |f| (to_wan(f.amount, &kt.table.amount_unit), *f))
            })
            .collect();
        let subject = format!("p{} {} quoted {} 万元", i.page, code, i.value.normalize());
        found.extend(quote_check(subject, (k, i), &values, &code));
    }
    found
}
