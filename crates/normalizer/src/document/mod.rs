//! What a document is: disclosing unit, budget year, budget or final account, unit type.

use yusuan_catalog::UnitType;
use yusuan_extractor::layout::Table;

mod unit;
use unit::{unit_in_text, unit_on_cover, unit_type_of};

/// What a document says about itself (from its first pages and captions).
#[derive(Debug, Clone, PartialEq)]
pub struct DocInfo {
    /// 编制单位: the disclosing unit, as printed.
    pub unit_name: String,
    /// The budget year.
    pub year: Option<u16>,
    /// `budget` or `final_account`.
    pub doc_kind: &'static str,
    /// 行政 or 事业 unit, for the 部门经济 → 政府经济 crosswalk.
    pub unit_type: UnitType,
    /// `部门` (a department's disclosure, its units together), `单位` (one unit's), or empty: what
    /// the document calls itself — the first of 部门预算/部门决算/单位预算/单位决算 in the
    /// opening pages, else the table titles, else the captions' 部门：/单位名称： labels.
    pub disclosure_level: &'static str,
}

/// `部门`, `单位` or empty (see [`DocInfo::disclosure_level`]): what the document calls itself.
/// A unit's own budget may carry its department's name (无锡市住房和城乡建设局（本级）单位预算)
/// and a department may have no unit but its 本级 (长春市信访局（本级）部门预算), so names
/// decide nothing; in order:
/// 1. the first 部门预算/部门决算/部门综合预算/单位预算/单位决算 of the opening pages;
/// 2. else the tables' titles (部门收支总表, 部门整体支出绩效目标表 / 预算单位财务收支预算总表);
/// 3. else the label the captions give the discloser (部门：X, 部门名称 / 单位名称, 预算单位：X).
fn disclosure_level(compact_head: &str, titles: &[&str], captions: &[&str]) -> &'static str {
    let first = [
        "部门预算",
        "部门决算",
        "单位预算",
        "单位决算",
        "部门综合预算",
    ]
    .iter()
    .filter_map(|k| compact_head.find(k).map(|p| (p, *k)))
    .min();
    if let Some((_, k)) = first {
        return if k.starts_with("部门") {
            "部门"
        } else {
            "单位"
        };
    }
    let majority = |dept: usize, unit: usize| match dept.cmp(&unit) {
        std::cmp::Ordering::Greater => "部门",
        std::cmp::Ordering::Less => "单位",
        std::cmp::Ordering::Equal => "",
    };
    let (mut dept, mut unit) = (0, 0);
    for t in titles {
        let t = fold(t);
        dept += t.matches("部门").count();
        // 事业单位/附属单位/行政单位 in a title name spending, not the discloser.
        unit += t.matches("单位").count()
            - ["事业单位", "附属单位", "行政单位"]
                .iter()
                .map(|w| t.matches(w).count())
                .sum::<usize>();
    }
    if dept != unit {
        return majority(dept, unit);
    }
    let (mut dept, mut unit) = (0, 0);
    for c in captions {
        let (d, u) = caption_label(&fold(c));
        dept += usize::from(d);
        unit += usize::from(u);
    }
    majority(dept, unit)
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ':' { '：' } else { c })
        .collect()
}

/// Whether a caption line names the discloser a 部门 (部门：X, 部门名称, 预算部门, 主管部门) or
/// a 单位 (单位名称, 单位：X for a name X). 单位：万元 is the amount unit and 编制单位 (who drew
/// the table up) says nothing of the level.
fn caption_label(line: &str) -> (bool, bool) {
    let dept = ["部门：", "部门名称", "预算部门", "主管部门"]
        .iter()
        .any(|k| line.contains(k));
    let named_unit = line.match_indices("单位：").any(|(i, k)| {
        let after = &line[i + k.len()..];
        let amount = ["万元", "元", "千元", "亿元"]
            .iter()
            .any(|u| after.starts_with(u));
        !amount && !after.is_empty() && !line[..i].ends_with("编制")
    });
    (dept, named_unit || line.contains("单位名称"))
}

fn years_in(s: &str) -> Vec<u16> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        if chars[i] == '2'
            && chars[i + 1] == '0'
            && chars[i + 2..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars
                .get(i + 4)
                .map(|c| !c.is_ascii_digit())
                .unwrap_or(true)
        {
            let y: u16 = chars[i..i + 4]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(0);
            let mut j = i + 4;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if (2000..=2099).contains(&y) && chars.get(j) == Some(&'年') {
                out.push(y);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// Reads the document facts from the first pages' text and the tables' captions.
pub fn doc_info(first_pages: &[String], all_text: &str, tables: &[Table]) -> DocInfo {
    let head = first_pages.join("\n");
    let compact: String = head.chars().filter(|c| !c.is_whitespace()).collect();
    let title_list: Vec<&str> = tables.iter().map(|t| t.title.as_str()).collect();
    let titles = title_list.join(" ");
    let captions: Vec<&str> = tables
        .iter()
        .flat_map(|t| t.caption_lines.iter().map(String::as_str))
        .collect();
    let n_final = compact.matches("决算").count() * 2 + titles.matches("决算").count();
    let n_budget = compact.matches("预算").count() * 2 + titles.matches("预算").count();
    let doc_kind = if n_final > 0
        && (n_final * 2 >= n_budget
            || compact
                .chars()
                .take(200)
                .collect::<String>()
                .contains("决算"))
    {
        "final_account"
    } else {
        "budget"
    };
    // The year: the first "20xx年" on a line that names 预算/决算, else the most common one.
    let mut year = None;
    for line in first_pages.iter().flat_map(|p| p.lines()).take(80) {
        if line.contains("预算") || line.contains("决算") {
            if let Some(y) = years_in(line).first() {
                year = Some(*y);
                break;
            }
        }
    }
    if year.is_none() {
        let mut counts = std::collections::BTreeMap::new();
        let titles_and_text = format!(
            "{head}\n{}",
            tables
                .iter()
                .map(|t| t.caption_lines.join("\n"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        for y in years_in(&titles_and_text)
            .into_iter()
            .chain(years_in(all_text))
        {
            *counts.entry(y).or_insert(0) += 1;
        }
        year = counts
            .into_iter()
            .max_by_key(|(y, n)| (*n, *y))
            .map(|(y, _)| y);
    }
    let mut names = std::collections::BTreeMap::<&str, usize>::new();
    for t in tables {
        if !t.unit_name.is_empty() {
            *names.entry(t.unit_name.as_str()).or_insert(0) += 1;
        }
    }
    let unit_name = names
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| s.to_string())
        .or_else(|| unit_on_cover(first_pages))
        .or_else(|| unit_in_text(all_text))
        .unwrap_or_default();
    let unit_type = unit_type_of(&unit_name, &compact);
    DocInfo {
        unit_name,
        year,
        doc_kind,
        unit_type,
        disclosure_level: disclosure_level(&compact, &title_list, &captions),
    }
}

#[cfg(test)]
mod tests {
    use super::unit::{is_contents_line, labelled_unit};
    use super::*;
    #[test]
    fn years() {
        assert_eq!(years_in("2026 年乌鲁木齐市 单位预算"), vec![2026]);
        assert_eq!(years_in("20261年"), Vec::<u16>::new());
        let info = doc_info(&["2024年度部门决算\n上海市普陀区财政局".into()], "", &[]);
        assert_eq!(info.doc_kind, "final_account");
        assert_eq!(info.year, Some(2024));
        let cover = doc_info(
            &["湖州市卫生健康委员会\n2026 年部门预算\n目录".into()],
            "",
            &[],
        );
        assert_eq!(cover.unit_name, "湖州市卫生健康委员会");
    }

    #[test]
    fn unit_type_reads_the_name_before_a_closing_remark() {
        let t = |n| unit_type_of(n, "");
        assert_eq!(
            t("无锡市住房和城乡建设局（本级）"),
            UnitType::Administrative
        );
        assert_eq!(t("深圳市民政局(本级)"), UnitType::Administrative);
        assert_eq!(t("西安市疾病预防控制中心（机关）"), UnitType::Institution);
        assert_eq!(t("（本级）"), UnitType::Unknown);
    }

    fn level(head: &str, titles: &[&str], captions: &[&str]) -> &'static str {
        disclosure_level(&fold(head), titles, captions)
    }

    #[test]
    fn disclosure_level_is_what_the_cover_says() {
        // wx_zhujian: the bureau's 本级 unit discloses its own budget (本单位无下属单位).
        let wx = "2026 年度\n无锡市住房和城乡建设局（本级）\n单位预算公开\n第一部分 单位概况";
        assert_eq!(level(wx, &[], &[]), "单位");
        // cc_xinfang: also （本级）, but a 部门预算 (部门本级及所属0个预算单位).
        let cc = "长春市信访局（本级）\n2026年度部门预算公开\n预算单位：长春市信访局";
        assert_eq!(
            level(cc, &[], &["预算单位：长春市信访局 单位：万元"]),
            "部门"
        );
        let unit = "上海市普陀区2026年区级单位预算\n预算单位：上海市普陀区司法局";
        assert_eq!(level(unit, &[], &[]), "单位");
        let dept = "上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区司法局";
        assert_eq!(level(dept, &[], &[]), "部门");
        assert_eq!(level("2019年部门综合预算公开报表", &[], &[]), "部门");
        assert_eq!(level("西南大学2023年度部门决算", &[], &[]), "部门");
    }

    #[test]
    fn disclosure_level_from_titles_then_captions() {
        let bj = [
            "收支总表",
            "一般公共预算基本支出表",
            "部门整体支出绩效目标表",
        ];
        assert_eq!(level("预算01表 收支总表", &bj, &[]), "部门");
        let sh = ["2026年预算单位财务收支预算总表", "事业单位经营支出表"];
        assert_eq!(level("", &sh, &[]), "单位");
        // A title naming 事业单位 spending says nothing of the discloser.
        assert_eq!(level("", &["对附属单位补助支出表"], &[]), "");
        // js_zhengxie prints tables only, each captioned 部门：江苏省政协办公厅.
        let js = ["收支预算总表", "收入预算总表"];
        assert_eq!(
            level("公开01表", &js, &["部门：江苏省政协办公厅 单位：万元"]),
            "部门"
        );
        assert_eq!(
            level("", &[], &["单位名称：福州市某中心 单位：万元"]),
            "单位"
        );
        assert_eq!(
            level("", &[], &["预算单位: 上海市某研究院 单位: 元"]),
            "单位"
        );
        // 单位：万元 is the amount unit; 编制单位 is whoever drew the table up.
        assert_eq!(level("", &[], &["编制单位：某局 单位：万元"]), "");
        assert_eq!(level("", &[], &[]), "");
    }

    #[test]
    fn doc_info_reads_the_level_from_table_captions() {
        let mut t = crate::test_tables::table("收支预算总表", "万元", Vec::new(), &[]);
        t.caption_lines = vec![
            "公开01表".into(),
            "部门：江苏省政协办公厅 单位：万元".into(),
        ];
        let info = doc_info(&["公开01表\n收支预算总表".into()], "", &[t]);
        assert_eq!(info.disclosure_level, "部门");
    }

    fn cover(text: &str) -> String {
        doc_info(&[text.to_string()], text, &[]).unit_name
    }

    #[test]
    fn a_wrapped_cover_title_is_joined_before_the_unit_is_cut_out() {
        let contents = "目 录\n一、文字部分\n第一部分 部门概况\n第二部分 部门预算收支总体情况";
        // The end word broken over two lines; the 目录 below names 部门预算 whole.
        assert_eq!(
            cover(&format!("2026年深圳市民政局（本级）部门预\n算\n{contents}")),
            "深圳市民政局（本级）"
        );
        // The name broken, the year before it.
        assert_eq!(
            cover("2018年度江苏省高级\n人民法院预算公开\n2018年2月24日\n目 录\n第一部分部门概况\n第二部分江苏省高级人民法院 2018 年度预算表"),
            "江苏省高级人民法院"
        );
        // Over three lines, the year after the name.
        assert_eq!(
            cover("中共上海市普陀区委\n社会工作部 2024 年度\n部门决算\n目 录\n第一部分中共上海市普陀区委社会工作部概况"),
            "中共上海市普陀区委社会工作部"
        );
        // The year alone on a line above, 部门 broken from 预算 (珠海).
        assert_eq!(
            cover("2026 年\n珠海市政府投资交通市政项目工务中心部门\n预算\n目录"),
            "珠海市政府投资交通市政项目工务中心"
        );
        // A stray mark above the name is not part of it (长春).
        assert_eq!(
            cover(".\n长春市信访局（本级）\n2026年度部门预算公开\n初审：某某"),
            "长春市信访局（本级）"
        );
    }

    #[test]
    fn a_contents_line_is_never_the_unit() {
        // A 情况说明 opening on its 目录: the unit is the one its text names in a title line.
        let notes = "第一部分 2026年度部门预算情况说明\n一、部门情况说明\n第二部分 2026年度部门预算报表\n一、收支总表\n- 1 -\n北京市人民政府办公厅主要职责包括：\n附件：北京市人民政府办公厅 2026 年度部门预算报表";
        assert_eq!(cover(notes), "北京市人民政府办公厅");
        // No name anywhere: nothing rather than a 目录 line.
        assert_eq!(
            cover("第一部分 2026年度部门预算情况说明\n一、部门情况说明"),
            ""
        );
        for line in [
            "第一部分部门概况",
            "第十二部分名词解释",
            "十一、一般公共预算机关运行经费支出预算表",
            "（一）本部门职责情况",
            "部门预算收支总表……………5",
            "收支总表 5",
            "- 3 -",
        ] {
            assert!(is_contents_line(&line.replace(' ', "")), "{line}");
        }
        assert!(!is_contents_line("2026年深圳市民政局（本级）部门预"));
        assert!(!is_contents_line("2018年2月24日"));
    }

    #[test]
    fn a_labelled_unit_and_a_level_are_told_apart() {
        // "省级部门预算": 省级 says which departments; the unit is the labelled one.
        assert_eq!(
            cover(
                "江苏省2018年度\n省级部门预算公开报表\n部门:中共江苏省委办公厅\n江苏省财政厅印制"
            ),
            "中共江苏省委办公厅"
        );
        assert_eq!(
            cover("上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区司法局"),
            "上海市普陀区司法局"
        );
        assert_eq!(
            labelled_unit("部门：江苏省政协办公厅单位：万元"),
            Some("江苏省政协办公厅")
        );
        assert_eq!(labelled_unit("单位：万元"), None);
        assert_eq!(cover("江苏省2018年度\n省级部门预算公开报表"), "");
        // "部门综合预算" is the title's end, not a name ending in 部门综合.
        assert_eq!(
            cover("附件2\n2019年部门综合预算公开报表\n保密审查情况：不设密"),
            ""
        );
        // A sentence of the text naming the unit is no title.
        assert_eq!(
            unit_in_text(
                "本表反映江苏省高级人民法院 2018 年度部门政府采购预算情况。\n江苏省高级人民法院"
            ),
            None
        );
    }
}
