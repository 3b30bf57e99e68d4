//! `yusuan text` must agree with poppler's `pdftotext` on the Chinese characters of every
//! text PDF in shared/real and shared/samples: the CJK characters (U+4E00–U+9FFF,
//! U+3400–U+4DBF) compared as multisets, agreement = |A ∩ B| / max(|A|, |B|) ≥ 0.999, and no
//! U+FFFD in yusuan's output. Documents where pdftotext finds fewer than 50 CJK characters
//! (scans) are skipped. pdftotext is required (CI installs poppler-utils in .ci/run).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use yusuan_e2e::{pdfs, real, samples, yusuan};

const THRESHOLD: f64 = 0.999;

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn cjk(text: &str) -> BTreeMap<char, i64> {
    let mut m = BTreeMap::new();
    for c in text.chars().filter(|&c| is_cjk(c)) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

fn pdftotext(file: &Path) -> String {
    let out = match Command::new("pdftotext").arg(file).arg("-").output() {
        Ok(o) => o,
        Err(e) => panic!(
            "pdftotext could not be run ({e}). This test needs poppler's pdftotext: run .ci/run, \
             or install poppler-utils (apt-get install -y poppler-utils)."
        ),
    };
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fmt_diff(d: &[(char, i64)]) -> String {
    d.iter()
        .take(30)
        .map(|(c, n)| format!("{c}×{n}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn text_agreement_with_pdftotext() {
    yusuan_e2e::need_shared!();
    // Fail early and clearly when poppler is missing.
    if Command::new("pdftotext").arg("-v").output().is_err() {
        panic!("pdftotext is not installed. Run .ci/run, or install poppler-utils (apt-get install -y poppler-utils).");
    }
    let mut files = pdfs(&real());
    files.extend(pdfs(&samples()));
    let mut report = Vec::new();
    let mut problems = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let b = cjk(&pdftotext(f));
        let nb: i64 = b.values().sum();
        if nb < 50 {
            report.push(format!(
                "  {name:<55} skipped (pdftotext: {nb} CJK characters)"
            ));
            continue;
        }
        let out = yusuan(["text".as_ref(), f.as_os_str()]);
        let ours = String::from_utf8_lossy(&out.stdout).into_owned();
        if !out.status.success() {
            problems.push(format!(
                "{name}: `yusuan text` failed ({:?}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let replacement = ours.chars().filter(|&c| c == '\u{FFFD}').count();
        let a = cjk(&ours);
        let na: i64 = a.values().sum();
        let inter: i64 = a
            .iter()
            .map(|(c, n)| (*n).min(*b.get(c).unwrap_or(&0)))
            .sum();
        let agreement = inter as f64 / na.max(nb) as f64;
        // missing: in pdftotext, not (as often) in ours; extra: the reverse.
        let mut missing: Vec<(char, i64)> = b
            .iter()
            .map(|(c, n)| (*c, n - a.get(c).copied().unwrap_or(0)))
            .filter(|(_, d)| *d > 0)
            .collect();
        let mut extra: Vec<(char, i64)> = a
            .iter()
            .map(|(c, n)| (*c, n - b.get(c).copied().unwrap_or(0)))
            .filter(|(_, d)| *d > 0)
            .collect();
        missing.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        extra.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        let nmiss: i64 = missing.iter().map(|x| x.1).sum();
        let nextra: i64 = extra.iter().map(|x| x.1).sum();
        report.push(format!(
            "  {name:<55} agreement {agreement:.5}  yusuan {na:>6}  pdftotext {nb:>6}  missing {nmiss:>4}  extra {nextra:>4}  U+FFFD {replacement}"
        ));
        if agreement < THRESHOLD {
            problems.push(format!(
                "{name}: agreement {agreement:.5} < {THRESHOLD}\n    missing (in pdftotext, not in yusuan): {}\n    extra (in yusuan, not in pdftotext): {}",
                fmt_diff(&missing),
                fmt_diff(&extra)
            ));
        }
        if replacement > 0 {
            problems.push(format!(
                "{name}: {replacement} U+FFFD replacement character(s) in yusuan text output"
            ));
        }
    }
    let report = report.join("\n");
    eprintln!("CJK agreement per document:\n{report}");
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}\n\nall documents:\n{report}",
        problems.len(),
        problems.join("\n")
    );
}
