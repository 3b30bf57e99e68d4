//! Which line a figure belongs to: a 项 named under its 款 (sh_putuo_wanli_2025 p6), a
//! "其中" part of one economic class (xa_renshe_2026 p19–21), two 项 of one 款 that both start
//! with 其他 (huzhou_jiaotong_2026 p12); each with a variant of our own.

use rust_decimal::Decimal;
use std::str::FromStr;
use yusuan_narrative::{extract_indicators, Indicator, PageText};

fn read(lines: &[&str]) -> Vec<Indicator> {
    extract_indicators(&[PageText {
        number: 1,
        lines: lines.iter().map(|l| l.to_string()).collect(),
    }])
}

fn rows<'a>(rows: &'a [Indicator], indicator: &str) -> Vec<(&'a str, Decimal)> {
    rows.iter()
        .filter(|r| r.indicator == indicator)
        .map(|r| (r.subject.as_str(), r.value))
        .collect()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal literal")
}

#[test]
fn an_item_is_named_with_its_sub_class() {
    let r = read(&[
        "2.“一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”科目42.29万元，主要用于群众团体事务一般行政管理事务。",
        "5.“一般公共服务支出（类）统战事务（款）一般行政管理事务（项）”科目11.91万元，主要用于统战事务一般行政管理事务。",
        "18.“社会保障和就业支出（类）红十字事业（款）一般行政管理事务（项）”科目4.52万元，主要用于红十字事业一般行政管理事务。",
    ]);
    // (the catalog knows these 款: each 项 is coded under its own 款)
    assert_eq!(
        rows(&r, "expenditure_function"),
        [
            ("2012902", d("42.29")),
            ("2013402", d("11.91")),
            ("2081602", d("4.52")),
        ]
    );
    // variant: another standard 项 (行政运行) under two 款 the catalog does not know
    let r = read(&[
        "1.一般公共服务支出（类）工会事务（款）行政运行（项）10.00万元。",
        "2.一般公共服务支出（类）妇联事务（款）行政运行（项）20.00万元。",
    ]);
    assert_eq!(
        rows(&r, "expenditure_function"),
        [
            ("工会事务/行政运行", d("10.00")),
            ("妇联事务/行政运行", d("20.00")),
        ]
    );
    // a 款 the catalog knows still gives the code
    let r =
        read(&["3.“一般公共服务支出（类）组织事务（款）一般行政管理事务（项）”科目107.50万元。"]);
    assert_eq!(rows(&r, "expenditure_function"), [("2013202", d("107.50"))]);
}

#[test]
fn a_part_of_one_class_is_not_the_units_figure() {
    let r = read(&[
        "对个人和家庭的补助（303）100151.38万元,其中：人员经费138.06万元,较上年增加13.93万元，属于正常变化。",
        "对事业单位经常性补助（505）2945.22万元，其中：人员经费1903.54万元，较上年增加226.87万元，属正常变化；公用经费75.66万元，较上年减少0.78万元，属正常变化。",
        "专项业务经费支出100013.32万元,较上年减少2237万元。",
    ]);
    assert_eq!(
        rows(&r, "personnel_costs"),
        [
            ("对个人和家庭的补助（303）", d("138.06")),
            ("对事业单位经常性补助（505）", d("1903.54")),
        ]
    );
    assert_eq!(
        rows(&r, "public_costs"),
        [("对事业单位经常性补助（505）", d("75.66"))]
    );
    assert!(rows(&r, "expenditure_function").is_empty(), "{r:#?}");
    // variant: a class named without its code, and a function line
    let r = read(&[
        "工资福利支出500.00万元，其中：人员经费480.00万元。",
        "一般公共服务支出（类）人大事务（款）行政运行（项）300.00万元，其中：基本支出200.00万元。",
    ]);
    assert_eq!(rows(&r, "personnel_costs"), [("工资福利支出", d("480.00"))]);
    assert_eq!(rows(&r, "expenditure_basic"), [("2010101", d("200.00"))]);
    // the unit's own breakdown stays the unit's
    let r = read(&[
        "2026年预算支出1682.76万元，其中基本支出预算1208.20万元；项目支出预算474.56万元。",
        "2026年一般公共预算基本支出2,783.06万元，其中：人员经费2,464.33万元。",
    ]);
    assert_eq!(
        rows(&r, "expenditure_basic"),
        [("", d("1208.20")), ("", d("2783.06"))]
    );
    assert_eq!(rows(&r, "personnel_costs"), [("", d("2464.33"))]);
}

#[test]
fn other_items_of_one_sub_class_keep_their_names() {
    let r = read(&[
        "（2）其他支出（类）其他政府性基金及对应专项债务收入安排的支出（款）其他政府性基金安排的支出（项）事务7000.00万元，主要用于购买公共交通服务。",
        "（3）其他支出（类）其他政府性基金及对应专项债务收入安排的支出（款）其他政府性基金债务收入安排的支出（项）事务15500.00万元，主要用于改建工程。",
    ]);
    let f = rows(&r, "expenditure_function");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_ne!(f[0].0, f[1].0);
    assert!(f.iter().all(|(s, _)| !s.ends_with("99")), "{f:?}");
    // variant: a 项 that names its 款 takes the 99 code
    let r =
        read(&["（1）公共安全支出（类）其他公共安全支出（款）其他公共安全支出（项）257.80万元。"]);
    assert_eq!(rows(&r, "expenditure_function"), [("2049999", d("257.80"))]);
}
