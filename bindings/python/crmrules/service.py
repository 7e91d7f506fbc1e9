"""Service tickets checked against the service commitments (the deck's "168": reply
within 15 minutes of a call, leave within an hour of a request, first-time fix rate of 90%
or more, a full check and a report at every visit, training at the end, a follow-up
visit after every service).

    import crmrules

    report = crmrules.check_tickets("tickets.csv", by="engineer")   # a path, CSV text,
    report.checked, report.rejected                                  # a list of dicts or a
    report.total["reply_15min"].rate                                 # pandas DataFrame
    report.groups_frame()          # a DataFrame: one row per group and commitment
    report.tickets_frame()         # a DataFrame: one row per ticket, each commitment's status
    for b in report.breaches: print(b["ticket"], b["commitment"], b.get("by"))
    report.to_text("en"), report.to_json(), report.to_svg()

    checker = crmrules.ServiceChecker.builtin()
    text = crmrules.ServiceChecker.builtin_json()                  # copy, change, then
    mine = crmrules.ServiceChecker.from_rule_set(crmrules.RuleSet.load(changed))

A ticket is one row: its id, customer and engineer, ISO 8601 timestamps (called,
replied, requested, departed, arrived, fixed) and yes/no flags (first_time_fix,
full_check, report, training, follow_up); docs/service.md has the rules and the report.
A commitment is met, not met, or missing (the ticket lacks what it needs: never counted
as met); a limit exactly reached is met. A bad row is rejected with its line and column
(report.rejected_rows) and the rest are checked; only an input that cannot be read at all
(no ticket column, a missing file) raises.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ._types import Tickets
from ._ffi import call, ffi, lib, take_str
from ._model import ModelFace
from .ruleset import RuleSet
from .text import Text, _lang, _text

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["ServiceChecker", "ServiceReport", "Tally", "check_tickets"]

_BY = {"customer": 0, "engineer": 1, "month": 2}


@dataclass(frozen=True)
class Tally:
    """One commitment over a group of tickets."""

    commitment: str
    met: int
    not_met: int
    missing: int
    rate: Decimal | None  # met / (met + not_met), 4 places; None when no ticket had the data
    target: Decimal
    met_target: bool


def _tallies(group: Mapping[str, Any]) -> dict[str, Tally]:
    out = {}
    for c in group["commitments"]:
        rate = c.get("rate")
        out[c["id"]] = Tally(c["id"], int(c["met"]), int(c["not_met"]), int(c["missing"]),
                             None if rate is None else Decimal(str(rate)), Decimal(str(c["target"])),
                             bool(c["met_target"]))
    return out


class ServiceReport:
    """The report of one check: counts, tallies per group, breaches and rejected rows."""

    def __init__(self, handle: Any, kept: bool) -> None:
        self._handle = handle
        self._kept = kept
        out = ffi.new("char **")
        call(lib.crm_service_report_json, out, ffi.NULL, handle)
        self._json = take_str(out[0])
        d = json.loads(self._json, parse_float=Decimal)
        self._dict = d
        self.commitments: list[dict[str, Any]] = d["commitments"]
        self.texts: dict[str, Text] = {c["id"]: _text(c.get("text")) for c in d["commitments"]}
        self.checked: int = d["tickets"]["checked"]
        self.rejected: int = d["tickets"]["rejected"]
        self.by: str = d["by"]
        self.total: dict[str, Tally] = _tallies(d["total"])
        self.groups: dict[str, dict[str, Tally]] = {g["key"]: _tallies(g) for g in d["groups"]}
        self.months: dict[str, dict[str, Tally]] = {g["key"]: _tallies(g) for g in d["months"]}
        self.breaches: list[dict[str, Any]] = d["breaches"]
        self.rejected_rows: list[dict[str, Any]] = d["rejected"]
        self.notes: list[str] = d["notes"]

    def to_json(self) -> str:
        """The whole report as the library writes it (docs/service.md)."""
        return self._json

    def to_dict(self) -> dict[str, Any]:
        """to_json() parsed, decimals as Decimal."""
        return json.loads(self._json, parse_float=Decimal)

    def to_text(self, lang: str = "zh") -> str:
        """A readable summary in lang ("zh" or "en")."""
        code = _lang(lang)
        out = ffi.new("char **")
        call(lib.crm_service_report_text, out, ffi.NULL, self._handle, code)
        return take_str(out[0])

    def to_svg(self, lang: str = "zh") -> str:
        """The rates per month against their targets, as an SVG chart."""
        code = _lang(lang)
        out = ffi.new("char **")
        call(lib.crm_service_report_svg, out, ffi.NULL, self._handle, code)
        return take_str(out[0])

    def tickets_csv(self) -> str:
        """One CSV row per ticket with each commitment's status (met, not_met, missing) and,
        for a time limit, the seconds it took and the seconds over its limit when not met
        (<id>_seconds, <id>_over_seconds); the check must have kept them
        (keep_tickets=True, which tickets_frame() asks for)."""
        out = ffi.new("char **")
        call(lib.crm_service_report_tickets_csv, out, ffi.NULL, self._handle)
        return take_str(out[0])

    def tickets_frame(self) -> pandas.DataFrame:
        """tickets_csv() as a pandas DataFrame (statuses as categoricals, seconds as Decimal)."""
        import io

        import pandas

        frame = pandas.read_csv(io.StringIO(self.tickets_csv()), dtype=str, keep_default_na=False)
        frame["line"] = frame["line"].astype("int64")
        for c in self.commitments:
            frame[c["id"]] = pandas.Categorical(frame[c["id"]], categories=["met", "not_met", "missing"])
            if c["kind"] == "within":
                for col in (c["id"] + "_seconds", c["id"] + "_over_seconds"):
                    frame[col] = [Decimal(v) if v else None for v in frame[col]]
        return frame

    def groups_frame(self) -> pandas.DataFrame:
        """A pandas DataFrame with one row per group and commitment: key, commitment, met,
        not_met, missing, rate, target, met_target (the total's rows have key None)."""
        import pandas

        rows = []
        for key, tallies in [(None, self.total), *self.groups.items()]:
            for t in tallies.values():
                rows.append({"key": key, "commitment": t.commitment, "met": t.met, "not_met": t.not_met,
                             "missing": t.missing, "rate": t.rate, "target": t.target, "met_target": t.met_target})
        return pandas.DataFrame(rows)

    def __repr__(self) -> str:
        return f"<crmrules.ServiceReport checked={self.checked} rejected={self.rejected} breaches={len(self.breaches)}>"


def _input(tickets: Any) -> tuple[bytes, bool, str | None]:
    """The tickets as (text, is JSON Lines, path): a path, CSV text, a list of dicts or a
    DataFrame."""
    if isinstance(tickets, os.PathLike) or (isinstance(tickets, str) and "\n" not in tickets):
        path = os.fspath(tickets)
        return b"", path.endswith((".jsonl", ".ndjson")), path
    if isinstance(tickets, str):
        return tickets.encode("utf-8", "surrogatepass"), False, None
    if isinstance(tickets, (bytes, bytearray, memoryview)):
        return bytes(tickets), False, None
    if hasattr(tickets, "to_csv") and hasattr(tickets, "columns"):  # a pandas DataFrame
        if not all(isinstance(c, str) for c in tickets.columns):
            raise TypeError("the DataFrame's column names must be str (the tickets' field names)")
        return tickets.to_csv(index=False).encode("utf-8", "surrogatepass"), False, None
    if isinstance(tickets, Iterable):
        lines = []
        for i, t in enumerate(tickets):
            if not isinstance(t, Mapping):
                raise TypeError(f"ticket {i} is a {type(t).__name__}, not a dict")
            lines.append(json.dumps(t, ensure_ascii=False, default=str))
        return "\n".join(lines).encode("utf-8", "surrogatepass"), True, None
    raise TypeError(f"tickets are a path, CSV text, a list of dicts or a DataFrame, not {type(tickets).__name__}")


class ServiceChecker(ModelFace):
    """Checks tickets against the built-in commitments (builtin()) or a rule set's
    "service" section (from_rule_set()). Immutable: share it between threads."""

    __slots__ = ()
    _c_type = "crm_service_checker"
    _c_prefix = "crm_service_checker"
    _c_builtin_json = "crm_service_builtin_json"

    def only(self, ids: Iterable[str]) -> "ServiceChecker":
        """A checker of only these commitments (their ids, kept in the rules' order);
        UnknownName (with "did you mean") for an id the rules do not define."""
        if isinstance(ids, str):
            ids = [ids]
        ids = list(ids)
        if not ids or not all(isinstance(i, str) and i.strip() and "," not in i for i in ids):
            raise ValueError(f"only lists commitment ids (non-empty str without a comma), not {ids!r}")
        text = ",".join(ids).encode("utf-8", "surrogatepass")
        out = ffi.new("crm_service_checker **")
        call(lib.crm_service_checker_only, out, self._handle, text, len(text))
        return ServiceChecker(ffi.gc(out[0], lib.crm_service_checker_free))

    def check(self, tickets: Tickets, by: str = "customer", keep_tickets: bool = True) -> ServiceReport:
        """The report of tickets: a path (CSV, or JSON Lines for .jsonl / .ndjson), CSV text,
        a list of dicts, or a pandas DataFrame. by: "customer", "engineer" or "month".
        keep_tickets: keep each ticket's result (tickets_frame(); costs memory on big files)."""
        if by not in _BY:
            raise ValueError(f"by must be 'customer', 'engineer' or 'month', not {by!r}")
        data, jsonl, path = _input(tickets)
        options = ffi.new("crm_service_options *")
        options.size = ffi.sizeof("crm_service_options")
        options.by = _BY[by]
        options.input = 1 if jsonl else 0
        options.keep_tickets = 1 if keep_tickets else 0
        out = ffi.new("crm_service_report **")
        if path is not None:
            encoded = path.encode("utf-8", "surrogatepass")
            call(lib.crm_service_check_file, out, self._handle, encoded, len(encoded), options)
        else:
            call(lib.crm_service_check, out, self._handle, data, len(data), options)
        return ServiceReport(ffi.gc(out[0], lib.crm_service_report_free), keep_tickets)


def check_tickets(tickets: Tickets, rules: RuleSet | ServiceChecker | None = None, by: str = "customer",
                  keep_tickets: bool = True, only: Iterable[str] | None = None) -> ServiceReport:
    """The report of tickets (see ServiceChecker.check) against the built-in commitments,
    or against rules: a RuleSet with a "service" section, or a ServiceChecker; only: just
    these commitments (ServiceChecker.only)."""
    checker = ServiceChecker.of(rules)
    if only is not None:
        checker = checker.only(only)
    return checker.check(tickets, by=by, keep_tickets=keep_tickets)
