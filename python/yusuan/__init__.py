"""yusuan: Chinese government budget / final-account disclosure PDFs to checked tables.

    import yusuan
    out = yusuan.extract(["a.pdf", "dir/"])
    out.facts          # pandas DataFrame, one row per published number (facts.csv)
    out.documents      # one row per input file, with its status (ok / partial / failed / duplicate)
    out.status         # documents' source, status, error_kind, error
    out.checks, out.key_figures, out.indicators, out.performance, out.unplaced

The extension runs the same per-document flow as `yusuan extract` and writes the same files
into a temporary folder (or `out_dir`), which are then loaded with these dtypes:

* text columns (codes included: "2010301" stays a string, never a number) -> ``string``;
* ``integer`` columns (year, page, row_no, counts) -> ``Int64`` (nullable);
* ``number`` columns (amount, amount_wan, value_wan, expected, actual, ...) -> Python
  ``decimal.Decimal`` objects in an ``object`` column: exact, as printed (None when empty).

The column types come from the output's own datapackage.json, so they follow the files.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Dict, Iterable, Optional, Union

import pandas as pd

from ._yusuan import __version__, extract_to

__all__ = ["extract", "load", "Output", "__version__", "extract_to"]

TABLES = ("facts", "documents", "checks", "indicators", "performance", "unplaced", "key_figures")


@dataclass
class Output:
    """The tables of one extraction, as pandas DataFrames (see the module docs for dtypes)."""

    facts: pd.DataFrame
    documents: pd.DataFrame
    checks: pd.DataFrame
    indicators: pd.DataFrame
    performance: pd.DataFrame
    unplaced: pd.DataFrame
    key_figures: pd.DataFrame
    #: Where the files were written (None when a temporary folder was used and removed).
    out_dir: Optional[str] = None
    tables: Dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def status(self) -> pd.DataFrame:
        """Each document's source, status (ok / partial / failed / duplicate), error_kind and error."""
        return self.documents[["source", "status", "error_kind", "error"]]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


def _schemas(out_dir: str) -> Dict[str, Dict[str, str]]:
    with open(os.path.join(out_dir, "datapackage.json"), encoding="utf-8") as f:
        dp = json.load(f)
    return {
        r["name"]: {fl["name"]: fl["type"] for fl in r["schema"]["fields"]}
        for r in dp["resources"]
    }


def _read(path: str, types: Dict[str, str]) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for col in df.columns:
        ty = types.get(col, "string")
        if ty == "integer":
            df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
        elif ty == "number":
            df[col] = df[col].map(lambda v: Decimal(v) if v != "" else None).astype(object)
        else:
            df[col] = df[col].astype("string")
    return df


def load(out_dir: Union[str, os.PathLike]) -> Output:
    """Loads an output folder written by `yusuan extract` (or by :func:`extract`)."""
    out_dir = os.fspath(out_dir)
    schemas = _schemas(out_dir)
    frames = {
        name: _read(os.path.join(out_dir, f"{name}.csv"), schemas.get(name, {}))
        for name in TABLES
    }
    return Output(out_dir=out_dir, **frames)


def extract(
    paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]],
    out_dir: Optional[Union[str, os.PathLike]] = None,
    timeout: int = 120,
    parquet: bool = False,
) -> Output:
    """Extracts PDF files and folders (searched recursively for *.pdf), as `yusuan extract`.

    With ``out_dir`` the files stay there (and ``parquet=True`` also writes NAME.parquet);
    without, they are written to a temporary folder that is removed once loaded. A file that
    cannot be read never raises: it is a ``failed`` row of ``documents`` with its reason.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    if out_dir is not None:
        out_dir = os.fspath(out_dir)
        extract_to(paths, out_dir, timeout, parquet)
        return load(out_dir)
    with tempfile.TemporaryDirectory(prefix="yusuan-") as tmp:
        extract_to(paths, tmp, timeout, parquet)
        out = load(tmp)
        out.out_dir = None
        return out
