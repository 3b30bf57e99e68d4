//! Report which key indicators were found in pdftotext output files.
//!
//! Usage: `cargo run -p yusuan-narrative --example indicators_report -- [--rows] FILE.txt...`
//!
//! Each file is `pdftotext` output (pages separated by form feed `\f`). For
//! every document the program prints whether the text *states* each of
//! 机关运行经费 / 政府采购 / 车辆 with a figure nearby (a grep-like check on the
//! raw text) and whether the parser *captured* operating_costs /
//! procurement_total / vehicles_count. With `--rows` all rows are printed.

use std::sync::LazyLock;
use yusuan_narrative::{extract_indicators, normalize, PageText};

static STATES: LazyLock<[(&'static str, regex::Regex); 3]> = LazyLock::new(|| {
    let r = |p: &str| regex::Regex::new(p).expect("static regex");
    [
        // keyword, then within 60 chars a number with a money unit, no sentence end between
        (
            "operating_costs",
            r(r"机关运行经费[^。]{0,60}?\d[\d,]*(?:\.\d+)?(?:万元|元)"),
        ),
        (
            "procurement_total",
            r(r"政府采购[^。]{0,60}?\d[\d,]*(?:\.\d+)?(?:万元|元)"),
        ),
        (
            "vehicles_count",
            r(r"(?:车辆|公务用车)[^。]{0,20}?\d+(?:辆|台)"),
        ),
    ]
});

fn main() {
    let mut show_rows = false;
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--rows" {
            show_rows = true;
        } else {
            files.push(a);
        }
    }
    let mut stated = [0usize; 3];
    let mut captured = [0usize; 3];
    let mut both = [0usize; 3];
    for f in &files {
        let Ok(raw) = std::fs::read_to_string(f) else {
            eprintln!("cannot read {f}");
            continue;
        };
        let pages: Vec<PageText> = raw
            .split('\u{c}')
            .enumerate()
            .map(|(i, p)| PageText {
                number: i + 1,
                lines: p.lines().map(|l| l.to_string()).collect(),
            })
            .collect();
        let rows = extract_indicators(&pages);
        let flat: String = raw.lines().map(normalize).collect::<Vec<_>>().join("");
        let name = std::path::Path::new(f)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(f);
        let mut line = format!("{name:<50}");
        for (i, (key, re)) in STATES.iter().enumerate() {
            let st = re.is_match(&flat);
            let cap: Vec<String> = rows
                .iter()
                .filter(|r| r.indicator == *key)
                .map(|r| format!("{}{}", r.value, r.value_unit))
                .collect();
            let c = !cap.is_empty();
            stated[i] += st as usize;
            captured[i] += c as usize;
            both[i] += (st && c) as usize;
            line.push_str(&format!(
                "  {key}: stated={} captured={}",
                if st { "y" } else { "n" },
                if c {
                    cap.first().cloned().unwrap_or_default()
                } else {
                    "-".into()
                }
            ));
        }
        println!("{line}");
        if show_rows {
            print_rows(&rows);
        }
    }
    println!("documents: {}", files.len());
    for (i, (key, _)) in STATES.iter().enumerate() {
        println!(
            "{key}: stated in {} docs, captured in {} docs ({} of the stated ones)",
            stated[i], captured[i], both[i]
        );
    }
}

/// One line per indicator row (`--rows`).
fn print_rows(rows: &[yusuan_narrative::Indicator]) {
    for r in rows {
        println!(
            "    p{:<3} {:<36} {:<14} {:>12} {:<4} prior={:?} chg={:?} pct={:?} share={:?} [{}]",
            r.page,
            r.indicator,
            r.subject,
            r.value.to_string(),
            r.value_unit,
            r.prior_year_value.map(|d| d.to_string()),
            r.change.map(|d| d.to_string()),
            r.change_pct.map(|d| d.to_string()),
            r.share_pct.map(|d| d.to_string()),
            r.section
        );
    }
}
