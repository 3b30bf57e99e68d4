//! # yusuan-exporter
//!
//! Brief overview. A [`Writer`] receives one [`DocumentRecord`] per input, in input order, and
//! appends its rows to facts.csv, documents.csv, checks.csv, indicators.csv, performance.csv
//! and unplaced.csv, and its tables to `tables/<stem>/NN-<table_key>.csv`. Every CSV is written
//! under a temporary name and renamed by [`Writer::finish`], which also writes datapackage.json
//! ([`datapackage`]), so an interrupted run never leaves a half-written CSV behind.
//!
//! Resuming: a document's documents.csv row is written after all its other rows, and every file
//! is flushed after each document, so the temporary files of an interrupted run hold complete
//! documents. [`Previous`] reads them (or the finished files of an earlier run), and
//! [`Writer::copy_previous`] carries a document's rows over instead of processing it again.

pub mod datapackage;
pub mod parquet_out;
mod records;
pub use records::{check_record, key_figure_record};
pub mod schema;

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
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(f);
        w.write_record(header)?;
        Ok(CsvFile { tmp, dest, w })
    }
    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
    fn finish(self) -> io::Result<()> {
        let mut inner = self
            .w
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))?;
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
    performance: CsvFile,
    unplaced: CsvFile,
    key_figures: CsvFile,
    /// Parquet files by CSV name (`facts`…), when asked for ([`Writer::enable_parquet`]).
    parquet: std::collections::BTreeMap<&'static str, parquet_out::ParquetFile>,
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

/// The per-document name of the output (`tables/<stem>/`, `review/<stem>.html`): the file name
/// without `.pdf`, sub-folders joined with `__` (`a/b.pdf` → `a__b`).
pub fn stem_of(source: &str) -> String {
    let p = Path::new(source);
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.to_string());
    // Keep sub-folders apart: a/b.pdf → a__b
    match p
        .parent()
        .map(|d| d.to_string_lossy().into_owned())
        .filter(|d| !d.is_empty())
    {
        Some(d) => format!("{}__{stem}", d.replace(['/', '\\'], "__")),
        None => stem,
    }
}

/// A fact's id: its source, table, body row and column (`a.pdf#t6r2c3`, all 1-based), the same
/// in every run over the same file whatever `--jobs` is.
pub fn fact_id(source: &str, f: &yusuan_normalizer::Fact) -> String {
    cell_id(source, f.table, f.body_row, f.col)
}

/// The id of a table cell (0-based table, body row and column in, 1-based out): a fact's id.
pub fn cell_id(source: &str, table: usize, body_row: usize, col: usize) -> String {
    format!("{source}#t{}r{}c{}", table + 1, body_row + 1, col + 1)
}

pub(crate) fn dec(d: &rust_decimal::Decimal) -> String {
    d.normalize().to_string()
}

pub(crate) fn amount(d: &rust_decimal::Decimal) -> String {
    // As published: keep the printed scale (1852.77, 0.00).
    d.to_string()
}

impl Writer {
    /// Starts the output files in `dir`. With `previous`, the table folders of an earlier run
    /// are kept aside so that [`Writer::copy_previous`] can carry them over.
    pub fn create(dir: &Path, excel: bool, previous: Option<&mut Previous>) -> io::Result<Writer> {
        fs::create_dir_all(dir)?;
        let tables_tmp = dir.join(".tables.partial");
        if let Some(prev) = previous {
            // Keep the earlier run's table folders where copy_previous can find them.
            let keep = dir.join(".tables.previous");
            if keep.exists() {
                fs::remove_dir_all(&keep)?;
            }
            if prev.tables_dir.exists() {
                fs::rename(&prev.tables_dir, &keep)?;
            }
            prev.tables_dir = keep;
        }
        if tables_tmp.exists() {
            fs::remove_dir_all(&tables_tmp)?;
        }
        fs::create_dir_all(&tables_tmp)?;
        Ok(Writer {
            dir: dir.to_path_buf(),
            excel,
            facts: CsvFile::create(dir, "facts.csv", &schema::header(schema::FACTS), excel)?,
            documents: CsvFile::create(
                dir,
                "documents.csv",
                &schema::header(schema::DOCUMENTS),
                excel,
            )?,
            checks: CsvFile::create(dir, "checks.csv", &schema::header(schema::CHECKS), excel)?,
            indicators: CsvFile::create(
                dir,
                "indicators.csv",
                &schema::header(schema::INDICATORS),
                excel,
            )?,
            performance: CsvFile::create(
                dir,
                "performance.csv",
                &schema::header(schema::PERFORMANCE),
                excel,
            )?,
            unplaced: CsvFile::create(
                dir,
                "unplaced.csv",
                &schema::header(schema::UNPLACED),
                excel,
            )?,
            key_figures: CsvFile::create(
                dir,
                "key_figures.csv",
                &schema::header(schema::KEY_FIGURES),
                excel,
            )?,
            tables_tmp,
            parquet: Default::default(),
        })
    }

    /// Also writes every CSV file's rows as `<name>.parquet` beside it ([`parquet_out`]).
    pub fn enable_parquet(&mut self) -> io::Result<()> {
        for (name, fields) in schema::FILES {
            let f = parquet_out::ParquetFile::create(&self.dir, name, fields)?;
            self.parquet.insert(name, f);
        }
        Ok(())
    }

    /// Adds a row to the Parquet file of `name`, if Parquet is being written.
    fn pq<'a>(&mut self, name: &str, row: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        match self.parquet.get_mut(name) {
            Some(f) => f.push(row),
            None => Ok(()),
        }
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
        if let Some(n) = &rec.normalized {
            self.write_rows(rec, n, &unit_name, &year, &doc_kind)?;
        }
        // The documents row last, after everything else of the document is on disk: an
        // interrupted run's files then hold only complete documents.
        self.facts.flush()?;
        self.checks.flush()?;
        self.indicators.flush()?;
        self.performance.flush()?;
        self.unplaced.flush()?;
        self.key_figures.flush()?;
        let nunplaced = rec
            .normalized
            .as_ref()
            .map(|n| n.unplaced.len())
            .unwrap_or(0);
        let ambiguous = rec
            .normalized
            .as_ref()
            .map(|n| n.codes_ambiguous)
            .unwrap_or(0)
            .to_string();
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
        let row: [&str; schema::DOCUMENTS.len()] = [
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
            &nunplaced.to_string(),
            &ambiguous,
            level,
            unit_type,
        ];
        self.documents.w.write_record(row)?;
        self.pq("documents", row)?;
        self.documents.flush()
    }

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

    /// Carries a document over from an earlier run: its rows in every file and its tables.
    pub fn copy_previous(
        &mut self,
        prev: &Previous,
        source: &str,
        totals: &mut Totals,
    ) -> io::Result<()> {
        let Some(doc) = prev.documents.get(source) else {
            return Ok(());
        };
        let status = doc.get(7).unwrap_or("failed");
        match status {
            "ok" => totals.ok += 1,
            "partial" => totals.partial += 1,
            _ => totals.failed += 1,
        }
        totals.facts += doc
            .get(9)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0);
        totals.checks_failed += doc
            .get(10)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0);
        for (name, file, rows) in [
            ("facts", &mut self.facts, &prev.facts),
            ("checks", &mut self.checks, &prev.checks),
            ("indicators", &mut self.indicators, &prev.indicators),
            ("performance", &mut self.performance, &prev.performance),
            ("unplaced", &mut self.unplaced, &prev.unplaced),
            ("key_figures", &mut self.key_figures, &prev.key_figures),
        ] {
            for r in rows.get(source).into_iter().flatten() {
                file.w.write_record(r)?;
                if let Some(p) = self.parquet.get_mut(name) {
                    p.push(r.iter())?;
                }
            }
            file.flush()?;
        }
        let stem = stem_of(source);
        let from = prev.tables_dir.join(&stem);
        if from.exists() {
            fs::rename(&from, self.tables_tmp.join(&stem))?;
        }
        self.documents.w.write_record(doc)?;
        self.pq("documents", doc.iter())?;
        self.documents.flush()
    }

    fn write_tables(&mut self, rec: &DocumentRecord, n: &Normalized) -> io::Result<()> {
        if n.tables.is_empty() {
            return Ok(());
        }
        let dir = self.tables_tmp.join(stem_of(&rec.source));
        fs::create_dir_all(&dir)?;
        for (i, kt) in n.tables.iter().enumerate() {
            let path = dir.join(format!("{:02}-{}.csv", i + 1, kt.key));
            // Built in memory and written with one call: creating thousands of small files is
            // most of the writer's time, and each extra write call adds to it.
            let mut buf = Vec::with_capacity(4096);
            if self.excel {
                buf.extend_from_slice("\u{feff}".as_bytes());
            }
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .flexible(true)
                .from_writer(buf);
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
            let buf = w
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?;
            fs::write(path, buf)?;
        }
        Ok(())
    }

    /// Renames every file into place and writes datapackage.json.
    pub fn finish(self) -> io::Result<()> {
        self.facts.finish()?;
        self.documents.finish()?;
        self.checks.finish()?;
        self.indicators.finish()?;
        self.performance.finish()?;
        self.unplaced.finish()?;
        self.key_figures.finish()?;
        for (_, f) in self.parquet {
            f.finish()?;
        }
        let previous_tables = self.dir.join(".tables.previous");
        if previous_tables.exists() {
            fs::remove_dir_all(&previous_tables)?;
        }
        let tables = self.dir.join("tables");
        if tables.exists() {
            fs::remove_dir_all(&tables)?;
        }
        fs::rename(&self.tables_tmp, &tables)?;
        let dp = datapackage::descriptor();
        let tmp = self.dir.join(".datapackage.json.partial");
        fs::write(
            &tmp,
            serde_json::to_string_pretty(&dp).map_err(io::Error::other)? + "\n",
        )?;
        fs::rename(tmp, self.dir.join("datapackage.json"))
    }
}

/// What an earlier run in the same output folder left: finished files, or the temporary files
/// of an interrupted run (which hold complete documents only).
pub struct Previous {
    /// documents.csv rows by source.
    pub documents: std::collections::HashMap<String, csv::StringRecord>,
    facts: std::collections::HashMap<String, Vec<csv::StringRecord>>,
    checks: std::collections::HashMap<String, Vec<csv::StringRecord>>,
    indicators: std::collections::HashMap<String, Vec<csv::StringRecord>>,
    performance: std::collections::HashMap<String, Vec<csv::StringRecord>>,
    unplaced: std::collections::HashMap<String, Vec<csv::StringRecord>>,
    key_figures: std::collections::HashMap<String, Vec<csv::StringRecord>>,
    tables_dir: PathBuf,
}

/// Rows of a CSV by their first field (source); a damaged tail (cut by a kill) ends the read.
fn rows_by_source(
    path: &Path,
    keep: &dyn Fn(&str) -> bool,
) -> std::collections::HashMap<String, Vec<csv::StringRecord>> {
    let mut out: std::collections::HashMap<String, Vec<csv::StringRecord>> = Default::default();
    let Ok(mut r) = csv::ReaderBuilder::new().has_headers(true).from_path(path) else {
        return out;
    };
    for rec in r.records() {
        let Ok(rec) = rec else { break };
        let Some(src) = rec.get(0) else { continue };
        if keep(src) {
            out.entry(src.to_string()).or_default().push(rec);
        }
    }
    out
}

impl Previous {
    /// Reads an earlier run's output in `dir`, preferring an interrupted run's temporary files.
    pub fn load(dir: &Path) -> Option<Previous> {
        let partial = dir.join(".documents.csv.partial");
        let (name, tables_dir): (&dyn Fn(&str) -> PathBuf, PathBuf) = if partial.exists() {
            (
                &|f: &str| dir.join(format!(".{f}.partial")),
                dir.join(".tables.partial"),
            )
        } else if dir.join("documents.csv").exists() {
            (&|f: &str| dir.join(f), dir.join("tables"))
        } else {
            return None;
        };
        let mut documents = std::collections::HashMap::new();
        for (src, mut rows) in rows_by_source(&name("documents.csv"), &|_| true) {
            if let Some(r) = rows.pop() {
                // A row cut short by the interruption is not a finished document.
                if r.len() == schema::DOCUMENTS.len() {
                    documents.insert(src, r);
                }
            }
        }
        let done = |s: &str| documents.contains_key(s);
        let facts = rows_by_source(&name("facts.csv"), &done);
        let checks = rows_by_source(&name("checks.csv"), &done);
        let indicators = rows_by_source(&name("indicators.csv"), &done);
        let performance = rows_by_source(&name("performance.csv"), &done);
        let unplaced = rows_by_source(&name("unplaced.csv"), &done);
        let key_figures = rows_by_source(&name("key_figures.csv"), &done);
        Some(Previous {
            documents,
            facts,
            checks,
            indicators,
            performance,
            unplaced,
            key_figures,
            tables_dir,
        })
    }

    /// The earlier run's record of `source` if it was made from the same bytes.
    pub fn matches(&self, source: &str, sha256: &str) -> bool {
        self.documents
            .get(source)
            .and_then(|r| r.get(1))
            .is_some_and(|s| s == sha256)
    }
}
