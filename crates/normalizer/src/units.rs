//! Sub-units and project rows: which 预算单位 a row belongs to when a table lists several units,
//! and the project a row of a project table names.
//!
//! A table lists its units either in a column of their own (单位名称 / 预算单位, printed on each
//! row or on the first row of each unit's block) or as rows of the name column (the unit's
//! subtotal row, then its rows: `广州市节能中心`, `工资福利支出`, …). A unit row is a row with no
//! code whose name is an organisation's: it begins with the region of the disclosing unit
//! (`广州市…`) or says 本级, and ends in an organisation word (局, 中心, 委员会, 支队…), any
//! parenthesised second name aside. Totals (合计/总计) belong to no unit, and neither does the
//! department's own row, recognised by its amounts: those of the 合计 row, or the sum of the
//! other unit rows. A table that lists only one unit gives no sub-units at all.

use crate::facts::{is_total, is_unit_header, Fact};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use yusuan_extractor::layout::Table;

use yusuan_extractor::lexicon::fold_spaces as squash;

/// The name without trailing parenthesised names: `…委员会（本级）` → `…委员会`.
fn strip_parens(s: &str) -> &str {
    let mut t = s;
    loop {
        let Some(inner) = t.strip_suffix('）').or_else(|| t.strip_suffix(')')) else {
            return t;
        };
        let Some(open) = inner.rfind(['（', '(']) else {
            return t;
        };
        t = &inner[..open];
    }
}

/// The region a unit's name starts with: `广州市` of `广州市发展和改革委员会`.
pub fn region_prefix(unit: &str) -> &str {
    let u = unit.trim();
    // 市/省 first: 杭州市 is a 市 whose name holds 州.
    for ends in [&['市', '省'][..], &['区', '县', '州', '旗'][..]] {
        for (n, (i, c)) in u.char_indices().enumerate() {
            if n >= 8 {
                break;
            }
            if n >= 1 && ends.contains(&c) {
                return &u[..i + c.len_utf8()];
            }
        }
    }
    ""
}

const ORG_ENDINGS: &[&str] = &[
    "局",
    "委员会",
    "委",
    "办公室",
    "办",
    "中心",
    "支队",
    "大队",
    "分局",
    "学校",
    "大学",
    "学院",
    "中学",
    "小学",
    "幼儿园",
    "医院",
    "院",
    "所",
    "站",
    "队",
    "馆",
    "处",
    "厅",
    "部",
    "室",
    "会",
    "政府",
    "公司",
    "基地",
    "场",
    "团",
    "社",
    "台",
];

/// Whether a row name is an organisation of the disclosing unit's family (see the module doc).
pub fn is_unit_name(label: &str, doc_unit: &str) -> bool {
    let l = squash(label);
    if l.is_empty() || is_total(&l) {
        return false;
    }
    let own = squash(doc_unit);
    if !own.is_empty() && strip_parens(&l) == strip_parens(&own) {
        return true;
    }
    let core = strip_parens(&l);
    if !ORG_ENDINGS.iter().any(|e| core.ends_with(e)) {
        return false;
    }
    let region = region_prefix(&own);
    (!region.is_empty()
        && core.starts_with(region)
        && core.chars().count() > region.chars().count() + 1)
        || l.contains("本级")
}

/// Whether a row names the disclosing unit itself (a bracketed second name aside).
pub fn same_unit(label: &str, doc_unit: &str) -> bool {
    let (l, u) = (squash(label), squash(doc_unit));
    !u.is_empty() && strip_parens(&l) == strip_parens(&u)
}

/// One body row as the facts see it.
#[derive(Default)]
struct Row {
    label: String,
    code: bool,
    /// Amounts by column.
    amounts: BTreeMap<usize, Decimal>,
}

/// The sub-unit of every body row of `t` (empty strings when the table lists fewer than two
/// units), from the facts of that table.
pub fn sub_units(t: &Table, facts: &[&Fact], doc_unit: &str) -> Vec<String> {
    let rows = table_rows(t, facts);
    let own = own_units(t, &rows, doc_unit);
    let department = department_row(&rows, &own);
    let mut out = carry_down(&rows, &own, department);
    let distinct: std::collections::BTreeSet<&str> = out
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| strip_parens(s))
        .collect();
    if distinct.len() < 2 {
        out.iter_mut().for_each(|s| s.clear());
    }
    out
}

/// Each body row's label, whether it prints a code, and its amounts by column; rows without
/// amounts (a unit's name on a row of its own) take their first text cell.
fn table_rows(t: &Table, facts: &[&Fact]) -> Vec<Row> {
    let n = t.rows.len();
    let mut rows: Vec<Row> = (0..n).map(|_| Row::default()).collect();
    for f in facts {
        let r = &mut rows[f.body_row];
        if r.amounts.is_empty() {
            r.label = f.row_label.clone();
        }
        r.code |= !f.code.is_empty();
        r.amounts.insert(f.col, f.amount);
    }
    // Rows without amounts (a unit's name on a row of its own): the first text cell.
    for (i, r) in rows.iter_mut().enumerate() {
        if r.amounts.is_empty() {
            r.label = t.rows[i]
                .cells
                .iter()
                .map(|s| s.trim())
                .find(|s| !s.is_empty() && !s.chars().all(|c| c.is_ascii_digit()))
                .unwrap_or("")
                .to_string();
        }
    }
    rows
}

/// The unit each row names itself (a unit row), before carrying it down.
fn own_units(t: &Table, rows: &[Row], doc_unit: &str) -> Vec<Option<String>> {
    let n = rows.len();
    let unit_col = (0..t.columns()).find(|c| is_unit_header(&t.header_paths[*c]));
    let unit_code_col = (0..t.columns()).find(|c| {
        t.header_paths[*c].iter().any(|h| {
            let h = squash(h);
            h.contains("单位") && (h.contains("编码") || h.contains("代码"))
        })
    });
    // How many rows print each unit code: a code printed on every item of its unit (西安's
    // 政府采购 rows, each with 242001) is an attribute of the items, not a unit's own row.
    let code_at = |i: usize| {
        unit_code_col
            .and_then(|u| t.rows[i].cells.get(u))
            .map(|c| c.trim())
            .filter(|c| c.len() >= 3 && c.chars().all(|d| d.is_ascii_digit()))
    };
    let mut printed: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for i in 0..n {
        if let Some(c) = code_at(i) {
            *printed.entry(c).or_default() += 1;
        }
    }
    // The unit each row names itself (a unit row), before carrying it down.
    (0..n)
        .map(|i| {
            if let Some(u) = unit_col {
                let cell = t.rows[i].cells.get(u).map(|s| s.trim()).unwrap_or("");
                (!cell.is_empty() && !is_total(cell) && !cell.chars().all(|c| c.is_ascii_digit()))
                    .then(|| cell.to_string())
            } else {
                let r = &rows[i];
                // A row printing a 单位编码 (204001) names a unit, whatever its name looks like,
                // when no other row prints the same code.
                let unit_code = code_at(i).is_some_and(|c| printed.get(c) == Some(&1));
                let named = !r.code && is_unit_name(&r.label, doc_unit);
                ((unit_code || named) && !r.label.trim().is_empty() && !is_total(&r.label))
                    .then(|| r.label.trim().to_string())
            }
        })
        .collect()
}

/// The department's own row: the amounts of a 合计 row, or the sum of the other unit rows.
fn department_row(rows: &[Row], own: &[Option<String>]) -> Option<usize> {
    let n = rows.len();
    let unit_rows: Vec<usize> = (0..n).filter(|i| own[*i].is_some()).collect();
    let totals: Vec<usize> = (0..n).filter(|i| is_total(&rows[*i].label)).collect();
    let same_as = |a: &Row, b: &Row| {
        !a.amounts.is_empty() && a.amounts.iter().all(|(c, v)| b.amounts.get(c) == Some(v))
    };
    let first_col = |r: &Row| r.amounts.iter().next().map(|(c, v)| (*c, *v));
    unit_rows.iter().copied().find(|&i| {
        if totals.iter().any(|&t| same_as(&rows[i], &rows[t])) {
            return true;
        }
        let Some((c, v)) = first_col(&rows[i]) else {
            return false;
        };
        let others: Vec<Decimal> = unit_rows
            .iter()
            .filter(|&&j| j != i)
            .filter_map(|&j| rows[j].amounts.get(&c).copied())
            .collect();
        others.len() >= 2 && others.iter().sum::<Decimal>() == v
    })
}

/// The unit each row belongs to: its own, or the unit row's above it until a total, a group
/// over units or a row larger than the unit's own total.
fn carry_down(rows: &[Row], own: &[Option<String>], department: Option<usize>) -> Vec<String> {
    let n = rows.len();
    let same_as = |a: &Row, b: &Row| {
        !a.amounts.is_empty() && a.amounts.iter().all(|(c, v)| b.amounts.get(c) == Some(v))
    };
    let mut out = vec![String::new(); n];
    let mut current = String::new();
    // The amounts of the current unit's row: a row below it larger than the unit's own total
    // is not one of its rows but a group over units (货物 / 工程 / 服务 in 政府采购 tables).
    let mut unit_row: Option<usize> = None;
    for i in 0..n {
        if is_total(&rows[i].label) || Some(i) == department {
            current.clear();
            unit_row = None;
            continue;
        }
        // A row right over a unit's row with the same amounts is a group over it (全额 over
        // its unit), not a row of the unit before.
        let heads_next = own[i].is_none()
            && own.get(i + 1).is_some_and(|o| o.is_some())
            && rows.get(i + 1).is_some_and(|next| same_as(&rows[i], next));
        if heads_next {
            current.clear();
            unit_row = None;
        } else if let Some(u) = &own[i] {
            current = u.clone();
            unit_row = Some(i);
        } else if let Some(u) = unit_row {
            let larger = rows[i].amounts.iter().any(|(c, v)| {
                rows[u]
                    .amounts
                    .get(c)
                    .is_some_and(|uv| *uv >= Decimal::ZERO && *v > *uv)
            });
            if larger {
                current.clear();
                unit_row = None;
            }
        }
        out[i] = current.clone();
    }
    out
}

/// Whether row `i` of a table is a unit row (names its sub-unit itself).
pub fn is_unit_row(label: &str, sub_unit: &str) -> bool {
    !sub_unit.is_empty() && squash(label) == squash(sub_unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn unit_names() {
        assert_eq!(region_prefix("广州市发展和改革委员会"), "广州市");
        assert_eq!(region_prefix("杭州市公安局"), "杭州市");
        assert_eq!(region_prefix("上海市普陀区司法局"), "上海市");
        assert!(is_unit_name("广州市节能中心", "广州市发展和改革委员会"));
        assert!(is_unit_name(
            "广州市发展和改革委员会（本级）",
            "广州市发展和改革委员会"
        ));
        assert!(is_unit_name(
            "杭州市公安局监所管理支队（留置看护管理支队）",
            "杭州市公安局"
        ));
        assert!(!is_unit_name(
            "市本级粮食风险基金",
            "广州市发展和改革委员会"
        ));
        assert!(!is_unit_name("工资福利支出", "广州市发展和改革委员会"));
        assert!(!is_unit_name("合计", "广州市发展和改革委员会"));
        assert!(same_unit(
            "深圳市人民政府口岸办公室",
            "深圳市人民政府口岸办公室"
        ));
        assert!(same_unit(
            "无锡市住房和城乡建设局（本级）",
            "无锡市住房和城乡建设局"
        ));
    }
    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        let paths = header.iter().map(|h| vec![h.to_string()]).collect();
        crate::test_tables::table("", "", paths, rows)
    }
    fn subs(t: &Table, unit: &str) -> Vec<String> {
        let (facts, _) = crate::facts::table_facts(0, t);
        let refs: Vec<&Fact> = facts.iter().collect();
        sub_units(t, &refs, unit)
    }
    #[test]
    fn unit_column_with_department_row() {
        // 合计, the department's row (= 合计), its 本级, another unit.
        let t = table(
            &["单位名称", "总计"],
            &[
                &["合计", "30.00"],
                &["杭州市公安局", "30.00"],
                &["杭州市公安局", "10.00"],
                &["杭州市公安局交通管理支队", "20.00"],
            ],
        );
        assert_eq!(
            subs(&t, "杭州市公安局"),
            vec!["", "", "杭州市公安局", "杭州市公安局交通管理支队"]
        );
    }
    #[test]
    fn unit_rows_open_blocks() {
        let t = table(
            &["支出项目类别（资金使用单位）", "总计"],
            &[
                &["合计", "12.00"],
                &["广州市发展和改革委员会（本级）", "10.00"],
                &["工资福利支出", "10.00"],
                &["广州市节能中心", "2.00"],
                &["商品和服务支出", "2.00"],
            ],
        );
        let s = subs(&t, "广州市发展和改革委员会");
        assert_eq!(s[0], "");
        assert_eq!(s[2], "广州市发展和改革委员会（本级）");
        assert_eq!(s[4], "广州市节能中心");
    }
    #[test]
    fn a_unit_code_on_every_item_marks_no_unit_rows() {
        // 西安's 政府采购: each item prints its unit's code (242001); the code printed once, on
        // a row of its own, marks that unit's row (xa_keji 204001).
        let items = table(
            &["单位编码", "采购项目", "预算金额"],
            &[
                &["", "合计", "36.50"],
                &["242001", "全民参保计划工作经费", "28.00"],
                &["242001", "退休管理工作经费", "8.50"],
            ],
        );
        assert_eq!(subs(&items, "西安市人力资源和社会保障局"), vec!["", "", ""]);
        let units = table(
            &["单位编码", "采购项目", "预算金额"],
            &[
                &["", "合计", "9.00"],
                &["204001", "西安市科学技术局", "7.00"],
                &["", "咨询服务", "7.00"],
                &["204002", "西安市科技交流中心", "2.00"],
                &["", "物业管理", "2.00"],
            ],
        );
        let s = subs(&units, "西安市科学技术局");
        assert_eq!(s[2], "西安市科学技术局");
        assert_eq!(s[4], "西安市科技交流中心");
    }
    #[test]
    fn one_unit_is_no_sub_unit() {
        let t = table(
            &["预算单位", "支出总计"],
            &[&["深圳市人民政府口岸办公室", "5.00"], &["", "5.00"]],
        );
        assert_eq!(subs(&t, "深圳市人民政府口岸办公室"), vec!["", ""]);
    }
    #[test]
    fn groups_over_units_end_a_block() {
        let t = table(
            &["采购品目大类", "采购品目名称", "总计"],
            &[
                &["合计", "", "60.00"],
                &["货物", "", "4.00"],
                &["苏州市交通运输局", "", "4.00"],
                &["", "复印纸", "4.00"],
                &["服务", "", "56.00"],
                &["苏州市公路事业发展中心", "", "56.00"],
                &["", "房屋修缮", "56.00"],
            ],
        );
        let s = subs(&t, "苏州市交通运输局");
        assert_eq!(s[3], "苏州市交通运输局");
        assert_eq!(s[4], "");
        assert_eq!(s[6], "苏州市公路事业发展中心");
    }
    #[test]
    fn unit_codes_name_units() {
        let t = table(
            &["单位编码", "采购项目", "预算金额"],
            &[
                &["", "合计", "3.00"],
                &["204001", "西安市科学技术局", "1.00"],
                &["", "网络宽带费", "1.00"],
                &["", "全额", "2.00"],
                &["204005", "西安地球环境创新研究院", "2.00"],
                &["", "物业管理服务", "2.00"],
            ],
        );
        let s = subs(&t, "西安市科学技术局");
        assert_eq!(s[2], "西安市科学技术局");
        assert_eq!(s[3], "");
        assert_eq!(s[5], "西安地球环境创新研究院");
    }
}
