//! One file through the whole flow: bytes → pages → tables → normalized facts, with every
//! failure (including a panic in any stage or dependency) turned into a named outcome.

use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};
use yusuan_exporter::DocumentRecord;
use yusuan_extractor::{layout, Document, ErrorKind, ReadError};

use crate::inputs::Input;

/// Table numbers of the standard budget set: a gap in a document's 表1…表N is a missing table.
fn missing_numbered_tables(nos: &[String]) -> Vec<String> {
    let mut nums: Vec<u32> = nos
        .iter()
        .filter_map(|n| n.strip_prefix('表').and_then(|d| d.parse().ok()))
        .collect();
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

pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// SHA-256 of a file, hex; None when it cannot be read.
pub fn sha256_of(path: &std::path::Path) -> Option<String> {
    let bytes = read_input(path).ok()?;
    Some(format!("{:x}", Sha256::digest(&bytes)))
}

/// A file's bytes. It is opened without blocking (a FIFO or a device put in its place since
/// the inputs were listed is refused, not waited on), and must be a regular file.
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let cannot = |e: std::io::Error| {
        let kind = if e.kind() == std::io::ErrorKind::NotFound {
            "does not exist (or is a broken link)".to_string()
        } else {
            format!("cannot be read ({e})")
        };
        ReadError::new(
            ErrorKind::NotFound,
            format!("The file {kind}; check the path and that it is readable."),
        )
    };
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(cannot)?;
    let meta = f.metadata().map_err(cannot)?;
    if meta.is_dir() {
        return Err(ReadError::new(
            ErrorKind::NotPdf,
            "This path is a folder, not a PDF file.",
        ));
    }
    if let Some(msg) = crate::inputs::special_file(&meta) {
        return Err(ReadError::new(ErrorKind::NotPdf, msg));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.read_to_end(&mut bytes).map_err(cannot)?;
    Ok(bytes)
}

/// One file through the flow; `kept` receives the document as read (for its review page).
pub fn process(
    input: &Input,
    timeout: Option<Duration>,
    kept: &mut Option<Document>,
) -> DocumentRecord {
    let start = Instant::now();
    let mut rec = DocumentRecord {
        source: input.source.clone(),
        sha256: String::new(),
        bytes: 0,
        pages: 0,
        status: "failed",
        error_kind: String::new(),
        error: String::new(),
        millis: 0,
        normalized: None,
    };
    let bytes = match read_input(&input.path) {
        Ok(b) => b,
        Err(e) => {
            rec.error_kind = e.kind.name().into();
            rec.error = e.message;
            return rec;
        }
    };
    rec.bytes = bytes.len() as u64;
    rec.sha256 = format!("{:x}", Sha256::digest(&bytes));
    let deadline = timeout.map(|t| start + t);
    let outcome = catch_unwind(AssertUnwindSafe(|| run(&bytes, deadline, kept)));
    match outcome {
        Ok(Ok((pages, normalized, status, kind, msg))) => {
            rec.pages = pages;
            rec.status = status;
            rec.error_kind = kind;
            rec.error = msg;
            rec.normalized = normalized;
        }
        Ok(Err(e)) => {
            rec.error_kind = e.kind.name().into();
            rec.error = e.message;
        }
        Err(_) => {
            rec.error_kind = ErrorKind::Internal.name().into();
            rec.error = "yusuan stopped on an internal error while reading this file; please report it with the file attached.".into();
        }
    }
    rec.millis = start.elapsed().as_millis();
    rec
}

type Outcome = (
    usize,
    Option<yusuan_normalizer::Normalized>,
    &'static str,
    String,
    String,
);

fn run(
    bytes: &[u8],
    deadline: Option<Instant>,
    kept: &mut Option<Document>,
) -> Result<Outcome, ReadError> {
    let (doc, damage) = yusuan_extractor::read_checked(bytes, deadline)?;
    let doc = &*kept.insert(doc);
    // A failure of a damaged file (a bomb cut at a limit, a file whose fonts are lost) says
    // what could not be read too: that, not the fonts or OCR, may be the cause.
    let told = |msg: String| {
        if damage.is_empty() {
            msg
        } else {
            format!(
                "{msg} Parts of the file could not be read: {}.",
                damage.join("; ")
            )
        }
    };
    match judge(doc, &damage) {
        Ok(mut o) if o.2 == "failed" => {
            o.4 = told(o.4);
            Ok(o)
        }
        Err(mut e) => {
            e.message = told(e.message);
            Err(e)
        }
        other => other,
    }
}

/// A document read: its outcome (status, kind, message) and what goes out.
fn judge(doc: &Document, damage: &[String]) -> Result<Outcome, ReadError> {
    let pages = doc.pages.len();
    let doc_repaired = doc.repaired;
    let glyphs: usize = doc.pages.iter().map(|p| p.glyphs.len()).sum();
    let images: usize = doc.pages.iter().map(|p| p.images).sum();
    let undecoded: usize = doc.pages.iter().map(|p| p.undecoded).sum();
    if glyphs < 20 {
        return Err(ReadError::new(
            ErrorKind::NoTextLayer,
            if images > 0 {
                "The pages are images with no text layer (a scan); run OCR on the file first (e.g. ocrmypdf -l chi_sim) and try again."
            } else {
                "The PDF has no readable text; it may be a scan or draw its text as shapes. Run OCR on it (e.g. ocrmypdf -l chi_sim)."
            },
        ));
    }
    let tables = layout::find_tables(doc);
    let normalized = yusuan_normalizer::normalize(doc, tables);
    let budget_tables = normalized
        .tables
        .iter()
        .filter(|t| t.key != "other")
        .count();
    if budget_tables == 0 || normalized.facts.is_empty() {
        // A budget text whose tables are published in a separate file is still a disclosure.
        if !normalized.indicators.is_empty() {
            let msg = "No standard budget table was found, only the narrative (its figures are in indicators.csv); the tables may be published in a separate file.";
            return Ok((
                pages,
                Some(normalized),
                "partial",
                ErrorKind::Partial.name().into(),
                msg.into(),
            ));
        }
        let legibility = doc.legibility();
        if legibility.unreadable() {
            let msg = format!(
                "The text layer does not read as Chinese: {} % of its {} characters are Chinese{}. Its fonts map their glyphs to the wrong characters; run OCR on the file (e.g. ocrmypdf --force-ocr -l chi_sim) and try again.",
                legibility.chinese * 100 / legibility.glyphs,
                legibility.glyphs,
                if legibility.sample.is_empty() { String::new() } else { format!(", and letters such as {} stand where Chinese should be", legibility.sample) }
            );
            return Ok((
                pages,
                None,
                "failed",
                ErrorKind::GarbledText.name().into(),
                msg,
            ));
        }
        let msg = if normalized.tables.is_empty() {
            "No budget or final-account table was found in this PDF; check that it is a 部门/单位预算 or 决算 disclosure."
        } else {
            "Tables were found but none is a standard budget or final-account table; check that this is a 预算/决算 disclosure."
        };
        return Ok((
            pages,
            None,
            "failed",
            ErrorKind::NotBudget.name().into(),
            msg.into(),
        ));
    }
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
        let texts = yusuan_normalizer::page_texts(doc, &tables);
        let lines: Vec<&str> = texts
            .iter()
            .flat_map(|p| p.lines.iter().map(String::as_str))
            .collect();
        missing.retain(|no| !printed_empty(&lines, no));
    }
    let mut problems = Vec::new();
    let mut normalized = normalized;
    if doc_repaired || !damage.is_empty() {
        let moved = unlabelled_to_unplaced(&mut normalized);
        if moved > 0 {
            problems.push(format!("{moved} numbers whose row label could not be read (the fonts of their labels are lost) were moved to unplaced.csv"));
        }
    }
    if doc_repaired {
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
    if undecoded * 100 > glyphs {
        problems.push(format!("{undecoded} characters could not be decoded (fonts without a Unicode mapping); numbers on those pages may be missing"));
    }
    if problems.is_empty() {
        Ok((pages, Some(normalized), "ok", String::new(), String::new()))
    } else {
        let msg = format!("{}. The other tables were extracted.", problems.join("; "));
        Ok((
            pages,
            Some(normalized),
            "partial",
            ErrorKind::Partial.name().into(),
            msg,
        ))
    }
}

/// In a damaged document, a row whose label reads as a number is a row whose label text was
/// lost (its font could not be read): its numbers cannot be told apart, so they are listed in
/// unplaced.csv rather than given as facts. Returns how many were moved.
fn unlabelled_to_unplaced(n: &mut yusuan_normalizer::Normalized) -> usize {
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
            n.unplaced.push(yusuan_normalizer::Unplaced {
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
