//! `yusuan extract`: a batch from inputs to a published output folder. Worker threads each
//! drive one worker process (`pool`), documents are written in input order as they finish,
//! earlier results are carried over under `--resume`, and the generation is published at the
//! end (`publish`).

use crate::{pool, publish};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use yusuan_exporter::{Previous, Rendered, Totals, Writer};
use yusuan_pipeline::fingerprint::Fingerprints;
use yusuan_pipeline::inputs;

/// What `yusuan extract` was asked.
pub struct Options {
    pub files_from: Option<PathBuf>,
    pub jobs: Option<usize>,
    pub timeout: u64,
    /// Bytes.
    pub max_memory: u64,
    pub excel: bool,
    pub quiet: bool,
    pub resume: bool,
    pub retry_failed: bool,
    pub review: bool,
    /// `--format …,parquet`: also write the Parquet files.
    pub parquet: bool,
}

/// A document's result: processed now, or carried over from an earlier run.
enum Outcome {
    Done(Box<Rendered>),
    Kept,
}

/// The per-document lines and the progress bar (on a terminal).
struct Progress {
    bar: ProgressBar,
    interactive: bool,
    quiet: bool,
}

impl Progress {
    fn new(n: usize, quiet: bool) -> Progress {
        let interactive = std::io::stderr().is_terminal() && !quiet;
        let bar = if interactive {
            let b = ProgressBar::new(n as u64);
            b.set_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            b
        } else {
            ProgressBar::hidden()
        };
        Progress {
            bar,
            interactive,
            quiet,
        }
    }

    fn done(&self, r: &Rendered) {
        self.bar.inc(1);
        if self.quiet {
            return;
        }
        let line = summary_line(r);
        if self.interactive {
            self.bar.println(line);
        } else {
            eprintln!("{line}");
        }
    }
}

/// The inputs found in `paths` (and `--files-from`); None, after saying why on stderr, when
/// there are none or the paths cannot be listed.
pub fn inputs_or_say_why(
    paths: &[PathBuf],
    files_from: Option<&Path>,
) -> Option<Vec<inputs::Input>> {
    match inputs::collect(paths, files_from) {
        Ok(i) if !i.is_empty() => Some(i),
        Ok(_) => {
            eprintln!("error[usage]: no PDF files found in the given paths");
            None
        }
        Err(e) => {
            eprintln!("error[usage]: {e}");
            None
        }
    }
}

/// Runs `yusuan extract`; the exit code (0 all ok or partial, 1 some failed, 2 usage or output).
pub fn extract(paths: &[PathBuf], out: &Path, opts: &Options) -> i32 {
    let start = Instant::now();
    let Some(inputs) = inputs_or_say_why(paths, opts.files_from.as_deref()) else {
        return 2;
    };
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
    let writer = Writer::create(&outdir.staging, opts.excel)
        .and_then(|w| match opts.review {
            true => w.with_review_pages(),
            false => Ok(w),
        })
        .and_then(|mut w| match opts.parquet {
            true => w.enable_parquet().map(|_| w),
            false => Ok(w),
        });
    let mut writer = match writer {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error[output]: cannot write to {}: {e}", out.display());
            return 2;
        }
    };
    let (totals, kept) = match process_all(&inputs, opts, previous.as_ref(), &mut writer) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error[output]: writing to {} failed: {e}", out.display());
            return 2;
        }
    };
    // The review index is part of the generation, written before it is published.
    let staging = outdir.staging.clone();
    let index = || match opts.review {
        true => yusuan_review::write_index_from_documents_csv(&staging).map(drop),
        false => Ok(()),
    };
    if let Err(e) = writer
        .finish()
        .and_then(|_| index())
        .and_then(|_| outdir.publish())
    {
        eprintln!(
            "error[output]: finishing the files in {} failed: {e}",
            out.display()
        );
        return 2;
    }
    let kept = if kept > 0 {
        format!(" ({kept} kept from the earlier run)")
    } else {
        String::new()
    };
    let duplicates = match totals.duplicates {
        0 => String::new(),
        n => format!(", {n} duplicates read once"),
    };
    eprintln!(
        "{} documents{kept}: {} ok, {} partial, {} failed{duplicates}; {} facts; {} checks failed; {:.1} s",
        inputs.len(),
        totals.ok,
        totals.partial,
        totals.failed,
        totals.facts,
        totals.checks_failed,
        start.elapsed().as_secs_f64()
    );
    i32::from(totals.failed > 0)
}

/// Every input through the worker processes, written in input order as they finish; returns
/// the totals and how many documents were kept from an earlier run.
fn process_all(
    inputs: &[inputs::Input],
    opts: &Options,
    previous: Option<&Previous>,
    writer: &mut Writer,
) -> std::io::Result<(Totals, usize)> {
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
    let prints = Fingerprints::default();
    let progress = Progress::new(inputs.len(), opts.quiet);
    let (tx, rx) = mpsc::sync_channel(64);
    // Workers take the next input in order, so results arrive nearly in input order and the
    // reorder buffer below stays small however large the batch.
    let next_input = AtomicUsize::new(0);
    let result = std::thread::scope(|scope| {
        prints.start(scope, inputs);
        for _ in 0..jobs {
            let tx = tx.clone();
            let (next_input, cfg, prints) = (&next_input, &cfg, &prints);
            scope.spawn(move || {
                let mut worker: Option<pool::Worker> = None;
                loop {
                    let i = next_input.fetch_add(1, Ordering::Relaxed);
                    if i >= inputs.len() {
                        break;
                    }
                    let outcome = one(inputs, i, prints, opts, previous, &mut worker, cfg);
                    if tx.send((i, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        write_in_order(rx, inputs, previous, writer, &progress)
    });
    progress.bar.finish_and_clear();
    result
}

/// Input `i`: a duplicate of an earlier input, kept from the earlier run, failed before
/// reading (a problem found when listing it), or read in this thread's worker process.
fn one(
    inputs: &[inputs::Input],
    i: usize,
    prints: &Fingerprints,
    opts: &Options,
    previous: Option<&Previous>,
    worker: &mut Option<pool::Worker>,
    cfg: &pool::Config,
) -> Outcome {
    let input = &inputs[i];
    let print = prints.get(i);
    let sha256 = print.sha256.as_deref();
    if let (Some(first), Some(sha)) = (print.first, sha256) {
        return Outcome::Done(Box::new(pool::duplicate(
            input,
            sha,
            &inputs[first],
            cfg.excel,
        )));
    }
    // A duplicate row is never kept: the file it named may have changed since.
    let keep = previous.is_some_and(|prev| {
        let status = prev.status(&input.source);
        !(opts.retry_failed && status == Some("failed"))
            && status != Some("duplicate")
            && input.problem.is_none()
            && sha256.is_some_and(|sha| prev.matches(&input.source, sha))
    });
    if keep {
        Outcome::Kept
    } else if let Some((kind, msg)) = &input.problem {
        Outcome::Done(Box::new(pool::failed(input, *kind, msg.clone(), cfg.excel)))
    } else {
        Outcome::Done(Box::new(run_in_worker(worker, input, cfg)))
    }
}

/// Writes documents in input order as they finish, whatever order the workers finish in;
/// the first write error is returned after every result was received.
fn write_in_order(
    rx: mpsc::Receiver<(usize, Outcome)>,
    inputs: &[inputs::Input],
    previous: Option<&Previous>,
    writer: &mut Writer,
    progress: &Progress,
) -> std::io::Result<(Totals, usize)> {
    let mut totals = Totals::default();
    let mut kept = 0usize;
    let mut write_error = None;
    let mut pending = BTreeMap::new();
    let mut next = 0;
    for (i, outcome) in rx.iter() {
        pending.insert(i, outcome);
        while let Some(outcome) = pending.remove(&next) {
            let result = match outcome {
                Outcome::Done(r) => {
                    progress.done(&r);
                    writer.append(&r, &mut totals)
                }
                Outcome::Kept => {
                    progress.bar.inc(1);
                    kept += 1;
                    match previous {
                        Some(prev) => writer.copy_previous(prev, &inputs[next].source, &mut totals),
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
    match write_error {
        Some(e) => Err(e),
        None => Ok((totals, kept)),
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

fn summary_line(r: &Rendered) -> String {
    let f = |n| r.field(n);
    if f("status") == "duplicate" {
        format!("{}: duplicate of {}", f("source"), f("duplicate_of"))
    } else if f("status") != "failed" {
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
