//! # yusuan-exporter
//!
//! Brief overview. A [`Writer`] receives one [`DocumentRecord`] per input, in input order, and
//! appends its rows to facts.csv, documents.csv, checks.csv and indicators.csv, and its tables to
//! `tables/<stem>/NN-<table_key>.csv`. Every CSV is written under a temporary name and renamed
//! by [`Writer::finish`], which also writes datapackage.json ([`datapackage`]), so an
//! interrupted run never leaves a half-written CSV behind.

pub mod datapackage;

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use yusuan_normalizer::Normalized;

/// Everything known about one input file.
pub struct DocumentRecord {
    /// Path relative to the input folder given on the command line.
    pub source: String,
    pub sha256: String,
    pub bytes: u64,
    pub pages: usize,
    /// `ok`, `partial` or `failed`.
    pub status: &'static str,
    pub error_kind: String,
    pub error: String,
    pub millis: u128,
    pub normalized: Option<Normalized>,
}

pub const FACTS_HEADER: &[&str] = &[
    "source", "unit_name", "year", "doc_kind", "table_no", "table_key", "table_title", "page", "row_no", "row_label", "code",
    "code_system", "code_name_std", "gov_economic_code", "project", "column_path", "measure", "amount", "amount_unit",
    "code_source",
];
pub const DOCUMENTS_HEADER: &[&str] = &[
    "source", "sha256", "bytes", "pages", "unit_name", "year", "doc_kind", "status", "tables", "facts", "checks_failed",
    "error_kind", "error", "millis",
];
pub const CHECKS_HEADER: &[&str] = &["source", "table_key", "check", "subject", "expected", "actual", "difference", "status"];
pub const INDICATORS_HEADER: &[&str] = &[
    "source", "unit_name", "year", "section", "indicator", "subject", "value", "value_unit", "prior_year_value", "change",
    "change_pct", "share_pct", "sentence", "page",
];

struct CsvFile {
    tmp: PathBuf,
    dest: PathBuf,
    w: csv::Writer<BufWriter<File>>,
}

impl CsvFile {
    fn create(dir: &Path, name: &str, header: &[&str], excel: bool) -> io::Result<CsvFile> {
        let dest = dir.join(name);
        let tmp = dir.join(format!(".{name}.partial"));
        let mut f = BufWriter::new(File::create(&tmp)?);
        if excel {
            f.write_all("\u{feff}".as_bytes())?;
        }
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(f);
        w.write_record(header)?;
        Ok(CsvFile { tmp, dest, w })
    }
    fn finish(self) -> io::Result<()> {
        let mut inner = self.w.into_inner().map_err(|e| io::Error::other(e.to_string()))?;
        inner.flush()?;
        drop(inner);
        fs::rename(&self.tmp, &self.dest)
    }
}

pub struct Writer {
    dir: PathBuf,
    excel: bool,
    facts: CsvFile,
    documents: CsvFile,
    checks: CsvFile,
    indicators: CsvFile,
    /// Table folders written this run (renamed into place at the end).
    tables_tmp: PathBuf,
}

/// Counts for the closing summary.
#[derive(Debug, Default, Clone)]
pub struct Totals {
    pub ok: usize,
    pub partial: usize,
    pub failed: usize,
    pub facts: usize,
    pub checks_failed: usize,
}

fn stem_of(source: &str) -> String {
    let p = Path::new(source);
    let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| source.to_string());
    // Keep sub-folders apart: a/b.pdf → a__b
    match p.parent().map(|d| d.to_string_lossy().into_owned()).filter(|d| !d.is_empty()) {
        Some(d) => format!("{}__{stem}", d.replace(['/', '\\'], "__")),
        None => stem,
    }
}

fn dec(d: &rust_decimal::Decimal) -> String {
    d.normalize().to_string()
}

fn amount(d: &rust_decimal::Decimal) -> String {
    // As published: keep the printed scale (1852.77, 0.00).
    d.to_string()
}

impl Writer {
    pub fn create(dir: &Path, excel: bool) -> io::Result<Writer> {
        fs::create_dir_all(dir)?;
        let tables_tmp = dir.join(".tables.partial");
        if tables_tmp.exists() {
            fs::remove_dir_all(&tables_tmp)?;
        }
        fs::create_dir_all(&tables_tmp)?;
        Ok(Writer {
            dir: dir.to_path_buf(),
            excel,
            facts: CsvFile::create(dir, "facts.csv", FACTS_HEADER, excel)?,
            documents: CsvFile::create(dir, "documents.csv", DOCUMENTS_HEADER, excel)?,
            checks: CsvFile::create(dir, "checks.csv", CHECKS_HEADER, excel)?,
            indicators: CsvFile::create(dir, "indicators.csv", INDICATORS_HEADER, excel)?,
            tables_tmp,
        })
    }

    pub fn write(&mut self, rec: &DocumentRecord, totals: &mut Totals) -> io::Result<()> {
        match rec.status {
            "ok" => totals.ok += 1,
            "partial" => totals.partial += 1,
            _ => totals.failed += 1,
        }
        let (unit_name, year, doc_kind, ntables, nfacts, nfail) = match &rec.normalized {
            Some(n) => (
                n.info.unit_name.clone(),
                n.info.year.map(|y| y.to_string()).unwrap_or_default(),
                n.info.doc_kind.to_string(),
                n.tables.len(),
                n.facts.len(),
                n.checks.iter().filter(|c| c.status == "fail").count(),
            ),
            None => Default::default(),
        };
        totals.facts += nfacts;
        totals.checks_failed += nfail;
        self.documents.w.write_record([
            rec.source.as_str(),
            &rec.sha256,
            &rec.bytes.to_string(),
            &rec.pages.to_string(),
            &unit_name,
            &year,
            &doc_kind,
            rec.status,
            &ntables.to_string(),
            &nfacts.to_string(),
            &nfail.to_string(),
            &rec.error_kind,
            &rec.error,
            &rec.millis.to_string(),
        ])?;
        let Some(n) = &rec.normalized else { return Ok(()) };
        for (f, e) in n.facts.iter().zip(&n.enrich) {
            let t = &n.tables[f.table];
            self.facts.w.write_record([
                rec.source.as_str(),
                &unit_name,
                &year,
                &doc_kind,
                &t.table.table_no,
                t.key,
                &t.table.title,
                &f.page.to_string(),
                &f.row_no.to_string(),
                &f.row_label,
                &f.code,
                f.code_system,
                &e.code_name_std,
                &e.gov_economic_code,
                &f.project,
                &f.column_path.join(" > "),
                &f.measure,
                &amount(&f.amount),
                &t.table.amount_unit,
                f.code_source,
            ])?;
        }
        for c in &n.checks {
            self.checks.w.write_record([
                rec.source.as_str(),
                &c.table_key,
                c.check,
                &c.subject,
                &dec(&c.expected),
                &dec(&c.actual),
                &dec(&(c.actual - c.expected)),
                c.status,
            ])?;
        }
        let opt = |d: &Option<rust_decimal::Decimal>| d.map(|v| dec(&v)).unwrap_or_default();
        for i in &n.indicators {
            self.indicators.w.write_record([
                rec.source.as_str(),
                &unit_name,
                &year,
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
            ])?;
        }
        self.write_tables(rec, n)
    }

    fn write_tables(&mut self, rec: &DocumentRecord, n: &Normalized) -> io::Result<()> {
        if n.tables.is_empty() {
            return Ok(());
        }
        let dir = self.tables_tmp.join(stem_of(&rec.source));
        fs::create_dir_all(&dir)?;
        for (i, kt) in n.tables.iter().enumerate() {
            let path = dir.join(format!("{:02}-{}.csv", i + 1, kt.key));
            let mut f = BufWriter::new(File::create(path)?);
            if self.excel {
                f.write_all("\u{feff}".as_bytes())?;
            }
            let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(f);
            let t = &kt.table;
            let header: Vec<String> = t.header_paths.iter().map(|p| p.join(" > ")).collect();
            w.write_record(&header)?;
            for row in &t.rows {
                w.write_record(&row.cells)?;
            }
            w.flush()?;
        }
        Ok(())
    }

    /// Renames every file into place and writes datapackage.json.
    pub fn finish(self) -> io::Result<()> {
        self.facts.finish()?;
        self.documents.finish()?;
        self.checks.finish()?;
        self.indicators.finish()?;
        let tables = self.dir.join("tables");
        if tables.exists() {
            fs::remove_dir_all(&tables)?;
        }
        fs::rename(&self.tables_tmp, &tables)?;
        let dp = datapackage::descriptor();
        let tmp = self.dir.join(".datapackage.json.partial");
        fs::write(&tmp, serde_json::to_string_pretty(&dp).map_err(io::Error::other)? + "\n")?;
        fs::rename(tmp, self.dir.join("datapackage.json"))
    }
}
