//! A document's outcome: from what was read (pages, tables, normalized facts, damage) to its
//! status (`ok`, `partial`, `failed`), an error kind and a sentence a person can act on. The
//! CLI only runs this and writes what it says; the rules live here, beside the facts they
//! judge.

use crate::vocab::DocumentStatus;
use crate::vocab::TableKind;
use crate::Normalized;
use yusuan_extractor::{layout, Document, ErrorKind};

/// What a document read comes to.
pub struct Assessment {
    /// `ok`, `partial` or `failed`.
    pub status: DocumentStatus,
    /// The error class, None when `ok`.
    pub kind: Option<ErrorKind>,
    /// What went wrong and what to do, empty when `ok`.
    pub message: String,
    /// What goes out (None when the document failed).
    pub normalized: Option<Normalized>,
}

impl Assessment {
    fn failed(kind: ErrorKind, message: String) -> Assessment {
        Assessment {
            status: DocumentStatus::Failed,
            kind: Some(kind),
            message,
            normalized: None,
        }
    }
}

/// Judges a document read: finds its tables, normalizes them and says what it comes to.
/// `damage` lists what the reader could not read; a failure of a damaged file says that too,
/// since the damage, not the fonts or a scan, may be the cause.
pub fn assess(doc: &Document, damage: &[String]) -> Assessment {
    let mut a = judge(doc, damage);
    if a.status == DocumentStatus::Failed && !damage.is_empty() {
        a.message = format!(
            "{} Parts of the file could not be read: {}.",
            a.message,
            damage.join("; ")
        );
    }
    a
}

/// The number N in the series 表1…表N that a printed table number stands for: `表7` → 7, and a
/// sub-numbered part or an appendix continuing the series stands for its N (`表14-1`,
/// `表14－2`, `表14.3`, `表14之一`, `附表14`, `附表14-1` → 14). Other numberings (`表一`,
/// `预算01表`) are no part of the series.
fn series_number(no: &str) -> Option<u32> {
    let rest = no.strip_prefix('附').unwrap_or(no).strip_prefix('表')?;
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let n: u32 = rest[..end].parse().ok()?;
    let sub = &rest[end..];
    let part = sub
        .strip_prefix(['-', '－', '—', '.'])
        .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
        || sub.strip_prefix('之').is_some_and(|d| {
            !d.is_empty() && d.chars().all(|c| "一二三四五六七八九十".contains(c))
        });
    (sub.is_empty() || part).then_some(n)
}

/// Table numbers of the standard budget set: a gap in a document's 表1…表N is a missing table.
fn missing_numbered_tables(nos: &[String]) -> Vec<String> {
    let mut nums: Vec<u32> = nos.iter().filter_map(|n| series_number(n)).collect();
    nums.sort();
    nums.dedup();
    let Some(&max) = nums.last() else {
        return Vec::new();
    };
    if nums.len() < 3 || max > 40 {
        return Vec::new();
    }
    (1..=max)
        .filter(|n| !nums.contains(n))
        .map(|n| format!("表{n}"))
        .collect()
}

/// A numbered table printed without any number (表8 政府性基金预算支出情况表 with only its
/// header and an empty 合计 row, "本单位无…，故本表为空"): its caption is in the text outside the
/// tables read, followed within a few lines by its 单位 line (which a 目录 entry has not), and
/// no amount follows before the next caption. Not a missing table.
fn printed_empty(lines: &[&str], no: &str) -> bool {
    let squash = |l: &str| l.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let is_caption = |l: &str| {
        let c = squash(l);
        c.strip_prefix('表')
            .is_some_and(|r| r.starts_with(|ch: char| ch.is_ascii_digit()))
            && c.chars().count() < 40
    };
    let is_this = |l: &str| {
        let c = squash(l);
        c == no
            || c.strip_prefix(no)
                .is_some_and(|r| !r.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-'))
    };
    let amount = |l: &str| {
        let b = l.as_bytes();
        b.windows(4).any(|w| {
            w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
        })
    };
    (0..lines.len()).filter(|&at| is_this(lines[at])).any(|at| {
        let after: Vec<&str> = lines[at + 1..]
            .iter()
            .copied()
            .take_while(|l| !is_caption(l))
            .take(60)
            .collect();
        after.iter().take(4).any(|l| l.contains("单位")) && !after.iter().any(|l| amount(l))
    })
}

/// A document read: its outcome (status, kind, message) and what goes out.
fn judge(doc: &Document, damage: &[String]) -> Assessment {
    let glyphs: usize = doc.pages.iter().map(|p| p.glyphs.len()).sum();
    let images: usize = doc.pages.iter().map(|p| p.images).sum();
    if glyphs < 20 {
        let message = if images > 0 {
            "The pages are images with no text layer (a scan); run OCR on the file first (e.g. ocrmypdf -l chi_sim) and try again."
        } else {
            "The PDF has no readable text; it may be a scan or draw its text as shapes. Run OCR on it (e.g. ocrmypdf -l chi_sim)."
        };
        return Assessment::failed(ErrorKind::NoTextLayer, message.into());
    }
    let mut normalized = crate::normalize(doc, layout::find_tables(doc));
    let budget_tables = normalized
        .tables
        .iter()
        .filter(|t| t.key != TableKind::Other)
        .count();
    if budget_tables == 0 || normalized.facts.is_empty() {
        return without_budget_tables(doc, normalized);
    }
    let problems = problems(doc, damage, &mut normalized);
    if problems.is_empty() {
        Assessment {
            status: DocumentStatus::Ok,
            kind: None,
            message: String::new(),
            normalized: Some(normalized),
        }
    } else {
        Assessment {
            status: DocumentStatus::Partial,
            kind: Some(ErrorKind::Partial),
            message: format!("{}. The other tables were extracted.", problems.join("; ")),
            normalized: Some(normalized),
        }
    }
}

/// A document with no standard table: the narrative alone (tables published apart), a text
/// layer that is not Chinese, or not a budget disclosure.
fn without_budget_tables(doc: &Document, normalized: Normalized) -> Assessment {
    // A budget text whose tables are published in a separate file is still a disclosure.
    if !normalized.indicators.is_empty() {
        let msg = "No standard budget table was found, only the narrative (its figures are in indicators.csv); the tables may be published in a separate file.";
        return Assessment {
            status: DocumentStatus::Partial,
            kind: Some(ErrorKind::Partial),
            message: msg.into(),
            normalized: Some(normalized),
        };
    }
    let legibility = doc.legibility();
    if legibility.unreadable() {
        let msg = format!(
            "The text layer does not read as Chinese: {} % of its {} characters are Chinese{}. Its fonts map their glyphs to the wrong characters; run OCR on the file (e.g. ocrmypdf --force-ocr -l chi_sim) and try again.",
            legibility.chinese * 100 / legibility.glyphs,
            legibility.glyphs,
            if legibility.sample.is_empty() { String::new() } else { format!(", and letters such as {} stand where Chinese should be", legibility.sample) }
        );
        return Assessment::failed(ErrorKind::GarbledText, msg);
    }
    let msg = if normalized.tables.is_empty() {
        "No budget or final-account table was found in this PDF; check that it is a 部门/单位预算 or 决算 disclosure."
    } else {
        "Tables were found but none is a standard budget or final-account table; check that this is a 预算/决算 disclosure."
    };
    Assessment::failed(ErrorKind::NotBudget, msg.into())
}

/// Numbered tables that are neither read nor printed empty.
fn missing_tables(doc: &Document, normalized: &Normalized) -> Vec<String> {
    let nos: Vec<String> = normalized
        .tables
        .iter()
        .map(|t| t.table.table_no.replace(' ', ""))
        .collect();
    let mut missing = missing_numbered_tables(&nos);
    if !missing.is_empty() {
        let tables: Vec<layout::Table> = normalized
            .tables
            .iter()
            .map(|kt| kt.table.clone())
            .collect();
        let texts = crate::page_texts(doc, &tables);
        let lines: Vec<&str> = texts
            .iter()
            .flat_map(|p| p.lines.iter().map(String::as_str))
            .collect();
        missing.retain(|no| !printed_empty(&lines, no));
    }
    missing
}

/// What makes a document with tables `partial`, each said so a person can act on it. In a
/// damaged file, rows whose label was lost go to unplaced.
fn problems(doc: &Document, damage: &[String], normalized: &mut Normalized) -> Vec<String> {
    let missing = missing_tables(doc, normalized);
    let mut problems = Vec::new();
    if doc.repaired || !damage.is_empty() {
        let moved = unlabelled_to_unplaced(normalized);
        if moved > 0 {
            problems.push(format!("{moved} numbers whose row label could not be read (the fonts of their labels are lost) were moved to unplaced.csv"));
        }
    }
    if doc.repaired {
        problems.push("the file is damaged (its cross-reference table had to be rebuilt from the objects), so pages or tables may be missing; compare with the original or download it again".to_string());
    }
    if !damage.is_empty() {
        problems.push(format!(
            "parts of the file could not be read, so tables or numbers may be missing: {}",
            damage.join("; ")
        ));
    }
    if !missing.is_empty() {
        problems.push(format!("{} not found in the document (numbered tables skip it); the page may be missing or unreadable", missing.join("、")));
    }
    let legibility = doc.legibility();
    if legibility.partly_garbled() {
        problems.push(format!(
            "{} characters are letters such as {} where Chinese is expected: some fonts map their glyphs to the wrong characters, so labels in their text are unreadable (OCR would read them)",
            legibility.stray, legibility.sample
        ));
    }
    let glyphs: usize = doc.pages.iter().map(|p| p.glyphs.len()).sum();
    let undecoded: usize = doc.pages.iter().map(|p| p.undecoded).sum();
    if undecoded * 100 > glyphs {
        problems.push(format!("{undecoded} characters could not be decoded (fonts without a Unicode mapping); numbers on those pages may be missing"));
    }
    problems
}

/// In a damaged document, a row whose label reads as a number is a row whose label text was
/// lost (its font could not be read): its numbers cannot be told apart, so they are listed in
/// unplaced.csv rather than given as facts. Returns how many were moved.
fn unlabelled_to_unplaced(n: &mut Normalized) -> usize {
    let numeric = |l: &str| {
        let t: String = l
            .chars()
            .filter(|c| !matches!(c, ',' | '.' | ' ' | '-'))
            .collect();
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
    };
    let facts = std::mem::take(&mut n.facts);
    let enrich = std::mem::take(&mut n.enrich);
    let mut moved = 0;
    for (f, e) in facts.into_iter().zip(enrich) {
        if numeric(&f.row_label) {
            moved += 1;
            n.unplaced.push(crate::Unplaced {
                table: f.table,
                page: f.page,
                row_no: f.row_no,
                body_row: f.body_row,
                col: f.col,
                column_path: f.column_path,
                cell: f.amount.to_string(),
                reason: "row label unreadable in a damaged file",
            });
        } else {
            n.facts.push(f);
            n.enrich.push(e);
        }
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn gaps_in_numbering() {
        let nos: Vec<String> = ["表1", "表2", "表3", "表5", "表6"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(missing_numbered_tables(&nos), vec!["表4".to_string()]);
        assert!(missing_numbered_tables(&["表1".to_string()]).is_empty());
    }

    #[test]
    fn sub_numbered_tables_stand_for_their_number() {
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // 表14 printed as 表14-1 … 表14-14 (a performance table per project) is not missing.
        let mut parts: Vec<&str> = vec!["表1", "表2", "表12", "表13", "表15"];
        let subs: Vec<String> = (1..=14).map(|k| format!("表14-{k}")).collect();
        parts.extend(subs.iter().map(String::as_str));
        let found = missing_numbered_tables(&strings(&parts));
        assert!(!found.contains(&"表14".to_string()), "{found:?}");
        assert_eq!(found.len(), 9, "表3…表11 are still missing: {found:?}");
        for v in [
            &["表1", "表2", "表3之一", "表3之二", "表4"][..],
            &["表1", "表2", "表3－1", "表4"],
            &["表1", "表2", "表3.2", "表4"],
            &["表1", "表2", "附表3-1", "附表4"],
        ] {
            assert!(missing_numbered_tables(&strings(v)).is_empty(), "{v:?}");
        }
        // A real gap stays one, also when sub-numbered tables follow it.
        assert_eq!(
            missing_numbered_tables(&strings(&["表1", "表2", "表4-1", "表4-2", "表5"])),
            vec!["表3".to_string()]
        );
        assert_eq!(series_number("表一"), None);
        assert_eq!(series_number("预算01表"), None);
        assert_eq!(series_number("表14-"), None);
        assert_eq!(series_number("表14之"), None);
        assert_eq!(series_number("表14-3"), Some(14));
    }

    #[test]
    fn empty_tables_are_told_from_missing_ones() {
        let toc = [
            "目录",
            "表7 一般公共预算项目支出情况表",
            "表8 政府性基金预算支出情况表",
            "表9 国有资本经营预算支出情况表",
        ];
        let empty = [
            "表8",
            "政府性基金预算支出情况表",
            "编制单位：某局 单位：万元",
            "科目 政府性基金预算支出",
            "总计",
            "本单位无政府性基金预算支出，故本表为空。",
            "表9",
        ];
        let with_numbers = [
            "表8",
            "政府性基金预算支出情况表",
            "单位：万元",
            "208 社会保障和就业支出 12.50",
            "表9",
        ];
        assert!(printed_empty(&empty, "表8"));
        // A 目录 entry is not the table; a caption followed by amounts is a table not read.
        assert!(!printed_empty(&toc, "表8"));
        assert!(!printed_empty(
            &[&toc[..], &with_numbers[..]].concat(),
            "表8"
        ));
        assert!(printed_empty(&[&toc[..], &empty[..]].concat(), "表8"));
        assert!(!printed_empty(&empty, "表7"));
    }
}
