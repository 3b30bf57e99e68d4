//! A failed check → the facts it compared, and for a narrative check the sentences it quotes.
//!
//! The normalizer names the cells of each check itself (`Check::cells`: the printed figure
//! first, then the terms of the expected value), so a check's cells are looked up, not worked
//! out again. `narrative_change` and `narrative_conflict` compare figures quoted in the text
//! with each other and have no cells; they are shown by their sentences.

use std::collections::HashMap;
use yusuan_normalizer::{Check, CheckStatus, Indicator, Normalized};

/// What a check points at.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// Indices into `Normalized::facts`.
    Facts(Vec<usize>),
    /// Why the check's cells cannot be shown.
    Unlinked(String),
}

/// Links of every failed check (None for the others).
pub fn link_all(n: &Normalized) -> Vec<Option<Link>> {
    let fact_at: HashMap<(usize, usize, usize), usize> = n
        .facts
        .iter()
        .enumerate()
        .map(|(i, f)| ((f.table, f.body_row, f.col), i))
        .collect();
    n.checks
        .iter()
        .map(|c| (c.status == CheckStatus::Fail).then(|| link(c, &fact_at)))
        .collect()
}

fn link(check: &Check, fact_at: &HashMap<(usize, usize, usize), usize>) -> Link {
    if check.cells.is_empty() {
        return Link::Unlinked(if check.check.starts_with("narrative") {
            "compares figures quoted in the narrative with each other, not table cells (click: the sentences)".into()
        } else {
            "the check names no cells".into()
        });
    }
    let mut facts = Vec::with_capacity(check.cells.len());
    for c in &check.cells {
        let Some(&i) = fact_at.get(&(c.table, c.body_row, c.col)) else {
            return Link::Unlinked(format!(
                "cell t{}r{}c{} of the check is no fact",
                c.table + 1,
                c.body_row + 1,
                c.col + 1
            ));
        };
        // A cell named twice is marked once: the page counts a check's cells by their marks.
        if !facts.contains(&i) {
            facts.push(i);
        }
    }
    Link::Facts(facts)
}

/// The narrative figures (indices into `Normalized::indicators`) a narrative check quotes.
/// `narrative_table` names its figure; the others are matched by page, line and value as the
/// check's subject prints them.
pub fn sentences(check: &Check, n: &Normalized) -> Vec<usize> {
    if check.check == "narrative_table" {
        return check.indicator.into_iter().collect();
    }
    let Some((page, rest)) = check
        .subject
        .strip_prefix('p')
        .and_then(|s| s.split_once(' '))
        .and_then(|(p, rest)| Some((p.parse::<usize>().ok()?, rest)))
    else {
        return Vec::new();
    };
    let value = |i: &Indicator| i.value.normalize().to_string();
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
            _ => false,
        })
        .map(|(k, _)| k)
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use yusuan_extractor::layout::{BodyRow, Table};
    use yusuan_extractor::Document;

    /// 一般公共预算支出情况表 with 类 201 printed as 10.00 over 款 20101 (3.00) and 20102 (5.00):
    /// the normalizer's parent_sum fails, and its cells are the three rows of column 合计.
    pub(crate) fn normalized() -> Normalized {
        let row = |cells: &[&str]| BodyRow {
            page: 1,
            cells: cells.iter().map(|s| s.to_string()).collect(),
            spans: vec![1; cells.len()],
            boxes: (0..cells.len())
                .map(|c| Some([c as f32 * 30.0, 0.0, c as f32 * 30.0 + 30.0, 10.0]))
                .collect(),
        };
        let table = Table {
            pages: vec![1],
            table_no: "表5".into(),
            title: "一般公共预算支出情况表".into(),
            unit_name: String::new(),
            amount_unit: "万元".into(),
            header: vec![vec!["科目编码".into(), "科目名称".into(), "合计".into()]],
            header_boxes: Vec::new(),
            header_paths: vec![
                vec!["科目编码".into()],
                vec!["科目名称".into()],
                vec!["合计".into()],
            ],
            rows: vec![
                row(&["201", "一般公共服务支出", "10.00"]),
                row(&["20101", "人大事务", "3.00"]),
                row(&["20102", "政协事务", "5.00"]),
            ],
            note: String::new(),
            caption_lines: Vec::new(),
            areas: vec![(1, 0.0, 0.0, 100.0, 100.0)],
        };
        yusuan_normalizer::normalize(&Document::default(), vec![table])
    }

    #[test]
    fn a_failed_parent_sum_points_at_parent_and_children() {
        let n = normalized();
        let links = link_all(&n);
        let (k, check) = n
            .checks
            .iter()
            .enumerate()
            .find(|(_, c)| c.check == "parent_sum" && c.status == CheckStatus::Fail)
            .expect("a failed parent_sum");
        let Some(Link::Facts(cells)) = &links[k] else {
            panic!("not linked: {:?} for {check:?}", links[k]);
        };
        // In the check's own order: the printed parent first, then its children.
        let codes: Vec<&str> = cells.iter().map(|i| n.facts[*i].code.as_str()).collect();
        assert_eq!(codes, ["201", "20101", "20102"]);
        // Checks that passed are not linked (nothing to show).
        assert!(n
            .checks
            .iter()
            .zip(&links)
            .all(|(c, l)| (c.status == CheckStatus::Fail) == l.is_some()));
    }

    #[test]
    fn a_cell_that_is_no_fact_leaves_the_check_unlinked_and_named() {
        let mut n = normalized();
        let k = n
            .checks
            .iter()
            .position(|c| c.status == CheckStatus::Fail)
            .expect("a failed check");
        n.checks[k].cells[1].body_row = 99;
        let links = link_all(&n);
        let Some(Link::Unlinked(why)) = &links[k] else {
            panic!("linked: {:?}", links[k]);
        };
        assert!(why.contains("t1r100c3"), "{why}");
        // Without cells, a narrative check is shown by the figure it names.
        let mut check = n.checks[k].clone();
        check.check = "narrative_table";
        check.cells.clear();
        check.indicator = Some(4);
        assert!(matches!(link(&check, &HashMap::new()), Link::Unlinked(_)));
        assert_eq!(sentences(&check, &n), [4]);
    }
}
