//! Issue 6: killing a batch halfway leaves no partial CSV in the output folder, and `--resume`
//! then finishes the rest without redoing the finished documents, giving the same files as an
//! uninterrupted run.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use yusuan_e2e::{bin, samples};

const CSV_FILES: &[&str] = &[
    "facts.csv",
    "checks.csv",
    "indicators.csv",
    "performance.csv",
    "unplaced.csv",
];

/// Many inputs (copies of the samples under distinct names, each with its own bytes: equal
/// bytes would be read once), so that the batch takes a while.
fn batch(dir: &Path, copies: usize) {
    let originals: Vec<_> = std::fs::read_dir(samples())
        .expect("samples folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    for i in 0..copies {
        for p in &originals {
            let name = format!("{i:03}-{}", p.file_name().unwrap().to_string_lossy());
            yusuan_e2e::distinct_copy(p, &dir.join(name), i);
        }
    }
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .map(|s| s.lines().count())
        .unwrap_or(0)
}

#[test]
fn killed_run_leaves_no_csv_and_resume_finishes_it() {
    yusuan_e2e::need_shared!();
    let work = tempfile::tempdir().expect("tempdir");
    let inputs = work.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    batch(&inputs, 30);
    let full = work.path().join("full");
    let out = work.path().join("out");

    // The reference: one uninterrupted run.
    let status = Command::new(bin())
        .args(["extract", "-q", "--jobs", "1", "-o"])
        .arg(&full)
        .arg(&inputs)
        .status()
        .expect("yusuan runs");
    assert!(status.success(), "reference run failed: {status:?}");

    // Kill a second run once it has finished some documents but not all.
    let mut child = Command::new(bin())
        .args(["extract", "-q", "--jobs", "1", "-o"])
        .arg(&out)
        .arg(&inputs)
        .stderr(Stdio::null())
        .spawn()
        .expect("yusuan runs");
    // The run writes into a staging generation inside OUT (see crates/cli/src/publish.rs).
    let partial = out.join(".yusuan").join("staging-1").join("documents.csv");
    let start = Instant::now();
    while lines(&partial) < 6 && start.elapsed() < Duration::from_secs(60) {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let finished_before_kill = child.try_wait().expect("wait").is_some();
    child.kill().ok();
    child.wait().ok();
    assert!(
        !finished_before_kill,
        "the batch finished before it could be interrupted; make it larger"
    );
    for name in CSV_FILES.iter().chain(["documents.csv"].iter()) {
        assert!(
            !out.join(name).exists(),
            "{name} exists after the kill: a half-written CSV was left behind"
        );
    }
    let done = lines(&partial).saturating_sub(1);
    assert!(done >= 5, "only {done} documents finished before the kill");

    // Resume: the finished documents are kept, the rest is processed.
    let resumed = Command::new(bin())
        .args(["extract", "-q", "--jobs", "2", "--resume", "-o"])
        .arg(&out)
        .arg(&inputs)
        .output()
        .expect("yusuan runs");
    assert!(
        resumed.status.success(),
        "resumed run failed: {}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    let summary = String::from_utf8_lossy(&resumed.stderr);
    let kept: usize = summary
        .split(" kept from the earlier run")
        .next()
        .and_then(|s| s.rsplit('(').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(
        kept >= done.min(5) && kept > 0,
        "resume kept {kept} documents; {done} were finished before the kill\n{summary}"
    );
    for name in CSV_FILES {
        let a = std::fs::read(full.join(name)).unwrap();
        let b = std::fs::read(out.join(name)).unwrap();
        assert!(
            a == b,
            "{name} after kill + resume differs from an uninterrupted run"
        );
    }
    // documents.csv: the same rows but for the processing time.
    let strip = |p: &Path| -> Vec<String> {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .map(|l| {
                let mut f: Vec<&str> = l.split(',').collect();
                if f.len() > 13 {
                    f[13] = "";
                }
                f.join(",")
            })
            .collect()
    };
    assert_eq!(
        strip(&full.join("documents.csv")),
        strip(&out.join("documents.csv"))
    );
    let meta: Vec<String> = std::fs::read_dir(out.join(".yusuan"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        meta.iter().all(|n| !n.starts_with("staging-")),
        "temporary files left after the resumed run: {meta:?}"
    );
}

/// The same bytes under two names are read once, also when resuming: a duplicate's row is
/// never carried over, so when the file it repeated has changed, the copy is read in its turn.
#[test]
fn duplicates_are_read_once_and_decided_again_on_resume() {
    yusuan_e2e::need_shared!();
    let work = tempfile::tempdir().expect("tempdir");
    let inputs = work.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let seed = samples().join("urumqi-2026.pdf");
    std::fs::copy(&seed, inputs.join("a.pdf")).unwrap();
    std::fs::copy(&seed, inputs.join("b.pdf")).unwrap();
    let out = work.path().join("out");
    let run = |resume: bool| {
        let mut cmd = Command::new(bin());
        cmd.args(["extract", "-q", "-o"]).arg(&out).arg(&inputs);
        if resume {
            cmd.arg("--resume");
        }
        let o = cmd.output().expect("yusuan runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let docs = yusuan_e2e::Csv::read(&out.join("documents.csv"));
        let facts = yusuan_e2e::Csv::read(&out.join("facts.csv"));
        let per_doc = |src: &str| {
            facts
                .rows
                .iter()
                .filter(|r| yusuan_e2e::get(r, "source") == src)
                .count()
        };
        let status: Vec<(String, String, usize)> = docs
            .rows
            .iter()
            .map(|r| {
                let src = yusuan_e2e::get(r, "source");
                let of = yusuan_e2e::get(r, "duplicate_of");
                (
                    src.to_string(),
                    format!("{} {of}", yusuan_e2e::get(r, "status")),
                    per_doc(src),
                )
            })
            .collect();
        status
    };
    let s = |src: &str, st: &str, n: usize| (src.to_string(), st.to_string(), n);
    assert_eq!(
        run(false),
        [s("a.pdf", "ok ", 173), s("b.pdf", "duplicate a.pdf", 0)]
    );
    // a.pdf becomes another document: b.pdf is no longer its copy and is read now.
    std::fs::copy(samples().join("dev-s1-000.pdf"), inputs.join("a.pdf")).unwrap();
    let after = run(true);
    assert_eq!(after[1], s("b.pdf", "ok ", 173));
    assert_eq!(after[0].1, "ok ");
    assert!(after[0].2 > 0 && after[0].2 != 173, "{after:?}");
}
