//! Mapping of a printed label (the text before a figure) to an indicator key.

use crate::function_path::function_subject;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Money,
    Count,
    Area,
}

pub fn unit_kind(unit: &str) -> Option<Kind> {
    match unit {
        "万元" | "元" | "亿元" => Some(Kind::Money),
        "辆" | "台" | "套" | "个" => Some(Kind::Count),
        "平方米" => Some(Kind::Area),
        _ => None,
    }
}

/// Context for classification.
pub struct Ctx<'a> {
    /// Sentence text up to the figure.
    pub prefix: &'a str,
    /// Section heading in force.
    pub section: &'a str,
}

fn rx(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|_| Regex::new("$^").expect("trivial regex"))
}

static LIST_MARK: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"^(?:\d{1,2}[.、]|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}）|[一二三四五六七八九十]{1,3}、)+",
    )
});
static YEAR_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| rx(r"^(?:其中|包括)?(?:\d{4}年(?:度)?(?:的)?)"));
static PURCHASE: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?:安排|计划|拟|新|申请)购置|购置单价|购置.{0,6}(?:车辆|设备)|购置车辆"));
static PERF_CTX: LazyLock<Regex> =
    LazyLock::new(|| rx(r"绩效目标|预算绩效|绩效管理|绩效情况|绩效评价"));
static THRESHOLD: LazyLock<Regex> = LazyLock::new(|| rx(r"(\d+)万元?-?元?(?:（含）)?以上"));
pub static SIBLING: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"^(?:其中)?(?:总)?(?:价值|金额|资产价值|原值|账面原值|账面价值|涉及预算资金|涉及预算金额|涉及金额|涉及资金|预算金额|资金|共计|合计)?(?:为|约)?$",
    )
});

/// Strip list markers, year prefixes and the like from a label.
pub fn clean_label(label: &str) -> String {
    let mut s = LIST_MARK.replace(label, "").to_string();
    s = YEAR_PREFIX.replace(&s, "").to_string();
    s.trim_matches(|c: char| c == '"' || c == '：' || c == '，')
        .to_string()
}

fn has(s: &str, pats: &[&str]) -> bool {
    pats.iter().any(|p| s.contains(p))
}

/// Indicator for the value of a "*_count" sibling ("价值"/"涉及预算金额" after a count).
pub fn sibling_key(prev: &str) -> Option<String> {
    if prev == "buildings_area" {
        return Some("buildings_value".into());
    }
    if let Some(stem) = prev.strip_suffix("_count") {
        if stem.starts_with("performance") || stem.starts_with("classified") {
            return Some(format!("{stem}_amount"));
        }
        return Some(format!("{stem}_value"));
    }
    None
}

/// A test on the cleaned label (or the context) that a rule needs.
#[derive(Debug, Clone, Copy)]
enum Cond {
    /// The label contains one of these.
    Any(&'static [&'static str]),
    /// The label contains none of these.
    NoneOf(&'static [&'static str]),
    /// The label, the sentence before the figure or the section heading speaks of 绩效.
    Perf,
}

/// What a rule whose conditions hold gives.
#[derive(Clone, Copy)]
enum Then {
    /// This indicator, no subject.
    Key(&'static str),
    /// A function that may give one of the listed indicators (with a subject), or decline,
    /// in which case the next rule is tried.
    Call(
        &'static [&'static str],
        fn(&str, &Ctx) -> Option<(String, String)>,
    ),
    /// The label is not an indicator (no later rule is tried).
    Stop,
}

/// One row of the classifier: for figures of `kind`, when every condition holds, `then`.
struct Rule {
    kind: Kind,
    when: &'static [Cond],
    then: Then,
}

const fn rule(kind: Kind, when: &'static [Cond], then: Then) -> Rule {
    Rule { kind, when, then }
}

use Cond::{Any, NoneOf, Perf};
use Kind::{Area, Count, Money};
use Then::{Call, Key, Stop};

/// The classifier, in order: the first rule that fires names the figure. VOCABULARY.md lists
/// every indicator these rules give (a test checks both ways).
const RULES: &[Rule] = &[
    rule(
        Area,
        &[Any(&["房屋", "用房", "建筑", "办公室", "业务用房"])],
        Key("buildings_area"),
    ),
    rule(Area, &[Any(&["土地"])], Key("land_area")),
    rule(
        Count,
        &[Any(&["车", "辆"]), NoneOf(&["设备"])],
        Call(VEHICLE_KEYS, vehicles),
    ),
    rule(Count, &[], Call(EQUIPMENT_KEYS, equipment)),
    rule(Count, &[Any(&["涉密"])], Key("classified_projects_count")),
    rule(
        Count,
        &[Perf, Any(&["整体"])],
        Key("performance_overall_count"),
    ),
    rule(
        Count,
        &[Perf, Any(&["项目"])],
        Key("performance_projects_count"),
    ),
    rule(Money, &[], Call(&["expenditure_function"], function_line)),
    rule(Money, &[Any(&["三公"])], Key("three_public_total")),
    rule(
        Money,
        &[Any(&["因公出国"])],
        Key("three_public_travel_abroad"),
    ),
    rule(
        Money,
        &[Any(&["公务用车", "公车"])],
        Call(THREE_PUBLIC_VEHICLE_KEYS, official_vehicles),
    ),
    rule(Money, &[Any(&["公务接待"])], Key("three_public_reception")),
    rule(Money, &[Any(&["委托业务费"])], Key("commissioned_services")),
    rule(
        Money,
        &[Any(&["机关运行经费", "行政运行经费", "单位运行经费"])],
        Key("operating_costs"),
    ),
    rule(Money, &[], Call(PROCUREMENT_KEYS, procurement)),
    rule(Money, &[Any(&["房屋"])], Key("buildings_value")),
    rule(
        Money,
        &[Any(&["车辆"]), Any(&["购置"])],
        Key("purchase_vehicles_amount"),
    ),
    rule(Money, &[Any(&["家具"])], Key("furniture_value")),
    rule(Money, &[Any(&["其他资产"])], Key("other_assets_value")),
    rule(
        Money,
        &[Any(&["资产总值", "资产总额", "资产总计", "国有资产总"])],
        Key("assets_total_value"),
    ),
    rule(Money, &[Any(&["涉密"])], Key("classified_projects_amount")),
    rule(
        Money,
        &[
            Perf,
            Any(&["项目"]),
            Any(&["金额", "资金", "预算"]),
            Any(&["非财政拨款"]),
        ],
        Key("performance_projects_amount_nonfiscal"),
    ),
    rule(
        Money,
        &[Perf, Any(&["项目"]), Any(&["金额", "资金", "预算"])],
        Key("performance_projects_amount"),
    ),
    rule(
        Money,
        &[Perf, Any(&["整体"])],
        Key("performance_overall_amount"),
    ),
    rule(Money, &[Any(&["人员经费"])], Key("personnel_costs")),
    rule(Money, &[Any(&["公用经费"])], Key("public_costs")),
    rule(Money, &[Any(&["基本支出"])], Key("expenditure_basic")),
    rule(Money, &[Any(&["项目支出"])], Key("expenditure_project")),
    rule(
        Money,
        &[Any(&[
            "收支总预算",
            "收入总预算",
            "收支预算总",
            "收支总计",
            "收支预算合计",
            "预算总额",
        ])],
        Call(&["budget_total"], budget_total),
    ),
    rule(
        Money,
        &[Any(&[
            "支出预算",
            "支出总预算",
            "本年支出",
            "支出合计",
            "支出总计",
            "总支出",
        ])],
        Key("expenditure_total"),
    ),
    rule(Money, &[Any(&["转移支付"])], Stop),
    rule(
        Money,
        &[NoneOf(&["收入"])],
        Call(
            &["expenditure_total", "expenditure_function"],
            named_expenditure,
        ),
    ),
    rule(Money, &[Any(&["结转", "结余"])], Key("income_carryover")),
    rule(
        Money,
        &[Any(&["一般公共预算"])],
        Key("income_general_budget"),
    ),
    rule(Money, &[Any(&["政府性基金"])], Key("income_gov_fund")),
    rule(Money, &[Any(&["国有资本经营"])], Key("income_soe_capital")),
    rule(Money, &[Any(&["事业收入"])], Key("income_business")),
    rule(Money, &[Any(&["经营收入"])], Key("income_operating")),
    rule(Money, &[Any(&["其他收入"])], Key("income_other")),
    rule(
        Money,
        &[Any(&[
            "收入预算",
            "本年收入",
            "收入合计",
            "收入总计",
            "总收入",
        ])],
        Key("income_total"),
    ),
    rule(
        Money,
        &[Any(&["财政拨款"]), NoneOf(&["项目"])],
        Key("income_fiscal"),
    ),
];

fn holds(cond: Cond, l: &str, ctx: &Ctx) -> bool {
    match cond {
        Any(pats) => has(l, pats),
        NoneOf(pats) => !has(l, pats),
        Perf => {
            PERF_CTX.is_match(l) || PERF_CTX.is_match(ctx.prefix) || PERF_CTX.is_match(ctx.section)
        }
    }
}

/// Classify a label. Returns (indicator, subject).
pub fn classify(raw: &str, kind: Kind, ctx: &Ctx) -> Option<(String, String)> {
    let label = clean_label(raw);
    if label.is_empty() {
        return None;
    }
    let l = label.as_str();
    for r in RULES.iter().filter(|r| r.kind == kind) {
        if !r.when.iter().all(|&c| holds(c, l, ctx)) {
            continue;
        }
        match r.then {
            Key(key) => return Some((key.to_string(), String::new())),
            Call(keys, f) => {
                if let Some(found) = f(l, ctx) {
                    debug_assert!(keys.contains(&found.0.as_str()), "{} not listed", found.0);
                    return Some(found);
                }
            }
            Stop => return None,
        }
    }
    None
}

fn key(s: &str) -> Option<(String, String)> {
    Some((s.to_string(), String::new()))
}

/// The last clause of a label (after its last comma, colon, semicolon or 、).
fn last_clause(l: &str) -> &str {
    l.rsplit(['，', '：', '；', '、']).next().unwrap_or(l)
}

const VEHICLE_KEYS: &[&str] = &[
    "purchase_vehicles_count",
    "vehicles_general_count",
    "vehicles_enforcement_count",
    "vehicles_special_count",
    "vehicles_confidential_count",
    "vehicles_emergency_count",
    "vehicles_leader_count",
    "vehicles_other_count",
    "vehicles_count",
];

/// A count of vehicles: bought, or held by kind (another printed kind is `other` with its name).
fn vehicles(l: &str, ctx: &Ctx) -> Option<(String, String)> {
    if PURCHASE.is_match(ctx.prefix) || l.contains("购置") {
        return key("purchase_vehicles_count");
    }
    const KINDS: &[(&[&str], &str)] = &[
        (&["一般公务用车"], "vehicles_general_count"),
        (&["执法执勤"], "vehicles_enforcement_count"),
        (&["特种专业技术"], "vehicles_special_count"),
        (&["机要通信"], "vehicles_confidential_count"),
        (&["应急保障"], "vehicles_emergency_count"),
        (&["领导干部", "部级", "定向保障"], "vehicles_leader_count"),
        (
            &["其他用车", "其他车辆", "其他公务用车"],
            "vehicles_other_count",
        ),
    ];
    if let Some((_, k)) = KINDS.iter().find(|(pats, _)| has(l, pats)) {
        return key(k);
    }
    if has(l, &["用车", "专用车"]) && !has(l, &["车辆", "保有量", "公务用车总"]) {
        // another printed kind (老干部服务用车, 业务用车 …): other, subject names it
        return Some(("vehicles_other_count".into(), last_clause(l).to_string()));
    }
    key("vehicles_count")
}

const EQUIPMENT_KEYS: &[&str] = &[
    "equipment_100_count",
    "equipment_50_count",
    "equipment_large_count",
    "purchase_equipment_100_count",
    "purchase_equipment_50_count",
    "purchase_equipment_large_count",
];

/// A count of large equipment (单价 N 万元以上设备, 大型设备), held or bought.
fn equipment(l: &str, ctx: &Ctx) -> Option<(String, String)> {
    let large = l.contains("设备") && (THRESHOLD.is_match(l) || l.contains("大型"));
    let above_threshold = has(l, &["万元以上", "万以上"]) && !l.contains("项目");
    if !(large || above_threshold) {
        return None;
    }
    let pre = if PURCHASE.is_match(ctx.prefix) || l.contains("购置") {
        "purchase_"
    } else {
        ""
    };
    let thr = THRESHOLD
        .captures(l)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str());
    Some(match thr {
        Some("100") => (format!("{pre}equipment_100_count"), String::new()),
        Some("50") => (format!("{pre}equipment_50_count"), String::new()),
        Some(t) => (
            format!("{pre}equipment_large_count"),
            format!("{t}万元以上"),
        ),
        None => (format!("{pre}equipment_large_count"), String::new()),
    })
}

/// A 支出功能分类 line named by its code or its 类/款/项 path (not 基本/项目支出 unless marked).
fn function_line(l: &str, _: &Ctx) -> Option<(String, String)> {
    let subject = function_subject(l)?;
    (!has(l, &["基本支出", "项目支出"]) || l.contains("（"))
        .then(|| ("expenditure_function".to_string(), subject))
}

const THREE_PUBLIC_VEHICLE_KEYS: &[&str] = &[
    "three_public_vehicles",
    "three_public_vehicle_purchase",
    "three_public_vehicle_operation",
];

/// 公务用车 money: purchase, operation, or both together.
fn official_vehicles(l: &str, _: &Ctx) -> Option<(String, String)> {
    let purchase = l.contains("购置");
    let operation = l.contains("运行") || l.contains("运维");
    match (purchase, operation) {
        (true, true) => key("three_public_vehicles"),
        (true, false) => key("three_public_vehicle_purchase"),
        (false, true) => key("three_public_vehicle_operation"),
        (false, false) => None,
    }
}

const PROCUREMENT_KEYS: &[&str] = &[
    "procurement_small_micro_reserved",
    "procurement_sme_reserved",
    "procurement_goods",
    "procurement_works",
    "procurement_services",
    "procurement_total",
];

/// 政府采购 money (also 货物/工程/服务 inside a 采购 sentence or section).
fn procurement(l: &str, ctx: &Ctx) -> Option<(String, String)> {
    let in_context = ctx.prefix.contains("采购") || ctx.section.contains("采购");
    if !(l.contains("采购") || (in_context && has(l, &["货物", "工程", "服务"]))) {
        return None;
    }
    const PARTS: &[(&str, &str)] = &[
        ("小微", "procurement_small_micro_reserved"),
        ("中小企业", "procurement_sme_reserved"),
        ("预留", "procurement_sme_reserved"),
        ("货物", "procurement_goods"),
        ("工程", "procurement_works"),
        ("服务", "procurement_services"),
        ("采购", "procurement_total"),
    ];
    PARTS
        .iter()
        .find(|(p, _)| l.contains(p))
        .and_then(|(_, k)| key(k))
}

/// 收支总预算; subject `财政拨款` for the 财政拨款 one.
fn budget_total(l: &str, _: &Ctx) -> Option<(String, String)> {
    let subject = if l.contains("财政拨款") {
        "财政拨款"
    } else {
        ""
    };
    Some(("budget_total".into(), subject.into()))
}

/// A label ending in 支出: the total (一般公共预算支出, 财政拨款支出) or a named function line.
fn named_expenditure(l: &str, _: &Ctx) -> Option<(String, String)> {
    if !l.ends_with("支出") {
        return None;
    }
    let name = last_clause(l);
    if has(name, &["一般公共预算支出", "财政拨款支出"]) {
        return key("expenditure_total");
    }
    // 专项业务经费支出, 人员经费支出: a kind of spending, which no 功能分类 line is named after
    if name.contains("经费") {
        return None;
    }
    Some(("expenditure_function".into(), name.to_string()))
}

/// Every indicator the rules can give (for the vocabulary check).
#[cfg(test)]
pub fn rule_keys() -> Vec<&'static str> {
    let mut keys = Vec::new();
    for r in RULES {
        match r.then {
            Key(k) => keys.push(k),
            Call(ks, _) => keys.extend_from_slice(ks),
            Stop => {}
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Indicator keys written in VOCABULARY.md's tables: `a / b`, `a / _value` (= a's stem +
    /// `_value`), `a, b, c`.
    fn vocabulary_keys() -> Vec<String> {
        let text = include_str!("../VOCABULARY.md");
        let mut keys = Vec::new();
        for line in text
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| key"))
        {
            let cell = line
                .trim_start_matches("| ")
                .split(" |")
                .next()
                .unwrap_or("");
            let mut stem = String::new();
            for part in cell
                .split(['/', ','])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                let k = if part.starts_with('_') {
                    format!("{stem}{part}")
                } else {
                    part.to_string()
                };
                if !k
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                {
                    continue;
                }
                stem = k
                    .rsplit_once('_')
                    .map(|(s, _)| s.to_string())
                    .unwrap_or_default();
                keys.push(k);
            }
        }
        keys
    }

    #[test]
    fn vocabulary_lists_every_rule_key() {
        let vocabulary = vocabulary_keys();
        assert!(
            vocabulary.len() > 50,
            "VOCABULARY.md read as {vocabulary:?}"
        );
        for k in rule_keys() {
            assert!(
                vocabulary.iter().any(|v| v == k),
                "{k} is not in VOCABULARY.md"
            );
        }
    }

    #[test]
    fn every_vocabulary_key_is_given_by_a_rule_or_a_sibling() {
        let rules = rule_keys();
        for v in vocabulary_keys() {
            let by_rule = rules.contains(&v.as_str());
            let by_sibling = rules
                .iter()
                .any(|r| sibling_key(r).as_deref() == Some(v.as_str()));
            assert!(
                by_rule || by_sibling,
                "VOCABULARY.md lists {v}, which no rule gives"
            );
        }
    }

    #[test]
    fn first_rule_that_fires_names_the_figure() {
        let ctx = Ctx {
            prefix: "",
            section: "",
        };
        let c = |l: &str, k| classify(l, k, &ctx).map(|(i, s)| format!("{i}|{s}"));
        assert_eq!(
            c("一般公务用车", Kind::Count).as_deref(),
            Some("vehicles_general_count|")
        );
        assert_eq!(
            c("老干部服务用车", Kind::Count).as_deref(),
            Some("vehicles_other_count|老干部服务用车")
        );
        assert_eq!(
            c("单价50万元以上设备", Kind::Count).as_deref(),
            Some("equipment_50_count|")
        );
        assert_eq!(
            c("公务用车购置及运行维护费", Kind::Money).as_deref(),
            Some("three_public_vehicles|")
        );
        assert_eq!(
            c("财政拨款收支总预算", Kind::Money).as_deref(),
            Some("budget_total|财政拨款")
        );
        assert_eq!(c("转移支付支出", Kind::Money), None);
        assert_eq!(
            c("一般公共服务支出", Kind::Money).as_deref(),
            Some("expenditure_function|一般公共服务支出")
        );
        assert_eq!(
            c("上年结转", Kind::Money).as_deref(),
            Some("income_carryover|")
        );
    }
}
