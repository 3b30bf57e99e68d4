//! A font whose ToUnicode map points at the wrong characters is a known failure of published
//! PDFs: the text copies out as Latin letters (ß, ÿ, Ā, …) where Chinese should be. The seed
//! document is rewritten uncompressed by qpdf and its ToUnicode maps edited in place (same
//! lengths, so the file stays valid): every Chinese destination, or one in three, becomes a
//! Latin letter. The first copy must fail as `garbled_text`; the second must say, as `partial`,
//! that characters are garbled. Digits keep their mapping in both.

use std::path::Path;
use yusuan_e2e::{extract, get, repo_samples};

/// Rewrites the destinations of bfchar/bfrange entries that map to CJK ideographs: every
/// `every`-th one becomes U+00C0 + (code mod 64), a Latin letter with a diacritic.
fn garble(pdf: &[u8], every: usize) -> Vec<u8> {
    let mut out = pdf.to_vec();
    let mut seen = 0usize;
    let mut i = 0;
    while let Some(start) = find(&out, i, b"beginbf") {
        let Some(end) = find(&out, start, b"endbf") else {
            break;
        };
        // Each line: <src> <dst>  or  <lo> <hi> <dst>; the destination is the last <XXXX>.
        let mut line_start = start;
        while line_start < end {
            let line_end = out[line_start..end]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(end, |p| line_start + p);
            let line = &out[line_start..line_end];
            if let Some(open) = line.iter().rposition(|b| *b == b'<') {
                let at = line_start + open + 1;
                if out.get(at + 4) == Some(&b'>') {
                    if let Some(v) = std::str::from_utf8(&out[at..at + 4])
                        .ok()
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                    {
                        if (0x4e00..=0x9fff).contains(&v) {
                            if seen.is_multiple_of(every) {
                                let new = format!("{:04X}", 0xc0 + v % 64);
                                out[at..at + 4].copy_from_slice(new.as_bytes());
                            }
                            seen += 1;
                        }
                    }
                }
            }
            line_start = line_end + 1;
        }
        i = end;
    }
    assert!(
        seen > 100,
        "the seed document's ToUnicode maps were not found ({seen} entries)"
    );
    out
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn uncompressed_seed(dir: &Path) -> Option<Vec<u8>> {
    let out = dir.join("seed-qdf.pdf");
    let status = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(repo_samples().join("urumqi-2026.pdf"))
        .arg(&out)
        .status()
        .ok()?;
    assert!(
        status.code().is_some_and(|c| c == 0 || c == 3),
        "qpdf failed"
    );
    Some(std::fs::read(out).unwrap())
}

#[test]
fn wrong_tounicode_maps_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let Some(seed) = uncompressed_seed(dir.path()) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "qpdf not found: .ci/run installs it"
        );
        eprintln!("skipped: qpdf not installed");
        return;
    };
    let all = dir.path().join("all-garbled.pdf");
    let some = dir.path().join("some-garbled.pdf");
    let intact = dir.path().join("intact.pdf");
    std::fs::write(&all, garble(&seed, 1)).unwrap();
    std::fs::write(&some, garble(&seed, 3)).unwrap();
    std::fs::write(&intact, &seed).unwrap();
    let run = extract(&[&all, &some, &intact], &[]);
    let docs = run.csv("documents.csv");
    let row = |name: &str| {
        docs.rows
            .iter()
            .find(|r| get(r, "source") == name)
            .unwrap_or_else(|| panic!("{name} not in documents.csv"))
    };

    let r = row("all-garbled.pdf");
    assert_eq!(
        (get(r, "status"), get(r, "error_kind")),
        ("failed", "garbled_text"),
        "{}",
        get(r, "error")
    );
    assert!(get(r, "error").contains("OCR"), "{}", get(r, "error"));

    let r = row("some-garbled.pdf");
    assert_eq!(get(r, "status"), "partial", "{}", get(r, "error"));
    assert!(
        get(r, "error").contains("where Chinese is expected"),
        "{}",
        get(r, "error")
    );

    // The same file with its maps intact reads as the seed does.
    let r = row("intact.pdf");
    assert_eq!((get(r, "status"), get(r, "error")), ("ok", ""));
}
