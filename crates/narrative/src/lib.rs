//! # Brief overview
//!
//! `yusuan_narrative` reads the narrative part of a Chinese government budget
//! disclosure (第三部分 情况说明, 其他重要事项) and turns the figures printed
//! in running text into [`Indicator`] rows: 机关运行经费, 政府采购 by kind,
//! 国有资产占用 (房屋, 车辆 by kind, 大型设备), 绩效目标, 涉密项目, and for
//! most budget lines the change against last year ("比上年预算增加 168.40
//! 万元，增长 5.93%"), from which last year's figure is derived.
//!
//! Input is the document text in reading order, one [`PageText`] per page
//! (lines as `pdftotext` prints them without `-layout`). Processing:
//!
//! 1. every line is normalised (full-width digits and punctuation, all
//!    whitespace removed, `,` kept only as a thousands separator);
//! 2. lines are joined into paragraphs across line and page breaks; page
//!    footers ("第3页", "- 3 -", a lone page number) and running headers are
//!    dropped; headings (`一、`, `（一）`, `第三部分`) set the section in force;
//!    list items and table-like lines (no CJK) end a paragraph;
//! 3. paragraphs are split into sentences at `。`; in each sentence every
//!    figure with a unit (万元, 元, 亿元, %, 辆, 台, 套, 个, 平方米) is given a role
//!    from the words right before it: value, change (增加/减少…), change in %
//!    (增长/下降…), share (占…), prior year (上年…为);
//! 4. a value is labelled from the text before it (or after it: "2 个涉密项目")
//!    and mapped to a key of the vocabulary below; changes that name their
//!    own line ("因公出国（境）费用增加 0.00 万元") are merged into the row of
//!    that line stated earlier; "未安排" / "无…" clauses yield zero rows.
//!
//! Figures after "主要原因是" / "主要用于" (up to the next `；`) are explanation,
//! not indicators, and are skipped ("主要用于以下方面：" introduces a list and
//! is not).
//!
//! Per-line list items ("1、公共安全支出（204类）司法（06款）行政运行（01项）
//! 1434.89万元。主要用于：…。2025年当年预算执行数为1690.69万元，2026年预算安排
//! 1434.89万元，比2025年预算执行数减少1.10%。") give one `expenditure_function`
//! row for the figure after the path and a second one for the same subject
//! from the 执行数/预算安排 sentence (prior = 执行数, change_pct as printed);
//! the final-accounts variant "年初预算为…，支出决算为…" gives the 决算 figure.
//! An unnumbered title line "2026年单位预算编制说明" starts a new section.
//!
//! ## Vocabulary (`Indicator::indicator`)
//!
//! See `VOCABULARY.md` in this crate for the full list with examples. Keys:
//! budget_total, income_total, income_general_budget, income_gov_fund,
//! income_soe_capital, income_carryover, income_business, income_operating,
//! income_other, income_fiscal, expenditure_total, expenditure_basic,
//! expenditure_project, expenditure_function, personnel_costs, public_costs,
//! three_public_total, three_public_travel_abroad, three_public_vehicles,
//! three_public_vehicle_purchase, three_public_vehicle_operation,
//! three_public_reception, commissioned_services, operating_costs,
//! procurement_total, procurement_goods, procurement_works,
//! procurement_services, procurement_sme_reserved,
//! procurement_small_micro_reserved, buildings_area, buildings_value,
//! land_area, vehicles_count, vehicles_value, vehicles_general_count/value,
//! vehicles_enforcement_count/value, vehicles_special_count/value,
//! vehicles_confidential_count/value, vehicles_emergency_count/value,
//! vehicles_leader_count/value, vehicles_other_count/value, furniture_value,
//! other_assets_value, assets_total_value, equipment_50_count,
//! equipment_100_count, equipment_large_count (other thresholds; subject
//! names it), purchase_vehicles_count, purchase_vehicles_amount,
//! purchase_equipment_50_count, purchase_equipment_100_count,
//! purchase_equipment_large_count, performance_overall_count,
//! performance_overall_amount, performance_projects_count,
//! performance_projects_amount, performance_projects_amount_nonfiscal,
//! classified_projects_count, classified_projects_amount.

#![warn(missing_docs)]

mod classify;
mod codes;
mod function_path;
pub mod scope;
mod sentence;
mod text;

use classify::{classify, Ctx, Kind};
use regex::Regex;
pub use rust_decimal::Decimal;
use sentence::parse_sentence;
use std::str::FromStr;
use std::sync::LazyLock;

pub use text::normalize;

/// One page of text: 1-based page number, lines in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageText {
    /// 1-based page number.
    pub number: usize,
    /// The page's text lines in reading order.
    pub lines: Vec<String>,
}

/// One figure found in the narrative text.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Section heading in force, as printed (normalised), "" if none.
    pub section: String,
    /// Key from the vocabulary (see crate docs / VOCABULARY.md).
    pub indicator: String,
    /// Budget line or code the sentence is about, "" otherwise.
    pub subject: String,
    /// The figure as printed.
    pub value: Decimal,
    /// 万元, 元, 亿元, %, 辆, 平方米, 台, 套, 个.
    pub value_unit: String,
    /// Printed, or derived as value - change (same unit only).
    pub prior_year_value: Option<Decimal>,
    /// Signed: 减少/下降 → negative.
    pub change: Option<Decimal>,
    /// Signed.
    pub change_pct: Option<Decimal>,
    /// "占 92.50%" where printed.
    pub share_pct: Option<Decimal>,
    /// The sentence it came from (normalised, lines joined).
    pub sentence: String,
    /// The page the figure stands on.
    pub page: usize,
}

fn rx(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|_| Regex::new("$^").expect("trivial regex"))
}

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万元|亿元|元|平方米|㎡|辆|台（套）|台套|台|套|个|%)",
    )
});
static CHANGE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"^(.*?)((?:比|较|与|同比|相比|对比)(?:上年|上一年|去年|\d{4}年)[^，；：、]*?)?(增加|减少|增长|下降|降低|上升|压减|增支|减支|增幅|减幅|降幅|增|减|降)了?(?:为|约)?$",
    )
});
static PRIOR_TAIL: LazyLock<Regex> =
    LazyLock::new(|| rx(r"上年(?:度)?(?:年初)?(?:预算|决算)?(?:数)?(?:为|是)?$"));
static REASON: LazyLock<Regex> = LazyLock::new(|| rx(r"原因|主要是|主要用于|用于|系因|由于|因为"));
static NEG: LazyLock<Regex> = LazyLock::new(|| rx(r"减|降|少"));
static ZERO_AFTER: LazyLock<Regex> = LazyLock::new(|| rx(r"^(.*?)未(?:安排|编制|列支)(.*)$"));
static ZERO_NONE: LazyLock<Regex> =
    LazyLock::new(|| rx(r"^(?:本单位|本部门|单位|我单位|我部门|本年度?|今年)?(?:无|没有)(.+)$"));

const DELIMS: [char; 5] = ['，', '；', '：', '、', '。'];

fn parse_dec(s: &str) -> Option<Decimal> {
    Decimal::from_str(&s.replace(',', "")).ok()
}

fn tail_of(gap: &str) -> &str {
    match gap.rfind(DELIMS) {
        Some(i) => {
            let c_len = gap[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
            &gap[i + c_len..]
        }
        None => gap,
    }
}

fn head_of(after: &str) -> &str {
    match after.find(DELIMS) {
        Some(i) => &after[..i],
        None => after,
    }
}

fn unit_canon(u: &str) -> &str {
    match u {
        "㎡" => "平方米",
        "台（套）" | "台套" => "台",
        other => other,
    }
}

/// Parse the whole document.
pub fn extract_indicators(pages: &[PageText]) -> Vec<Indicator> {
    let mut rows: Vec<Indicator> = Vec::new();
    let mut zero_rows: Vec<Indicator> = Vec::new();
    for para in text::paragraphs(pages) {
        // function line a list item is about ("1、公共安全支出（204类）…"),
        // for the later "执行数…预算安排…" / "年初预算…决算…" sentences
        let mut item_subject: Option<String> = None;
        for (n, (a, b)) in text::sentences(&para).into_iter().enumerate() {
            let s = match para.text.get(a..b) {
                Some(s) => s,
                None => continue,
            };
            if let Some(subj) = item_subject.as_deref() {
                if let Some(row) = line_execution(s, a, &para, subj) {
                    rows.push(row);
                    continue;
                }
            }
            let before = rows.len();
            parse_sentence(s, a, &para, &mut rows, &mut zero_rows);
            if n == 0 {
                item_subject = rows[before..]
                    .iter()
                    .find(|r| r.indicator == "expenditure_function")
                    .map(|r| r.subject.clone())
                    .or_else(|| {
                        let named = ITEM_PATH.is_match(s) && !AMOUNT.is_match(s);
                        if named {
                            function_path::function_subject(s)
                        } else {
                            None
                        }
                    });
            }
        }
    }
    for z in zero_rows {
        if !rows.iter().any(|r| r.indicator == z.indicator) {
            rows.push(z);
        }
    }
    rows
}

static ITEM_PATH: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"^(?:\d{1,2}[.、]|（\d{1,2}）)?[\p{Han}（）]+（\d*类）.*（\d*(?:款|项)）$")
});
const NUM: &str = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万元|亿元|元)";
static BUDGET_EXEC: LazyLock<Regex> = LazyLock::new(|| {
    rx(&format!(
        r"^(?:\d{{4}}年)?(?:当年|全年)?(?:预算)?执行数?(?:为|是)?{NUM}，(?:\d{{4}}年)?(?:预算)?安排(?:为|是)?{NUM}(?:，(?:比|较)[^，；]*?(?:(增加|减少|增长|下降|降低)了?{pct}|(持平)))?",
        pct = r"(\d+(?:\.\d+)?)%"
    ))
});
static FINAL_EXEC: LazyLock<Regex> = LazyLock::new(|| {
    rx(&format!(
        r"^(?:全年|年初)预算(?:数)?(?:为|是){NUM}，(?:支出)?决算(?:数)?(?:为|是){NUM}"
    ))
});

/// The per-line sentence that follows a function line in a list item:
/// "2025年当年预算执行数为1690.69万元，2026年预算安排1434.89万元，比2025年
/// 预算执行数减少1.10%" (budget: value = 预算安排, prior = 执行数, pct as
/// printed) or "年初预算为1560.05万元，支出决算为1511.89万元" (final
/// accounts: value = 决算).
fn line_execution(
    s: &str,
    offset: usize,
    para: &text::Paragraph,
    subject: &str,
) -> Option<Indicator> {
    let row = |value: Decimal, unit: &str, at: usize| Indicator {
        section: para.section.clone(),
        indicator: "expenditure_function".into(),
        subject: subject.to_string(),
        value,
        value_unit: unit.to_string(),
        prior_year_value: None,
        change: None,
        change_pct: None,
        share_pct: None,
        sentence: s.to_string(),
        page: para.page_at(offset + at),
    };
    if let Some(c) = BUDGET_EXEC.captures(s) {
        let prior = parse_dec(c.get(1)?.as_str())?;
        let prior_unit = c.get(2)?.as_str();
        let vm = c.get(3)?;
        let value = parse_dec(vm.as_str())?;
        let unit = c.get(4)?.as_str();
        let mut r = row(value, unit, vm.start());
        if prior_unit == unit {
            r.prior_year_value = Some(prior);
            r.change = Some(value - prior);
        }
        if let (Some(kw), Some(p)) = (c.get(5), c.get(6).and_then(|p| parse_dec(p.as_str()))) {
            r.change_pct = Some(if NEG.is_match(kw.as_str()) { -p } else { p });
        } else if c.get(7).is_some() {
            r.change_pct = Some(Decimal::ZERO);
        }
        return Some(r);
    }
    if let Some(c) = FINAL_EXEC.captures(s) {
        let vm = c.get(3)?;
        let value = parse_dec(vm.as_str())?;
        return Some(row(value, c.get(4)?.as_str(), vm.start()));
    }
    None
}

/// The lines a clause says there is nothing of: "X未安排" / "未安排X" → X; "无X和Y" → X, Y.
fn zero_labels(clause: &str) -> Vec<String> {
    if let Some(c) = ZERO_AFTER.captures(clause) {
        let before = c.get(1).map(|x| x.as_str()).unwrap_or("");
        let after = c.get(2).map(|x| x.as_str()).unwrap_or("");
        let label = if after.is_empty() { before } else { after };
        return vec![label.to_string()];
    }
    match ZERO_NONE.captures(clause).and_then(|c| c.get(1)) {
        Some(x) => x
            .as_str()
            .split(['和', '及', '、'])
            .map(String::from)
            .collect(),
        None => Vec::new(),
    }
}

/// Zero rows from the clauses of sentence `s` that say a line has nothing ("未安排", "无…"),
/// outside explanations and away from printed figures.
fn zero_clauses(
    s: &str,
    offset: usize,
    para: &text::Paragraph,
    kept: &[(usize, usize)],
    out: &mut Vec<Indicator>,
) {
    let mut start = 0usize;
    let mut in_reason = false;
    let mut pieces: Vec<(usize, &str, char)> = Vec::new();
    for (i, c) in s.char_indices() {
        if c == '，' || c == '；' || c == '：' {
            pieces.push((start, &s[start..i], c));
            start = i + c.len_utf8();
        }
    }
    pieces.push((start, &s[start..], '。'));
    for (pos, clause, end) in pieces {
        let clause_end = pos + clause.len();
        let has_amount =
            AMOUNT.is_match(clause) || kept.iter().any(|&(a, b)| a < clause_end && b > pos);
        if REASON.is_match(clause) {
            in_reason = true;
        }
        if !in_reason && !has_amount {
            let labels = zero_labels(clause);
            for label in labels {
                if label.is_empty()
                    || label.contains('表')
                    || label.contains("转移支付")
                    || label.chars().count() > 30
                {
                    continue;
                }
                let ctx = Ctx {
                    prefix: &s[..pos],
                    section: &para.section,
                };
                let Some((ind, subject)) = classify(&label, Kind::Money, &ctx) else {
                    continue;
                };
                if ind == "expenditure_function" {
                    continue;
                }
                out.push(Indicator {
                    section: para.section.clone(),
                    indicator: ind,
                    subject,
                    value: Decimal::ZERO,
                    value_unit: "万元".into(),
                    prior_year_value: None,
                    change: None,
                    change_pct: None,
                    share_pct: None,
                    sentence: s.to_string(),
                    page: para.page_at(offset + pos),
                });
            }
        }
        if end == '；' {
            in_reason = false;
        }
    }
}
