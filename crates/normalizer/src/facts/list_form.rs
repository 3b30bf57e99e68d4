//! A performance-target table printed as a list of projects (项目名称 | 项目总额 | 其中：财政资金 |
//! … | 一级指标 | 二级指标 | 三级指标 | … | 本年绩效指标值, one project's indicator rows after
//! another) whose header the layout left among the body rows. Its money columns give facts,
//! named by each row's project; its indicator columns (targets such as ＝ 100) are not money
//! and go to performance.csv only.

use super::{measure, parse_amount, squash, Fact};
use yusuan_extractor::layout::Table;

/// The header row of such a list and its 项目名称 column: a row naming both 项目名称 and
/// 一级指标.
pub(super) fn header(t: &Table) -> Option<(usize, usize)> {
    t.rows.iter().enumerate().find_map(|(ri, row)| {
        let sq: Vec<String> = row.cells.iter().map(|c| squash(c)).collect();
        let project = sq.iter().position(|c| c.starts_with("项目名称"))?;
        sq.iter()
            .any(|c| c.starts_with("一级指标"))
            .then_some((ri, project))
    })
}

/// The facts of the list whose header row is `head` and 项目名称 column `project_col`.
pub(super) fn facts(index: usize, t: &Table, head: usize, project_col: usize) -> Vec<Fact> {
    let cell = |r: usize, c: usize| -> &str {
        t.rows
            .get(r)
            .and_then(|row| row.cells.get(c))
            .map(|s| s.trim())
            .unwrap_or("")
    };
    let has_amount = |r: usize| t.rows[r].cells.iter().any(|c| parse_amount(c).is_some());
    // Header rows: the one naming 项目名称, then rows of text only without a project
    // (其中： over 财政资金 | 其他资金).
    let mut last_head = head;
    while last_head + 1 < t.rows.len()
        && !has_amount(last_head + 1)
        && cell(last_head + 1, project_col).is_empty()
    {
        last_head += 1;
    }
    let ncols = t.rows[head..=last_head]
        .iter()
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0);
    let paths: Vec<Vec<String>> = (0..ncols)
        .map(|c| {
            (head..=last_head)
                .map(|r| cell(r, c).to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .collect();
    let money = |c: usize| {
        let p = squash(&paths[c].join(""));
        !p.contains("指标")
            && ["总额", "金额", "资金", "预算数"]
                .iter()
                .any(|w| p.contains(w))
    };
    let mut out = Vec::new();
    let mut project = String::new();
    for ri in last_head + 1..t.rows.len() {
        if !cell(ri, project_col).is_empty() {
            project = cell(ri, project_col).to_string();
        }
        for c in (0..ncols).filter(|&c| money(c)) {
            let Some(amount) = parse_amount(cell(ri, c)) else {
                continue;
            };
            out.push(Fact {
                table: index,
                page: t.rows[ri].page,
                row_no: ri + 1,
                body_row: ri,
                col: c,
                row_label: project.clone(),
                code: String::new(),
                code_system: None,
                code_source: None,
                project: project.clone(),
                measure: measure(&paths[c]),
                column_path: paths[c].clone(),
                amount,
                other_codes: String::new(),
                sub_unit: String::new(),
                row_kind: "item",
            });
        }
    }
    out
}
