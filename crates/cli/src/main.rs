//! `yusuan`: a folder of budget-disclosure PDFs in, checked CSV out.

mod batch;
mod pool;
mod publish;

// Reading a PDF allocates many small objects (lopdf's object tree, glyphs, cell texts); a
// faster allocator than glibc's is measurably faster here (see scripts/bench).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;
use yusuan_extractor::layout;
use yusuan_pipeline as pipeline;

#[derive(Parser)]
#[command(
    name = "yusuan",
    version,
    about = "Chinese budget-disclosure PDFs (部门/单位预算、决算公开) to checked CSV"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract every table and number from PDFs into OUT (facts.csv, tables/, documents.csv, …).
    Extract {
        /// PDF files or folders (searched recursively for *.pdf).
        paths: Vec<PathBuf>,
        /// Output folder.
        #[arg(short, long)]
        out: PathBuf,
        /// Also read input paths, one per line, from this file (`-` for standard input).
        #[arg(long)]
        files_from: Option<PathBuf>,
        /// Files processed at once (default: all cores).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Seconds allowed per file; a file that takes longer fails with `timeout` (its worker
        /// process is killed). 0 = no limit.
        #[arg(long, default_value_t = 120)]
        timeout: u64,
        /// Memory (MiB of address space) allowed per file; a file that needs more fails with
        /// `resource_limit`. 0 = no limit.
        #[arg(long, default_value_t = DEFAULT_MAX_MEMORY_MIB)]
        max_memory: u64,
        /// Write a UTF-8 byte-order mark so that Excel opens the CSV files as UTF-8.
        #[arg(long)]
        excel: bool,
        /// No progress bar or per-document lines.
        #[arg(short, long)]
        quiet: bool,
        /// Keep the documents already in OUT (same file, same SHA-256) from an earlier or
        /// interrupted run, and process only the others.
        #[arg(long)]
        resume: bool,
        /// With --resume: process again the documents that failed in the earlier run.
        #[arg(long)]
        retry_failed: bool,
        /// Also write a review page per document and an index to OUT/review/ (HTML).
        #[arg(long)]
        review: bool,
        /// Output formats, comma-separated: csv (always written: the contract, and what
        /// --resume reads) and parquet (each CSV file's rows also as NAME.parquet, typed).
        #[arg(long, value_delimiter = ',', default_value = "csv", value_parser = ["csv", "parquet"])]
        format: Vec<String>,
    },
    /// Write a review page per PDF into OUT (HTML: the pages as read, the tables, facts,
    /// unplaced numbers and failed checks), and an index when there are several. Exit codes
    /// as extract.
    Review {
        /// PDF files or folders (searched recursively for *.pdf).
        paths: Vec<PathBuf>,
        /// Output folder.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// A worker process of `extract` (internal): reads jobs on stdin, answers on stdout.
    #[command(hide = true)]
    Worker {
        #[arg(long, default_value_t = 0)]
        timeout: u64,
        /// Bytes of address space.
        #[arg(long, default_value_t = 0)]
        max_memory: u64,
        #[arg(long)]
        excel: bool,
        /// Render each document's review page too.
        #[arg(long)]
        review: bool,
    },
    /// Print each page's text in reading order, pages separated by form feed (like pdftotext).
    Text { file: PathBuf },
    /// Print the tables found in a PDF as JSON (for looking into a document).
    #[command(hide = true)]
    Tables { file: PathBuf },
}

/// `--max-memory` default: 4 GiB of address space per worker, so that the default `--jobs` on
/// a 2-core, 24 GB machine uses at most 8 GB however hostile the files are (the largest real
/// document needs under 200 MB).
const DEFAULT_MAX_MEMORY_MIB: u64 = 4096;

/// Exit codes: 0 all documents ok or partial; 1 some documents failed; 2 usage or output error.
fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Extract {
            paths,
            out,
            files_from,
            jobs,
            timeout,
            max_memory,
            excel,
            quiet,
            resume,
            retry_failed,
            review,
            format,
        } => batch::extract(
            &paths,
            &out,
            &batch::Options {
                files_from,
                jobs,
                timeout,
                max_memory: max_memory << 20,
                excel,
                quiet,
                resume,
                retry_failed,
                review,
                parquet: format.iter().any(|f| f == "parquet"),
            },
        ),
        Command::Review { paths, out } => review(&paths, &out),
        Command::Worker {
            timeout,
            max_memory,
            excel,
            review,
        } => pool::serve(&pool::Config {
            timeout: (timeout > 0).then(|| Duration::from_secs(timeout)),
            max_memory,
            excel,
            review,
        }),
        Command::Text { file } => text(&file),
        Command::Tables { file } => tables(&file),
    };
    std::process::exit(code);
}

fn read_doc(file: &std::path::Path) -> Result<yusuan_extractor::Document, (String, String)> {
    let bytes = pipeline::read_input(file).map_err(|e| (e.kind.name().to_string(), e.message))?;
    match std::panic::catch_unwind(|| yusuan_extractor::read(&bytes)) {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(e)) => Err((e.kind.name().to_string(), e.message)),
        Err(_) => Err((
            "internal".into(),
            "yusuan stopped on an internal error while reading this file; please report it.".into(),
        )),
    }
}

fn text(file: &std::path::Path) -> i32 {
    match read_doc(file) {
        Ok(doc) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            for p in &doc.pages {
                for l in layout::page_lines(p) {
                    if writeln!(out, "{}", l.text).is_err() {
                        return 0;
                    }
                }
                if write!(out, "\x0c").is_err() {
                    return 0;
                }
            }
            let _ = out.flush();
            for p in doc.pages.iter().filter(|p| p.undecoded > 0) {
                eprintln!("warning: page {}: {} characters could not be decoded (a font without a Unicode mapping); they are left out", p.number, p.undecoded);
            }
            let legibility = doc.legibility();
            if legibility.unreadable() || legibility.partly_garbled() {
                eprintln!(
                    "warning: only {} of {} characters are Chinese and {} are letters such as {}: some fonts map their glyphs to the wrong characters; OCR would read those pages",
                    legibility.chinese, legibility.glyphs, legibility.stray, legibility.sample
                );
            }
            if doc.pages.iter().all(|p| p.glyphs.is_empty()) {
                eprintln!("error[no_text_layer]: The PDF has no text layer (a scan); run OCR on it first (e.g. ocrmypdf -l chi_sim).");
                return 1;
            }
            0
        }
        Err((kind, msg)) => {
            eprintln!("error[{kind}]: {msg}");
            1
        }
    }
}

fn tables(file: &std::path::Path) -> i32 {
    match read_doc(file) {
        Ok(doc) => {
            let t = layout::find_tables(&doc);
            let _ = writeln!(
                std::io::stdout(),
                "{}",
                serde_json::to_string_pretty(&t).unwrap_or_default()
            );
            0
        }
        Err((kind, msg)) => {
            eprintln!("error[{kind}]: {msg}");
            1
        }
    }
}

/// `yusuan review`: one review page per input (and an index of them) in `out`, read in this
/// process (a handful of files looked at by a person, not a batch).
fn review(paths: &[PathBuf], out: &std::path::Path) -> i32 {
    let Some(inputs) = batch::inputs_or_say_why(paths, None) else {
        return 2;
    };
    let mut summaries = Vec::new();
    for input in &inputs {
        let mut doc = None;
        let rec = pipeline::process(input, Some(Duration::from_secs(120)), &mut doc);
        match yusuan_review::write_page(out, &rec, doc.as_ref()) {
            Ok(path) => println!("{}", path.display()),
            Err(e) => {
                eprintln!("error[output]: cannot write to {}: {e}", out.display());
                return 2;
            }
        }
        summaries.push(yusuan_review::Summary::of(&rec));
    }
    if summaries.len() > 1 {
        if let Err(e) = yusuan_review::write_index(out, &summaries) {
            eprintln!("error[output]: cannot write to {}: {e}", out.display());
            return 2;
        }
    }
    // As extract: 1 when a document failed (its page says why).
    i32::from(summaries.iter().any(|s| s.status == "failed"))
}
