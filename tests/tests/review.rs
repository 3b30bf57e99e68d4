//! Review pages (issue 15) in a real browser: `yusuan extract --review` over the seed document
//! and three real documents, each page loaded by headless Chromium with its script run
//! (`--dump-dom`). Per document: one element with `data-fact-id` per facts.csv row, every
//! failed check of checks.csv listed and, when linked, carried by exactly its cells (an
//! unlinked one says why), the script ran and logged no error. A screenshot of the first
//! table page is not blank.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it); skipped with a message when it is absent
//! outside CI (`CI` unset). `YUSUAN_CHROMIUM` names another binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use yusuan_e2e::{extract, get, real, samples};

/// Three real documents beside the seed: failed parent sums and code names (cc_xinfang), the
/// most failed checks of every kind, narrative ones included (sh_putuo_sifaju unit budget), and
/// a final account with unplaced numbers (sh_putuo_czj).
const REAL: &[&str] = &[
    "cc_xinfang_2026_dept_budget.pdf",
    "sh_putuo_sifaju_2026_unit_budget.pdf",
    "sh_putuo_czj_2024_final.pdf",
];

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("YUSUAN_CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(PathBuf::from)
}

/// Chromium with a fresh profile and no network or background services.
fn browser(bin: &Path, profile: &Path) -> Command {
    let mut c = Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

fn url(path: &Path, fragment: &str) -> String {
    format!("file://{}{fragment}", path.display())
}

/// Values of attribute `name` on every element of `dom` that has it.
fn attr_values<'a>(dom: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!(" {name}=\"");
    dom.match_indices(&pat)
        .map(|(at, _)| {
            let rest = &dom[at + pat.len()..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .collect()
}

/// The opening tag of the element carrying `attr="value"`.
fn tag_with<'a>(dom: &'a str, attr: &str, value: &str) -> Option<&'a str> {
    let pat = format!(" {attr}=\"{value}\"");
    let at = dom.find(&pat)?;
    let start = dom[..at].rfind('<')?;
    let end = at + dom[at..].find('>')?;
    Some(&dom[start..=end])
}

/// Standard deviation of a PNG's pixel bytes and the share of pixels unlike the first one,
/// decoded by python3's zlib (no image crate in the tests).
fn png_spread(png: &Path) -> (f64, f64) {
    const DECODE: &str = r#"
import sys, zlib, struct
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos+8])
    body = data[pos+8:pos+8+n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
assert depth == 8, depth
bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
raw, stride = zlib.decompress(idat), w * bpp
prev, rows, i = bytearray(stride), [], 0
for _ in range(h):
    f, line = raw[i], bytearray(raw[i+1:i+1+stride]); i += 1 + stride
    for x in range(stride):
        a = line[x-bpp] if x >= bpp else 0
        b = prev[x]; c = prev[x-bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
px = [bytes(r[x:x+bpp]) for r in rows[::4] for x in range(0, stride, bpp * 4)]
vals = [v for p in px for v in p]
mean = sum(vals) / len(vals)
sd = (sum((v - mean) ** 2 for v in vals) / len(vals)) ** 0.5
print(sd, sum(1 for p in px if p != px[0]) / len(px))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(DECODE)
        .arg(png)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "decoding {}: {}",
        png.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let v: Vec<f64> = text
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect();
    (v[0], v[1])
}

#[test]
fn review_pages_in_a_browser() {
    let Some(chrome) = chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!("chromium is not installed (.ci/run installs it)");
        }
        eprintln!("SKIPPED review_pages_in_a_browser: chromium not found (apt-get install chromium; or set YUSUAN_CHROMIUM)");
        return;
    };
    yusuan_e2e::need_shared!();
    let seed = samples().join("urumqi-2026.pdf");
    let reals: Vec<PathBuf> = REAL.iter().map(|f| real().join(f)).collect();
    let mut inputs: Vec<&Path> = vec![seed.as_path()];
    inputs.extend(reals.iter().map(PathBuf::as_path));
    let run = extract(&inputs, &["--review"]);
    assert!(
        matches!(run.code(), Some(0) | Some(1)),
        "extract failed: {}",
        run.stderr()
    );
    let review = run.out().join("review");
    let index = std::fs::read_to_string(review.join("index.html")).expect("review/index.html");

    let facts = run.csv("facts.csv");
    let checks = run.csv("checks.csv");
    let unplaced = run.csv("unplaced.csv");
    let docs = run.csv("documents.csv");
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut problems = Vec::new();
    let mut report = Vec::new();
    for (k, doc) in docs.rows.iter().enumerate() {
        let source = get(doc, "source");
        let stem = source.trim_end_matches(".pdf");
        let page = review.join(format!("{stem}.html"));
        assert!(page.exists(), "no review page {}", page.display());
        assert!(
            index.contains(&format!("href=\"{stem}.html\"")),
            "index.html does not link {stem}.html"
        );
        // The same stem as the tables/ folder.
        if get(doc, "tables") != "0" {
            assert!(
                run.out().join("tables").join(stem).is_dir(),
                "tables/{stem}"
            );
        }
        let html = std::fs::read_to_string(&page).expect("review page");
        assert!(
            !html.contains("http://") && !html.contains("https://") && !html.contains(" src="),
            "{stem}: the page refers to something outside itself"
        );
        let profile = tmp.path().join(format!("profile-{k}"));
        let out = browser(&chrome, &profile)
            .args(["--virtual-time-budget=5000", "--dump-dom"])
            .arg(url(&page, ""))
            .output()
            .expect("running chromium");
        let dom = String::from_utf8_lossy(&out.stdout);
        let log = String::from_utf8_lossy(&out.stderr);
        assert!(
            dom.contains("data-ready=\"1\""),
            "{stem}: the page's script did not run:\n{log}"
        );
        let errors = dom
            .split("id=\"review-errors\"")
            .nth(1)
            .and_then(|s| s.split_once('>'))
            .and_then(|(_, s)| s.split_once("</pre>"))
            .map(|(s, _)| s.to_string())
            .unwrap_or_default();
        if !errors.trim().is_empty() {
            problems.push(format!("{stem}: the page logged errors: {errors}"));
        }
        for l in log
            .lines()
            .filter(|l| l.contains("CONSOLE") && l.contains("Uncaught"))
        {
            problems.push(format!("{stem}: console: {l}"));
        }

        // One marked fact per facts.csv row, each id once.
        let want_facts = facts
            .rows
            .iter()
            .filter(|r| get(r, "source") == source)
            .count();
        let ids = attr_values(&dom, "data-fact-id");
        let distinct: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        // Where facts.csv carries its own fact_id, the page marks exactly those ids.
        if facts.headers.iter().any(|h| h == "fact_id") {
            let want: std::collections::BTreeSet<String> = facts
                .rows
                .iter()
                .filter(|r| get(r, "source") == source)
                .map(|r| {
                    get(r, "fact_id")
                        .replace('&', "&amp;")
                        .replace('"', "&quot;")
                })
                .collect();
            let have: std::collections::BTreeSet<String> =
                distinct.iter().map(|s| s.to_string()).collect();
            if want != have {
                problems.push(format!(
                    "{stem}: data-fact-id differs from facts.csv fact_id (e.g. {:?} vs {:?})",
                    have.difference(&want).next(),
                    want.difference(&have).next()
                ));
            }
        }
        if ids.len() != want_facts || distinct.len() != ids.len() {
            problems.push(format!(
                "{stem}: {} marked facts ({} distinct ids), facts.csv has {want_facts}",
                ids.len(),
                distinct.len()
            ));
        }

        // Honest rendering: every fact drawn on its page (none only listed), each unplaced
        // number drawn as unplaced and never as a fact, one outline per table found.
        let drawn = dom
            .split("<svg")
            .skip(1)
            .map(|svg| attr_values(svg.split("</svg>").next().unwrap_or(""), "data-fact-id").len())
            .sum::<usize>();
        if drawn != want_facts {
            problems.push(format!(
                "{stem}: {drawn} of {want_facts} facts drawn on the pages"
            ));
        }
        let want_unplaced = unplaced
            .rows
            .iter()
            .filter(|r| get(r, "source") == source)
            .count();
        let unplaced_marks = attr_values(&dom, "data-u").len();
        if unplaced_marks != want_unplaced {
            problems.push(format!(
                "{stem}: {unplaced_marks} unplaced marks, unplaced.csv has {want_unplaced}"
            ));
        }
        if dom.contains("class=\"u\" data-fact-id") || dom.contains("class=\"f\" data-u") {
            problems.push(format!(
                "{stem}: a number marked both as a fact and as unplaced"
            ));
        }
        let outlines = dom.matches("class=\"t\" id=\"t").count();
        let want_tables: usize = get(doc, "tables").parse().unwrap_or(0);
        if outlines != want_tables {
            problems.push(format!(
                "{stem}: {outlines} tables outlined, {want_tables} found"
            ));
        }

        // Every failed check is listed under its id c<k> (k: its place among the document's
        // checks.csv rows); a linked one is carried by exactly its cells.
        let mut carried: BTreeMap<&str, usize> = BTreeMap::new();
        for v in attr_values(&dom, "data-checks") {
            for id in v.split(' ') {
                *carried.entry(id).or_default() += 1;
            }
        }
        let (mut failed, mut linked) = (0, 0);
        for (i, c) in checks
            .rows
            .iter()
            .filter(|r| get(r, "source") == source)
            .enumerate()
        {
            if get(c, "status") != "fail" {
                continue;
            }
            failed += 1;
            let id = format!("c{}", i + 1);
            let Some(li) = tag_with(&dom, "data-check", &id) else {
                problems.push(format!(
                    "{stem}: failed check {id} ({}) not listed",
                    get(c, "subject")
                ));
                continue;
            };
            let cells: usize = attr_values(li, "data-cells")
                .first()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let on = carried.get(id.as_str()).copied().unwrap_or(0);
            if cells > 0 {
                linked += 1;
                if on != cells {
                    problems.push(format!(
                        "{stem}: check {id} ({} {}) lists {cells} cells, {on} carry it",
                        get(c, "check"),
                        get(c, "subject")
                    ));
                }
            } else if !li.contains("unlinked") || on != 0 {
                problems.push(format!(
                    "{stem}: check {id} has no cells and does not say why"
                ));
            }
        }
        report.push(format!(
            "{stem}: {want_facts} facts ({drawn} drawn), {want_unplaced} unplaced, {failed} failed checks ({linked} linked to cells), {} KB",
            html.len() / 1024
        ));
    }
    eprintln!("{}", report.join("\n"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // A screenshot of the seed's first table page is not blank.
    let page = review.join("urumqi-2026.html");
    let html = std::fs::read_to_string(&page).expect("seed page");
    let at = html.find(" id=\"t1\"").expect("the seed has a table t1");
    let section = html[..at]
        .rfind("<section class=\"page\" id=\"")
        .expect("its page");
    // `#page=N` shows that page alone: headless screenshots of a scrolled page come out blank.
    let pid: String = html[section..]
        .split_once("data-page=\"")
        .expect("data-page")
        .1
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let png = tmp.path().join("first-table.png");
    let out = browser(&chrome, &tmp.path().join("profile-shot"))
        .args(["--virtual-time-budget=5000", "--window-size=1400,1000"])
        .arg(format!("--screenshot={}", png.display()))
        .arg(url(&page, &format!("#page={pid}")))
        .output()
        .expect("running chromium");
    assert!(
        png.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (sd, varied) = png_spread(&png);
    assert!(
        sd > 10.0 && varied > 0.02,
        "the screenshot of page {pid} looks blank (pixel sd {sd:.1}, {:.1} % of pixels differ from the corner)",
        varied * 100.0
    );
}
