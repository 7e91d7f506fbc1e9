"""The built-in default rule set: the deck's method, ready to grade a customer portfolio.

    import crmrules

    rules = crmrules.builtin()                  # a RuleSet; the same object every call
    rules.evaluate({"annual_purchases": 130000000, "annual_discount": 13000000,
                    "contact_cost": 300000, "annual_net_profit": 20000000,
                    "historical_contribution": 57000000, "cooperation": 5,
                    "budgeted_total_profit": 250000000, "background": "technology",
                    "potential": "A1", "influence": "A1"})
    # {'discount_rate': Decimal('0.1'), ..., 'value_score': Decimal('95.50'),
    #  'value_grade': 'A1', ..., 'service_plan': 'A-retention', ...}

    rules.evaluate_many(customers)              # a list of dicts -> a list of dicts
    graded = frame.join(rules.evaluate_many(frame))   # a pandas DataFrame -> outputs by index
    rules.evaluate_many(rows, errors="collect") # a bad row becomes a RowError, the rest go on

    text = crmrules.builtin_json()              # the rules as JSON: copy, change, then
    mine = crmrules.RuleSet.load(text.replace('"[80..100]"', '"[85..100]"'))  # ...

The rule set is rules/default.json, embedded in the library when it was built: inputs,
outputs, bands and the service policy are documented in docs/default-rules.md. A
DataFrame's money columns should hold int, Decimal or str values (read a CSV with
dtype=str): floats are refused, as everywhere in crmrules.
"""

from __future__ import annotations

import threading

from ._ffi import call, ffi, lib
from .ruleset import RuleSet

__all__ = ["builtin", "builtin_json"]

_lock = threading.Lock()
_rules: RuleSet | None = None


def builtin() -> RuleSet:
    """The built-in default rule set (crm_ruleset_builtin), loaded on the first call and
    shared: a RuleSet is immutable and safe to use from many threads."""
    global _rules
    with _lock:
        if _rules is None:
            out = ffi.new("crm_ruleset **")
            call(lib.crm_ruleset_builtin, out)
            _rules = RuleSet(out[0])
        return _rules


def builtin_json() -> str:
    """The built-in rule set's JSON text, to copy and change (load the copy with
    RuleSet.load)."""
    out = ffi.new("const char **")
    length = ffi.new("size_t *")
    call(lib.crm_ruleset_builtin_json, out, length)
    return ffi.unpack(out[0], length[0]).decode("utf-8")
