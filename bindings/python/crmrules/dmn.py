"""DMN decision tables from Python: a DMN 1.1-1.5 model imported as a rule set (docs/dmn.md).

    import crmrules
    from crmrules import dmn

    rules = crmrules.RuleSet.load_dmn(open("approval.dmn").read())   # or dmn.load(xml)
    dmn.evaluate(rules, {"Age": 18, "RiskCategory": "Low", "isAffordable": True})
    # {'Approval Status': 'Approved'}
    print(dmn.to_rule_set_json(xml))       # the rule set's JSON, to edit and keep
    print(dmn.to_dmn(rules))               # any rule set of tables and expressions as DMN 1.4
    [(n.dmn, n.crm) for n in dmn.names(rules)]   # [('Age', 'Age'), ..., ('Approval Status', 'Approval_Status')]

Errors name the XML element's path (the error's pointer) and its line and column: ParseError
(malformed XML), VersionMismatch (no DMN namespace), InvalidRule (what crmrules cannot
express: lists, time and durations, imports ...).
Numbers in and out are Decimals (a float is refused, as everywhere).
"""

from __future__ import annotations

import datetime
import json
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ._ffi import call, ffi, lib, take_str
from .ruleset import RuleSet, _json_decimal, _plain, _unsupported, _utf8

__all__ = ["Name", "load", "to_rule_set_json", "to_dmn", "evaluate", "names"]


@dataclass(frozen=True)
class Name:
    """A DMN name and the rule set's name for it; kind is "input", "input_component",
    "decision", "output" or "context_entry" (an entry of a decision's boxed context, named
    by its path, "Decision.Entry"); parent names an input component's input, an output's or
    a context entry's decision."""

    dmn: str
    crm: str
    kind: str
    parent: str = ""


def load(xml: str | bytes) -> RuleSet:
    """The model's decision tables as a rule set (RuleSet.load_dmn)."""
    return RuleSet.load_dmn(xml)


def to_rule_set_json(xml: str | bytes) -> str:
    """The rule set's JSON document, to edit further and load with RuleSet.load."""
    data = _utf8(xml)
    out = ffi.new("char **")
    length = ffi.new("size_t *")
    call(lib.crm_dmn_to_rule_set_json, out, length, data, len(data))
    return take_str(out[0])


def to_dmn(rules: RuleSet) -> str:
    """The rule set as a DMN 1.4 model (XML) that load() reads back to the same results;
    InvalidRule naming the decision for what DMN cannot say (a scorecard, '??', round ...)."""
    out = ffi.new("char **")
    call(lib.crm_dmn_from_rule_set, out, ffi.NULL, rules._rules)
    return take_str(out[0])


def _encode(value: Any, name: str) -> str:
    value = _plain(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Decimal, numbers.Integral)):
        return _json_decimal(value, name)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return '"' + value.isoformat() + '"'
    if isinstance(value, Mapping):
        return "{" + ", ".join(json.dumps(str(k), ensure_ascii=False) + ": " + _encode(v, f"{name}.{k}")
                               for k, v in value.items()) + "}"
    raise _unsupported(value, name)


def evaluate(rules: RuleSet, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The decisions' results for inputs, both by their DMN names: a structured input is a
    dict of its components; a decision with several outputs gives a dict (a list of dicts
    under a multi-hit policy). UnknownName (with "did you mean") for an input the model
    does not have."""
    if not isinstance(inputs, Mapping):
        raise TypeError(f"inputs must be a mapping of DMN names to values, not {type(inputs).__name__}")
    text = ("{" + ", ".join(json.dumps(str(k), ensure_ascii=False) + ": " + _encode(v, str(k))
                            for k, v in inputs.items()) + "}").encode("utf-8")
    out = ffi.new("char **")
    call(lib.crm_dmn_evaluate_json, out, ffi.NULL, rules._rules, text, len(text))
    return json.loads(take_str(out[0]), parse_float=Decimal, parse_int=Decimal)


def names(rules: RuleSet) -> list[Name]:
    """The names the model gave its inputs, decisions and outputs ([] for a rule set that
    was not imported from DMN)."""
    out = ffi.new("char **")
    call(lib.crm_dmn_names_json, out, ffi.NULL, rules._rules)
    return [Name(**n) for n in json.loads(take_str(out[0]))]
