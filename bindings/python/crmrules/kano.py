"""Kano analysis from Python: survey answers in, categories, coefficients and advice out.

    import crmrules

    survey = crmrules.KanoSurvey()                       # the standard evaluation table
    survey.add("r1", "Free delivery", "Like", "Dislike")   # 1..5, English or Chinese labels
    survey.add("r2", "Free delivery", 4, 5, segment="gold", wave="2024")
    survey.add_many(rows)          # tuples (respondent, attribute, functional, dysfunctional
                                   # [, segment[, wave]]) or a pandas DataFrame
    survey.add_csv(text, by="grade", wave="survey")      # CSV text (or read_csv(path))
    analysis = survey.analyze()
    analysis.results[0].category   # 'O'; .better Decimal('0.5676'), .significant, ...
    analysis.priorities            # M first, then O, A, I, with the deck's advice
    analysis.differences, analysis.drifts, analysis.issues
    analysis.to_json(), analysis.to_csv(), analysis.to_svg()
    analysis.to_dataframe()        # when pandas is installed

    crmrules.analyze_kano(rows)    # the same in one call

Settings (docs/kano.md, docs/rule-sets.md "Kano analysis"): a dict such as
{"weak_threshold": "0.1", "rounding": "half_even"}, the JSON text of one, or the JSON
text of a whole rule set with a "kano" key; read_settings(path) reads a file.

Bad pairs: add() raises the library's exception (OutOfRange for an answer outside 1..5
or an unknown label, Missing for a pair with one answer only) with the line; add_many()
and add_csv() skip bad rows and keep them, with their line, in analysis.issues.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._types import Rows
from ._ffi import call, ffi, lib, take_str
from .errors import CrmError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "KanoSurvey",
    "KanoAnalysis",
    "KanoResult",
    "KanoPriority",
    "KanoDifference",
    "KanoDrift",
    "KanoIssue",
    "analyze_kano",
]

_LETTERS = "AOMIRQ"
_DIRECTIONS = ("along", "against", "other")


def _utf8(text: Any, what: str) -> bytes:
    if text is None:
        return b""
    if isinstance(text, bytes):
        return text
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    if isinstance(text, bool):
        raise TypeError(f"{what} must be text or a number, not bool")
    if isinstance(text, int):  # answers 1..5, numeric respondent ids
        return str(text).encode("ascii")
    raise TypeError(f"{what} must be text (or an int), not {type(text).__name__}")


def _settings_text(settings: Any) -> bytes:
    if settings is None:
        return b""
    if isinstance(settings, dict):
        return json.dumps(settings, default=str).encode("utf-8")
    if isinstance(settings, (str, bytes)):
        return _utf8(settings, "settings")
    raise TypeError(f"settings must be a dict or JSON text, not {type(settings).__name__}")


def read_settings(path: str | os.PathLike[str]) -> str:
    """The text of a settings or rule-set file, for KanoSurvey(settings=...)."""
    with open(path, encoding="utf-8") as f:
        return f.read()


def _decimal(d: Any) -> Decimal:
    buffer = ffi.new("char[]", 64)
    length = ffi.new("size_t *")
    call(lib.crm_decimal_format, buffer, 64, length, d)
    return Decimal(ffi.unpack(buffer, length[0]).decode("ascii"))


def _str(pointer: Any) -> str | None:
    return None if pointer == ffi.NULL else ffi.string(pointer).decode("utf-8")


def _limit(value: Any, name: str) -> int:
    """A CSV limit for crm_kano_csv_options: None is 0, the default; else a positive int."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, not {value}")
    return value


def _sized(ctype: str) -> Any:
    """A new zero-filled struct whose size member says how large it is, as the header's
    CRM_..._INIT macro makes it (the C ABI fills only what fits in size)."""
    out = ffi.new(ctype + " *")
    out.size = ffi.sizeof(ctype)
    return out


@dataclass(frozen=True)
class KanoResult:
    """One attribute within one segment (None: all respondents) and one wave ("" when the
    survey has none). counts maps "A", "O", "M", "I", "R", "Q" to numbers; mode is the most
    frequent category, category the one the M > O > A > I rule gives. Decimals are rounded
    as the settings state (default: 4 places, half-up); better and worse are None when
    A + O + M + I is 0."""

    attribute: str
    segment: str | None
    wave: str
    counts: dict[str, int]
    n: int
    mode: str
    category: str
    rule_applied: bool
    fong_first: str
    fong_second: str
    fong_difference: int
    fong_threshold: Decimal
    significant: bool
    better: Decimal | None
    worse: Decimal | None
    total_strength: Decimal
    category_strength: Decimal


@dataclass(frozen=True)
class KanoPriority:
    """An attribute's place in the action list (all respondents, the last wave)."""

    rank: int
    attribute: str
    category: str
    advice: str
    result: KanoResult


@dataclass(frozen=True)
class KanoDifference:
    """An attribute that segments classify differently within one wave."""

    attribute: str
    wave: str
    results: list[KanoResult]


@dataclass(frozen=True)
class KanoDrift:
    """An attribute whose category moved between waves: direction is "along" A -> O -> M,
    "against" it, or "other" (to or from I, R or Q); before and after are both waves'
    figures."""

    attribute: str
    segment: str | None
    from_wave: str
    to_wave: str
    before: KanoResult
    after: KanoResult
    direction: str


@dataclass(frozen=True)
class KanoIssue:
    """A skipped pair or row (line and column from 1; 0 when unknown), or an attribute left
    without valid answers. code is the library's error code ("out_of_range", "missing")."""

    line: int
    column: int
    code: str
    message: str


class KanoAnalysis:
    """The analysis of a survey: typed results and the JSON, CSV and SVG forms."""

    __slots__ = ("_handle", "results", "priorities", "differences", "drifts", "issues")

    def __init__(self, handle: Any) -> None:
        self._handle = ffi.gc(handle, lib.crm_kano_analysis_free)
        self.results: list[KanoResult] = [self._result(i) for i in range(self._count(lib.crm_kano_analysis_result_count))]
        self.priorities: list[KanoPriority] = []
        p = _sized("crm_kano_priority")
        for i in range(self._count(lib.crm_kano_analysis_priority_count)):
            call(lib.crm_kano_analysis_priority, p, self._handle, i)
            self.priorities.append(
                KanoPriority(p.rank, _str(p.attribute) or "", _LETTERS[p.category], _str(p.advice) or "", self.results[p.result])
            )
        self.differences: list[KanoDifference] = []
        d = _sized("crm_kano_difference")
        for i in range(self._count(lib.crm_kano_analysis_difference_count)):
            call(lib.crm_kano_analysis_difference, d, self._handle, i)
            self.differences.append(
                KanoDifference(_str(d.attribute) or "", _str(d.wave) or "", [self.results[d.results[k]] for k in range(d.result_count)])
            )
        self.drifts: list[KanoDrift] = []
        t = _sized("crm_kano_drift")
        for i in range(self._count(lib.crm_kano_analysis_drift_count)):
            call(lib.crm_kano_analysis_drift, t, self._handle, i)
            self.drifts.append(
                KanoDrift(
                    _str(t.attribute) or "",
                    _str(t.segment),
                    _str(t.from_wave) or "",
                    _str(t.to_wave) or "",
                    self.results[t.from_result],
                    self.results[t.to_result],
                    _DIRECTIONS[t.direction],
                )
            )
        self.issues: list[KanoIssue] = []
        e = _sized("crm_kano_issue")
        for i in range(self._count(lib.crm_kano_analysis_issue_count)):
            call(lib.crm_kano_analysis_issue, e, self._handle, i)
            code = ffi.string(lib.crm_status_name(e.code)).decode("ascii")
            self.issues.append(KanoIssue(e.line, e.column, code, _str(e.message) or ""))

    def _count(self, fn: Any) -> int:
        out = ffi.new("size_t *")
        call(fn, out, self._handle)
        return int(out[0])

    def _result(self, index: int) -> KanoResult:
        r = _sized("crm_kano_result")
        call(lib.crm_kano_analysis_result, r, self._handle, index)
        coefficients = bool(r.has_coefficients)
        return KanoResult(
            attribute=_str(r.attribute) or "",
            segment=_str(r.segment),
            wave=_str(r.wave) or "",
            counts={_LETTERS[k]: int(r.counts[k]) for k in range(6)},
            n=int(r.n),
            mode=_LETTERS[r.mode],
            category=_LETTERS[r.category],
            rule_applied=bool(r.rule_applied),
            fong_first=_LETTERS[r.fong_first],
            fong_second=_LETTERS[r.fong_second],
            fong_difference=int(r.fong_difference),
            fong_threshold=_decimal(ffi.addressof(r, "fong_threshold")),
            significant=bool(r.significant),
            better=_decimal(ffi.addressof(r, "better")) if coefficients else None,
            worse=_decimal(ffi.addressof(r, "worse")) if coefficients else None,
            total_strength=_decimal(ffi.addressof(r, "total_strength")),
            category_strength=_decimal(ffi.addressof(r, "category_strength")),
        )

    def _text(self, fn: Any) -> str:
        out = ffi.new("char **")
        call(fn, out, ffi.NULL, self._handle)
        return take_str(out[0])

    def to_json(self) -> str:
        """Everything, with the settings and the rounding stated (docs/kano.md)."""
        return self._text(lib.crm_kano_analysis_json)

    def as_dict(self) -> dict[str, Any]:
        """to_json() parsed, its numbers as Decimals."""
        return json.loads(self.to_json(), parse_float=Decimal)

    def to_csv(self) -> str:
        """One line per result, a header first."""
        return self._text(lib.crm_kano_analysis_csv)

    def to_svg(self) -> str:
        """The Better / Worse scatter of the last wave, with its four quadrants."""
        return self._text(lib.crm_kano_analysis_svg)

    def to_dataframe(self) -> pandas.DataFrame:
        """The results as a pandas DataFrame (pandas must be installed)."""
        import pandas as pd  # optional dependency

        rows = []
        for r in self.results:
            row = {"wave": r.wave, "segment": r.segment, "attribute": r.attribute, **r.counts, "n": r.n}
            row.update(
                mode=r.mode,
                category=r.category,
                rule_applied=r.rule_applied,
                fong_first=r.fong_first,
                fong_second=r.fong_second,
                fong_difference=r.fong_difference,
                fong_threshold=r.fong_threshold,
                significant=r.significant,
                better=r.better,
                worse=r.worse,
                total_strength=r.total_strength,
                category_strength=r.category_strength,
            )
            rows.append(row)
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        return f"<crmrules.KanoAnalysis {len(self.results)} results, {len(self.issues)} issues>"


class KanoSurvey:
    """Answers collected pair by pair (in any order), analysed as often as you like."""

    __slots__ = ("_handle", "__weakref__")

    def __init__(self, settings: Any = None) -> None:
        data = _settings_text(settings)
        out = ffi.new("crm_kano_survey **")
        call(lib.crm_kano_survey_create, out, data or ffi.NULL, len(data))
        self._handle = ffi.gc(out[0], lib.crm_kano_survey_free)

    def add(
        self,
        respondent: Any,
        attribute: str,
        functional: Any,
        dysfunctional: Any,
        segment: str | None = None,
        wave: Any = None,
        line: int = 0,
    ) -> None:
        """One respondent's answers to one attribute's pair of questions. Raises the
        library's exception for a bad pair (which is also kept among the issues)."""
        self._add(respondent, attribute, functional, dysfunctional, segment, wave, line)

    def _add(self, respondent: Any, attribute: Any, functional: Any, dysfunctional: Any, segment: Any, wave: Any, line: int) -> None:
        parts = [
            _utf8(respondent, "respondent"),
            _utf8(attribute, "attribute"),
            _utf8(functional, "functional"),
            _utf8(dysfunctional, "dysfunctional"),
            _utf8(segment, "segment"),
            _utf8(_plain(wave), "wave"),
        ]
        args = []
        for p in parts:
            args += [p, len(p)]
        call(lib.crm_kano_survey_add, self._handle, *args, line)

    def add_many(self, rows: Rows, *, by: str | None = None, wave: str | None = None) -> int:
        """Adds many pairs; returns how many were accepted. Bad rows are skipped and kept,
        with their position (from 1) as the line, among the analysis's issues.

        rows: tuples (respondent, attribute, functional, dysfunctional[, segment[, wave]]),
        or a pandas DataFrame with the columns respondent, attribute, functional and
        dysfunctional, whose segment and wave come from the columns named by `by` and
        `wave`."""
        if _is_dataframe(rows):
            columns = ["respondent", "attribute", "functional", "dysfunctional"]
            missing = [c for c in columns + [c for c in (by, wave) if c] if c not in rows.columns]
            if missing:
                raise KeyError(f"the DataFrame has no column {missing[0]!r} (it has {list(rows.columns)})")
            data = [rows[c].tolist() for c in columns]
            n = len(rows)
            seg = rows[by].tolist() if by else [None] * n
            wav = rows[wave].tolist() if wave else [None] * n
            tuples: Iterable[Any] = zip(*data, seg, wav)
        else:
            if by is not None or wave is not None:
                raise TypeError("by= and wave= name DataFrame columns; tuples carry segment and wave themselves")
            tuples = rows
        accepted = 0
        for i, row in enumerate(tuples, start=1):
            row = tuple(row)
            if not 4 <= len(row) <= 6:
                raise ValueError(f"row {i}: expected (respondent, attribute, functional, dysfunctional[, segment[, wave]]), got {len(row)} values")
            respondent, attribute, functional, dysfunctional = (_none_if_missing(v) for v in row[:4])
            segment = _none_if_missing(row[4]) if len(row) > 4 else None
            w = _none_if_missing(row[5]) if len(row) > 5 else None
            try:
                self._add(respondent, attribute, functional, dysfunctional, segment, w, i)
                accepted += 1
            except CrmError:
                pass  # kept among the issues, with its line
        return accepted

    def add_csv(self, text: str | bytes, *, by: str | None = None, wave: str | None = None,
                csv_columns: int | None = None, csv_record_bytes: int | None = None) -> None:
        """Adds the pairs of a CSV text (header: respondent, attribute, functional,
        dysfunctional, and the columns named by `by` and `wave`). A missing column, or a
        header of more than csv_columns columns (default 10000), raises and adds nothing;
        bad rows become issues with their line and column. So does a record that cannot be
        read to its end (a quote never closed, more than csv_columns fields or more than
        csv_record_bytes bytes, default 64 MiB): its issue says which lines went with it,
        and reading resumes at the first later line that is a record of the header's
        number of fields."""
        data = _utf8(text, "text")
        seg = _utf8(by, "by")
        wav = _utf8(wave, "wave")
        options = _sized("crm_kano_csv_options")
        options.csv_columns = _limit(csv_columns, "csv_columns")
        options.csv_record_bytes = _limit(csv_record_bytes, "csv_record_bytes")
        # The struct only points to the column names: keep their buffers until the call returns.
        seg_buffer = ffi.new("char[]", seg) if seg else ffi.NULL
        wav_buffer = ffi.new("char[]", wav) if wav else ffi.NULL
        options.segment_column, options.segment_len = seg_buffer, len(seg)
        options.wave_column, options.wave_len = wav_buffer, len(wav)
        call(lib.crm_kano_survey_add_csv, self._handle, data, len(data), options)

    def read_csv(self, path: str | os.PathLike[str], *, by: str | None = None, wave: str | None = None,
                 csv_columns: int | None = None, csv_record_bytes: int | None = None) -> None:
        """add_csv() of the file at path."""
        with open(path, "rb") as f:
            self.add_csv(f.read(), by=by, wave=wave, csv_columns=csv_columns, csv_record_bytes=csv_record_bytes)

    @property
    def pairs(self) -> int:
        """Pairs accepted so far."""
        out = ffi.new("uint64_t *")
        call(lib.crm_kano_survey_pairs, out, self._handle)
        return int(out[0])

    def analyze(self) -> KanoAnalysis:
        """The analysis of every pair added so far."""
        out = ffi.new("crm_kano_analysis **")
        call(lib.crm_kano_survey_analyze, out, self._handle)
        return KanoAnalysis(out[0])

    def __repr__(self) -> str:
        return f"<crmrules.KanoSurvey {self.pairs} pairs>"


def analyze_kano(rows: Rows, settings: Any = None, *, by: str | None = None, wave: str | None = None) -> KanoAnalysis:
    """KanoSurvey(settings), add_many(rows, ...), analyze(), in one call."""
    survey = KanoSurvey(settings)
    survey.add_many(rows, by=by, wave=wave)
    return survey.analyze()


def _is_dataframe(rows: Any) -> bool:
    return type(rows).__name__ == "DataFrame" and hasattr(rows, "columns")


def _none_if_missing(value: Any) -> Any:
    """None for None and NaN (a DataFrame's empty cell)."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if value.is_integer():
            return int(value)  # a numeric column with gaps is float in pandas
    return value


def _plain(value: Any) -> Any:
    """Dates as ISO text for waves."""
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10] if hasattr(value, "hour") else value.isoformat()
    return value
