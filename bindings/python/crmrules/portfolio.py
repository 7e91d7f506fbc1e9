"""Portfolio grading: ABC classes, ranks, cumulative shares and the Pareto share of a
measure over a whole customer population, RFM quantile scores, and grade(), which grades
every customer with a rule set (the built-in one by default) and adds those classes.

    from decimal import Decimal
    import crmrules

    p = crmrules.classify([500000, 20000000, 6000000])   # annual net profit per customer
    p.classes                  # ['C', 'A', 'A']
    p.ranks                    # [3, 1, 2]
    p.cumulative_shares        # [Decimal('1.000000'), Decimal('0.754717'), Decimal('0.981132')]
    p.pareto_share             # Decimal('0.452830'): the top 20% (0.6 of a customer) hold 45.28%
    p.counts, p.shares         # {'A': 2, 'B': 0, 'C': 1}, {'A': Decimal('0.981132'), ...}
    p.top_share("0.5")         # the share of the top half

    crmrules.quantile_scores([10, 20, 30, 40, 50])                  # [1, 2, 3, 4, 5]
    crmrules.quantile_scores(days_since_last_order, better="lower")  # recent = 5

    four = crmrules.four_classes(p)   # 主/次/辅/杂 beside ABC, as the built-in rules define them
    four.classes               # ['D', 'A', 'A']
    four.counts, four.shares   # {'A': 2, 'B': 0, 'C': 0, 'D': 1}, {'A': Decimal('0.981132'), ...}
    [(c.label, c.zh, c.up_to) for c in four.definitions]   # ('A', '主要客户', Decimal('0.80')), ...

    graded = crmrules.grade(customers)            # list of dicts (or a DataFrame) in, same out
    graded[0]["value_grade"], graded[0]["abc_class"], graded[0]["abc_rank"], graded[0]["four_class"]

The rules are exact and documented in the library (include/crmrules/portfolio.hpp):
customers are ranked by the measure, largest first, ties sharing rank, share and class;
class A is the smallest top group holding at least a_share (80%) of the positive total,
so the customer whose cumulative share reaches exactly 80% is A; B goes up to b_share
(95%); the rest, and every customer at or below zero, are C. The Pareto share of a
fractional top count (20% of 12 customers is 2.4) is interpolated. The four classes
主/次/辅/杂 (A/B/C/D) follow the same rule with the cut-offs a rule set gives in its
"portfolio" section (the built-in rules: 80%, 90%, 95%, the project's defaults).

Values in: int, decimal.Decimal or str (a float is refused: money never passes through
binary floating point). Shares out: Decimal with six decimals.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._types import Record
from ._ffi import c_str, call, ffi, lib
from .arith import _c_decimal, _text, _to_python

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .arith import DecimalLike
    from .ruleset import RowError, RuleSet

__all__ = ["Portfolio", "classify", "quantile_scores", "grade", "ShareClass", "FourClasses", "share_classes",
           "four_classes"]

_CLASSES = ("A", "B", "C")


def _decimals(values: Sequence[Any], name: str) -> Any:
    """A crm_decimal[] holding values (int, Decimal or str; a float is a TypeError)."""
    array = ffi.new("crm_decimal[]", max(len(values), 1))
    for i, value in enumerate(values):
        text = _text(value)
        call(lib.crm_decimal_parse, ffi.addressof(array, i), text, len(text))
    return array


def _options(a_share: Any, b_share: Any, pareto_top: Any) -> tuple[Any, list[Any]]:
    """A crm_portfolio_options (size set, as CRM_PORTFOLIO_OPTIONS_INIT does; None leaves a
    member NULL: its default) and the decimals it points to, which the caller keeps alive
    for the call."""
    options = ffi.new("crm_portfolio_options *")
    options.size = ffi.sizeof("crm_portfolio_options")
    keep = []
    for name, value in (("a_share", a_share), ("b_share", b_share), ("pareto_top", pareto_top)):
        if value is not None:
            keep.append(_c_decimal(value))
            setattr(options, name, keep[-1])
    return options, keep


@dataclass(frozen=True)
class Portfolio:
    """The ABC classification of a population (classify()). Lists are in input order."""

    classes: list[str]
    ranks: list[int]
    cumulative_shares: list[Decimal]
    counts: dict[str, int]
    shares: dict[str, Decimal]
    pareto_share: Decimal | None
    loss_making: int
    _handle: Any = None

    def __len__(self) -> int:
        return len(self.classes)

    def top_share(self, fraction: DecimalLike) -> Decimal | None:
        """The share of the positive total held by the top fraction (0..1) of customers;
        None when no measure is positive."""
        out = ffi.new("crm_decimal *")
        defined = ffi.new("int *")
        call(lib.crm_portfolio_top_share, out, defined, self._handle, _c_decimal(fraction))
        return _to_python(out) if defined[0] else None


def classify(measures: Iterable[DecimalLike | None], a_share: DecimalLike | None = None,
             b_share: DecimalLike | None = None, pareto_top: DecimalLike | None = None) -> Portfolio:
    """Classifies one measure per customer. a_share, b_share and pareto_top default to
    0.80, 0.95 and 0.20 and must satisfy 0 < a_share <= b_share <= 1, 0 <= pareto_top <= 1
    (InvalidArgument, a ValueError, otherwise)."""
    values = list(measures)
    array = _decimals(values, "measures")
    out = ffi.new("crm_portfolio **")
    options, _keep = _options(a_share, b_share, pareto_top)
    call(lib.crm_portfolio_classify, out, array, len(values), options)
    handle = ffi.gc(out[0], lib.crm_portfolio_free)
    n = len(values)
    classes = ffi.new("uint8_t[]", max(n, 1))
    call(lib.crm_portfolio_classes, classes, n, handle)
    ranks, shares = [], []
    rank = ffi.new("size_t *")
    share = ffi.new("crm_decimal *")
    for i in range(n):
        call(lib.crm_portfolio_customer, ffi.NULL, rank, share, handle, i)
        ranks.append(rank[0])
        shares.append(_to_python(share))
    counts, class_shares = {}, {}
    count = ffi.new("size_t *")
    for c, name in enumerate(_CLASSES):
        call(lib.crm_portfolio_class_summary, count, share, handle, c)
        counts[name] = count[0]
        class_shares[name] = _to_python(share)
    defined = ffi.new("int *")
    call(lib.crm_portfolio_pareto_share, share, defined, handle)
    pareto = _to_python(share) if defined[0] else None
    call(lib.crm_portfolio_loss_making, count, handle)
    return Portfolio([_CLASSES[classes[i]] for i in range(n)], ranks, shares, counts, class_shares, pareto, count[0],
                     handle)


@dataclass(frozen=True)
class ShareClass:
    """One class of a rule set's four classes: its label, its name in Chinese (the deck's
    主要/次要/辅助/杂) and English, and the cumulative share it reaches up to (None: the last
    class, every customer left)."""

    label: str
    zh: str
    en: str
    up_to: Decimal | None


@dataclass(frozen=True)
class FourClasses:
    """The four classes 主/次/辅/杂 of a population (four_classes()): each customer's label
    in input order, and customers and the share of the positive total per label."""

    classes: list[str]
    counts: dict[str, int]
    shares: dict[str, Decimal]
    definitions: list[ShareClass]


def _rules_handle(rules: RuleSet | None) -> Any:
    from .builtin import builtin

    return (builtin() if rules is None else rules)._rules


def share_classes(rules: RuleSet | None = None) -> list[ShareClass]:
    """The four classes a rule set defines in its "portfolio" section (crmrules.builtin()
    when None); InvalidRule when it defines none."""
    handle = _rules_handle(rules)
    n = ffi.new("size_t *")
    call(lib.crm_portfolio_four_class_count, n, handle)
    label, zh, en = ffi.new("char **"), ffi.new("char **"), ffi.new("char **")
    up_to = ffi.new("crm_decimal *")
    has = ffi.new("int *")
    out = []
    for i in range(n[0]):
        call(lib.crm_portfolio_four_class_info, label, zh, en, up_to, has, handle, i)
        out.append(ShareClass(c_str(label[0]), c_str(zh[0]), c_str(en[0]), _to_python(up_to) if has[0] else None))
    return out


def four_classes(population: Portfolio | Iterable[DecimalLike | None], rules: RuleSet | None = None) -> FourClasses:
    """The four classes 主/次/辅/杂 of a Portfolio (or of measures, classified first), by the
    cut-offs of rules (crmrules.builtin() when None), decided exactly as ABC is: a customer
    reaching a cut-off exactly stays in its class; customers at or below zero are the last."""
    portfolio = population if isinstance(population, Portfolio) else classify(population)
    definitions = share_classes(rules)
    n, k = len(portfolio), len(definitions)
    out = ffi.new("uint8_t[]", max(n, 1))
    customers = ffi.new("size_t[]", k)
    shares = ffi.new("crm_decimal[]", k)
    call(lib.crm_portfolio_four_classes, out, n, customers, shares, k, portfolio._handle, _rules_handle(rules))
    labels = [c.label for c in definitions]
    return FourClasses([labels[out[i]] for i in range(n)], {labels[c]: customers[c] for c in range(k)},
                       {labels[c]: _to_python(ffi.addressof(shares, c)) for c in range(k)}, definitions)


def _defines_four_classes(rules: RuleSet) -> bool:
    from .errors import InvalidRule

    try:
        share_classes(rules)
    except InvalidRule:
        return False
    return True


def quantile_scores(values: Iterable[DecimalLike | None], bins: int = 5, better: str = "higher") -> list[int | None]:
    """Quantile scores 1..bins per value (quintiles by default), None for a value that is
    None (left out of the count). Ties keep one score; the worst values score 1. better is
    "higher" (frequency, money) or "lower" (recency in days)."""
    if better not in ("higher", "lower"):
        raise ValueError(f"better must be 'higher' or 'lower', not {better!r}")
    values = list(values)
    present = ffi.new("uint8_t[]", [0 if v is None else 1 for v in values] or [0])
    array = _decimals([0 if v is None else v for v in values], "values")
    out = ffi.new("uint8_t[]", max(len(values), 1))
    call(lib.crm_quantile_scores, out, array, present, len(values), bins,
         lib.CRM_BETTER_HIGHER if better == "higher" else lib.CRM_BETTER_LOWER)
    return [out[i] if values[i] is not None else None for i in range(len(values))]


def _kept_columns(keep: Sequence[str] | bool, frame: Any, records: list[Mapping[str, Any]], rules: RuleSet,
                  rfm: bool) -> list[str]:
    """The columns grade(keep=...) carries through, checked: each in some row, none named
    as a column grade() writes."""
    if keep is False or keep == ():
        return []
    if isinstance(keep, str):
        raise TypeError("keep is a list of column names (or True), not a string")
    seen: dict[str, None] = dict.fromkeys(frame.columns) if frame is not None else {}
    if frame is None:
        for r in records:
            seen.update(dict.fromkeys(r))
    columns = list(seen) if keep is True else list(keep)
    written = {*rules.outputs, "abc_class", "abc_rank", "cumulative_share", "four_class", "error"}
    if rfm:
        written |= {"r_score", "f_score", "m_score"}
    for c in columns:
        if c not in seen:
            close = difflib.get_close_matches(c, [str(n) for n in seen], n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ValueError(f"keep: no row has a column '{c}'{hint}")
    if keep is True:
        return [c for c in columns if c not in written]
    clash = [c for c in columns if c in written]
    if clash:
        raise ValueError(f"keep: column '{clash[0]}' cannot be kept: grade() writes a column of that name")
    return columns


def grade(rows: Iterable[Mapping[str, Any]] | pandas.DataFrame, rules: RuleSet | None = None,
          measure: str = "annual_net_profit", a_share: DecimalLike | None = None, b_share: DecimalLike | None = None,
          pareto_top: DecimalLike | None = None, rfm: tuple[str, str, str] | None = None,
          recency_better: str = "lower", keep: Sequence[str] | bool = ()) -> list[Record | RowError] | pandas.DataFrame:
    """Grades every row with rules (crmrules.builtin() when None) and adds the portfolio
    columns abc_class, abc_rank and cumulative_share, four_class when the rule set defines
    the four classes 主/次/辅/杂 (the built-in one does), and r_score, f_score, m_score with
    rfm=(recency, frequency, monetary) column names.

    rows: a list of dicts, or a pandas DataFrame (read a CSV with dtype=str: floats are
    refused). A list gives a list with, per row, the outputs plus the portfolio columns,
    or a RowError for a row that could not be graded; a DataFrame gives a DataFrame of
    the same columns with the same index and an "error" column (None or the RowError).
    Rows that fail are left out of the population; a graded row without the measure is a
    RowError too.

    keep: input columns carried into each graded row (before the outputs; in a DataFrame,
    into failed rows too), or True for every input column, as `crmrules grade --keep`. A kept column that no row has, or that
    is named as a column grade() writes, is a ValueError."""
    from .builtin import builtin
    from .ruleset import RowError, _dataframe

    rules = builtin() if rules is None else rules
    frame = _dataframe(rows)
    if frame is not None:
        records = [dict(zip(frame.columns, values)) for values in frame.itertuples(index=False, name=None)]
    else:
        if isinstance(rows, Mapping) or isinstance(rows, (str, bytes)):
            raise TypeError("rows must be a list of dicts or a DataFrame")
        records = list(rows)
    kept = _kept_columns(keep, frame, records, rules, rfm is not None)
    # The measure, RFM and kept columns are read here even when they are not inputs of the rules.
    extra = {c for c in [measure, *(rfm or ()), *kept] if c not in rules.inputs}
    inputs = [{k: v for k, v in r.items() if k not in extra} for r in records] if extra else records
    results = rules.evaluate_many(inputs, errors="collect")
    graded = []
    for i, result in enumerate(results):
        if isinstance(result, RowError):
            continue
        value = records[i].get(measure)
        if value is None or value == "":
            results[i] = RowError(i, "missing", f"the portfolio measure '{measure}' is missing", "/" + measure)
            continue
        graded.append(i)
    portfolio = classify([records[i][measure] for i in graded], a_share, b_share, pareto_top)
    four = four_classes(portfolio, rules) if _defines_four_classes(rules) else None
    scores = None
    if rfm is not None:
        columns = list(rfm)
        if len(columns) != 3:
            raise ValueError("rfm names three columns: (recency, frequency, monetary)")
        scores = [quantile_scores([records[i].get(c) if records[i].get(c) != "" else None for i in graded],
                                  better=recency_better if k == 0 else "higher")
                  for k, c in enumerate(columns)]
    for k, i in enumerate(graded):
        if kept:
            results[i] = Record({**{c: records[i].get(c) for c in kept}, **results[i]})
        out = results[i]
        out["abc_class"] = portfolio.classes[k]
        out["abc_rank"] = portfolio.ranks[k]
        out["cumulative_share"] = portfolio.cumulative_shares[k]
        if four is not None:
            out["four_class"] = four.classes[k]
        if scores is not None:
            out["r_score"], out["f_score"], out["m_score"] = scores[0][k], scores[1][k], scores[2][k]
    if frame is None:
        return results
    import pandas

    names = kept + list(rules.outputs) + ["abc_class", "abc_rank", "cumulative_share"]
    if four is not None:
        names.append("four_class")
    if scores is not None:
        names += ["r_score", "f_score", "m_score"]
    data = {name: [None if isinstance(r, RowError) else r.get(name) for r in results] for name in names}
    for name in kept:  # a failed row keeps its input columns too: they say which row it is
        data[name] = [r.get(name) for r in records]
    data["error"] = [r if isinstance(r, RowError) else None for r in results]
    return pandas.DataFrame(data, index=frame.index)
