//! # yusuan-review
//!
//! Brief overview. A self-contained HTML page per document that shows what the tool read: every
//! page redrawn as SVG from the reader's own glyphs and rules ([`svg`]), every table layout found
//! outlined and labelled, every printed number of its body marked as a fact, as unplaced (with
//! the normalizer's reason) or as another number (with where it went), the cells of each failed check
//! ([`links`]), and a side panel with the status, tables, failed checks and narrative figures
//! ([`panel`]); and an index of a batch, worst document first ([`index`]). No network: styles,
//! script and data are inside the file, text is drawn with the reader's system fonts.
//!
//! Honest rendering: a number is drawn as a fact only in the cell layout placed it in; a fact
//! whose cell has no box is listed in the panel, not drawn; only tables layout found are
//! outlined.

#![warn(missing_docs)]

pub mod cells;
pub mod escape;
pub mod index;
pub mod links;
pub mod panel;
pub mod svg;

use cells::Rect;
use escape::{json_str, push};
use links::Link;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use yusuan_exporter::DocumentRecord;
use yusuan_extractor::Document;
use yusuan_normalizer::CheckStatus;
use yusuan_normalizer::Normalized;

pub use index::{write_index, write_index_from_documents_csv, Summary};

const CSS: &str = include_str!("assets/review.css");
const JS: &str = include_str!("assets/review.js");

pub use yusuan_exporter::{cell_id as fact_id, tables_folder as stem_of};

/// Writes `dir/<stem>.html` (through a temporary name) and returns its path.
pub fn write_page(dir: &Path, rec: &DocumentRecord, doc: Option<&Document>) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let stem = stem_of(&rec.source);
    let path = dir.join(format!("{stem}.html"));
    let tmp = dir.join(format!(".{stem}.html.partial"));
    let mut w = io::BufWriter::with_capacity(64 * 1024, std::fs::File::create(&tmp)?);
    write_html(&mut w, rec, doc)?;
    w.flush()?;
    drop(w);
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

/// Where a number is drawn: page and box.
type Spot = Option<(usize, Rect)>;

/// A JSON array item: a string or a count.
enum Json<'a> {
    S(&'a str),
    /// An owned string (a joined path, a formatted amount).
    O(String),
    N(usize),
}

/// `[a,b,…]` of JSON strings and numbers.
fn json_items(out: &mut String, parts: &[Json]) {
    out.push('[');
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match p {
            Json::S(s) => json_str(out, s),
            Json::O(s) => json_str(out, s),
            Json::N(v) => escape::uint(out, *v as u64),
        }
    }
    out.push(']');
}

/// `[[…],[…],…]`: one array per row.
fn json_rows<'a>(out: &mut String, rows: impl Iterator<Item = Vec<Json<'a>>>) {
    out.push('[');
    for (i, row) in rows.enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_items(out, &row);
    }
    out.push(']');
}

/// What a mark on the page stands for (an index into facts, unplaced or others).
#[derive(Debug, Clone, Copy)]
enum Mark {
    Fact(usize),
    Unplaced(usize),
    Other(usize),
}

/// A printed number in a table body that is neither a fact nor unplaced.
struct Other {
    table: usize,
    row: usize,
    col: usize,
    text: String,
    spot: Spot,
    /// Where it went instead, if anywhere.
    note: &'static str,
}

/// Performance tables: a number in an indicator row is a value of performance.csv.
fn in_targets(n: &Normalized, table: usize, page: usize, text: &str) -> bool {
    n.targets.iter().any(|(t, r)| {
        *t == table
            && r.page == page
            && (r.target.trim() == text || r.other.split(" | ").any(|c| c.trim() == text))
    })
}

/// Everything the page shows, located.
pub(crate) struct Model<'a> {
    rec: &'a DocumentRecord,
    n: Option<&'a Normalized>,
    doc: Option<&'a Document>,
    fact_ids: Vec<String>,
    fact_spots: Vec<Spot>,
    unplaced_spots: Vec<Spot>,
    others: Vec<Other>,
    /// Per check: its link when it failed.
    links: Vec<Option<Link>>,
    /// Per fact: the failed checks (indices into `checks`) that compared it.
    fact_checks: Vec<Vec<usize>>,
}

/// The id of a check on the page: `c<k>`, k its 1-based place among the document's
/// checks.csv rows.
pub(crate) fn check_id(k: usize) -> String {
    format!("c{}", k + 1)
}

impl<'a> Model<'a> {
    fn new(rec: &'a DocumentRecord, doc: Option<&'a Document>) -> Model<'a> {
        let n = rec.normalized.as_ref();
        let mut m = Model {
            rec,
            n,
            doc,
            fact_ids: Vec::new(),
            fact_spots: Vec::new(),
            unplaced_spots: Vec::new(),
            others: Vec::new(),
            links: Vec::new(),
            fact_checks: Vec::new(),
        };
        let Some(n) = n else { return m };
        let mut taken: std::collections::HashSet<(usize, usize, usize)> = Default::default();
        for f in &n.facts {
            let t = &n.tables[f.table].table;
            let cell = cells::fact_cell(t, f);
            m.fact_ids
                .push(fact_id(&rec.source, f.table, f.body_row, f.col));
            m.fact_spots.push(cell.and_then(|(row, col)| {
                taken.insert((f.table, row, col));
                Some((t.rows[row].page, cells::cell_box(t, row, col)?))
            }));
        }
        for u in &n.unplaced {
            let t = &n.tables[u.table].table;
            let cell = cells::unplaced_cell(t, u);
            m.unplaced_spots.push(cell.and_then(|(row, col)| {
                taken.insert((u.table, row, col));
                Some((t.rows[row].page, cells::cell_box(t, row, col)?))
            }));
        }
        for (ti, kt) in n.tables.iter().enumerate() {
            for (ri, row) in kt.table.rows.iter().enumerate() {
                for (ci, cell) in row.cells.iter().enumerate() {
                    if cells::is_printed_number(cell) && !taken.contains(&(ti, ri, ci)) {
                        let text = cell.trim().to_string();
                        let note = if in_targets(n, ti, row.page, &text) {
                            "a performance indicator's value (performance.csv)"
                        } else {
                            "neither a fact nor in unplaced.csv"
                        };
                        m.others.push(Other {
                            table: ti,
                            row: ri,
                            col: ci,
                            text,
                            spot: cells::cell_box(&kt.table, ri, ci).map(|b| (row.page, b)),
                            note,
                        });
                    }
                }
            }
        }
        m.fact_checks = vec![Vec::new(); n.facts.len()];
        m.links = links::link_all(n);
        for (k, l) in m.links.iter().enumerate() {
            if let Some(Link::Facts(fs)) = l {
                for f in fs {
                    m.fact_checks[*f].push(k);
                }
            }
        }
        m
    }

    /// The data the script shows on hover, as JSON (safe inside `<script>`): tables
    /// `[key, no, title, unit]`, facts `[table, row_no, row_label, code, code_name_std,
    /// column_path, measure, amount, project, page]`, unplaced `[table, row_no, column_path,
    /// cell, reason]` and failed checks `{id: [check, subject, expected, actual]}`.
    fn data(&self, out: &mut String) {
        let Some(n) = self.n else {
            out.push_str("{}");
            return;
        };
        out.push_str("{\"tables\":");
        json_rows(
            out,
            n.tables.iter().map(|kt| {
                let t = &kt.table;
                vec![
                    Json::S(kt.key.as_str()),
                    Json::S(&t.table_no),
                    Json::S(&t.title),
                    Json::S(&t.amount_unit),
                ]
            }),
        );
        out.push_str(",\"facts\":");
        json_rows(
            out,
            n.facts.iter().zip(&n.enrich).map(|(f, e)| {
                vec![
                    Json::N(f.table),
                    Json::N(f.row_no),
                    Json::S(&f.row_label),
                    Json::S(&f.code),
                    Json::S(&e.code_name_std),
                    Json::O(f.column_path.join(" > ")),
                    Json::S(&f.measure),
                    Json::O(f.amount.to_string()),
                    Json::S(&f.project),
                    Json::N(f.page),
                ]
            }),
        );
        out.push_str(",\"unplaced\":");
        json_rows(
            out,
            n.unplaced.iter().map(|u| {
                vec![
                    Json::N(u.table),
                    Json::N(u.row_no),
                    Json::O(u.column_path.join(" > ")),
                    Json::S(&u.cell),
                    Json::S(u.reason),
                ]
            }),
        );
        out.push_str(",\"checks\":{");
        let failed = n
            .checks
            .iter()
            .enumerate()
            .filter(|(_, c)| c.status == CheckStatus::Fail);
        for (i, (k, c)) in failed.enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_str(out, &check_id(k));
            out.push(':');
            json_items(
                out,
                &[
                    Json::S(c.check),
                    Json::S(&c.subject),
                    Json::O(c.expected.normalize().to_string()),
                    Json::O(c.actual.normalize().to_string()),
                ],
            );
        }
        out.push_str("}}");
    }

    /// The marks of each page, in drawing order: facts, unplaced numbers, other numbers.
    fn marks_by_page(&self) -> BTreeMap<usize, Vec<(Mark, Rect)>> {
        let mut by: BTreeMap<usize, Vec<(Mark, Rect)>> = BTreeMap::new();
        let spots = self
            .fact_spots
            .iter()
            .enumerate()
            .map(|(i, s)| (Mark::Fact(i), *s));
        let unplaced = self
            .unplaced_spots
            .iter()
            .enumerate()
            .map(|(i, s)| (Mark::Unplaced(i), *s));
        let others = self
            .others
            .iter()
            .enumerate()
            .map(|(i, o)| (Mark::Other(i), o.spot));
        for (mark, spot) in spots.chain(unplaced).chain(others) {
            if let Some((page, b)) = spot {
                by.entry(page).or_default().push((mark, b));
            }
        }
        by
    }

    /// The marks of one page.
    fn marks(&self, out: &mut String, marks: &[(Mark, Rect)]) {
        let mut attrs = String::new();
        for (mark, b) in marks {
            attrs.clear();
            match *mark {
                Mark::Fact(i) => {
                    attrs.push_str("class=\"f\" data-fact-id=\"");
                    push(&mut attrs, &self.fact_ids[i]);
                    attrs.push_str("\" data-i=\"");
                    escape::uint(&mut attrs, i as u64);
                    attrs.push('"');
                    if !self.fact_checks[i].is_empty() {
                        let ids: Vec<String> =
                            self.fact_checks[i].iter().map(|k| check_id(*k)).collect();
                        attrs.push_str(" data-checks=\"");
                        attrs.push_str(&ids.join(" "));
                        attrs.push('"');
                    }
                }
                Mark::Unplaced(i) => {
                    attrs.push_str("class=\"u\" data-u=\"");
                    escape::uint(&mut attrs, i as u64);
                    attrs.push('"');
                }
                Mark::Other(i) => {
                    attrs.push_str("class=\"o\" data-o=\"");
                    escape::uint(&mut attrs, i as u64);
                    attrs.push('"');
                }
            }
            svg::rect(out, &attrs, *b);
        }
    }

    /// Outlines, labels and row/column shading of the tables on one page.
    fn tables(&self, out: &mut String, page: usize) {
        let Some(n) = self.n else { return };
        for (ti, kt) in n.tables.iter().enumerate() {
            let t = &kt.table;
            let first_page = t.areas.first().map(|a| a.0);
            for a in t.areas.iter().filter(|a| a.0 == page) {
                let area = [a.1, a.2, a.3, a.4];
                // Body rows and columns on this page, from the cell boxes layout gives.
                let mut rows: Vec<Rect> = Vec::new();
                let mut cols: Vec<Option<Rect>> = vec![None; t.columns()];
                for (ri, row) in t.rows.iter().enumerate() {
                    if row.page != page {
                        continue;
                    }
                    let mut rb: Option<Rect> = None;
                    for ci in 0..row.cells.len() {
                        let Some(b) = cells::cell_box(t, ri, ci) else {
                            continue;
                        };
                        if b[1] < area[1] - 1.0 || b[3] > area[3] + 1.0 {
                            continue;
                        }
                        rb = Some(union(rb, b));
                        if let Some(c) = cols.get_mut(ci) {
                            *c = Some(union(*c, b));
                        }
                    }
                    if let Some(rb) = rb {
                        rows.push([area[0], rb[1], area[2], rb[3]]);
                    }
                }
                if let Some(top) = rows.iter().map(|r| r[1]).reduce(f32::min) {
                    if top > area[1] + 1.0 {
                        svg::rect(out, "class=\"hd\"", [area[0], area[1], area[2], top]);
                    }
                }
                for r in rows.iter().skip(1).step_by(2) {
                    svg::rect(out, "class=\"rb\"", *r);
                }
                for c in cols.iter().skip(1).step_by(2).flatten() {
                    svg::rect(out, "class=\"cb\"", [c[0], area[1], c[2], area[3]]);
                }
                let id = format!("t{}", ti + 1);
                let attrs = if Some(page) == first_page && a == &t.areas[0] {
                    format!("class=\"t\" id=\"{id}\" data-table=\"{id}\"")
                } else {
                    format!("class=\"t\" data-table=\"{id}\"")
                };
                svg::rect(out, &attrs, area);
                let label = format!(
                    "{} {} {}{}",
                    if t.table_no.is_empty() {
                        "(no number)"
                    } else {
                        &t.table_no
                    },
                    kt.key,
                    t.title,
                    if Some(page) == first_page {
                        ""
                    } else {
                        " (continued)"
                    }
                );
                svg::table_label(out, &id, area, &label);
            }
        }
    }
}

fn union(a: Option<Rect>, b: Rect) -> Rect {
    match a {
        None => b,
        Some(a) => [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ],
    }
}

/// The review page of one document. `doc` is the document as read (None when it could not be
/// read: the page then shows the status and error only).
pub fn page_html(rec: &DocumentRecord, doc: Option<&Document>) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_html(&mut out, rec, doc);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the review page to `w` page by page: one page's SVG is held in memory at a time.
pub fn write_html(
    w: &mut dyn Write,
    rec: &DocumentRecord,
    doc: Option<&Document>,
) -> io::Result<()> {
    let m = Model::new(rec, doc);
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>review: ",
    );
    push(&mut out, &rec.source);
    out.push_str("</title>\n<style>");
    out.push_str(CSS);
    out.push_str("</style></head>\n<body>\n<aside id=\"panel\">");
    panel::panel(&mut out, &m);
    out.push_str("</aside>\n<main id=\"pages\">\n");
    if let Some(doc) = m.doc {
        let marks = m.marks_by_page();
        for p in &doc.pages {
            w.write_all(out.as_bytes())?;
            out.clear();
            out.push_str("<section class=\"page\" id=\"p");
            escape::uint(&mut out, p.number as u64);
            out.push_str("\" data-page=\"");
            escape::uint(&mut out, p.number as u64);
            out.push_str("\"><h2>p. ");
            escape::uint(&mut out, p.number as u64);
            out.push_str("</h2><svg viewBox=\"0 0 ");
            escape::int(&mut out, p.width);
            out.push(' ');
            escape::int(&mut out, p.height);
            out.push_str("\" width=\"");
            escape::int(&mut out, p.width * 1.5);
            out.push_str("\" height=\"");
            escape::int(&mut out, p.height * 1.5);
            out.push_str("\"><g class=\"tb\">");
            m.tables(&mut out, p.number);
            out.push_str("</g><g class=\"ink\">");
            svg::page_content(&mut out, p);
            out.push_str("</g><g class=\"mk\">");
            if let Some(on_page) = marks.get(&p.number) {
                m.marks(&mut out, on_page);
            }
            out.push_str("</g></svg></section>\n");
        }
    }
    out.push_str("</main>\n<div id=\"tip\" hidden></div>\n<pre id=\"review-errors\" hidden></pre>\n<script type=\"application/json\" id=\"review-data\">");
    m.data(&mut out);
    out.push_str("</script>\n<script>");
    out.push_str(JS);
    out.push_str("</script>\n</body></html>\n");
    w.write_all(out.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_marks_each_fact_once_and_the_cells_of_its_failed_check() {
        let n = links::tests::normalized();
        let nfacts = n.facts.len();
        let rec = DocumentRecord {
            source: "a/b \"c\".pdf".into(),
            sha256: String::new(),
            bytes: 0,
            pages: 1,
            status: yusuan_normalizer::vocab::DocumentStatus::Ok,
            error_kind: String::new(),
            error: String::new(),
            millis: 0,
            normalized: Some(n),
            duplicate_of: String::new(),
        };
        let doc = Document {
            pages: vec![yusuan_extractor::Page {
                number: 1,
                width: 100.0,
                height: 100.0,
                ..Default::default()
            }],
            repaired: false,
        };
        let html = page_html(&rec, Some(&doc));
        let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
        assert_eq!(svg.matches(" data-fact-id=\"").count(), nfacts);
        assert!(svg.contains("data-fact-id=\"a/b &quot;c&quot;.pdf#t1r1c3\""));
        assert_eq!(svg.matches(" data-checks=\"").count(), 3);
        assert_eq!(html.matches("class=\"t\" id=\"t1\"").count(), 1);
        assert_eq!(stem_of(&rec.source), "a__b \"c\"");
    }
}
