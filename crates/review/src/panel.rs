//! The side panel of a document's page: status and error, counts and legend, the tables found
//! (click to jump), the failed checks (click to highlight the cells compared), the unplaced
//! numbers, the other numbers of table bodies, and the narrative figures with their sentence.

use crate::escape::push;
use crate::links::Link;
use crate::{check_id, Model};
use std::fmt::Write;
use yusuan_normalizer::Normalized;

fn h(out: &mut String, s: &str) {
    push(out, s);
}

pub(crate) fn panel(out: &mut String, m: &Model) {
    let rec = m.rec;
    out.push_str("<h1>");
    h(out, &rec.source);
    out.push_str("</h1>");
    if let Some(n) = m.n {
        out.push_str("<p class=\"info\">");
        h(out, &n.info.unit_name);
        let _ = write!(
            out,
            " · {} · {}",
            n.info.year.map(|y| y.to_string()).unwrap_or_default(),
            n.info.doc_kind
        );
        out.push_str("</p>");
    }
    let _ = write!(
        out,
        "<p id=\"status\" class=\"st {0}\" data-status=\"{0}\">{0}",
        rec.status
    );
    if !rec.error_kind.is_empty() {
        out.push_str(" [");
        h(out, &rec.error_kind);
        out.push(']');
    }
    out.push_str("</p>");
    if !rec.error.is_empty() {
        out.push_str("<p class=\"err\">");
        h(out, &rec.error);
        out.push_str("</p>");
    }
    let Some(n) = m.n else {
        let _ = write!(out, "<p>{} pages read; no tables or facts.</p>", rec.pages);
        return;
    };
    let failed = m.links.iter().flatten().count();
    let drawn = m.fact_spots.iter().filter(|s| s.is_some()).count();
    let _ = write!(
        out,
        "<p class=\"counts\">{} pages · {} tables · <span id=\"nfacts\">{}</span> facts ({} drawn) · {} failed checks · {} unplaced · {} other numbers</p>",
        rec.pages,
        n.tables.len(),
        n.facts.len(),
        drawn,
        failed,
        n.unplaced.len(),
        m.others.len()
    );
    out.push_str("<p class=\"legend\"><span class=\"k f\"></span>fact <span class=\"k x\"></span>in a failed check <span class=\"k u\"></span>unplaced <span class=\"k o\"></span>other number <span class=\"k t\"></span>table found</p>");
    out.push_str("<p class=\"hint\">Hover or click a number for its fact; click a check to show its cells.</p>");

    tables(out, n);
    checks(out, m, n, failed);
    facts_not_drawn(out, m, n);
    unplaced(out, m, n);
    others(out, m, n);
    indicators(out, n);
}

/// The tables found, each a link to its outline.
fn tables(out: &mut String, n: &Normalized) {
    out.push_str("<h3>Tables found</h3><ol class=\"tables\">");
    for (ti, kt) in n.tables.iter().enumerate() {
        let pages = &kt.table.pages;
        let _ = write!(out, "<li><a href=\"#t{}\">", ti + 1);
        h(out, &kt.table.table_no);
        out.push(' ');
        h(out, kt.key.as_str());
        out.push_str(" — ");
        h(out, &kt.table.title);
        let _ = match (pages.first(), pages.last()) {
            (Some(a), Some(b)) if a != b => write!(out, "</a> <small>p. {a}–{b}</small></li>"),
            (Some(a), _) => write!(out, "</a> <small>p. {a}</small></li>"),
            _ => write!(out, "</a></li>"),
        };
    }
    out.push_str("</ol>");
}

/// The failed checks; clicking one lights up its cells (or the sentences it quotes).
fn checks(out: &mut String, m: &Model, n: &Normalized, failed: usize) {
    let _ = write!(
        out,
        "<h3>Failed checks ({failed})</h3><ol class=\"checks\">"
    );
    for (k, (c, l)) in n.checks.iter().zip(&m.links).enumerate() {
        let Some(l) = l else { continue };
        let id = check_id(k);
        match l {
            Link::Facts(fs) => {
                let _ = write!(
                    out,
                    "<li class=\"chk\" data-check=\"{id}\" data-cells=\"{}\" tabindex=\"0\">",
                    fs.len()
                );
            }
            Link::Unlinked(_) => {
                let _ = write!(
                    out,
                    "<li class=\"chk unlinked\" data-check=\"{id}\" data-cells=\"0\">"
                );
            }
        }
        if c.check.starts_with("narrative") {
            let quoted: Vec<String> = crate::links::sentences(c, n)
                .iter()
                .map(|k| format!("n{k}"))
                .collect();
            if !quoted.is_empty() {
                // Reopen the tag for the quoted sentences: clicking shows them.
                out.pop();
                let _ = write!(out, " data-sentences=\"{}\"", quoted.join(" "));
                out.push_str(if matches!(l, Link::Unlinked(_)) {
                    " tabindex=\"0\">"
                } else {
                    ">"
                });
            }
        }
        let _ = write!(out, "<b>{}</b> ", c.check);
        if c.table_key != "narrative" && c.table_key != "cross" {
            h(out, &c.table_key);
            out.push_str(": ");
        }
        h(out, &c.subject);
        let _ = write!(
            out,
            "<br><small>expected {}, printed {}",
            c.expected.normalize(),
            c.actual.normalize()
        );
        match l {
            Link::Facts(fs) => {
                let _ = write!(out, " · {} cells", fs.len());
            }
            Link::Unlinked(why) => {
                out.push_str(" · <i class=\"why\">not linked to cells: ");
                h(out, why);
                out.push_str("</i>");
            }
        }
        out.push_str("</small></li>");
    }
    out.push_str("</ol>");
}

/// Facts whose cell has no box: listed, never drawn at a guessed place.
fn facts_not_drawn(out: &mut String, m: &Model, n: &Normalized) {
    let nopos: Vec<usize> = (0..n.facts.len())
        .filter(|i| m.fact_spots[*i].is_none())
        .collect();
    if !nopos.is_empty() {
        let _ = write!(
            out,
            "<h3>Facts not drawn ({})</h3><p class=\"hint\">Layout gave no box for their cell; they are listed, not drawn at a guessed place.</p><ol class=\"nopos\">",
            nopos.len()
        );
        for i in nopos {
            let f = &n.facts[i];
            out.push_str("<li class=\"f\" data-fact-id=\"");
            h(out, &m.fact_ids[i]);
            let _ = write!(out, "\" data-i=\"{i}\"");
            if !m.fact_checks[i].is_empty() {
                let ids: Vec<String> = m.fact_checks[i].iter().map(|k| check_id(*k)).collect();
                let _ = write!(out, " data-checks=\"{}\"", ids.join(" "));
            }
            let _ = write!(out, "><a href=\"#p{}\">p. {}</a> ", f.page, f.page);
            h(out, &f.row_label);
            out.push_str(" · ");
            h(out, &f.column_path.join(" > "));
            let _ = write!(out, " · {}</li>", f.amount);
        }
        out.push_str("</ol>");
    }
}

/// Numbers in tables that did not become facts, with the reason.
fn unplaced(out: &mut String, m: &Model, n: &Normalized) {
    let _ = write!(
        out,
        "<h3>Unplaced numbers ({})</h3><ol class=\"unplaced\">",
        n.unplaced.len()
    );
    for (i, u) in n.unplaced.iter().enumerate() {
        let _ = write!(
            out,
            "<li data-goto=\"u{i}\"><a href=\"#p{0}\">p. {0}</a> ",
            u.page
        );
        h(out, &n.tables[u.table].table.table_no);
        let _ = write!(out, " row {} ", u.row_no);
        h(out, &u.column_path.join(" > "));
        out.push_str(": <code>");
        h(out, &u.cell);
        out.push_str("</code> — ");
        h(out, u.reason);
        if m.unplaced_spots[i].is_none() {
            out.push_str(" <i>(cell not located)</i>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

/// Numbers of table bodies that are neither facts nor unplaced (performance values…).
fn others(out: &mut String, m: &Model, n: &Normalized) {
    if !m.others.is_empty() {
        let _ = write!(
            out,
            "<h3>Other numbers ({})</h3><p class=\"hint\">Printed in a table body, but no fact and no unplaced.csv row.</p><ol class=\"others\">",
            m.others.len()
        );
        for (i, o) in m.others.iter().enumerate() {
            let t = &n.tables[o.table].table;
            let page = t.rows[o.row].page;
            let _ = write!(
                out,
                "<li data-goto=\"o{i}\"><a href=\"#p{page}\">p. {page}</a> "
            );
            h(out, &t.table_no);
            let _ = write!(out, " row {} col {}: <code>", o.row + 1, o.col + 1);
            h(out, &o.text);
            out.push_str("</code> — ");
            h(out, o.note);
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
}

/// The narrative figures with the sentence each comes from.
fn indicators(out: &mut String, n: &Normalized) {
    let _ = write!(
        out,
        "<h3>Narrative figures ({})</h3><ol class=\"indicators\">",
        n.indicators.len()
    );
    for i in &n.indicators {
        let _ = write!(out, "<li><a href=\"#p{0}\">p. {0}</a> <b>", i.page);
        h(out, &i.indicator);
        out.push_str("</b> ");
        h(out, &i.subject);
        let _ = write!(out, " {} ", i.value.normalize());
        h(out, &i.value_unit);
        out.push_str("<br><q>");
        h(out, &i.sentence);
        out.push_str("</q></li>");
    }
    out.push_str("</ol>");
}
