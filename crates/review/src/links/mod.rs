//! A failed check → the facts it compared.
//!
//! A check names its table (`table_key`), a `subject` (code, row label, column path or row
//! number, as `crates/normalizer/src/checks.rs` writes it), the value the other numbers imply
//! (`expected`) and the printed one (`actual`). From the subject we find the facts the check
//! compared, the same way the check chose them, and keep the link only when those facts give
//! back the check's own `actual` (and, for sums, its `expected`): a link that does not
//! reproduce the check's numbers is reported as not linked rather than drawn.
//!
//! Narrative checks compare figures quoted in the text: `narrative_change` and
//! `narrative_conflict` have no table cells; `narrative_table` is linked to the cells it found
//! closest (that code's cells for a function line, the total rows of the kind for a total).

mod narrative;
use narrative::narrative_table;
pub use narrative::sentences;
use rust_decimal::Decimal;
use yusuan_normalizer::CheckStatus;
use yusuan_normalizer::{Check, Fact, Normalized};

/// What a check points at.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// Indices into `Normalized::facts`.
    Facts(Vec<usize>),
    /// Why the check's cells cannot be shown.
    Unlinked(String),
}

use yusuan_extractor::lexicon::fold_spaces as squash;

/// The normalizer's total-row test (checks.rs `is_total_row`).
fn is_total_row(label: &str) -> bool {
    let t = squash(label);
    matches!(
        t.as_str(),
        "合计" | "总计" | "本年支出合计" | "本年收入合计" | "支出合计" | "收入合计" | "合计数"
    ) || t.ends_with("总计") && t.chars().count() <= 6
}

fn is_of_which(path: &[String]) -> bool {
    path.last().is_some_and(|s| squash(s).starts_with("其中"))
}

fn to_wan(amount: Decimal, unit: &str) -> Decimal {
    if unit == "元" {
        (amount / Decimal::from(10_000)).round_dp(2)
    } else {
        amount
    }
}

/// Facts (index, fact) of the tables with this key, with the table's index.
fn tables_with_key<'a>(n: &'a Normalized, key: &str) -> Vec<(usize, Vec<(usize, &'a Fact)>)> {
    let mut out = Vec::new();
    for (t, kt) in n.tables.iter().enumerate() {
        if kt.key.as_str() == key {
            out.push((
                t,
                n.facts
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.table == t)
                    .collect(),
            ));
        }
    }
    out
}

/// Cells that reproduce a check, with the table they are in.
type Found = Vec<(usize, Vec<usize>)>;

/// The candidates of a check made table by table (`checks::run` makes them table after table,
/// so the checks of one table are contiguous and tables come in order), and what was sought.
fn table_scoped(check: &Check, n: &Normalized) -> Option<(Found, &'static str)> {
    Some(match check.check {
        "parent_sum" => (parent_sum(check, n), "parent and children"),
        "total_basic_project" | "total_personnel_public" | "total_economic" => {
            (row_identity(check, n), "row")
        }
        "subtotal_sources" => (subtotal_sources(check, n), "row"),
        "income_equals_expenditure" => (income_expenditure(check, n), "收入总计 and 支出总计"),
        "three_public_items" => (three_public(check, n), "column"),
        _ => return None,
    })
}

fn tables_of(found: &Found) -> Vec<usize> {
    let mut t: Vec<usize> = found.iter().map(|(t, _)| *t).collect();
    t.dedup();
    t
}

/// Links of every failed check (None for the others). A table-scoped check whose cells fit in
/// two tables of the same kind (xa_keji prints two 一般公共预算支出 tables alike) is placed by
/// the order of the checks: it lies between the tables of the nearest checks before and after
/// it that fit one table only.
pub fn link_all(n: &Normalized) -> Vec<Option<Link>> {
    // Candidates are worked out when needed: for failed checks and their neighbours.
    let mut cache: Vec<Option<Option<(Found, &'static str)>>> = vec![None; n.checks.len()];
    let mut scoped = |k: usize| {
        cache[k]
            .get_or_insert_with(|| table_scoped(&n.checks[k], n))
            .clone()
    };
    // The one table a check fits, if it fits exactly one.
    let pinned = |scoped: &mut dyn FnMut(usize) -> Option<(Found, &'static str)>, k: usize| {
        scoped(k).and_then(|(found, _)| match tables_of(&found).as_slice() {
            [t] => Some(*t),
            _ => None,
        })
    };
    let mut out = Vec::with_capacity(n.checks.len());
    for (k, c) in n.checks.iter().enumerate() {
        if c.status != CheckStatus::Fail {
            out.push(None);
            continue;
        }
        let Some((found, what)) = scoped(k) else {
            out.push(Some(link(c, n)));
            continue;
        };
        let tables = tables_of(&found);
        let link = match tables.as_slice() {
            [] => Link::Unlinked(format!(
                "no {what} reproduces the check's numbers (expected / printed)"
            )),
            [_] => one(found),
            _ => {
                let lo = (0..k)
                    .rev()
                    .find_map(|j| pinned(&mut scoped, j))
                    .unwrap_or(0);
                let hi = (k + 1..n.checks.len())
                    .find_map(|j| pinned(&mut scoped, j))
                    .unwrap_or(usize::MAX);
                let fit: Found = found
                    .into_iter()
                    .filter(|(t, _)| (lo..=hi).contains(t))
                    .collect();
                match tables_of(&fit).len() {
                    1 => one(fit),
                    k => Link::Unlinked(format!(
                        "{k} tables of this kind have a {what} that fits the check; it does not say which"
                    )),
                }
            }
        };
        out.push(Some(link));
    }
    out
}

/// The cells found in one table: one candidate, or several alike (then not linked).
fn one(found: Found) -> Link {
    match found.len() {
        1 => Link::Facts(found.into_iter().next().map(|(_, c)| c).unwrap_or_default()),
        k => Link::Unlinked(format!("{k} places in the table fit the check")),
    }
}

/// The link of a check that is not made table by table.
fn link(check: &Check, n: &Normalized) -> Link {
    match check.check {
        "cross_table" => cross_table(check, n),
        "code_name" => code_name(check, n),
        "narrative_change" | "narrative_conflict" => Link::Unlinked(
            "compares figures quoted in the narrative with each other, not table cells (click: the sentences)".into(),
        ),
        "narrative_table" => narrative_table(check, n),
        other => Link::Unlinked(format!("check `{other}` is not linked to cells yet")),
    }
}

fn parent_sum(check: &Check, n: &Normalized) -> Found {
    let mut found = Vec::new();
    for (t, facts) in tables_with_key(n, &check.table_key) {
        let printed = |f: &Fact| {
            f.code_system.is_some()
                && f.code_source == Some(yusuan_normalizer::vocab::CodeSource::Printed)
        };
        let col = |f: &Fact| f.column_path.join(">");
        for &(pi, p) in &facts {
            if !printed(p)
                || format!(
                    "{} {} [{}]",
                    p.code,
                    p.row_label,
                    col(p).replace('>', " > ")
                ) != check.subject
            {
                continue;
            }
            let children: Vec<usize> = facts
                .iter()
                .filter(|(_, c)| {
                    printed(c)
                        && col(c) == col(p)
                        && c.code.len() == p.code.len() + 2
                        && c.code.starts_with(&p.code)
                        && c.code_system == p.code_system
                })
                .map(|(i, _)| *i)
                .collect();
            let sum: Decimal = children.iter().map(|i| n.facts[*i].amount).sum();
            if p.amount == check.actual && sum == check.expected {
                let mut cells = vec![pi];
                cells.extend(children);
                found.push((t, cells));
            }
        }
    }
    found
}

/// 合计 = 基本支出 + 项目支出 (or 人员经费 + 公用经费 + …), 项目支出合计 = Σ economic columns:
/// the row's first fact of each measure, as the check takes them.
fn row_identity(check: &Check, n: &Normalized) -> Found {
    let Some(row_no) = check
        .subject
        .strip_prefix("row ")
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse::<usize>().ok())
    else {
        return Vec::new();
    };
    let wanted: &[&str] = match check.check {
        "total_basic_project" => &["total", "basic", "project", "personnel", "public"],
        "total_personnel_public" => &["total", "personnel", "public"],
        _ => &["total"],
    };
    let mut found = Vec::new();
    for (t, facts) in tables_with_key(n, &check.table_key) {
        let mut by_measure: Vec<(&str, usize)> = Vec::new();
        for &(i, f) in facts.iter().filter(|(_, f)| f.row_no == row_no) {
            if !by_measure.iter().any(|(m, _)| *m == f.measure) {
                by_measure.push((f.measure.as_str(), i));
            }
        }
        let Some(&(_, total)) = by_measure.iter().find(|(m, _)| *m == "total") else {
            continue;
        };
        let tf = &n.facts[total];
        let label = format!("row {} {} {}", row_no, tf.code, tf.row_label);
        if label.trim() != check.subject || tf.amount != check.actual {
            continue;
        }
        let has = |m: &str| by_measure.iter().any(|(x, _)| *x == m);
        let cells: Vec<usize> = by_measure
            .iter()
            .filter(|(m, _)| {
                if check.check == "total_economic" {
                    *m == "total" || m.starts_with("econ:")
                } else if check.check == "total_basic_project" && has("basic") {
                    matches!(*m, "total" | "basic" | "project")
                } else {
                    wanted.contains(m)
                }
            })
            .map(|(_, i)| *i)
            .collect();
        let parts: Decimal = cells
            .iter()
            .filter(|i| **i != total)
            .map(|i| n.facts[*i].amount)
            .sum();
        if parts == check.expected {
            found.push((t, cells));
        }
    }
    found
}

/// `"{code} {label} [{group}]"`: the row's cells in that column group (`总计`: every column
/// but 其中 ones).
fn subtotal_sources(check: &Check, n: &Normalized) -> Found {
    let Some((label, group)) = check
        .subject
        .strip_suffix(']')
        .and_then(|s| s.rsplit_once(" ["))
    else {
        return Vec::new();
    };
    let prefix: Vec<String> = if group == "总计" {
        Vec::new()
    } else {
        group.split(" > ").map(str::to_string).collect()
    };
    let mut found = Vec::new();
    for (t, facts) in tables_with_key(n, &check.table_key) {
        let mut rows: Vec<usize> = Vec::new();
        for (_, f) in &facts {
            if !rows.contains(&f.row_no) {
                rows.push(f.row_no);
            }
        }
        for row in rows {
            let in_row: Vec<(usize, &Fact)> = facts
                .iter()
                .filter(|(_, f)| f.row_no == row)
                .copied()
                .collect();
            let first = in_row[0].1;
            if format!("{} {}", first.code, first.row_label).trim() != label {
                continue;
            }
            let cells: Vec<usize> = in_row
                .iter()
                .filter(|(_, f)| {
                    f.column_path.starts_with(&prefix)
                        && (f.column_path.len() > prefix.len() || prefix.is_empty())
                        && !is_of_which(&f.column_path)
                })
                .map(|(i, _)| *i)
                .collect();
            if cells.iter().any(|i| n.facts[*i].amount == check.actual) {
                found.push((t, cells));
            }
        }
    }
    found
}

fn income_expenditure(check: &Check, n: &Normalized) -> Found {
    let mut found = Vec::new();
    for (t, facts) in tables_with_key(n, &check.table_key) {
        let find = |word: &str| {
            facts
                .iter()
                .find(|(_, f)| squash(&f.row_label).contains(word))
                .map(|(i, _)| *i)
        };
        if let (Some(a), Some(b)) = (find("收入总计"), find("支出总计")) {
            if n.facts[a].amount == check.expected && n.facts[b].amount == check.actual {
                found.push((t, vec![a, b]));
            }
        }
    }
    found
}

fn three_public(check: &Check, n: &Normalized) -> Found {
    let Some((what, col)) = check
        .subject
        .strip_suffix(']')
        .and_then(|s| s.split_once(" ["))
    else {
        return Vec::new();
    };
    type Pred = fn(&str) -> bool;
    let total: Pred =
        |l| is_total_row(l) || l.contains("三公”经费合计") || l.contains("三公\"经费合计");
    let abroad: Pred = |l| l.contains("因公出国");
    let reception: Pred = |l| l.contains("公务接待");
    let vehicles: Pred = |l| l.contains("公务用车购置及运行") || l.contains("公务用车购置和运行");
    let purchase: Pred = |l| l.contains("公务用车购置") && !l.contains("运行");
    let operation: Pred = |l| l.contains("运行") && l.contains("公务用车") && !l.contains("购置");
    let (whole, parts): (Pred, Vec<Pred>) = if what == "合计" {
        (total, vec![abroad, reception, vehicles])
    } else {
        (vehicles, vec![purchase, operation])
    };
    let mut found = Vec::new();
    for (t, facts) in tables_with_key(n, &check.table_key) {
        let in_col: Vec<(usize, &Fact)> = facts
            .iter()
            .filter(|(_, f)| f.column_path.join(" > ") == col)
            .copied()
            .collect();
        let pick = |p: Pred| {
            in_col
                .iter()
                .find(|(_, f)| p(&squash(&f.row_label)))
                .map(|(i, _)| *i)
        };
        let Some(w) = pick(whole) else { continue };
        let ps: Vec<usize> = parts.iter().filter_map(|p| pick(*p)).collect();
        let sum: Decimal = ps.iter().map(|i| n.facts[*i].amount).sum();
        if n.facts[w].amount == check.actual && sum == check.expected {
            let mut cells = vec![w];
            cells.extend(ps);
            found.push((t, cells));
        }
    }
    found
}

fn cross_table(check: &Check, n: &Normalized) -> Link {
    let pairs: &[(&str, &str, &str, &str, &str)] = &[
        (
            "income",
            "total",
            "expenditure",
            "total",
            "收入表总计 = 支出表总计",
        ),
        (
            "general_budget_basic_expenditure",
            "total",
            "general_budget_expenditure",
            "basic",
            "基本支出表合计 = 一般公共预算支出表基本支出",
        ),
        (
            "general_budget_project_expenditure",
            "total",
            "general_budget_expenditure",
            "project",
            "项目支出表合计 = 一般公共预算支出表项目支出",
        ),
        (
            "general_budget_expenditure",
            "total",
            "income",
            "general_budget",
            "一般公共预算支出表合计 = 收入表一般公共预算",
        ),
    ];
    let Some((ka, ma, kb, mb, _)) = pairs.iter().find(|p| p.4 == check.subject) else {
        return Link::Unlinked("a cross-table comparison this page does not know".into());
    };
    // The first table of the kind and its first total row of the measure (checks.rs total_of).
    let total_of = |key: &str, measure: &str| {
        let t = n.tables.iter().position(|t| t.key.as_str() == key)?;
        n.facts.iter().position(|f| {
            f.table == t && f.code.is_empty() && is_total_row(&f.row_label) && f.measure == measure
        })
    };
    match (total_of(ka, ma), total_of(kb, mb)) {
        (Some(a), Some(b))
            if n.facts[a].amount == check.actual && n.facts[b].amount == check.expected =>
        {
            Link::Facts(vec![a, b])
        }
        _ => Link::Unlinked("the two totals do not reproduce the check's numbers".into()),
    }
}

/// Every row printing that code with that name (the check is made once per code and name).
fn code_name(check: &Check, n: &Normalized) -> Link {
    let Some((head, _)) = check.subject.split_once(" (catalog: ") else {
        return Link::Unlinked("the subject names no code".into());
    };
    let cells: Vec<usize> = n
        .facts
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.code.is_empty() && format!("{} {}", f.code, f.row_label) == head)
        .map(|(i, _)| i)
        .collect();
    if cells.is_empty() {
        Link::Unlinked("no fact prints this code and name".into())
    } else {
        Link::Facts(cells)
    }
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
        let mut codes: Vec<&str> = cells.iter().map(|i| n.facts[*i].code.as_str()).collect();
        codes.sort();
        assert_eq!(codes, ["201", "20101", "20102"]);
        // Checks that passed are not linked (nothing to show).
        assert!(n
            .checks
            .iter()
            .zip(&links)
            .all(|(c, l)| (c.status == CheckStatus::Fail) == l.is_some()));
    }
}
