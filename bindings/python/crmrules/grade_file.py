"""grade_csv(): grades a portfolio CSV file into another file, the work of `crmrules
grade` (the library streams the file and grades on every core: for files too big to
hold as Python objects; crmrules.grade() grades rows already in memory).

    import crmrules

    summary = crmrules.grade_csv("portfolio.csv", "graded.csv", keep=["region", "owner"])
    summary["graded"], summary["rejected"]      # 118, 2
    summary["rejects"][0]                        # {"field": "annual_net_profit", "code": "parse", "line": 7, ...}
    summary["abc"]["A"], summary["pareto"]       # customers and share per class; the Pareto share
    crmrules.grade_csv("portfolio.csv", "graded.jsonl", fmt="json", rules=my_rules)

The output file is written beside its place under a temporary name and replaces it only
when grading succeeded: after an error the file that was there is as it was. What is read,
what is rejected and the columns written: include/crmrules/portfolio_grading.hpp.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._ffi import call, ffi, lib, take_str
from .portfolio import _options, _rules_handle

if TYPE_CHECKING:  # pragma: no cover
    from .arith import DecimalLike
    from .ruleset import RuleSet

__all__ = ["grade_csv"]


def grade_csv(path: str | os.PathLike[str], out: str | os.PathLike[str], rules: RuleSet | None = None, *,
              measure: str | None = None, grade_output: str | None = None, a_share: DecimalLike | None = None,
              b_share: DecimalLike | None = None, pareto_top: DecimalLike | None = None,
              rfm: tuple[str, str, str] | None = None, recency_better: str = "lower", rfm_bins: int | None = None,
              fmt: str = "csv", explain: bool = False, keep: Sequence[str] | bool = (),
              ignore_unknown: bool = False, threads: int = 0) -> dict[str, Any]:
    """Grades the CSV at path ("-": standard input) with rules (crmrules.builtin() when
    None) into the file out ("-": standard output), as CSV (fmt="csv") or a JSON array
    (fmt="json"), and returns the summary (numbers exact, as Decimal): rows, graded,
    rejected, rejects (line, column, reason), warnings, grades, abc, four_class, pareto.

    keep: input columns carried through after id and name (a list), or True for every
    column. measure (annual_net_profit), grade_output (value_grade), the shares, rfm
    (recency, frequency, monetary column names) and its options are those of
    `crmrules grade`. A rejected row is no error; a file that cannot be read or written,
    a header without a required or kept column (Missing, "did you mean") and bad options
    (InvalidArgument) raise."""
    options = ffi.new("crm_grade_options *")
    options.size = ffi.sizeof("crm_grade_options")
    alive: list[Any] = []

    def text(value: str) -> Any:
        alive.append(ffi.new("char[]", value.encode("utf-8")))
        return alive[-1]

    if measure is not None:
        options.measure = text(measure)
    if grade_output is not None:
        options.grade_output = text(grade_output)
    portfolio, shares = _options(a_share, b_share, pareto_top)
    alive += [portfolio, shares]
    options.portfolio = portfolio
    if rfm is not None:
        if len(rfm) != 3:
            raise ValueError("rfm names three columns: (recency, frequency, monetary)")
        options.recency, options.frequency, options.monetary = (text(c) for c in rfm)
    if recency_better not in ("lower", "higher"):
        raise ValueError(f"recency_better is 'lower' or 'higher', not {recency_better!r}")
    options.recency_higher_is_better = recency_better == "higher"
    if rfm_bins is not None:
        options.rfm_bins = rfm_bins
    if fmt not in ("csv", "json"):
        raise ValueError(f"fmt is 'csv' or 'json', not {fmt!r}")
    options.format = lib.CRM_GRADE_JSON if fmt == "json" else lib.CRM_GRADE_CSV
    options.explain = bool(explain)
    if keep is True:
        options.keep_all = 1
    elif keep is not False:
        if isinstance(keep, str):
            raise TypeError("keep is a list of column names (or True), not a string")
        names = [text(k) for k in keep]
        array = ffi.new("char *[]", names) if names else ffi.NULL
        alive.append(array)
        options.keep, options.keep_count = array, len(names)
    options.ignore_unknown = bool(ignore_unknown)
    options.threads = threads
    summary = ffi.new("char **")
    call(lib.crm_grade_csv, summary, ffi.NULL, _rules_handle(rules), os.fsencode(path), os.fsencode(out), options)
    return json.loads(take_str(summary[0]), parse_float=Decimal)
