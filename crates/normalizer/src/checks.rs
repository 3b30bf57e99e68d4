//! Arithmetic and consistency checks over the facts of one document.
//!
//! Every check compares a published number (`actual`) with the value the other published
//! numbers imply (`expected`). A sum of n rounded values may be off by up to n × half a unit
//! of the last printed digit: such differences are `rounding`, larger ones `fail`.
//!
//! Checks: `parent_sum` (类 = Σ款, 款 = Σ项, 301 = Σ301xx, per column), `total_basic_project`
//! (合计 = 基本支出 + 项目支出), `total_personnel_public` (合计 = 人员经费 + 公用经费),
//! `total_economic` (项目支出合计 = Σ economic columns), `subtotal_sources` (小计 and 总计 = Σ
//! sources), `income_equals_expenditure` (收入总计 = 支出总计), `cross_table` (表2/表3/表5/表6/表7
//! totals), `three_public_items` ("三公" 合计 = its items), `code_name` (a printed code whose name
//! differs from the catalog), `narrative_change` (a quoted change in percent against the quoted
//! values), `narrative_conflict` (one line quoted with two values), `narrative_table` (quoted
//! amounts against the tables).

use crate::facts::Fact;
use crate::KeyedTable;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use yusuan_catalog::{catalog, Catalog};
use yusuan_narrative::Indicator;

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub table_key: String,
    pub check: &'static str,
    pub subject: String,
    pub expected: Decimal,
    pub actual: Decimal,
    /// `pass`, `rounding` or `fail`.
    pub status: &'static str,
}

fn half_unit(values: &[Decimal]) -> Decimal {
    let scale = values.iter().map(|v| v.scale()).max().unwrap_or(2);
    Decimal::new(5, scale + 1)
}

/// Status of `actual` against `expected` when `terms` rounded values were added.
fn judge(expected: Decimal, actual: Decimal, terms: usize, values: &[Decimal]) -> &'static str {
    let diff = (actual - expected).abs();
    if diff.is_zero() {
        "pass"
    } else if diff <= half_unit(values) * Decimal::from(terms.max(1) as u64) {
        "rounding"
    } else {
        "fail"
    }
}

struct Ctx<'a> {
    tables: &'a [KeyedTable],
    /// Facts per table.
    by_table: Vec<Vec<&'a Fact>>,
    out: Vec<Check>,
}

impl<'a> Ctx<'a> {
    fn push(
        &mut self,
        table: usize,
        check: &'static str,
        subject: String,
        expected: Decimal,
        actual: Decimal,
        terms: usize,
        values: &[Decimal],
    ) {
        let key = self.tables.get(table).map(|t| t.key).unwrap_or("cross");
        self.push_key(
            key.to_string(),
            check,
            subject,
            expected,
            actual,
            terms,
            values,
        );
    }
    #[allow(clippy::too_many_arguments)]
    fn push_key(
        &mut self,
        table_key: String,
        check: &'static str,
        subject: String,
        expected: Decimal,
        actual: Decimal,
        terms: usize,
        values: &[Decimal],
    ) {
        let status = judge(expected, actual, terms, values);
        self.out.push(Check {
            table_key,
            check,
            subject,
            expected,
            actual,
            status,
        });
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_total_row(label: &str) -> bool {
    let t = squash(label);
    matches!(
        t.as_str(),
        "合计" | "总计" | "本年支出合计" | "本年收入合计" | "支出合计" | "收入合计" | "合计数"
    ) || t.ends_with("总计") && t.chars().count() <= 6
}

pub fn run(
    tables: &[KeyedTable],
    facts: &[Fact],
    indicators: &[Indicator],
    year: Option<u16>,
) -> Vec<Check> {
    let mut by_table: Vec<Vec<&Fact>> = vec![Vec::new(); tables.len()];
    for f in facts {
        if let Some(v) = by_table.get_mut(f.table) {
            v.push(f);
        }
    }
    let mut ctx = Ctx {
        tables,
        by_table,
        out: Vec::new(),
    };
    for t in 0..tables.len() {
        parent_sums(&mut ctx, t);
        row_identities(&mut ctx, t);
        column_groups(&mut ctx, t);
        income_equals_expenditure(&mut ctx, t);
        three_public_items(&mut ctx, t);
    }
    cross_tables(&mut ctx);
    code_names(&mut ctx, year);
    narrative(&mut ctx, indicators);
    ctx.out
}

/// 类 = Σ款, 款 = Σ项 (and 301 = Σ301xx) within one column of one table.
fn parent_sums(ctx: &mut Ctx, t: usize) {
    let mut columns: BTreeMap<String, Vec<&Fact>> = BTreeMap::new();
    for f in &ctx.by_table[t] {
        // Only printed codes: a name the catalog cannot place would leave a gap among children.
        if matches!(f.code_system, "function" | "economic" | "gov_economic")
            && f.code_source == "printed"
        {
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
            let is_child = |c: &Fact| {
                c.code.len() == parent.code.len() + 2
                    && c.code.starts_with(&parent.code)
                    && c.code_system == parent.code_system
            };
            let children: Vec<Decimal> = if count[parent.code.as_str()] == 1 {
                fs.iter()
                    .filter(|c| is_child(c))
                    .map(|c| c.amount)
                    .collect()
            } else {
                // The same code on several rows (301 under 501 and again under 505, the rows
                // printing 政府经济 codes beside): each takes the rows below it up to the next
                // row of its level.
                ordered[pi + 1..]
                    .iter()
                    .take_while(|c| {
                        c.code_system != parent.code_system || c.code.len() > parent.code.len()
                    })
                    .filter(|c| is_child(c))
                    .map(|c| c.amount)
                    .collect()
            };
            if children.is_empty() {
                continue;
            }
            let sum: Decimal = children.iter().sum();
            let mut values = children.clone();
            values.push(parent.amount);
            found.push((
                format!(
                    "{} {} [{}]",
                    parent.code,
                    parent.row_label,
                    col.replace('>', " > ")
                ),
                sum,
                parent.amount,
                children.len(),
                values,
            ));
        }
    }
    for (subject, expected, actual, n, values) in found {
        ctx.push(t, "parent_sum", subject, expected, actual, n, &values);
    }
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
fn row_identities(ctx: &mut Ctx, t: usize) {
    let key = ctx.tables[t].key;
    if matches!(
        key,
        "summary" | "fiscal_summary" | "income" | "performance_targets" | "other"
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
        let label = format!("row {} {} {}", row_no, total.code, total.row_label)
            .trim()
            .to_string();
        let get = |m: &str| by.get(m).map(|f| f.amount).unwrap_or_default();
        if !plain {
            continue;
        }
        if has("project") && (has("basic") || (has("personnel") && has("public"))) {
            let basic = if has("basic") {
                get("basic")
            } else {
                get("personnel") + get("public")
            };
            let terms = if has("basic") { 2 } else { 3 };
            found.push((
                "total_basic_project",
                label.clone(),
                basic + get("project"),
                total.amount,
                terms,
                vec![total.amount, basic],
            ));
        } else if has("personnel") && has("public") && !has("project") {
            found.push((
                "total_personnel_public",
                label.clone(),
                get("personnel") + get("public"),
                total.amount,
                2,
                vec![total.amount, get("personnel")],
            ));
        }
        if econ_cols >= 3 {
            let parts: Vec<Decimal> = by
                .iter()
                .filter(|(m, _)| m.starts_with("econ:"))
                .map(|(_, f)| f.amount)
                .collect();
            let sum: Decimal = parts.iter().sum();
            let mut values = parts.clone();
            values.push(total.amount);
            found.push((
                "total_economic",
                label.clone(),
                sum,
                total.amount,
                parts.len().max(1),
                values,
            ));
        }
    }
    for (check, subject, expected, actual, n, values) in found {
        ctx.push(t, check, subject, expected, actual, n, &values);
    }
}

/// Columns of a table that carry facts, left to right.
fn amount_columns(ctx: &Ctx, t: usize) -> Vec<usize> {
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
    found: &mut Vec<(String, Decimal, Decimal, usize)>,
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
                found.push((format!("{label} [{name}]"), sum, printed, terms.max(1)));
            }
            Some((printed, 1))
        }
        None => Some((sum, terms)),
    }
}

/// 小计 = Σ the columns of its group; 总计 = Σ the top-level groups (收入表, "三公"表, 委托业务费表).
fn column_groups(ctx: &mut Ctx, t: usize) {
    let kt = &ctx.tables[t];
    if !matches!(
        kt.key,
        "income" | "three_public_expenses" | "commissioned_services"
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
    let mut labels: BTreeMap<usize, String> = BTreeMap::new();
    for f in &ctx.by_table[t] {
        if let Some(i) = paths.iter().position(|p| *p == f.column_path) {
            rows.entry(f.row_no)
                .or_default()
                .entry(i)
                .or_insert(f.amount);
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
        let Some((sum, terms)) = group_value(&paths, &rest, &[], vals, &label, &mut found) else {
            continue;
        };
        found.push((format!("{label} [总计]"), sum, total, terms));
    }
    for (subject, expected, actual, n) in found {
        ctx.push(
            t,
            "subtotal_sources",
            subject,
            expected,
            actual,
            n,
            &[expected, actual],
        );
    }
}

/// 收入总计 = 支出总计 in the summary tables.
fn income_equals_expenditure(ctx: &mut Ctx, t: usize) {
    if !matches!(ctx.tables[t].key, "summary" | "fiscal_summary") {
        return;
    }
    let find = |word: &str| {
        ctx.by_table[t]
            .iter()
            .find(|f| squash(&f.row_label).contains(word))
            .map(|f| f.amount)
    };
    if let (Some(inc), Some(exp)) = (find("收入总计"), find("支出总计")) {
        ctx.push(
            t,
            "income_equals_expenditure",
            "收入总计 = 支出总计".into(),
            inc,
            exp,
            1,
            &[inc, exp],
        );
    }
}

/// "三公" 合计 = 因公出国（境）+ 公务接待 + 公务用车; 公务用车 = 购置 + 运行维护, per column.
fn three_public_items(ctx: &mut Ctx, t: usize) {
    if ctx.tables[t].key != "three_public_expenses" {
        return;
    }
    let mut cols: BTreeMap<String, Vec<&Fact>> = BTreeMap::new();
    for f in &ctx.by_table[t] {
        cols.entry(f.column_path.join(" > ")).or_default().push(f);
    }
    let mut found = Vec::new();
    for (col, fs) in &cols {
        let pick = |pred: &dyn Fn(&str) -> bool| {
            fs.iter()
                .find(|f| pred(&squash(&f.row_label)))
                .map(|f| f.amount)
        };
        let total = pick(&|l| {
            is_total_row(l) || l.contains("三公”经费合计") || l.contains("三公\"经费合计")
        });
        let abroad = pick(&|l| l.contains("因公出国"));
        let reception = pick(&|l| l.contains("公务接待"));
        let vehicles =
            pick(&|l| l.contains("公务用车购置及运行") || l.contains("公务用车购置和运行"));
        let purchase = pick(&|l| l.contains("公务用车购置") && !l.contains("运行"));
        let operation =
            pick(&|l| l.contains("运行") && l.contains("公务用车") && !l.contains("购置"));
        if let Some(total) = total {
            let parts = [abroad, reception, vehicles];
            if parts.iter().any(|p| p.is_some()) {
                let sum: Decimal = parts.iter().map(|p| p.unwrap_or_default()).sum();
                found.push((format!("合计 [{col}]"), sum, total, 3));
            }
        }
        if let Some(v) = vehicles {
            if purchase.is_some() || operation.is_some() {
                found.push((
                    format!("公务用车购置及运行维护费 [{col}]"),
                    purchase.unwrap_or_default() + operation.unwrap_or_default(),
                    v,
                    2,
                ));
            }
        }
    }
    for (subject, expected, actual, n) in found {
        ctx.push(
            t,
            "three_public_items",
            subject,
            expected,
            actual,
            n,
            &[expected, actual],
        );
    }
}

fn total_of(ctx: &Ctx, key: &str, measure: &str) -> Option<(usize, Decimal)> {
    let t = ctx.tables.iter().position(|t| t.key == key)?;
    let f = ctx.by_table[t]
        .iter()
        .find(|f| f.code.is_empty() && is_total_row(&f.row_label) && f.measure == measure)?;
    Some((t, f.amount))
}

/// Totals that must agree between tables.
fn cross_tables(ctx: &mut Ctx) {
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
    for (ka, ma, kb, mb, subject) in pairs {
        if let (Some((ta, a)), Some((tb, b))) = (total_of(ctx, ka, ma), total_of(ctx, kb, mb)) {
            // Tables in different units cannot be compared directly.
            if ctx.tables[ta].table.amount_unit != ctx.tables[tb].table.amount_unit {
                continue;
            }
            ctx.push_key(
                "cross".into(),
                "cross_table",
                subject.to_string(),
                b,
                a,
                1,
                &[a, b],
            );
        }
    }
}

/// A printed code whose printed name is not the catalog's name for it.
fn code_names(ctx: &mut Ctx, year: Option<u16>) {
    let cat = catalog();
    let mut seen = std::collections::HashSet::new();
    let mut found = Vec::new();
    for (t, fs) in ctx.by_table.iter().enumerate() {
        for f in fs {
            if f.code.is_empty()
                || f.row_label.is_empty()
                || !seen.insert((f.code.clone(), f.row_label.clone()))
            {
                continue;
            }
            let std_name = match f.code_system {
                "function" => cat.function_name(&f.code, year),
                "economic" => cat.economic_name_in(&f.code, year),
                _ => None,
            };
            if let Some(name) = std_name {
                // A name cut off by a narrow cell ("人力资源和社会保障管") is the same name.
                let cut_off =
                    f.row_label.chars().count() >= 6 && name.starts_with(f.row_label.trim());
                let ok = Catalog::names_match(&f.row_label, name)
                    || cut_off
                    || cat
                        .infer_code(f.code_system, &f.row_label, None, year)
                        .is_some_and(|c| c == f.code);
                found.push((
                    t,
                    format!("{} {} (catalog: {})", f.code, f.row_label, name),
                    ok,
                ));
            }
        }
    }
    for (t, subject, ok) in found {
        let key = ctx.tables[t].key.to_string();
        ctx.out.push(Check {
            table_key: key,
            check: "code_name",
            subject,
            expected: Decimal::ZERO,
            actual: if ok { Decimal::ZERO } else { Decimal::ONE },
            status: if ok { "pass" } else { "fail" },
        });
    }
}

/// Whether the sentence quotes the figure under the kind's own words ("人员经费2,464.33万元",
/// "收支总预算3,008.81万元"), not under a compound that only ends with them
/// ("临聘人员经费15.56万元" is a project's staff, not the unit's 人员经费).
fn quoted_plainly(sentence: &str, kind: &str, value: Decimal) -> bool {
    let words: &[&str] = match kind {
        "budget_total" => &["收支总预算", "收支预算总额", "收入总预算", "收支总计"],
        "budget_total_fiscal" => &[
            "财政拨款收支总预算",
            "财政拨款收支预算总额",
            "财政拨款收支总计",
        ],
        "expenditure_basic" => &["基本支出"],
        "expenditure_project" => &["项目支出"],
        "personnel_costs" => &["人员经费"],
        "public_costs" => &["公用经费"],
        "three_public_total" => &["三公"],
        _ => return true,
    };
    let text: String = sentence
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let figures = [value.to_string(), value.normalize().to_string()];
    let Some(at) = figures.iter().filter_map(|f| text.find(f.as_str())).min() else {
        return false;
    };
    let before = &text[..at];
    let Some((pos, word)) = words
        .iter()
        .filter_map(|w| before.rfind(w).map(|p| (p, *w)))
        .max_by_key(|(p, _)| *p)
    else {
        return false;
    };
    // The figure follows its words closely ("人员经费为 2,464.33", "基本支出预算 2,783.06").
    if before[pos + word.len()..].chars().count() > 8 {
        return false;
    }
    // What stands before the words: nothing, punctuation, a year, or a qualifier of the same
    // figure (一般公共预算基本支出, 财政拨款人员经费) — not another noun (临聘人员经费).
    let head = &before[..pos];
    // 收支总预算 and "三公" are never part of a longer noun.
    if matches!(
        kind,
        "budget_total" | "budget_total_fiscal" | "three_public_total"
    ) {
        return true;
    }
    const QUALIFIERS: &[&str] = &[
        "预算", "拨款", "当年", "本年", "年", "的", "中", "及", "和", "、", "为", "其", "是", "：",
    ];
    match head.chars().last() {
        None => true,
        Some(c) if !('\u{4e00}'..='\u{9fff}').contains(&c) => true,
        Some(_) => QUALIFIERS.iter().any(|q| head.ends_with(q)),
    }
}

/// A table amount in 万元, as the narrative quotes it (元 tables rounded to 0.01 万元).
fn to_wan(amount: Decimal, unit: &str) -> Decimal {
    if unit == "元" {
        (amount / Decimal::from(10_000)).round_dp(2)
    } else {
        amount
    }
}

/// A quoted figure against the table amounts that may print it: the closest one decides.
fn quote_check(subject: String, quoted: Decimal, values: &[Decimal]) -> Option<Check> {
    let closest = values.iter().copied().min_by_key(|v| (*v - quoted).abs())?;
    Some(Check {
        table_key: "narrative".into(),
        check: "narrative_table",
        subject,
        expected: closest,
        actual: quoted,
        status: judge(closest, quoted, 1, &[quoted, closest]),
    })
}

/// Figures quoted in the narrative: against themselves and against the tables.
fn narrative(ctx: &mut Ctx, indicators: &[Indicator]) {
    let hundred = Decimal::from(100);
    let mut found = Vec::new();
    for i in indicators {
        // A quoted change in percent against the quoted values.
        if let (Some(prior), Some(pct)) = (i.prior_year_value, i.change_pct) {
            if !prior.is_zero() && i.value_unit == "万元" {
                let expected = ((i.value - prior) / prior * hundred).round_dp(2);
                // Quoted values are rounded to their last digit, and a percent printed with fewer
                // digits (-1.9%, -41%) or cut off rather than rounded may be off by one unit of its
                // last digit.
                let tol_rel =
                    half_unit(&[i.value, prior]) * Decimal::from(2) / prior.abs() * hundred;
                let pct_unit = half_unit(&[pct]) * Decimal::from(2);
                let diff = (pct - expected).abs();
                let status = if diff.is_zero() {
                    "pass"
                } else if diff <= tol_rel + pct_unit {
                    "rounding"
                } else {
                    "fail"
                };
                found.push(Check {
                    table_key: "narrative".into(),
                    check: "narrative_change",
                    subject: format!(
                        "p{} {} {}: {} → {}, printed {}%",
                        i.page,
                        i.indicator,
                        i.subject,
                        prior.normalize(),
                        i.value.normalize(),
                        pct.normalize()
                    ),
                    expected,
                    actual: pct,
                    status,
                });
            }
        }
    }
    // One line quoted with two different amounts in the same paragraph.
    for (k, a) in indicators.iter().enumerate() {
        if a.indicator != "expenditure_function" || a.subject.is_empty() || a.value_unit != "万元"
        {
            continue;
        }
        if let Some(b) = indicators[k + 1..].iter().find(|b| {
            b.indicator == a.indicator
                && b.subject == a.subject
                && b.section == a.section
                && b.page.abs_diff(a.page) <= 1
                && b.value_unit == a.value_unit
        }) {
            if b.value != a.value {
                found.push(Check {
                    table_key: "narrative".into(),
                    check: "narrative_conflict",
                    subject: format!(
                        "p{} {}: quoted as {} and as {}",
                        a.page,
                        a.subject,
                        a.value.normalize(),
                        b.value.normalize()
                    ),
                    expected: a.value,
                    actual: b.value,
                    status: judge(a.value, b.value, 1, &[a.value, b.value]),
                });
            }
        }
    }
    // Quoted totals against the tables: fail only when no table prints the quoted amount in a
    // matching place (a narrative may quote the 支出总表 or the 一般公共预算 figure). A sentence
    // that lists several amounts of one kind (by sub-unit, by year) is a breakdown: not checked.
    let mut per_sentence: BTreeMap<(&str, &str, usize), usize> = BTreeMap::new();
    for i in indicators {
        *per_sentence
            .entry((i.sentence.as_str(), i.indicator.as_str(), i.page))
            .or_default() += 1;
    }
    // The total rows that may print a quoted figure, by kind, gathered once.
    let mut totals: BTreeMap<&str, Vec<Decimal>> = BTreeMap::new();
    for (t, kt) in ctx.tables.iter().enumerate() {
        let unit = &kt.table.amount_unit;
        for f in &ctx.by_table[t] {
            let label = squash(&f.row_label);
            let total_row = f.code.is_empty() && is_total_row(&f.row_label);
            let kinds: &[(&str, bool)] = &[
                (
                    "budget_total",
                    kt.key == "summary"
                        && (label.contains("收入总计") || label.contains("支出总计")),
                ),
                (
                    "budget_total_fiscal",
                    kt.key == "fiscal_summary"
                        && (label.contains("收入总计") || label.contains("支出总计")),
                ),
                (
                    "expenditure_basic",
                    total_row
                        && (f.measure == "basic"
                            || (matches!(
                                kt.key,
                                "general_budget_basic_expenditure" | "basic_expenditure"
                            ) && f.measure == "total")),
                ),
                (
                    "expenditure_project",
                    total_row
                        && (f.measure == "project"
                            || (kt.key == "general_budget_project_expenditure"
                                && f.measure == "total")),
                ),
                ("personnel_costs", total_row && f.measure == "personnel"),
                ("public_costs", total_row && f.measure == "public"),
                (
                    "three_public_total",
                    kt.key == "three_public_expenses"
                        && (is_total_row(&f.row_label) || label.contains("三公")),
                ),
            ];
            let value = to_wan(f.amount, unit);
            for (kind, yes) in kinds {
                if *yes {
                    totals.entry(kind).or_default().push(value);
                }
            }
        }
    }
    for i in indicators {
        // A quoted zero may stand for a blank cell, which is no fact: not checked.
        if i.value_unit != "万元"
            || i.value.is_zero()
            || per_sentence
                .get(&(i.sentence.as_str(), i.indicator.as_str(), i.page))
                .copied()
                .unwrap_or(0)
                > 1
        {
            continue;
        }
        let kind = match (i.indicator.as_str(), i.subject.as_str()) {
            ("budget_total", "财政拨款") => "budget_total_fiscal",
            (k, "") => k,
            _ => continue,
        };
        if !quoted_plainly(&i.sentence, kind, i.value) {
            continue;
        }
        let Some(values) = totals.get(kind) else {
            continue;
        };
        found.extend(quote_check(
            format!(
                "p{} {} quoted {} 万元",
                i.page,
                i.indicator,
                i.value.normalize()
            ),
            i.value,
            values,
        ));
    }
    // Quoted amounts of a function line against the facts of that code (any column of the
    // expenditure tables): fail when none of them is the quoted amount.
    for i in indicators {
        if i.indicator != "expenditure_function"
            || i.value_unit != "万元"
            || i.value.is_zero()
            || !i.subject.chars().all(|c| c.is_ascii_digit())
            || i.subject.len() < 3
        {
            continue;
        }
        let values: Vec<Decimal> = ctx
            .tables
            .iter()
            .enumerate()
            .filter(|(_, kt)| {
                matches!(
                    kt.key,
                    "general_budget_expenditure" | "expenditure" | "fiscal_summary" | "income"
                )
            })
            .flat_map(|(t, kt)| {
                ctx.by_table[t]
                    .iter()
                    .filter(|f| f.code == i.subject)
                    .map(move |f| (f.amount, &kt.table.amount_unit))
            })
            .map(|(a, unit)| to_wan(a, unit))
            .collect();
        found.extend(quote_check(
            format!(
                "p{} {} quoted {} 万元",
                i.page,
                i.subject,
                i.value.normalize()
            ),
            i.value,
            &values,
        ));
    }
    ctx.out.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    #[test]
    fn plain_quotes() {
        assert!(quoted_plainly(
            "其中：人员经费2,464.33万元，主要包括",
            "personnel_costs",
            d("2464.33")
        ));
        assert!(quoted_plainly(
            "一般公共预算基本支出2,783.06万元",
            "expenditure_basic",
            d("2783.06")
        ));
        assert!(!quoted_plainly(
            "信访局临聘人员经费15.56万元",
            "personnel_costs",
            d("15.56")
        ));
        assert!(quoted_plainly(
            "国家信访局财政拨款收支总预算18,728.91万元",
            "budget_total_fiscal",
            d("18728.91")
        ));
    }

    #[test]
    fn rounding_tolerance() {
        // 1,852.77 + 536.69 printed as 2,389.45: a rounding difference, not an error.
        assert_eq!(
            judge(d("2389.46"), d("2389.45"), 2, &[d("1852.77")]),
            "rounding"
        );
        assert_eq!(
            judge(d("2389.46"), d("2389.45"), 1, &[d("1852.77")]),
            "fail"
        );
        assert_eq!(judge(d("10"), d("10.00"), 2, &[d("10.00")]), "pass");
        // Whole 元: two rounded terms may be off by 1, not by 2.
        assert_eq!(judge(d("100"), d("101"), 2, &[d("101")]), "rounding");
        assert_eq!(judge(d("100"), d("102"), 2, &[d("102")]), "fail");
    }
    #[test]
    fn parent_sums_of_repeated_codes() {
        // 301 under 501 and again under 505: each 301 adds up its own 301xx.
        let row = |v: &[&str]| yusuan_extractor::layout::BodyRow {
            page: 1,
            cells: v.iter().map(|s| s.to_string()).collect(),
            spans: vec![1; v.len()],
            boxes: Vec::new(),
        };
        let header: Vec<Vec<String>> = [
            "科目编码 类",
            "科目编码 款",
            "部门预算支出经济分类科目名称",
            "科目编码 类",
            "科目编码 款",
            "政府预算支出经济分类科目名称",
            "合计",
        ]
        .iter()
        .map(|h| h.split(' ').map(str::to_string).collect())
        .collect();
        let table = yusuan_extractor::layout::Table {
            pages: vec![1],
            table_no: String::new(),
            title: "一般公共预算基本支出情况表".into(),
            unit_name: String::new(),
            amount_unit: "万元".into(),
            header: Vec::new(),
            header_paths: header,
            rows: vec![
                row(&[
                    "301",
                    "",
                    "工资福利支出",
                    "501",
                    "",
                    "机关工资福利支出",
                    "3.00",
                ]),
                row(&[
                    "301",
                    "01",
                    "基本工资",
                    "501",
                    "01",
                    "工资奖金津补贴",
                    "1.00",
                ]),
                row(&[
                    "301",
                    "02",
                    "津贴补贴",
                    "501",
                    "01",
                    "工资奖金津补贴",
                    "2.00",
                ]),
                row(&[
                    "301",
                    "",
                    "工资福利支出",
                    "505",
                    "",
                    "对事业单位经常性补助",
                    "5.00",
                ]),
                row(&["301", "01", "基本工资", "505", "01", "工资福利支出", "4.00"]),
            ],
            note: String::new(),
            caption_lines: Vec::new(),
            areas: Vec::new(),
            header_boxes: Vec::new(),
        };
        let (facts, _) = crate::facts::table_facts(0, &table);
        let keyed = vec![KeyedTable {
            key: "general_budget_basic_expenditure",
            table,
            sub_units: Vec::new(),
        }];
        let checks = run(&keyed, &facts, &[], Some(2026));
        let sums: Vec<(Decimal, Decimal, &str)> = checks
            .iter()
            .filter(|c| c.check == "parent_sum")
            .map(|c| (c.expected, c.actual, c.status))
            .collect();
        assert_eq!(
            sums,
            vec![
                (d("3.00"), d("3.00"), "pass"),
                (d("4.00"), d("5.00"), "fail")
            ]
        );
    }
}
