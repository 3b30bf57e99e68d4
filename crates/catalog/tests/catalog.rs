use std::path::PathBuf;
use yusuan_catalog::{catalog, Catalog, UnitType};

#[test]
fn function_names_by_edition() {
    let c = catalog();
    assert_eq!(c.function_name("2010301", Some(2026)), Some("行政运行"));
    assert_eq!(c.function_name("201", None), Some("一般公共服务支出"));
    assert_eq!(
        c.function_name("207", Some(2018)),
        Some("文化体育与传媒支出")
    );
    assert_eq!(
        c.function_name("207", Some(2026)),
        Some("文化旅游体育与传媒支出")
    );
    assert_eq!(c.function_name("207", None), Some("文化旅游体育与传媒支出"));
    assert_eq!(
        c.function_name("210", Some(2017)),
        Some("医疗卫生与计划生育支出")
    );
    assert_eq!(c.function_name("210", Some(2019)), Some("卫生健康支出"));
    assert_eq!(
        c.function_name("20805", Some(2018)),
        Some("行政事业单位离退休")
    );
    assert_eq!(
        c.function_name("20805", Some(2024)),
        Some("行政事业单位养老支出")
    );
    // code introduced in 2019: nearest edition used for an earlier year
    assert_eq!(
        c.function_name("224", Some(2017)),
        Some("灾害防治及应急管理支出")
    );
    assert_eq!(c.function_name("99999", Some(2026)), None);
    assert_eq!(
        c.function_name("236", None),
        None,
        "noise row must be dropped"
    );
}

#[test]
fn economic_names() {
    let c = catalog();
    assert_eq!(c.economic_name("30101"), Some("基本工资"));
    assert_eq!(c.economic_name("302"), Some("商品和服务支出"));
    assert_eq!(c.economic_name("30311"), Some("代缴社会保险费"));
    assert_eq!(c.economic_name_in("30311", Some(2017)), Some("住房公积金"));
    assert_eq!(c.gov_economic_name("50101"), Some("工资奖金津补贴"));
    assert_eq!(c.gov_economic_name("50501"), Some("工资福利支出"));
    assert_eq!(c.gov_economic_name("505"), Some("对事业单位经常性补助"));
    assert_eq!(c.gov_economic_name("50899"), Some("其他对企业资本性支出"));
    assert_eq!(
        c.economic_name("3021101"),
        None,
        "local 7-digit extensions are not in the catalog"
    );
}

#[test]
fn crosswalk() {
    let c = catalog();
    use UnitType::*;
    assert_eq!(c.gov_economic_for("30101", Administrative), Some("50101"));
    assert_eq!(c.gov_economic_for("30101", Institution), Some("50501"));
    assert_eq!(c.gov_economic_for("30101", Unknown), Some("50101"));
    assert_eq!(c.gov_economic_for("30201", Administrative), Some("50201"));
    assert_eq!(c.gov_economic_for("30201", Institution), Some("50502"));
    assert_eq!(c.gov_economic_for("30215", Administrative), Some("50202"));
    assert_eq!(c.gov_economic_for("30302", Administrative), Some("50905"));
    assert_eq!(c.gov_economic_for("30302", Institution), Some("50905"));
    assert_eq!(c.gov_economic_for("31002", Administrative), Some("50306"));
    assert_eq!(c.gov_economic_for("31002", Institution), Some("50601"));
    assert_eq!(c.gov_economic_for("301", Institution), Some("505"));
    assert_eq!(c.gov_economic_for("39999", Institution), Some("59999"));
    assert_eq!(c.gov_economic_for("99999", Administrative), None);
    // every mapped gov code has a name
    for code in ["30101", "30211", "30701", "30905", "31204"] {
        for u in [Administrative, Institution] {
            let g = c
                .gov_economic_for(code, u)
                .unwrap_or_else(|| panic!("{code} {u:?}"));
            assert!(c.gov_economic_name(g).is_some(), "{g} has no name");
        }
    }
}

#[test]
fn unit_type_from_text() {
    assert_eq!(UnitType::from_text("行政"), UnitType::Administrative);
    assert_eq!(UnitType::from_text("行政单位"), UnitType::Administrative);
    assert_eq!(UnitType::from_text("机关"), UnitType::Administrative);
    assert_eq!(UnitType::from_text(" 事业单位 "), UnitType::Institution);
    assert_eq!(UnitType::from_text("事业"), UnitType::Institution);
    assert_eq!(UnitType::from_text("企业"), UnitType::Unknown);
    assert_eq!(UnitType::from_text(""), UnitType::Unknown);
}

#[test]
fn infer() {
    let c = catalog();
    assert_eq!(
        c.infer_code("economic", "基本工资", None, None),
        Some("30101")
    );
    assert_eq!(
        c.infer_code("economic", "1. 基本工资", None, None),
        Some("30101")
    );
    assert_eq!(
        c.infer_code("economic", "（一）工资福利支出", None, None),
        Some("301")
    );
    assert_eq!(
        c.infer_code("economic", "其中：住房公积金", None, None),
        Some("30113")
    );
    assert_eq!(
        c.infer_code("economic", "住房公积金", None, Some(2017)),
        Some("30311")
    );
    assert_eq!(
        c.infer_code("economic", "维修(护)费", None, None),
        Some("30213")
    );
    assert_eq!(
        c.infer_code("economic", "对个人和家庭补助", None, None),
        Some("303")
    );
    // ambiguous: 30901 / 31001
    assert_eq!(c.infer_code("economic", "房屋建筑物购建", None, None), None);
    assert_eq!(
        c.infer_code("economic", "房屋建筑物购建", Some("310"), None),
        Some("31001")
    );
    assert_eq!(
        c.infer_code("economic", "其他支出", Some("399"), None),
        Some("39999")
    );
    // function
    assert_eq!(c.infer_code("function", "行政运行", None, None), None);
    assert_eq!(
        c.infer_code("function", "行政运行", Some("20103"), Some(2026)),
        Some("2010301")
    );
    assert_eq!(
        c.infer_code("function", "一般公共服务支出", None, None),
        Some("201")
    );
    assert_eq!(
        c.infer_code("function", "文化体育与传媒支出", None, Some(2018)),
        Some("207")
    );
    assert_eq!(
        c.infer_code("function", "文化体育与传媒支出", None, Some(2024)),
        None
    );
    assert_eq!(
        c.infer_code("function", "政府办公厅(室)及相关机构事务", None, None),
        Some("20103")
    );
    assert_eq!(
        c.infer_code("gov_economic", "工资奖金津补贴", None, None),
        Some("50101")
    );
    assert_eq!(c.infer_code("bogus", "基本工资", None, None), None);
}

#[test]
fn names_match() {
    assert!(Catalog::names_match("维修（护）费", "维修(护)费"));
    assert!(Catalog::names_match(" 基本 工资", "基本工资"));
    assert!(Catalog::names_match("办公费（小计）", "办公费"));
    assert!(Catalog::names_match(
        "行政运行（人力资源和社会保障管理事务）",
        "行政运行"
    ));
    assert!(!Catalog::names_match(
        "对个人和家庭补助",
        "对个人和家庭的补助"
    ));
    assert!(!Catalog::names_match(
        "资本性支出（基本建设）",
        "资本性支出"
    ));
    assert!(!Catalog::names_match("基本工资", "津贴补贴"));
}

// ---------------------------------------------------------------- sample truth files

fn samples_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    if d.is_dir() {
        Some(d)
    } else {
        eprintln!("note: {} missing; skipping truth-based checks", d.display());
        None
    }
}

/// (code_system, code, row_label, year, unit_type) for every coded fact.
fn truth_facts() -> Vec<(String, String, String, u16, String)> {
    let Some(dir) = samples_dir() else {
        return vec![];
    };
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for p in files {
        if !p.to_string_lossy().ends_with(".truth.json") {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let year = v["year"]
            .as_u64()
            .or_else(|| v["year"].as_str().and_then(|s| s.parse().ok()))
            .unwrap() as u16;
        let ut = v["unit_type"].as_str().unwrap_or("").to_string();
        for f in v["facts"].as_array().into_iter().flatten() {
            let code = f["code"].as_str().unwrap_or("");
            if code.is_empty() {
                continue;
            }
            out.push((
                f["code_system"].as_str().unwrap_or("").to_string(),
                code.to_string(),
                f["row_label"].as_str().unwrap_or("").to_string(),
                year,
                ut.clone(),
            ));
        }
    }
    out
}

#[test]
fn truth_economic_codes_have_gov_mapping_and_names() {
    let c = catalog();
    let facts = truth_facts();
    let mut n = 0;
    for (sys, code, label, _year, _) in &facts {
        if sys != "economic" {
            continue;
        }
        n += 1;
        let name = c
            .economic_name(code)
            .unwrap_or_else(|| panic!("no name for economic {code}"));
        assert!(
            Catalog::names_match(name, label),
            "economic {code}: catalog {name} vs truth {label}"
        );
        if code.len() == 5 {
            for u in [UnitType::Administrative, UnitType::Institution] {
                assert!(
                    c.gov_economic_for(code, u).is_some(),
                    "no gov mapping for {code} ({u:?})"
                );
            }
        }
    }
    eprintln!("checked {n} economic facts");
}

#[test]
fn truth_function_codes_have_names_for_year() {
    let c = catalog();
    let facts = truth_facts();
    let mut n = 0;
    for (sys, code, label, year, _) in &facts {
        if sys != "function" {
            continue;
        }
        n += 1;
        let name = c
            .function_name(code, Some(*year))
            .unwrap_or_else(|| panic!("no name for function {code} in {year}"));
        assert!(
            Catalog::names_match(name, label),
            "function {code} {year}: catalog {name} vs truth {label}"
        );
        // and the printed name infers back to the code given the parent
        let parent = match code.len() {
            7 => Some(&code[..5]),
            5 => Some(&code[..3]),
            _ => None,
        };
        let got = c.infer_code("function", label, parent, Some(*year));
        if parent.is_some() {
            assert_eq!(got, Some(code.as_str()), "infer {label} under {parent:?}");
        } else {
            // a 类 name may be shared with a 项 (229 其他支出 / 2299999 其他支出): then None is right
            assert!(
                got.is_none() || got == Some(code.as_str()),
                "infer {label}: {got:?}"
            );
        }
    }
    eprintln!("checked {n} function facts");
}

#[test]
fn data_integrity() {
    let c = catalog();
    // every 5/7-digit function code of the current edition has a 类 parent name
    for code in ["2010301", "2080505", "2101101", "2210201"] {
        assert!(c.function_name(&code[..3], None).is_some());
        assert!(c.function_name(&code[..5], None).is_some());
    }
}

#[test]
fn core_dept_codes_mapped_for_both_unit_types() {
    let c = catalog();
    for code in [
        "30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111", "30112",
        "30113", "30114", "30199", "30201", "30202", "30203", "30204", "30205", "30206", "30207",
        "30208", "30209", "30211", "30212", "30213", "30214", "30215", "30216", "30217", "30218",
        "30224", "30225", "30226", "30227", "30228", "30229", "30231", "30239", "30240", "30299",
        "30301", "30302", "30303", "30304", "30305", "30306", "30307", "30308", "30309", "30399",
        "31001", "31002", "31003", "31007", "31013", "31099",
    ] {
        assert!(c.economic_name(code).is_some(), "{code} has no name");
        for u in [UnitType::Administrative, UnitType::Institution] {
            let g = c
                .gov_economic_for(code, u)
                .unwrap_or_else(|| panic!("{code} {u:?} unmapped"));
            assert!(c.gov_economic_name(g).is_some(), "{code} → {g} has no name");
        }
    }
}

#[test]
fn a_name_of_any_edition_is_a_name_of_the_code() {
    let c = catalog();
    // 20805 was renamed from 行政事业单位离退休 to 行政事业单位养老支出; documents of the
    // transition years print either.
    assert!(c.is_a_name_of("function", "20805", "行政事业单位离退休"));
    assert!(c.is_a_name_of("function", "20805", "行政事业单位养老支出"));
    assert!(c.is_a_name_of(
        "function",
        "21208",
        "国有土地使用权出让收入及对应专项债务收入安排的支出"
    ));
    assert!(!c.is_a_name_of("function", "20805", "行政运行"));
    assert!(!c.is_a_name_of("function", "99999", "行政运行"));
}

#[test]
fn a_local_item_maps_where_its_kuan_maps() {
    let c = catalog();
    let kuan = c.gov_economic_for("30102", UnitType::Administrative);
    assert!(kuan.is_some());
    assert_eq!(
        c.gov_economic_for("3010201", UnitType::Administrative),
        kuan
    );
    assert_eq!(
        c.gov_economic_for("3030101", UnitType::Institution),
        c.gov_economic_for("30301", UnitType::Institution)
    );
    assert_eq!(
        c.gov_economic_for("1234567", UnitType::Administrative),
        None
    );
}
