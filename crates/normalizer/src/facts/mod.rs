//! Facts: one per published number, tied to its table, row, code and column.
//!
//! Columns are given roles from their header and body: code columns (类/款/项, 科目编码),
//! label columns (names), a project column (项目名称 beside a 科目名称), and amount columns.
//! Each amount column takes its row label from the nearest label column on its left, so the
//! income and expenditure halves of 收支总表 (and any side-by-side halves) read as separate
//! column groups.

use crate::codes::code_cell;

mod list_form;
mod table;
#[cfg(test)]
mod tests;

use crate::measure::measure;
use rust_decimal::Decimal;
use std::str::FromStr;
pub use table::table_facts;
use yusuan_extractor::layout::Table;

/// One printed number of a table with its row, code and column (a row of facts.csv).
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Index of the table in the document's table list.
    pub table: usize,
    /// The page the row stands on.
    pub page: usize,
    /// 1-based row number within the table body: always `body_row + 1`.
    pub row_no: usize,
    /// Index of the fact's row in `Table::rows` (0-based; `row_no - 1`).
    pub body_row: usize,
    /// Index of the fact's cell in that row's `BodyRow::cells`, which is also its column in
    /// `Table::header_paths`.
    pub col: usize,
    /// The row's name as printed, code removed, wrapped lines joined.
    pub row_label: String,
    /// The row's classification code (digits), empty when none.
    pub code: String,
    /// The classification of `code` (None when the row has no code).
    pub code_system: Option<crate::vocab::CodeSystem>,
    /// `printed` when the table prints the code, `inferred` when derived from the name.
    pub code_source: Option<crate::vocab::CodeSource>,
    /// 项目名称, where the row carries one.
    pub project: String,
    /// The header cells above the number, top to bottom.
    pub column_path: Vec<String>,
    /// The column's canonical measure (README vocabulary), empty when unknown.
    pub measure: String,
    /// The number as printed.
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
    /// The table (index in the document's tables).
    pub table: usize,
    /// The page the row stands on.
    pub page: usize,
    /// 1-based row number within the table body: always `body_row + 1`.
    pub row_no: usize,
    /// Index of the row in `Table::rows` (0-based).
    pub body_row: usize,
    /// Index of the cell in `BodyRow::cells` / `Table::header_paths`.
    pub col: usize,
    /// The header cells above the number.
    pub column_path: Vec<String>,
    /// The cell as printed.
    pub cell: String,
    /// Why it did not become a fact.
    pub reason: &'static str,
}

/// A decimal number inside a cell that is not a plain amount (`支 2947399.16`, `12.5万元`).
pub(crate) use yusuan_extractor::lexicon::has_decimal as embedded_number;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Role {
    /// Row numbers: neither codes nor amounts.
    Index,
    Code,
    Label,
    Project,
    Amount,
}

/// A printed amount: `1,852.77`, `-3.5`, `0.00`, read as the layout reads it
/// ([`yusuan_extractor::lexicon::parse_amount`]: one answer for every string). Blank and dash
/// cells are not amounts.
pub fn parse_amount(cell: &str) -> Option<Decimal> {
    let a = yusuan_extractor::lexicon::parse_amount(cell)?;
    Decimal::from_str(&a.plain()).ok()
}

pub(crate) use yusuan_extractor::lexicon::is_dash;

pub(crate) use yusuan_extractor::lexicon::fold_spaces as squash;

/// Numbers that are not money: years (年度 | 2022 / 2021 in small narrative tables), head
/// counts (编制人数, 实有人数), performance indicators' targets, scores and weights (指标值 10,
/// 分值 20, 权重), and times (采购时间 1月-12月).
fn not_money(path: &[String], last: &str, n_amount: usize, n_cells: usize) -> bool {
    (matches!(last, "年度" | "年份") && n_amount * 2 >= n_cells)
        || path.iter().any(|p| {
            ["人数", "指标值", "分值", "权重", "得分", "评分", "时间"]
                .iter()
                .any(|w| p.contains(w))
        })
}

pub(crate) fn column_roles(t: &Table) -> Vec<Role> {
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
        // (A block's label heading above an amount leaf — 支出功能分类科目 > 预算数 — names no
        // label column.)
        let name_header = !crate::measure::names_amount(&last)
            && path.iter().any(|p| {
                p.contains("名称") || p == "项目" || p.contains("科目") || p.contains("内容")
            });
        // Row numbers (序号, 行次) and unit codes (单位编码) are neither classification codes nor amounts.
        // (部门经济科目编码 names a classification, not a department: its codes are codes.)
        let unit_code = path.iter().any(|p| {
            (p.contains("单位") || p.contains("部门"))
                && (p.contains("编码") || p.contains("代码"))
                && !p.contains("科目")
                && !p.contains("经济")
        });
        let index_header = unit_code
            || not_money(&path, &last, n_amount, cells.len())
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
            && in_group(&roles).contains(&Role::Label)
            && !shares_label_header(t, &roles, c)
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

/// The roles of the current column group: those after the last amount column (the
/// expenditure half of a 收支总表 is a group of its own beside the income half).
fn in_group(roles: &[Role]) -> &[Role] {
    let start = roles
        .iter()
        .rposition(|r| *r == Role::Amount)
        .map_or(0, |i| i + 1);
    &roles[start..]
}

/// Column `c` sits under the same header cell as the label column right before it (项目名称
/// over 一般公共预算资金 | 公共财政拨款资金): the row's name in two levels, not a project column.
fn shares_label_header(t: &Table, roles: &[Role], c: usize) -> bool {
    c > 0 && roles.get(c - 1) == Some(&Role::Label) && t.header_paths[c] == t.header_paths[c - 1]
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

/// A total row's label: it mentions 合计, 总计 or 小计 (spaces ignored).
pub use yusuan_extractor::lexicon::mentions_total as is_total;

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

/// Facts of a form-like table with no header rows (项目支出绩效目标表, 绩效自评表): every amount
/// cell, with the project named in its 项目名称 row. Where the cells above an amount (past other
/// amounts) end in a text cell, that text is its column (年初预算数 | 全年预算数 over rows
/// 年度资金总额 / 其中：财政拨款) and the nearest text on its left is its row; otherwise the
/// nearest text on its left is its column and the row's first cell its row (项目资金(万元) |
/// 年度预算总额 28.38 | 其中：财政拨款 28.38). Rows from the 一级指标 header on are indicators
/// (performance.csv), not facts.
/// The first text after the cell `first_sq` (squashed) of a row: the 项目名称's value.
fn next_text(cells: &[&str], first_sq: &str) -> String {
    cells
        .iter()
        .skip_while(|s| squash(s) != first_sq)
        .skip(1)
        .find(|s| !s.is_empty())
        .map(|s| s.to_string())
        .unwrap_or_default()
}

/// A performance table printed as a list of projects under a header (二级预算单位名称 |
/// 一级项目名称 | 预算数（万元） | 绩效目标, one row a project): read as a table, not as a form.
/// Its header names a 项目名称 column and a money column (预算/金额/资金), and at least two rows
/// print a project of their own and an amount under that money column.
pub fn is_project_list(t: &Table) -> bool {
    let header = |c: usize| {
        t.header_paths
            .get(c)
            .map(|p| squash(&p.join("")))
            .unwrap_or_default()
    };
    let nc = t.columns();
    let Some(project) = (0..nc).find(|&c| header(c).ends_with("项目名称")) else {
        return false;
    };
    let money: Vec<usize> = (project + 1..nc)
        .filter(|&c| {
            let h = header(c);
            h.contains("预算") || h.contains("金额") || h.contains("资金")
        })
        .collect();
    let mut projects = std::collections::HashSet::new();
    for row in &t.rows {
        let cell = |c: usize| row.cells.get(c).map(|s| s.trim()).unwrap_or("");
        if !cell(project).is_empty() && money.iter().any(|&c| parse_amount(cell(c)).is_some()) {
            projects.insert(cell(project).to_string());
        }
    }
    projects.len() >= 2
}

/// A header row aligned with a form row's amounts: the nearest row above that is not all
/// amounts there, if it prints text over every one of them.
fn form_header_row<'a>(
    ri: usize,
    amount_cols: &[usize],
    cell: &dyn Fn(usize, usize) -> &'a str,
    is_num: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let header_row = (0..ri).rev().find(|r| {
        amount_cols
            .iter()
            .any(|c| !is_num(cell(*r, *c)) || cell(*r, *c).is_empty())
    });
    header_row.filter(|r| {
        amount_cols
            .iter()
            .all(|c| !cell(*r, *c).is_empty() && !is_num(cell(*r, *c)))
    })
}

/// The facts of a performance form (绩效目标表, 绩效自评表): a list of projects under its own
/// header rows (`list_form`), else read cell by cell.
pub fn form_facts(index: usize, t: &Table) -> Vec<Fact> {
    match list_form::header(t) {
        Some((head, project_col)) => list_form::facts(index, t, head, project_col),
        None => cell_form_facts(index, t),
    }
}

/// A form read cell by cell (see [`form_facts`]).
fn cell_form_facts(index: usize, t: &Table) -> Vec<Fact> {
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
            project = next_text(&cells, &first_sq);
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
        let header_row = form_header_row(ri, &amount_cols, &cell, &is_num);
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
                code_system: None,
                code_source: None,
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
