//! Narrative checks → what they quote: `narrative_table` to the table cells closest to the
//! quoted figure, the others to the sentences they compare.

use super::*;
use yusuan_normalizer::vocab::TableKind;

/// `"p{page} {code} quoted {value} 万元"` for a function line: the cells of that code in the
/// expenditure tables whose amount is the closest one the check compared with.
/// `"p{page} {kind} quoted {value} 万元"` for a quoted total (收支总预算, 基本支出, …): the
/// total rows of that kind (checks.rs `narrative`) printing the closest amount.
pub(super) fn narrative_table(check: &Check, n: &Normalized) -> Link {
    let mut what = check.subject.split(' ').nth(1).unwrap_or("");
    let is_code = what.len() >= 3 && what.chars().all(|c| c.is_ascii_digit());
    // The subject names the indicator; a 财政拨款 收支总预算 is compared with 财政拨款收支总表.
    if what == "budget_total"
        && sentences(check, n)
            .iter()
            .any(|k| n.indicators[*k].subject == "财政拨款")
    {
        what = "budget_total_fiscal";
    }
    let cells: Vec<usize> = n
        .facts
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            let kt = &n.tables[f.table];
            let fits = if is_code {
                matches!(
                    kt.key,
                    TableKind::GeneralBudgetExpenditure
                        | TableKind::Expenditure
                        | TableKind::FiscalSummary
                        | TableKind::Income
                ) && f.code == what
            } else {
                total_of_kind(what, kt.key.as_str(), f)
            };
            fits && to_wan(f.amount, &kt.table.amount_unit) == check.expected
        })
        .map(|(i, _)| i)
        .collect();
    if cells.is_empty() {
        Link::Unlinked(format!("no table cell of {what} prints the closest amount"))
    } else {
        Link::Facts(cells)
    }
}

/// A fact on a total row of the kind a narrative total is compared with (checks.rs `narrative`).
fn total_of_kind(kind: &str, key: &str, f: &Fact) -> bool {
    let label = squash(&f.row_label);
    let total_row = f.code.is_empty() && is_total_row(&f.row_label);
    let grand = label.contains("收入总计") || label.contains("支出总计");
    match kind {
        "budget_total" => key == "summary" && grand,
        "budget_total_fiscal" => key == "fiscal_summary" && grand,
        "expenditure_basic" => {
            total_row
                && (f.measure == "basic"
                    || (key == "general_budget_basic_expenditure" && f.measure == "total"))
        }
        "expenditure_project" => {
            total_row
                && (f.measure == "project"
                    || (key == "general_budget_project_expenditure" && f.measure == "total"))
        }
        "personnel_costs" => total_row && f.measure == "personnel",
        "public_costs" => total_row && f.measure == "public",
        "three_public_total" => {
            key == "three_public_expenses" && (is_total_row(&f.row_label) || label.contains("三公"))
        }
        _ => false,
    }
}

/// The narrative figures (indices into `Normalized::indicators`) a narrative check quotes,
/// matched by page, line or code and value as the check's subject prints them.
pub fn sentences(check: &Check, n: &Normalized) -> Vec<usize> {
    let Some(rest) = check.subject.strip_prefix('p') else {
        return Vec::new();
    };
    let Some((page, rest)) = rest.split_once(' ') else {
        return Vec::new();
    };
    let Ok(page) = page.parse::<usize>() else {
        return Vec::new();
    };
    let value = |i: &yusuan_normalizer::Indicator| i.value.normalize().to_string();
    n.indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| match check.check {
            // "p{page} {indicator} {subject}: {prior} → {value}, printed {pct}%"
            "narrative_change" => {
                i.page == page
                    && rest.starts_with(&format!("{} {}: ", i.indicator, i.subject))
                    && rest.contains(&format!(" → {},", value(i)))
            }
            // "p{page} {subject}: quoted as {a} and as {b}" (b within a page)
            "narrative_conflict" => {
                i.page.abs_diff(page) <= 1
                    && i.indicator == "expenditure_function"
                    && rest
                        .split_once(": quoted as ")
                        .is_some_and(|(subject, values)| {
                            subject == i.subject && values.split(" and as ").any(|v| v == value(i))
                        })
            }
            // "p{page} {indicator or code} quoted {value} 万元"
            "narrative_table" => {
                i.page == page
                    && (rest == format!("{} quoted {} 万元", i.indicator, value(i))
                        || rest == format!("{} quoted {} 万元", i.subject, value(i)))
            }
            _ => false,
        })
        .map(|(k, _)| k)
        .collect()
}
