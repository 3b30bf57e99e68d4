//! `yusuan`: a folder of budget-disclosure PDFs in, checked CSV out.

mod inputs;
mod pipeline;

// Reading a PDF allocates many small objects (lopdf's object tree, glyphs, cell texts); a
// faster allocator than glibc's is measurably faster here (see scripts/bench).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use yusuan_exporter::{Previous, Totals, Writer};
use yusuan_extractor::layout;

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
        /// Seconds allowed per file; a file that takes longer fails with `timeout`.
        #[arg(long, default_value_t = 120)]
        timeout: u64,
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
    /// Print each page's text in reading order, pages separated by form feed (like pdftotext).
    Text { file: PathBuf },
    /// Print the tables found in a PDF as JSON (for looking into a document).
    #[command(hide = true)]
    Tables { file: PathBuf },
}

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
            excel,
            quiet,
            resume,
            review,
            format,
        } => extract(
            &paths,
            &out,
            &Options {
                files_from,
                jobs,
                timeout,
                excel,
                quiet,
                resume,
                review,
                parquet: format.iter().any(|f| f == "parquet"),
            },
        ),
        Command::Review { paths, out } => review(&paths, &out),
        Command::Text { file } => text(&file),
        Command::Tables { file } => tables(&file),
    };
    std::process::exit(code);
}

fn read_doc(file: &std::path::Path) -> Result<yusuan_extractor::Document, (String, String)> {
    let bytes = std::fs::read(file).map_err(|e| {
        (
            "internal".to_string(),
            format!("cannot read {}: {e}", file.display()),
        )
    })?;
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

struct Options {
    files_from: Option<PathBuf>,
    jobs: Option<usize>,
    timeout: u64,
    excel: bool,
    quiet: bool,
    resume: bool,
    review: bool,
    /// `--format …,parquet`: also write the Parquet files.
    parquet: bool,
}

/// A document's result: processed now, or carried over from an earlier run.
enum Outcome {
    Done(Box<yusuan_exporter::DocumentRecord>),
    Kept,
}

fn extract(paths: &[PathBuf], out: &std::path::Path, opts: &Options) -> i32 {
    let start = Instant::now();
    let quiet = opts.quiet;
    let inputs = match inputs::collect(paths, opts.files_from.as_deref()) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error[usage]: {e}");
            return 2;
        }
    };
    if inputs.is_empty() {
        eprintln!("error[usage]: no PDF files found in the given paths");
        return 2;
    }
    let mut previous = if opts.resume {
        Previous::load(out)
    } else {
        None
    };
    let mut writer = match Writer::create(out, opts.excel, previous.as_mut()) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error[output]: cannot write to {}: {e}", out.display());
            return 2;
        }
    };
    if opts.parquet {
        if let Err(e) = writer.enable_parquet() {
            eprintln!(
                "error[output]: cannot write Parquet to {}: {e}",
                out.display()
            );
            return 2;
        }
    }
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error[internal]: cannot start worker threads: {e}");
            return 2;
        }
    };
    let interactive = std::io::stderr().is_terminal() && !quiet;
    let bar = if interactive {
        let b = ProgressBar::new(inputs.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let timeout = (opts.timeout > 0).then(|| Duration::from_secs(opts.timeout));
    let previous_ref = previous.as_ref();
    let review_dir = opts.review.then(|| out.join("review"));
    let review_dir = review_dir.as_deref();
    let (tx, rx) = mpsc::sync_channel(64);
    let mut totals = Totals::default();
    let mut totals_kept = 0usize;
    let mut write_error = None;
    std::thread::scope(|scope| {
        let inputs_ref = &inputs;
        scope.spawn(move || {
            // Workers take the next input in order, so results arrive nearly in input order
            // and the reorder buffer below stays small however large the batch.
            let next_input = AtomicUsize::new(0);
            pool.scope(|s| {
                for _ in 0..pool.current_num_threads() {
                    let tx = tx.clone();
                    let next_input = &next_input;
                    s.spawn(move |_| loop {
                        let i = next_input.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs_ref.get(i) else {
                            break;
                        };
                        let outcome = match previous_ref {
                            Some(prev)
                                if pipeline::sha256_of(&input.path)
                                    .is_some_and(|sha| prev.matches(&input.source, &sha)) =>
                            {
                                Outcome::Kept
                            }
                            _ => {
                                let mut doc = None;
                                let rec = pipeline::process(input, timeout, &mut doc);
                                if let Some(dir) = review_dir {
                                    if let Err(e) =
                                        yusuan_review::write_page(dir, &rec, doc.as_ref())
                                    {
                                        eprintln!("warning: review page of {}: {e}", rec.source);
                                    }
                                }
                                Outcome::Done(Box::new(rec))
                            }
                        };
                        if tx.send((i, outcome)).is_err() {
                            break;
                        }
                    });
                }
            });
            drop(tx);
        });
        // Write in input order as documents finish, whatever order the workers finish in.
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (i, rec) in rx {
            pending.insert(i, rec);
            while let Some(outcome) = pending.remove(&next) {
                bar.inc(1);
                let result = match outcome {
                    Outcome::Done(rec) => {
                        if !quiet {
                            let line = summary_line(&rec);
                            if interactive {
                                bar.println(line);
                            } else {
                                eprintln!("{line}");
                            }
                        }
                        writer.write(&rec, &mut totals)
                    }
                    Outcome::Kept => {
                        totals_kept += 1;
                        match previous_ref {
                            Some(prev) => {
                                writer.copy_previous(prev, &inputs[next].source, &mut totals)
                            }
                            None => Ok(()),
                        }
                    }
                };
                if let (Err(e), None) = (result, &write_error) {
                    write_error = Some(e);
                }
                next += 1;
            }
        }
    });
    bar.finish_and_clear();
    if let Some(e) = write_error {
        eprintln!("error[output]: writing to {} failed: {e}", out.display());
        return 2;
    }
    if let Err(e) = writer.finish() {
        eprintln!(
            "error[output]: finishing the files in {} failed: {e}",
            out.display()
        );
        return 2;
    }
    if opts.review {
        if let Err(e) = yusuan_review::write_index_from_documents_csv(out) {
            eprintln!("warning: review index in {}: {e}", out.display());
        }
    }
    let kept = if totals_kept > 0 {
        format!(" ({totals_kept} kept from the earlier run)")
    } else {
        String::new()
    };
    eprintln!(
        "{} documents{kept}: {} ok, {} partial, {} failed; {} facts; {} checks failed; {:.1} s",
        inputs.len(),
        totals.ok,
        totals.partial,
        totals.failed,
        totals.facts,
        totals.checks_failed,
        start.elapsed().as_secs_f64()
    );
    if totals.failed > 0 {
        1
    } else {
        0
    }
}

/// `yusuan review`: one review page per input (and an index of them) in `out`.
fn review(paths: &[PathBuf], out: &std::path::Path) -> i32 {
    let inputs = match inputs::collect(paths, None) {
        Ok(i) if !i.is_empty() => i,
        Ok(_) => {
            eprintln!("error[usage]: no PDF files found in the given paths");
            return 2;
        }
        Err(e) => {
            eprintln!("error[usage]: {e}");
            return 2;
        }
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

fn summary_line(rec: &yusuan_exporter::DocumentRecord) -> String {
    match &rec.normalized {
        Some(n) if rec.status != "failed" => format!(
            "{}: {} — {} tables, {} facts, {} checks failed{}",
            rec.source,
            rec.status,
            n.tables.len(),
            n.facts.len(),
            n.checks.iter().filter(|c| c.status == "fail").count(),
            if rec.error.is_empty() {
                String::new()
            } else {
                format!(" ({})", rec.error)
            }
        ),
        _ => format!("{}: failed [{}] {}", rec.source, rec.error_kind, rec.error),
    }
}
