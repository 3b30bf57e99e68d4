//! The closed vocabularies of the output files as types: table kinds (`table_key`),
//! classification systems (`code_system`), where a code came from (`code_source`) and a
//! document's status. Each has `as_str()`, the word written in the files (README vocabulary),
//! so that a misspelt key is a compile error, not a check that silently never runs.

use std::fmt;

/// The word a value writes in the files; for an `Option`, the empty cell when it is `None`.
pub trait Word {
    /// The word in the files.
    fn word(self) -> &'static str;
}

impl<T: Word> Word for Option<T> {
    fn word(self) -> &'static str {
        self.map_or("", Word::word)
    }
}

/// Declares a closed vocabulary: an enum, its file words, `ALL` and `parse`.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $word:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every value, in the order of the README's vocabulary.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The word written in the output files.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }

            /// The value written as `word`, if any.
            pub fn parse(word: &str) -> Option<$name> {
                match word {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl Word for $name {
            fn word(self) -> &'static str {
                self.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// The canonical kind of a table (`table_key`), recognised from its title and header.
    TableKind {
        /// 收支总表 / 收支预算总表 / 收入支出决算总表.
        Summary = "summary",
        /// 收入总表.
        Income = "income",
        /// 支出总表.
        Expenditure = "expenditure",
        /// 财政拨款收支总表.
        FiscalSummary = "fiscal_summary",
        /// 一般公共预算支出表 (by function).
        GeneralBudgetExpenditure = "general_budget_expenditure",
        /// 一般公共预算基本支出表 (by 部门经济分类).
        GeneralBudgetBasicExpenditure = "general_budget_basic_expenditure",
        /// 一般公共预算基本支出表 by 政府经济分类.
        GeneralBudgetBasicExpenditureGov = "general_budget_basic_expenditure_gov",
        /// 基本支出 of all funds by economic class.
        BasicExpenditure = "basic_expenditure",
        /// 一般公共预算支出 by economic class, basic and project columns.
        GeneralBudgetExpenditureEconomic = "general_budget_expenditure_economic",
        /// 一般公共预算项目支出表.
        GeneralBudgetProjectExpenditure = "general_budget_project_expenditure",
        /// 项目支出表 (all funds).
        ProjectExpenditure = "project_expenditure",
        /// 政府性基金预算支出表.
        GovFundExpenditure = "gov_fund_expenditure",
        /// 国有资本经营预算支出表.
        SoeCapitalExpenditure = "soe_capital_expenditure",
        /// "三公"经费支出表.
        ThreePublicExpenses = "three_public_expenses",
        /// 委托业务费.
        CommissionedServices = "commissioned_services",
        /// 上年结转结余.
        PriorYearCarryover = "prior_year_carryover",
        /// 政府采购预算表.
        GovernmentProcurement = "government_procurement",
        /// 机关运行经费.
        OperatingCosts = "operating_costs",
        /// 财政拨款支出表 not limited to 一般公共预算.
        FiscalExpenditure = "fiscal_expenditure",
        /// 项目支出绩效目标表 and other performance forms.
        PerformanceTargets = "performance_targets",
        /// 绩效自评 / 绩效评价.
        PerformanceEvaluation = "performance_evaluation",
        /// 整体支出绩效目标表.
        OverallPerformanceTargets = "overall_performance_targets",
        /// Not a standard table.
        Other = "other",
    }
}

impl TableKind {
    /// A performance form (绩效目标表, 绩效自评表, 整体支出绩效目标表): read cell by cell.
    pub fn is_performance_form(self) -> bool {
        matches!(
            self,
            TableKind::PerformanceTargets
                | TableKind::PerformanceEvaluation
                | TableKind::OverallPerformanceTargets
        )
    }
}

vocabulary! {
    /// The classification a row's code belongs to (`code_system`).
    CodeSystem {
        /// 支出功能分类 (3/5/7 digits, 2xx).
        Function = "function",
        /// 部门预算支出经济分类 (3/5 digits, 3xx).
        Economic = "economic",
        /// 政府预算支出经济分类 (3/5 digits, 5xx).
        GovEconomic = "gov_economic",
    }
}

vocabulary! {
    /// Where a row's code came from (`code_source`).
    CodeSource {
        /// Printed on the row.
        Printed = "printed",
        /// Derived from the row's name, the table's hierarchy and the catalog.
        Inferred = "inferred",
    }
}

vocabulary! {
    /// A document's outcome (documents.csv `status`).
    DocumentStatus {
        /// Read; every standard table found.
        Ok = "ok",
        /// Read, with something missing or damaged (the error says what).
        Partial = "partial",
        /// Not read (the error says why and what to do).
        Failed = "failed",
        /// Not read again: the same bytes as an earlier input of the batch (`duplicate_of`),
        /// whose rows stand for both.
        Duplicate = "duplicate",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for k in TableKind::ALL {
            assert_eq!(TableKind::parse(k.as_str()), Some(*k));
        }
        for s in CodeSystem::ALL {
            assert_eq!(CodeSystem::parse(s.as_str()), Some(*s));
        }
        assert_eq!(TableKind::parse("summry"), None);
    }

    /// The README's table_key vocabulary and this enum list the same keys.
    #[test]
    fn readme_vocabulary_lists_every_table_kind() {
        let readme = include_str!("../../../README.md");
        let section = readme
            .split("### table_key vocabulary")
            .nth(1)
            .and_then(|s| s.split("\n### ").next())
            .expect("README has a table_key vocabulary section");
        let keys: Vec<&str> = section
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split('`').next())
            .collect();
        for k in TableKind::ALL {
            assert!(keys.contains(&k.as_str()), "README lacks {k}");
        }
        for k in &keys {
            assert!(
                TableKind::parse(k).is_some(),
                "README lists {k}, which is not a TableKind"
            );
        }
    }
}
