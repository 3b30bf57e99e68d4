//! A printed "类/款/项" name path → its 7-digit (or 5-digit) 支出功能分类 code, from the
//! classification catalog (`yusuan-catalog`), when the narrative prints names only.

/// The code of a class / subclass / item name path (full- and half-width brackets alike).
pub fn resolve(class: &str, sub: &str, item: &str) -> Option<String> {
    let fold = |s: &str| s.replace(['(', '（'], "（").replace([')', '）'], "）");
    yusuan_catalog::catalog().function_code_of_path(&fold(class), &fold(sub), &fold(item), None)
}

/// The 3-digit code of a 类 name (`一般公共服务支出` → `201`).
pub fn class_code(class: &str) -> Option<String> {
    let fold = |s: &str| s.replace(['(', '（'], "（").replace([')', '）'], "）");
    yusuan_catalog::catalog()
        .infer_code("function", &fold(class), None, None)
        .filter(|c| c.len() == 3)
        .map(str::to_string)
}
