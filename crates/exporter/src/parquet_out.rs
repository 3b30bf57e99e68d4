//! Parquet files next to the CSV (`--format csv,parquet`): the same rows, typed from the same
//! column lists ([`crate::schema`]).
//!
//! Types: `string` columns are `BYTE_ARRAY (STRING)` — codes stay strings (`2010301`, never
//! numbers); `integer` columns are `INT64`; `number` columns (amounts, differences, shares) are
//! `DECIMAL(38, 10)` stored as 16-byte fixed-length big-endian integers, exact for every amount
//! the tool writes (元 with 2 decimals divided by 10 000 has 6; a value with more than 10
//! decimals, which no table prints, is rounded half-even to 10). Every column is `OPTIONAL`: an
//! empty CSV cell is a null. Rows are written in row groups of [`ROW_GROUP`] rows, Snappy
//! compressed. Under `--excel` the Parquet files hold the values, not the CSV's
//! formula-neutralising quotes ([`unneutralised`]).

use crate::schema::Field;
use parquet::basic::Compression;
use parquet::data_type::Int64Type;
use parquet::data_type::{ByteArray, ByteArrayType, FixedLenByteArray, FixedLenByteArrayType};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use rust_decimal::Decimal;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

/// Precision and scale of every decimal column.
pub const DECIMAL_PRECISION: u32 = 38;
/// Scale of every decimal column.
pub const DECIMAL_SCALE: u32 = 10;
/// Rows per row group.
pub const ROW_GROUP: usize = 65_536;

/// The Parquet schema of a file: its fields typed as the module docs say.
pub fn message_type(name: &str, fields: &[Field]) -> String {
    let mut s = format!("message {name} {{\n");
    for f in fields {
        let line = match f.ty {
            "integer" => format!("  OPTIONAL INT64 {};\n", f.name),
            "number" => format!(
                "  OPTIONAL FIXED_LEN_BYTE_ARRAY (16) {} (DECIMAL({DECIMAL_PRECISION}, {DECIMAL_SCALE}));\n",
                f.name
            ),
            _ => format!("  OPTIONAL BYTE_ARRAY {} (STRING);\n", f.name),
        };
        s.push_str(&line);
    }
    s.push('}');
    s
}

fn err(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// A decimal cell as the 16 big-endian bytes of its value × 10^scale.
fn decimal_bytes(cell: &str) -> Option<Vec<u8>> {
    let mut d = Decimal::from_str(cell).ok()?;
    d.rescale(DECIMAL_SCALE);
    Some(d.mantissa().to_be_bytes().to_vec())
}

/// One Parquet file being written: rows buffered as strings, typed per row group.
pub struct ParquetFile {
    tmp: PathBuf,
    dest: PathBuf,
    fields: &'static [Field],
    writer: SerializedFileWriter<File>,
    rows: Vec<Vec<String>>,
}

impl ParquetFile {
    /// Starts `dir/<name>.parquet` under a temporary name, as the CSV files are.
    pub fn create(dir: &Path, name: &str, fields: &'static [Field]) -> io::Result<ParquetFile> {
        let dest = dir.join(format!("{name}.parquet"));
        let tmp = dir.join(format!(".{name}.parquet.partial"));
        let schema = parquet::schema::parser::parse_message_type(&message_type(name, fields))
            .map_err(err)?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by("yusuan".to_string())
            .build();
        let writer =
            SerializedFileWriter::new(File::create(&tmp)?, Arc::new(schema), Arc::new(props))
                .map_err(err)?;
        Ok(ParquetFile {
            tmp,
            dest,
            fields,
            writer,
            rows: Vec::new(),
        })
    }

    /// Adds one row (the CSV row's cells, in the schema's order).
    pub fn push<'a>(&mut self, row: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        self.rows
            .push(row.into_iter().map(str::to_string).collect());
        if self.rows.len() >= ROW_GROUP {
            self.write_group()?;
        }
        Ok(())
    }

    fn write_group(&mut self) -> io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        let mut rg = self.writer.next_row_group().map_err(err)?;
        let mut i = 0;
        while let Some(mut col) = rg.next_column().map_err(err)? {
            let f = self.fields[i];
            let cells = rows
                .iter()
                .map(|r| r.get(i).map(String::as_str).unwrap_or(""));
            let mut defs = Vec::with_capacity(rows.len());
            match f.ty {
                "integer" => {
                    let mut vals = Vec::new();
                    for c in cells {
                        let v = c.parse::<i64>().ok();
                        defs.push(i16::from(v.is_some()));
                        vals.extend(v);
                    }
                    col.typed::<Int64Type>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(err)?;
                }
                "number" => {
                    let mut vals: Vec<FixedLenByteArray> = Vec::new();
                    for c in cells {
                        let v = decimal_bytes(c);
                        defs.push(i16::from(v.is_some()));
                        vals.extend(v.map(FixedLenByteArray::from));
                    }
                    col.typed::<FixedLenByteArrayType>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(err)?;
                }
                _ => {
                    let mut vals: Vec<ByteArray> = Vec::new();
                    for c in cells {
                        defs.push(i16::from(!c.is_empty()));
                        if !c.is_empty() {
                            vals.push(ByteArray::from(c.as_bytes().to_vec()));
                        }
                    }
                    col.typed::<ByteArrayType>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(err)?;
                }
            }
            col.close().map_err(err)?;
            i += 1;
        }
        rg.close().map_err(err)?;
        Ok(())
    }

    /// Writes the last row group, closes the file and renames it into place.
    pub fn finish(mut self) -> io::Result<()> {
        self.write_group()?;
        self.writer.close().map_err(err)?;
        fs::rename(&self.tmp, &self.dest)
    }
}

/// A cell of a CSV written under `--excel` as it was before [`crate::neutralise`] quoted it:
/// the leading quote dropped where neutralise puts one (before `=`, `+`, `-`, `@`, tab or CR,
/// not before a plain number). Parquet is typed data for programs, not spreadsheets, so it
/// holds the values themselves. Exact for every value that does not itself start with a quote
/// followed by one of those characters (such a value would lose its quote).
pub fn unneutralised(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if crate::neutralise(rest.as_bytes()).len() == cell.len() => rest,
        _ => cell,
    }
}

/// Writes `<name>.parquet` from the finished `<name>.csv` in `dir` (its header row skipped);
/// under `excel` with the cells' values before neutralisation ([`unneutralised`]).
pub fn from_csv(dir: &Path, name: &str, fields: &'static [Field], excel: bool) -> io::Result<()> {
    let mut out = ParquetFile::create(dir, name, fields)?;
    let csv = File::open(dir.join(format!("{name}.csv")))?;
    let mut rows = csv::ReaderBuilder::new().from_reader(io::BufReader::new(csv));
    for row in rows.records() {
        let row = row.map_err(io::Error::other)?;
        if excel {
            out.push(row.iter().map(unneutralised))?;
        } else {
            out.push(row.iter())?;
        }
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_exact_and_scaled() {
        let b = decimal_bytes("1852.77").unwrap();
        let v = i128::from_be_bytes(b.try_into().unwrap());
        assert_eq!(v, 18_527_700_000_000);
        let b = decimal_bytes("-0.000001").unwrap();
        assert_eq!(i128::from_be_bytes(b.try_into().unwrap()), -10_000);
        assert!(decimal_bytes("").is_none());
        assert!(message_type("t", crate::schema::FACTS).contains("amount_wan (DECIMAL(38, 10))"));
    }

    #[test]
    fn excel_quotes_are_undone_exactly_where_neutralise_adds_them() {
        for v in [
            "=100%", "+1", "-其中", "@x", "\tx", "\rx", "-", "abc", "-12.50",
        ] {
            let quoted = crate::neutralise(v.as_bytes());
            let quoted = std::str::from_utf8(&quoted).unwrap();
            assert_eq!(unneutralised(quoted), v, "{quoted:?}");
        }
        assert_eq!(crate::neutralise(b"=100%").as_ref(), b"'=100%");
        // Quotes that neutralise never adds stay: before a plain number or other text.
        assert_eq!(unneutralised("'-12.50"), "'-12.50");
        assert_eq!(unneutralised("'abc"), "'abc");
        assert_eq!(unneutralised("'"), "'");
        assert_eq!(unneutralised("-12.50"), "-12.50");
    }
}
