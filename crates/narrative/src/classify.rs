//! Mapping of a printed label (the text before a figure) to an indicator key.

use crate::codes;
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
static CODE_NAME: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?:^|[^\d])(\d{7}|\d{5}|\d{3})-?([\p{Han}（）]{2,})"));
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

/// Subject for a function-classification label, if the label names one.
pub fn function_subject(label: &str) -> Option<String> {
    let label = clean_label(label);
    if let Some(subj) = coded_marks_subject(&label) {
        return Some(subj);
    }
    let has_marks =
        label.contains("（类）") || label.contains("（款）") || label.contains("（项）");
    if has_marks {
        let (class, rest) = match label.find("（类）") {
            Some(i) => (&label[..i], &label[i + "（类）".len()..]),
            None => ("", label.as_str()),
        };
        let (sub, rest) = match rest.find("（款）") {
            Some(i) => (&rest[..i], &rest[i + "（款）".len()..]),
            None => ("", rest),
        };
        let item = match rest.find("（项）") {
            Some(i) => &rest[..i],
            None => "",
        };
        let class = strip_code_prefix(class);
        let sub = strip_code_prefix(sub);
        let item = strip_code_prefix(item);
        // a code printed with the deepest name wins
        if let Some(c) = CODE_NAME
            .captures_iter(&label)
            .last()
            .and_then(|c| c.get(1))
        {
            return Some(c.as_str().to_string());
        }
        if !item.is_empty() || !sub.is_empty() {
            if let Some(code) = codes::resolve(class, sub, item) {
                return Some(code);
            }
        }
        let deepest = [item, sub, class]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or("");
        if deepest.is_empty() {
            return None;
        }
        return Some(deepest.to_string());
    }
    if let Some(c) = CODE_NAME.captures_iter(&label).last() {
        let code = c.get(1).map(|m| m.as_str()).unwrap_or("");
        let name = c.get(2).map(|m| m.as_str()).unwrap_or("");
        // a 3-digit code must be followed by a 支出 class name to count
        if code.len() == 7 || code.len() == 5 || name.ends_with("支出") {
            return Some(code.to_string());
        }
    }
    None
}

static CODED_MARK: LazyLock<Regex> = LazyLock::new(|| rx(r"（\d{2,7}(?:类|款|项)）"));
static ANY_MARK: LazyLock<Regex> = LazyLock::new(|| rx(r"（(\d{0,7})(类|款|项)）"));

/// Subject for a path whose levels carry their code inside the mark, as
/// Shanghai prints it: "公共安全支出（204类）司法（06款）行政运行（01项）" →
/// `2040601`. A level printed as "（类）" without code is resolved from the
/// names; failing that the deepest printed name is the subject.
fn coded_marks_subject(label: &str) -> Option<String> {
    if !CODED_MARK.is_match(label) {
        return None;
    }
    // (name, code) per level; code "" when the mark has none
    let mut levels: [(String, String); 3] = Default::default();
    let mut rest = label;
    let mut seen = false;
    while let Some(c) = ANY_MARK.captures(rest) {
        let (Some(m), Some(code), Some(kind)) = (c.get(0), c.get(1), c.get(2)) else {
            break;
        };
        let idx = match kind.as_str() {
            "类" => 0,
            "款" => 1,
            _ => 2,
        };
        let name = strip_code_prefix(&rest[..m.start()]);
        levels[idx] = (name.to_string(), code.as_str().to_string());
        seen = true;
        rest = &rest[m.end()..];
    }
    if !seen {
        return None;
    }
    let [(cn, cc), (sn, sc), (iname, ic)] = levels;
    // full code from the printed codes
    let code = match (cc.len(), sc.len(), ic.len()) {
        (3, 2, 2) => Some(format!("{cc}{sc}{ic}")),
        (_, _, 7) => Some(ic),
        (3, 2, 0) if iname.is_empty() => Some(format!("{cc}{sc}")),
        (_, 5, 0) if iname.is_empty() => Some(sc),
        (_, 5, 2) => Some(format!("{sc}{ic}")),
        (3, 0, 0) if sn.is_empty() && iname.is_empty() => Some(cc),
        _ => None,
    };
    if code.is_some() {
        return code;
    }
    if !iname.is_empty() || !sn.is_empty() {
        if let Some(code) = codes::resolve(&cn, &sn, &iname) {
            return Some(code);
        }
    }
    [iname, sn, cn].into_iter().find(|s| !s.is_empty())
}

fn strip_code_prefix(s: &str) -> &str {
    let t = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '.' || c == '、');
    t.trim_matches('"')
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

/// Classify a label. Returns (indicator, subject).
pub fn classify(raw: &str, kind: Kind, ctx: &Ctx) -> Option<(String, String)> {
    let label = clean_label(raw);
    if label.is_empty() {
        return None;
    }
    let l = label.as_str();
    let k = |s: &str| Some((s.to_string(), String::new()));
    match kind {
        Kind::Area => {
            if has(l, &["房屋", "用房", "建筑", "办公室", "业务用房"]) {
                return k("buildings_area");
            }
            if l.contains("土地") {
                return k("land_area");
            }
            None
        }
        Kind::Count => {
            let purchase = PURCHASE.is_match(ctx.prefix);
            if has(l, &["车", "辆"]) && !l.contains("设备") {
                if purchase || l.contains("购置") {
                    return k("purchase_vehicles_count");
                }
                let key = if l.contains("一般公务用车") {
                    "vehicles_general_count"
                } else if l.contains("执法执勤") {
                    "vehicles_enforcement_count"
                } else if l.contains("特种专业技术") {
                    "vehicles_special_count"
                } else if l.contains("机要通信") {
                    "vehicles_confidential_count"
                } else if l.contains("应急保障") {
                    "vehicles_emergency_count"
                } else if has(l, &["领导干部", "部级", "定向保障"]) {
                    "vehicles_leader_count"
                } else if has(l, &["其他用车", "其他车辆", "其他公务用车"]) {
                    "vehicles_other_count"
                } else if has(l, &["用车", "专用车"]) && !has(l, &["车辆", "保有量", "公务用车总"])
                {
                    // another printed kind (老干部服务用车, 业务用车 …): other, subject names it
                    let name = l.rsplit(['，', '：', '；', '、']).next().unwrap_or(l);
                    return Some(("vehicles_other_count".into(), name.to_string()));
                } else {
                    "vehicles_count"
                };
                return k(key);
            }
            if (l.contains("设备") && (THRESHOLD.is_match(l) || l.contains("大型")))
                || (has(l, &["万元以上", "万以上"]) && !l.contains("项目"))
            {
                let pre = if purchase || l.contains("购置") {
                    "purchase_"
                } else {
                    ""
                };
                let thr = THRESHOLD
                    .captures(l)
                    .and_then(|c| c.get(1))
                    .map(|m| m.as_str().to_string());
                return match thr.as_deref() {
                    Some("100") => k(&format!("{pre}equipment_100_count")),
                    Some("50") => k(&format!("{pre}equipment_50_count")),
                    Some(t) => Some((
                        format!("{pre}equipment_large_count"),
                        format!("{t}万元以上"),
                    )),
                    None => Some((format!("{pre}equipment_large_count"), String::new())),
                };
            }
            if l.contains("涉密") {
                return k("classified_projects_count");
            }
            let perf = PERF_CTX.is_match(l)
                || PERF_CTX.is_match(ctx.prefix)
                || PERF_CTX.is_match(ctx.section);
            if perf {
                if l.contains("整体") {
                    return k("performance_overall_count");
                }
                if l.contains("项目") {
                    return k("performance_projects_count");
                }
            }
            None
        }
        Kind::Money => {
            if let Some(subj) = function_subject(l) {
                if !has(l, &["基本支出", "项目支出"]) || l.contains("（") {
                    return Some(("expenditure_function".into(), subj));
                }
            }
            if l.contains("三公") {
                return k("three_public_total");
            }
            if l.contains("因公出国") {
                return k("three_public_travel_abroad");
            }
            if l.contains("公务用车") || l.contains("公车") {
                let purchase = l.contains("购置");
                let operation = l.contains("运行") || l.contains("运维");
                if purchase && operation {
                    return k("three_public_vehicles");
                }
                if purchase {
                    return k("three_public_vehicle_purchase");
                }
                if operation {
                    return k("three_public_vehicle_operation");
                }
            }
            if l.contains("公务接待") {
                return k("three_public_reception");
            }
            if l.contains("委托业务费") {
                return k("commissioned_services");
            }
            if has(l, &["机关运行经费", "行政运行经费", "单位运行经费"]) {
                return k("operating_costs");
            }
            let proc_ctx = ctx.prefix.contains("采购") || ctx.section.contains("采购");
            if l.contains("采购") || (proc_ctx && has(l, &["货物", "工程", "服务"])) {
                if l.contains("小微") {
                    return k("procurement_small_micro_reserved");
                }
                if l.contains("中小企业") || l.contains("预留") {
                    return k("procurement_sme_reserved");
                }
                if l.contains("货物") {
                    return k("procurement_goods");
                }
                if l.contains("工程") {
                    return k("procurement_works");
                }
                if l.contains("服务") {
                    return k("procurement_services");
                }
                if l.contains("采购") {
                    return k("procurement_total");
                }
            }
            if l.contains("房屋") {
                return k("buildings_value");
            }
            if l.contains("购置车辆") || (l.contains("车辆") && l.contains("购置")) {
                return k("purchase_vehicles_amount");
            }
            if l.contains("家具") {
                return k("furniture_value");
            }
            if l.contains("其他资产") {
                return k("other_assets_value");
            }
            if has(l, &["资产总值", "资产总额", "资产总计", "国有资产总"]) {
                return k("assets_total_value");
            }
            if l.contains("涉密") {
                return k("classified_projects_amount");
            }
            let perf = PERF_CTX.is_match(l)
                || PERF_CTX.is_match(ctx.prefix)
                || PERF_CTX.is_match(ctx.section);
            if perf && l.contains("项目") && has(l, &["金额", "资金", "预算"]) {
                if l.contains("非财政拨款") {
                    return k("performance_projects_amount_nonfiscal");
                }
                return k("performance_projects_amount");
            }
            if perf && l.contains("整体") {
                return k("performance_overall_amount");
            }
            if l.contains("人员经费") {
                return k("personnel_costs");
            }
            if l.contains("公用经费") {
                return k("public_costs");
            }
            if l.contains("基本支出") {
                return k("expenditure_basic");
            }
            if l.contains("项目支出") {
                return k("expenditure_project");
            }
            if has(
                l,
                &[
                    "收支总预算",
                    "收入总预算",
                    "收支预算总",
                    "收支总计",
                    "收支预算合计",
                    "预算总额",
                ],
            ) {
                let subj = if l.contains("财政拨款") {
                    "财政拨款"
                } else {
                    ""
                };
                return Some(("budget_total".into(), subj.into()));
            }
            if has(
                l,
                &[
                    "支出预算",
                    "支出总预算",
                    "本年支出",
                    "支出合计",
                    "支出总计",
                    "总支出",
                ],
            ) {
                return k("expenditure_total");
            }
            if l.contains("转移支付") {
                return None;
            }
            if l.ends_with("支出") && !l.contains("收入") {
                let name = l.rsplit(['，', '：', '；', '、']).next().unwrap_or(l);
                if has(name, &["一般公共预算支出", "财政拨款支出"]) {
                    return k("expenditure_total");
                }
                return Some(("expenditure_function".into(), name.to_string()));
            }
            if l.contains("结转") || l.contains("结余") {
                return k("income_carryover");
            }
            if l.contains("一般公共预算") {
                return k("income_general_budget");
            }
            if l.contains("政府性基金") {
                return k("income_gov_fund");
            }
            if l.contains("国有资本经营") {
                return k("income_soe_capital");
            }
            if l.contains("事业收入") {
                return k("income_business");
            }
            if l.contains("经营收入") {
                return k("income_operating");
            }
            if l.contains("其他收入") {
                return k("income_other");
            }
            if has(
                l,
                &["收入预算", "本年收入", "收入合计", "收入总计", "总收入"],
            ) {
                return k("income_total");
            }
            if l.contains("财政拨款") && !l.contains("项目") {
                return k("income_fiscal");
            }
            None
        }
    }
}
