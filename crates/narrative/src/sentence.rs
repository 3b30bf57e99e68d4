//! One sentence of the narrative → indicator rows. Each figure in it is, by the words right
//! before it, a share (占 P%), a change (比上年增加 X), a prior-year value (上年预算为 X) or a
//! value; shares, changes and prior values attach to the mention that the last value opened.

use crate::classify::{classify, clean_label, sibling_key, unit_kind, Ctx, Kind, SIBLING};
use crate::function_path::function_subject;
use crate::{
    head_of, parse_dec, rx, tail_of, text, unit_canon, zero_clauses, Indicator, AMOUNT,
    CHANGE_TAIL, NEG, PRIOR_TAIL, REASON,
};
use regex::{Captures, Regex};
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// A line of the sentence being assembled: its indicator and what was said about it.
#[derive(Debug, Clone)]
struct Mention {
    key: Option<(String, String)>,
    value: Option<(Decimal, String)>,
    change: Option<(Decimal, String)>,
    change_pct: Option<Decimal>,
    share: Option<Decimal>,
    prior: Option<(Decimal, String)>,
    page: usize,
}

impl Mention {
    fn new(key: Option<(String, String)>, page: usize) -> Self {
        Mention {
            key,
            value: None,
            change: None,
            change_pct: None,
            share: None,
            prior: None,
            page,
        }
    }
}

/// One printed figure and the text around it.
struct Figure<'s> {
    value: Decimal,
    unit: String,
    page: usize,
    /// Text since the previous figure.
    gap: &'s str,
    /// The clause right before the figure (the end of `gap`).
    tail: &'s str,
    /// Text up to the next figure, and its first clause.
    follow_all: &'s str,
    follow: &'s str,
    /// The sentence up to the figure.
    prefix: &'s str,
}

/// The state of one sentence's reading.
struct Sentence<'s> {
    s: &'s str,
    section: &'s str,
    mentions: Vec<Mention>,
    /// The mention that changes, percentages and shares attach to.
    current: Option<usize>,
    prev_end: usize,
    /// Inside an explanation (原因…, 主要用于…): its figures are not indicators.
    in_reason: bool,
    last_key: Option<String>,
    last_subject: String,
    /// Byte ranges of the figures used (zero clauses skip them).
    kept: Vec<(usize, usize)>,
    /// The last line (economic class, function line) a value of the sentence was given for.
    line: Option<String>,
    /// The line a "其中" after it breaks down: the unit-level figures that follow are its parts.
    part_of: Option<String>,
}

/// Reads sentence `s` (at byte `offset` of `para`): its indicator rows go to `rows`, its
/// "未安排 / 无…" clauses to `zero_rows`.
pub(crate) fn parse_sentence(
    s: &str,
    offset: usize,
    para: &text::Paragraph,
    rows: &mut Vec<Indicator>,
    zero_rows: &mut Vec<Indicator>,
) {
    let mut sentence = Sentence {
        s,
        section: para.section.as_str(),
        mentions: Vec::new(),
        current: None,
        prev_end: 0,
        in_reason: false,
        last_key: None,
        last_subject: String::new(),
        kept: Vec::new(),
        line: None,
        part_of: None,
    };
    let amounts: Vec<Captures> = AMOUNT.captures_iter(s).collect();
    for idx in 0..amounts.len() {
        if let Some(figure) = sentence.figure(&amounts, idx, offset, para) {
            sentence.read(figure);
        }
    }
    zero_clauses(s, offset, para, &sentence.kept, zero_rows);
    sentence.emit(rows);
}

/// A number glued to a code or a comparison (`1010108N`, `≥5`), or followed by a qualifier
/// (以上, 以下, （含）, 百分点, a slash): not a figure of its own.
fn not_a_figure(before: &str, after: &str) -> bool {
    let glued = before.chars().next_back().is_some_and(|pc| {
        pc.is_ascii_alphanumeric()
            || matches!(
                pc,
                '.' | ',' | '<' | '>' | '=' | '≥' | '≤' | '~' | '-' | '—'
            )
    });
    glued
        || ["以上", "以下", "（含）", "百分点", "/"]
            .iter()
            .any(|q| after.starts_with(q))
}

impl<'s> Sentence<'s> {
    /// Figure `idx` of the sentence, or None when it is not one or stands in an explanation.
    fn figure(
        &mut self,
        amounts: &[Captures<'s>],
        idx: usize,
        offset: usize,
        para: &text::Paragraph,
    ) -> Option<Figure<'s>> {
        let s = self.s;
        let cap = &amounts[idx];
        let (m, num, unit) = (cap.get(0)?, cap.get(1)?, cap.get(2)?);
        if not_a_figure(&s[..m.start()], &s[m.end()..]) {
            return None;
        }
        let value = parse_dec(num.as_str())?;
        let gap = &s[self.prev_end.min(m.start())..m.start()];
        self.prev_end = m.end();
        if self.explains(gap) {
            return None;
        }
        self.kept.push((m.start(), m.end()));
        let next_start = amounts
            .get(idx + 1)
            .and_then(|c| c.get(0))
            .map(|x| x.start())
            .unwrap_or(s.len());
        let follow_all = &s[m.end()..next_start.max(m.end())];
        Some(Figure {
            value,
            unit: unit_canon(unit.as_str()).to_string(),
            page: para.page_at(offset + m.start()),
            gap,
            tail: tail_of(gap),
            follow_all,
            follow: head_of(follow_all),
            prefix: &s[..m.start()],
        })
    }

    /// Whether the text since the last figure enters (or stays in) an explanation; a `；`
    /// after the last reason word leaves it. "主要用于以下方面：" introduces a list instead.
    fn explains(&mut self, gap: &str) -> bool {
        let last_semi = gap.rfind('；');
        let last_reason = REASON
            .find_iter(gap)
            .filter(|r| !gap[r.end()..].starts_with("以下"))
            .last()
            .map(|r| r.start());
        match (last_reason, last_semi) {
            (Some(r), Some(sc)) if r > sc => self.in_reason = true,
            (Some(_), None) => self.in_reason = true,
            (_, Some(_)) => self.in_reason = false,
            _ => {}
        }
        self.in_reason
    }

    fn current_mut(&mut self) -> Option<&mut Mention> {
        self.current.map(|i| &mut self.mentions[i])
    }

    fn read(&mut self, f: Figure<'s>) {
        if f.unit == "%" {
            self.percent(&f);
            return;
        }
        let Some(kind) = unit_kind(&f.unit) else {
            return;
        };
        if self.change(&f, kind) || self.prior(&f) {
            return;
        }
        self.value(&f, kind);
    }

    /// `占 P%` is a share; `比上年增长 P%` a change in percent; of the current mention.
    fn percent(&mut self, f: &Figure) {
        if f.tail.contains('占') {
            if let Some(m) = self.current_mut() {
                if m.value.is_some() && m.share.is_none() {
                    m.share = Some(f.value);
                }
            }
        } else if let Some(c) = CHANGE_TAIL.captures(f.tail) {
            let kw = c.get(3).map(|x| x.as_str()).unwrap_or("");
            let signed = if NEG.is_match(kw) { -f.value } else { f.value };
            if let Some(m) = self.current_mut() {
                if m.change_pct.is_none() {
                    m.change_pct = Some(signed);
                }
            }
        }
    }

    /// A change (比上年增加 X): of the line it names, else of the current mention.
    fn change(&mut self, f: &Figure, kind: Kind) -> bool {
        let Some(c) = CHANGE_TAIL.captures(f.tail) else {
            return false;
        };
        let label = c.get(1).map(|x| x.as_str()).unwrap_or("");
        let kw = c.get(3).map(|x| x.as_str()).unwrap_or("");
        let strong = matches!(
            kw,
            "增加" | "减少" | "增长" | "下降" | "降低" | "上升" | "压减" | "增支" | "减支"
        );
        if c.get(2).is_none() && !strong {
            return false;
        }
        let signed = if NEG.is_match(kw) { -f.value } else { f.value };
        let ctx = Ctx {
            prefix: f.prefix,
            section: self.section,
        };
        let own = (!label.is_empty())
            .then(|| classify(label, kind, &ctx))
            .flatten();
        let cur_key = self.current.and_then(|i| self.mentions[i].key.clone());
        match own {
            Some(k) if Some(&k) != cur_key.as_ref() => {
                let mut m = Mention::new(Some(k.clone()), f.page);
                m.change = Some((signed, f.unit.clone()));
                self.mentions.push(m);
                self.current = Some(self.mentions.len() - 1);
                self.last_key = Some(k.0);
            }
            _ => {
                if let Some(m) = self.current_mut() {
                    if m.change.is_none() {
                        m.change = Some((signed, f.unit.clone()));
                    }
                }
            }
        }
        true
    }

    /// A prior-year value (上年预算为 X) of the current mention.
    fn prior(&mut self, f: &Figure) -> bool {
        if !PRIOR_TAIL.is_match(f.tail) || f.tail.contains('比') || f.tail.contains('较') {
            return false;
        }
        if let Some(m) = self.current_mut() {
            if m.prior.is_none() {
                m.prior = Some((f.value, f.unit.clone()));
            }
        }
        true
    }

    /// What a value figure is: the sibling of the last count (价值 X), else the label before
    /// it, else (counts) the words after it, else a function path printed further back.
    fn classify_value(&self, f: &Figure, kind: Kind) -> Option<(String, String)> {
        let ctx = Ctx {
            prefix: f.prefix,
            section: self.section,
        };
        let money = kind == Kind::Money;
        if money && SIBLING.is_match(f.tail) {
            if let Some(key) = self.last_key.as_deref().and_then(sibling_key) {
                return Some((key, self.last_subject.clone()));
            }
        }
        if let Some(key) = classify(f.tail, kind, &ctx) {
            return Some(key);
        }
        if !money {
            return classify(f.follow, kind, &ctx);
        }
        if f.gap.len() > f.tail.len() {
            // only an explicit function path / code may label a figure from afar
            if let Some(subject) = function_subject(f.gap) {
                return Some(("expenditure_function".into(), subject));
            }
        }
        if !f.follow.is_empty() && f.tail.chars().count() <= 4 {
            return classify(f.follow, kind, &ctx);
        }
        None
    }

    /// A value opens a new mention; "与上年持平" after it is a zero change.
    fn value(&mut self, f: &Figure, kind: Kind) {
        let key = self.classify_value(f, kind);
        let key = self.part_of_line(f, key);
        let mut m = Mention::new(key.clone(), f.page);
        m.value = Some((f.value, f.unit.clone()));
        let follow_clause = match REASON.find(f.follow_all) {
            Some(r) => &f.follow_all[..r.start()],
            None => f.follow_all,
        };
        if follow_clause.contains("持平") {
            m.change = Some((Decimal::ZERO, f.unit.clone()));
            m.change_pct = Some(Decimal::ZERO);
        }
        self.mentions.push(m);
        self.current = Some(self.mentions.len() - 1);
        self.last_subject = key.as_ref().map(|k| k.1.clone()).unwrap_or_default();
        self.last_key = key.map(|k| k.0);
    }

    /// A unit-level figure (人员经费, 公用经费, 基本/项目支出) that a "其中" introduces after a
    /// line ("对个人和家庭的补助（303）100151.38万元，其中：人员经费138.06万元") is a part of
    /// that line, not the unit's figure: its subject names the line. The breakdown lasts to the
    /// end of the sentence (…；公用经费75.66万元 is a part too).
    fn part_of_line(
        &mut self,
        f: &Figure,
        key: Option<(String, String)>,
    ) -> Option<(String, String)> {
        let line = match &key {
            Some((k, s)) if k == "expenditure_function" && names_line(s) => Some(s.clone()),
            None => names_class(f.tail),
            _ => None,
        };
        if line.is_some() {
            self.line = line;
            self.part_of = None;
            return key;
        }
        if f.gap.contains("其中") {
            self.part_of = self.line.clone();
        }
        match (key, &self.part_of) {
            (Some((k, s)), Some(owner)) if s.is_empty() && UNIT_LEVEL.contains(&k.as_str()) => {
                Some((k, owner.clone()))
            }
            (key, _) => key,
        }
    }

    /// Rows of the mentions with a key: values become rows; a change alone merges into the
    /// latest row of its line that has none.
    fn emit(self, rows: &mut Vec<Indicator>) {
        for m in self.mentions {
            let Some((indicator, subject)) = m.key.clone() else {
                continue;
            };
            match &m.value {
                Some((v, unit)) => {
                    let prior = match (&m.prior, &m.change) {
                        (Some((p, _)), _) => Some(*p),
                        (None, Some((c, cu))) if cu == unit => Some(*v - *c),
                        _ => None,
                    };
                    rows.push(Indicator {
                        section: self.section.to_string(),
                        indicator,
                        subject,
                        value: *v,
                        value_unit: unit.clone(),
                        prior_year_value: prior,
                        change: m.change.as_ref().map(|c| c.0),
                        change_pct: m.change_pct,
                        share_pct: m.share,
                        sentence: self.s.to_string(),
                        page: m.page,
                    });
                }
                None => merge_change(rows, &indicator, &subject, &m),
            }
        }
    }
}

/// Keys of unit-level figures, which a line's "其中" breakdown may repeat for the line alone.
const UNIT_LEVEL: &[&str] = &[
    "personnel_costs",
    "public_costs",
    "expenditure_basic",
    "expenditure_project",
];

static ECON_CODE: LazyLock<Regex> = LazyLock::new(|| rx(r"^[\p{Han}（）]+（(?:\d{3}|\d{5})）$"));

/// Whether a function subject is a line (a code, a 款/项 pair, a 类 or an economic class name),
/// not a total named like one (预算支出).
fn names_line(subject: &str) -> bool {
    (!subject.is_empty() && subject.chars().all(|c| c.is_ascii_digit()))
        || subject.contains('/')
        || crate::codes::class_code(subject).is_some()
        || names_class(subject).is_some()
}

/// The economic class a label names, by its printed code ("商品和服务支出（302）") or its
/// catalog name ("对个人和家庭的补助").
fn names_class(label: &str) -> Option<String> {
    let l = clean_label(label);
    let cat = yusuan_catalog::catalog();
    let known = |system| !cat.codes_named(system, &l, None).is_empty();
    (!l.is_empty() && (ECON_CODE.is_match(&l) || known("dept_economic") || known("gov_economic")))
        .then_some(l)
}

/// A change-only mention ("其中：公务接待费减少 2.00 万元") goes to the latest row of its line.
fn merge_change(rows: &mut [Indicator], indicator: &str, subject: &str, m: &Mention) {
    let Some((c, cu)) = m.change.clone() else {
        return;
    };
    if let Some(r) = rows
        .iter_mut()
        .rev()
        .find(|r| r.indicator == indicator && r.subject == subject && r.change.is_none())
    {
        r.change = Some(c);
        if r.change_pct.is_none() {
            r.change_pct = m.change_pct;
        }
        if r.prior_year_value.is_none() && r.value_unit == cu {
            r.prior_year_value = Some(r.value - c);
        }
    }
}
