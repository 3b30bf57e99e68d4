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
    // A list of projects with their indicators (项目名称 | 项目总额 | … | 一级指标 | …, one
    // project's rows after another): the column naming each row's project.
    let mut project_col: Option<usize> = None;
    let (mut l1, mut l2) = (String::new(), String::new());
    for row in &t.rows {
        let cells: Vec<String> = row.cells.iter().map(|c| c.trim().to_string()).collect();
        let sq: Vec<String> = cells.iter().map(|c| squash(c)).collect();
        let names_indicators = sq.iter().any(|c| c.starts_with("一级指标"));
        if let Some(i) = sq
            .iter()
            .position(|c| c.starts_with("项目名称"))
            .filter(|_| !names_indicators)
        {
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
            // 指标值, 本年绩效指标值, 年度(/项目)指标值; else the column after 三级指标's span.
            let span = row.spans.get(c).copied().unwrap_or(1).max(1);
            let v = sq
                .iter()
                .position(|c| c.contains("指标值"))
                .unwrap_or(c + span);
            cols = Some((a, b, c, v));
            project_col = sq.iter().position(|c| c.starts_with("项目名称"));
            l1.clear();
            l2.clear();
            continue;
        }
        let Some((a, b, c, v)) = cols else { continue };
        let get = |i: usize| cells.get(i).cloned().unwrap_or_default();
        if let Some(p) = project_col.filter(|p| !get(*p).is_empty()) {
            project = get(p);
            l1.clear();
            l2.clear();
        }
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
            .filter(|(i, s)| ![a, b, c, v].contains(i) && Some(*i) != project_col && !s.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        crate::test_tables::table("项目支出绩效目标表", "万元", Vec::new(), rows)
    }

    /// 北京's list: 项目名称 | 项目总额 | … | 一级指标 | … | 本年绩效指标值 in one header row,
    /// each project's name on its first row only.
    #[test]
    fn a_list_of_projects_names_each_rows_project() {
        let t = table(&[
            &[
                "项目名称",
                "项目总额",
                "一级指标",
                "二级指标",
                "三级指标",
                "指标性质",
                "本年绩效指标值",
            ],
            &[
                "A-营商环境",
                "90.00",
                "产出指标",
                "时效指标",
                "支出完成率",
                "＝",
                "100",
            ],
            &["", "", "", "数量指标", "月报数量", "＝", "50"],
            &[
                "B-节能环保",
                "55.00",
                "效益指标",
                "社会效益",
                "覆盖率",
                "≥",
                "95",
            ],
        ]);
        let got: Vec<(String, String, String, String)> = target_rows(&t)
            .into_iter()
            .map(|r| (r.project, r.level1, r.level3, r.target))
            .collect();
        let row = |p: &str, l1: &str, l3: &str, v: &str| {
            (p.to_string(), l1.to_string(), l3.to_string(), v.to_string())
        };
        assert_eq!(
            got,
            [
                row("A-营商环境", "产出指标", "支出完成率", "100"),
                row("A-营商环境", "产出指标", "月报数量", "50"),
                row("B-节能环保", "效益指标", "覆盖率", "95"),
            ]
        );
    }

    /// A form whose value column is headed 年度(/项目)指标值.
    #[test]
    fn the_target_column_may_carry_words_before_指标值() {
        let t = table(&[
            &["项目名称", "新建社区服务中心", "", "", ""],
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "指标性质",
                "年度(/项目)指标值",
            ],
            &[
                "产出指标",
                "数量指标",
                "规划建筑面积",
                "定量",
                "≥13459.00(平方米)",
            ],
        ]);
        let rows = target_rows(&t);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].project, "新建社区服务中心");
        assert_eq!(rows[0].target, "≥13459.00(平方米)");
    }
}
