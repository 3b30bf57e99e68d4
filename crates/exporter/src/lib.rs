//! # yusuan-exporter
//!
//! Brief overview. A document is first *rendered* ([`render`]): its rows of facts.csv,
//! checks.csv, indicators.csv, performance.csv and unplaced.csv and its tables as CSV bytes, and
//! its documents.csv fields ([`Rendered`]). The worker process that read the document does this
//! and sends the bytes to the parent ([`Rendered::encode`] / [`Rendered::decode`]). A [`Writer`]
//! then appends the rendered documents, in input order, to the files of one output *generation*:
//! a fresh folder created for this run (the caller publishes it as a whole when the run ends;
//! see `crates/cli/src/publish.rs`). Files are created exclusively (`O_EXCL`, no-follow), so
//! nothing planted in the folder is written through.
//!
//! Resuming: a document's documents.csv row is written after all its other rows, and every file
//! is flushed after each document, so the files of an interrupted generation hold complete
//! documents. [`Previous`] reads them (or a complete earlier generation), and
//! [`Writer::copy_previous`] carries a document's rows over instead of processing it again.
//!
//! Under `--excel`, every cell that a spreadsheet would run as a formula (starting with `=`,
//! `+`, `-`, `@`, tab or carriage return, and not a plain number) is prefixed with a single
//! quote, as OWASP advises against CSV injection ([`neutralise`]).

#![warn(missing_docs)]

pub mod datapackage;
mod names;
pub use names::{cell_id, fact_id, tables_folder};
mod previous;
mod render;
pub use previous::{Previous, PreviousDocument};
pub use render::render;
pub(crate) use render::DocRows;
pub mod parquet_out;
mod records;
pub use records::{check_record, key_figure_record};
pub mod schema;

use std::borrow::Cow;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use yusuan_normalizer::Normalized;

/// Everything known about one input file.
pub struct DocumentRecord {
    /// Path relative to the input folder given on the command line.
    pub source: String,
    /// SHA-256 of the file's bytes (hex).
    pub sha256: String,
    /// File size.
    pub bytes: u64,
    /// Pages read.
    pub pages: usize,
    /// `ok`, `partial`, `failed` or `duplicate`.
    pub status: yusuan_normalizer::vocab::DocumentStatus,
    /// The error class, empty when ok.
    pub error_kind: String,
    /// What went wrong, in a sentence a person can act on.
    pub error: String,
    /// Processing time.
    pub millis: u128,
    /// What was read (None when the document failed or is a duplicate).
    pub normalized: Option<Normalized>,
    /// For a duplicate: the `source` of the earlier input with the same bytes.
    pub duplicate_of: String,
}

/// The names of the CSV files with one row per document part, in the order of
/// [`Rendered::files`] (each `<name>.csv`, its columns in [`schema`]).
pub const ROW_FILES: [&str; 6] = [
    "facts",
    "checks",
    "indicators",
    "performance",
    "unplaced",
    "key_figures",
];

/// A cell as a spreadsheet must not run it: under `--excel`, text starting with `=`, `+`, `-`,
/// `@`, tab or carriage return gets a leading single quote (OWASP, "CSV Injection"), unless it
/// is a plain number such as `-12.50`, which a spreadsheet reads as a number and never runs.
pub fn neutralise(cell: &[u8]) -> Cow<'_, [u8]> {
    let risky = matches!(
        cell.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if !risky || is_plain_number(cell) {
        return Cow::Borrowed(cell);
    }
    let mut v = Vec::with_capacity(cell.len() + 1);
    v.push(b'\'');
    v.extend_from_slice(cell);
    Cow::Owned(v)
}

fn is_plain_number(cell: &[u8]) -> bool {
    let digits = cell.strip_prefix(b"-").unwrap_or(cell);
    let mut parts = digits.splitn(2, |&c| c == b'.');
    let int = parts.next().unwrap_or_default();
    let frac = parts.next();
    let all_digits = |p: &[u8]| p.iter().all(|c| c.is_ascii_digit() || *c == b',');
    !int.is_empty()
        && int[0].is_ascii_digit()
        && all_digits(int)
        && frac.is_none_or(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit))
}

/// The rows of one document for one CSV file, rendered into memory.
struct Rows {
    w: RowWriter,
}

struct RowWriter {
    inner: csv::Writer<Vec<u8>>,
    excel: bool,
}

impl RowWriter {
    fn new(excel: bool) -> RowWriter {
        RowWriter {
            inner: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .flexible(true)
                .from_writer(Vec::new()),
            excel,
        }
    }
    fn write_record<I, T>(&mut self, record: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        if !self.excel {
            return self.inner.write_record(record);
        }
        let cells: Vec<Vec<u8>> = record
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        self.inner.write_record(&cells)
    }
    fn into_bytes(self) -> io::Result<Vec<u8>> {
        self.inner
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

/// One document's output as bytes: what a worker sends back and a [`Writer`] appends.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    /// The documents.csv fields (see [`schema::DOCUMENTS`]).
    pub row: Vec<String>,
    /// Rows of each of [`ROW_FILES`] (facts.csv, checks.csv, …, key_figures.csv).
    pub files: [Vec<u8>; 6],
    /// Table files of `tables/<folder>/`: name and bytes.
    pub tables: Vec<(String, Vec<u8>)>,
    /// The document's review page (`review/<folder>.html`, HTML), empty when none was asked.
    pub review: Vec<u8>,
}

impl Rendered {
    /// The documents.csv field `name`.
    pub fn field(&self, name: &str) -> &str {
        schema::DOCUMENTS
            .iter()
            .position(|h| h.name == name)
            .and_then(|i| self.row.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Length-prefixed frames (u64 little-endian length, then the bytes).
    pub fn encode(&self, out: &mut Vec<u8>) {
        let mut put = |b: &[u8]| {
            out.extend_from_slice(&(b.len() as u64).to_le_bytes());
            out.extend_from_slice(b);
        };
        put(&(self.row.len() as u64).to_le_bytes());
        for f in &self.row {
            put(f.as_bytes());
        }
        for f in &self.files {
            put(f);
        }
        put(&(self.tables.len() as u64).to_le_bytes());
        for (n, b) in &self.tables {
            put(n.as_bytes());
            put(b);
        }
        put(&self.review);
    }

    /// The document of [`Rendered::encode`]'s frames; None when they are cut or malformed.
    pub fn decode(mut buf: &[u8]) -> Option<Rendered> {
        let mut take = || -> Option<Vec<u8>> {
            let len = u64::from_le_bytes(buf.get(..8)?.try_into().ok()?) as usize;
            let b = buf.get(8..8usize.checked_add(len)?)?.to_vec();
            buf = &buf[8 + len..];
            Some(b)
        };
        let count =
            |b: Vec<u8>| -> Option<usize> { Some(u64::from_le_bytes(b.try_into().ok()?) as usize) };
        let mut r = Rendered::default();
        for _ in 0..count(take()?)? {
            r.row.push(String::from_utf8(take()?).ok()?);
        }
        for f in &mut r.files {
            *f = take()?;
        }
        for _ in 0..count(take()?)? {
            let name = String::from_utf8(take()?).ok()?;
            r.tables.push((name, take()?));
        }
        r.review = take()?;
        Some(r)
    }
}

/// One output file, created exclusively and appended to.
struct OutFile {
    file: BufWriter<File>,
}

/// Creates `path` only if nothing is there (`O_EXCL`), and never through a symlink.
pub fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(nofollow())
        .open(path)
}

fn nofollow() -> i32 {
    libc::O_NOFOLLOW
}

impl OutFile {
    fn create(
        dir: &Path,
        name: &str,
        fields: &[schema::Field],
        excel: bool,
    ) -> io::Result<OutFile> {
        let header = schema::header(fields);
        let mut file = BufWriter::new(create_new(&dir.join(name))?);
        if excel {
            file.write_all("\u{feff}".as_bytes())?;
        }
        let mut w = RowWriter::new(excel);
        w.write_record(header)?;
        file.write_all(&w.into_bytes()?)?;
        Ok(OutFile { file })
    }
    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.file.write_all(bytes)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
    fn finish(mut self) -> io::Result<()> {
        self.file.flush()?;
        self.file.get_ref().sync_all()
    }
}

/// Appends rendered documents, in input order, to the files of one output generation.
pub struct Writer {
    dir: PathBuf,
    excel: bool,
    facts: OutFile,
    documents: OutFile,
    checks: OutFile,
    indicators: OutFile,
    performance: OutFile,
    unplaced: OutFile,
    key_figures: OutFile,
    tables: PathBuf,
    /// `review/` when review pages are written (see [`Writer::with_review_pages`]).
    review: Option<PathBuf>,
    /// Also write every CSV file as `<name>.parquet` when it is finished
    /// ([`Writer::enable_parquet`]).
    parquet: bool,
}

/// Counts for the closing summary.
#[derive(Debug, Default, Clone)]
pub struct Totals {
    /// Documents ok.
    pub ok: usize,
    /// Documents partial.
    pub partial: usize,
    /// Documents failed.
    pub failed: usize,
    /// Inputs not read again: the same bytes as an earlier input.
    pub duplicates: usize,
    /// Facts written.
    pub facts: usize,
    /// Checks failed.
    pub checks_failed: usize,
}

impl Totals {
    fn count(&mut self, status: &str, facts: &str, checks_failed: &str) {
        match status {
            "ok" => self.ok += 1,
            "partial" => self.partial += 1,
            "duplicate" => self.duplicates += 1,
            _ => self.failed += 1,
        }
        self.facts += facts.parse::<usize>().unwrap_or(0);
        self.checks_failed += checks_failed.parse::<usize>().unwrap_or(0);
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
    /// Starts the output files in `dir`, a folder the caller made for this run: every file is
    /// created exclusively, and `dir/tables` too.
    pub fn create(dir: &Path, excel: bool) -> io::Result<Writer> {
        let tables = dir.join("tables");
        fs::create_dir(&tables)?;
        Ok(Writer {
            dir: dir.to_path_buf(),
            excel,
            facts: OutFile::create(dir, "facts.csv", schema::FACTS, excel)?,
            documents: OutFile::create(dir, "documents.csv", schema::DOCUMENTS, excel)?,
            checks: OutFile::create(dir, "checks.csv", schema::CHECKS, excel)?,
            indicators: OutFile::create(dir, "indicators.csv", schema::INDICATORS, excel)?,
            performance: OutFile::create(dir, "performance.csv", schema::PERFORMANCE, excel)?,
            unplaced: OutFile::create(dir, "unplaced.csv", schema::UNPLACED, excel)?,
            key_figures: OutFile::create(dir, "key_figures.csv", schema::KEY_FIGURES, excel)?,
            tables,
            review: None,
            parquet: false,
        })
    }

    /// Also writes every CSV file's rows as `<name>.parquet` beside it when the run ends
    /// ([`parquet_out`]).
    pub fn enable_parquet(&mut self) -> io::Result<()> {
        self.parquet = true;
        Ok(())
    }

    /// Also writes each document's review page (its [`Rendered::review`]) to `review/`.
    pub fn with_review_pages(mut self) -> io::Result<Writer> {
        let dir = self.dir.join("review");
        fs::create_dir(&dir)?;
        self.review = Some(dir);
        Ok(self)
    }

    /// Renders and appends one document (see [`render`] and [`Writer::append`]).
    pub fn write(&mut self, rec: &DocumentRecord, totals: &mut Totals) -> io::Result<()> {
        let r = render(rec, self.excel)?;
        self.append(&r, totals)
    }

    /// Appends one rendered document: its tables, its rows, and its documents.csv row last,
    /// after everything else of the document is on disk, so that an interrupted run's files
    /// hold only complete documents.
    pub fn append(&mut self, r: &Rendered, totals: &mut Totals) -> io::Result<()> {
        totals.count(
            r.field("status"),
            r.field("facts"),
            r.field("checks_failed"),
        );
        if let (Some(dir), false) = (&self.review, r.review.is_empty()) {
            let page = format!("{}.html", tables_folder(r.field("source")));
            create_new(&dir.join(page))?.write_all(&r.review)?;
        }
        if !r.tables.is_empty() {
            let dir = self.tables.join(tables_folder(r.field("source")));
            fs::create_dir(&dir)?;
            for (name, bytes) in &r.tables {
                // Built in memory and written with one call: creating thousands of small files
                // is most of the writer's time, and each extra write call adds to it.
                create_new(&dir.join(name))?.write_all(bytes)?;
            }
        }
        for (file, bytes) in [
            (&mut self.facts, &r.files[0]),
            (&mut self.checks, &r.files[1]),
            (&mut self.indicators, &r.files[2]),
            (&mut self.performance, &r.files[3]),
            (&mut self.unplaced, &r.files[4]),
            (&mut self.key_figures, &r.files[5]),
        ] {
            file.append(bytes)?;
            file.flush()?;
        }
        let mut w = RowWriter::new(self.excel);
        w.write_record(&r.row)?;
        self.documents.append(&w.into_bytes()?)?;
        self.documents.flush()
    }

    /// Carries a document over from an earlier run: its rows in every file and its tables
    /// (hard links to the earlier generation's files, which stays untouched).
    pub fn copy_previous(
        &mut self,
        prev: &Previous,
        source: &str,
        totals: &mut Totals,
    ) -> io::Result<()> {
        let Some(doc) = prev.documents.get(source) else {
            return Ok(());
        };
        let mut r = Rendered {
            row: doc.row.iter().map(String::from).collect(),
            ..Default::default()
        };
        for (i, rows) in doc.rows.iter().enumerate() {
            let mut w = RowWriter::new(self.excel);
            for row in rows {
                w.write_record(row)?;
            }
            r.files[i] = w.into_bytes()?;
        }
        let folder = tables_folder(source);
        if let Some(dir) = &self.review {
            let page = format!("{folder}.html");
            let (a, b) = (doc.generation.join("review").join(&page), dir.join(&page));
            if a.is_file() && fs::hard_link(&a, &b).is_err() {
                create_new(&b)?.write_all(&fs::read(&a)?)?;
            }
        }
        let from = doc.generation.join("tables").join(&folder);
        if let Ok(entries) = fs::read_dir(&from) {
            let to = self.tables.join(&folder);
            fs::create_dir(&to)?;
            let mut names: Vec<_> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name())
                .collect();
            names.sort();
            for name in names {
                let (a, b) = (from.join(&name), to.join(&name));
                if fs::hard_link(&a, &b).is_err() {
                    create_new(&b)?.write_all(&fs::read(&a)?)?;
                }
            }
        }
        self.append(&r, totals)
    }

    /// Flushes every file to disk and writes datapackage.json: the generation is complete.
    pub fn finish(self) -> io::Result<()> {
        for f in [
            self.facts,
            self.documents,
            self.checks,
            self.indicators,
            self.performance,
            self.unplaced,
            self.key_figures,
        ] {
            f.finish()?;
        }
        if self.parquet {
            for (name, fields) in schema::FILES {
                parquet_out::from_csv(&self.dir, name, fields, self.excel)?;
            }
        }
        let dp = datapackage::descriptor();
        let mut f = create_new(&self.dir.join("datapackage.json"))?;
        f.write_all(
            (serde_json::to_string_pretty(&dp).map_err(io::Error::other)? + "\n").as_bytes(),
        )?;
        f.sync_all()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        for (cell, out) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3+cmd", "'-2+3+cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-12.50", "-12.50"),
            ("-1,234.5", "-1,234.5"),
            ("-", "'-"),
            ("基本工资", "基本工资"),
        ] {
            assert_eq!(neutralise(cell.as_bytes()), out.as_bytes(), "{cell}");
        }
    }

    #[test]
    fn every_name_gets_its_own_tables_folder() {
        let names = [
            "a/b.pdf",
            "a__b.pdf",
            "x.pdf",
            "x.PDF",
            "..pdf",
            "...pdf",
            ".pdf",
            "b\\xff.pdf",
        ];
        let folders: std::collections::HashSet<String> =
            names.iter().map(|n| tables_folder(n)).collect();
        assert_eq!(folders.len(), names.len(), "{folders:?}");
        assert_eq!(tables_folder("a/b.pdf"), "a__b");
        assert_eq!(tables_folder("urumqi-2026.pdf"), "urumqi-2026");
        for f in &folders {
            assert!(!f.starts_with('.') && !f.contains('/'), "{f}");
        }
        let long = format!("{}/{}.pdf", "预算".repeat(60), "部门".repeat(40));
        let f = tables_folder(&long);
        assert!(f.len() <= 255 && f.contains('~'), "{f}");
    }

    #[test]
    fn rendered_round_trips() {
        let r = Rendered {
            row: vec!["a.pdf".into(), "".into()],
            files: [
                b"x".to_vec(),
                vec![],
                b"y\r\n".to_vec(),
                vec![],
                vec![1, 2],
                b"k".to_vec(),
            ],
            tables: vec![("01-summary.csv".into(), b"z".to_vec())],
            review: b"<html>".to_vec(),
        };
        let mut buf = Vec::new();
        r.encode(&mut buf);
        assert_eq!(Rendered::decode(&buf), Some(r));
        assert_eq!(Rendered::decode(&buf[..buf.len() - 1]), None);
    }
}
