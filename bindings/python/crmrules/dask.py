"""Portfolios beyond one machine: grading a Dask DataFrame, then its portfolio classes.

    import dask.dataframe as dd
    from distributed import Client
    import crmrules.dask

    client = Client("scheduler:8786")                       # or LocalCluster() for one machine
    customers = dd.read_csv("customers-*.csv", dtype=str)   # text: exact, no floats
    graded = crmrules.dask.grade(customers)                 # lazy: a Dask DataFrame
    graded.compute()                                        # the same as crmrules.grade(whole frame)

The rows are graded where they are (`map_partitions`; the rule set is shipped to each
worker once, as one shared task, not once per partition), through the same columnar path
as a pandas DataFrame (crmrules.frame). The portfolio columns need the whole population,
so a second step counts each partition's measures (`value_counts`: the distinct values and
their counts travel, never the rows), works out on the client, exactly, each distinct
value's class, rank and cumulative share (and the RFM quantile scores) by the rules of
crm::Portfolio (include/crmrules/portfolio.hpp: ties share a rank and a class, zero and
negative measures are C, shares compared exactly and reported to 6 places, half even),
and maps them back onto the partitions. The result is the one crmrules.grade gives for
the whole frame at once: same outputs, classes, ranks, shares and scores, row for row.

This module imports dask only when used; `import crmrules` does not import it.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .builtin import builtin
from .ruleset import RuleSet

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe

    from .arith import DecimalLike

__all__ = ["grade"]

_SHARE_PLACES = Decimal("0.000001")  # crm::PortfolioOptions::share_scale


def _measure_value(v: Any) -> Decimal | None:
    """A measure cell as the exact decimal crmrules.grade reads (None: missing)."""
    if v is None or v == "" or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, float):
        raise TypeError("a float measure is not an exact decimal: read the CSV with dtype=str")
    try:
        return Decimal(str(v))
    except decimal.InvalidOperation:
        return None


def _grade_partition(part: Any, rules: RuleSet, measure: str, rfm: tuple[str, ...] | None, decimals: str,
                     kept: tuple[str, ...] = ()) -> Any:
    """One partition graded: the kept input columns, the rules' outputs and "error" (as
    crmrules.grade), plus the measure and RFM cells as exact decimals for the second step
    (None: not counted)."""
    out = rules.evaluate_many(part, errors="collect", decimals=decimals) if len(part) else _empty(rules, part)
    for column in reversed(kept):
        out.insert(0, column, part[column])
    failed = out["error"].notna()
    values = [None if bad else _measure_value(v) for bad, v in zip(failed, part[measure])] if measure in part else \
        [None] * len(part)
    out["_measure"] = values
    for k, column in enumerate(rfm or ()):
        out[f"_rfm{k}"] = [None if bad else _measure_value(v) for bad, v in zip(failed, part[column])]
    return out


def _empty(rules: RuleSet, part: Any) -> Any:
    import pandas

    return pandas.DataFrame({name: pandas.Series(dtype=object) for name in [*rules.outputs, "error"]}, index=part.index)


def _tier(above: Decimal, total: Decimal, classes: list[tuple[str, Decimal | None]]) -> str:
    """The first class whose cut-off the customers above hold less than (the last: the rest)."""
    for label, up_to in classes:
        if up_to is None or above < up_to * total:
            return label
    return classes[-1][0]


def _classes(counts: Any, a_share: Decimal, b_share: Decimal,
             four: list[tuple[str, Decimal | None]] | None = None) -> dict[Decimal, tuple[Any, ...]]:
    """Each distinct measure's class, rank and cumulative share (crm::Portfolio's rules),
    and its class of the four 主/次/辅/杂 when `four` gives them (label, up_to)."""
    with decimal.localcontext() as ctx:
        ctx.prec = 80
        values = sorted(counts.items(), key=lambda kv: kv[0], reverse=True)
        total = sum((v * n for v, n in values if v > 0), Decimal(0))
        table: dict[Decimal, tuple[Any, ...]] = {}
        above_sum, above_count = Decimal(0), 0
        for v, n in values:
            if v > 0 and total > 0:
                share = ((above_sum + v * n) / total).quantize(_SHARE_PLACES, rounding=decimal.ROUND_HALF_EVEN)
                cls = "A" if above_sum < a_share * total else "B" if above_sum < b_share * total else "C"
                tier = _tier(above_sum, total, four) if four else None
            else:
                share, cls, tier = Decimal(1), "C", four[-1][0] if four else None
            table[v] = (cls, above_count + 1, share, tier)
            if v > 0:
                above_sum += v * n
            above_count += n
        return table


def _scores(counts: Any, bins: int, better: str) -> dict[Decimal, int]:
    """crm::quantile_scores: 1 + floor(bins * w / n), w the customers with a worse value."""
    n = sum(counts.values())
    order = sorted(counts.items(), key=lambda kv: kv[0], reverse=(better == "lower"))  # worst first
    scores, worse = {}, 0
    for v, c in order:
        scores[v] = 1 + (bins * worse) // n
        worse += c
    return scores


def _assign(part: Any, table: dict[Decimal, tuple[Any, ...]], scores: list[dict[Decimal, int]],
            four: bool = False) -> Any:
    out = part.copy()
    looked = [table.get(v) if v is not None else None for v in part["_measure"]]
    out["abc_class"] = [t[0] if t else None for t in looked]
    out["abc_rank"] = [t[1] if t else None for t in looked]
    out["cumulative_share"] = [t[2] if t else None for t in looked]
    if four:
        out["four_class"] = [t[3] if t else None for t in looked]
    for k, name in enumerate(("r_score", "f_score", "m_score")[: len(scores)]):
        out[name] = [scores[k].get(v) if v is not None else None for v in part[f"_rfm{k}"]]
    missing = [t is None and e is None for t, e in zip(looked, part["error"])]
    if any(missing):  # graded, but no measure: a RowError, as crmrules.grade gives
        from .ruleset import RowError

        out["error"] = [RowError(0, "missing", "the portfolio measure is missing", "") if m else e
                        for m, e in zip(missing, part["error"])]
    return out.drop(columns=[c for c in out.columns if c.startswith("_")])


def grade(ddf: dask.dataframe.DataFrame, rules: RuleSet | None = None, measure: str = "annual_net_profit",
          a_share: DecimalLike | None = None, b_share: DecimalLike | None = None,
          rfm: tuple[str, str, str] | None = None, recency_better: str = "lower",
          decimals: str = "decimal", keep: Sequence[str] | bool = ()) -> dask.dataframe.DataFrame:
    """Grades every row of a Dask DataFrame with rules (the built-in rules when None) and
    adds abc_class, abc_rank and cumulative_share, four_class when the rules define the
    four classes 主/次/辅/杂 (the built-in rules do), (and r_score, f_score, m_score with
    rfm=(recency, frequency, monetary)), as crmrules.grade does for a pandas DataFrame.
    decimals: the rules' decimal outputs as Decimal objects ("decimal"), float64 columns
    ("float": far less memory on millions of rows) or their text ("str"); the portfolio
    columns are exact whatever it says. keep: input columns carried through before the
    outputs (or True for every one), as crmrules.grade(keep=...). Lazy: returns a Dask
    DataFrame; the value counts of the measure are computed now."""
    import dask

    rules = builtin() if rules is None else rules
    a = Decimal(str(a_share)) if a_share is not None else Decimal("0.80")
    b = Decimal(str(b_share)) if b_share is not None else Decimal("0.95")
    if not (Decimal(0) < a <= b <= Decimal(1)):
        raise ValueError("shares must satisfy 0 < a_share <= b_share <= 1")
    if rfm is not None and len(rfm) != 3:
        raise ValueError("rfm names three columns: (recency, frequency, monetary)")
    if recency_better not in ("higher", "lower"):
        raise ValueError(f"recency_better must be 'higher' or 'lower', not {recency_better!r}")
    from .portfolio import _kept_columns

    kept = tuple(_kept_columns(keep, ddf._meta, [], rules, rfm is not None))
    shipped = dask.delayed(rules, pure=True)  # one task: each worker unpickles the rules once
    meta = _grade_partition(ddf._meta, rules, measure, tuple(rfm) if rfm else None, decimals, kept)
    graded = ddf.map_partitions(_grade_partition, shipped, measure, tuple(rfm) if rfm else None, decimals, kept,
                                meta=meta)
    graded = graded.persist()
    columns = ["_measure", *(f"_rfm{k}" for k in range(3 if rfm else 0))]
    counted = dask.compute(*[graded[c].dropna().value_counts() for c in columns])
    from .errors import InvalidRule
    from .portfolio import share_classes

    try:
        four = [(c.label, c.up_to) for c in share_classes(rules)]
    except InvalidRule:
        four = None
    table = _classes(dict(counted[0].items()), a, b, four)
    scores = [_scores(dict(c.items()), 5, recency_better if k == 0 else "higher") for k, c in enumerate(counted[1:])]
    final_meta = _assign(meta, table, scores, four is not None)
    return graded.map_partitions(_assign, dask.delayed(table, pure=True), dask.delayed(scores, pure=True),
                                 four is not None, meta=final_meta)
