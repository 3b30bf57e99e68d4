//! Measures: a canonical key for a column from its header path (documented in the README).

/// Header words → measure keys, most specific first.
const WORDS: &[(&str, &str)] = &[
    ("上级一般公共预算", "general_budget_transfer"),
    ("上级政府性基金", "gov_fund_transfer"),
    ("上级国有资本经营", "soe_capital_transfer"),
    ("非财政拨款结转", "non_fiscal_carryover"),
    ("财政拨款结转", "fiscal_carryover"),
    ("结转", "carryover"),
    ("一般公共预算", "general_budget"),
    ("政府性基金", "gov_fund"),
    ("国有资本经营", "soe_capital"),
    ("财政专户", "special_account"),
    ("单位资金", "unit_funds"),
    ("事业收入", "business_income"),
    ("事业单位经营收入", "operating_income"),
    ("经营收入", "operating_income"),
    ("其他收入", "other_income"),
    ("人员经费", "personnel"),
    ("人员支出", "personnel"),
    ("日常公用经费", "public"),
    ("公用经费", "public"),
    ("公用支出", "public"),
    ("专项业务经费", "project"),
    ("专项支出", "project"),
    ("基本支出", "basic"),
    ("项目支出合计", "total"),
    ("项目支出", "project"),
    ("工资福利支出", "econ:301"),
    ("商品和服务支出", "econ:302"),
    ("对个人和家庭的补助", "econ:303"),
    ("债务利息及费用支出", "econ:307"),
    ("资本性支出（基本建设）", "econ:309"),
    ("资本性支出(基本建设)", "econ:309"),
    ("资本性支出", "econ:310"),
    ("对企业补助（基本建设）", "econ:311"),
    ("对企业补助(基本建设)", "econ:311"),
    ("对企业补助", "econ:312"),
    ("对社会保障基金补助", "econ:313"),
    ("其他支出", "econ:399"),
    ("财政拨款（补助）小计", "fiscal"),
    ("财政拨款小计", "fiscal"),
    ("财政拨款", "fiscal"),
    ("年度预算总额", "total"),
    ("资金总额", "total"),
    ("项目总额", "total"),
    ("财政资金", "fiscal"),
    ("合计", "total"),
    ("总计", "total"),
    ("小计", "subtotal"),
    ("上年决算", "prior_year"),
    ("上年预算", "prior_year"),
    ("决算数", "actual"),
    ("执行数", "actual"),
    ("预算数", "budget"),
    ("年初预算", "budget"),
    ("其他资金", "other_funds"),
    // The other kinds of spending of 支出总表 (beside 基本支出 and 项目支出).
    ("上缴上级支出", "remit_to_superior"),
    ("对附属单位补助支出", "subsidy_to_affiliates"),
    ("事业单位经营支出", "operating_expenditure"),
    ("经营支出", "operating_expenditure"),
    ("上年结余", "carryover"),
];

fn key_of(cell: &str) -> Option<&'static str> {
    let t: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_start_matches("其中：").trim_start_matches("其中:");
    WORDS
        .iter()
        .find(|(w, _)| t.starts_with(w) || (w.chars().count() > 2 && t.contains(w)))
        .map(|(_, k)| *k)
        // 本年收入合计, 支出总计: the total of what the column's words name.
        .or_else(|| (t.ends_with("合计") || t.ends_with("总计")).then_some("total"))
}

/// Header cells that name no quantity of their own: the quantity is the group above them.
fn is_generic(cell: &str) -> bool {
    let t: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        t.as_str(),
        "金额" | "预算数" | "决算数" | "数额" | "本年预算" | "年初预算数" | "预算金额"
    )
}

/// A header cell that names an amount (预算数, 金额, 合计, 工资福利支出, …): a column under it
/// holds amounts even below a label heading (支出 > 支出功能分类科目 > 预算数).
pub fn names_amount(cell: &str) -> bool {
    is_generic(cell) || key_of(cell).is_some()
}

/// The measure of a column: its last header cell that names one; a generic last cell (金额,
/// 预算数) takes the nearest group above that names one (事业收入 > 金额 → business_income), and
/// under the 收入/支出 halves of 收支总表 becomes `income`/`expenditure`.
pub fn measure(path: &[String]) -> String {
    let Some(last) = path.last() else {
        return String::new();
    };
    let last_sq: String = last.chars().filter(|c| !c.is_whitespace()).collect();
    // "其中：…" is a part of its group, never the group itself.
    if let Some(part) = last_sq
        .strip_prefix("其中：")
        .or_else(|| last_sq.strip_prefix("其中:"))
    {
        return key_of(part).map(|k| k.to_string()).unwrap_or_default();
    }
    // 项目支出 > 小计 is the 项目支出 total.
    if last_sq == "小计" {
        if let Some(k) = path.iter().rev().skip(1).find_map(|p| key_of(p)) {
            return k.to_string();
        }
    }
    let last_key = key_of(last).filter(|_| !is_generic(last));
    let Some(k) = last_key else {
        for p in path.iter().rev().skip(1) {
            let t: String = p.chars().filter(|c| !c.is_whitespace()).collect();
            if t == "收入" || t.starts_with("收入") && t.chars().count() <= 4 {
                return "income".into();
            }
            if t == "支出" || t.starts_with("支出") && t.chars().count() <= 4 {
                return "expenditure".into();
            }
            if let Some(k) = key_of(p) {
                return k.to_string();
            }
        }
        return key_of(last).map(|k| k.to_string()).unwrap_or_default();
    };
    // Within 财政拨款/非财政拨款 groups (上年结转结余表) keep the group as a prefix.
    if path.len() > 1 {
        let first: String = path[0].chars().filter(|c| !c.is_whitespace()).collect();
        if first.starts_with("非财政拨款") {
            return format!("non_fiscal.{k}");
        }
        if first == "财政拨款" && k != "fiscal" {
            return format!("fiscal.{k}");
        }
    }
    k.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    fn p(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }
    #[test]
    fn measures() {
        assert_eq!(measure(&p(&["支出预算", "基本支出"])), "basic");
        assert_eq!(measure(&p(&["收入", "预算数"])), "income");
        assert_eq!(
            measure(&p(&["财政拨款（补助）", "一般公共预算"])),
            "general_budget"
        );
        assert_eq!(
            measure(&p(&["一般公共预算基本支出", "人员经费"])),
            "personnel"
        );
        assert_eq!(measure(&p(&["资本性支出（基本建设）"])), "econ:309");
        assert_eq!(
            measure(&p(&["非财政拨款", "基本支出", "公用经费"])),
            "non_fiscal.public"
        );
        assert_eq!(measure(&p(&["本年支出", "项目支出", "小计"])), "project");
        assert_eq!(
            measure(&p(&["本年支出", "项目支出", "其中：基本建设资金支出"])),
            ""
        );
        assert_eq!(measure(&p(&["项目支出合计"])), "total");
        assert_eq!(measure(&p(&["事业收入", "金额"])), "business_income");
        assert_eq!(measure(&p(&["支出", "预算数"])), "expenditure");
        assert_eq!(measure(&p(&["本年支出", "合计"])), "total");
        assert_eq!(measure(&p(&["本年收入合计"])), "total");
        assert_eq!(measure(&p(&["支 出 总 计"])), "total");
        assert_eq!(measure(&p(&["基本支出合计"])), "basic");
        assert_eq!(measure(&p(&["上缴上级支出"])), "remit_to_superior");
        assert_eq!(
            measure(&p(&["对附属单位补助支出"])),
            "subsidy_to_affiliates"
        );
        assert_eq!(measure(&p(&["事业单位经营支出"])), "operating_expenditure");
        assert_eq!(measure(&p(&["上年结余、结转"])), "carryover");
        assert_eq!(measure(&p(&["年度资金总额(万元)"])), "total");
        assert_eq!(measure(&p(&["项目总额"])), "total");
        assert_eq!(measure(&p(&["其中：", "财政资金"])), "fiscal");
        assert!(names_amount("预算数") && !names_amount("支出功能分类科目（按大类）"));
    }
}
