//! `--format csv,parquet`: every CSV file has a Parquet twin holding the same rows, typed as
//! the README says — codes and other text as strings, counts as INT64, amounts as
//! DECIMAL(38, 10) — read back with the parquet crate's reader and compared cell by cell with
//! the CSV (an empty cell is a null). On the repository's samples, and on ../shared/real
//! where it is present.

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use rust_decimal::Decimal;
use std::fs::File;
use std::path::Path;
use std::str::FromStr;
use yusuan_e2e::{extract, Csv};

const FILES: &[&str] = &[
    "facts",
    "documents",
    "checks",
    "indicators",
    "performance",
    "unplaced",
    "key_figures",
];

/// The Parquet cell as the CSV prints it (decimals compared by value).
fn same(field: &Field, csv: &str) -> bool {
    match field {
        Field::Null => csv.is_empty(),
        Field::Str(s) => s == csv,
        Field::Long(v) => csv.parse::<i64>().ok() == Some(*v),
        Field::Decimal(d) => {
            let bytes: [u8; 16] = match d.data().try_into() {
                Ok(b) => b,
                Err(_) => return false,
            };
            let v = Decimal::from_i128_with_scale(i128::from_be_bytes(bytes), d.scale() as u32);
            Decimal::from_str(csv).ok() == Some(v)
        }
        _ => false,
    }
}

fn compare(out: &Path) -> usize {
    let mut cells = 0;
    for name in FILES {
        let csv = Csv::read(&out.join(format!("{name}.csv")));
        let file = File::open(out.join(format!("{name}.parquet")))
            .unwrap_or_else(|e| panic!("{name}.parquet: {e}"));
        let reader = SerializedFileReader::new(file).expect("parquet reader");
        let schema = reader.metadata().file_metadata().schema_descr_ptr();
        let names: Vec<String> = schema
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        assert_eq!(names, csv.headers, "{name}: columns");
        for c in schema.columns() {
            let ty = c.physical_type().to_string();
            match c.name() {
                "code" | "gov_economic_code" | "fact_id" | "source" => {
                    assert_eq!(ty, "BYTE_ARRAY", "{name}.{} is a string", c.name())
                }
                "amount" | "amount_wan" | "value_wan" | "expected" | "actual" => {
                    assert_eq!(
                        ty,
                        "FIXED_LEN_BYTE_ARRAY",
                        "{name}.{} is a decimal",
                        c.name()
                    );
                    assert_eq!((c.type_precision(), c.type_scale()), (38, 10));
                }
                "page" | "year" => assert_eq!(ty, "INT64", "{name}.{}", c.name()),
                _ => {}
            }
        }
        let rows: Vec<_> = reader
            .into_iter()
            .map(|r| r.expect("parquet row"))
            .collect();
        assert_eq!(rows.len(), csv.rows.len(), "{name}: rows");
        for (i, (row, want)) in rows.iter().zip(&csv.rows).enumerate() {
            for (col, field) in row.get_column_iter() {
                let v = want.get(col).map(String::as_str).unwrap_or("");
                assert!(
                    same(field, v),
                    "{name} row {i} {col}: parquet {field:?}, csv {v:?}"
                );
                cells += 1;
            }
        }
    }
    cells
}

#[test]
fn parquet_matches_csv_on_the_samples() {
    let samples = yusuan_e2e::repo_samples();
    let run = extract(&[&samples], &["--format", "csv,parquet"]);
    assert!(compare(run.out()) > 10_000);
    // The default writes no Parquet.
    let plain = extract(&[&samples.join("urumqi-2026.pdf")], &[]);
    assert!(!plain.out().join("facts.parquet").exists());
}

#[test]
fn parquet_matches_csv_on_real_documents() {
    yusuan_e2e::need_shared!();
    let run = extract(&[&yusuan_e2e::real()], &["--format", "parquet"]);
    assert!(compare(run.out()) > 100_000);
}
