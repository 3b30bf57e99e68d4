//! Table kinds: the canonical `table_key` of a table from its printed title.

use crate::vocab::TableKind;

/// Ordered rules: the first whose words all occur in the title wins, so specific kinds come
/// before the general ones they contain (一般公共预算基本支出 before 一般公共预算).
const RULES: &[(&[&str], TableKind)] = &[
    (&["整体", "绩效目标"], TableKind::OverallPerformanceTargets),
    (&["绩效目标"], TableKind::PerformanceTargets),
    (&["绩效自评"], TableKind::PerformanceEvaluation),
    (&["绩效评价"], TableKind::PerformanceEvaluation),
    // 项目支出绩效表, 重点项目预算绩效情况: performance forms under other titles.
    (&["绩效"], TableKind::PerformanceTargets),
    (&["三公"], TableKind::ThreePublicExpenses),
    (&["委托业务费"], TableKind::CommissionedServices),
    (&["政府采购"], TableKind::GovernmentProcurement),
    (&["上年结转结余"], TableKind::PriorYearCarryover),
    (&["结转结余情况"], TableKind::PriorYearCarryover),
    (&["机关运行经费"], TableKind::OperatingCosts),
    (&["政府性基金"], TableKind::GovFundExpenditure),
    (&["国有资本经营"], TableKind::SoeCapitalExpenditure),
    (
        &["基本支出", "政府预算"],
        TableKind::GeneralBudgetBasicExpenditureGov,
    ),
    (
        &["基本支出", "政府经济分类"],
        TableKind::GeneralBudgetBasicExpenditureGov,
    ),
    (
        &["一般公共预算", "基本支出"],
        TableKind::GeneralBudgetBasicExpenditure,
    ),
    (
        &["财政拨款", "基本支出"],
        TableKind::GeneralBudgetBasicExpenditure,
    ),
    (&["基本支出"], TableKind::GeneralBudgetBasicExpenditure),
    (
        &["一般公共预算", "项目支出"],
        TableKind::GeneralBudgetProjectExpenditure,
    ),
    (
        &["财政拨款", "项目支出"],
        TableKind::GeneralBudgetProjectExpenditure,
    ),
    (&["项目支出"], TableKind::ProjectExpenditure),
    (&["财政拨款收支"], TableKind::FiscalSummary),
    (&["财政拨款收入支出"], TableKind::FiscalSummary),
    // 一般公共预算支出表（按经济分类）: economic classes with basic and project columns.
    (
        &["一般公共预算", "经济分类"],
        TableKind::GeneralBudgetExpenditureEconomic,
    ),
    (&["一般公共预算"], TableKind::GeneralBudgetExpenditure),
    (&["财政拨款", "支出"], TableKind::FiscalExpenditure),
    (&["收支总"], TableKind::Summary),
    (&["收入支出决算总表"], TableKind::Summary),
    (&["收支决算总表"], TableKind::Summary),
    (&["收支预算总表"], TableKind::Summary),
    (&["财务收支"], TableKind::Summary),
    (&["收入支出预算总表"], TableKind::Summary),
    (&["收入"], TableKind::Income),
    (&["支出"], TableKind::Expenditure),
];

/// `table_key` for a printed title; `other` when no rule matches.
pub fn table_key(title: &str) -> TableKind {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return TableKind::Other;
    }
    RULES
        .iter()
        .find(|(words, _)| words.iter().all(|w| t.contains(w)))
        .map(|(_, k)| *k)
        .unwrap_or(TableKind::Other)
}

/// Funding sources beyond 一般公共预算 named in a header: a table of all funds.
const ALL_FUNDS: &[&str] = &[
    "单位资金",
    "财政专户",
    "其他资金",
    "事业收入",
    "政府性基金",
    "非财政拨款",
];

/// `table_key` of a table from its title and, where the title leaves it open, its header:
/// a 基本支出 table whose title names no fund (基本支出预算情况表, 部门预算基本支出预算表) and
/// whose columns are funds beyond 一般公共预算 is `basic_expenditure` (all funds); a table the
/// title does not place whose header has 绩效目标 / 绩效指标 columns is a performance form.
pub fn table_kind(title: &str, header_paths: &[Vec<String>]) -> TableKind {
    let key = table_key(title);
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let header: Vec<String> = header_paths
        .iter()
        .flatten()
        .map(|h| h.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    match key {
        TableKind::GeneralBudgetBasicExpenditure
            if !t.contains("一般公共预算")
                && !t.contains("财政拨款")
                && header
                    .iter()
                    .any(|h| ALL_FUNDS.iter().any(|f| h.contains(f))) =>
        {
            TableKind::BasicExpenditure
        }
        TableKind::Other
            if header
                .iter()
                .any(|h| h.contains("绩效目标") || h.contains("绩效指标")) =>
        {
            TableKind::PerformanceTargets
        }
        _ => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn titles() {
        assert_eq!(table_key("单位收支总体情况表"), TableKind::Summary);
        assert_eq!(
            table_key("财政拨款收支预算总体情况表"),
            TableKind::FiscalSummary
        );
        assert_eq!(
            table_key("一般公共预算基本支出情况表"),
            TableKind::GeneralBudgetBasicExpenditure
        );
        assert_eq!(
            table_key("一般公共预算支出情况表"),
            TableKind::GeneralBudgetExpenditure
        );
        assert_eq!(
            table_key("财政拨款“三公”经费支出情况表"),
            TableKind::ThreePublicExpenses
        );
        assert_eq!(table_key("收入支出决算总表"), TableKind::Summary);
        assert_eq!(
            table_key("财政拨款收入支出决算总表"),
            TableKind::FiscalSummary
        );
        assert_eq!(
            table_key("一般公共预算财政拨款支出决算表"),
            TableKind::GeneralBudgetExpenditure
        );
        assert_eq!(table_key("部门收入总体情况表"), TableKind::Income);
        assert_eq!(table_key("支出决算表"), TableKind::Expenditure);
        assert_eq!(
            table_key("项目支出绩效目标表"),
            TableKind::PerformanceTargets
        );
        assert_eq!(table_key("高等学校收支决算总表"), TableKind::Summary);
        assert_eq!(
            table_key("高等学校财政拨款支出决算表"),
            TableKind::FiscalExpenditure
        );
        assert_eq!(table_key(""), TableKind::Other);
        assert_eq!(
            table_key("2026年市级部门项目支出绩效表"),
            TableKind::PerformanceTargets
        );
        assert_eq!(
            table_key("重点项目预算绩效情况"),
            TableKind::PerformanceTargets
        );
        assert_eq!(
            table_key("一般公共预算支出表（按经济分类）"),
            TableKind::GeneralBudgetExpenditureEconomic
        );
    }
    #[test]
    fn kinds_from_headers() {
        let h =
            |v: &[&str]| -> Vec<Vec<String>> { v.iter().map(|s| vec![s.to_string()]).collect() };
        assert_eq!(
            table_kind("基本支出预算情况表", &h(&["科目名称", "合计", "单位资金"])),
            TableKind::BasicExpenditure
        );
        assert_eq!(
            table_kind(
                "基本支出预算情况表",
                &h(&["科目名称", "人员经费", "公用经费"])
            ),
            TableKind::GeneralBudgetBasicExpenditure
        );
        assert_eq!(
            table_kind("一般公共预算基本支出表", &h(&["科目名称", "单位资金"])),
            TableKind::GeneralBudgetBasicExpenditure
        );
        assert_eq!(
            table_kind("", &h(&["项目", "预算数", "绩效目标"])),
            TableKind::PerformanceTargets
        );
    }
}
