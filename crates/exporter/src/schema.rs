//! The columns of every CSV, defined once: the header, the row writers (rows are arrays of
//! `N` fields, `N` taken from here) and the datapackage.json Table Schemas
//! ([`crate::datapackage`]) all read these lists. Add a column at the end of its list and the
//! compiler points at the row writer that must fill it.

/// One column: its name, Frictionless type and description.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Column name.
    pub name: &'static str,
    /// Frictionless Table Schema type: `string`, `integer`, `number`.
    pub ty: &'static str,
    /// What the column holds.
    pub description: &'static str,
}

const fn f(name: &'static str, ty: &'static str, description: &'static str) -> Field {
    Field {
        name,
        ty,
        description,
    }
}

/// The header of a file: its fields' names.
pub fn header(fields: &[Field]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

/// facts.csv: one row per published number.
pub const FACTS: &[Field] = &[
    f("source", "string", "Input file, relative to the input folder given on the command line"),
    f("unit_name", "string", "编制单位: the disclosing unit, as printed"),
    f("year", "integer", "Budget year"),
    f("doc_kind", "string", "budget (预算) or final_account (决算)"),
    f("table_no", "string", "Table number as printed, e.g. 表1"),
    f("table_key", "string", "Canonical kind of table (README: table_key vocabulary)"),
    f("table_title", "string", "Table title as printed"),
    f("page", "integer", "1-based page where the row stands"),
    f("row_no", "integer", "1-based row index within the table body"),
    f("row_label", "string", "Row name as printed, code removed"),
    f("code", "string", "Classification code, digits only"),
    f("code_system", "string", "function, economic, gov_economic or empty"),
    f("code_name_std", "string", "Standard name of the code from the catalog"),
    f("gov_economic_code", "string", "For economic rows: the 政府预算支出经济分类 code"),
    f("project", "string", "Project name (项目名称) where the row carries one"),
    f("column_path", "string", "Header cells above the value, joined by ' > '"),
    f("measure", "string", "Canonical key of the column (README: measure vocabulary)"),
    f("amount", "number", "The published number"),
    f("amount_unit", "string", "万元 or 元, as the table states"),
    f("code_source", "string", "printed or inferred"),
    f("other_codes", "string", "Codes of other classifications printed on the row, e.g. function:2130201;gov_economic:50101"),
    f("sub_unit", "string", "The 预算单位 the row belongs to when the table lists several units; empty for the document's own unit and totals"),
    f("amount_wan", "number", "The amount in 万元 (exact; amount / 10000 where amount_unit is 元); empty when the table states no unit"),
    f("row_kind", "string", "What the row is: total (合计/总计, the department's own row), subtotal (小计), part (其中：…), sub_unit (a listed unit's own row), item"),
    f("fact_id", "string", "Stable id of the fact: source#t<table>r<body row>c<column>, 1-based"),
];

/// documents.csv: one row per input file.
pub const DOCUMENTS: &[Field] = &[
    f("source", "string", "Input file"),
    f("sha256", "string", "SHA-256 of the file's bytes"),
    f("bytes", "integer", "File size"),
    f("pages", "integer", "Pages read"),
    f("unit_name", "string", "Disclosing unit"),
    f("year", "integer", "Budget year"),
    f("doc_kind", "string", "budget or final_account"),
    f("status", "string", "ok, partial, failed, or duplicate (the same bytes as an earlier input: not read again, see duplicate_of)"),
    f("tables", "integer", "Tables found"),
    f("facts", "integer", "Facts written"),
    f("checks_failed", "integer", "Checks with status fail"),
    f("error_kind", "string", "Error class (README: errors)"),
    f("error", "string", "What went wrong, in a sentence a person can act on"),
    f("millis", "integer", "Processing time in milliseconds"),
    f("unplaced", "integer", "Numbers printed in tables that did not become facts (see unplaced.csv)"),
    f("codes_ambiguous", "integer", "Rows printing only a name whose code neither the catalog nor the table's hierarchy settles (left empty)"),
    f("disclosure_level", "string", "部门 (a department's disclosure, its units together) or 单位 (one unit's), from the opening pages' 部门预算/单位预算 (决算), else the table titles; empty when neither says"),
    f("unit_type", "string", "administrative (行政单位/机关), institution (事业单位) or unknown: the unit type the 部门经济 → 政府经济 crosswalk (gov_economic_code) used"),
    f("duplicate_of", "string", "For a duplicate: the source of the earlier input with the same SHA-256, whose rows stand for this file too"),
];

/// unplaced.csv: numbers printed in tables that did not become facts.
pub const UNPLACED: &[Field] = &[
    f("source", "string", "Input file"),
    f("table_no", "string", "Table number as printed"),
    f("table_key", "string", "Canonical kind of table"),
    f("page", "integer", "Page of the row"),
    f(
        "row_no",
        "integer",
        "1-based row index within the table body",
    ),
    f(
        "column_path",
        "string",
        "Header cells above the cell, joined by ' > '",
    ),
    f("cell", "string", "The cell as printed"),
    f("reason", "string", "Why the number is not a fact"),
];

/// checks.csv: arithmetic and consistency checks.
pub const CHECKS: &[Field] = &[
    f("source", "string", "Input file"),
    f("table_key", "string", "Table the check concerns (or cross for cross-table checks)"),
    f("check", "string", "Kind of check (README: checks)"),
    f("subject", "string", "Row, code or quantity checked"),
    f("expected", "number", "Value implied by the other numbers"),
    f("actual", "number", "Value as published"),
    f("difference", "number", "actual - expected"),
    f("status", "string", "pass, rounding, fail, or explained (a fail whose gap another printed figure, a 上年结转 column, closes; see explanation)"),
    f("fact_ids", "string", "The facts compared (facts.csv fact_id), ';'-joined: the printed figure (actual) first, then the terms of expected, then the explaining figure; empty for checks within the narrative"),
    f("page", "integer", "Page of the printed figure (actual); for narrative checks the page of the sentence"),
    f("table_no", "string", "Table number as printed of the printed figure's table (narrative_table: of the matched cell)"),
    f("code", "string", "Classification code of the printed figure's row, or of the quoted line"),
    f("unit", "string", "Unit of expected and actual: 万元, 元, or % for narrative_change"),
    f("relative_difference", "number", "|actual - expected| / |expected|; empty when expected is 0 and actual is not"),
    f("severity", "string", "none (equal), rounding (within the rounding of the added terms), minor (beyond rounding, under 1 % of expected), major (1 % or more: a wrong or missing row), name (code_name: a printed name differing from the catalog)"),
    f("explanation", "string", "For explained: the printed figure that closes the gap"),
];

/// indicators.csv: figures stated in the narrative.
pub const INDICATORS: &[Field] = &[
    f("source", "string", "Input file"),
    f("unit_name", "string", "Disclosing unit"),
    f("year", "integer", "Budget year"),
    f("section", "string", "Section heading in force"),
    f("indicator", "string", "Indicator key (README: indicators)"),
    f(
        "subject",
        "string",
        "Budget line or code the sentence is about",
    ),
    f("value", "number", "The figure"),
    f("value_unit", "string", "万元, 元, %, 辆, 平方米, 台, 个"),
    f(
        "prior_year_value",
        "number",
        "Last year's figure, printed or derived from the change",
    ),
    f("change", "number", "Change on last year (signed)"),
    f(
        "change_pct",
        "number",
        "Change on last year in percent (signed)",
    ),
    f("share_pct", "number", "Share in percent where printed"),
    f("sentence", "string", "The sentence the figure came from"),
    f("page", "integer", "Page of the figure"),
    f("code", "string", "The 支出功能分类 code the sentence names (by its code or its 类/款/项 names; for 款/项 names the catalog cannot settle, the code of the table cell it quotes), empty when none"),
    f("scope", "string", "The funds the figure covers where the sentence says: general_budget (一般公共预算), gov_fund, soe_capital, fiscal (财政拨款), all (收支总预算…); empty when it does not say"),
    f("fact_id", "string", "The table cell the figure quotes (facts.csv fact_id): the cell its narrative_table check found (pass or rounding), else the key figure of the same key and amount, else a cell of the code it names printing that amount; empty for zeros, other units and figures no table prints"),
];

/// performance.csv: rows of performance-target tables.
pub const PERFORMANCE: &[Field] = &[
    f("source", "string", "Input file"),
    f("unit_name", "string", "Disclosing unit"),
    f("year", "integer", "Budget year"),
    f("table_no", "string", "Table number as printed"),
    f("table_title", "string", "Table title as printed"),
    f("page", "integer", "Page of the row"),
    f(
        "project",
        "string",
        "项目名称 of the performance-target table",
    ),
    f(
        "indicator_level1",
        "string",
        "一级指标 (merged cells carried down)",
    ),
    f(
        "indicator_level2",
        "string",
        "二级指标 (merged cells carried down)",
    ),
    f("indicator_level3", "string", "三级指标"),
    f("target", "string", "指标值 as printed, e.g. >=1台"),
    f(
        "other_cells",
        "string",
        "The row's other cells (设置依据, 上年完成值, 分值权重, …) joined by ' | '",
    ),
];

/// key_figures.csv: headline figures per document, in 万元.
pub const KEY_FIGURES: &[Field] = &[
    f("source", "string", "Input file"),
    f("unit_name", "string", "Disclosing unit"),
    f("year", "integer", "Budget year"),
    f("doc_kind", "string", "budget or final_account"),
    f("figure", "string", "Figure key (README: key_figures.csv), the same key as the narrative's indicator: income_total, expenditure_total, income_fiscal, income_general_budget, income_gov_fund, income_soe_capital, expenditure_basic, expenditure_project, personnel_costs, public_costs, three_public_total, three_public_travel_abroad, three_public_reception, three_public_vehicles, three_public_vehicle_purchase, three_public_vehicle_operation, meeting_costs, training_costs, operating_costs, procurement_total"),
    f("figure_name", "string", "The figure's Chinese name (支出总计…)"),
    f("value_wan", "number", "The figure in 万元, exact (元 amounts divided by 10000)"),
    f("prior_year_value_wan", "number", "The prior year's figure in 万元, where the document prints one"),
    f("prior_year_from", "string", "table or narrative: where the prior-year value is printed"),
    f("fact_ids", "string", "The facts printing the figure, one per table, ';'-joined; the one giving value_wan first"),
    f("prior_fact_ids", "string", "The facts printing the prior-year value, ';'-joined"),
    f("tables", "integer", "Number of tables printing the figure"),
    f("agreement", "string", "one_table, agree (every table printing it gives the same amount within rounding), differ, or narrative (no table prints it; the narrative quotes one amount)"),
    f("narrative_value_wan", "number", "The narrative's quote of the figure in 万元 (the closest to value_wan), if it quotes it"),
    f("narrative_page", "integer", "Page of that quote"),
];

/// Every CSV file (name without `.csv`) with its columns, in the order they are written.
pub const FILES: &[(&str, &[Field])] = &[
    ("facts", FACTS),
    ("documents", DOCUMENTS),
    ("checks", CHECKS),
    ("indicators", INDICATORS),
    ("performance", PERFORMANCE),
    ("unplaced", UNPLACED),
    ("key_figures", KEY_FIGURES),
];
