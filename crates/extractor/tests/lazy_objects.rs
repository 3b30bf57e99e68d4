//! The lazy object reader must give exactly what lopdf's full loader gives: every glyph, rule
//! and page box of every shared PDF, and damaged copies must still read (through the fallback).

use std::path::PathBuf;

/// The project's shared corpus (`$YUSUAN_SHARED` or `../shared` beside the repository), if
/// it is there; tests that need it skip, saying so, when it is not.
fn shared() -> Option<PathBuf> {
    let dir = match std::env::var_os("YUSUAN_SHARED") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    if dir.join("samples").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: needs the shared corpus (../shared or $YUSUAN_SHARED)");
        None
    }
}

/// A PDF of the repository's own samples/ folder.
fn repo_sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples")
        .join(name)
}

fn pdfs(shared: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["samples", "real"] {
        let Ok(entries) = std::fs::read_dir(shared.join(dir)) else {
            continue;
        };
        out.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "pdf")),
        );
    }
    out.sort();
    out
}

#[test]
fn lazy_reader_reads_what_lopdf_reads() {
    let Some(shared) = shared() else { return };
    let files = pdfs(&shared);
    assert!(
        files.len() >= 30,
        "the shared samples and real documents are needed ({} found)",
        files.len()
    );
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let lazy = yusuan_extractor::read(&bytes);
        let full = yusuan_extractor::read_full(&bytes);
        match (lazy, full) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.pages.len(), b.pages.len(), "{}", path.display());
                for (pa, pb) in a.pages.iter().zip(&b.pages) {
                    assert!(pa == pb, "{} page {} differs", path.display(), pa.number);
                }
                assert_eq!(a.repaired, b.repaired, "{}", path.display());
            }
            (Err(a), Err(b)) => assert_eq!(a.kind, b.kind, "{}", path.display()),
            (a, b) => panic!(
                "{}: lazy {:?} vs full {:?}",
                path.display(),
                a.err(),
                b.err()
            ),
        }
    }
}

/// Copies with a byte range zeroed or cut: the lazy reader must notice and hand over to lopdf,
/// so the result is whatever lopdf's repair gives, never a silently shorter document.
#[test]
fn damaged_copies_read_as_lopdf_reads_them() {
    let path = repo_sample("urumqi-2026.pdf");
    let bytes = std::fs::read(&path).unwrap();
    let n = bytes.len();
    let mut cases: Vec<Vec<u8>> = Vec::new();
    for k in 1..12 {
        let at = n * k / 12;
        let mut zeroed = bytes.clone();
        zeroed[at..(at + 64).min(n)].fill(b'0');
        cases.push(zeroed);
        let mut shifted = bytes.clone();
        shifted.insert(at, b' ');
        cases.push(shifted);
    }
    cases.push(bytes[..n - 200].to_vec());
    for (i, case) in cases.iter().enumerate() {
        let lazy = yusuan_extractor::read(case);
        let full = yusuan_extractor::read_full(case);
        match (lazy, full) {
            (Ok(a), Ok(b)) => assert!(a == b, "case {i} differs"),
            (Err(a), Err(b)) => assert_eq!(a.kind, b.kind, "case {i}"),
            (a, b) => panic!("case {i}: lazy {:?} vs full {:?}", a.err(), b.err()),
        }
    }
}

/// Random byte changes anywhere in a file (xref offsets, dictionaries, stream lengths): reading
/// never panics and never hangs, whichever reader ends up reading.
#[test]
fn mutated_files_never_panic() {
    let bytes = std::fs::read(repo_sample("printed/dev-s1-006.pdf")).unwrap();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..150 {
        let mut case = bytes.clone();
        for _ in 0..1 + next() % 4 {
            let at = (next() % case.len() as u64) as usize;
            case[at] = b"0123456789 /<>[]()Rnobjstreamxref\r\n"[(next() % 35) as usize];
        }
        let _ = yusuan_extractor::read(&case);
    }
}

/// Other cross-reference layouts, made by qpdf from shared documents: object streams with an
/// xref stream, linearized with a first-page section, uncompressed, and object streams with
/// linearization. Each must be read by the lazy reader itself (no fallback to lopdf) and give
/// the same pages as lopdf's full loader.
#[test]
fn qpdf_rewrites_read_lazily_and_the_same() {
    let Some(shared) = shared() else { return };
    if std::process::Command::new("qpdf")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "qpdf not found: .ci/run installs it"
        );
        eprintln!("skipped: qpdf not installed");
        return;
    }
    let dir = std::env::temp_dir().join(format!("yusuan-qpdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sources = [
        "samples/urumqi-2026.pdf",
        "real/cq_swu_2023_dept_budget.pdf",
        "real/js_renda_2017_budget.pdf",
    ];
    let layouts: [&[&str]; 4] = [
        &["--object-streams=generate"],
        &["--linearize"],
        &["--object-streams=disable", "--compress-streams=n"],
        &[
            "--object-streams=generate",
            "--linearize",
            "--newline-before-endstream",
        ],
    ];
    for src in sources {
        let input = shared.join(src);
        for (k, args) in layouts.iter().enumerate() {
            let out = dir.join(format!(
                "{k}-{}",
                input.file_name().unwrap().to_string_lossy()
            ));
            let status = std::process::Command::new("qpdf")
                .args(*args)
                .arg(&input)
                .arg(&out)
                .status()
                .unwrap();
            assert!(
                status.code().is_some_and(|c| c == 0 || c == 3),
                "qpdf {args:?} {src}"
            );
            let bytes = std::fs::read(&out).unwrap();
            let lazy = yusuan_extractor::objects::Lazy::open(&bytes)
                .unwrap_or_else(|| panic!("{src} {args:?}: cross-reference not read"));
            for id in lazy.pages() {
                lazy.get(id);
            }
            let a = yusuan_extractor::read(&bytes).unwrap();
            assert!(
                !lazy.broken(),
                "{src} {args:?}: the lazy reader fell back to lopdf"
            );
            let b = yusuan_extractor::read_full(&bytes).unwrap();
            assert!(a == b, "{src} {args:?}: lazy and full readers differ");
            assert_eq!(
                a.pages.len(),
                yusuan_extractor::read(&std::fs::read(&input).unwrap())
                    .unwrap()
                    .pages
                    .len()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every shared document (none is encrypted) is read by the lazy reader itself: a change that
/// made it fall back to lopdf would keep the output and lose the speed, unnoticed.
#[test]
fn shared_documents_do_not_fall_back() {
    let Some(shared) = shared() else { return };
    for path in pdfs(&shared) {
        let bytes = std::fs::read(&path).unwrap();
        let lazy = yusuan_extractor::objects::Lazy::open(&bytes)
            .unwrap_or_else(|| panic!("{}: cross-reference not read", path.display()));
        let pages = lazy.pages();
        assert!(!pages.is_empty(), "{}", path.display());
        for id in pages {
            lazy.get(id);
        }
        assert!(!lazy.broken(), "{}", path.display());
    }
}
