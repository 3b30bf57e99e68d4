//! `yusuan._yusuan`: the compiled half of the Python package (`python/yusuan/__init__.py` is
//! the other). One function, [`extract_to`], runs the CLI's per-document flow over the inputs
//! and writes the output folder through the exporter, as `yusuan extract` does.
//!
//! No pipeline logic is copied: `yusuan-pipeline` (finding PDFs, fingerprints, one file through
//! reading, layout, normalisation with failures and panics turned into named outcomes) is the
//! same crate the `yusuan` program uses. What is written here is the loop the
//! CLI's `extract` runs (documents one after the other, in input order, duplicates read once; no
//! worker pool, no progress bar, no `--resume`).

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;
use yusuan_exporter::{Totals, Writer};
use yusuan_pipeline::{self as pipeline, fingerprint, inputs};

/// One document's outcome: (source, status, error_kind, error).
type Status = (String, String, String, String);

fn run(
    paths: &[PathBuf],
    out: &Path,
    timeout: Option<Duration>,
    parquet: bool,
) -> PyResult<Vec<Status>> {
    let inputs = inputs::collect(paths, None).map_err(PyValueError::new_err)?;
    if inputs.is_empty() {
        return Err(PyValueError::new_err(
            "no PDF files found in the given paths",
        ));
    }
    let io =
        |e: std::io::Error| PyOSError::new_err(format!("cannot write to {}: {e}", out.display()));
    // A folder of its own for this output (the exporter creates every file exclusively, so an
    // earlier output there is refused, never overwritten).
    std::fs::create_dir_all(out).map_err(io)?;
    let mut writer = Writer::create(out, false).map_err(io)?;
    if parquet {
        writer.enable_parquet().map_err(io)?;
    }
    let mut totals = Totals::default();
    let mut statuses = Vec::with_capacity(inputs.len());
    // The same bytes under two names are read once (documents.csv `duplicate`).
    let prints = fingerprint::take(&inputs);
    for (i, input) in inputs.iter().enumerate() {
        let rec = match (prints[i].first, prints[i].sha256.as_deref()) {
            (Some(first), Some(sha)) => pipeline::duplicate(input, sha, &inputs[first]),
            _ => pipeline::process(input, timeout, &mut None),
        };
        writer.write(&rec, &mut totals).map_err(io)?;
        statuses.push((
            rec.source.clone(),
            rec.status.to_string(),
            rec.error_kind.clone(),
            rec.error.clone(),
        ));
    }
    writer.finish().map_err(io)?;
    Ok(statuses)
}

/// Extracts `paths` (PDF files, or folders searched recursively for *.pdf) into the folder
/// `out`, as `yusuan extract PATHS -o OUT` does; returns (source, status, error_kind, error)
/// per document. `timeout` is seconds per file (0 = none); `parquet` also writes NAME.parquet.
#[pyfunction]
#[pyo3(signature = (paths, out, timeout=120, parquet=false))]
fn extract_to(
    py: Python<'_>,
    paths: Vec<String>,
    out: String,
    timeout: u64,
    parquet: bool,
) -> PyResult<Vec<Status>> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let timeout = (timeout > 0).then(|| Duration::from_secs(timeout));
    py.detach(|| run(&paths, Path::new(&out), timeout, parquet))
}

#[pymodule]
fn _yusuan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_to, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
