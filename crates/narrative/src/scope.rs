//! What a narrative figure is about beyond its key: the classification code the sentence names
//! (indicators.csv `code`) and the funds it covers (`scope`).

use crate::Indicator;

/// The 支出功能分类 code the figure is about: the subject when it is a code (the sentence named
/// the line by its code or by its 类/款/项 names, resolved by [`crate::codes`]), or the code of a
/// 类 named alone (社会保障和就业支出 → 208). Empty when the sentence names none.
pub fn code_of(i: &Indicator) -> String {
    let s = i.subject.as_str();
    if matches!(s.len(), 3 | 5 | 7) && s.chars().all(|c| c.is_ascii_digit()) {
        return s.to_string();
    }
    if i.indicator == "expenditure_function" {
        if let Some(c) = crate::codes::class_code(s) {
            return c.to_string();
        }
    }
    String::new()
}

/// The funds the figure covers, where the sentence says: `general_budget` (一般公共预算),
/// `gov_fund` (政府性基金), `soe_capital` (国有资本经营), `fiscal` (财政拨款: all three), `all`
/// (a total — budget_total, income_total, expenditure_total — under 收支总预算, 收入总计…:
/// every source of funds), or empty when the sentence does not say.
/// Read in the clause that holds the figure, up to the figure (with the clause before when it
/// opens with 其中); the narrower fund wins
/// (一般公共预算财政拨款 is `general_budget`).
pub fn scope_of(i: &Indicator) -> &'static str {
    if i.indicator == "budget_total" && i.subject == "财政拨款" {
        return "fiscal";
    }
    let text: String = i
        .sentence
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    // The figure with its unit (a bare "0" would be found inside other numbers).
    let figures = [
        format!("{}{}", i.value, i.value_unit),
        format!("{}{}", i.value.normalize(), i.value_unit),
    ];
    let end = figures
        .iter()
        .filter_map(|f| text.find(f.as_str()))
        .min()
        .unwrap_or(text.len());
    let before = &text[..end];
    // The clause of the figure: back to the last 。；， — and one more when it opens with 其中
    // (其中：人员经费… is a part of the clause before).
    let parts: Vec<&str> = before.split(['。', '；', ';', '，']).collect();
    let last = parts.len().saturating_sub(1);
    let from = if parts[last].starts_with("其中") && last > 0 {
        last - 1
    } else {
        last
    };
    let clause = parts[from..].concat();
    const ALL: &[&str] = &[
        "收支总预算",
        "收支预算总额",
        "收入总预算",
        "支出总预算",
        "收入预算总额",
        "支出预算总额",
        "收支总计",
        "收入总计",
        "支出总计",
        "全部收入",
        "全部支出",
    ];
    if clause.contains("一般公共预算") {
        "general_budget"
    } else if clause.contains("政府性基金") {
        "gov_fund"
    } else if clause.contains("国有资本经营") {
        "soe_capital"
    } else if clause.contains("财政拨款") {
        "fiscal"
    } else if matches!(
        i.indicator.as_str(),
        "budget_total" | "income_total" | "expenditure_total"
    ) && ALL.iter().any(|w| clause.contains(w))
    {
        "all"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn ind(indicator: &str, subject: &str, value: &str, sentence: &str) -> Indicator {
        Indicator {
            section: String::new(),
            indicator: indicator.into(),
            subject: subject.into(),
            value: Decimal::from_str(value).unwrap(),
            value_unit: "万元".into(),
            prior_year_value: None,
            change: None,
            change_pct: None,
            share_pct: None,
            sentence: sentence.into(),
            page: 1,
        }
    }

    #[test]
    fn scopes_and_codes() {
        let i = ind(
            "expenditure_basic",
            "",
            "2783.06",
            "2026年一般公共预算基本支出2,783.06万元，其中：人员经费2,464.33万元",
        );
        assert_eq!(scope_of(&i), "general_budget");
        let i = ind(
            "budget_total",
            "",
            "3008.81",
            "2026年收支总预算3,008.81万元。一般公共预算拨款…",
        );
        assert_eq!(scope_of(&i), "all");
        let i = ind("expenditure_total", "", "100", "财政拨款支出100万元");
        assert_eq!(scope_of(&i), "fiscal");
        let i = ind("personnel_costs", "", "5", "人员经费5万元");
        assert_eq!(scope_of(&i), "");
        let i = ind(
            "expenditure_function",
            "社会保障和就业支出",
            "7",
            "社会保障和就业支出7万元",
        );
        assert_eq!(code_of(&i), "208");
        let i = ind("expenditure_function", "2080505", "7", "…7万元");
        assert_eq!(code_of(&i), "2080505");
        assert_eq!(code_of(&ind("personnel_costs", "", "5", "")), "");
    }
}
