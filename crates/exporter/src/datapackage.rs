//! The Frictionless Data Package descriptor: every CSV with its Table Schema.

use crate::schema::{self, Field};
use serde_json::{json, Value};

fn fields(list: &[Field]) -> Vec<Value> {
    list.iter()
        .map(|f| json!({"name": f.name, "type": f.ty, "description": f.description}))
        .collect()
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

/// The Data Package descriptor (datapackage.json) of an output folder.
pub fn descriptor() -> Value {
    json!({
        "profile": "tabular-data-package",
        "name": "yusuan-output",
        "title": "Budget disclosure facts extracted by yusuan",
        "resources": [
            resource("facts", "facts.csv", "One row per published number", fields(schema::FACTS), None),
            resource("documents", "documents.csv", "One row per input file", fields(schema::DOCUMENTS), Some(vec!["source"])),
            resource("checks", "checks.csv", "Arithmetic and consistency checks", fields(schema::CHECKS), None),
            resource("indicators", "indicators.csv", "Figures stated in the narrative", fields(schema::INDICATORS), None),
            resource("unplaced", "unplaced.csv", "Numbers printed in tables that did not become facts, with the reason", fields(schema::UNPLACED), None),
            resource("performance", "performance.csv", "Indicator rows of performance-target tables", fields(schema::PERFORMANCE), None),
            resource("key_figures", "key_figures.csv", "Headline figures per document in 万元, with the facts they come from", fields(schema::KEY_FIGURES), None),
        ]
    })
}
