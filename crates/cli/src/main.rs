//! `yusuan`: a folder of budget-disclosure PDFs in, checked CSV out.

mod inputs;
mod pipeline;
mod pool;
mod publish;

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
use yusuan_exporter::{Previous, Rendered, Totals, Writer};
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
        } => extract(
            &paths,
            &out,
            &Options {
                files_from,
                jobs,
                timeout,
                max_memory: max_memory << 20,
                excel,
                quiet,
                resume,
                retry_failed,
                review,
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

struct Options {
    files_from: Option<PathBuf>,
    jobs: Option<usize>,
    timeout: u64,
    /// Bytes.
    max_memory: u64,
    excel: bool,
    quiet: bool,
    resume: bool,
    retry_failed: bool,
    review: bool,
}

/// A document's result: processed now, or carried over from an earlier run.
enum Outcome {
    Done(Box<Rendered>),
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
    let outdir = match publish::OutDir::open(out) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error[output]: {e}");
            return 2;
        }
    };
    let previous = if opts.resume {
        Previous::load(&outdir.previous_generations())
    } else {
        None
    };
    let writer = Writer::create(&outdir.staging, opts.excel).and_then(|w| match opts.review {
        true => w.with_review_pages(),
        false => Ok(w),
    });
    let mut writer = match writer {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error[output]: cannot write to {}: {e}", out.display());
            return 2;
        }
    };
    let jobs = opts
        .jobs
        .filter(|&j| j > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(inputs.len());
    let cfg = pool::Config {
        timeout: (opts.timeout > 0).then(|| Duration::from_secs(opts.timeout)),
        max_memory: opts.max_memory,
        excel: opts.excel,
        review: opts.review,
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
    let previous_ref = previous.as_ref();
    let (tx, rx) = mpsc::sync_channel(64);
    let mut totals = Totals::default();
    let mut totals_kept = 0usize;
    let mut write_error = None;
    // Workers take the next input in order, so results arrive nearly in input order and the
    // reorder buffer below stays small however large the batch.
    let next_input = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (inputs, next_input, cfg) = (&inputs, &next_input, &cfg);
            scope.spawn(move || {
                let mut worker: Option<pool::Worker> = None;
                loop {
                    let i = next_input.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else {
                        break;
                    };
                    let keep = previous_ref.is_some_and(|prev| {
                        !(opts.retry_failed && prev.status(&input.source) == Some("failed"))
                            && input.problem.is_none()
                            && pipeline::sha256_of(&input.path)
                                .is_some_and(|sha| prev.matches(&input.source, &sha))
                    });
                    let outcome = if keep {
                        Outcome::Kept
                    } else if let Some((kind, msg)) = &input.problem {
                        Outcome::Done(Box::new(pool::failed(input, *kind, msg.clone(), cfg.excel)))
                    } else {
                        Outcome::Done(Box::new(run_in_worker(&mut worker, input, cfg)))
                    };
                    if tx.send((i, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Write in input order as documents finish, whatever order the workers finish in.
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (i, rec) in rx.iter() {
            pending.insert(i, rec);
            while let Some(outcome) = pending.remove(&next) {
                bar.inc(1);
                let result = match outcome {
                    Outcome::Done(r) => {
                        if !quiet {
                            let line = summary_line(&r);
                            if interactive {
                                bar.println(line);
                            } else {
                                eprintln!("{line}");
                            }
                        }
                        writer.append(&r, &mut totals)
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
    // The review index is part of the generation, written before it is published.
    let index = |staging: &std::path::Path| match opts.review {
        true => yusuan_review::write_index_from_documents_csv(staging).map(drop),
        false => Ok(()),
    };
    let staging = outdir.staging.clone();
    if let Err(e) = writer
        .finish()
        .and_then(|_| index(&staging))
        .and_then(|_| outdir.publish())
    {
        eprintln!(
            "error[output]: finishing the files in {} failed: {e}",
            out.display()
        );
        return 2;
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

/// One document in this thread's worker process (started, or restarted after a death).
fn run_in_worker(
    worker: &mut Option<pool::Worker>,
    input: &inputs::Input,
    cfg: &pool::Config,
) -> Rendered {
    if worker.as_mut().is_some_and(|w| !w.alive()) {
        *worker = None;
    }
    let w = match worker {
        Some(w) => w,
        None => match pool::Worker::spawn(cfg) {
            Ok(w) => worker.insert(w),
            Err(e) => {
                return pool::failed(
                    input,
                    yusuan_extractor::ErrorKind::Internal,
                    format!("yusuan could not start a worker process ({e})."),
                    cfg.excel,
                )
            }
        },
    };
    match w.run(input, cfg) {
        Ok(r) => r,
        Err((kind, msg)) => {
            *worker = None;
            pool::failed(input, kind, msg, cfg.excel)
        }
    }
}

/// `yusuan review`: one review page per input (and an index of them) in `out`, read in this
/// process (a handful of files looked at by a person, not a batch).
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

fn summary_line(r: &Rendered) -> String {
    let f = |n| r.field(n);
    if f("status") != "failed" {
        format!(
            "{}: {} — {} tables, {} facts, {} checks failed{}",
            f("source"),
            f("status"),
            f("tables"),
            f("facts"),
            f("checks_failed"),
            if f("error").is_empty() {
                String::new()
            } else {
                format!(" ({})", f("error"))
            }
        )
    } else {
        format!(
            "{}: failed [{}] {}",
            f("source"),
            f("error_kind"),
            f("error")
        )
    }
}
