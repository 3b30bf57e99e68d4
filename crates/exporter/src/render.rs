//! One document rendered in memory (in the worker process that read it): its rows of every
//! CSV file, its tables, its documents.csv fields.

use crate::{records, schema, DocumentRecord, Rendered, RowWriter, Rows};
use std::io;
use yusuan_normalizer::CheckStatus;
use yusuan_normalizer::Normalized;

/// One document's rows while it is rendered (see [`render`]).
pub(crate) struct DocRows {
    excel: bool,
    pub(crate) facts: Rows,
    pub(crate) checks: Rows,
    pub(crate) indicators: Rows,
    pub(crate) performance: Rows,
    pub(crate) unplaced: Rows,
    pub(crate) key_figures: Rows,
    tables: Vec<(String, Vec<u8>)>,
}

/// Renders one document: its rows of every CSV file, its tables, its documents.csv fields.
pub fn render(rec: &DocumentRecord, excel: bool) -> io::Result<Rendered> {
    let (unit_name, year, doc_kind, ntables, nfacts, nfail) = match &rec.normalized {
        Some(n) => (
            n.info.unit_name.clone(),
            n.info.year.map(|y| y.to_string()).unwrap_or_default(),
            n.info.doc_kind.to_string(),
            n.tables.len(),
            n.facts.len(),
            n.checks
                .iter()
                .filter(|c| c.status == CheckStatus::Fail)
                .count(),
        ),
        None => Default::default(),
    };
    let rows = || Rows {
        w: RowWriter::new(excel),
    };
    let mut doc = DocRows {
        excel,
        facts: rows(),
        checks: rows(),
        indicators: rows(),
        performance: rows(),
        unplaced: rows(),
        key_figures: rows(),
        tables: Vec::new(),
    };
    if let Some(n) = &rec.normalized {
        doc.write_rows(rec, n, &unit_name, &year, &doc_kind)?;
    }
    let counts = [ntables, nfacts, nfail];
    let row = documents_row(rec, [unit_name, year, doc_kind], counts);
    debug_assert_eq!(row.len(), schema::DOCUMENTS.len());
    Ok(Rendered {
        row,
        files: [
            doc.facts.w.into_bytes()?,
            doc.checks.w.into_bytes()?,
            doc.indicators.w.into_bytes()?,
            doc.performance.w.into_bytes()?,
            doc.unplaced.w.into_bytes()?,
            doc.key_figures.w.into_bytes()?,
        ],
        tables: doc.tables,
        review: Vec::new(),
    })
}

impl DocRows {
    fn write_rows(
        &mut self,
        rec: &DocumentRecord,
        n: &Normalized,
        unit_name: &str,
        year: &str,
        doc_kind: &str,
    ) -> io::Result<()> {
        let doc = records::Doc {
            source: &rec.source,
            unit_name,
            year,
            doc_kind,
        };
        self.write_facts(&doc, n)?;
        self.write_checks(&doc, n)?;
        let figures = yusuan_normalizer::key_figures(n);
        self.write_indicators(&doc, n, &figures)?;
        self.write_targets(&doc, n)?;
        self.write_unplaced(&doc, n)?;
        self.write_key_figures(&doc, &figures)?;
        self.write_tables(rec, n)
    }

    fn write_tables(&mut self, _rec: &DocumentRecord, n: &Normalized) -> io::Result<()> {
        for (i, kt) in n.tables.iter().enumerate() {
            let name = format!("{:02}-{}.csv", i + 1, kt.key);
            let mut buf = Vec::with_capacity(4096);
            if self.excel {
                buf.extend_from_slice("\u{feff}".as_bytes());
            }
            let mut w = RowWriter {
                inner: csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .flexible(true)
                    .from_writer(buf),
                excel: self.excel,
            };
            let t = &kt.table;
            let mut header: Vec<String> = t.header_paths.iter().map(|p| p.join(" > ")).collect();
            // Tables listing several units: the row's sub-unit in an added last column.
            let subs = !kt.sub_units.is_empty();
            if subs {
                header.push("sub_unit".to_string());
            }
            w.write_record(&header)?;
            for (i, row) in t.rows.iter().enumerate() {
                if subs {
                    let mut cells = row.cells.clone();
                    cells.resize(t.header_paths.len().max(cells.len()), String::new());
                    cells.push(kt.sub_units.get(i).cloned().unwrap_or_default());
                    w.write_record(&cells)?;
                } else {
                    w.write_record(&row.cells)?;
                }
            }
            self.tables.push((name, w.into_bytes()?));
        }
        Ok(())
    }
}

/// The documents.csv fields of a document (`names`: unit name, year, doc kind; `counts`:
/// tables, facts, failed checks).
fn documents_row(rec: &DocumentRecord, names: [String; 3], counts: [usize; 3]) -> Vec<String> {
    let [unit_name, year, doc_kind] = names;
    let [ntables, nfacts, nfail] = counts;
    let nunplaced = rec
        .normalized
        .as_ref()
        .map(|n| n.unplaced.len())
        .unwrap_or(0);
    let ambiguous = rec
        .normalized
        .as_ref()
        .map(|n| n.codes_ambiguous)
        .unwrap_or(0);
    let (level, unit_type) = match &rec.normalized {
        Some(n) => (
            n.info.disclosure_level,
            match n.info.unit_type {
                yusuan_normalizer::UnitType::Administrative => "administrative",
                yusuan_normalizer::UnitType::Institution => "institution",
                yusuan_normalizer::UnitType::Unknown => "unknown",
            },
        ),
        None => ("", ""),
    };
    let row: Vec<String> = vec![
        rec.source.clone(),
        rec.sha256.clone(),
        rec.bytes.to_string(),
        rec.pages.to_string(),
        unit_name,
        year,
        doc_kind,
        rec.status.to_string(),
        ntables.to_string(),
        nfacts.to_string(),
        nfail.to_string(),
        rec.error_kind.clone(),
        rec.error.clone(),
        rec.millis.to_string(),
        nunplaced.to_string(),
        ambiguous.to_string(),
        level.to_string(),
        unit_type.to_string(),
        rec.duplicate_of.clone(),
    ];
    row
}
