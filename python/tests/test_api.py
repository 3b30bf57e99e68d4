"""The Python API on the repository's samples/ and, where present, ../shared/samples."""

import json
import os
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import yusuan

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("YUSUAN_SHARED") or ROOT.parent / "shared")


def test_seed_document():
    out = yusuan.extract([SAMPLES / "urumqi-2026.pdf"])
    assert list(out.status.status) == ["ok"]
    assert len(out.facts) == 173
    assert out.facts.code.dtype == "string"
    assert out.facts.page.dtype == "Int64"
    assert isinstance(out.facts.amount.iloc[0], Decimal)
    # codes stay strings, amounts exact decimals: 类 201 of the seed in 万元
    row = out.facts[(out.facts.code == "2010301") & (out.facts.table_key == "general_budget_expenditure")]
    assert row.amount_wan.iloc[0] == Decimal("1852.77")
    total = out.key_figures.set_index("figure").value_wan
    assert total["expenditure_total"] == Decimal("3008.81")
    assert set(out.checks.status) <= {"pass", "rounding"}
    assert out.out_dir is None


def test_folder_and_files_mixed(tmp_path):
    out = yusuan.extract([SAMPLES / "printed", str(SAMPLES / "urumqi-2026.pdf")], out_dir=tmp_path,
                         parquet=True)
    assert len(out.documents) >= 5
    assert (tmp_path / "facts.csv").exists() and (tmp_path / "facts.parquet").exists()
    for name in yusuan.TABLES:
        assert isinstance(out[name], pd.DataFrame)
    again = yusuan.load(tmp_path)
    assert again.facts.equals(out.facts)


def test_a_bad_file_is_a_failed_row(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    out = yusuan.extract([bad])
    assert out.status.status.tolist() == ["failed"]
    assert out.status.error_kind.tolist() == ["empty_file"]


def test_the_same_file_twice_is_read_once(tmp_path):
    seed = (SAMPLES / "urumqi-2026.pdf").read_bytes()
    (tmp_path / "a.pdf").write_bytes(seed)
    (tmp_path / "b.pdf").write_bytes(seed)
    out = yusuan.extract([tmp_path])
    docs = out.documents.set_index("source")
    assert docs.status.to_dict() == {"a.pdf": "ok", "b.pdf": "duplicate"}
    assert docs.duplicate_of["b.pdf"] == "a.pdf"
    assert set(out.facts.source) == {"a.pdf"} and len(out.facts) == 173


def test_same_as_the_cli(tmp_path):
    """The same files as `yusuan extract` (the binary of this checkout, where built)."""
    binary = ROOT / "target" / "release" / "yusuan"
    if not binary.exists():
        pytest.skip("target/release/yusuan not built")
    import subprocess
    cli = tmp_path / "cli"
    subprocess.run([binary, "extract", SAMPLES, "-o", cli, "-q"], check=True)
    out = yusuan.extract([SAMPLES], out_dir=tmp_path / "py")
    for name in ("facts", "checks", "key_figures", "indicators"):
        assert (cli / f"{name}.csv").read_bytes() == (tmp_path / "py" / f"{name}.csv").read_bytes(), name
    assert out.facts.equals(yusuan.load(cli).facts)


def test_no_pdf_raises(tmp_path):
    with pytest.raises(ValueError):
        yusuan.extract([tmp_path])


@pytest.mark.skipif(not (SHARED / "samples").is_dir(), reason="needs the shared corpus (../shared)")
def test_shared_samples():
    out = yusuan.extract([SHARED / "samples"])
    assert len(out.documents) >= 9
    good = out.documents[~out.documents.source.str.startswith("bad/")]
    assert (good.status != "failed").all()
    assert (out.documents[out.documents.status == "failed"].error_kind != "").all()
    ids = set(out.facts.fact_id)
    failed = out.checks[out.checks.status == "fail"]
    for fid in failed.fact_ids.str.split(";").explode().dropna():
        assert fid == "" or fid in ids


def test_parquet_in_pyarrow_and_duckdb(tmp_path):
    """`parquet=True` (the CLI's --format csv,parquet): each file loads in pyarrow and DuckDB with
    the types datapackage.json documents, and holds the CSV's values, cell for cell."""
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    duckdb = pytest.importorskip("duckdb")
    out = yusuan.extract([SAMPLES / "urumqi-2026.pdf", SAMPLES / "printed"], out_dir=tmp_path,
                         parquet=True)
    package = json.loads((tmp_path / "datapackage.json").read_text())
    arrow_type = {"string": pa.string(), "integer": pa.int64(), "number": pa.decimal128(38, 10)}
    duck_type = {"string": "VARCHAR", "integer": "BIGINT", "number": "DECIMAL(38,10)"}
    for resource in package["resources"]:
        name = Path(resource["path"]).stem
        if not (tmp_path / f"{name}.parquet").exists():
            continue
        fields = resource["schema"]["fields"]
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert [(f.name, f.type) for f in table.schema] == \
            [(f["name"], arrow_type[f["type"]]) for f in fields], name
        described = duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path / name}.parquet'").fetchall()
        assert [(r[0], r[1]) for r in described] == \
            [(f["name"], duck_type[f["type"]]) for f in fields], name
        frame = out[name]
        assert table.num_rows == len(frame), name
        for f in fields:
            column = table.column(f["name"]).to_pylist()
            for got, want in zip(column, frame[f["name"]].tolist()):
                if want is None or want is pd.NA or want == "":
                    assert got is None, (name, f["name"], got)
                else:
                    assert got == want, (name, f["name"], got, want)
    # A sum in DuckDB is exact and equals the CSV's.
    ((total,),) = duckdb.sql(
        f"SELECT sum(amount_wan) FROM '{tmp_path}/facts.parquet' WHERE source = 'urumqi-2026.pdf'"
    ).fetchall()
    assert total == sum(v for v in out.facts[out.facts.source == "urumqi-2026.pdf"].amount_wan
                        if v is not None)


def test_readme_duckdb_examples_run(tmp_path):
    """Every ```sql block of the README runs in DuckDB on an output folder and returns rows."""
    duckdb = pytest.importorskip("duckdb")
    import re
    out = tmp_path / "out"
    yusuan.extract([SAMPLES / "urumqi-2026.pdf"], out_dir=out, parquet=True)
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sql\n(.*?)```", readme, re.S)
    assert len(blocks) >= 2
    for sql in blocks:
        rows = duckdb.sql(sql.replace("'out/", f"'{out}/")).fetchall()
        assert rows, sql


def test_readme_pandas_answers_run(tmp_path):
    """The README's six questions in pandas run as printed on an output folder."""
    import re
    out = tmp_path / "out"
    yusuan.extract([SAMPLES / "urumqi-2026.pdf", SAMPLES / "printed"], out_dir=out)
    readme = (ROOT / "README.md").read_text()
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "# 6." in b]
    scope = {}
    exec(block.replace('f"out/{name}"', f'f"{out}/{{name}}"'), scope)
    assert len(scope["facts"]) > 0 and len(scope["basic"]) > 0 and len(scope["kuan"]) > 0
