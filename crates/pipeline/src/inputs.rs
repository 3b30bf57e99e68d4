//! Finding the inputs: files, folders searched recursively for PDFs, and paths read from a list.
//!
//! Folders are walked once each (by device and inode), so symlink loops end; entries are sorted
//! by name. A path that does not exist, or that is a FIFO, a device or a socket, is still an
//! input: it becomes a failed documents.csv row (`not_found`, `not_pdf`) and is never opened.
//! File names are kept exactly: the bytes of a name that are not UTF-8 (a GBK name from a
//! Windows zip) are written `\xNN` in `source`, and a backslash `\\`, so the name can be
//! recovered from `source`.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::BufRead;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};
use yusuan_extractor::ErrorKind;

/// One input file and the name it goes by in the output (`source`).
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// Where the file is read from.
    pub path: PathBuf,
    /// Its name in the output: relative to the folder given, or the file's own name.
    pub source: String,
    /// Why this input fails without being read (it does not exist, it is not a regular file).
    pub problem: Option<(ErrorKind, String)>,
}

/// A name's bytes as text: UTF-8 kept, other bytes `\xNN`, a backslash `\\` (reversible).
pub fn escape_name(name: &OsStr) -> String {
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

fn is_pdf_name(p: &Path) -> bool {
    p.extension()
        .map(|e| e.eq_ignore_ascii_case("pdf"))
        .unwrap_or(false)
}

/// Why a path that exists cannot be an input (not a regular file), if so.
pub fn special_file(meta: &std::fs::Metadata) -> Option<String> {
    let t = meta.file_type();
    let what = if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_file() {
        return None;
    } else {
        "not a regular file"
    };
    Some(format!(
        "This path is {what}, not a PDF file; it was not opened."
    ))
}

fn input_at(path: PathBuf, source: String) -> Input {
    let problem = match std::fs::metadata(&path) {
        Ok(m) => special_file(&m).map(|msg| (ErrorKind::NotPdf, msg)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some((
            ErrorKind::NotFound,
            "The file does not exist (or is a broken link); check the path.".to_string(),
        )),
        Err(e) => Some((
            ErrorKind::NotFound,
            format!("The file cannot be read ({e}); check that it exists and is readable."),
        )),
    };
    Input {
        path,
        source,
        problem,
    }
}

struct Walk<'a> {
    seen_dirs: HashSet<(u64, u64)>,
    out: &'a mut Vec<Input>,
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path, root: &Path) {
        let Ok(meta) = std::fs::metadata(dir) else {
            return;
        };
        if !self.seen_dirs.insert((meta.dev(), meta.ino())) {
            return; // a symlink loop, or a folder reached twice
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                eprintln!("warning: cannot list the folder {}: {e}", dir.display());
                return;
            }
        };
        entries.sort();
        for p in entries {
            let is_dir = std::fs::metadata(&p).is_ok_and(|m| m.is_dir());
            if is_dir {
                self.dir(&p, root);
            } else if is_pdf_name(&p) {
                let rel = p.strip_prefix(root).unwrap_or(&p);
                let source = rel.iter().map(escape_name).collect::<Vec<_>>().join("/");
                self.out.push(input_at(p.clone(), source));
            }
        }
    }
}

/// Reads `--files-from` (a file, or `-` for standard input): one path a line.
fn read_list(list: &Path) -> Result<Vec<PathBuf>, String> {
    let reader: Box<dyn BufRead> = if list == Path::new("-") {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        Box::new(std::io::BufReader::new(std::fs::File::open(list).map_err(
            |e| format!("cannot read the list {}: {e}", list.display()),
        )?))
    };
    let mut out = Vec::new();
    for line in reader.split(b'\n') {
        let line = line.map_err(|e| format!("cannot read the list of files: {e}"))?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        let t = line.trim_ascii();
        if !t.is_empty() {
            out.push(PathBuf::from(OsStr::from_bytes(t)));
        }
    }
    Ok(out)
}

/// Expands the command-line paths (and `--files-from` list) into input files, in order.
pub fn collect(paths: &[PathBuf], files_from: Option<&Path>) -> Result<Vec<Input>, String> {
    let mut all: Vec<PathBuf> = paths.to_vec();
    if let Some(list) = files_from {
        all.extend(read_list(list)?);
    }
    let mut out = Vec::new();
    let mut walk = Walk {
        seen_dirs: HashSet::new(),
        out: &mut out,
    };
    let mut given = HashSet::new();
    for p in &all {
        if std::fs::metadata(p).is_ok_and(|m| m.is_dir()) {
            walk.dir(p, p);
        } else if given.insert(p.clone()) {
            let name = p
                .file_name()
                .map(escape_name)
                .unwrap_or_else(|| escape_name(p.as_os_str()));
            walk.out.push(input_at(p.clone(), name));
        }
    }
    // The same source name twice (two folders with equal file names) would collide in the
    // output: the later ones go by their path, and a number if that is taken too.
    let mut seen = HashSet::new();
    for i in &mut out {
        if seen.insert(i.source.clone()) {
            continue;
        }
        let by_path = escape_name(i.path.as_os_str());
        let mut source = by_path.clone();
        let mut n = 2;
        while seen.contains(&source) {
            source = format!("{by_path}#{n}");
            n += 1;
        }
        seen.insert(source.clone());
        i.source = source;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_reversibly() {
        // 部门 in GBK: not UTF-8.
        let gbk = OsStr::from_bytes(b"\xb2\xbf\xc3\xc5.pdf");
        assert_eq!(escape_name(gbk), "\\xB2\\xBF\\xC3\\xC5.pdf");
        assert_eq!(escape_name(OsStr::new("预算.pdf")), "预算.pdf");
        assert_eq!(escape_name(OsStr::new("a\\xD4.pdf")), "a\\\\xD4.pdf");
    }
}
