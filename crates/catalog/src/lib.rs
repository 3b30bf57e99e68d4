//! Brief overview
//! ==============
//! `yusuan-catalog` holds the budget classification catalogs used by Chinese
//! budget/final-account disclosures, as CSV data embedded at compile time
//! (`data/*.csv`, see `data/README.md` for columns and provenance):
//!
//! * 支出功能分类科目 (function classification, 类 3 / 款 5 / 项 7 digits), with a
//!   name per edition (`valid_from`/`valid_to` budget years);
//! * 部门预算支出经济分类科目 (301…399 and 5-digit 款);
//! * 政府预算支出经济分类科目 (501…599 and 5-digit 款);
//! * the 部门 → 政府 economic crosswalk, which depends on the unit type
//!   (行政/机关 vs 事业).
//!
//! The data are parsed once into a [`Catalog`] (see [`catalog()`]); no file is
//! read at run time. Every CSV row carries a `source` column: most entries come
//! from codes observed in real documents, some from the sample truth files and
//! some from knowledge of the MOF editions (marked "verify").
//!
//! Edition selection for function names: a row applies to a year when
//! `valid_from <= year <= valid_to` (blank bounds are open). When no row of a
//! code applies to the year, the row of the nearest edition is used; with no
//! year, the current edition (open `valid_to`) is used.

#![warn(missing_docs)]

use std::collections::HashMap;
use std::sync::OnceLock;

const FUNCTION_CSV: &str = include_str!("../data/function_codes.csv");
const DEPT_ECON_CSV: &str = include_str!("../data/dept_economic_codes.csv");
const GOV_ECON_CSV: &str = include_str!("../data/gov_economic_codes.csv");
const CROSSWALK_CSV: &str = include_str!("../data/dept_to_gov_economic.csv");

/// Type of the disclosing unit, which selects the 部门→政府 economic mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitType {
    /// 行政单位 / 机关 (also 参公管理 units are treated as such by the caller).
    Administrative,
    /// 事业单位.
    Institution,
    /// Not said by the document (the crosswalk then uses its `any` rows).
    Unknown,
}

impl UnitType {
    /// "行政", "行政单位", "机关", "行政机关" → Administrative; "事业", "事业单位" → Institution.
    /// Anything else (including "企业", "") → Unknown.
    pub fn from_text(s: &str) -> UnitType {
        let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if t.is_empty() {
            return UnitType::Unknown;
        }
        if t.contains("参照公务员") || t.contains("参公") {
            return UnitType::Administrative;
        }
        if t.starts_with("事业") {
            return UnitType::Institution;
        }
        if t.starts_with("行政") || t.starts_with("机关") || t == "党政机关" {
            return UnitType::Administrative;
        }
        UnitType::Unknown
    }
}

/// One row of a code catalog.
#[derive(Clone, Debug)]
struct Entry {
    code: String,
    name: String,
    valid_from: Option<u16>,
    valid_to: Option<u16>,
    aliases: Vec<String>,
    #[allow(dead_code)]
    source: String,
}

impl Entry {
    fn applies(&self, year: u16) -> bool {
        self.valid_from.is_none_or(|f| f <= year) && self.valid_to.is_none_or(|t| year <= t)
    }
    fn is_current(&self) -> bool {
        self.valid_to.is_none()
    }
    /// Distance in years from `year` to this row's validity range (0 = applies).
    fn distance(&self, year: u16) -> u16 {
        match (self.valid_from, self.valid_to) {
            (Some(f), _) if year < f => f - year,
            (_, Some(t)) if year > t => year - t,
            _ => 0,
        }
    }
}

struct CodeTable {
    by_code: HashMap<String, Vec<Entry>>,
    /// normalised name (or alias) → (code, entry index within by_code[code])
    by_name: HashMap<String, Vec<(String, usize)>>,
}

impl CodeTable {
    fn parse(text: &str) -> CodeTable {
        let mut by_code: HashMap<String, Vec<Entry>> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if i == 0 || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split(',').collect();
            assert!(f.len() >= 6, "bad catalog line: {line}");
            let year = |s: &str| -> Option<u16> {
                if s.is_empty() {
                    None
                } else {
                    Some(s.parse().unwrap_or_else(|_| panic!("bad year in {line}")))
                }
            };
            let e = Entry {
                code: f[0].to_string(),
                name: f[1].to_string(),
                valid_from: year(f[2]),
                valid_to: year(f[3]),
                aliases: f[4]
                    .split('|')
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect(),
                source: f[5..].join(","),
            };
            by_code.entry(e.code.clone()).or_default().push(e);
        }
        let mut by_name: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for (code, entries) in &by_code {
            for (idx, e) in entries.iter().enumerate() {
                for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
                    by_name
                        .entry(norm_name(n))
                        .or_default()
                        .push((code.clone(), idx));
                }
            }
        }
        CodeTable { by_code, by_name }
    }

    /// Entry in force for `year` (nearest edition when none applies; current when `year` is None).
    fn entry(&self, code: &str, year: Option<u16>) -> Option<&Entry> {
        let v = self.by_code.get(code.trim())?;
        match year {
            Some(y) => v
                .iter()
                .min_by_key(|e| (e.distance(y), e.valid_to.is_none() as u8)),
            None => v
                .iter()
                .max_by_key(|e| (e.valid_to.unwrap_or(u16::MAX), e.valid_from.unwrap_or(0))),
        }
    }

    /// Every code of the edition in force whose name (or alias) is `name`.
    fn named(&self, name: &str, year: Option<u16>) -> Vec<&str> {
        let key = norm_name(&strip_enumerator(name));
        if key.is_empty() {
            return Vec::new();
        }
        let hits = self.by_name.get(&key).or_else(|| {
            let stripped = strip_noise_suffix(&key);
            if stripped != key {
                self.by_name.get(&stripped)
            } else {
                None
            }
        });
        let mut codes: Vec<&str> = Vec::new();
        for (code, idx) in hits.into_iter().flatten() {
            let e = &self.by_code[code][*idx];
            let in_edition = match year {
                Some(y) => e.applies(y),
                None => e.is_current(),
            };
            if in_edition && !codes.contains(&code.as_str()) {
                codes.push(code.as_str());
            }
        }
        codes.sort();
        codes
    }

    /// The one code named `name` (strictly below `parent` when given), if exactly one.
    fn infer(&self, name: &str, parent: Option<&str>, year: Option<u16>) -> Option<&str> {
        let parent = parent.map(str::trim).filter(|p| !p.is_empty());
        let mut codes = self
            .named(name, year)
            .into_iter()
            .filter(|c| parent.is_none_or(|p| c.len() > p.len() && c.starts_with(p)));
        let first = codes.next()?;
        codes.next().is_none().then_some(first)
    }
}

/// Parsed catalogs. Obtain it with [`catalog()`].
pub struct Catalog {
    function: CodeTable,
    dept_econ: CodeTable,
    gov_econ: CodeTable,
    /// (dept_code, unit_type) → gov_code; unit_type is "行政", "事业" or "any".
    crosswalk: HashMap<(String, &'static str), String>,
}

/// The embedded catalogs, parsed on first use.
pub fn catalog() -> &'static Catalog {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    CAT.get_or_init(Catalog::load)
}

impl Catalog {
    fn load() -> Catalog {
        let mut crosswalk = HashMap::new();
        for (i, line) in CROSSWALK_CSV.lines().enumerate() {
            if i == 0 || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split(',').collect();
            assert!(f.len() >= 4, "bad crosswalk line: {line}");
            let ut: &'static str = match f[1] {
                "行政" => "行政",
                "事业" => "事业",
                "any" => "any",
                other => panic!("bad unit_type {other} in {line}"),
            };
            crosswalk.insert((f[0].to_string(), ut), f[2].to_string());
        }
        Catalog {
            function: CodeTable::parse(FUNCTION_CSV),
            dept_econ: CodeTable::parse(DEPT_ECON_CSV),
            gov_econ: CodeTable::parse(GOV_ECON_CSV),
            crosswalk,
        }
    }

    /// Standard name of a function code for the budget year (edition in force), None if unknown.
    /// With `year == None` the current edition's name is returned. When the code has no row
    /// valid in `year` (e.g. a code introduced later), the nearest edition's name is returned.
    pub fn function_name(&self, code: &str, year: Option<u16>) -> Option<&str> {
        self.function.entry(code, year).map(|e| e.name.as_str())
    }

    /// 部门预算支出经济分类 name (3/5 digits), current edition.
    pub fn economic_name(&self, code: &str) -> Option<&str> {
        self.dept_econ.entry(code, None).map(|e| e.name.as_str())
    }

    /// 部门预算支出经济分类 name for a budget year (pre-2018 editions differ for a few codes,
    /// e.g. 30311 住房公积金 → 代缴社会保险费).
    pub fn economic_name_in(&self, code: &str, year: Option<u16>) -> Option<&str> {
        self.dept_econ.entry(code, year).map(|e| e.name.as_str())
    }

    /// 政府预算支出经济分类 name (3/5 digits).
    pub fn gov_economic_name(&self, code: &str) -> Option<&str> {
        self.gov_econ.entry(code, None).map(|e| e.name.as_str())
    }

    /// 部门经济分类 code (3 or 5 digits) → 政府预算经济分类 code for this unit type.
    ///
    /// Unit-type independent mappings (303xx → 509xx, 307, 313, 399 …) are stored as `any`.
    /// For [`UnitType::Unknown`] the administrative (机关) mapping is returned: most units
    /// whose 基本支出 tables carry this crosswalk are 机关, so this is the likelier guess;
    /// callers that know better should pass the unit type.
    pub fn gov_economic_for(&self, dept_code: &str, unit: UnitType) -> Option<&str> {
        let code = dept_code.trim();
        let ut = match unit {
            UnitType::Administrative | UnitType::Unknown => "行政",
            UnitType::Institution => "事业",
        };
        let find = |code: &str| {
            self.crosswalk
                .get(&(code.to_string(), ut))
                .or_else(|| self.crosswalk.get(&(code.to_string(), "any")))
                .map(String::as_str)
        };
        // A local item below a 款 (3010201 规范性津补贴 under 30102) goes where its 款 goes.
        find(code).or_else(|| {
            (code.len() == 7 && code.is_ascii())
                .then(|| find(&code[..5]))
                .flatten()
        })
    }

    /// Infer a code from a printed name (exact match after normalising whitespace, full/half-width
    /// punctuation, a leading enumerator such as "1." "（一）" "一、" "其中：", and a trailing noise
    /// suffix such as "（小计）").
    ///
    /// `system`: "function", "economic" (部门经济分类) or "gov_economic". Only names of the edition in
    /// force for `year` are considered (current edition when `year` is None). Returns None when the
    /// name maps to several codes, unless `parent` (enclosing row's code) leaves exactly one code
    /// strictly below it.
    pub fn infer_code(
        &self,
        system: &str,
        name: &str,
        parent: Option<&str>,
        year: Option<u16>,
    ) -> Option<&str> {
        let table = match system {
            "function" => &self.function,
            "economic" | "dept_economic" => &self.dept_econ,
            "gov_economic" => &self.gov_econ,
            _ => return None,
        };
        table.infer(name, parent, year)
    }

    /// Whether `printed` is a name of `code` in any edition of `system`'s catalog, or one of its
    /// aliases ([`Catalog::names_match`]): a document printing the name of the edition before or
    /// after its year (renames take a year or two to reach every office) is not misnamed.
    pub fn is_a_name_of(&self, system: &str, code: &str, printed: &str) -> bool {
        let table = match system {
            "function" => &self.function,
            "economic" | "dept_economic" => &self.dept_econ,
            "gov_economic" => &self.gov_econ,
            _ => return false,
        };
        table.by_code.get(code).is_some_and(|entries| {
            entries.iter().any(|e| {
                std::iter::once(&e.name)
                    .chain(e.aliases.iter())
                    .any(|n| Catalog::names_match(n, printed))
            })
        })
    }

    /// Every code of `system` whose name (or alias) in the edition in force for `year` is
    /// `name` (normalised as for [`Catalog::infer_code`]), sorted; empty when none.
    pub fn codes_named(&self, system: &str, name: &str, year: Option<u16>) -> Vec<&str> {
        let table = match system {
            "function" => &self.function,
            "economic" | "dept_economic" => &self.dept_econ,
            "gov_economic" => &self.gov_econ,
            _ => return Vec::new(),
        };
        table.named(name, year)
    }

    /// The 支出功能分类 code of a printed 类/款/项 name path (`一般公共服务支出` /
    /// `政府办公厅（室）及相关机构事务` / `行政运行` → `2010301`): the 款 is looked up below the
    /// 类 (or alone when the 类 is not printed or not known), the 项 below the 款, by its name or
    /// by the standard 项 suffix of its name ([`standard_item_suffix`]). None when the 款 is
    /// not settled or the 项 is neither.
    pub fn function_code_of_path(
        &self,
        class: &str,
        sub: &str,
        item: &str,
        year: Option<u16>,
    ) -> Option<String> {
        let class_code = self.function_code_at(class, None, 3, year);
        let sub_code = self.function_code_at(sub, class_code, 5, year)?;
        if item.trim().is_empty() {
            return Some(sub_code.to_string());
        }
        if let Some(code) = self.function_code_at(item, Some(sub_code), 7, year) {
            return Some(code.to_string());
        }
        standard_item_suffix(item).map(|suffix| format!("{sub_code}{suffix}"))
    }

    /// The one function code of `digits` digits named `name` (below `parent` when given).
    fn function_code_at(
        &self,
        name: &str,
        parent: Option<&str>,
        digits: usize,
        year: Option<u16>,
    ) -> Option<&str> {
        let mut codes = self
            .codes_named("function", name, year)
            .into_iter()
            .filter(|c| c.len() == digits && parent.is_none_or(|p| c.starts_with(p)));
        let first = codes.next()?;
        codes.next().is_none().then_some(first)
    }

    /// Whether two printed names denote the same item. Ignores only whitespace, full/half-width
    /// punctuation and a trailing parenthesised noise suffix (e.g. "（小计）", "（合计）", or a
    /// parenthesised 款 name as in "行政运行（人力资源和社会保障管理事务）"). Characters such as
    /// 的/和 are significant.
    pub fn names_match(a: &str, b: &str) -> bool {
        let (a, b) = (norm_name(a), norm_name(b));
        if a == b {
            return true;
        }
        let (sa, sb) = (strip_noise_suffix(&a), strip_noise_suffix(&b));
        sa == sb && !sa.is_empty()
    }
}

/// The 项 suffix a standard name takes under any 款 of the 支出功能分类: 01 行政运行,
/// 02 一般行政管理事务, 03 机关服务, 50 事业运行, 99 其他…支出.
pub fn standard_item_suffix(name: &str) -> Option<&'static str> {
    let n: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    match n.as_str() {
        "行政运行" => Some("01"),
        "一般行政管理事务" => Some("02"),
        "机关服务" => Some("03"),
        "事业运行" => Some("50"),
        _ if n.starts_with("其他") && n.ends_with("支出") => Some("99"),
        _ => None,
    }
}

/// Normalise a name: drop whitespace (incl. U+3000), fold full-width ASCII to half-width,
/// and map CJK punctuation variants to one form.
fn norm_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{3000}' || c == '\u{200b}' {
            continue;
        }
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '〔' | '【' => '[',
            '〕' | '】' => ']',
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            '—' | '–' => '-',
            _ => c,
        };
        out.push(c);
    }
    out
}

/// Remove leading enumerators: "1." "1、" "(1)" "（一）" "一、" "其中：" "①" … (repeatedly).
fn strip_enumerator(s: &str) -> String {
    let mut t = norm_name(s);
    loop {
        let before = t.clone();
        for p in ["其中:", "其中", "含:"] {
            if let Some(r) = t.strip_prefix(p) {
                t = r.to_string();
            }
        }
        let chars: Vec<char> = t.chars().collect();
        let is_num = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
        // "(一)" / "(1)"
        if chars.first() == Some(&'(') {
            if let Some(close) = chars.iter().position(|&c| c == ')') {
                if close > 1 && close <= 4 && chars[1..close].iter().all(|&c| is_num(c)) {
                    t = chars[close + 1..].iter().collect();
                }
            }
        } else if chars.first().is_some_and(|&c| ('①'..='⑳').contains(&c)) {
            t = chars[1..].iter().collect();
        } else {
            let n = chars.iter().take_while(|&&c| is_num(c)).count();
            if n > 0 && n <= 3 && n < chars.len() && matches!(chars[n], '.' | '、' | ')' | '．') {
                t = chars[n + 1..].iter().collect();
            }
        }
        if t == before {
            break;
        }
    }
    t
}

/// Strip one trailing "(…)" group when it is noise: a total marker, or a name that is itself a
/// catalog 款/类 name. Expects an already normalised name.
fn strip_noise_suffix(s: &str) -> String {
    const NOISE: &[&str] = &[
        "小计",
        "合计",
        "总计",
        "本级",
        "项目",
        "类",
        "款",
        "项",
        "基本支出",
        "项目支出",
    ];
    if !s.ends_with(')') {
        return s.to_string();
    }
    // find the matching '(' of the final ')'
    let chars: Vec<char> = s.chars().collect();
    let mut depth = 0i32;
    let mut open = None;
    for i in (0..chars.len()).rev() {
        match chars[i] {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    open = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(open) = open else {
        return s.to_string();
    };
    if open == 0 {
        return s.to_string();
    }
    let inner: String = chars[open + 1..chars.len() - 1].iter().collect();
    let is_noise = NOISE.contains(&inner.as_str()) || {
        let cat = catalog();
        cat.function
            .by_name
            .get(&inner)
            .is_some_and(|v| v.iter().any(|(c, _)| c.len() <= 5))
    };
    if is_noise {
        chars[..open].iter().collect()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn enumerators() {
        assert_eq!(strip_enumerator("1.基本工资"), "基本工资");
        assert_eq!(strip_enumerator("（一）基本工资"), "基本工资");
        assert_eq!(
            strip_enumerator("一、 一般公共服务支出"),
            "一般公共服务支出"
        );
        assert_eq!(strip_enumerator("其中：1、基本工资"), "基本工资");
        assert_eq!(strip_enumerator("②奖金"), "奖金");
        assert_eq!(strip_enumerator("30101"), "30101");
    }

    #[test]
    fn noise_suffix() {
        assert_eq!(strip_noise_suffix("办公费(小计)"), "办公费");
        assert_eq!(
            strip_noise_suffix("资本性支出(基本建设)"),
            "资本性支出(基本建设)"
        );
        assert_eq!(strip_noise_suffix("维修(护)费"), "维修(护)费");
    }
}
