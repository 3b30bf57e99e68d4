//! # yusuan-e2e
//!
//! Brief overview. End-to-end tests of the `yusuan` command-line program: the tests in
//! `tests/` run the real binary over the shared documents (`<workspace>/../shared`, or the
//! folder named by `YUSUAN_SHARED`) into temporary folders and check what it wrote. This
//! library holds their helpers.
//!
//! ## How the binary is found
//!
//! `env!("CARGO_BIN_EXE_yusuan")` only exists for tests of the package that owns the binary
//! (`crates/cli`), and a binary-only package cannot be a dependency. So [`bin`] builds it
//! once per test process with `cargo build -p yusuan`, into the *same* target folder and
//! profile as the running test executable (derived from `current_exe()`:
//! `<target>/<profile>/deps/<test>-<hash>`), and returns `<target>/<profile>/yusuan`.
//! When the workspace was just built by `cargo test --release --workspace`, this is a quick
//! no-op-ish build. Set `YUSUAN_BIN=/path/to/yusuan` to skip the build and test that binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The workspace root (parent of this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// The shared read-only data: `$YUSUAN_SHARED`, else `<workspace>/../shared`.
pub fn shared() -> PathBuf {
    let p = match std::env::var_os("YUSUAN_SHARED") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => workspace_root().join("..").join("shared"),
    };
    assert!(
        p.join("samples").is_dir(),
        "shared data not found at {} (expected samples/ and real/ in it); set YUSUAN_SHARED",
        p.display()
    );
    p
}

pub fn samples() -> PathBuf {
    shared().join("samples")
}

pub fn real() -> PathBuf {
    shared().join("real")
}

/// Path of the `yusuan` binary, built once per test process (see the crate docs).
pub fn bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(p) = std::env::var_os("YUSUAN_BIN").filter(|p| !p.is_empty()) {
            return PathBuf::from(p);
        }
        let exe = std::env::current_exe().expect("current_exe");
        // <target>/<profile>/deps/<test exe>
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("profile dir")
            .to_path_buf();
        let target_dir = profile_dir.parent().expect("target dir").to_path_buf();
        let profile = profile_dir
            .file_name()
            .expect("profile name")
            .to_string_lossy()
            .into_owned();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(workspace_root())
            .args(["build", "-p", "yusuan"])
            .env("CARGO_TARGET_DIR", &target_dir);
        match profile.as_str() {
            "debug" => {}
            "release" => {
                cmd.arg("--release");
            }
            other => {
                cmd.args(["--profile", other]);
            }
        }
        let status = cmd.status().expect("running cargo build -p yusuan");
        assert!(status.success(), "cargo build -p yusuan failed");
        let b = profile_dir.join(format!("yusuan{}", std::env::consts::EXE_SUFFIX));
        assert!(b.is_file(), "binary not found at {}", b.display());
        b
    })
    .clone()
}

/// Runs `yusuan ARGS`.
pub fn yusuan<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(bin())
        .args(args)
        .output()
        .expect("running yusuan")
}

/// The result of one `yusuan extract` run into a fresh temporary folder.
pub struct Extract {
    pub dir: tempfile::TempDir,
    pub output: Output,
}

impl Extract {
    pub fn out(&self) -> &Path {
        self.dir.path()
    }
    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
    pub fn csv(&self, name: &str) -> Csv {
        Csv::read(&self.out().join(name))
    }
    pub fn file(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.out().join(name))
            .unwrap_or_else(|e| panic!("reading {name}: {e}\nstderr:\n{}", self.stderr()))
    }
}

/// `yusuan extract INPUTS... -o <tmp> -q EXTRA...`
pub fn extract(inputs: &[&Path], extra: &[&str]) -> Extract {
    let dir = tempfile::Builder::new()
        .prefix("yusuan-e2e-")
        .tempdir()
        .expect("tempdir");
    let output = Command::new(bin())
        .arg("extract")
        .args(inputs)
        .arg("-o")
        .arg(dir.path())
        .arg("-q")
        .args(extra)
        .output()
        .expect("running yusuan extract");
    Extract { dir, output }
}

/// A CSV file read into rows of column name → value.
pub struct Csv {
    pub headers: Vec<String>,
    pub rows: Vec<BTreeMap<String, String>>,
}

impl Csv {
    pub fn read(path: &Path) -> Csv {
        let mut r = csv::ReaderBuilder::new()
            .from_path(path)
            .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
        let headers: Vec<String> = r
            .headers()
            .expect("csv header")
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_string())
            .collect();
        let mut rows = Vec::new();
        for rec in r.records() {
            let rec = rec.unwrap_or_else(|e| panic!("bad CSV record in {}: {e}", path.display()));
            rows.push(
                headers
                    .iter()
                    .cloned()
                    .zip(rec.iter().map(String::from))
                    .collect(),
            );
        }
        Csv { headers, rows }
    }
}

/// Value of `col` in `row` ("" when missing).
pub fn get<'a>(row: &'a BTreeMap<String, String>, col: &str) -> &'a str {
    row.get(col).map(String::as_str).unwrap_or("")
}

/// `*.pdf` files directly in `dir`, sorted.
pub fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    v.sort();
    v
}

/// `*.pdf` files in `dir` and its subfolders, sorted.
pub fn pdfs_recursive(dir: &Path) -> Vec<PathBuf> {
    let mut v = pdfs(dir);
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read_dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    subdirs.sort();
    for d in subdirs {
        v.extend(pdfs_recursive(&d));
    }
    v.sort();
    v
}

/// Formats documents.csv rows as a short table for failure messages.
pub fn documents_table(docs: &Csv) -> String {
    let mut s = String::new();
    for r in &docs.rows {
        s.push_str(&format!(
            "  {:<55} {:<8} tables={:<3} facts={:<5} kind={:<14} {}\n",
            get(r, "source"),
            get(r, "status"),
            get(r, "tables"),
            get(r, "facts"),
            get(r, "error_kind"),
            get(r, "error")
        ));
    }
    s
}
