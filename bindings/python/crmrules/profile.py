"""Profile completeness (the deck's 档案管理): the profile's groups and fields as a schema
(rules/profile.json: 基础资料, 客户特征, 业绩分析, 交易现状, 满意程度, 频期分析, 专人负责), a
completeness score per customer, overall and per group, the missing fields, and a warning
when no one owns the profile (专人负责).

    import crmrules

    report = crmrules.profile.assess([{"id": "HW", "名称": "华为", "address": "深圳", "owner": "张三"},
                                      {"id": "HQ", "名称": "华强工贸"}])   # or a DataFrame, a path, CSV text
    report.customers[0].completeness              # Decimal('5.24'): of 100
    report.customers[0].groups["basic"]           # Decimal('16.67'): 2 of 12 fields of 基础资料
    report.customers[1].has_owner, report.without_owner   # False, 1: a warning
    report.frame()                                # a DataFrame: one row per customer
    report.to_csv("en"), report.to_json()         # what crmrules profile writes
    crmrules.profile.builtin_json()               # the schema, to copy and change

Fields are named by their id or their Chinese name (名称 or name). A value is filled when
it holds something besides spaces. The schema's weights are rules data (every field and
group 1 in the built-in one: the project's defaults); a rule set with a "profile" section
replaces the built-in schema (rules=...).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._ffi import c_str, call, ffi, lib, take_str
from .arith import _to_python
from .text import _lang

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .ruleset import RuleSet

__all__ = ["ProfileResult", "ProfileReport", "assess", "builtin_json"]


@dataclass(frozen=True)
class ProfileResult:
    """One customer: its id and owner, completeness 0..100 overall and per group id, how
    many fields are missing, and whether someone owns the profile."""

    id: str
    owner: str
    completeness: Decimal
    missing: int
    has_owner: bool
    groups: dict[str, Decimal] = field(default_factory=dict)


class ProfileReport:
    """Every customer assessed (assess())."""

    def __init__(self, handle: Any) -> None:
        self._handle = ffi.gc(handle, lib.crm_profile_report_free)
        customers, without, groups = ffi.new("size_t *"), ffi.new("size_t *"), ffi.new("size_t *")
        call(lib.crm_profile_report_size, customers, without, groups, self._handle)
        self.without_owner: int = without[0]
        self.customers: list[ProfileResult] = [self._customer(i, groups[0]) for i in range(customers[0])]

    def _customer(self, index: int, groups: int) -> ProfileResult:
        ident, owner = ffi.new("char **"), ffi.new("char **")
        completeness = ffi.new("crm_decimal *")
        missing = ffi.new("size_t *")
        has_owner = ffi.new("int *")
        call(lib.crm_profile_report_customer, ident, owner, completeness, missing, has_owner, self._handle, index)
        per = {}
        group_id = ffi.new("char **")
        for g in range(groups):
            call(lib.crm_profile_report_group, group_id, ffi.NULL, ffi.NULL, completeness, ffi.NULL, self._handle,
                 index, g)
            per[c_str(group_id[0])] = _to_python(completeness)
        call(lib.crm_profile_report_customer, ffi.NULL, ffi.NULL, completeness, ffi.NULL, ffi.NULL, self._handle,
             index)
        return ProfileResult(c_str(ident[0]), c_str(owner[0]), _to_python(completeness), missing[0],
                             bool(has_owner[0]), per)

    def __len__(self) -> int:
        return len(self.customers)

    def _text(self, json_out: bool, lang: str) -> str:
        out = ffi.new("char **")
        call(lib.crm_profile_report_text, out, ffi.NULL, self._handle, 1 if json_out else 0, _lang(lang))
        return take_str(out[0])

    def to_csv(self, lang: str = "zh") -> str:
        """The CSV crmrules profile writes: id, owner, completeness, one column per group,
        the missing fields' names and the warnings, in lang."""
        return self._text(False, lang)

    def to_json(self) -> str:
        """The JSON array crmrules profile --format json writes."""
        return self._text(True, "zh")

    def frame(self) -> pandas.DataFrame:
        """One row per customer (index: the position): id, owner, has_owner, completeness,
        missing, and one column per group."""
        import pandas

        return pandas.DataFrame([{"id": c.id, "owner": c.owner, "has_owner": c.has_owner,
                                  "completeness": c.completeness, "missing": c.missing, **c.groups}
                                 for c in self.customers])


def _cell(value: Any) -> Any:
    """A value for JSON Lines: None and NaN as null, Decimal and numbers as their text."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (bool, str, list, dict)):
        return value
    return str(value)


def _jsonl(rows: Iterable[Mapping[str, Any]]) -> bytes:
    return "".join(json.dumps({str(k): _cell(v) for k, v in row.items()}, ensure_ascii=False) + "\n"
                   for row in rows).encode("utf-8", "surrogatepass")


def _input(data: Any) -> tuple[bytes, int]:
    """The text and format (CRM_PROFILE_CSV or _JSONL) for data: a DataFrame, a list of
    dicts, a path (.jsonl/.ndjson: JSON Lines) or text (JSON Lines when it starts with '{')."""
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        return _jsonl(data.to_dict("records")), lib.CRM_PROFILE_JSONL
    if isinstance(data, os.PathLike) or (isinstance(data, str) and "\n" not in data):
        path = os.fspath(data)
        with open(path, "rb") as f:
            text = f.read()
        jsonl = path.endswith((".jsonl", ".ndjson"))
        return text, lib.CRM_PROFILE_JSONL if jsonl else lib.CRM_PROFILE_CSV
    if isinstance(data, str):
        jsonl = data.lstrip().startswith("{")
        return data.encode("utf-8", "surrogatepass"), lib.CRM_PROFILE_JSONL if jsonl else lib.CRM_PROFILE_CSV
    if isinstance(data, Mapping):
        raise TypeError("give a list of profiles (dicts), a DataFrame, a path or CSV / JSON Lines text")
    return _jsonl(data), lib.CRM_PROFILE_JSONL


def assess(data: Any, rules: RuleSet | None = None) -> ProfileReport:
    """Assesses every profile in data (a list of dicts, a pandas DataFrame, a path to a
    .csv or .jsonl file, or CSV or JSON Lines text) against rules' "profile" section (None:
    the built-in schema). A bad line raises the library's error with its line and column
    (for a list or a DataFrame, row i is line i + 1); nothing is assessed then."""
    text, form = _input(data)
    out = ffi.new("crm_profile_report **")
    call(lib.crm_profile_assess, out, text, len(text), form, ffi.NULL if rules is None else rules._rules)
    return ProfileReport(out[0])


def builtin_json() -> str:
    """The built-in profile rule set (rules/profile.json), to copy and change."""
    out = ffi.new("char **")
    length = ffi.new("size_t *")
    call(lib.crm_profile_builtin_json, out, length)
    return ffi.string(out[0], length[0]).decode("utf-8")
