//! Checks between rows and tables: `income_equals_expenditure`, `three_public_items`,
//! `cross_table`, `code_name`.

use super::{is_total_row, squash, CellRef, Check, CheckStatus, Cmp, Ctx};
use crate::facts::Fact;
use crate::vocab::TableKind;
use crate::vocab::{CodeSystem, Word};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use yusuan_catalog::{catalog, Catalog};

/// 收入总计 = 支出总计 in the summary tables.
pub(super) fn income_equals_expenditure(ctx: &mut Ctx, t: usize) {
    if !matches!(
        ctx.tables[t].key,
        TableKind::Summary | TableKind::FiscalSummary
    ) {
        return;
    }
    let find = |word: &str| {
        ctx.by_table[t]
            .iter()
            .find(|f| squash(&f.row_label).contains(word))
            .copied()
    };
    if let (Some(inc), Some(exp)) = (find("收入总计"), find("支出总计")) {
        let c = Cmp {
            subject: "收入总计 = 支出总计".into(),
            expected: inc.amount,
            actual: exp.amount,
            terms: 1,
            values: vec![inc.amount, exp.amount],
            cells: vec![exp, inc],
        };
        ctx.push(t, "income_equals_expenditure", c);
    }
}

/// "三公" 合计 = 因公出国（境）+ 公务接待 + 公务用车; 公务用车 = 购置 + 运行维护, per column.
pub(super) fn three_public_items(ctx: &mut Ctx, t: usize) {
    if ctx.tables[t].key != TableKind::ThreePublicExpenses {
        return;
    }
    let mut cols: BTreeMap<String, Vec<&Fact>> = BTreeMap::new();
    for f in &ctx.by_table[t] {
        cols.entry(f.column_path.join(" > ")).or_default().push(f);
    }
    let mut found = Vec::new();
    for (col, fs) in &cols {
        let pick =
            |pred: &dyn Fn(&str) -> bool| fs.iter().find(|f| pred(&squash(&f.row_label))).copied();
        let amount = |f: Option<&Fact>| f.map(|f| f.amount).unwrap_or_default();
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
                let sum: Decimal = parts.iter().map(|p| amount(*p)).sum();
                let mut cells = vec![total];
                cells.extend(parts.iter().flatten().copied());
                found.push((format!("合计 [{col}]"), sum, total.amount, 3, cells));
            }
        }
        if let Some(v) = vehicles {
            if purchase.is_some() || operation.is_some() {
                let mut cells = vec![v];
                cells.extend([purchase, operation].iter().flatten().copied());
                found.push((
                    format!("公务用车购置及运行维护费 [{col}]"),
                    amount(purchase) + amount(operation),
                    v.amount,
                    2,
                    cells,
                ));
            }
        }
    }
    for (subject, expected, actual, terms, cells) in found {
        let c = Cmp::of(subject, expected, actual, terms, cells);
        ctx.push(t, "three_public_items", c);
    }
}

fn total_of<'a>(ctx: &Ctx<'a>, key: TableKind, measure: &str) -> Option<(usize, &'a Fact)> {
    let t = ctx.tables.iter().position(|t| t.key == key)?;
    let f = ctx.by_table[t]
        .iter()
        .find(|f| f.code.is_empty() && is_total_row(&f.row_label) && f.measure == measure)?;
    Some((t, *f))
}

/// Totals that must agree between tables. A final account's income and expenditure tables
/// need not agree (the year's income is not the year's spending: carry-overs in and out
/// differ), so that pair is compared in budgets only.
pub(super) fn cross_tables(ctx: &mut Ctx, final_account: bool) {
    let pairs: &[(TableKind, &str, TableKind, &str, &str)] = &[
        (
            TableKind::Income,
            "total",
            TableKind::Expenditure,
            "total",
            "收入表总计 = 支出表总计",
        ),
        (
            TableKind::GeneralBudgetBasicExpenditure,
            "total",
            TableKind::GeneralBudgetExpenditure,
            "basic",
            "基本支出表合计 = 一般公共预算支出表基本支出",
        ),
        (
            TableKind::GeneralBudgetProjectExpenditure,
            "total",
            TableKind::GeneralBudgetExpenditure,
            "project",
            "项目支出表合计 = 一般公共预算支出表项目支出",
        ),
        (
            TableKind::GeneralBudgetExpenditure,
            "total",
            TableKind::Income,
            "general_budget",
            "一般公共预算支出表合计 = 收入表一般公共预算",
        ),
    ];
    for &(ka, ma, kb, mb, subject) in pairs {
        if final_account && (ka, kb) == (TableKind::Income, TableKind::Expenditure) {
            continue;
        }
        if let (Some((ta, a)), Some((tb, b))) = (total_of(ctx, ka, ma), total_of(ctx, kb, mb)) {
            // Tables in different units cannot be compared directly.
            if ctx.tables[ta].table.amount_unit != ctx.tables[tb].table.amount_unit {
                continue;
            }
            let c = Cmp {
                subject: subject.to_string(),
                expected: b.amount,
                actual: a.amount,
                terms: 1,
                values: vec![a.amount, b.amount],
                cells: vec![a, b],
            };
            ctx.push_key("cross".into(), "cross_table", c);
        }
    }
}

/// A printed code whose printed name is not the catalog's name for it.
pub(super) fn code_names(ctx: &mut Ctx, year: Option<u16>) {
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
                Some(CodeSystem::Function) => cat.function_name(&f.code, year),
                Some(CodeSystem::Economic) => cat.economic_name_in(&f.code, year),
                _ => None,
            };
            if let Some(name) = std_name {
                // A name cut off by a narrow cell ("人力资源和社会保障管") is the same name.
                let cut_off =
                    f.row_label.chars().count() >= 6 && name.starts_with(f.row_label.trim());
                let ok = Catalog::names_match(&f.row_label, name)
                    || cat.is_a_name_of(f.code_system.word(), &f.code, &f.row_label)
                    || cut_off
                    || cat
                        .infer_code(f.code_system.word(), &f.row_label, None, year)
                        .is_some_and(|c| c == f.code);
                found.push((
                    t,
                    format!("{} {} (catalog: {})", f.code, f.row_label, name),
                    ok,
                    *f,
                ));
            }
        }
    }
    for (t, subject, ok, f) in found {
        let key = ctx.tables[t].key.to_string();
        ctx.out.push(Check {
            table_key: key,
            check: "code_name",
            subject,
            expected: Decimal::ZERO,
            actual: if ok { Decimal::ZERO } else { Decimal::ONE },
            status: if ok {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            },
            cells: vec![CellRef::of(f)],
            page: Some(f.page),
            table: Some(t),
            code: f.code.clone(),
            unit: String::new(),
            explanation: String::new(),
            indicator: None,
        });
    }
}
