//! # yusuan-e2e
//!
//! Helpers of the end-to-end tests in `tests/tests/`: they run the real `yusuan` binary over
//! documents into temporary folders and check what it wrote.
//!
//! ## Where the tests run
//!
//! The test files live in `tests/tests/` but are compiled as integration tests of the `yusuan`
//! package (`crates/cli/Cargo.toml` lists them as `[[test]]` targets), so cargo builds the
//! binary once, in the same build as the tests, before running them: no second `cargo build`
//! with other features. [`bin`] finds it beside the test executable
//! (`<target>/<profile>/deps/<test>-<hash>` → `<target>/<profile>/yusuan`); set
//! `YUSUAN_BIN=/path/to/yusuan` to test another binary.
//!
//! ## What they read
//!
//! In-repository fixtures: `samples/` (the seed document, the re-typeset `printed/` samples and
//! their truth in `samples/truth/`), `scripts/score.py`. Tests that read the project's shared
//! corpus (`<workspace>/../shared`, or `$YUSUAN_SHARED`: all samples with truth, bad inputs,
//! real disclosures, hostile files) start with [`need_shared!`], which skips them with a
//! message when that folder is absent (a fresh clone of this repository alone).

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

/// The shared corpus, `$YUSUAN_SHARED` or `<workspace>/../shared`, if it is there.
pub fn shared_dir() -> Option<PathBuf> {
    let p = match std::env::var_os("YUSUAN_SHARED") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => workspace_root().join("..").join("shared"),
    };
    p.join("samples").is_dir().then_some(p)
}

/// Skips the calling test (returns from it) when the shared corpus is absent, saying so.
#[macro_export]
macro_rules! need_shared {
    () => {
        if $crate::shared_dir().is_none() {
            eprintln!(
                "skipped: needs the shared corpus (../shared or $YUSUAN_SHARED), which is not here"
            );
            return;
        }
    };
}

/// The shared corpus; panics when absent (call [`need_shared!`] first).
pub fn shared() -> PathBuf {
    shared_dir().unwrap_or_else(|| {
        panic!("shared data not found (expected ../shared/samples); set YUSUAN_SHARED")
    })
}

/// `../shared/samples`: every sample with its truth, and `bad/`.
pub fn samples() -> PathBuf {
    shared().join("samples")
}

/// `../shared/real`: published disclosures, with hand-checked truth in `truth/`.
pub fn real() -> PathBuf {
    shared().join("real")
}

/// The repository's own `samples/` folder (always present).
pub fn repo_samples() -> PathBuf {
    workspace_root().join("samples")
}

/// The scorer: the shared one when present, else the repository's copy (`scripts/score.py`).
pub fn score_py() -> PathBuf {
    match shared_dir() {
        Some(s) if s.join("tools/score.py").is_file() => s.join("tools/score.py"),
        _ => workspace_root().join("scripts").join("score.py"),
    }
}

/// `score.py OUT --truth TRUTH --json [EXTRA…]` ([`score_py`]), its JSON answer.
pub fn score(out: &Path, truth: &Path, extra: &[&str]) -> serde_json::Value {
    let run = Command::new("python3")
        .arg(score_py())
        .arg(out)
        .arg("--truth")
        .arg(truth)
        .arg("--json")
        .args(extra)
        .output()
        .expect("running python3 score.py (is python3 installed?)");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "score.py failed: {}\n{stdout}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("score.py output is not JSON ({e}):\n{stdout}"))
}

/// A small deterministic random source for the damaged-copy tests (xorshift64).
pub struct XorShift(pub u64);

impl XorShift {
    /// The next 64 random bits.
    pub fn bits(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.bits() % n.max(1) as u64) as usize
    }
}

/// Path of the `yusuan` binary that cargo built with these tests (see the crate docs).
pub fn bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(p) = std::env::var_os("YUSUAN_BIN").filter(|p| !p.is_empty()) {
            return PathBuf::from(p);
        }
        let exe = std::env::current_exe().expect("current_exe");
        // <target>/<profile>/deps/<test exe>
        let profile_dir = exe.parent().and_then(Path::parent).expect("profile dir");
        let b = profile_dir.join(format!("yusuan{}", std::env::consts::EXE_SUFFIX));
        assert!(
            b.is_file(),
            "binary not found at {} (run the tests with `cargo test -p yusuan`, which builds it)",
            b.display()
        );
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

/// Writes `src`'s bytes to `dst` with a PDF comment line naming `n` appended after its end: a
/// copy that reads the same but has its own SHA-256 (the same bytes twice would be read once,
/// as a duplicate).
pub fn distinct_copy(src: &Path, dst: &Path, n: usize) {
    let mut bytes = std::fs::read(src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    bytes.extend_from_slice(format!("\n%yusuan test copy {n}\n").as_bytes());
    std::fs::write(dst, bytes).unwrap_or_else(|e| panic!("{}: {e}", dst.display()));
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

#[cfg(test)]
mod tests {
    /// Every file in tests/tests/ is a `[[test]]` target of the `yusuan` package: a file left
    /// out there would never run.
    #[test]
    fn every_test_file_is_registered_with_the_cli_package() {
        let root = super::workspace_root();
        let manifest = std::fs::read_to_string(root.join("crates/cli/Cargo.toml")).unwrap();
        for e in std::fs::read_dir(root.join("tests/tests")).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".rs") {
                let entry = format!("path = \"../../tests/tests/{stem}.rs\"");
                assert!(
                    manifest.contains(&entry),
                    "{name} is not a [[test]] of crates/cli/Cargo.toml"
                );
            }
        }
    }
}
