//! Text normalisation and paragraph/sentence assembly.

use crate::PageText;
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Normalise one line: full-width digits/letters/punctuation to a canonical
/// form, all whitespace removed, ASCII comma kept only as a thousands
/// separator (otherwise turned into `，`).
pub fn normalize(s: &str) -> String {
    let mut tmp: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        let m = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            'Ａ'..='Ｚ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32).unwrap_or(c),
            'ａ'..='ｚ' => char::from_u32(c as u32 - 'ａ' as u32 + 'a' as u32).unwrap_or(c),
            '％' | '﹪' => '%',
            '(' | '﹙' => '（',
            ')' | '﹚' => '）',
            ':' | '︰' => '：',
            ';' | '﹔' => '；',
            // full-width commas may be thousands separators: decided below
            '，' | '﹐' | '､' => ',',
            '、' | '﹑' => '、',
            '．' => '.',
            '。' | '｡' => '。',
            '＂' | '"' | '“' | '”' | '‘' | '’' | '\'' | '＇' | '「' | '」' => '"',
            '－' | '‐' | '‑' | '–' => '-',
            '～' => '~',
            _ => c,
        };
        if m.is_whitespace()
            || m == '\u{3000}'
            || m == '\u{00A0}'
            || m == '\u{200B}'
            || m == '\u{FEFF}'
        {
            continue;
        }
        tmp.push(m);
    }
    let mut out = String::with_capacity(s.len());
    for i in 0..tmp.len() {
        let c = tmp[i];
        if c == ',' {
            let prev_digit = i > 0 && tmp[i - 1].is_ascii_digit();
            let next3 = tmp.get(i + 1).is_some_and(|c| c.is_ascii_digit())
                && tmp.get(i + 2).is_some_and(|c| c.is_ascii_digit())
                && tmp.get(i + 3).is_some_and(|c| c.is_ascii_digit())
                && !tmp.get(i + 4).is_some_and(|c| c.is_ascii_digit());
            if prev_digit && next3 {
                out.push(',');
            } else {
                out.push('，');
            }
        } else if c == '.' {
            // a '.' between two digits is a decimal point; a '.' after a
            // list number ("1.") is kept; elsewhere keep as is.
            out.push('.');
        } else {
            out.push(c);
        }
    }
    out
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| {
        Regex::new(pat).unwrap_or_else(|_| Regex::new("$^").expect("trivial regex"))
    })
}

fn footer_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:第\d+页(?:[，/]?共\d+页)?|共\d+页第\d+页|[-—~]?\d{1,4}[-—~]?|\d+/\d+|page\d+(?:of\d+)?|Page\d+(?:of\d+)?)$",
    )
}

fn top_heading_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)",
    )
}

/// An unnumbered title line such as "2026年单位预算编制说明" (Shanghai):
/// starts a new top section like a numbered heading.
fn title_heading_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^\d{4}年度?[\p{Han}]{0,12}(?:预算|决算)(?:编制|情况)?说明$",
    )
}

fn sub_heading_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^（[一二三四五六七八九十]{1,3}）")
}

fn list_item_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:\d{1,2}[.、](?:[^\d]|$)|（\d{1,2}）|\d{1,2}）)")
}

fn has_amount_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\d(?:万元|元|亿元|平方米|辆|台|个|%)")
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

/// A paragraph: concatenated text plus the page of every byte range.
#[derive(Debug, Clone, Default)]
pub struct Paragraph {
    pub text: String,
    /// (byte offset where a piece starts, page number of that piece)
    pub pages: Vec<(usize, usize)>,
    /// Section heading in force when the paragraph started.
    pub section: String,
}

impl Paragraph {
    pub fn page_at(&self, offset: usize) -> usize {
        let mut p = self.pages.first().map(|x| x.1).unwrap_or(0);
        for &(o, pg) in &self.pages {
            if o <= offset {
                p = pg;
            } else {
                break;
            }
        }
        p
    }
    fn push(&mut self, s: &str, page: usize) {
        self.pages.push((self.text.len(), page));
        self.text.push_str(s);
    }
}

fn digit_mask(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Running headers and footers: the first and last two lines of a page (digits masked) that
/// repeat on at least three pages (and a third of them) and do not read as narrative.
struct RunningLines {
    counts: HashMap<String, usize>,
    pages: usize,
}

impl RunningLines {
    fn new(norm: &[(usize, Vec<String>)]) -> Self {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for (_, lines) in norm {
            let n = lines.len();
            let mut seen: Vec<String> = Vec::new();
            for idx in [0usize, 1, n.saturating_sub(2), n.saturating_sub(1)] {
                if let Some(l) = lines.get(idx) {
                    let m = digit_mask(l);
                    if !seen.contains(&m) {
                        seen.push(m);
                    }
                }
            }
            for m in seen {
                *counts.entry(m).or_insert(0) += 1;
            }
        }
        RunningLines {
            counts,
            pages: norm.len(),
        }
    }

    fn is_running(&self, l: &str) -> bool {
        if self.pages < 3 || l.contains('。') || has_amount_re().is_match(l) {
            return false;
        }
        let m = digit_mask(l);
        self.counts.get(&m).copied().unwrap_or(0) >= 3.max(self.pages / 3)
    }
}

/// Paragraphs being assembled, with the section headings in force.
#[derive(Default)]
struct Paragraphs {
    out: Vec<Paragraph>,
    top: String,
    sub: String,
    cur: Paragraph,
}

impl Paragraphs {
    fn section(&self) -> String {
        if self.sub.is_empty() {
            self.top.clone()
        } else {
            self.sub.clone()
        }
    }

    fn flush(&mut self) {
        let cur = std::mem::take(&mut self.cur);
        if !cur.text.is_empty() {
            self.out.push(cur);
        }
    }

    /// A numbered heading (一、 / （一）): a heading alone, or a heading that goes on with text,
    /// whose heading is the text up to the first digit or punctuation after the marker.
    fn heading(&mut self, line: &str, is_top: bool, page: usize) {
        self.flush();
        let has_text = line.contains('。') || has_amount_re().is_match(line);
        let marker_end = top_heading_re()
            .find(line)
            .or_else(|| sub_heading_re().find(line))
            .map(|m| m.end())
            .unwrap_or(0);
        let heading = if has_text {
            let rest = &line[marker_end..];
            let cut = rest
                .char_indices()
                .find(|(_, c)| c.is_ascii_digit() || matches!(c, '，' | '。' | '：'))
                .map(|(j, _)| j)
                .unwrap_or(rest.len());
            line[..marker_end + cut].to_string()
        } else {
            line.to_string()
        };
        if is_top {
            self.top = heading;
            self.sub.clear();
        } else {
            self.sub = heading;
        }
        self.cur.section = self.section();
        if has_text {
            self.cur.push(&line[marker_end..], page);
        }
    }

    fn line(&mut self, line: &str, page: usize) {
        if !line.chars().any(is_han) {
            self.flush();
        } else if title_heading_re().is_match(line) {
            self.flush();
            self.top = line.to_string();
            self.sub.clear();
            self.cur.section = self.section();
        } else if top_heading_re().is_match(line) {
            self.heading(line, true, page);
        } else if sub_heading_re().is_match(line) {
            self.heading(line, false, page);
        } else {
            if list_item_re().is_match(line) {
                self.flush();
            }
            if self.cur.text.is_empty() {
                self.cur.section = self.section();
            }
            self.cur.push(line, page);
        }
    }
}

/// Join lines into paragraphs. Page footers and lone page numbers are
/// dropped without breaking a paragraph; running headers/footers repeated on
/// many pages are dropped too. Headings, list items and lines without any
/// CJK character (table cells) end a paragraph.
pub fn paragraphs(pages: &[PageText]) -> Vec<Paragraph> {
    // normalised lines per page
    let norm: Vec<(usize, Vec<String>)> = pages
        .iter()
        .map(|p| {
            let lines = p
                .lines
                .iter()
                .map(|l| normalize(l))
                .filter(|l| !l.is_empty());
            (p.number, lines.collect())
        })
        .collect();
    let running = RunningLines::new(&norm);
    let mut paras = Paragraphs::default();
    for (page, lines) in &norm {
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            let edge = i < 2 || i + 2 >= n;
            if footer_re().is_match(line) || (edge && running.is_running(line)) {
                continue;
            }
            paras.line(line, *page);
        }
    }
    paras.flush();
    paras.out
}

/// Split a paragraph into sentences at `。` (and `！`/`？`). Returns byte
/// ranges into the paragraph text.
pub fn sentences(p: &Paragraph) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in p.text.char_indices() {
        if c == '。' || c == '！' || c == '？' {
            if i > start {
                out.push((start, i));
            }
            start = i + c.len_utf8();
        }
    }
    if start < p.text.len() {
        out.push((start, p.text.len()));
    }
    out
}
