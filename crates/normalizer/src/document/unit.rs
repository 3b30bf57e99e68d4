//! The disclosing unit's name where no table names it (the cover title, wrapped or not, a
//! labelled line; never a 目录 line) and the unit type its name says (for the 部门经济 →
//! 政府经济 crosswalk).

use yusuan_catalog::UnitType;

/// Words that end a cover title, the unit's name printed before them ("2026年深圳市民政局
/// （本级）部门预算", "2018年度江苏省高级人民法院预算公开").
const TITLE_ENDS: [&str; 10] = [
    "部门预算",
    "部门综合预算",
    "单位综合预算",
    "单位预算",
    "部门决算",
    "单位决算",
    "年度预算",
    "年度决算",
    "预算公开",
    "决算公开",
];

/// A line of a 目录 (or a page footer), never a title: 目录 itself, 第一部分…, 一、…, （一）…,
/// dotted leaders, a page number at its end, "- 1 -".
pub(super) fn is_contents_line(l: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let numeral = |c: char| NUMERALS.contains(c);
    let part = l.strip_prefix('第').is_some_and(|r| {
        let r = r.trim_start_matches(|c: char| numeral(c) || c.is_ascii_digit());
        r.len() < l.len() - '第'.len_utf8() && r.starts_with("部分")
    });
    let enumerated = l.trim_start_matches(numeral).starts_with('、') && l.starts_with(numeral);
    let bracketed = l.starts_with(['（', '(']) && l.chars().nth(1).is_some_and(numeral);
    let leaders = ["…", "...", "··", "．．"].iter().any(|d| l.contains(d));
    let mut back = l.chars().rev();
    let page_no = back.next().is_some_and(|c| c.is_ascii_digit())
        && back
            .find(|c| !c.is_ascii_digit())
            .is_some_and(|c| !c.is_ascii() && !"年月日度".contains(c));
    let footer = !l.is_empty() && l.chars().all(|c| c.is_ascii_digit() || "-—－ ".contains(c));
    l.starts_with("目录") || part || enumerated || bracketed || leaders || page_no || footer
}

/// A line with its year cut off either end ("2026年深圳市民政局" → "深圳市民政局", "社会工作部
/// 2024年度" → "社会工作部"); true when a year begins a name (where a title begins, so the
/// lines above are not part of it; a year alone leaves the name above it).
fn without_years(l: &str) -> (&str, bool) {
    let year = |c: char| c.is_ascii_digit() || c == '年' || c == '度';
    let rest = l.trim_start_matches(year);
    let name = rest.trim_end_matches(year);
    (name, rest.len() < l.len() && !name.is_empty())
}

/// Could be (part of) a unit's name: no digit, no punctuation but brackets, not 附件.
fn name_like(t: &str) -> bool {
    let n = t.chars().count();
    (1..=40).contains(&n)
        && !t.starts_with("附件")
        && !t.chars().any(|c| {
            c.is_ascii_digit()
                || (c.is_ascii_punctuation() && !"()".contains(c))
                || "，。：、；".contains(c)
        })
}

/// The unit a cover line names after its label ("部门：中共江苏省委办公厅", "预算主管部门：…",
/// "编制单位：…"), up to an amount unit after it ("… 单位：万元"); not "单位：万元" itself.
pub(super) fn labelled_unit(l: &str) -> Option<&str> {
    const LABELS: [&str; 8] = [
        "部门",
        "部门名称",
        "单位名称",
        "编制单位",
        "预算单位",
        "填报单位",
        "主管部门",
        "预算主管部门",
    ];
    let (label, rest) = l.split_once(['：', ':'])?;
    let rest = match rest.find("单位：").or_else(|| rest.find("单位:")) {
        Some(at) => rest[..at].trim_end_matches("金额"),
        None => rest,
    };
    (LABELS.contains(&label) && rest.chars().count() >= 3 && name_like(rest)).then_some(rest)
}

/// The unit named on the cover: after a label (`labelled_unit`), else in the cover title, its
/// lines joined (a title wraps: "2026年深圳市民政局（本级）部门预" / "算"): what stands before
/// its end word, with the lines above that continue the name. A 目录 ends the cover; its lines
/// (第二部分江苏省高级人民法院 2018 年度预算表) are never a name.
pub(super) fn unit_on_cover(first_pages: &[String]) -> Option<String> {
    let lines: Vec<String> = first_pages
        .iter()
        .flat_map(|p| p.lines())
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty())
        .take_while(|l| !l.starts_with("目录"))
        .take(12)
        .collect();
    if let Some(name) = lines.iter().find_map(|l| labelled_unit(l)) {
        return Some(name.to_string());
    }
    for (i, l) in lines.iter().enumerate() {
        if is_contents_line(l) {
            continue;
        }
        // The title's end word may be broken over this line and the next.
        let next = lines.get(i + 1).filter(|n| !is_contents_line(n));
        let joined = format!("{l}{}", next.map(String::as_str).unwrap_or(""));
        let Some(pos) = TITLE_ENDS
            .iter()
            .filter_map(|k| joined.find(k))
            .filter(|&p| p < l.len())
            .min()
        else {
            continue;
        };
        let (name, mut started) = without_years(&l[..pos]);
        let mut full = name.to_string();
        // A name wrapped over the lines above ("中共上海市普陀区委" / "社会工作部 2024 年度").
        for above in lines[i.saturating_sub(2)..i].iter().rev() {
            let (part, starts) = without_years(above);
            if started || is_contents_line(above) || !name_like(part) {
                break;
            }
            full = format!("{part}{full}");
            started = starts;
        }
        // "江苏省 2018 年度 / 省级部门预算": 省级 says which 部门, it names none.
        if full.chars().count() >= 3 && name_like(&full) && !full.ends_with('级') {
            return Some(full);
        }
    }
    None
}

/// The unit of a document without a cover title (a 情况说明 opening on its 目录): the name that
/// begins a line (or follows its label) before the year and 部门/单位 ("附件：北京市人民政府办公厅
/// 2026 年度部门预算报表"), ends as a unit's name does (局, 中心…) and is named again in the
/// text; the most often named of several.
pub(super) fn unit_in_text(all_text: &str) -> Option<String> {
    let compact: String = all_text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut best: Option<(usize, String)> = None;
    for line in all_text.lines() {
        let l: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        if is_contents_line(&l) {
            continue;
        }
        let Some(at) = l.find("20") else { continue };
        // A label before the name is no part of it ("附件：北京市人民政府办公厅2026年度部门预算报表").
        let name = l[..at].rsplit(['：', ':']).next().unwrap_or("");
        let after = &l[at..];
        let titled = after
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .strip_prefix('年')
            .map(|r| r.strip_prefix('度').unwrap_or(r))
            .is_some_and(|r| r.starts_with("部门") || r.starts_with("单位"));
        let unit = INSTITUTION.iter().chain(ADMIN).any(|k| name.ends_with(k));
        // A sentence ("本表反映江苏省高级人民法院 2018 年度部门政府采购预算情况。") is no title.
        let sentence = l.contains(['。', '，', '；']) || name.starts_with(['本', '该', '我']);
        if !titled || !unit || sentence || name.chars().count() < 4 || !name_like(name) {
            continue;
        }
        let n = compact.matches(name).count();
        // Named once only, it may be a phrase of a sentence rather than the unit.
        if n >= 2 && best.as_ref().is_none_or(|(m, _)| n > *m) {
            best = Some((n, name.to_string()));
        }
    }
    best.map(|(_, name)| name)
}

/// Ends of the names of 事业 units.
const INSTITUTION: &[&str] = &[
    "中心",
    "学校",
    "小学",
    "中学",
    "大学",
    "学院",
    "医院",
    "研究所",
    "研究院",
    "馆",
    "站",
    "队",
    "幼儿园",
    "所",
];
/// Ends of the names of 行政 units.
const ADMIN: &[&str] = &[
    "局",
    "委员会",
    "办公室",
    "办公厅",
    "厅",
    "部",
    "法院",
    "检察院",
    "政府",
    "委",
    "办",
    "会",
];

pub(super) fn unit_type_of(unit_name: &str, text: &str) -> UnitType {
    // The kind of unit is in the name before a closing remark: 无锡市住房和城乡建设局（本级）.
    let mut n = unit_name.trim();
    while let Some(open) = n.rfind(['（', '(']).filter(|_| n.ends_with(['）', ')'])) {
        n = n[..open].trim_end();
    }
    if INSTITUTION.iter().any(|s| n.ends_with(s)) {
        return UnitType::Institution;
    }
    if ADMIN.iter().any(|s| n.ends_with(s)) {
        return UnitType::Administrative;
    }
    if text.contains("事业单位") && !text.contains("行政单位") {
        UnitType::Institution
    } else {
        UnitType::Unknown
    }
}
