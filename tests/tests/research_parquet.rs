//! `--format csv,parquet`: every CSV file has a Parquet twin holding the same rows, typed as
//! the README says — codes and other text as strings, counts as INT64, amounts as
//! DECIMAL(38, 10) — read back with the parquet crate's reader and compared cell by cell with
//! the CSV (an empty cell is a null). On the repository's samples, and on ../shared/real
//! where it is present. After `--resume` the Parquet files are those of a fresh run, and under
//! `--excel` they hold the values, not the CSV's formula-neutralising quotes.

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use rust_decimal::Decimal;
use std::fs::File;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;
use std::str::FromStr;
use yusuan_e2e::{bin, extract, get, repo_samples, Csv};

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

/// A row read back from Parquet: (column, cell) in order.
type ParquetRow = Vec<(String, Field)>;

/// Every file's Parquet rows, cell by cell as read back; documents' `millis` (the time of the
/// run that read the document) left out.
fn parquet_rows(out: &Path) -> Vec<(&'static str, Vec<ParquetRow>)> {
    FILES
        .iter()
        .map(|name| {
            let file = File::open(out.join(format!("{name}.parquet")))
                .unwrap_or_else(|e| panic!("{name}.parquet: {e}"));
            let rows = SerializedFileReader::new(file)
                .expect("parquet reader")
                .into_iter()
                .map(|row| {
                    let row = row.expect("parquet row");
                    row.get_column_iter()
                        .filter(|(col, _)| col.as_str() != "millis")
                        .map(|(col, f)| (col.clone(), f.clone()))
                        .collect()
                })
                .collect();
            (*name, rows)
        })
        .collect()
}

/// `yusuan extract INPUT -o OUT -q --format csv,parquet EXTRA…`, its stderr; panics on failure.
fn run(input: &Path, out: &Path, extra: &[&str]) -> String {
    let o = Command::new(bin())
        .arg("extract")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(["-q", "--format", "csv,parquet"])
        .args(extra)
        .output()
        .expect("running yusuan extract");
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{extra:?}: {stderr}");
    stderr
}

#[test]
fn parquet_after_resume_equals_a_fresh_run() {
    let work = tempfile::tempdir().unwrap();
    let (two, three) = (work.path().join("two"), work.path().join("three"));
    std::fs::create_dir(&two).unwrap();
    std::fs::create_dir(&three).unwrap();
    let samples = repo_samples();
    // a.pdf (urumqi) has performance values such as "=100%" that --excel quotes.
    let docs = [
        ("a.pdf", samples.join("urumqi-2026.pdf")),
        ("b.pdf", samples.join("printed/dev-s1-001.pdf")),
        ("c.pdf", samples.join("printed/dev-s1-004.pdf")),
    ];
    for (i, (name, pdf)) in docs.iter().enumerate() {
        if i < 2 {
            symlink(pdf, two.join(name)).unwrap();
        }
        symlink(pdf, three.join(name)).unwrap();
    }
    let fresh = work.path().join("fresh");
    run(&three, &fresh, &[]);
    assert!(compare(&fresh) > 1_000);
    let want = parquet_rows(&fresh);
    for extra in [&[][..], &["--excel"][..]] {
        let out = work.path().join(format!("out{}", extra.len()));
        run(&two, &out, extra);
        let resumed = run(&three, &out, &[extra, &["--resume"][..]].concat());
        assert!(
            resumed.contains("(2 kept from the earlier run)"),
            "{extra:?}: {resumed}"
        );
        assert!(
            parquet_rows(&out) == want,
            "{extra:?}: the resumed run's Parquet differs from a fresh run's"
        );
        if extra.is_empty() {
            assert!(compare(&out) > 1_000);
        }
    }
}

#[test]
fn parquet_holds_values_not_excel_quotes() {
    let samples = repo_samples();
    let plain = extract(&[&samples], &["--format", "csv,parquet"]);
    let excel = extract(&[&samples], &["--excel", "--format", "csv,parquet"]);
    // The spreadsheet CSV differs from the plain one only by the leading quotes.
    let mut quoted = 0;
    for name in FILES {
        let file = format!("{name}.csv");
        let (p, x) = (plain.csv(&file), excel.csv(&file));
        assert_eq!(p.rows.len(), x.rows.len(), "{file}");
        for (rp, rx) in p.rows.iter().zip(&x.rows) {
            for (col, v) in rx.iter().filter(|(col, _)| col.as_str() != "millis") {
                if v != get(rp, col) {
                    assert_eq!(*v, format!("'{}", get(rp, col)), "{file} {col}");
                    quoted += 1;
                }
            }
        }
    }
    assert!(quoted >= 10, "only {quoted} cells quoted: nothing tested");
    assert!(
        parquet_rows(excel.out()) == parquet_rows(plain.out()),
        "--excel changed the Parquet files"
    );
    assert!(compare(plain.out()) > 10_000);
}
