//! Arithmetic and consistency checks over the facts of one document.

use crate::facts::Fact;
use crate::KeyedTable;
use rust_decimal::Decimal;
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

pub fn run(_tables: &[KeyedTable], _facts: &[Fact], _indicators: &[Indicator]) -> Vec<Check> {
    Vec::new()
}
