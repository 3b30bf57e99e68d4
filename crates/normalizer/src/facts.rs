//! Facts: one per published number, tied to its table, row, code and column.
//!
//! Columns are given roles from their header and body: code columns (类/款/项, 科目编码),
//! label columns (names), a project column (项目名称 beside a 科目名称), and amount columns.
//! Each amount column takes its row label from the nearest label column on its left, so the
//! income and expenditure halves of 收支总表 (and any side-by-side halves) read as separate
//! column groups.

use crate::codes::{code_cell, code_system, split_code_prefix};
use crate::measure::measure;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;
use yusuan_extractor::layout::Table;

#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Index of the table in the document's table list.
    pub table: usize,
    pub page: usize,
    /// 1-based row number within the table body: always `body_row + 1`.
    pub row_no: usize,
    /// Index of the fact's row in `Table::rows` (0-based; `row_no - 1`).
    pub body_row: usize,
    /// Index of the fact's cell in that row's `BodyRow::cells`, which is also its column in
    /// `Table::header_paths`.
    pub col: usize,
    pub row_label: String,
    pub code: String,
    pub code_system: &'static str,
    /// `printed` when the table prints the code, `inferred` when derived from the name.
    pub code_source: &'static str,
    pub project: String,
    pub column_path: Vec<String>,
    pub measure: String,
    pub amount: Decimal,
    /// Codes of other classifications printed on the row (Beijing's 支出总表 prints the function,
    /// 政府经济 and 部门经济 codes side by side): `function:2130201;gov_economic:50101`.
    pub other_codes: String,
    /// The 预算单位 the row belongs to when the table lists several units (`units.rs`).
    pub sub_unit: String,
    /// What the row is (`row_kind`): `total`, `subtotal`, `part`, `sub_unit` or `item`.
    pub row_kind: &'static str,
}

/// A number printed in a table that did not become a fact, with the reason: reported in
/// unplaced.csv so that nothing is lost silently.
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    pub table: usize,
    pub page: usize,
    /// 1-based row number within the table body: always `body_row + 1`.
    pub row_no: usize,
    /// Index of the row in `Table::rows` (0-based).
    pub body_row: usize,
    /// Index of the cell in `BodyRow::cells` / `Table::header_paths`.
    pub col: usize,
    pub column_path: Vec<String>,
    pub cell: String,
    pub reason: &'static str,
}

/// A decimal number inside a cell that is not a plain amount (`支 2947399.16`, `12.5万元`).
fn embedded_number(cell: &str) -> bool {
    let b = cell.as_bytes();
    b.windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// Row numbers: neither codes nor amounts.
    Index,
    Code,
    Label,
    Project,
    Amount,
}

/// A printed amount: `1,852.77`, `-3.5`, `0.00`. Blank and dash cells are not amounts.
pub fn parse_amount(cell: &str) -> Option<Decimal> {
    let t: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '，')
        .collect();
    if t.is_empty() || t.len() > 24 {
        return None;
    }
    let (neg, body) = match t.strip_prefix(['-', '−', '－']) {
        Some(rest) => (true, rest),
        None => (false, t.as_str()),
    };
    if body.is_empty()
        || !body.chars().all(|c| c.is_ascii_digit() || c == '.')
        || !body.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let v = Decimal::from_str(body).ok()?;
    Some(if neg { -v } else { v })
}

fn is_dash(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '-' | '—' | '－' | '–' | '/' | '＿' | '_'))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn column_roles(t: &Table) -> Vec<Role> {
    let nc = t.columns();
    let mut roles = Vec::with_capacity(nc);
    for c in 0..nc {
        let path: Vec<String> = t.header_paths[c].iter().map(|s| squash(s)).collect();
        let last = path.last().cloned().unwrap_or_default();
        let cells: Vec<&str> = t
            .rows
            .iter()
            .filter_map(|r| r.cells.get(c))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        let n_amount = cells
            .iter()
            .filter(|s| parse_amount(s).is_some() || is_dash(s))
            .count();
        let n_code = cells.iter().filter(|s| code_cell(s).is_some()).count();
        let code_header = matches!(last.as_str(), "类" | "款" | "项")
            || path
                .iter()
                .any(|p| p.contains("编码") || p.contains("代码") || p == "科目编号");
        let name_header = path
            .iter()
            .any(|p| p.contains("名称") || p == "项目" || p.contains("科目") || p.contains("内容"));
        // Row numbers (序号, 行次) and unit codes (单位编码) are neither classification codes nor amounts.
        let unit_code = path.iter().any(|p| {
            (p.contains("单位") || p.contains("部门")) && (p.contains("编码") || p.contains("代码"))
        });
        // Years (年度 | 2022 / 2021 in small narrative tables) and head counts (编制人数, 实有
        //人数) are not money either.
        let not_money = (matches!(last.as_str(), "年度" | "年份") && n_amount * 2 >= cells.len())
            || path.iter().any(|p| p.contains("人数"));
        let index_header = unit_code
            || not_money
            || matches!(last.as_str(), "序号" | "行次" | "栏次" | "编号" | "序");
        let role = if index_header {
            Role::Index
        } else if code_header
            && n_code * 2 >= cells.len()
            && !path.iter().any(|p| p.contains("名称"))
        {
            Role::Code
        } else if path
            .iter()
            .any(|p| p.contains("项目名称") || p.contains("专项名称"))
            && roles.contains(&Role::Label)
        {
            Role::Project
        } else if !cells.is_empty()
            && n_amount * 10 >= cells.len() * 6
            && !(name_header && n_amount * 10 < cells.len() * 9)
        {
            Role::Amount
        } else if cells.is_empty() {
            if name_header || code_header {
                Role::Label
            } else {
                Role::Amount
            }
        } else {
            Role::Label
        };
        roles.push(role);
    }
    roles
}

/// Facts of one ordinary (non performance-target) table, and the numbers it could not place.
pub fn table_facts(index: usize, t: &Table) -> (Vec<Fact>, Vec<Unplaced>) {
    let roles = column_roles(t);
    let nc = roles.len();
    let mut facts = Vec::new();
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
    // For every amount column: its label column, project column and code columns.
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
    let mut groups = Vec::new();
    for c in 0..nc {
        if roles[c] != Role::Amount {
            continue;
        }
        // The row's name: the nearest name column (header with 名称, not a unit's) of the
        // group, else the nearest text column (采购品目名称 rather than 采购组织形式).
        // (The group is the text columns before this run of amount columns.)
        let last_text = (0..c).rev().find(|k| roles[*k] != Role::Amount);
        let prev_amount =
            last_text.and_then(|lt| (0..lt).rev().find(|k| roles[*k] == Role::Amount));
        let in_group = |k: &usize| prev_amount.is_none_or(|a| *k > a);
        let named = (0..c).rev().filter(in_group).find(|k| {
            roles[*k] == Role::Label
                && t.header_paths[*k]
                    .iter()
                    .any(|p| squash(p).contains("名称"))
                && !is_unit_header(&t.header_paths[*k])
        });
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
        let codes_before = |l: usize| {
            let mut codes = Vec::new();
            let mut k = l;
            while k > 0 && roles[k - 1] == Role::Code {
                k -= 1;
                codes.insert(0, k);
            }
            codes
        };
        let codes = match label {
            Some(l) => {
                let codes = codes_before(l);
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
            .map(|k| (k, codes_before(k)))
            .filter(|(_, codes)| !codes.is_empty())
            .collect();
        groups.push(Group {
            amount: c,
            label,
            project,
            codes,
            start,
            alts,
        });
    }
    // A column's measure depends on its header only.
    let measures: Vec<String> = t.header_paths.iter().map(|p| measure(p)).collect();
    // Previous row's code parts per code-column set, for 款/项 printed without their 类.
    let mut prev_parts: HashMap<Vec<usize>, Vec<String>> = Default::default();
    for (ri, row) in t.rows.iter().enumerate() {
        if is_column_number_row(&row.cells) {
            continue;
        }
        let mut row_codes: HashMap<Vec<usize>, String> = Default::default();
        for g in &groups {
            let Some(amount) = row.cells.get(g.amount).and_then(|s| parse_amount(s)) else {
                continue;
            };
            // The label column's cell, or when it is empty (a 合计 spanning two label columns,
            // a category column beside the name column) the nearest label text on its left.
            let label_cell = g
                .label
                .map(|l| {
                    // (A 合计 printed across the code columns, or over 单位代码 + 单位名称,
                    // counts too.)
                    (0..=l)
                        .rev()
                        .filter(|k| {
                            *k == l || matches!(roles[*k], Role::Label | Role::Code | Role::Index)
                        })
                        .map(|k| row.cells.get(k).map(|s| s.trim()).unwrap_or(""))
                        .find(|s| !s.is_empty() && code_cell(s).is_none())
                        .unwrap_or("")
                })
                .unwrap_or("");
            let (mut code, mut label) = (String::new(), label_cell.to_string());
            if !g.codes.is_empty() {
                code = row_code(row, &g.codes, &mut row_codes, &mut prev_parts);
            }
            if code.is_empty() {
                let (c2, rest) = split_code_prefix(label_cell);
                if !c2.is_empty() {
                    code = c2;
                    label = rest;
                }
            }
            // A row printing two classifications: `code` is the one ranked first (部门经济
            // before 功能 before 政府经济), with that block's name; the others are other codes.
            let mut other: Vec<String> = Vec::new();
            for (l, cols) in &g.alts {
                let alt = row_code(row, cols, &mut row_codes, &mut prev_parts);
                if alt.is_empty() {
                    continue;
                }
                let alt_label = row.cells.get(*l).map(|s| s.trim()).unwrap_or("");
                if system_rank(code_system(&alt)) < system_rank(code_system(&code)) {
                    if !code.is_empty() {
                        other.push(format!("{}:{code}", code_system(&code)));
                    }
                    code = alt;
                    if !alt_label.is_empty() {
                        label = alt_label.to_string();
                    }
                } else if code_system(&alt) != code_system(&code) {
                    other.push(format!("{}:{alt}", code_system(&alt)));
                }
            }
            // The 项目名称 column, or the name column when it is headed 项目名称; a 合计 printed
            // there names no project.
            let project = g
                .project
                .and_then(|p| row.cells.get(p))
                .map(|s| s.trim().to_string())
                .filter(|s| !is_total(s))
                .unwrap_or_default();
            let path = t.header_paths[g.amount].clone();
            let column_measure = measures[g.amount].clone();
            let system = code_system(&code);
            // Other label columns of the same column group that carry a code of another system
            // at the start of the name.
            other.extend(
                (g.start..g.amount)
                    .filter(|k| roles[*k] == Role::Label && Some(*k) != g.label)
                    .filter_map(|k| row.cells.get(k))
                    .filter_map(|cell| {
                        let (c, _) = split_code_prefix(cell);
                        let sys = code_system(&c);
                        (!c.is_empty() && sys != system).then(|| format!("{sys}:{c}"))
                    }),
            );
            facts.push(Fact {
                table: index,
                page: row.page,
                row_no: ri + 1,
                body_row: ri,
                col: g.amount,
                row_label: label,
                code,
                code_system: system,
                code_source: if system.is_empty() { "" } else { "printed" },
                project,
                measure: column_measure,
                column_path: path,
                amount,
                other_codes: other.join(";"),
                sub_unit: String::new(),
                row_kind: "item",
            });
        }
    }
    (facts, unplaced)
}

/// An amount in 万元, exactly: `amount` as printed in `unit` (`万元` or `元`); None when the table
/// states no unit.
pub fn amount_wan(amount: Decimal, unit: &str) -> Option<Decimal> {
    match unit.trim() {
        "万元" => Some(amount),
        "元" => {
            let mut d = amount;
            // Dividing by 10 000 is moving the decimal point: exact while the scale allows.
            if d.scale() + 4 <= 28 {
                d.set_scale(d.scale() + 4).ok()?;
                Some(d)
            } else {
                Some(amount / Decimal::from(10_000))
            }
        }
        _ => None,
    }
}

/// The role of a row from its label (`total`: 合计/总计 rows; `subtotal`: 小计; `part`: an
/// `其中：` row, a part of the row above; `item` otherwise). Unit rows are set by `units.rs`.
pub fn row_kind(label: &str) -> &'static str {
    let t = squash(label);
    if t.contains("合计") || t.contains("总计") {
        "total"
    } else if t.contains("小计") {
        "subtotal"
    } else if t.starts_with("其中") {
        "part"
    } else {
        "item"
    }
}

/// A total row's label: 合计, 总计, 小计 (spaces ignored).
pub fn is_total(label: &str) -> bool {
    let t = squash(label);
    t.contains("合计") || t.contains("总计") || t.contains("小计")
}

/// A column naming the 预算单位 of each row (单位名称, 预算单位).
pub fn is_unit_header(path: &[String]) -> bool {
    path.iter().any(|p| {
        let p = squash(p);
        p.ends_with("单位名称") || p == "预算单位" || p == "单位"
    })
}

/// A row numbering the columns under the header (`栏次 | 1 | 2`, `** | 1`, `| 1 | 2 | 3 | 4`):
/// its numbers are whole, counting up by one, and its text, if any, says 栏次/行次/**.
pub fn is_column_number_row(cells: &[String]) -> bool {
    let mut numbers = Vec::new();
    let mut marked = false;
    for c in cells {
        let t = squash(c);
        if t.is_empty() {
            continue;
        }
        if matches!(t.as_str(), "栏次" | "行次" | "**" | "*" | "栏号") {
            marked = true;
        } else if t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 3 {
            numbers.push(t.parse::<u32>().unwrap_or(0));
        } else if !matches!(t.as_str(), "项目" | "科目" | "甲" | "乙" | "丙" | "—" | "-") {
            return false;
        }
    }
    let counting = numbers.windows(2).all(|w| w[1] == w[0] + 1);
    !numbers.is_empty() && counting && (marked || (numbers.len() >= 3 && numbers[0] <= 1))
}

/// Order in which a row's classifications become its `code`: the finest first.
fn system_rank(system: &str) -> u8 {
    match system {
        "economic" => 0,
        "function" => 1,
        "gov_economic" => 2,
        _ => 3,
    }
}

/// The code a row prints in the code columns `cols` (parts joined, a missing 类 inherited from
/// the rows above), empty when it is not a classification code. Computed once per row and
/// column set.
fn row_code(
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
    if code_system(&code).is_empty() {
        String::new()
    } else {
        code
    }
}

/// Code parts of split 类/款/项 columns; a row that prints only 款/项 inherits the 类 above.
fn fill_parts(parts: &[String], prev: Option<&Vec<String>>) -> Vec<String> {
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
    out
}

/// Facts of a form-like table with no header rows (项目支出绩效目标表, 绩效自评表): every amount
/// cell, with the project named in its 项目名称 row. Where the cells above an amount (past other
/// amounts) end in a text cell, that text is its column (年初预算数 | 全年预算数 over rows
/// 年度资金总额 / 其中：财政拨款) and the nearest text on its left is its row; otherwise the
/// nearest text on its left is its column and the row's first cell its row (项目资金(万元) |
/// 年度预算总额 28.38 | 其中：财政拨款 28.38). Rows from the 一级指标 header on are indicators
/// (performance.csv), not facts.
pub fn form_facts(index: usize, t: &Table) -> Vec<Fact> {
    let mut facts = Vec::new();
    let mut project = String::new();
    let mut in_indicators = false;
    let is_num = |s: &str| parse_amount(s).is_some() || is_dash(s) || s.trim() == "--";
    let cell = |r: usize, c: usize| {
        t.rows
            .get(r)
            .and_then(|row| row.cells.get(c))
            .map(|s| s.trim())
            .unwrap_or("")
    };
    for (ri, row) in t.rows.iter().enumerate() {
        let cells: Vec<&str> = row.cells.iter().map(|s| s.trim()).collect();
        let first = cells.iter().find(|s| !s.is_empty()).copied().unwrap_or("");
        let first_sq = squash(first);
        if first_sq.starts_with("项目名称") {
            project = cells
                .iter()
                .skip_while(|s| squash(s) != first_sq)
                .skip(1)
                .find(|s| !s.is_empty())
                .map(|s| s.to_string())
                .unwrap_or_default();
            in_indicators = false;
            continue;
        }
        if first_sq.starts_with("一级指标") {
            in_indicators = true;
        }
        if in_indicators {
            continue;
        }
        let amount_cols: Vec<usize> = (0..cells.len())
            .filter(|c| parse_amount(cells[*c]).is_some())
            .collect();
        if amount_cols.is_empty() {
            continue;
        }
        // A header row aligned with this row's amounts: the nearest row above that is not all
        // amounts there, if it prints text over every one of them.
        let header_row = (0..ri).rev().find(|r| {
            amount_cols
                .iter()
                .any(|c| !is_num(cell(*r, *c)) || cell(*r, *c).is_empty())
        });
        let header_row = header_row.filter(|r| {
            amount_cols
                .iter()
                .all(|c| !cell(*r, *c).is_empty() && !is_num(cell(*r, *c)))
        });
        for &ci in &amount_cols {
            let Some(amount) = parse_amount(cells[ci]) else {
                continue;
            };
            let left = cells[..ci]
                .iter()
                .rev()
                .find(|s| !s.is_empty() && !is_num(s))
                .copied()
                .unwrap_or("");
            let (label, column) = match header_row {
                Some(r) => (left, cell(r, ci)),
                None => (first, left),
            };
            if column.is_empty() && label.is_empty() {
                continue;
            }
            let path = if column.is_empty() {
                Vec::new()
            } else {
                vec![column.to_string()]
            };
            facts.push(Fact {
                table: index,
                page: row.page,
                row_no: ri + 1,
                body_row: ri,
                col: ci,
                row_label: label.to_string(),
                code: String::new(),
                code_system: "",
                code_source: "",
                project: project.clone(),
                measure: measure(&path),
                column_path: path,
                amount,
                other_codes: String::new(),
                sub_unit: String::new(),
                row_kind: "item",
            });
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn amounts() {
        assert_eq!(
            parse_amount("1,852.77"),
            Some(Decimal::from_str("1852.77").unwrap())
        );
        assert_eq!(
            parse_amount("-3.5"),
            Some(Decimal::from_str("-3.5").unwrap())
        );
        assert_eq!(
            parse_amount("0.00"),
            Some(Decimal::from_str("0.00").unwrap())
        );
        assert_eq!(parse_amount("-"), None);
        assert_eq!(parse_amount(""), None);
        assert_eq!(parse_amount("一般"), None);
    }
    #[test]
    fn split_code_inheritance() {
        let prev = vec!["201".to_string(), "03".to_string(), "".to_string()];
        assert_eq!(
            fill_parts(&["".into(), "03".into(), "01".into()], Some(&prev)).concat(),
            "2010301"
        );
        assert_eq!(
            fill_parts(&["208".into(), "".into(), "".into()], None).concat(),
            "208"
        );
    }
    fn table(header: &[&[&str]], rows: &[&[&str]]) -> Table {
        Table {
            pages: vec![1],
            table_no: String::new(),
            title: String::new(),
            unit_name: String::new(),
            amount_unit: String::new(),
            header: Vec::new(),
            header_paths: header
                .iter()
                .map(|p| p.iter().map(|s| s.to_string()).collect())
                .collect(),
            rows: rows
                .iter()
                .map(|r| yusuan_extractor::layout::BodyRow {
                    page: 1,
                    cells: r.iter().map(|s| s.to_string()).collect(),
                    spans: vec![1; r.len()],
                    boxes: Vec::new(),
                })
                .collect(),
            note: String::new(),
            caption_lines: Vec::new(),
            areas: Vec::new(),
            header_boxes: Vec::new(),
        }
    }
    #[test]
    fn a_fact_knows_its_cell() {
        let t = table(
            &[&["科目编码"], &["科目名称"], &["合计"], &["基本支出"]],
            &[
                &["", "合计", "10.00", "4.00"],
                &["201", "一般公共服务支出", "10.00", "4.00"],
            ],
        );
        let (facts, _) = table_facts(0, &t);
        assert_eq!(facts.len(), 4);
        for f in &facts {
            assert_eq!(f.row_no, f.body_row + 1);
            let cell = &t.rows[f.body_row].cells[f.col];
            assert_eq!(parse_amount(cell), Some(f.amount));
            assert_eq!(t.header_paths[f.col], f.column_path);
        }
        assert_eq!((facts[3].body_row, facts[3].col), (1, 3));
    }
    #[test]
    fn two_classifications_on_a_row() {
        let t = table(
            &[
                &["科目编码", "类"],
                &["科目编码", "款"],
                &["部门预算支出经济分类科目名称"],
                &["科目编码", "类"],
                &["科目编码", "款"],
                &["政府预算支出经济分类科目名称"],
                &["合计"],
            ],
            &[
                &["", "", "合计", "", "", "", "30.00"],
                &[
                    "301",
                    "",
                    "工资福利支出",
                    "501",
                    "",
                    "机关工资福利支出",
                    "20.00",
                ],
                &[
                    "301",
                    "01",
                    "基本工资",
                    "501",
                    "01",
                    "工资奖金津补贴",
                    "20.00",
                ],
                &["", "", "", "505", "", "对事业单位经常性补助", "10.00"],
            ],
        );
        let (facts, _) = table_facts(0, &t);
        let got: Vec<(&str, &str, &str)> = facts
            .iter()
            .map(|f| {
                (
                    f.code.as_str(),
                    f.row_label.as_str(),
                    f.other_codes.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("", "合计", ""),
                ("301", "工资福利支出", "gov_economic:501"),
                ("30101", "基本工资", "gov_economic:50101"),
                ("505", "对事业单位经常性补助", ""),
            ]
        );
        assert_eq!(facts[3].code_system, "gov_economic");
    }
    #[test]
    fn amounts_in_wan() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(amount_wan(d("1852.77"), "万元"), Some(d("1852.77")));
        assert_eq!(
            amount_wan(d("14348853.34"), "元").map(|v| v.to_string()),
            Some("1434.885334".to_string())
        );
        assert_eq!(amount_wan(d("-5"), "元"), Some(d("-0.0005")));
        assert_eq!(amount_wan(d("5"), ""), None);
    }
    #[test]
    fn years_and_head_counts_are_not_money() {
        let t = table(
            &[&["功能科目"], &["年度"], &["合计"], &["编制人数"]],
            &[
                &["培训支出", "2022", "29.44", "12"],
                &["", "2021", "32.06", "11"],
            ],
        );
        let (facts, _) = table_facts(0, &t);
        let cols: Vec<usize> = facts.iter().map(|f| f.col).collect();
        assert_eq!(cols, vec![2, 2]);
    }
    #[test]
    fn total_printed_over_the_unit_code() {
        let t = table(
            &[&["单位代码"], &["单位名称"], &["合计"]],
            &[
                &["合计", "", "10.00"],
                &["364001", "无锡市住房和城乡建设局（本级）", "10.00"],
            ],
        );
        let (facts, _) = table_facts(0, &t);
        assert_eq!(facts[0].row_label, "合计");
        assert_eq!(facts[1].row_label, "无锡市住房和城乡建设局（本级）");
    }
    #[test]
    fn project_column_left_of_the_name() {
        let t = table(
            &[
                &["采购品目大类"],
                &["专项名称"],
                &["采购品目名称"],
                &["采购组织形式"],
                &["总计"],
            ],
            &[
                &["合计", "", "", "", "25.30"],
                &[
                    "",
                    "信息化测评",
                    "测试评估认证服务",
                    "集中采购机构采购",
                    "7.30",
                ],
            ],
        );
        let (facts, _) = table_facts(0, &t);
        assert_eq!(facts[0].row_label, "合计");
        assert_eq!(facts[1].row_label, "测试评估认证服务");
        assert_eq!(facts[1].project, "信息化测评");
    }
    #[test]
    fn unit_name_then_project_name() {
        let t = table(
            &[&["单位名称"], &["项目名称"], &["总计"], &["一般公共预算"]],
            &[
                &["", "合计", "10.00", "8.00"],
                &["杭州市公安局", "执法办案", "10.00", "8.00"],
            ],
        );
        let (facts, _) = table_facts(0, &t);
        let got: Vec<(&str, &str)> = facts
            .iter()
            .map(|f| (f.row_label.as_str(), f.project.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("合计", ""),
                ("合计", ""),
                ("执法办案", "执法办案"),
                ("执法办案", "执法办案")
            ]
        );
    }
    #[test]
    fn column_number_rows() {
        let row = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(is_column_number_row(&row(&["栏次", "", "1", "2"])));
        assert!(is_column_number_row(&row(&["**", "1"])));
        assert!(is_column_number_row(&row(&["", "", "1", "2", "3", "4"])));
        assert!(!is_column_number_row(&row(&["合计", "1", "2"])));
        assert!(!is_column_number_row(&row(&["", "1.00", "2.00", "3.00"])));
        assert!(!is_column_number_row(&row(&["", "5", "7", "9"])));
    }
    #[test]
    fn row_kinds() {
        assert_eq!(row_kind("合 计"), "total");
        assert_eq!(row_kind("本年支出合计"), "total");
        assert_eq!(row_kind("收入总计"), "total");
        assert_eq!(row_kind("公务用车购置及运行费小计"), "subtotal");
        assert_eq!(row_kind("其中：公务用车购置费"), "part");
        assert_eq!(row_kind("一般公共服务支出"), "item");
    }
}
