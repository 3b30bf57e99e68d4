//! The lazy object reader must give exactly what lopdf's full loader gives: every glyph, rule
//! and page box of every shared PDF, and damaged copies must still read (through the fallback).

use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn pdfs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["samples", "real"] {
        let Ok(entries) = std::fs::read_dir(shared().join(dir)) else { continue };
        out.extend(entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "pdf")));
    }
    out.sort();
    out
}

#[test]
fn lazy_reader_reads_what_lopdf_reads() {
    let files = pdfs();
    assert!(files.len() >= 30, "the shared samples and real documents are needed ({} found)", files.len());
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
            (a, b) => panic!("{}: lazy {:?} vs full {:?}", path.display(), a.err(), b.err()),
        }
    }
}

/// Copies with a byte range zeroed or cut: the lazy reader must notice and hand over to lopdf,
/// so the result is whatever lopdf's repair gives, never a silently shorter document.
#[test]
fn damaged_copies_read_as_lopdf_reads_them() {
    let path = shared().join("samples/urumqi-2026.pdf");
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
    let bytes = std::fs::read(shared().join("samples/dev-s1-006.pdf")).unwrap();
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
