"""Satisfaction as the ratio of the actual product to the ideal one (the deck's 客户满意度 =
实际产品/理想产品), on the deck's 7-point scale (很满意 .. 很不满意).

    import crmrules

    r = crmrules.satisfaction.rate([("交货周期", 8, 10), ("质量功能", 9, 10, 2)])  # (name, actual, ideal[, weight])
    r.ratio, r.label, r.zh, r.points          # Decimal('0.8667'), 'fairly_satisfied', '较满意', 5
    r.actual_product, r.ideal_product         # Decimal('26'), Decimal('30'): exact weighted sums
    [(a.name, a.ratio, a.shortfall) for a in r.attributes]   # ('交货周期', Decimal('0.8000'), Decimal('2')), ...
    crmrules.builtin().evaluate({..., "satisfaction": r.label})   # the label feeds the grading rules

    rows = crmrules.satisfaction.rate_csv("ratings.csv")     # a path or CSV text: customer,
    rows[0]["customer"], rows[0]["satisfaction"]              # attribute, actual, ideal[, weight]
    crmrules.satisfaction.rate_frame(frame)                   # a DataFrame of those columns in,
                                                              # one row per customer out

The band is decided on the exact ratio (exactly 0.9 is in the band from 0.9); only the
ratio reported is rounded (4 places, half-even). The bands and their cut-offs are rules
data: the rule set's "satisfaction" section (the built-in one's cut-offs 1, 0.9, 0.8,
0.7, 0.6 and 0.5 are the project's defaults). Amounts are int, Decimal or str (the deck's
万 and 亿 read: "45万"); a float is refused.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._ffi import c_str, call, ffi, lib, take_str
from .arith import _text, _to_python
from .text import _lang

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .arith import DecimalLike
    from .ruleset import RuleSet

__all__ = ["AttributeRatio", "Rating", "rate", "rate_csv", "rate_frame"]


@dataclass(frozen=True)
class AttributeRatio:
    """One attribute: its own ratio actual / ideal (None when its ideal is 0) and how far it
    falls short of its ideal (0 when it does not)."""

    name: str
    ratio: Decimal | None
    shortfall: Decimal


@dataclass(frozen=True)
class Rating:
    """One product rated: the ratio, the exact actual and ideal products, the band (label,
    Chinese and English name, points 7..1) and every attribute in input order."""

    ratio: Decimal
    actual_product: Decimal
    ideal_product: Decimal
    label: str
    zh: str
    en: str
    points: int
    attributes: list[AttributeRatio]


def _amount(value: Any, what: str) -> Any:
    """A crm_decimal* from an int, Decimal or str (the deck's 万 and 亿 read)."""
    text = _text(value)
    out = ffi.new("crm_decimal *")
    try:
        call(lib.crm_decimal_parse_amount, out, text, len(text))
    except ValueError as error:
        raise type(error)(f"{what}: {error}") from None
    return out


def _attributes(attributes: Iterable[Any] | Mapping[str, Any]) -> list[tuple[str, Any, Any, Any]]:
    """(name, actual, ideal, weight) from tuples, dicts or a mapping name -> (actual, ideal[, weight])."""
    items = attributes.items() if isinstance(attributes, Mapping) else enumerate(attributes)
    out = []
    for key, item in items:
        if isinstance(item, Mapping):
            name = item.get("attribute", item.get("name", str(key)))
            out.append((str(name), item["actual"], item["ideal"], item.get("weight", 1)))
            continue
        values = tuple(item)
        if isinstance(attributes, Mapping):
            values = (key, *values)
        if len(values) not in (3, 4):
            raise ValueError(f"attribute {key!r}: give (name, actual, ideal) or (name, actual, ideal, weight)")
        out.append((str(values[0]), values[1], values[2], values[3] if len(values) == 4 else 1))
    return out


def _rules_handle(rules: RuleSet | None) -> Any:
    return ffi.NULL if rules is None else rules._rules


def rate(attributes: Iterable[Any] | Mapping[str, Any], rules: RuleSet | None = None) -> Rating:
    """Rates one product: attributes as (name, actual, ideal[, weight]) tuples, dicts with
    "attribute" (or "name"), "actual", "ideal" and optionally "weight", or a mapping name ->
    (actual, ideal[, weight]). rules: a rule set with a "satisfaction" section (None: the
    built-in one). InvalidArgument (a ValueError) names the attribute at fault."""
    given = _attributes(attributes)
    n = len(given)
    actual = ffi.new("crm_decimal[]", max(n, 1))
    ideal = ffi.new("crm_decimal[]", max(n, 1))
    weight = ffi.new("crm_decimal[]", max(n, 1))
    keep = [ffi.new("char[]", name.encode("utf-8", "surrogatepass")) for name, *_rest in given]
    names = ffi.new("char *[]", keep or [ffi.NULL])
    for i, (name, a, b, w) in enumerate(given):
        actual[i] = _amount(a, f"attribute '{name}': actual")[0]
        ideal[i] = _amount(b, f"attribute '{name}': ideal")[0]
        weight[i] = _amount(w, f"attribute '{name}': weight")[0]
    out = ffi.new("crm_satisfaction_rating **")
    call(lib.crm_satisfaction_rate, out, names, actual, ideal, weight, n, _rules_handle(rules))
    handle = ffi.gc(out[0], lib.crm_satisfaction_rating_free)
    ratio, total, ideal_total = ffi.new("crm_decimal *"), ffi.new("crm_decimal *"), ffi.new("crm_decimal *")
    call(lib.crm_satisfaction_rating_ratio, ratio, total, ideal_total, handle)
    label, zh, en = ffi.new("char **"), ffi.new("char **"), ffi.new("char **")
    points = ffi.new("int32_t *")
    call(lib.crm_satisfaction_rating_band, label, zh, en, points, handle)
    per = []
    own, shortfall = ffi.new("crm_decimal *"), ffi.new("crm_decimal *")
    defined = ffi.new("int *")
    for i, (name, *_rest) in enumerate(given):
        call(lib.crm_satisfaction_rating_attribute, own, defined, shortfall, handle, i)
        per.append(AttributeRatio(name, _to_python(own) if defined[0] else None, _to_python(shortfall)))
    return Rating(_to_python(ratio), _to_python(total), _to_python(ideal_total), c_str(label[0]), c_str(zh[0]),
                  c_str(en[0]), points[0], per)


def _csv_text(csv: str | os.PathLike[str]) -> bytes:
    """A path's bytes, or CSV text given as it is (text holding a line break)."""
    if isinstance(csv, os.PathLike) or (isinstance(csv, str) and "\n" not in csv):
        with open(csv, "rb") as f:
            return f.read()
    return csv.encode("utf-8", "surrogatepass")


def rate_csv(csv: str | os.PathLike[str], rules: RuleSet | None = None, lang: str = "zh",
             format: str = "records") -> list[dict[str, Any]] | str:
    """Rates every customer of a CSV (a path, or CSV text) with columns customer,
    attribute, actual, ideal and optionally weight, one attribute per row. format
    "records": a list of dicts (exact Decimals; "satisfaction_name" {"zh", "en"};
    "attributes" each with its ratio and shortfall); "csv": the CSV text crmrules
    satisfaction writes (band names in lang); "json": its JSON text. A bad cell raises the
    library's error with its line and column; nothing is rated then."""
    if format not in ("records", "csv", "json"):
        raise ValueError(f"format must be 'records', 'csv' or 'json', not {format!r}")
    text = _csv_text(csv)
    out = ffi.new("char **")
    length = ffi.new("size_t *")
    call(lib.crm_satisfaction_rate_csv, out, length, text, len(text), 0 if format == "csv" else 1, _lang(lang),
         _rules_handle(rules))
    result = take_str(out[0])
    if format != "records":
        return result
    records = json.loads(result, parse_float=Decimal)
    for r in records:  # exact numbers as Decimal, whole ones too
        for key in ("actual_product", "ideal_product", "ratio"):
            r[key] = Decimal(r[key])
        for a in r["attributes"]:
            a["ratio"] = None if a["ratio"] is None else Decimal(a["ratio"])
            a["shortfall"] = Decimal(a["shortfall"])
    return records


def rate_frame(frame: pandas.DataFrame, rules: RuleSet | None = None) -> pandas.DataFrame:
    """One row per customer (in order of first appearance, indexed by customer) from a
    DataFrame with columns customer, attribute, actual, ideal and optionally weight (read a
    CSV with dtype=str: floats are refused). Columns: actual_product, ideal_product, ratio,
    satisfaction, satisfaction_points, satisfaction_zh, satisfaction_en, shortfalls (a list
    of the attributes below their ideal, worst first). Errors name the frame's row as a CSV
    line (row i is line i + 2)."""
    import pandas

    for value in frame.to_numpy().ravel():
        if isinstance(value, float) and value == value:  # NaN is an empty cell
            raise TypeError("a float in the frame: read the CSV with dtype=str (money never passes through a float)")
    text = frame.to_csv(index=False)
    records = rate_csv(text, rules)
    rows = []
    for r in records:
        below = sorted((a for a in r["attributes"] if a["shortfall"] > 0), key=lambda a: a["ratio"])
        rows.append({"customer": r["customer"], "actual_product": r["actual_product"],
                     "ideal_product": r["ideal_product"], "ratio": r["ratio"], "satisfaction": r["satisfaction"],
                     "satisfaction_points": r["satisfaction_points"],
                     "satisfaction_zh": r["satisfaction_name"]["zh"],
                     "satisfaction_en": r["satisfaction_name"]["en"], "shortfalls": [a["name"] for a in below]})
    return pandas.DataFrame(rows).set_index("customer") if rows else pandas.DataFrame(
        columns=["actual_product", "ideal_product", "ratio", "satisfaction", "satisfaction_points",
                 "satisfaction_zh", "satisfaction_en", "shortfalls"])
