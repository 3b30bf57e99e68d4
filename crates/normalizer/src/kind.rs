//! Table kinds: the canonical `table_key` of a table from its printed title.

/// Ordered rules: the first whose words all occur in the title wins, so specific kinds come
/// before the general ones they contain (一般公共预算基本支出 before 一般公共预算).
const RULES: &[(&[&str], &str)] = &[
    (&["整体", "绩效目标"], "overall_performance_targets"),
    (&["绩效目标"], "performance_targets"),
    (&["绩效自评"], "performance_evaluation"),
    (&["绩效评价"], "performance_evaluation"),
    // 项目支出绩效表, 重点项目预算绩效情况: performance forms under other titles.
    (&["绩效"], "performance_targets"),
    (&["三公"], "three_public_expenses"),
    (&["委托业务费"], "commissioned_services"),
    (&["政府采购"], "government_procurement"),
    (&["上年结转结余"], "prior_year_carryover"),
    (&["结转结余情况"], "prior_year_carryover"),
    (&["机关运行经费"], "operating_costs"),
    (&["政府性基金"], "gov_fund_expenditure"),
    (&["国有资本经营"], "soe_capital_expenditure"),
    (
        &["基本支出", "政府预算"],
        "general_budget_basic_expenditure_gov",
    ),
    (
        &["基本支出", "政府经济分类"],
        "general_budget_basic_expenditure_gov",
    ),
    (
        &["一般公共预算", "基本支出"],
        "general_budget_basic_expenditure",
    ),
    (
        &["财政拨款", "基本支出"],
        "general_budget_basic_expenditure",
    ),
    (&["基本支出"], "general_budget_basic_expenditure"),
    (
        &["一般公共预算", "项目支出"],
        "general_budget_project_expenditure",
    ),
    (
        &["财政拨款", "项目支出"],
        "general_budget_project_expenditure",
    ),
    (&["项目支出"], "project_expenditure"),
    (&["财政拨款收支"], "fiscal_summary"),
    (&["财政拨款收入支出"], "fiscal_summary"),
    // 一般公共预算支出表（按经济分类）: economic classes with basic and project columns.
    (
        &["一般公共预算", "经济分类"],
        "general_budget_expenditure_economic",
    ),
    (&["一般公共预算"], "general_budget_expenditure"),
    (&["财政拨款", "支出"], "fiscal_expenditure"),
    (&["收支总"], "summary"),
    (&["收入支出决算总表"], "summary"),
    (&["收支决算总表"], "summary"),
    (&["收支预算总表"], "summary"),
    (&["财务收支"], "summary"),
    (&["收入支出预算总表"], "summary"),
    (&["收入"], "income"),
    (&["支出"], "expenditure"),
];

/// `table_key` for a printed title; `other` when no rule matches.
pub fn table_key(title: &str) -> &'static str {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return "other";
    }
    RULES
        .iter()
        .find(|(words, _)| words.iter().all(|w| t.contains(w)))
        .map(|(_, k)| *k)
        .unwrap_or("other")
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
pub fn table_kind(title: &str, header_paths: &[Vec<String>]) -> &'static str {
    let key = table_key(title);
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let header: Vec<String> = header_paths
        .iter()
        .flatten()
        .map(|h| h.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    match key {
        "general_budget_basic_expenditure"
            if !t.contains("一般公共预算")
                && !t.contains("财政拨款")
                && header
                    .iter()
                    .any(|h| ALL_FUNDS.iter().any(|f| h.contains(f))) =>
        {
            "basic_expenditure"
        }
        "other"
            if header
                .iter()
                .any(|h| h.contains("绩效目标") || h.contains("绩效指标")) =>
        {
            "performance_targets"
        }
        _ => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn titles() {
        assert_eq!(table_key("单位收支总体情况表"), "summary");
        assert_eq!(table_key("财政拨款收支预算总体情况表"), "fiscal_summary");
        assert_eq!(
            table_key("一般公共预算基本支出情况表"),
            "general_budget_basic_expenditure"
        );
        assert_eq!(
            table_key("一般公共预算支出情况表"),
            "general_budget_expenditure"
        );
        assert_eq!(
            table_key("财政拨款“三公”经费支出情况表"),
            "three_public_expenses"
        );
        assert_eq!(table_key("收入支出决算总表"), "summary");
        assert_eq!(table_key("财政拨款收入支出决算总表"), "fiscal_summary");
        assert_eq!(
            table_key("一般公共预算财政拨款支出决算表"),
            "general_budget_expenditure"
        );
        assert_eq!(table_key("部门收入总体情况表"), "income");
        assert_eq!(table_key("支出决算表"), "expenditure");
        assert_eq!(table_key("项目支出绩效目标表"), "performance_targets");
        assert_eq!(table_key("高等学校收支决算总表"), "summary");
        assert_eq!(
            table_key("高等学校财政拨款支出决算表"),
            "fiscal_expenditure"
        );
        assert_eq!(table_key(""), "other");
        assert_eq!(
            table_key("2026年市级部门项目支出绩效表"),
            "performance_targets"
        );
        assert_eq!(table_key("重点项目预算绩效情况"), "performance_targets");
        assert_eq!(
            table_key("一般公共预算支出表（按经济分类）"),
            "general_budget_expenditure_economic"
        );
    }
    #[test]
    fn kinds_from_headers() {
        let h =
            |v: &[&str]| -> Vec<Vec<String>> { v.iter().map(|s| vec![s.to_string()]).collect() };
        assert_eq!(
            table_kind("基本支出预算情况表", &h(&["科目名称", "合计", "单位资金"])),
            "basic_expenditure"
        );
        assert_eq!(
            table_kind(
                "基本支出预算情况表",
                &h(&["科目名称", "人员经费", "公用经费"])
            ),
            "general_budget_basic_expenditure"
        );
        assert_eq!(
            table_kind("一般公共预算基本支出表", &h(&["科目名称", "单位资金"])),
            "general_budget_basic_expenditure"
        );
        assert_eq!(
            table_kind("", &h(&["项目", "预算数", "绩效目标"])),
            "performance_targets"
        );
    }
}
