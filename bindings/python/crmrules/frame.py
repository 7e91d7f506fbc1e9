"""pandas DataFrames through the library's columnar path (crm_ruleset_evaluate_columns):
whole columns in, whole columns out, the rows evaluated on the library's worker threads.
No Python object per cell on the way in; on the way out one per cell only for the
columns that need one, and then one per distinct value (strings, shared; exact Decimals
unless decimals="float"), or none (strings="category": pandas categoricals).

    import pandas, crmrules
    rules = crmrules.builtin()
    frame = pandas.read_csv("portfolio.csv")                     # numbers as int64 / float64
    out = rules.evaluate_many(frame, floats="shortest")          # a DataFrame, same index
    out = rules.evaluate_many(frame, floats="shortest", decimals="float")   # float64 columns: fastest
    out = rules.evaluate_many(frame, floats="shortest", strings="category") # labels as categoricals
    out = crmrules.evaluate_frame(rules, frame, errors="collect")  # the same, with an "error" column

Floats are a decision: a float column (what read_csv makes of 0.15, or of an integer
column with a missing cell) raises TypeMismatch once, naming the columns, unless
floats="shortest" (each float read as the shortest text that gives it back: what the CSV
held) or floats="reject" (each float fails its row). NaN, None and pandas NA are missing
values. Columns that are not inputs are ignored (strict=True refuses them). A required
input no column gives raises once. A row the library refuses is a RowError (errors=
"collect") or raises with its index label (errors="raise", the default); when every row
fails, the first one raises whatever errors says.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._ffi import call, ffi, lib
from .temporal import MonthsDuration, to_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .ruleset import RuleSet

__all__ = ["evaluate_frame"]

_SEP = "\x1f"  # the unit separator: joins text cells (a cell holding it is refused)
_FLOATS = {"error": 0, "shortest": 1, "reject": 2}
_DECIMALS = ("decimal", "float", "str")
_STRINGS = ("object", "category", "string")
_KIND_TEXT, _KIND_INT64, _KIND_FLOAT64, _KIND_BOOL, _KIND_DECIMAL, _KIND_JSON = range(6)


class _Columns:
    """The C columns of a frame, and the Python objects that keep their memory alive."""

    def __init__(self) -> None:
        self.columns: list[Any] = []
        self.keep: list[Any] = []
        self.failed: dict[int, tuple[str, str, str]] = {}  # row -> (code, message, pointer), found here

    def add(self, name: str, kind: int, values: Any, offsets: Any = None, valid: Any = None) -> None:
        import numpy

        c = ffi.new("crm_column *")
        c.size = ffi.sizeof("crm_column")
        encoded = name.encode("utf-8", "surrogatepass")
        c.name = ffi.from_buffer(encoded)
        c.name_len = len(encoded)
        c.kind = kind
        self.keep += [encoded, values, offsets, valid]
        c.values = ffi.from_buffer(values) if values is not None and len(values) else ffi.NULL
        if offsets is not None:
            c.offsets = ffi.cast("const int64_t *", ffi.from_buffer(numpy.ascontiguousarray(offsets, numpy.int64)))
            self.keep.append(offsets)
        if valid is not None:
            c.valid = ffi.cast("const uint8_t *", ffi.from_buffer(valid))
        self.columns.append(c)


def join_cells(texts: list[str], name: str) -> tuple[bytes, Any]:
    """Text cells back to back and their n + 1 offsets (an int64 numpy array), joined once
    (C-level) and the offsets found with numpy: no Python loop per cell. A cell holding
    U+001F (the separator used to find them) is a ValueError naming the column."""
    import numpy

    n = len(texts)
    data = _SEP.join(texts).encode("utf-8", "surrogatepass")
    raw = numpy.frombuffer(data, dtype=numpy.uint8)
    seps = numpy.flatnonzero(raw == 0x1F)
    if len(seps) != max(n - 1, 0):
        raise ValueError(f"column {name!r} holds the control character U+001F in a cell; remove it first")
    starts = numpy.empty(n + 1, dtype=numpy.int64)
    starts[0] = 0
    starts[1:n] = seps + 1 - numpy.arange(1, n)
    starts[n] = len(data) - (n - 1 if n else 0)
    return (data.replace(b"\x1f", b"") if n > 1 else data), starts


def _text_column(cols: _Columns, name: str, texts: list[str], valid: Any) -> None:
    data, starts = join_cells(texts, name)
    cols.add(name, _KIND_TEXT, data, starts, valid)


def _object_column(cols: _Columns, name: str, series: Any, missing: Any, floats: str, labels: Any) -> None:
    """An object (or string, category, date) column as text: str as it is, Decimal and
    integers as their text, booleans as true/false, dates as YYYY-MM-DD; floats as floats
    say; anything else is a TypeError naming the column and the row."""
    import numpy
    import pandas

    valid = None if not missing.any() else (~missing).astype(numpy.uint8)
    kind = pandas.api.types.infer_dtype(series, skipna=True)
    if kind in ("string", "empty"):  # the usual case: str cells (and missing ones), no Python loop
        _text_column(cols, name, series.where(~missing, "").tolist() if valid is not None else series.tolist(), valid)
        return
    values = series.to_numpy(dtype=object)
    texts: list[str] = [""] * len(values)
    for i, v in enumerate(values):  # one type test per cell: the column's own Python objects
        if missing[i]:
            continue
        if isinstance(v, str):
            texts[i] = v
        elif isinstance(v, bool) or isinstance(v, numpy.bool_):
            texts[i] = "true" if v else "false"
        elif isinstance(v, (int, Decimal, numpy.integer)):
            texts[i] = str(v)
        elif isinstance(v, (float, numpy.floating)):
            if floats == "error":
                raise _float_error([name])
            if floats == "reject":
                cols.failed.setdefault(i, ("type_mismatch", f"a float ({v!r}) is not an exact decimal", "/" + name))
                missing[i] = True
            else:
                texts[i] = numpy.format_float_positional(v, unique=True, trim="-")
        elif isinstance(v, (datetime.date, datetime.datetime)):
            texts[i] = v.strftime("%Y-%m-%d")
        elif isinstance(v, (datetime.time, datetime.timedelta, MonthsDuration)):  # pandas.Timedelta too
            texts[i] = to_text(v)
        else:
            raise TypeError(f"column {name!r}, row {i} (index {labels[i]!r}): a {type(v).__name__} is not a value "
                            "for an input (str, int, Decimal, bool, a date, a time, a duration)")
    _text_column(cols, name, texts, None if not missing.any() else (~missing).astype(numpy.uint8))


def _float_error(names: list[str]) -> Exception:
    from .errors import TypeMismatch

    listed = ", ".join(repr(n) for n in names)
    return TypeMismatch(
        f"float columns {listed}: a float is not an exact decimal. Say how to read them: floats=\"shortest\" "
        "(the shortest text that reads back as the same float, which is what a CSV reader read) or "
        "floats=\"reject\" (each float fails its row); or read the CSV as text (dtype=str)",
        code="type_mismatch")


def _columns(frame: Any, inputs: tuple[str, ...], floats: str, strict: bool) -> _Columns:
    import numpy
    import pandas

    cols = _Columns()
    labels = frame.index  # for messages only: indexed, never listed
    float_columns = []
    for name in frame.columns:
        if not isinstance(name, str):
            raise TypeError(f"the DataFrame's column names must be str (input names), not {name!r}")
        if name not in inputs and not strict:
            continue  # not an input: ignored, as everywhere
        series = frame[name]
        dtype = series.dtype
        missing = series.isna().to_numpy()
        valid = None if not missing.any() else (~missing).astype(numpy.uint8)
        if pandas.api.types.is_bool_dtype(dtype) and not missing.any():
            cols.add(name, _KIND_BOOL, numpy.ascontiguousarray(series.to_numpy(dtype=bool), dtype=numpy.uint8))
        elif pandas.api.types.is_integer_dtype(dtype):
            cols.add(name, _KIND_INT64, numpy.ascontiguousarray(series.to_numpy(dtype=numpy.int64, na_value=0)), None,
                     valid)
        elif pandas.api.types.is_float_dtype(dtype):
            if missing.all():
                continue  # an empty column: every row lacks it
            if floats == "error":
                float_columns.append(name)
                continue
            cols.add(name, _KIND_FLOAT64, numpy.ascontiguousarray(series.to_numpy(dtype=numpy.float64, na_value=0.0)),
                     None, valid)
        else:
            _object_column(cols, name, series, missing, floats, labels)
    if float_columns:
        raise _float_error(float_columns)
    return cols


def _split_text(data: bytes, offsets: Any, rows: int) -> list[str]:
    """Text cells from their bytes and offsets, split by C-level calls where they can be."""
    import numpy

    if rows == 0:
        return []
    raw = numpy.frombuffer(data, dtype=numpy.uint8)
    if (raw == 0x1F).any():  # a cell holds the separator: slice one by one
        return [data[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(rows)]
    joined = numpy.insert(raw, numpy.asarray(offsets[1:rows], dtype=numpy.int64), 0x1F).tobytes()
    return joined.decode("utf-8").split(_SEP)


def _dictionary(result: Any, index: int, rows: int) -> tuple[Any, list[str]] | None:
    """An output's codes (int32 per row, -1 for null) and its distinct values as text; None
    when a value holds the separator (the caller takes the cells one by one)."""
    import numpy

    codes = numpy.empty(rows, dtype=numpy.int32)
    text = ffi.new("char **")
    length = ffi.new("size_t *")
    count = ffi.new("size_t *")
    status = lib.crm_columns_result_dictionary(ffi.from_buffer("int32_t[]", codes), rows, text, length, count, result,
                                               index, b"\x1f", ffi.NULL)
    if status != lib.CRM_OK:
        return None
    try:
        values = ffi.unpack(text[0], length[0]).decode("utf-8").split(_SEP) if count[0] else []
    finally:
        lib.crm_string_free(text[0])
    return codes, values


def _take(values: list[Any], codes: Any) -> Any:
    """An object column sharing one object per distinct value (None for code -1)."""
    import numpy

    table = numpy.empty(len(values) + 1, dtype=object)
    table[:-1] = values
    table[-1] = None
    return table[codes]


def _text_output(result: Any, index: int, rows: int, strings: str, o: Any, valid: Any) -> Any:
    import numpy
    import pandas

    encoded = _dictionary(result, index, rows)
    if encoded is None:  # a cell holds the separator: split by the offsets
        offsets = numpy.frombuffer(ffi.buffer(o.offsets, 8 * (rows + 1)), dtype=numpy.int64)
        cells = numpy.array(_split_text(ffi.unpack(o.text, int(offsets[-1])), offsets, rows), dtype=object)
        cells[~valid] = None
        return pandas.Categorical(cells) if strings == "category" else (
            pandas.array(cells, dtype="string") if strings == "string" else cells)
    codes, values = encoded
    if strings == "category":
        return pandas.Categorical.from_codes(codes, categories=values)
    cells = _take(values, codes)
    return pandas.array(cells, dtype="string") if strings == "string" else cells


def _decimal_output(result: Any, index: int, rows: int, decimals: str, valid: Any) -> Any:
    import numpy

    if decimals == "float":
        out = numpy.empty(rows, dtype=numpy.float64)
        call(lib.crm_columns_result_doubles, ffi.from_buffer("double[]", out), rows, result, index)
        out[~valid] = numpy.nan
        return out
    encoded = _dictionary(result, index, rows)
    assert encoded is not None  # a decimal's text never holds the separator
    codes, values = encoded
    return _take(values if decimals == "str" else [Decimal(v) for v in values], codes)


def _output(result: Any, index: int, rows: int, decimals: str, strings: str) -> tuple[str, Any]:
    import numpy

    o = ffi.new("crm_output_column *")
    o.size = ffi.sizeof("crm_output_column")
    call(lib.crm_columns_result_output, o, result, index)
    name = ffi.string(o.name).decode("utf-8")
    valid = numpy.frombuffer(ffi.buffer(o.valid, rows), dtype=numpy.uint8).astype(bool) if rows else numpy.zeros(0, bool)
    if o.kind == _KIND_DECIMAL:
        return name, _decimal_output(result, index, rows, decimals, valid)
    if o.kind == _KIND_BOOL:
        values = numpy.frombuffer(ffi.buffer(o.booleans, rows), dtype=numpy.uint8).astype(bool)
        if valid.all():
            return name, values
        out_obj = values.astype(object)
        out_obj[~valid] = None
        return name, out_obj
    if o.kind == _KIND_TEXT:
        return name, _text_output(result, index, rows, strings, o, valid)
    offsets = numpy.frombuffer(ffi.buffer(o.offsets, 8 * (rows + 1)), dtype=numpy.int64)
    parts = _split_text(ffi.unpack(o.text, int(offsets[-1])) if rows else b"", offsets, rows)
    return name, [json.loads(p, parse_float=Decimal, parse_int=Decimal) if valid[i] else None
                  for i, p in enumerate(parts)]


def evaluate_frame(rules: RuleSet, frame: pandas.DataFrame, *, floats: str = "error", decimals: str = "decimal",
                   strings: str = "object", strict: bool = False, errors: str = "raise",
                   threads: int = 0) -> pandas.DataFrame:
    """The outputs of every row of frame, as a DataFrame with frame's index (and, with
    errors="collect", an "error" column: None, or the row's RowError). See the module's
    docstring for floats, decimals ("decimal": exact Decimal objects; "float": float64
    columns; "str": their exact text), strings ("object": str objects, one shared per
    distinct value; "category": pandas categoricals; "string": pandas' string dtype) and
    strict.

        out = crmrules.evaluate_frame(rules, frame, floats="shortest", strings="category")
        out["value_grade"].cat.categories     # Index(['B1', 'A1', ...]), in order of appearance"""
    import pandas

    from .ruleset import RowError

    if floats not in _FLOATS:
        raise ValueError(f"floats must be 'error', 'shortest' or 'reject', not {floats!r}")
    if decimals not in _DECIMALS:
        raise ValueError(f"decimals must be 'decimal', 'float' or 'str', not {decimals!r}")
    if strings not in _STRINGS:
        raise ValueError(f"strings must be 'object', 'category' or 'string', not {strings!r}")
    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
    rows = len(frame)
    cols = _columns(frame, rules.inputs, floats, strict)
    array = ffi.new("crm_column[]", len(cols.columns))
    for i, c in enumerate(cols.columns):
        array[i] = c[0]
    options = ffi.new("crm_columns_options *")
    options.size = ffi.sizeof("crm_columns_options")
    options.floats = _FLOATS[floats]
    options.strict = 1 if strict else 0
    options.threads = threads
    out = ffi.new("crm_columns_result **")
    call(lib.crm_ruleset_evaluate_columns, out, rules._rules, array, len(cols.columns), rows, options)
    result = ffi.gc(out[0], lib.crm_columns_result_free)

    failures: dict[int, RowError] = {
        row: RowError(row, code, message, pointer) for row, (code, message, pointer) in cols.failed.items()}
    text = ffi.new("char **")
    length = ffi.new("size_t *")
    call(lib.crm_columns_result_failures_json, text, length, result)
    try:
        for f in json.loads(ffi.unpack(text[0], length[0]).decode("utf-8")):
            failures.setdefault(f["row"], RowError(f["row"], f["code"], f["message"], f.get("pointer", "")))
    finally:
        lib.crm_string_free(text[0])

    data = dict(_output(result, i, rows, decimals, strings) for i in range(len(rules.outputs)))
    labels = frame.index
    if failures and (errors == "raise" or len(failures) == rows):
        first = failures[min(failures)]
        raise first.exception(labels[first.row])
    # copy=False: the columns are ours, and pandas then keeps one block per column instead
    # of stacking them (a fifth of the time of 200,000 rows; benchmarks/python_frame_benchmark.py)
    out_frame = pandas.DataFrame(data, index=frame.index, columns=list(rules.outputs), copy=False)
    for row in cols.failed:  # rows refused here: their outputs null, as the library's
        out_frame.iloc[row] = None
    if errors == "collect":
        error_column = [None] * rows
        for row, e in failures.items():
            error_column[row] = e
        out_frame["error"] = error_column
    return out_frame
