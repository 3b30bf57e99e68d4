//! # yusuan-review
//!
//! Brief overview. A self-contained HTML page per document that shows what the tool read: every
//! page redrawn as SVG from the reader's own glyphs and rules ([`svg`]), every table layout found
//! outlined and labelled, every printed number of its body marked as a fact, as unplaced (with
//! the normalizer's reason) or as a number that became neither, the cells of each failed check
//! ([`links`]), and a side panel with the status, tables, failed checks and narrative figures
//! ([`panel`]); and an index of a batch, worst document first ([`index`]). No network: styles,
//! script and data are inside the file, text is drawn with the reader's system fonts.
//!
//! Honest rendering: a number is drawn as a fact only in the cell layout placed it in; a fact
//! whose cell has no box is listed in the panel, not drawn; only tables layout found are
//! outlined.

pub mod cells;
pub mod escape;
pub mod index;
pub mod links;
pub mod panel;
pub mod svg;

use cells::Rect;
use escape::{push, script_json};
use links::Link;
use serde_json::{json, Value};
use std::io;
use std::path::{Path, PathBuf};
use yusuan_exporter::DocumentRecord;
use yusuan_extractor::Document;
use yusuan_normalizer::Normalized;

pub use index::{write_index, write_index_from_documents_csv, Summary};

const CSS: &str = include_str!("assets/review.css");
const JS: &str = include_str!("assets/review.js");

/// The per-document name of the output: the stem of `tables/<stem>/` (exporter's `stem_of`):
/// the file name without `.pdf`, sub-folders joined with `__` (`a/b.pdf` → `a__b`).
pub fn stem_of(source: &str) -> String {
    let p = Path::new(source);
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.to_string());
    match p
        .parent()
        .map(|d| d.to_string_lossy().into_owned())
        .filter(|d| !d.is_empty())
    {
        Some(d) => format!("{}__{stem}", d.replace(['/', '\\'], "__")),
        None => stem,
    }
}

/// A fact's id: `<stem>:<table>:<row>:<col>`, the document's stem (as in `tables/<stem>/`),
/// the table's number in the document (1-based, the `NN` of `tables/<stem>/NN-<key>.csv`),
/// the body row (`row_no` of facts.csv) and the column (1-based, the column of that CSV).
/// One cell holds one fact, so the id is unique in a batch.
pub fn fact_id(stem: &str, table: usize, row_no: usize, col: usize) -> String {
    format!("{stem}:{}:{row_no}:{}", table + 1, col + 1)
}

/// Writes `dir/<stem>.html` (through a temporary name) and returns its path.
pub fn write_page(dir: &Path, rec: &DocumentRecord, doc: Option<&Document>) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let stem = stem_of(&rec.source);
    let path = dir.join(format!("{stem}.html"));
    let tmp = dir.join(format!(".{stem}.html.partial"));
    std::fs::write(&tmp, page_html(rec, doc))?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

/// Where a number is drawn: page and box.
type Spot = Option<(usize, Rect)>;

/// A printed number in a table body that is neither a fact nor unplaced.
struct Other {
    table: usize,
    row: usize,
    col: usize,
    text: String,
    spot: Spot,
}

/// Everything the page shows, located.
pub(crate) struct Model<'a> {
    stem: String,
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
        let stem = stem_of(&rec.source);
        let n = rec.normalized.as_ref();
        let mut m = Model {
            stem,
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
            m.fact_ids.push(fact_id(&m.stem, f.table, f.row_no, f.col));
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
                        m.others.push(Other {
                            table: ti,
                            row: ri,
                            col: ci,
                            text: cell.trim().to_string(),
                            spot: cells::cell_box(&kt.table, ri, ci).map(|b| (row.page, b)),
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

    fn data(&self) -> Value {
        let Some(n) = self.n else {
            return json!({});
        };
        let tables: Vec<Value> = n
            .tables
            .iter()
            .map(|kt| {
                json!([
                    kt.key,
                    kt.table.table_no,
                    kt.table.title,
                    kt.table.amount_unit
                ])
            })
            .collect();
        let facts: Vec<Value> = n
            .facts
            .iter()
            .zip(&n.enrich)
            .map(|(f, e)| {
                json!([
                    f.table,
                    f.row_no,
                    f.row_label,
                    f.code,
                    e.code_name_std,
                    f.column_path.join(" > "),
                    f.measure,
                    f.amount.to_string(),
                    f.project,
                    f.page
                ])
            })
            .collect();
        let unplaced: Vec<Value> = n
            .unplaced
            .iter()
            .map(|u| {
                json!([
                    u.table,
                    u.row_no,
                    u.column_path.join(" > "),
                    u.cell,
                    u.reason
                ])
            })
            .collect();
        let mut checks = serde_json::Map::new();
        for (k, c) in n.checks.iter().enumerate() {
            if c.status == "fail" {
                checks.insert(
                    check_id(k),
                    json!([
                        c.check,
                        c.subject,
                        c.expected.normalize().to_string(),
                        c.actual.normalize().to_string()
                    ]),
                );
            }
        }
        json!({"tables": tables, "facts": facts, "unplaced": unplaced, "checks": checks})
    }

    /// The marks of one page: facts, unplaced and other numbers whose cell is on it.
    fn marks(&self, out: &mut String, page: usize) {
        for (i, spot) in self.fact_spots.iter().enumerate() {
            let Some((p, b)) = spot else { continue };
            if *p != page {
                continue;
            }
            let mut attrs = String::from("class=\"f\" data-fact-id=\"");
            push(&mut attrs, &self.fact_ids[i]);
            attrs.push_str(&format!("\" data-i=\"{i}\""));
            if !self.fact_checks[i].is_empty() {
                let ids: Vec<String> = self.fact_checks[i].iter().map(|k| check_id(*k)).collect();
                attrs.push_str(&format!(" data-checks=\"{}\"", ids.join(" ")));
            }
            svg::rect(out, &attrs, *b);
        }
        for (i, spot) in self.unplaced_spots.iter().enumerate() {
            if let Some((p, b)) = spot {
                if *p == page {
                    svg::rect(out, &format!("class=\"u\" data-u=\"{i}\""), *b);
                }
            }
        }
        for (i, o) in self.others.iter().enumerate() {
            if let Some((p, b)) = o.spot {
                if p == page {
                    svg::rect(out, &format!("class=\"o\" data-o=\"{i}\""), b);
                }
            }
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
    let m = Model::new(rec, doc);
    // About what the page takes, so that the string is not copied as it grows.
    let (glyphs, rules) = doc
        .map(|d| {
            d.pages
                .iter()
                .fold((0, 0), |(g, r), p| (g + p.glyphs.len(), r + p.rules.len()))
        })
        .unwrap_or((0, 0));
    let facts = m.n.map(|n| n.facts.len()).unwrap_or(0);
    let mut out = String::with_capacity(64 * 1024 + glyphs * 12 + rules * 24 + facts * 250);
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
        for p in &doc.pages {
            out.push_str(&format!(
                "<section class=\"page\" id=\"p{0}\" data-page=\"{0}\"><h2>p. {0}</h2><svg viewBox=\"0 0 ",
                p.number
            ));
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
            m.marks(&mut out, p.number);
            out.push_str("</g></svg></section>\n");
        }
    }
    out.push_str("</main>\n<div id=\"tip\" hidden></div>\n<pre id=\"review-errors\" hidden></pre>\n<script type=\"application/json\" id=\"review-data\">");
    out.push_str(&script_json(&m.data()));
    out.push_str("</script>\n<script>");
    out.push_str(JS);
    out.push_str("</script>\n</body></html>\n");
    out
}
