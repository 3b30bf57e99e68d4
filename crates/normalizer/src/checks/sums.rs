//! Sums within one table: `parent_sum`, `total_basic_project`, `total_personnel_public`,
//! `total_economic`, `subtotal_sources`.

use super::{squash, Cmp, Ctx};
use crate::facts::Fact;
use crate::vocab::CodeSource;
use crate::vocab::TableKind;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// 类 = Σ款, 款 = Σ项 (and 301 = Σ301xx) within one column of one table.
pub(super) fn parent_sums(ctx: &mut Ctx, t: usize) {
    let mut columns: BTreeMap<String, Vec<&Fact>> = BTreeMap::new();
    for f in &ctx.by_table[t] {
        // Only printed codes: a name the catalog cannot place would leave a gap among children.
        if f.code_system.is_some() && f.code_source == Some(CodeSource::Printed) {
            columns.entry(f.column_path.join(">")).or_default().push(f);
        }
    }
    let mut found = Vec::new();
    for (col, fs) in &columns {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for f in fs {
            *count.entry(f.code.as_str()).or_default() += 1;
        }
        let mut ordered: Vec<&&Fact> = fs.iter().collect();
        ordered.sort_by_key(|f| f.row_no);
        for (pi, parent) in ordered.iter().enumerate().filter(|(_, f)| f.code.len() < 7) {
            let candidates: Vec<&Fact> = if count[parent.code.as_str()] == 1 {
                fs.to_vec()
            } else {
                // The same code on several rows (301 under 501 and again under 505, the rows
                // printing 政府经济 codes beside): each takes the rows below it up to the next
                // row of its level.
                ordered[pi + 1..]
                    .iter()
                    .take_while(|c| {
                        c.code_system != parent.code_system || c.code.len() > parent.code.len()
                    })
                    .map(|c| **c)
                    .collect()
            };
            let children = children_of(parent, &candidates);
            if children.is_empty() {
                continue;
            }
            let sum: Decimal = children.iter().map(|c| c.amount).sum();
            let mut values: Vec<Decimal> = children.iter().map(|c| c.amount).collect();
            values.push(parent.amount);
            let mut cells = vec![**parent];
            cells.extend(children.iter().copied());
            found.push(Cmp {
                subject: format!(
                    "{} {} [{}]",
                    parent.code,
                    parent.row_label,
                    col.replace('>', " > ")
                ),
                expected: sum,
                actual: parent.amount,
                terms: children.len(),
                values,
                cells,
            });
        }
    }
    for c in found {
        ctx.push(t, "parent_sum", c);
    }
}

/// The rows of `candidates` directly under `parent`: its codes' descendants with no printed
/// code between them (301 → 30101, and 301 → 3010201 where a table extends 30102 into local
/// items without printing 30102 itself).
fn children_of<'a>(parent: &Fact, candidates: &[&'a Fact]) -> Vec<&'a Fact> {
    let below = |c: &Fact, p: &str| {
        c.code.len() > p.len() && c.code.starts_with(p) && c.code_system == parent.code_system
    };
    candidates
        .iter()
        .copied()
        .filter(|c| below(c, &parent.code))
        .filter(|c| {
            !candidates
                .iter()
                .any(|a| below(a, &parent.code) && a.code.len() < c.code.len() && below(c, &a.code))
        })
        .collect()
}

/// Facts of one table row by measure (the first column of each measure).
fn rows_by_measure<'a>(facts: &[&'a Fact]) -> BTreeMap<usize, BTreeMap<&'a str, &'a Fact>> {
    let mut rows: BTreeMap<usize, BTreeMap<&str, &Fact>> = BTreeMap::new();
    for f in facts {
        rows.entry(f.row_no)
            .or_default()
            .entry(f.measure.as_str())
            .or_insert(f);
    }
    rows
}

/// 合计 = 基本支出 + 项目支出, 合计 = 人员经费 + 公用经费, 项目支出合计 = Σ economic columns.
pub(super) fn row_identities(ctx: &mut Ctx, t: usize) {
    let key = ctx.tables[t].key;
    if matches!(
        key,
        TableKind::Summary
            | TableKind::FiscalSummary
            | TableKind::Income
            | TableKind::PerformanceTargets
            | TableKind::Other
    ) {
        return;
    }
    let measures: Vec<String> = amount_columns(ctx, t)
        .into_iter()
        .map(|c| crate::measure::measure(&ctx.tables[t].table.header_paths[c]))
        .collect();
    let has = |m: &str| measures.iter().any(|x| x == m);
    // 合计 = 基本 + 项目 holds only when those are the only kinds of column (no 其中 columns,
    // no 经营支出 or 上缴上级 columns beside them).
    let plain = measures.iter().all(|m| {
        matches!(
            m.as_str(),
            "total" | "basic" | "project" | "personnel" | "public"
        ) || m.starts_with("econ:")
    });
    let econ_cols = measures.iter().filter(|m| m.starts_with("econ:")).count();
    let rows = rows_by_measure(&ctx.by_table[t]);
    let mut found = Vec::new();
    for (row_no, by) in &rows {
        let Some(total) = by.get("total") else {
            continue;
        };
        if !plain {
            continue;
        }
        let label = format!("row {} {} {}", row_no, total.code, total.row_label)
            .trim()
            .to_string();
        found.extend(row_identity(by, total, &label, &has));
        if econ_cols >= 3 {
            let parts: Vec<&Fact> = by
                .iter()
                .filter(|(m, _)| m.starts_with("econ:"))
                .map(|(_, f)| *f)
                .collect();
            let mut values: Vec<Decimal> = parts.iter().map(|f| f.amount).collect();
            values.push(total.amount);
            let mut cells = vec![*total];
            cells.extend(parts.iter().copied());
            found.push((
                "total_economic",
                Cmp {
                    subject: label.clone(),
                    expected: parts.iter().map(|f| f.amount).sum(),
                    actual: total.amount,
                    terms: parts.len().max(1),
                    values,
                    cells,
                },
            ));
        }
    }
    for (check, c) in found {
        ctx.push(t, check, c);
    }
}

/// 合计 = 基本支出 + 项目支出 (or 人员经费 + 公用经费 + 项目支出), or 合计 = 人员经费 + 公用经费, on
/// one row.
fn row_identity<'a>(
    by: &BTreeMap<&str, &'a Fact>,
    total: &'a Fact,
    label: &str,
    has: &dyn Fn(&str) -> bool,
) -> Option<(&'static str, Cmp<'a>)> {
    let get = |m: &str| by.get(m).map(|f| f.amount).unwrap_or_default();
    let cells = |ms: &[&str]| {
        let mut v = vec![total];
        v.extend(ms.iter().filter_map(|m| by.get(m).copied()));
        v
    };
    if has("project") && (has("basic") || (has("personnel") && has("public"))) {
        let (basic, terms, parts): (Decimal, usize, &[&str]) = if has("basic") {
            (get("basic"), 2, &["basic", "project"])
        } else {
            (
                get("personnel") + get("public"),
                3,
                &["personnel", "public", "project"],
            )
        };
        Some((
            "total_basic_project",
            Cmp {
                subject: label.to_string(),
                expected: basic + get("project"),
                actual: total.amount,
                terms,
                values: vec![total.amount, basic],
                cells: cells(parts),
            },
        ))
    } else if has("personnel") && has("public") && !has("project") {
        Some((
            "total_personnel_public",
            Cmp {
                subject: label.to_string(),
                expected: get("personnel") + get("public"),
                actual: total.amount,
                terms: 2,
                values: vec![total.amount, get("personnel")],
                cells: cells(&["personnel", "public"]),
            },
        ))
    } else {
        None
    }
}

/// Columns of a table that carry facts, left to right.
pub(super) fn amount_columns(ctx: &Ctx, t: usize) -> Vec<usize> {
    let paths = &ctx.tables[t].table.header_paths;
    let mut cols: Vec<usize> = Vec::new();
    for f in &ctx.by_table[t] {
        if let Some(i) = paths.iter().position(|p| *p == f.column_path) {
            if !cols.contains(&i) {
                cols.push(i);
            }
        }
    }
    cols.sort();
    cols
}

fn is_subtotal_cell(s: &str) -> bool {
    let t = squash(s);
    t == "小计" || t == "合计" || t == "金额" || t.ends_with("小计")
}

/// "其中：…" columns repeat part of a neighbour: never added.
fn is_of_which(path: &[String]) -> bool {
    path.last().is_some_and(|s| squash(s).starts_with("其中"))
}

/// Value of the header group `prefix` in one row: its 小计 column if printed, else the sum of
/// its direct children. Also records a `subtotal_sources` check for every group whose 小计 is
/// printed. Returns (value, number of rounded terms).
fn group_value(
    paths: &[Vec<String>],
    cols: &[usize],
    prefix: &[String],
    vals: &BTreeMap<usize, Decimal>,
    label: &str,
    found: &mut Vec<(String, Decimal, Decimal, usize, Vec<usize>)>,
) -> Option<(Decimal, usize)> {
    let members: Vec<usize> = cols
        .iter()
        .copied()
        .filter(|c| {
            paths[*c].len() > prefix.len()
                && paths[*c].starts_with(prefix)
                && !is_of_which(&paths[*c])
        })
        .collect();
    if members.is_empty() {
        return None;
    }
    let subtotal = members.iter().copied().find(|c| {
        paths[*c].len() == prefix.len() + 1 && is_subtotal_cell(&paths[*c][prefix.len()])
    });
    // Direct children: leaf columns one level down, and nested groups.
    let mut children: Vec<Vec<String>> = Vec::new();
    for c in &members {
        if Some(*c) == subtotal {
            continue;
        }
        let child = paths[*c][..prefix.len() + 1].to_vec();
        if !children.contains(&child) {
            children.push(child);
        }
    }
    let mut sum = Decimal::ZERO;
    let mut terms = 0;
    for child in &children {
        match cols.iter().copied().find(|c| paths[*c] == *child) {
            Some(c) => {
                sum += vals.get(&c).copied().unwrap_or_default();
                terms += 1;
            }
            None => {
                // A nested group counts as one rounded term: its printed 小计, or its own sum.
                if let Some((v, _)) = group_value(paths, cols, child, vals, label, found) {
                    sum += v;
                    terms += 1;
                }
            }
        }
    }
    match subtotal {
        Some(s) => {
            let printed = vals.get(&s).copied().unwrap_or_default();
            if !children.is_empty() && vals.contains_key(&s) {
                let name = if prefix.is_empty() {
                    "总计".to_string()
                } else {
                    prefix.join(" > ")
                };
                let mut used = vec![s];
                used.extend(members.iter().copied().filter(|c| *c != s));
                found.push((
                    format!("{label} [{name}]"),
                    sum,
                    printed,
                    terms.max(1),
                    used,
                ));
            }
            Some((printed, 1))
        }
        None => Some((sum, terms)),
    }
}

/// 小计 = Σ the columns of its group; 总计 = Σ the top-level groups (收入表, "三公"表, 委托业务费表).
pub(super) fn column_groups(ctx: &mut Ctx, t: usize) {
    let kt = &ctx.tables[t];
    if !matches!(
        kt.key,
        TableKind::Income | TableKind::ThreePublicExpenses | TableKind::CommissionedServices
    ) {
        return;
    }
    let paths = kt.table.header_paths.clone();
    let cols = amount_columns(ctx, t);
    if cols.len() < 3 {
        return;
    }
    let total_col = cols[0];
    if paths[total_col].len() != 1
        || !matches!(
            squash(&paths[total_col][0]).as_str(),
            "合计" | "总计" | "本年收入合计" | "收入合计"
        )
    {
        return;
    }
    let rest: Vec<usize> = cols[1..]
        .iter()
        .copied()
        .filter(|c| !is_of_which(&paths[*c]))
        .collect();
    let mut rows: BTreeMap<usize, BTreeMap<usize, Decimal>> = BTreeMap::new();
    let mut cells: BTreeMap<(usize, usize), &Fact> = BTreeMap::new();
    let mut labels: BTreeMap<usize, String> = BTreeMap::new();
    for f in &ctx.by_table[t] {
        if let Some(i) = paths.iter().position(|p| *p == f.column_path) {
            rows.entry(f.row_no)
                .or_default()
                .entry(i)
                .or_insert(f.amount);
            cells.entry((f.row_no, i)).or_insert(*f);
            labels
                .entry(f.row_no)
                .or_insert_with(|| format!("{} {}", f.code, f.row_label).trim().to_string());
        }
    }
    let mut found = Vec::new();
    for (row_no, vals) in &rows {
        let Some(&total) = vals.get(&total_col) else {
            continue;
        };
        let label = labels.get(row_no).cloned().unwrap_or_default();
        // The top level: every first header cell is a group or a single column.
        let mut row_found = Vec::new();
        let Some((sum, terms)) = group_value(&paths, &rest, &[], vals, &label, &mut row_found)
        else {
            continue;
        };
        let mut used = vec![total_col];
        used.extend(rest.iter().copied());
        row_found.push((format!("{label} [总计]"), sum, total, terms, used));
        found.extend(row_found.into_iter().map(|r| (*row_no, r)));
    }
    for (row_no, (subject, expected, actual, terms, used)) in found {
        let cells = used
            .iter()
            .filter_map(|c| cells.get(&(row_no, *c)).copied())
            .collect();
        let c = Cmp::of(subject, expected, actual, terms, cells);
        ctx.push(t, "subtotal_sources", c);
    }
}
