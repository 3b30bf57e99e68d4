//! Finding the inputs: files, folders searched recursively for PDFs, and paths read from a list.

use std::io::BufRead;
use std::path::{Path, PathBuf};

/// One input file and the name it goes by in the output (`source`).
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub path: PathBuf,
    pub source: String,
}

fn is_pdf_name(p: &Path) -> bool {
    p.extension()
        .map(|e| e.eq_ignore_ascii_case("pdf"))
        .unwrap_or(false)
}

fn walk(dir: &Path, root: &Path, out: &mut Vec<Input>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, root, out)?;
        } else if is_pdf_name(&p) {
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            out.push(Input {
                path: p.clone(),
                source: rel,
            });
        }
    }
    Ok(())
}

/// Expands the command-line paths (and `--files-from` list) into input files, in order.
pub fn collect(paths: &[PathBuf], files_from: Option<&Path>) -> Result<Vec<Input>, String> {
    let mut all: Vec<PathBuf> = paths.to_vec();
    if let Some(list) = files_from {
        let reader: Box<dyn BufRead> = if list == Path::new("-") {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            Box::new(std::io::BufReader::new(std::fs::File::open(list).map_err(
                |e| format!("cannot read the list {}: {e}", list.display()),
            )?))
        };
        for line in reader.lines() {
            let line = line.map_err(|e| format!("cannot read the list of files: {e}"))?;
            let t = line.trim();
            if !t.is_empty() {
                all.push(PathBuf::from(t));
            }
        }
    }
    let mut out = Vec::new();
    for p in &all {
        if p.is_dir() {
            walk(p, p, &mut out)
                .map_err(|e| format!("cannot list the folder {}: {e}", p.display()))?;
        } else if p.exists() {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.to_string_lossy().into_owned());
            out.push(Input {
                path: p.clone(),
                source: name,
            });
        } else {
            return Err(format!("{} does not exist", p.display()));
        }
    }
    // The same source name twice (two folders with equal file names) would collide in the output.
    let mut seen = std::collections::HashSet::new();
    for i in &mut out {
        if !seen.insert(i.source.clone()) {
            i.source = i.path.to_string_lossy().into_owned();
            seen.insert(i.source.clone());
        }
    }
    Ok(out)
}
