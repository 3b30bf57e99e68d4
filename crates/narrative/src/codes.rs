//! A printed "类/款/项" name path → its 7-digit (or 5-digit) 支出功能分类 code, from the
//! classification catalog (`yusuan-catalog`), when the narrative prints names only.

fn fold(s: &str) -> String {
    s.replace(['(', '（'], "（").replace([')', '）'], "）")
}

/// The code of a class / subclass / item name path (full- and half-width brackets alike).
pub fn resolve(class: &str, sub: &str, item: &str) -> Option<String> {
    let cat = yusuan_catalog::catalog();
    let (sub, item) = (fold(sub), fold(item));
    let code = cat.function_code_of_path(&fold(class), &sub, &item, None)?;
    // The catalog falls back to the standard 99 suffix for any "其他…支出"; that fits only the
    // 项 that names its own 款 (其他组织事务支出 under 组织事务), not another line that happens
    // to start with 其他 (其他政府性基金安排的支出 under 其他政府性基金及对应…安排的支出).
    let by_name = cat
        .codes_named("function", &item, None)
        .contains(&code.as_str());
    if code.len() == 7 && code.ends_with("99") && !by_name {
        // the 款 as printed, or under any edition's name (国土资源事务 → 自然资源事务 in 2019)
        let parent = &code[..5];
        let names = (2010..=2030).filter_map(|y| cat.function_name(parent, Some(y)));
        let named = std::iter::once(sub.as_str())
            .chain(names)
            .any(|s| names_its_sub(s, &item));
        if !named {
            return None;
        }
    }
    Some(code)
}

/// Whether 项 `item` is the "其他 X 支出" of 款 `sub` (X = the 款 name, with or without its
/// 支出 / 事务 / 安排的支出 ending).
fn names_its_sub(sub: &str, item: &str) -> bool {
    let Some(x) = item
        .strip_prefix("其他")
        .and_then(|r| r.strip_suffix("支出"))
    else {
        return false;
    };
    sub == item
        || [
            sub,
            sub.trim_end_matches("安排的支出"),
            sub.trim_end_matches("支出"),
        ]
        .contains(&x)
}

/// The 3-digit code of a 类 name (`一般公共服务支出` → `201`).
pub fn class_code(class: &str) -> Option<String> {
    yusuan_catalog::catalog()
        .infer_code("function", &fold(class), None, None)
        .filter(|c| c.len() == 3)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_item_takes_99_only_when_it_names_its_sub() {
        assert!(names_its_sub("组织事务", "其他组织事务支出"));
        assert!(names_its_sub(
            "行政事业单位养老支出",
            "其他行政事业单位养老支出"
        ));
        assert!(names_its_sub("其他公共安全支出", "其他公共安全支出"));
        assert!(!names_its_sub(
            "其他政府性基金及对应专项债务收入安排的支出",
            "其他政府性基金安排的支出"
        ));
        let s = "其他政府性基金及对应专项债务收入安排的支出";
        assert_eq!(resolve("其他支出", s, "其他政府性基金安排的支出"), None);
        assert_eq!(
            resolve("其他支出", s, "其他政府性基金债务收入安排的支出"),
            None
        );
        // a variant: a 项 under 公路水路运输 that is not its 其他 line
        assert_eq!(
            resolve("交通运输支出", "公路水路运输", "其他港口建设支出"),
            None
        );
        assert_eq!(
            resolve("公共安全支出", "其他公共安全支出", "其他公共安全支出").as_deref(),
            Some("2049999")
        );
        assert_eq!(
            resolve("一般公共服务支出", "组织事务", "其他组织事务支出").as_deref(),
            Some("2013299")
        );
        // the 项 keeps the 款's former name
        assert_eq!(
            resolve(
                "自然资源海洋气象等支出",
                "自然资源事务",
                "其他国土资源事务支出"
            )
            .as_deref(),
            Some("2200199")
        );
    }
}
