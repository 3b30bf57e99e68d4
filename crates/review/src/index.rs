//! `review/index.html` for a batch: one line per document (status, tables, facts, failed
//! checks, unplaced numbers), worst first, each linking to its page.

use crate::escape::push;
use crate::stem_of;
use std::fmt::Write;
use std::io;
use std::path::{Path, PathBuf};
use yusuan_exporter::DocumentRecord;
use yusuan_normalizer::CheckStatus;

/// One document's line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// The input file, as in documents.csv.
    pub source: String,
    /// `ok`, `partial` or `failed`.
    pub status: String,
    /// Error class (documents.csv `error_kind`), empty when none.
    pub error_kind: String,
    /// The sentence a person can act on, empty when none.
    pub error: String,
    /// Tables found.
    pub tables: usize,
    /// Facts (rows of facts.csv).
    pub facts: usize,
    /// Checks with status `fail`.
    pub failed_checks: usize,
    /// Numbers in tables that did not become facts (unplaced.csv).
    pub unplaced: usize,
}

impl Summary {
    /// The line of a document just processed.
    pub fn of(rec: &DocumentRecord) -> Summary {
        let n = rec.normalized.as_ref();
        Summary {
            source: rec.source.clone(),
            status: rec.status.to_string(),
            error_kind: rec.error_kind.clone(),
            error: rec.error.clone(),
            tables: n.map(|n| n.tables.len()).unwrap_or(0),
            facts: n.map(|n| n.facts.len()).unwrap_or(0),
            failed_checks: n
                .map(|n| {
                    n.checks
                        .iter()
                        .filter(|c| c.status == CheckStatus::Fail)
                        .count()
                })
                .unwrap_or(0),
            unplaced: n.map(|n| n.unplaced.len()).unwrap_or(0),
        }
    }
}

/// Failed, then partial, then ok; more failed checks, then more unplaced numbers first.
fn worst_first(docs: &mut [Summary]) {
    let rank = |s: &str| match s {
        "failed" => 0,
        "partial" => 1,
        "ok" => 2,
        _ => 0,
    };
    docs.sort_by(|a, b| {
        rank(&a.status)
            .cmp(&rank(&b.status))
            .then(b.failed_checks.cmp(&a.failed_checks))
            .then(b.unplaced.cmp(&a.unplaced))
            .then(a.source.cmp(&b.source))
    });
}

/// The summaries of a finished output folder, from its documents.csv (by column name), so
/// that documents kept by `--resume` are listed too.
pub fn summaries_from_documents_csv(out: &Path) -> io::Result<Vec<Summary>> {
    let mut r = csv::Reader::from_path(out.join("documents.csv")).map_err(io::Error::other)?;
    let header = r.headers().map_err(io::Error::other)?.clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
    };
    let (source, status, kind, error, tables, facts, failed, unplaced) = (
        col("source"),
        col("status"),
        col("error_kind"),
        col("error"),
        col("tables"),
        col("facts"),
        col("checks_failed"),
        col("unplaced"),
    );
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(io::Error::other)?;
        let s = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").to_string();
        let u = |c: Option<usize>| s(c).parse::<usize>().unwrap_or(0);
        out.push(Summary {
            source: s(source),
            status: s(status),
            error_kind: s(kind),
            error: s(error),
            tables: u(tables),
            facts: u(facts),
            failed_checks: u(failed),
            unplaced: u(unplaced),
        });
    }
    Ok(out)
}

/// Writes `out/review/index.html` from `out/documents.csv`.
pub fn write_index_from_documents_csv(out: &Path) -> io::Result<PathBuf> {
    let docs = summaries_from_documents_csv(out)?;
    write_index(&out.join("review"), &docs)
}

/// Writes `dir/index.html` listing `docs` worst first, linking `<stem>.html` where it exists.
pub fn write_index(dir: &Path, docs: &[Summary]) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let mut docs = docs.to_vec();
    worst_first(&mut docs);
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>yusuan review</title><style>");
    o.push_str(INDEX_CSS);
    o.push_str("</style></head><body><h1>yusuan review</h1>");
    let count = |s: &str| docs.iter().filter(|d| d.status == s).count();
    let _ = write!(
        o,
        "<p>{} documents: {} ok, {} partial, {} failed; {} facts; {} failed checks; {} unplaced numbers. Worst first.</p>",
        docs.len(),
        count("ok"),
        count("partial"),
        count("failed"),
        docs.iter().map(|d| d.facts).sum::<usize>(),
        docs.iter().map(|d| d.failed_checks).sum::<usize>(),
        docs.iter().map(|d| d.unplaced).sum::<usize>()
    );
    o.push_str("<table><thead><tr><th>document</th><th>status</th><th>tables</th><th>facts</th><th>failed checks</th><th>unplaced</th><th>error</th></tr></thead><tbody>\n");
    for d in &docs {
        let page = format!("{}.html", stem_of(&d.source));
        let _ = write!(o, "<tr class=\"{}\"><td>", d.status);
        if dir.join(&page).exists() {
            o.push_str("<a href=\"");
            push(&mut o, &crate::escape::href(&page));
            o.push_str("\">");
            push(&mut o, &d.source);
            o.push_str("</a>");
        } else {
            push(&mut o, &d.source);
            o.push_str(" <small>(no review page)</small>");
        }
        let _ = write!(
            o,
            "</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>",
            crate::escape::html(&d.status),
            d.tables,
            d.facts,
            d.failed_checks,
            d.unplaced
        );
        if !d.error_kind.is_empty() {
            o.push('[');
            push(&mut o, &d.error_kind);
            o.push_str("] ");
        }
        push(&mut o, &d.error);
        o.push_str("</td></tr>\n");
    }
    o.push_str("</tbody></table></body></html>\n");
    let path = dir.join("index.html");
    let tmp = dir.join(".index.html.partial");
    std::fs::write(&tmp, o)?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

const INDEX_CSS: &str = "body{font:14px/1.4 sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}td:nth-child(n+3):nth-child(-n+6){text-align:right}tr.failed td:nth-child(2){color:#b00;font-weight:bold}tr.partial td:nth-child(2){color:#b60}tr.ok td:nth-child(2){color:#070}td:last-child{max-width:40em;color:#555;font-size:12px}";

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn worst_documents_come_first() {
        let d = |source: &str, status: &str, failed_checks: usize| Summary {
            source: source.into(),
            status: status.into(),
            failed_checks,
            ..Default::default()
        };
        let mut docs = vec![
            d("a", "ok", 0),
            d("b", "ok", 3),
            d("c", "failed", 0),
            d("d", "partial", 1),
        ];
        worst_first(&mut docs);
        let order: Vec<&str> = docs.iter().map(|d| d.source.as_str()).collect();
        assert_eq!(order, ["c", "d", "b", "a"]);
    }
}
