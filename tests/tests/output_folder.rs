//! Issue 17, the conditions of `../shared/hostile/README.md` that are not files: input folders
//! with symlink loops, FIFOs and device links, names as downloads have them, a missing line of
//! `--files-from`; and the output folder: a `tables/` the tool did not write, two runs at once,
//! a kill at every step of the final publish followed by `--resume`, a symlink planted at a
//! temporary name.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use yusuan_e2e::{bin, distinct_copy, documents_table, get, real, repo_samples, Csv};

fn run(args: &[&OsStr]) -> Output {
    Command::new(bin())
        .args(args)
        .output()
        .expect("yusuan runs")
}

fn extract(out: &Path, inputs: &[&Path], extra: &[&str]) -> Output {
    let mut a: Vec<&OsStr> = vec![
        "extract".as_ref(),
        "-q".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    a.extend(inputs.iter().map(|p| p.as_os_str()));
    a.extend(extra.iter().map(OsStr::new));
    run(&a)
}

fn urumqi() -> PathBuf {
    repo_samples().join("urumqi-2026.pdf")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// documents.csv rows without `millis`, and every other published file's bytes.
fn snapshot(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v = Vec::new();
    for name in [
        "facts.csv",
        "checks.csv",
        "indicators.csv",
        "performance.csv",
        "unplaced.csv",
        "datapackage.json",
    ] {
        v.push((
            name.to_string(),
            std::fs::read(out.join(name)).unwrap_or_default(),
        ));
    }
    let docs = std::fs::read_to_string(out.join("documents.csv")).unwrap_or_default();
    let docs: Vec<u8> = docs
        .lines()
        .map(|l| {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(l.as_bytes());
            let rec = r.records().next().and_then(|r| r.ok()).unwrap_or_default();
            let mut f: Vec<String> = rec.iter().map(String::from).collect();
            if f.len() > 13 {
                f[13].clear();
            }
            f.join("\u{1f}") + "\n"
        })
        .collect::<String>()
        .into_bytes();
    v.push(("documents.csv".into(), docs));
    let tables = out.join("tables");
    let mut files = Vec::new();
    for d in std::fs::read_dir(&tables).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(d.path()).into_iter().flatten().flatten() {
            files.push((
                format!(
                    "tables/{}/{}",
                    d.file_name().to_string_lossy(),
                    f.file_name().to_string_lossy()
                ),
                std::fs::read(f.path()).unwrap(),
            ));
        }
    }
    files.sort();
    v.extend(files);
    v
}

#[test]
fn symlink_loops_fifos_and_devices() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("in");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    symlink(urumqi(), dir.join("a.pdf")).unwrap();
    std::fs::copy(urumqi(), dir.join("sub").join("b.pdf")).unwrap();
    symlink(".", dir.join("loop")).unwrap();
    symlink("..", dir.join("sub").join("up")).unwrap();
    assert!(Command::new("mkfifo")
        .arg(dir.join("x.pdf"))
        .status()
        .unwrap()
        .success());
    symlink("/dev/zero", dir.join("zero.pdf")).unwrap();
    let out = work.path().join("out");
    let start = Instant::now();
    let o = extract(&out, &[&dir], &["--timeout", "10"]);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let docs = Csv::read(&out.join("documents.csv"));
    let sources: Vec<&str> = docs.rows.iter().map(|r| get(r, "source")).collect();
    assert_eq!(
        sources,
        ["a.pdf", "sub/b.pdf", "x.pdf", "zero.pdf"],
        "{}",
        documents_table(&docs)
    );
    // sub/b.pdf holds the same bytes as a.pdf: read once, reported as its duplicate.
    assert_eq!(get(&docs.rows[0], "status"), "ok");
    assert_eq!(
        (
            get(&docs.rows[1], "status"),
            get(&docs.rows[1], "duplicate_of")
        ),
        ("duplicate", "a.pdf")
    );
    assert_eq!(get(&docs.rows[1], "sha256"), get(&docs.rows[0], "sha256"));
    let facts = Csv::read(&out.join("facts.csv"));
    assert!(facts.rows.iter().all(|r| get(r, "source") == "a.pdf"));
    for r in &docs.rows[2..] {
        assert_eq!(
            (get(r, "status"), get(r, "error_kind")),
            ("failed", "not_pdf")
        );
    }
}

#[test]
fn names_as_downloads_have_them() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("in");
    let long_dir = dir
        .join("二〇二六年部门预算公开".repeat(4))
        .join("各单位预算公开文件汇总（含附表及说明）");
    std::fs::create_dir_all(&long_dir).unwrap();
    std::fs::create_dir_all(dir.join("a")).unwrap();
    let gbk = OsStr::from_bytes(b"\xb2\xbf\xc3\xc5\xd4\xa4\xcb\xe3.pdf"); // 部门预算 in GBK
                                                                          // 80 Chinese characters: 240 bytes of the 255 a name may have.
    let long_name: String = "乌鲁木齐市人民政府办公室二〇二六年部门预算公开"
        .repeat(4)
        .chars()
        .take(80)
        .collect();
    let long_name = format!("{long_name}.pdf");
    let names: Vec<PathBuf> = vec![
        dir.join(gbk),
        long_dir.join(&long_name),
        dir.join("a").join("b.pdf"),
        dir.join("a__b.pdf"),
        dir.join("x.pdf"),
        dir.join("x.PDF"),
        dir.join("..pdf"),
        dir.join("...pdf"),
    ];
    for (i, n) in names.iter().enumerate() {
        distinct_copy(&urumqi(), n, i);
    }
    let out = work.path().join("out");
    let o = extract(&out, &[&dir], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = Csv::read(&out.join("documents.csv"));
    let table = documents_table(&docs);
    assert_eq!(docs.rows.len(), names.len(), "{table}");
    let sources: BTreeSet<&str> = docs.rows.iter().map(|r| get(r, "source")).collect();
    assert_eq!(sources.len(), names.len(), "{table}");
    // The bytes that are not UTF-8 escaped (D4 A4 happens to be UTF-8 for Ԥ, and is kept).
    assert!(
        sources.contains("\\xB2\\xBF\\xC3\\xC5Ԥ\\xCB\\xE3.pdf"),
        "{table}"
    );
    assert!(sources.contains("..pdf") && sources.contains("x.PDF") && sources.contains("a/b.pdf"));
    // One tables folder per document, each with that document's tables, all inside tables/.
    let folders: Vec<PathBuf> = std::fs::read_dir(out.join("tables"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(folders.len(), names.len(), "{folders:?}");
    for f in &folders {
        assert_eq!(std::fs::read_dir(f).unwrap().count(), 14, "{}", f.display());
        assert!(f.file_name().unwrap().len() <= 255);
    }
    let facts = Csv::read(&out.join("facts.csv"));
    assert_eq!(facts.rows.len(), 173 * names.len());
    // Nothing written into OUT's root or outside it by the dotted names.
    let root: BTreeSet<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        root,
        [
            ".yusuan",
            "checks.csv",
            "datapackage.json",
            "documents.csv",
            "facts.csv",
            "indicators.csv",
            "key_figures.csv",
            "performance.csv",
            "tables",
            "unplaced.csv"
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    );
}

#[test]
fn files_from_with_a_missing_line() {
    yusuan_e2e::need_shared!();
    let work = tempfile::tempdir().unwrap();
    let list = work.path().join("list.txt");
    let missing = work.path().join("gone.pdf");
    std::fs::write(
        &list,
        format!(
            "{}\n{}\n\n{}\n",
            urumqi().display(),
            missing.display(),
            real().join("sh_city_fucai_2026_unit_budget.pdf").display()
        ),
    )
    .unwrap();
    let out = work.path().join("out");
    let o = extract(&out, &[], &["--files-from", list.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let docs = Csv::read(&out.join("documents.csv"));
    let st: Vec<(&str, &str)> = docs
        .rows
        .iter()
        .map(|r| (get(r, "status"), get(r, "error_kind")))
        .collect();
    assert_eq!(
        st,
        [("ok", ""), ("failed", "not_found"), ("ok", "")],
        "{}",
        documents_table(&docs)
    );
}

#[test]
fn foreign_tables_folder_survives() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    std::fs::create_dir_all(out.join("tables")).unwrap();
    std::fs::write(out.join("tables").join("mine.csv"), "not yours\n").unwrap();
    std::fs::write(out.join("notes.txt"), "mine too\n").unwrap();
    let o = extract(&out, &[&urumqi()], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not written by yusuan"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("tables").join("mine.csv")).unwrap(),
        "not yours\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine too\n"
    );
    // Our own earlier output is replaced by the next run; files beside it survive.
    let out2 = work.path().join("out2");
    assert!(extract(&out2, &[&urumqi()], &[]).status.success());
    std::fs::write(out2.join("notes.txt"), "mine\n").unwrap();
    assert!(extract(&out2, &[&urumqi()], &[]).status.success());
    assert_eq!(
        std::fs::read_to_string(out2.join("notes.txt")).unwrap(),
        "mine\n"
    );
}

#[test]
fn a_second_run_into_the_same_folder_refuses() {
    let work = tempfile::tempdir().unwrap();
    let inputs = work.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    for i in 0..150 {
        distinct_copy(&urumqi(), &inputs.join(format!("{i:03}.pdf")), i);
    }
    let out = work.path().join("out");
    let mut first = Command::new(bin())
        .args(["extract", "-q", "--jobs", "1", "-o"])
        .arg(&out)
        .arg(&inputs)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lock = out.join(".yusuan").join("lock");
    let start = Instant::now();
    while std::fs::read_to_string(&lock)
        .unwrap_or_default()
        .is_empty()
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the first run never took the lock"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let t = Instant::now();
    let second = extract(&out, &[&urumqi()], &[]);
    assert!(
        t.elapsed() < Duration::from_secs(3),
        "the second run waited"
    );
    assert_eq!(second.status.code(), Some(2));
    assert!(
        stderr(&second).contains(&format!("pid {}", first.id())),
        "{}",
        stderr(&second)
    );
    assert!(first.wait().unwrap().success());
    let docs = Csv::read(&out.join("documents.csv"));
    assert_eq!(docs.rows.len(), 150);
    assert_eq!(std::fs::read_dir(out.join("tables")).unwrap().count(), 150);
    assert!(docs.rows.iter().all(|r| get(r, "status") == "ok"));
}

#[test]
fn a_kill_at_every_publish_step_then_resume() {
    yusuan_e2e::need_shared!();
    let work = tempfile::tempdir().unwrap();
    let old_in = work.path().join("old");
    let new_in = work.path().join("new");
    std::fs::create_dir(&old_in).unwrap();
    std::fs::create_dir(&new_in).unwrap();
    // The same sources, other bytes: an old document's rows must never mix into a new one.
    let fucai = real().join("sh_city_fucai_2026_unit_budget.pdf");
    symlink(urumqi(), old_in.join("a.pdf")).unwrap();
    symlink(&fucai, old_in.join("b.pdf")).unwrap();
    symlink(&fucai, new_in.join("a.pdf")).unwrap();
    symlink(urumqi(), new_in.join("b.pdf")).unwrap();
    symlink(
        real().join("cc_xinfang_2026_dept_budget.pdf"),
        new_in.join("c.pdf"),
    )
    .unwrap();
    let reference_old = work.path().join("ref-old");
    let reference_new = work.path().join("ref-new");
    assert!(extract(&reference_old, &[&old_in], &[]).status.success());
    assert!(extract(&reference_new, &[&new_in], &[]).status.success());
    let (old, new) = (snapshot(&reference_old), snapshot(&reference_new));
    assert_ne!(old, new);
    for step in ["staged", "renamed", "switched", "linked", "cleaned"] {
        let out = work.path().join(format!("out-{step}"));
        assert!(extract(&out, &[&old_in], &[]).status.success());
        let killed = Command::new(bin())
            .args(["extract", "-q", "-o"])
            .arg(&out)
            .arg(&new_in)
            .env("YUSUAN_TEST_KILL_AT", step)
            .output()
            .unwrap();
        assert_eq!(killed.status.code(), None, "{step}: the run was not killed");
        let now = snapshot(&out);
        assert!(
            now == old || now == new,
            "{step}: the output is a mix of two runs"
        );
        let expect_new = matches!(step, "switched" | "linked" | "cleaned");
        assert_eq!(now == new, expect_new, "{step}");
        let resumed = extract(&out, &[&new_in], &["--resume"]);
        assert!(resumed.status.success(), "{step}: {}", stderr(&resumed));
        assert!(
            snapshot(&out) == new,
            "{step}: kill + --resume differs from one run"
        );
        let meta: Vec<String> = std::fs::read_dir(out.join(".yusuan"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(meta.len(), 3, "{step}: leftovers in .yusuan: {meta:?}");
    }
}

#[test]
fn symlinks_planted_at_temporary_names_are_not_written_through() {
    let work = tempfile::tempdir().unwrap();
    let outside = work.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("keep.txt"), "keep\n").unwrap();
    let out = work.path().join("out");
    std::fs::create_dir_all(out.join(".yusuan")).unwrap();
    for name in [".yusuan/staging-1", ".yusuan/gen-1", ".yusuan/current-1"] {
        symlink(&outside, out.join(name)).unwrap();
    }
    // Names temporary files had before generations, and the published names' targets.
    for name in [
        ".facts.csv.partial",
        ".documents.csv.partial",
        ".tables.partial",
    ] {
        symlink(outside.join(name), out.join(name)).unwrap();
    }
    let o = extract(&out, &[&urumqi()], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let left: Vec<String> = std::fs::read_dir(&outside)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["keep.txt"], "written outside OUT");
    assert_eq!(Csv::read(&out.join("documents.csv")).rows.len(), 1);
    assert!(std::fs::symlink_metadata(out.join(".yusuan").join("lock"))
        .unwrap()
        .is_file());
}
