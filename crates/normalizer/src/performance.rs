//! Indicator rows of performance-target tables (项目支出绩效目标表): 一级/二级/三级指标 with the
//! target value (指标值) and the other cells of the row, merged cells carried down.

use yusuan_extractor::layout::Table;

/// One indicator row of a performance-target table (performance.csv).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetRow {
    /// The page the row stands on.
    pub page: usize,
    /// 项目名称 of the form.
    pub project: String,
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub level3: String,
    /// 指标值 as printed (`>=1台`, `=100%`).
    pub target: String,
    /// The remaining cells of the row, joined by ` | `, in print order.
    pub other: String,
}

use yusuan_extractor::lexicon::fold_spaces as squash;

/// The indicator rows of a performance-target table.
pub fn target_rows(t: &Table) -> Vec<TargetRow> {
    let mut out = Vec::new();
    let mut project = String::new();
    // Column positions of the indicator header, once seen.
    let mut cols: Option<(usize, usize, usize, usize)> = None;
    let (mut l1, mut l2) = (String::new(), String::new());
    for row in &t.rows {
        let cells: Vec<String> = row.cells.iter().map(|c| c.trim().to_string()).collect();
        let sq: Vec<String> = cells.iter().map(|c| squash(c)).collect();
        if let Some(i) = sq.iter().position(|c| c.starts_with("项目名称")) {
            project = cells
                .iter()
                .skip(i + 1)
                .find(|c| !c.is_empty())
                .cloned()
                .unwrap_or_default();
            cols = None;
            continue;
        }
        let find = |word: &str| sq.iter().position(|c| c.starts_with(word));
        if let (Some(a), Some(b), Some(c)) = (find("一级指标"), find("二级指标"), find("三级指标"))
        {
            let v = find("指标值").unwrap_or(c + 1);
            cols = Some((a, b, c, v));
            l1.clear();
            l2.clear();
            continue;
        }
        let Some((a, b, c, v)) = cols else { continue };
        let get = |i: usize| cells.get(i).cloned().unwrap_or_default();
        if !get(a).is_empty() {
            l1 = get(a);
        }
        if !get(b).is_empty() {
            l2 = get(b);
        }
        let level3 = get(c);
        if level3.is_empty() && get(v).is_empty() {
            continue;
        }
        let other: Vec<String> = cells
            .iter()
            .enumerate()
            .filter(|(i, s)| ![a, b, c, v].contains(i) && !s.is_empty())
            .map(|(_, s)| s.clone())
            .collect();
        out.push(TargetRow {
            page: row.page,
            project: project.clone(),
            level1: l1.clone(),
            level2: l2.clone(),
            level3,
            target: get(v),
            other: other.join(" | "),
        });
    }
    out
}
