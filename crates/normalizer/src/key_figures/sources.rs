//! Where each figure is printed: the tables read for it, in order of preference, and which
//! column, 收支总表 row or total row of a table names it.

use super::{bare, is_other_column};
use crate::facts::Fact;
use crate::vocab::TableKind;
use yusuan_extractor::lexicon::fold_spaces as squash_label;

/// Table keys each figure is read from, in order of preference.
pub(super) fn table_order(figure: &str) -> &'static [TableKind] {
    match figure {
        "income_total" => &[TableKind::Income, TableKind::Summary],
        "expenditure_total" => &[TableKind::Expenditure, TableKind::Summary],
        "income_fiscal" => &[TableKind::FiscalSummary, TableKind::Income],
        "income_general_budget" => &[
            TableKind::Income,
            TableKind::Summary,
            TableKind::GeneralBudgetExpenditure,
        ],
        "income_gov_fund" => &[
            TableKind::Income,
            TableKind::Summary,
            TableKind::GovFundExpenditure,
        ],
        "income_soe_capital" => &[
            TableKind::Income,
            TableKind::Summary,
            TableKind::SoeCapitalExpenditure,
        ],
        "expenditure_basic" => &[
            TableKind::Expenditure,
            TableKind::Summary,
            TableKind::BasicExpenditure,
        ],
        "expenditure_project" => &[
            TableKind::Expenditure,
            TableKind::Summary,
            TableKind::ProjectExpenditure,
        ],
        "personnel_costs" | "public_costs" => &[
            TableKind::Expenditure,
            TableKind::BasicExpenditure,
            TableKind::GeneralBudgetBasicExpenditure,
        ],
        "operating_costs" => &[TableKind::OperatingCosts, TableKind::ThreePublicExpenses],
        "procurement_total" => &[TableKind::GovernmentProcurement],
        _ => &[TableKind::ThreePublicExpenses],
    }
}

/// The 合计 column before a budget/决算 column before a fund's column.
pub(super) fn measure_rank(m: &str) -> u8 {
    match m {
        "total" => 0,
        "budget" | "actual" | "" | "subtotal" => 1,
        _ => 2,
    }
}

/// The figure a summary-table row label names (income side and 基本/项目支出).
pub(super) fn summary_item(label: &str) -> Option<&'static str> {
    let l = bare(label);
    Some(match l.as_str() {
        "收入总计" | "收入总计合计" => "income_total",
        "支出总计" => "expenditure_total",
        "一般公共预算"
        | "一般公共预算拨款"
        | "一般公共预算拨款收入"
        | "一般公共预算财政拨款"
        | "一般公共预算收入" => "income_general_budget",
        "政府性基金预算"
        | "政府性基金预算拨款"
        | "政府性基金拨款"
        | "政府性基金预算拨款收入"
        | "政府性基金收入" => "income_gov_fund",
        "国有资本经营预算"
        | "国有资本经营预算拨款"
        | "国有资本经营预算拨款收入"
        | "国有资本经营预算收入" => "income_soe_capital",
        "基本支出" => "expenditure_basic",
        "项目支出" => "expenditure_project",
        _ if l.starts_with("收入总计") => "income_total",
        _ if l.starts_with("支出总计") => "expenditure_total",
        _ => return None,
    })
}

/// The figure a total-row cell of a table gives, by table kind and column measure.
pub(super) fn total_row_item(key: TableKind, f: &Fact) -> Option<&'static str> {
    if f.column_path
        .iter()
        .any(|p| is_other_column(&squash_label(p)))
    {
        return None;
    }
    Some(match (key, f.measure.as_str()) {
        (TableKind::Income, "total") => "income_total",
        (TableKind::Income, "fiscal") => "income_fiscal",
        (TableKind::Income, "general_budget") => "income_general_budget",
        (TableKind::Income, "gov_fund") => "income_gov_fund",
        (TableKind::Income, "soe_capital") => "income_soe_capital",
        (TableKind::Expenditure, "total") => "expenditure_total",
        (TableKind::Expenditure | TableKind::BasicExpenditure, "basic") => "expenditure_basic",
        (TableKind::BasicExpenditure, "total") => "expenditure_basic",
        (TableKind::Expenditure, "project") => "expenditure_project",
        (TableKind::ProjectExpenditure, "total") => "expenditure_project",
        (TableKind::GeneralBudgetExpenditure, "total") => "income_general_budget",
        (TableKind::GovFundExpenditure, "total") => "income_gov_fund",
        (TableKind::SoeCapitalExpenditure, "total") => "income_soe_capital",
        (
            TableKind::Expenditure
            | TableKind::BasicExpenditure
            | TableKind::GeneralBudgetBasicExpenditure,
            "personnel",
        ) => "personnel_costs",
        (
            TableKind::Expenditure
            | TableKind::BasicExpenditure
            | TableKind::GeneralBudgetBasicExpenditure,
            "public",
        ) => "public_costs",
        (TableKind::GovernmentProcurement, "total" | "budget" | "") => "procurement_total",
        _ => return None,
    })
}
