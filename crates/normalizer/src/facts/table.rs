//! Facts of one ordinary (non performance-target) table: every amount cell with its row's
//! label, code, project and other codes, and the numbers it could not place.

use super::{
    column_roles, embedded_number, is_column_number_row, is_dash, is_total, is_unit_header,
    parse_amount, squash, Fact, Role, Unplaced,
};
use crate::codes::{code_cell, code_system, split_code_prefix};
use crate::measure::measure;
use crate::vocab::{CodeSource, CodeSystem, Word};
use rust_decimal::Decimal;
use std::collections::HashMap;
use yusuan_extractor::layout::{BodyRow, Table};

/// An amount column with the columns that describe its row.
struct Group {
    amount: usize,
    label: Option<usize>,
    project: Option<usize>,
    codes: Vec<usize>,
    /// First column of the group (after the previous group's amounts).
    start: usize,
    /// Other name columns of the group with their own code columns on their left: a row
    /// printing two classifications (部门经济 | 政府经济 side by side).
    alts: Vec<(usize, Vec<usize>)>,
}

/// What every row of a table shares.
struct TableCtx<'a> {
    index: usize,
    t: &'a Table,
    roles: Vec<Role>,
    /// A column's measure depends on its header only.
    measures: Vec<String>,
}

/// Codes already read: per row and column set, and the previous row's parts (for 款/项
/// printed without their 类).
#[derive(Default)]
struct CodeState {
    row_codes: HashMap<Vec<usize>, String>,
    prev_parts: HashMap<Vec<usize>, Vec<String>>,
}

/// Facts of one ordinary (non performance-target) table, and the numbers it could not place.
pub fn table_facts(index: usize, t: &Table) -> (Vec<Fact>, Vec<Unplaced>) {
    let roles = column_roles(t);
    let unplaced = unplaced_cells(index, t, &roles);
    let groups: Vec<Group> = (0..roles.len())
        .filter(|c| roles[*c] == Role::Amount)
        .map(|c| group_of(t, &roles, c))
        .collect();
    let ctx = TableCtx {
        index,
        t,
        roles,
        measures: t.header_paths.iter().map(|p| measure(p)).collect(),
    };
    let mut state = CodeState::default();
    let mut facts = Vec::new();
    for (ri, row) in t.rows.iter().enumerate() {
        if is_column_number_row(&row.cells) {
            continue;
        }
        state.row_codes.clear();
        for g in &groups {
            let Some(amount) = row.cells.get(g.amount).and_then(|s| parse_amount(s)) else {
                continue;
            };
            facts.push(row_fact(&ctx, g, ri, row, amount, &mut state));
        }
    }
    (facts, unplaced)
}

/// Numbers that are no fact: mixed with text in an amount column, or in a text column.
fn unplaced_cells(index: usize, t: &Table, roles: &[Role]) -> Vec<Unplaced> {
    let mut unplaced = Vec::new();
    for (ri, row) in t.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let amount_col = roles.get(c) == Some(&Role::Amount);
            let reason = if amount_col
                && !cell.trim().is_empty()
                && parse_amount(cell).is_none()
                && !is_dash(cell)
                && embedded_number(cell)
            {
                Some("number mixed with text in an amount column")
            } else if !amount_col
                && roles.get(c) != Some(&Role::Code)
                && parse_amount(cell).is_some()
                && cell.contains('.')
            {
                Some("number in a text column")
            } else {
                None
            };
            if let Some(reason) = reason {
                unplaced.push(Unplaced {
                    table: index,
                    page: row.page,
                    row_no: ri + 1,
                    body_row: ri,
                    col: c,
                    column_path: t.header_paths.get(c).cloned().unwrap_or_default(),
                    cell: cell.trim().to_string(),
                    reason,
                });
            }
        }
    }
    unplaced
}

/// The label and project columns of the amount column `c`.
fn label_and_project(t: &Table, roles: &[Role], c: usize) -> (Option<usize>, Option<usize>) {
    // The row's name: the nearest name column (header with 名称, not a unit's) of the
    // group, else the nearest text column (采购品目名称 rather than 采购组织形式).
    // (The group is the text columns before this run of amount columns.)
    let last_text = (0..c).rev().find(|k| roles[*k] != Role::Amount);
    let prev_amount = last_text.and_then(|lt| (0..lt).rev().find(|k| roles[*k] == Role::Amount));
    let in_group = |k: &usize| prev_amount.is_none_or(|a| *k > a);
    let is_named = |k: &usize| {
        let header = label_header(t, roles, *k);
        roles[*k] == Role::Label
            && header.iter().any(|p| {
                let p = squash(p);
                p.contains("名称") || p == "采购项目"
            })
            && !is_unit_header(header)
    };
    // A group without any text column of its own (采购时间 | 预算金额 after 数量, the time
    // not being a name) is named by the row's name column further left (采购项目), not by
    // whatever text stands nearest.
    let group_has_label = (0..c)
        .rev()
        .filter(in_group)
        .any(|k| roles[k] == Role::Label);
    let named = (0..c)
        .rev()
        .filter(in_group)
        .find(is_named)
        .or_else(|| (!group_has_label).then(|| (0..c).rev().find(is_named))?);
    let mut label = named.or_else(|| (0..c).rev().find(|k| roles[*k] == Role::Label));
    // The group's 项目名称 / 专项名称 column, right of the name (usual) or left of it
    // (专项名称 | 经济科目 | 采购品目名称).
    let mut project = label.and_then(|l| {
        (l + 1..c).find(|k| roles[*k] == Role::Project).or_else(|| {
            (0..l)
                .rev()
                .filter(in_group)
                .find(|k| roles[*k] == Role::Project)
        })
    });
    if project.is_none()
        && label.is_some_and(|l| {
            t.header_paths[l]
                .iter()
                .any(|p| squash(p).contains("项目名称"))
        })
    {
        project = label;
    }
    // 单位名称 | 项目名称 | amounts: the project names the row, the unit is its sub-unit.
    if let (Some(l), Some(p)) = (label, project) {
        if is_unit_header(&t.header_paths[l]) {
            label = Some(p);
        }
    }
    (label, project)
}

/// The header of label column `k`: its own, or when it has none, that of the label column on
/// its left (one header cell over a category column and the name column beside it, printed
/// over the first).
fn label_header<'a>(t: &'a Table, roles: &[Role], k: usize) -> &'a [String] {
    let mut k = k;
    while k > 0 && t.header_paths[k].is_empty() && roles[k - 1] == Role::Label {
        k -= 1;
    }
    &t.header_paths[k]
}

/// The code columns right before column `l`.
fn codes_before(roles: &[Role], l: usize) -> Vec<usize> {
    let mut codes = Vec::new();
    let mut k = l;
    while k > 0 && roles[k - 1] == Role::Code {
        k -= 1;
        codes.insert(0, k);
    }
    codes
}

/// For the amount column `c`: its label column, project column and code columns.
fn group_of(t: &Table, roles: &[Role], c: usize) -> Group {
    let (label, project) = label_and_project(t, roles, c);
    let codes = match label {
        Some(l) => {
            let codes = codes_before(roles, l);
            // Codes printed right of the name (rare) or columns without a name column.
            if codes.is_empty() {
                (l + 1..c).filter(|k| roles[*k] == Role::Code).collect()
            } else {
                codes
            }
        }
        None => (0..c).filter(|k| roles[*k] == Role::Code).collect(),
    };
    let start = (0..label.unwrap_or(0))
        .rev()
        .find(|k| roles[*k] == Role::Amount)
        .map(|k| k + 1)
        .unwrap_or(0);
    let alts = (start..c)
        .filter(|k| roles[*k] == Role::Label && Some(*k) != label)
        .map(|k| (k, codes_before(roles, k)))
        .filter(|(_, codes)| !codes.is_empty())
        .collect();
    Group {
        amount: c,
        label,
        project,
        codes,
        start,
        alts,
    }
}

/// The label column's cell, or when it is empty (a 合计 spanning two label columns, a category
/// column beside the name column, a 一级项目 row over its 二级项目 in a project column) the
/// nearest label text on its left.
fn label_cell<'a>(row: &'a BodyRow, g: &Group, roles: &[Role]) -> &'a str {
    g.label
        .map(|l| {
            // (A 合计 printed across the code columns, or over 单位代码 + 单位名称, counts too.)
            (0..=l)
                .rev()
                .filter(|k| {
                    *k == l
                        || matches!(
                            roles[*k],
                            Role::Label | Role::Code | Role::Index | Role::Project
                        )
                })
                .map(|k| row.cells.get(k).map(|s| s.trim()).unwrap_or(""))
                .find(|s| !s.is_empty() && code_cell(s).is_none())
                .unwrap_or("")
        })
        .unwrap_or("")
}

/// A row printing two classifications: `code` becomes the one ranked first (部门经济 before 功能
/// before 政府经济), with that block's name; the others go to `other`.
fn alt_codes(
    row: &BodyRow,
    g: &Group,
    state: &mut CodeState,
    code: &mut String,
    label: &mut String,
    other: &mut Vec<String>,
) {
    for (l, cols) in &g.alts {
        let alt = row_code(row, cols, &mut state.row_codes, &mut state.prev_parts);
        if alt.is_empty() {
            continue;
        }
        let alt_label = row.cells.get(*l).map(|s| s.trim()).unwrap_or("");
        if system_rank(code_system(&alt)) < system_rank(code_system(code)) {
            if !code.is_empty() {
                other.push(format!("{}:{code}", code_system(code).word()));
            }
            *code = alt;
            if !alt_label.is_empty() {
                *label = alt_label.to_string();
            }
        } else if code_system(&alt) != code_system(code) {
            other.push(format!("{}:{alt}", code_system(&alt).word()));
        }
    }
}

/// The fact of one amount cell.
fn row_fact(
    ctx: &TableCtx,
    g: &Group,
    ri: usize,
    row: &BodyRow,
    amount: Decimal,
    state: &mut CodeState,
) -> Fact {
    let (t, roles) = (ctx.t, &ctx.roles);
    let label_cell = label_cell(row, g, roles);
    let (mut code, mut label) = (String::new(), label_cell.to_string());
    if !g.codes.is_empty() {
        code = row_code(row, &g.codes, &mut state.row_codes, &mut state.prev_parts);
    }
    if code.is_empty() {
        let (c2, rest) = split_code_prefix(label_cell);
        if !c2.is_empty() {
            code = c2;
            label = rest;
        }
    }
    let mut other: Vec<String> = Vec::new();
    alt_codes(row, g, state, &mut code, &mut label, &mut other);
    // The 项目名称 column, or the name column when it is headed 项目名称; a 合计 printed there
    // names no project.
    let project = g
        .project
        .and_then(|p| row.cells.get(p))
        .map(|s| s.trim().to_string())
        .filter(|s| !is_total(s))
        .unwrap_or_default();
    // A project row printing no other name (序号 | 项目名称 under the 科目 columns) is named
    // by its project, as project rows are.
    if label.is_empty() && code.is_empty() {
        label.clone_from(&project);
    }
    let system = code_system(&code);
    // Other label columns of the same column group that carry a code of another system at the
    // start of the name.
    other.extend(
        (g.start..g.amount)
            .filter(|k| roles[*k] == Role::Label && Some(*k) != g.label)
            .filter_map(|k| row.cells.get(k))
            .filter_map(|cell| {
                let (c, _) = split_code_prefix(cell);
                let sys = code_system(&c);
                (!c.is_empty() && sys != system).then(|| format!("{}:{c}", sys.word()))
            }),
    );
    Fact {
        table: ctx.index,
        page: row.page,
        row_no: ri + 1,
        body_row: ri,
        col: g.amount,
        row_label: label,
        code,
        code_system: system,
        code_source: system.map(|_| CodeSource::Printed),
        project,
        measure: ctx.measures[g.amount].clone(),
        column_path: t.header_paths[g.amount].clone(),
        amount,
        other_codes: other.join(";"),
        sub_unit: String::new(),
        row_kind: "item",
    }
}

/// Order in which a row's classifications become its `code`: the finest first.
pub(super) fn system_rank(system: Option<CodeSystem>) -> u8 {
    match system {
        Some(CodeSystem::Economic) => 0,
        Some(CodeSystem::Function) => 1,
        Some(CodeSystem::GovEconomic) => 2,
        None => 3,
    }
}

/// The code a row prints in the code columns `cols` (parts joined, a missing 类 inherited from
/// the rows above), empty when it is not a classification code. Computed once per row and
/// column set.
pub(super) fn row_code(
    row: &yusuan_extractor::layout::BodyRow,
    cols: &[usize],
    row_codes: &mut HashMap<Vec<usize>, String>,
    prev_parts: &mut HashMap<Vec<usize>, Vec<String>>,
) -> String {
    let code = row_codes
        .entry(cols.to_vec())
        .or_insert_with(|| {
            let parts: Vec<String> = cols
                .iter()
                .map(|k| {
                    row.cells
                        .get(*k)
                        .and_then(|s| code_cell(s))
                        .unwrap_or_default()
                })
                .collect();
            let filled = fill_parts(&parts, prev_parts.get(cols));
            if filled.iter().any(|p| !p.is_empty()) {
                prev_parts.insert(cols.to_vec(), filled.clone());
            }
            filled.concat()
        })
        .clone();
    if code_system(&code).is_none() {
        String::new()
    } else {
        code
    }
}

/// Code parts of split 类/款/项 columns; a row that prints only 款/项 inherits the 类 above.
pub(super) fn fill_parts(parts: &[String], prev: Option<&Vec<String>>) -> Vec<String> {
    let mut out = parts.to_vec();
    if parts.len() > 1 && parts[0].is_empty() && parts[1..].iter().any(|p| !p.is_empty()) {
        if let Some(prev) = prev {
            for (i, p) in out.iter_mut().enumerate() {
                if p.is_empty() {
                    *p = prev.get(i).cloned().unwrap_or_default();
                } else {
                    break;
                }
            }
        }
    }
    // A combined code printed in the first code column ("2010301") stands alone.
    if out.len() > 1 && out[0].len() > 3 {
        return vec![out[0].clone()];
    }
    // Trailing parts after a gap are not part of the code.
    let mut end = 0;
    while end < out.len() && !out[end].is_empty() {
        end += 1;
    }
    out.truncate(end);
    // A 款 or 项 of one digit lost its leading zero (a spreadsheet cell formatted as a
    // number: 301 | 2 for 30102).
    for p in out.iter_mut().skip(1) {
        if p.len() == 1 {
            p.insert(0, '0');
        }
    }
    out
}
