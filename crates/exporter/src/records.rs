//! The rows of each file, built from one document's normalized output: the row writers of
//! a document being rendered, one per file, each filling an array as long as the file's column list in
//! [`crate::schema`].

use crate::{amount, cell_id, dec, fact_id, schema, DocRows};
use std::borrow::Cow;
use std::io;
use yusuan_normalizer::vocab::Word;
use yusuan_normalizer::{KeyFigure, Normalized};

fn opt(d: &Option<rust_decimal::Decimal>) -> String {
    d.map(|v| dec(&v)).unwrap_or_default()
}

/// The document-level fields every row starts with.
pub(crate) struct Doc<'a> {
    pub source: &'a str,
    pub unit_name: &'a str,
    pub year: &'a str,
    pub doc_kind: &'a str,
}

/// The fields of one checks.csv row ([`schema::CHECKS`]).
pub fn check_record<'a>(
    source: &'a str,
    n: &'a Normalized,
    c: &'a yusuan_normalizer::Check,
) -> [Cow<'a, str>; schema::CHECKS.len()] {
    let ids: Vec<String> = c
        .cells
        .iter()
        .map(|r| cell_id(source, r.table, r.body_row, r.col))
        .collect();
    let table_no = c
        .table
        .and_then(|t| n.tables.get(t))
        .map(|t| t.table.table_no.as_str())
        .unwrap_or_default();
    [
        source.into(),
        c.table_key.as_str().into(),
        c.check.into(),
        c.subject.as_str().into(),
        dec(&c.expected).into(),
        dec(&c.actual).into(),
        dec(&(c.actual - c.expected)).into(),
        c.status.as_str().into(),
        ids.join(";").into(),
        c.page.map(|p| p.to_string()).unwrap_or_default().into(),
        table_no.into(),
        c.code.as_str().into(),
        c.unit.as_str().into(),
        c.relative_difference()
            .map(|r| dec(&r))
            .unwrap_or_default()
            .into(),
        c.severity().into(),
        c.explanation.as_str().into(),
    ]
}

/// The fields of one key_figures.csv row ([`schema::KEY_FIGURES`]).
pub fn key_figure_record(
    source: &str,
    unit_name: &str,
    year: &str,
    doc_kind: &str,
    k: &yusuan_normalizer::KeyFigure,
) -> [String; schema::KEY_FIGURES.len()] {
    let ids = |cells: &[yusuan_normalizer::CellRef]| {
        cells
            .iter()
            .map(|r| cell_id(source, r.table, r.body_row, r.col))
            .collect::<Vec<_>>()
            .join(";")
    };
    [
        source.to_string(),
        unit_name.to_string(),
        year.to_string(),
        doc_kind.to_string(),
        k.figure.to_string(),
        k.name.to_string(),
        amount(&k.value_wan),
        k.prior_year_wan.map(|v| amount(&v)).unwrap_or_default(),
        k.prior_year_from.to_string(),
        ids(&k.cells),
        ids(&k.prior_cells),
        k.cells.len().to_string(),
        k.agreement.to_string(),
        k.narrative_wan.map(|v| amount(&v)).unwrap_or_default(),
        k.narrative_page.map(|p| p.to_string()).unwrap_or_default(),
    ]
}

impl DocRows {
    pub(crate) fn write_facts(&mut self, doc: &Doc, n: &Normalized) -> io::Result<()> {
        for (f, e) in n.facts.iter().zip(&n.enrich) {
            let t = &n.tables[f.table];
            let row: [&str; schema::FACTS.len()] = [
                doc.source,
                doc.unit_name,
                doc.year,
                doc.doc_kind,
                &t.table.table_no,
                t.key.as_str(),
                &t.table.title,
                &f.page.to_string(),
                &f.row_no.to_string(),
                &f.row_label,
                &f.code,
                f.code_system.word(),
                &e.code_name_std,
                &e.gov_economic_code,
                &f.project,
                &f.column_path.join(" > "),
                &f.measure,
                &amount(&f.amount),
                &t.table.amount_unit,
                f.code_source.word(),
                &f.other_codes,
                &f.sub_unit,
                &yusuan_normalizer::facts::amount_wan(f.amount, &t.table.amount_unit)
                    .map(|d| amount(&d))
                    .unwrap_or_default(),
                f.row_kind,
                &fact_id(doc.source, f),
            ];
            self.facts.w.write_record(row)?;
        }
        Ok(())
    }

    pub(crate) fn write_checks(&mut self, doc: &Doc, n: &Normalized) -> io::Result<()> {
        for c in &n.checks {
            let row = check_record(doc.source, n, c);
            self.checks
                .w
                .write_record(row.iter().map(|c| c.as_bytes()))?;
        }
        Ok(())
    }

    pub(crate) fn write_indicators(
        &mut self,
        doc: &Doc,
        n: &Normalized,
        figures: &[KeyFigure],
    ) -> io::Result<()> {
        let quoted = yusuan_normalizer::key_figures::indicator_cells(n, figures);
        for (k, i) in n.indicators.iter().enumerate() {
            let mut code = yusuan_narrative::scope::code_of(i);
            // A function line the catalog could not code (款/项 names) but the tables did: the
            // code of the cell it quotes.
            if let (true, "expenditure_function", Some(r)) =
                (code.is_empty(), i.indicator.as_str(), quoted[k])
            {
                let cell = |f: &&yusuan_normalizer::Fact| {
                    (f.table, f.body_row, f.col) == (r.table, r.body_row, r.col)
                };
                if let Some(f) = n.facts.iter().find(cell) {
                    code = f.code.clone();
                }
            }
            let row: [&str; schema::INDICATORS.len()] = [
                doc.source,
                doc.unit_name,
                doc.year,
                &i.section,
                &i.indicator,
                &i.subject,
                &dec(&i.value),
                &i.value_unit,
                &opt(&i.prior_year_value),
                &opt(&i.change),
                &opt(&i.change_pct),
                &opt(&i.share_pct),
                &i.sentence,
                &i.page.to_string(),
                &code,
                yusuan_narrative::scope::scope_of(i),
                &quoted[k]
                    .map(|r| cell_id(doc.source, r.table, r.body_row, r.col))
                    .unwrap_or_default(),
            ];
            self.indicators.w.write_record(row)?;
        }
        Ok(())
    }

    pub(crate) fn write_targets(&mut self, doc: &Doc, n: &Normalized) -> io::Result<()> {
        for (ti, r) in &n.targets {
            let t = &n.tables[*ti].table;
            let row: [&str; schema::PERFORMANCE.len()] = [
                doc.source,
                doc.unit_name,
                doc.year,
                &t.table_no,
                &t.title,
                &r.page.to_string(),
                &r.project,
                &r.level1,
                &r.level2,
                &r.level3,
                &r.target,
                &r.other,
            ];
            self.performance.w.write_record(row)?;
        }
        Ok(())
    }

    pub(crate) fn write_unplaced(&mut self, doc: &Doc, n: &Normalized) -> io::Result<()> {
        for u in &n.unplaced {
            let t = &n.tables[u.table];
            let row: [&str; schema::UNPLACED.len()] = [
                doc.source,
                &t.table.table_no,
                t.key.as_str(),
                &u.page.to_string(),
                &u.row_no.to_string(),
                &u.column_path.join(" > "),
                &u.cell,
                u.reason,
            ];
            self.unplaced.w.write_record(row)?;
        }
        Ok(())
    }

    pub(crate) fn write_key_figures(&mut self, doc: &Doc, figures: &[KeyFigure]) -> io::Result<()> {
        for k in figures {
            let row = key_figure_record(doc.source, doc.unit_name, doc.year, doc.doc_kind, k);
            self.key_figures.w.write_record(&row)?;
        }

        Ok(())
    }
}
