"""The Python API on the repository's samples/ and, where present, ../shared/samples."""

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
