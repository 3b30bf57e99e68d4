//! The Frictionless Data Package descriptor: every CSV with its Table Schema.

use serde_json::{json, Value};

fn field(name: &str, ty: &str, description: &str) -> Value {
    json!({"name": name, "type": ty, "description": description})
}

fn resource(
    name: &str,
    path: &str,
    description: &str,
    fields: Vec<Value>,
    primary_key: Option<Vec<&str>>,
) -> Value {
    let mut schema = json!({"fields": fields, "missingValues": [""]});
    if let Some(pk) = primary_key {
        schema["primaryKey"] = json!(pk);
    }
    json!({
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        // Stated, not sniffed: cells full of commas and "|" must not fool a reader's guess.
        "dialect": {"delimiter": ",", "quoteChar": "\"", "doubleQuote": true, "lineTerminator": "\r\n", "header": true},
        "description": description,
        "schema": schema,
    })
}

pub fn descriptor() -> Value {
    let facts = vec![
        field("source", "string", "Input file, relative to the input folder given on the command line"),
        field("unit_name", "string", "编制单位: the disclosing unit, as printed"),
        field("year", "integer", "Budget year"),
        field("doc_kind", "string", "budget (预算) or final_account (决算)"),
        field("table_no", "string", "Table number as printed, e.g. 表1"),
        field("table_key", "string", "Canonical kind of table (README: table_key vocabulary)"),
        field("table_title", "string", "Table title as printed"),
        field("page", "integer", "1-based page where the row stands"),
        field("row_no", "integer", "1-based row index within the table body"),
        field("row_label", "string", "Row name as printed, code removed"),
        field("code", "string", "Classification code, digits only"),
        field("code_system", "string", "function, economic, gov_economic or empty"),
        field("code_name_std", "string", "Standard name of the code from the catalog"),
        field("gov_economic_code", "string", "For economic rows: the 政府预算支出经济分类 code"),
        field("project", "string", "Project name (项目名称) where the row carries one"),
        field("column_path", "string", "Header cells above the value, joined by ' > '"),
        field("measure", "string", "Canonical key of the column (README: measure vocabulary)"),
        field("amount", "number", "The published number"),
        field("amount_unit", "string", "万元 or 元, as the table states"),
        field("code_source", "string", "printed or inferred"),
        field("other_codes", "string", "Codes of other classifications printed on the row, e.g. function:2130201;gov_economic:50101"),
        field("sub_unit", "string", "The 预算单位 the row belongs to when the table lists several units; empty for the document's own unit and totals"),
        field("amount_wan", "number", "The amount in 万元 (exact; amount / 10000 where amount_unit is 元); empty when the table states no unit"),
        field("row_kind", "string", "What the row is: total (合计/总计, the department's own row), subtotal (小计), part (其中：…), sub_unit (a listed unit's own row), item"),
        field("fact_id", "string", "Stable id of the fact: source#t<table>r<body row>c<column>, 1-based"),
    ];
    let documents = vec![
        field("source", "string", "Input file"),
        field("sha256", "string", "SHA-256 of the file's bytes"),
        field("bytes", "integer", "File size"),
        field("pages", "integer", "Pages read"),
        field("unit_name", "string", "Disclosing unit"),
        field("year", "integer", "Budget year"),
        field("doc_kind", "string", "budget or final_account"),
        field("status", "string", "ok, partial or failed"),
        field("tables", "integer", "Tables found"),
        field("facts", "integer", "Facts written"),
        field("checks_failed", "integer", "Checks with status fail"),
        field("error_kind", "string", "Error class (README: errors)"),
        field(
            "error",
            "string",
            "What went wrong, in a sentence a person can act on",
        ),
        field("millis", "integer", "Processing time in milliseconds"),
        field(
            "unplaced",
            "integer",
            "Numbers printed in tables that did not become facts (see unplaced.csv)",
        ),
        field(
            "codes_ambiguous",
            "integer",
            "Rows printing only a name whose code neither the catalog nor the table's hierarchy settles (left empty)",
        ),
    ];
    let unplaced = vec![
        field("source", "string", "Input file"),
        field("table_no", "string", "Table number as printed"),
        field("table_key", "string", "Canonical kind of table"),
        field("page", "integer", "Page of the row"),
        field(
            "row_no",
            "integer",
            "1-based row index within the table body",
        ),
        field(
            "column_path",
            "string",
            "Header cells above the cell, joined by ' > '",
        ),
        field("cell", "string", "The cell as printed"),
        field("reason", "string", "Why the number is not a fact"),
    ];
    let checks = vec![
        field("source", "string", "Input file"),
        field(
            "table_key",
            "string",
            "Table the check concerns (or cross for cross-table checks)",
        ),
        field("check", "string", "Kind of check (README: checks)"),
        field("subject", "string", "Row, code or quantity checked"),
        field("expected", "number", "Value implied by the other numbers"),
        field("actual", "number", "Value as published"),
        field("difference", "number", "actual - expected"),
        field("status", "string", "pass, rounding, fail, or explained (a fail whose gap another printed figure, a 上年结转 column, closes; see explanation)"),
        field("fact_ids", "string", "The facts compared (facts.csv fact_id), ';'-joined: the printed figure (actual) first, then the terms of expected, then the explaining figure; empty for checks within the narrative"),
        field("page", "integer", "Page of the printed figure (actual); for narrative checks the page of the sentence"),
        field("table_no", "string", "Table number as printed of the printed figure's table (narrative_table: of the matched cell)"),
        field("code", "string", "Classification code of the printed figure's row, or of the quoted line"),
        field("unit", "string", "Unit of expected and actual: 万元, 元, or % for narrative_change"),
        field("relative_difference", "number", "|actual - expected| / |expected|; empty when expected is 0 and actual is not"),
        field("severity", "string", "none (equal), rounding (within the rounding of the added terms), minor (beyond rounding, under 1 % of expected), major (1 % or more: a wrong or missing row), name (code_name: a printed name differing from the catalog)"),
        field("explanation", "string", "For explained: the printed figure that closes the gap"),
    ];
    let indicators = vec![
        field("source", "string", "Input file"),
        field("unit_name", "string", "Disclosing unit"),
        field("year", "integer", "Budget year"),
        field("section", "string", "Section heading in force"),
        field("indicator", "string", "Indicator key (README: indicators)"),
        field(
            "subject",
            "string",
            "Budget line or code the sentence is about",
        ),
        field("value", "number", "The figure"),
        field("value_unit", "string", "万元, 元, %, 辆, 平方米, 台, 个"),
        field(
            "prior_year_value",
            "number",
            "Last year's figure, printed or derived from the change",
        ),
        field("change", "number", "Change on last year (signed)"),
        field(
            "change_pct",
            "number",
            "Change on last year in percent (signed)",
        ),
        field("share_pct", "number", "Share in percent where printed"),
        field("sentence", "string", "The sentence the figure came from"),
        field("page", "integer", "Page of the figure"),
    ];
    let performance = vec![
        field("source", "string", "Input file"),
        field("unit_name", "string", "Disclosing unit"),
        field("year", "integer", "Budget year"),
        field("table_no", "string", "Table number as printed"),
        field("table_title", "string", "Table title as printed"),
        field("page", "integer", "Page of the row"),
        field(
            "project",
            "string",
            "项目名称 of the performance-target table",
        ),
        field(
            "indicator_level1",
            "string",
            "一级指标 (merged cells carried down)",
        ),
        field(
            "indicator_level2",
            "string",
            "二级指标 (merged cells carried down)",
        ),
        field("indicator_level3", "string", "三级指标"),
        field("target", "string", "指标值 as printed, e.g. >=1台"),
        field(
            "other_cells",
            "string",
            "The row's other cells (设置依据, 上年完成值, 分值权重, …) joined by ' | '",
        ),
    ];
    json!({
        "profile": "tabular-data-package",
        "name": "yusuan-output",
        "title": "Budget disclosure facts extracted by yusuan",
        "resources": [
            resource("facts", "facts.csv", "One row per published number", facts, None),
            resource("documents", "documents.csv", "One row per input file", documents, Some(vec!["source"])),
            resource("checks", "checks.csv", "Arithmetic and consistency checks", checks, None),
            resource("indicators", "indicators.csv", "Figures stated in the narrative", indicators, None),
            resource("unplaced", "unplaced.csv", "Numbers printed in tables that did not become facts, with the reason", unplaced, None),
            resource("performance", "performance.csv", "Indicator rows of performance-target tables", performance, None),
        ]
    })
}
