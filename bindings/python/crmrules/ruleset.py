"""Rule sets from Python: load once, evaluate as often as you like, from any thread.

    from decimal import Decimal
    import crmrules

    rules = crmrules.RuleSet.load_file("grading.json")      # errors: pointer, line, column
    rules.inputs                  # ['purchases', 'cooperation', 'sector', 'name']
    rules.evaluate({"purchases": 8000000, "cooperation": 6, "sector": "retail"})
    # {'value_score': Decimal('71.00'), 'value_score_reasons': '', 'value_grade': 'B1',
    #  'key_account': False}
    outputs, trace = rules.evaluate({"purchases": 8000000}, trace=True)
    rules.evaluate_many([{"purchases": 1}, {}], errors="collect")   # [{...}, RowError(...)]
    rules.evaluate_many(dataframe)            # a pandas DataFrame of the outputs, same index
    rules.run_tests()                         # TestReport(passed=4, failed=0, ...)
    crmrules.lint(text)                       # [{'severity': 'error', 'code': ..., ...}]

Values in: decimal.Decimal or int for numbers (a float is refused with TypeMismatch, a
TypeError: money never passes through binary floating point; NaN and infinities are
refused with OutOfRange), str, bool, None ("not given": the field's default applies) and
datetime.date; for time, date_time, days_duration and months_duration fields also
datetime.time, datetime.datetime, datetime.timedelta and crmrules.MonthsDuration (or their
ISO 8601 text; crmrules.temporal). A str is also accepted for a decimal field and parsed
exactly ("12.50"). Values out: Decimal (with the library's exact scale: Decimal('71.00')),
str, bool, None, datetime.date, datetime.time, datetime.datetime, datetime.timedelta,
crmrules.MonthsDuration, and list for the outputs of multi-hit tables (RULE ORDER, OUTPUT ORDER,
COLLECT): a list of those values (a date inside a list comes as its "YYYY-MM-DD" str). Every error is the library's exception (errors.py) with its code and
location; an input's errors carry the JSON pointer of the input ("/purchases").

A RuleSet is immutable and safe to share between threads; evaluate() keeps one record
per thread and reuses it, so repeated calls allocate nothing in the library.
"""

from __future__ import annotations

import datetime
import json
import numbers
import os
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import temporal
from ._types import Record, Rows
from ._ffi import call, ffi, lib, take_str
from .errors import CrmError, OutOfRange, TypeMismatch, error_class

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Limits", "RuleSet", "RowError", "TestReport", "lint"]

# crm_decimal_format needs at most 42 bytes.
_DECIMAL_BUFFER = 64
# The library's decimals: below 10^20 in magnitude, at most 18 fractional digits. An int
# of 10^38 or more is far out of range: its text is kept short, and the library reads it.
_MAX_INTEGER_DIGITS = 20
_MAX_SCALE = 18
_LARGE_INT = 10**38

# crm_field_type and crm_value_kind as the names docs/rule-sets.md uses.
_FIELD_TYPES = ("decimal", "integer", "bool", "string", "enum", "grade", "date", "time", "date_time",
                "days_duration", "months_duration", "list")
_VALUE_KINDS = (None, "bool", "decimal", "string", "date", "list", "time", "date_time", "days_duration",
                "months_duration")
# Kinds that travel as ISO 8601 text (crmrules.temporal converts them).
_TEMPORAL = frozenset(("time", "date_time", "days_duration", "months_duration"))


@dataclass(frozen=True)
class Limits:
    """How much a rule set may hold (crm::Limits, crm_ruleset_limits): a document past one
    is refused with OutOfRange naming the limit and its place. None keeps the library's
    default (64 MiB of JSON, 100,000 decisions, 100,000 inputs, 1,000,000 rows in a
    table, 1 MiB in one string). The rule set keeps its limits: an input string longer
    than string_bytes is refused when evaluated.

        crmrules.RuleSet.load(text, limits=crmrules.Limits(decisions=200_000))
    """

    document_bytes: int | None = None
    decisions: int | None = None
    inputs: int | None = None
    table_rows: int | None = None
    string_bytes: int | None = None

    def _struct(self) -> Any:
        """A crm_ruleset_limits (size set, as CRM_RULESET_LIMITS_INIT does; 0: a default)."""
        out = ffi.new("crm_ruleset_limits *")
        out.size = ffi.sizeof("crm_ruleset_limits")
        for name, value in vars(self).items():
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
                raise OutOfRange(
                    f"Limits.{name} must be a positive integer or None, not {value!r}",
                    code="out_of_range",
                    status=lib.CRM_E_OUT_OF_RANGE,
                )
            setattr(out, name, value)
        return out


def _limits(limits: Limits | None) -> Any:
    return ffi.NULL if limits is None else limits._struct()


def lint(text: str | bytes, *, limits: Limits | None = None) -> list[dict[str, Any]]:
    """Every finding of the load-time checks of the rule set in text, errors and warnings:
    dicts with severity ("error" or "warning"), code, message, pointer, line and column.
    An empty list means the rule set loads cleanly. Only text that is not UTF-8 raises
    (InvalidUtf8); a JSON syntax error, like a breach of limits, is a finding like any
    other."""
    data = _utf8(text)
    out = ffi.new("char **")
    call(lib.crm_ruleset_lint_limited, out, ffi.NULL, data, len(data), _limits(limits))
    return json.loads(take_str(out[0]))


@dataclass(frozen=True)
class RowError:
    """A row of evaluate_many(..., errors="collect") that failed: the position of the row
    (from 0), the error's code ("missing"), message and JSON pointer within the row
    ("/purchases", "" when the error is about the row as a whole)."""

    row: int
    code: str
    message: str
    pointer: str = ""

    def exception(self, label: Any = None) -> CrmError:
        """The exception evaluate_many raises for this row without errors="collect": the
        code's class, the message prefixed with "row N" (and the DataFrame index label,
        when given), the pointer, and a row attribute."""
        where = f"row {self.row}" if label is None else f"row {self.row} (index {label!r})"
        error = error_class(self.code)(
            f"{where}: {self.message}", code=self.code, status=_status(self.code), pointer=self.pointer or None
        )
        error.row = self.row  # type: ignore[attr-defined]
        return error


@dataclass(frozen=True)
class TestReport:
    """The result of a rule set's own tests (RuleSet.run_tests()).

    cases: one dict per case, in order, with name, passed and diff (a readable account of
    what differed; "" when the case passed). coverage: the percentage of table rows,
    scorecard bins and outputs the cases exercised, a Decimal with two decimals;
    not_covered names the items they missed."""

    __test__ = False  # not a pytest test class, whatever a test module imports

    passed: int
    failed: int
    cases: list[dict[str, Any]]
    coverage: Decimal
    covered: int = 0
    total: int = 0
    not_covered: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every case passed."""
        return self.failed == 0


class _Scratch:
    """One thread's record and conversion buffers for one rule set."""

    __slots__ = ("record", "decimal", "buffer", "length", "text", "kind", "flag", "date", "json")

    def __init__(self, rules: Any) -> None:
        out = ffi.new("crm_record **")
        call(lib.crm_record_create, out, rules)
        self.record = ffi.gc(out[0], lib.crm_record_free)
        self.decimal = ffi.new("crm_decimal *")
        self.buffer = ffi.new("char[]", _DECIMAL_BUFFER)
        self.length = ffi.new("size_t *")
        self.text = ffi.new("const char **")
        self.kind = ffi.new("crm_value_kind *")
        self.flag = ffi.new("int *")
        self.date = ffi.new("crm_date *")
        self.json = ffi.new("char **")


class RuleSet:
    """A loaded, checked and compiled rule set (format: docs/rule-sets.md).

    Make one with RuleSet.load(text) or RuleSet.load_file(path); a rule set that fails its
    checks raises the library's exception (ParseError, UnknownName, InvalidRule, ...) with
    the JSON pointer, line and column of the first problem (lint() lists them all)."""

    __slots__ = (
        "_rules",
        "_name",
        "_version",
        "_inputs",
        "_input_names",
        "_ignores_unknown",
        "_outputs",
        "_input_slots",
        "_input_types",
        "_output_kinds",
        "_text_outputs",
        "_local",
        "_source",
        "__weakref__",
    )

    def __init__(self, handle: Any) -> None:
        """Takes ownership of a crm_ruleset*; use load() or load_file()."""
        self._rules = ffi.gc(handle, lib.crm_ruleset_free)
        self._source: tuple[bytes, Any] | None = None  # (text, limits) it was loaded from: for pickling
        self._name = self._borrowed(lib.crm_ruleset_name)
        self._version = self._borrowed(lib.crm_ruleset_version)
        self._inputs = self._names(lib.crm_ruleset_input_count, lib.crm_ruleset_input_name)
        self._input_names = frozenset(self._inputs)
        ignores = ffi.new("int *")
        call(lib.crm_ruleset_ignores_unknown_inputs, ignores, self._rules)
        self._ignores_unknown = bool(ignores[0])
        self._outputs = self._names(lib.crm_ruleset_output_count, lib.crm_ruleset_output_name)
        field_type = ffi.new("crm_field_type *")
        types = {}
        for i, name in enumerate(self._inputs):
            call(lib.crm_ruleset_input_type, field_type, self._rules, i)
            types[name] = _FIELD_TYPES[field_type[0]]
        self._input_types = types
        kind = ffi.new("crm_value_kind *")
        kinds = {}
        for i, name in enumerate(self._outputs):
            call(lib.crm_ruleset_output_kind, kind, self._rules, i)
            kinds[name] = _VALUE_KINDS[kind[0]]
        self._output_kinds = kinds
        # outputs whose JSON text becomes a Python value: dates, times, durations
        self._text_outputs = {name: k for name, k in kinds.items() if k == "date" or k in _TEMPORAL}
        self._input_slots = {name: i for i, name in enumerate(self._inputs)}
        self._local = threading.local()

    @classmethod
    def load(cls, text: str | bytes, *, limits: Limits | None = None) -> RuleSet:
        """The rule set in text, a JSON document (bytes must be UTF-8), within limits
        (None: the defaults)."""
        data = _utf8(text)
        out = ffi.new("crm_ruleset **")
        call(lib.crm_ruleset_load_limited, out, data, len(data), _limits(limits))
        rules = cls(out[0])
        rules._source = (data, limits)
        return rules

    @classmethod
    def load_dmn(cls, xml: str | bytes) -> RuleSet:
        """A DMN 1.1-1.5 model's decision tables as a rule set (crmrules.dmn, docs/dmn.md);
        errors name the XML element's path (their pointer), line and column."""
        data = _utf8(xml)
        out = ffi.new("crm_ruleset **")
        call(lib.crm_ruleset_load_dmn, out, data, len(data))
        rules = cls(out[0])
        text = ffi.new("char **")
        call(lib.crm_dmn_to_rule_set_json, text, ffi.NULL, data, len(data))
        rules._source = (take_str(text[0]).encode("utf-8"), None)  # pickled as the rule set it became
        return rules

    @classmethod
    def load_file(cls, path: str | os.PathLike[str], *, limits: Limits | None = None) -> RuleSet:
        """The rule set in the file at path (IoError when it cannot be read), within
        limits (None: the defaults)."""
        data = os.fsencode(path)
        out = ffi.new("crm_ruleset **")
        call(lib.crm_ruleset_load_file_limited, out, data, len(data), _limits(limits))
        rules = cls(out[0])
        with open(path, "rb") as f:  # kept for pickling: a worker gets the text, not the path
            rules._source = (f.read(), limits)
        return rules

    def __reduce__(self) -> Any:
        """Pickled as the text it was loaded from (the built-in rules by name), so that
        Dask and multiprocessing ship a rule set to their workers, which load it again."""
        builtin_module = sys.modules[__package__ + ".builtin"]  # (crmrules.builtin is the function)
        if self is builtin_module._rules:
            return (builtin_module.builtin, ())
        if self._source is None:
            raise TypeError("this rule set was not loaded from text (RuleSet.load or load_file): it cannot be pickled")
        text, limits = self._source
        return (_load_for_pickle, (text, limits))

    @property
    def name(self) -> str:
        return self._name

    @property
    def version(self) -> str:
        return self._version

    @property
    def inputs(self) -> list[str]:
        """The input fields' names, in the schema's order."""
        return list(self._inputs)

    @property
    def outputs(self) -> list[str]:
        """The outputs' names, in the order evaluate() returns them."""
        return list(self._outputs)

    @property
    def input_types(self) -> dict[str, str]:
        """Each input's type: "decimal", "integer", "bool", "string", "enum", "grade" or "date"."""
        return dict(self._input_types)

    @property
    def output_kinds(self) -> dict[str, str | None]:
        """Each output's kind when known at load ("decimal", "string", "bool", "date", or
        "list" for a multi-hit table); None where it varies or depends on the inputs."""
        return dict(self._output_kinds)

    def __repr__(self) -> str:
        return f"<crmrules.RuleSet {self._name!r} version {self._version!r}>"

    # ---- one record at a time ---------------------------------------------------------

    @property
    def ignores_unknown_inputs(self) -> bool:
        """Whether a key that is not an input is left out rather than refused, unless a
        call says otherwise (the rule set's "unknown_inputs": "ignore"; default: refused)."""
        return self._ignores_unknown

    def _ignore_unknown(self, ignore_unknown: bool | None, strict: bool | None) -> bool:
        if ignore_unknown is not None and strict is not None and ignore_unknown == strict:
            raise ValueError("ignore_unknown and strict contradict each other")
        if ignore_unknown is not None:
            return bool(ignore_unknown)
        if strict is not None:
            return not strict
        return self._ignores_unknown

    def evaluate(self, inputs: Mapping[str, Any], trace: bool = False, *, ignore_unknown: bool | None = None,
                 strict: bool | None = None) -> Record | tuple[Record, list[Record]]:
        """The outputs for inputs (field name -> value), as a dict in output order. A key
        that is not an input is refused (UnknownName, with "did you mean") or left out, as
        the rule set's "unknown_inputs" says (ignores_unknown_inputs), or as this call says:
        ignore_unknown=True leaves it out, False refuses it (strict=True is the same as
        ignore_unknown=False). numpy and pandas scalars are their values.

        With trace=True, (outputs, trace): the trace is the library's account of why, a
        list with one dict per decision in evaluation order (rows tried, factors and their
        points, reason codes, outputs), its numbers as Decimals.

        All or nothing: when a decision fails, its error is raised and no output is
        returned (the library nulls every output of a record whose evaluation failed)."""
        if not isinstance(inputs, Mapping):
            raise TypeError(f"inputs must be a mapping of field names to values, not {type(inputs).__name__}")
        scratch = self._scratch()
        record = scratch.record
        call(lib.crm_record_clear, record)
        known = self._input_names
        ignore = self._ignore_unknown(ignore_unknown, strict)
        for name, value in inputs.items():
            if not ignore or name in known:
                self._set(scratch, self._input_slot(name), name, value)
        trace_list = None
        if trace:
            trace_list = self._evaluate_traced(record)
        else:
            call(lib.crm_ruleset_evaluate, self._rules, record)
        outputs = {name: self._output(scratch, i) for i, name in enumerate(self._outputs)}
        return (outputs, trace_list) if trace else outputs

    def _scratch(self) -> _Scratch:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = _Scratch(self._rules)
        return scratch

    def _input_slot(self, name: str) -> int:
        slot = self._input_slots.get(name)
        if slot is not None:
            return slot
        if not isinstance(name, str):
            raise TypeError(f"input names are str, not {type(name).__name__} ({name!r})")
        # The library's own error (UnknownName) for a name it does not know.
        data = _utf8(name)
        out = ffi.new("size_t *")
        try:
            call(lib.crm_ruleset_input_index, out, self._rules, data, len(data))
        except CrmError as error:
            raise _locate(error, name) from None
        return out[0]

    def _set(self, scratch: _Scratch, slot: int, name: str, value: Any) -> None:
        record = scratch.record
        value = _plain(value)
        try:
            if value is None:
                call(lib.crm_record_set_null, record, slot)
            elif isinstance(value, bool):  # before int: True is an int
                call(lib.crm_record_set_bool, record, slot, 1 if value else 0)
            elif isinstance(value, (Decimal, numbers.Integral)):
                text = _decimal_text(value, name).encode("ascii")
                call(lib.crm_decimal_parse, scratch.decimal, text, len(text))
                call(lib.crm_record_set_decimal, record, slot, scratch.decimal)
            elif isinstance(value, str):
                data = _utf8(value)
                call(lib.crm_record_set_string, record, slot, data, len(data))
            elif (text := _temporal_text(value, self._input_types.get(name))) is not None:
                data = text.encode("ascii")
                call(lib.crm_record_set_string, record, slot, data, len(data))
            elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
                data = value.isoformat().encode("ascii")
                call(lib.crm_record_set_string, record, slot, data, len(data))
            elif isinstance(value, (list, tuple)):  # a list field's value, as a JSON array
                data = _list_json(value, name).encode("utf-8")
                call(lib.crm_record_set_json, record, slot, data, len(data))
            else:
                raise _unsupported(value, name)
        except CrmError as error:
            raise _locate(error, name) from None

    def _output(self, scratch: _Scratch, index: int) -> Any:
        record = scratch.record
        call(lib.crm_record_output_kind, scratch.kind, record, index)
        kind = scratch.kind[0]
        if kind == lib.CRM_VALUE_DECIMAL:
            call(lib.crm_record_output_decimal, scratch.decimal, record, index)
            call(lib.crm_decimal_format, scratch.buffer, _DECIMAL_BUFFER, scratch.length, scratch.decimal)
            return Decimal(ffi.unpack(scratch.buffer, scratch.length[0]).decode("ascii"))
        if kind == lib.CRM_VALUE_STRING:
            call(lib.crm_record_output_string, scratch.text, scratch.length, record, index)
            return ffi.unpack(scratch.text[0], scratch.length[0]).decode("utf-8")
        if kind == lib.CRM_VALUE_BOOL:
            call(lib.crm_record_output_bool, scratch.flag, record, index)
            return bool(scratch.flag[0])
        if kind == lib.CRM_VALUE_DATE:
            call(lib.crm_record_output_date, scratch.date, record, index)
            return datetime.date(scratch.date.year, scratch.date.month, scratch.date.day)
        if kind == lib.CRM_VALUE_LIST:
            call(lib.crm_record_output_json, scratch.json, scratch.length, record, index)
            return _loads(_take(scratch.json[0], scratch.length[0]))
        if _VALUE_KINDS[kind] in _TEMPORAL:
            call(lib.crm_record_output_iso8601, scratch.json, scratch.length, record, index)
            return temporal.from_text(_VALUE_KINDS[kind], _take(scratch.json[0], scratch.length[0]))
        return None

    def _evaluate_traced(self, record: Any) -> list[dict[str, Any]]:
        out = ffi.new("char **")
        length = ffi.new("size_t *")
        call(lib.crm_ruleset_evaluate_traced, out, length, self._rules, record)
        return _loads(_take(out[0], length[0]))

    # ---- many records at once ---------------------------------------------------------

    def evaluate_many(self, rows: Rows, errors: str = "raise", *, floats: str = "error", decimals: str = "decimal",
                      strings: str = "object", strict: bool | None = None, ignore_unknown: bool | None = None,
                      threads: int = 0) -> list[Record | RowError] | pandas.DataFrame:
        """The outputs of many rows in one call into the library.

        rows is a list (any iterable) of dicts, a dict of columns (name -> list, all of
        one length) or a pandas DataFrame. A list or a dict of columns gives a list of
        output dicts, one per row; a DataFrame gives a DataFrame of the output columns
        with the same index, through the columnar path (crmrules.frame: whole columns in
        and out, the rows on the library's threads). Outputs that are always dates
        (crm_ruleset_output_kind) come back as datetime.date, lists as lists.

            out = rules.evaluate_many(pandas.read_csv("customers.csv"), floats="shortest")

        errors="raise" (the default) raises the first failing row's exception, its
        message starting with "row N" (and the DataFrame's index label) and its row
        attribute N. errors="collect" puts a RowError in place of a failing row's outputs
        (in a DataFrame, an "error" column: None, or the RowError; the outputs of a
        failing row are None, all of them); when every row fails, the first raises.
        A list of dicts treats a key that is not an input as evaluate() does (the rule
        set's "unknown_inputs", or ignore_unknown / strict); a DataFrame or a dict of
        columns is a table and ignores columns that are not inputs (an id, a name) unless
        strict=True or ignore_unknown=False.
        DataFrames only: floats ("error": a float column raises once, naming it;
        "shortest": the shortest text that gives the float back; "reject": each float
        fails its row), decimals ("decimal": Decimal objects; "float": float64 columns;
        "str": their exact text), strings ("object": str; "category": categoricals;
        "string": pandas' string dtype) and threads (0: the library's choice). In a list of
        dicts, a value refused before the call (a float, NaN, a decimal out of range)
        fails its row with the error evaluate() gives for it."""
        if errors not in ("raise", "collect"):
            raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
        frame = _dataframe(rows)
        table = frame is not None or isinstance(rows, Mapping)
        ignore = self._ignore_unknown(ignore_unknown, strict) if not table else (
            ignore_unknown is not False and strict is not True)
        if frame is not None:
            from .frame import evaluate_frame

            return evaluate_frame(self, frame, floats=floats, decimals=decimals, strings=strings, strict=not ignore,
                                  errors=errors, threads=threads)
        if isinstance(rows, Mapping):
            rows = _rows_from_columns(rows)
        elif isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
            raise TypeError(f"rows must be a list of dicts, a dict of columns or a DataFrame, not {type(rows).__name__}")
        elif not isinstance(rows, list):
            rows = list(rows)

        if ignore:  # keys that are not inputs are left out before the call
            inputs = set(self.inputs)
            rows = [{k: v for k, v in row.items() if k in inputs} if isinstance(row, Mapping) else row for row in rows]
        # A row Python cannot send exactly (a float, say) fails alone: the library gets null.
        results: list[Any] = [None] * len(rows)
        parts = []
        for i, row in enumerate(rows):
            try:
                parts.append(_row_json(row, self._input_types))
            except CrmError as error:  # TypeMismatch, OutOfRange, or the library's own for a decimal
                results[i] = RowError(i, error.code, error.message, error.pointer or "")
                parts.append("null")
        data = ("[" + ", ".join(parts) + "]").encode("utf-8", "surrogatepass")
        out = ffi.new("char **")
        length = ffi.new("size_t *")
        call(lib.crm_ruleset_evaluate_json_batch, out, length, self._rules, data, len(data))
        answers = _loads(_take(out[0], length[0]))

        for i, answer in enumerate(answers):
            if results[i] is not None:
                continue
            problem = answer.get("error")
            if isinstance(problem, dict):  # an output is never an object
                results[i] = RowError(i, problem["code"], problem["message"], _row_pointer(problem["pointer"], i))
            else:
                for name, kind in self._text_outputs.items():
                    if isinstance(answer.get(name), str):
                        answer[name] = temporal.from_text(kind, answer[name])
                results[i] = answer
        failed = [r for r in results if isinstance(r, RowError)]
        if failed and (errors == "raise" or len(failed) == len(results)):
            raise failed[0].exception()
        return results

    # ---- the rule set's own tests -----------------------------------------------------

    def run_tests(self) -> TestReport:
        """Runs the test cases the rule set carries: a TestReport (failing cases do not
        raise; check report.ok or report.failed)."""
        out = ffi.new("char **")
        length = ffi.new("size_t *")
        failures = ffi.new("size_t *")
        call(lib.crm_ruleset_run_tests, out, length, failures, self._rules)
        report = _loads(_take(out[0], length[0]))
        coverage = report.get("coverage", {})
        cases = [
            {"name": case["name"], "passed": bool(case["passed"]), "diff": case.get("diff", "")}
            for case in report["cases"]
        ]
        return TestReport(
            passed=int(report["passed"]),
            failed=int(failures[0]),
            cases=cases,
            coverage=coverage.get("percent", Decimal(100)),
            covered=int(coverage.get("covered", 0)),
            total=int(coverage.get("total", 0)),
            not_covered=list(coverage.get("not_covered", [])),
        )

    # ---- introspection helpers --------------------------------------------------------

    def _borrowed(self, fn: Any) -> str:
        out = ffi.new("const char **")
        call(fn, out, self._rules)
        return ffi.string(out[0]).decode("utf-8")

    def _names(self, count_fn: Any, name_fn: Any) -> tuple[str, ...]:
        count = ffi.new("size_t *")
        call(count_fn, count, self._rules)
        out = ffi.new("const char **")
        names = []
        for i in range(count[0]):
            call(name_fn, out, self._rules, i)
            names.append(ffi.string(out[0]).decode("utf-8"))
        return tuple(names)


# ---- conversions ---------------------------------------------------------------------

def _utf8(text: str | bytes) -> bytes:
    """bytes as they are (the library checks them), str as UTF-8; a lone surrogate
    reaches the library's UTF-8 check like any bad byte."""
    if isinstance(text, bytes):
        return text
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    raise TypeError(f"expected str or bytes, not {type(text).__name__}")


def _take(pointer: Any, length: int) -> str:
    """A string of length bytes the library handed over, which this frees."""
    try:
        return ffi.unpack(pointer, length).decode("utf-8")
    finally:
        lib.crm_string_free(pointer)


def _loads(text: str) -> Any:
    """JSON from the library, its numbers exact: Decimal, never float."""
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


def _status(code: str) -> int:
    for status, name in ffi.typeof("crm_status").elements.items():
        if name.removeprefix("CRM_E_").lower() == code:
            return status
    return 0


def _pointer(name: str) -> str:
    """The JSON pointer of a member of the inputs object (RFC 6901 escapes)."""
    return "/" + str(name).replace("~", "~0").replace("/", "~1")


def _locate(error: CrmError, name: str) -> CrmError:
    """error, with the input's pointer when the library gave none."""
    if error.pointer is None:
        error.pointer = _pointer(name)
    return error


def _plain(value: Any) -> Any:
    """numpy and pandas scalars as the Python values they stand for (pd.NA -> None)."""
    module = type(value).__module__
    if module.startswith(("numpy", "pandas")):
        if type(value).__name__ in ("NAType", "NaTType"):
            return None
        if module.startswith("numpy") and hasattr(value, "item"):
            return value.item()  # np.int64 -> int, np.bool_ -> bool, np.float64 -> float
    return value


def _unsupported(value: Any, name: str) -> TypeMismatch:
    kind = type(value).__name__
    if isinstance(value, float):
        hint = ": binary floating point is inexact, pass a decimal.Decimal, an int or a str"
    elif isinstance(value, datetime.datetime):
        hint = ": pass a datetime.date (a date has no time of day)"
    else:
        hint = ": pass a decimal.Decimal, int, str, bool, datetime.date, a list or None"
    return _mismatch(f"input '{name}' is a {kind} ({value!r}){hint}", name)


def _list_json(values: list[Any] | tuple[Any, ...], name: str) -> str:
    """A list input as a JSON array: decimals and ints exact, dates as "YYYY-MM-DD",
    nested lists as arrays; any other element raises TypeMismatch naming its index."""
    parts = []
    for i, value in enumerate(values):
        value = _plain(value)
        if value is None or isinstance(value, (bool, str)):
            parts.append(json.dumps(value, ensure_ascii=False))
        elif isinstance(value, (Decimal, numbers.Integral)):
            parts.append(_decimal_text(value, name))
        elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            parts.append(json.dumps(value.isoformat()))
        elif isinstance(value, (list, tuple)):
            parts.append(_list_json(value, name))
        else:
            error = _unsupported(value, name)
            error.pointer = f"{_pointer(name)}/{i}"
            raise error
    return "[" + ", ".join(parts) + "]"


def _mismatch(message: str, name: str) -> TypeMismatch:
    return TypeMismatch(message, code="type_mismatch", status=lib.CRM_E_TYPE_MISMATCH, pointer=_pointer(name))


def _decimal_text(value: Decimal | numbers.Integral, name: str) -> str:
    """The exact text of a Decimal or an int, short whatever its exponent: Decimal's own
    (1E+999999999, never a billion digits). NaN, sNaN and the infinities raise OutOfRange."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise OutOfRange(
                f"input '{name}' is {value!r}, not a finite number",
                code="out_of_range",
                status=lib.CRM_E_OUT_OF_RANGE,
                pointer=_pointer(name),
            )
        return str(value)
    number = int(value)
    if -_LARGE_INT < number < _LARGE_INT:
        return str(number)
    # Far out of range: its trailing zeros as an exponent (10**5000 is "1E+5000"), and
    # no str(int), which Python refuses past 4300 digits.
    sign, digits, exponent = Decimal(number).as_tuple()
    kept = len(digits)
    while kept > 1 and digits[kept - 1] == 0:
        kept -= 1
    return str(Decimal((sign, digits[:kept], exponent + len(digits) - kept)))


def _json_decimal(value: Decimal | numbers.Integral, name: str) -> str:
    """value as a JSON number in plain notation. The library reads a JSON number from its
    text, so every digit and the scale arrive (71.00 stays 71.00), as in evaluate().

    Plain notation is as long as the exponent is large (Decimal("1E+999999999") has a
    billion digits), so a number whose exponent is outside the library's range is read by
    the library first, from its short text, as evaluate() reads it: out of range, the
    same error; in range (0E-999999999, or trailing zeros past 18 digits), the library's
    own text of it."""
    text = _decimal_text(value, name)
    if not isinstance(value, Decimal):
        return text if -_LARGE_INT < int(value) < _LARGE_INT else _library_decimal(text, name)
    if value.as_tuple().exponent >= -_MAX_SCALE and value.adjusted() < _MAX_INTEGER_DIGITS:
        return format(value, "f")  # at most its digits and 20 more
    return _library_decimal(text, name)


def _library_decimal(text: str, name: str) -> str:
    """text read and written back by the library (crm_decimal_parse, crm_decimal_format):
    a short plain text, or the library's error with the input's pointer."""
    data = text.encode("ascii")
    decimal = ffi.new("crm_decimal *")
    try:
        call(lib.crm_decimal_parse, decimal, data, len(data))
    except CrmError as error:
        raise _locate(error, name) from None
    buffer = ffi.new("char[]", _DECIMAL_BUFFER)
    length = ffi.new("size_t *")
    call(lib.crm_decimal_format, buffer, _DECIMAL_BUFFER, length, decimal)
    return ffi.unpack(buffer, length[0]).decode("ascii")


def _temporal_text(value: Any, field_type: str | None) -> str | None:
    """A datetime.time, datetime.datetime, datetime.timedelta or MonthsDuration given for a
    time, date_time, days_duration or months_duration field, as ISO text (the library
    checks the kind and names the field); None otherwise."""
    if field_type not in _TEMPORAL:
        return None
    return temporal.to_text(value)


def _row_json(row: Any, types: Mapping[str, str] | None = None) -> str:
    """One row of evaluate_many as a JSON object; values Python cannot send exactly raise
    TypeMismatch (or OutOfRange, a ValueError, for NaN and infinities)."""
    if not isinstance(row, Mapping):
        raise TypeMismatch(
            f"a row is a dict of inputs, not {type(row).__name__}",
            code="type_mismatch",
            status=lib.CRM_E_TYPE_MISMATCH,
        )
    members = []
    for name, value in row.items():
        if not isinstance(name, str):
            raise _mismatch(f"input names are str, not {type(name).__name__} ({name!r})", str(name))
        value = _plain(value)
        if value is None:
            encoded = "null"
        elif isinstance(value, bool):
            encoded = "true" if value else "false"
        elif isinstance(value, (Decimal, numbers.Integral)):
            encoded = _json_decimal(value, name)
        elif isinstance(value, str):
            encoded = json.dumps(value, ensure_ascii=False)
        elif (text := _temporal_text(value, types.get(name) if types else None)) is not None:
            encoded = '"' + text + '"'
        elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            encoded = '"' + value.isoformat() + '"'
        else:
            raise _unsupported(value, name)
        members.append(json.dumps(name, ensure_ascii=False) + ": " + encoded)
    return "{" + ", ".join(members) + "}"


def _row_pointer(pointer: str, row: int) -> str:
    """A pointer into the batch ("/3/purchases") as a pointer into row 3 ("/purchases")."""
    prefix = f"/{row}"
    if pointer == prefix:
        return ""
    if pointer.startswith(prefix + "/"):
        return pointer[len(prefix) :]
    return pointer


def _rows_from_columns(columns: Mapping[str, Any]) -> list[dict[str, Any]]:
    lists = {}
    for name, values in columns.items():
        if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
            raise TypeError(
                f"a dict of columns maps each input name to a list of values, and {name!r} maps to a "
                f"{type(values).__name__}: for a single row, call evaluate(row) or pass [row]"
            )
        lists[name] = list(values)
    lengths = {len(values) for values in lists.values()}
    if len(lengths) > 1:
        sizes = ", ".join(f"{name}: {len(values)}" for name, values in lists.items())
        raise ValueError(f"the columns differ in length ({sizes})")
    count = lengths.pop() if lengths else 0
    names = list(lists)
    return [{name: lists[name][i] for name in names} for i in range(count)]


def _dataframe(rows: Any) -> Any:
    """rows when it is a pandas DataFrame (pandas is imported only for one)."""
    if not type(rows).__module__.startswith("pandas"):
        return None
    try:
        import pandas
    except ImportError:  # pragma: no cover - a pandas object without pandas
        return None
    return rows if isinstance(rows, pandas.DataFrame) else None


def _load_for_pickle(text: bytes, limits: Any) -> RuleSet:
    return RuleSet.load(text, limits=limits)
