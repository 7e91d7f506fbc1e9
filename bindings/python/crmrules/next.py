"""The next best actions for a customer: what the library knows of them (the grading's
outputs, satisfaction per stage, a service report's group, saved complaint and selling
sessions, an account document) in, a ranked list of actions out, each with its reason,
source, channel (the deck's channel table, by purpose) and owner, and the levers that buy
this customer's loyalty.

    import crmrules

    advice = crmrules.next_actions({
        "customer": {"id": "C001", "name": "华为"},
        "grading": {"value_grade": "A1", "loyalty_level": "repeat"},
        "satisfaction": {"after_sale": "不满意"},
        "complaints": [session.save_json()],          # saved complaint sessions (dicts or JSON text)
    })
    for a in advice.actions:                          # most urgent first
        print(a.text.get("en"), "-", a.reason.get("en"), f"[{a.channel}, {a.owner}]")
    advice.levers, advice.facts, advice.to_text("zh"), advice.to_json()
    crmrules.next_actions_frame([doc1, doc2])         # a pandas DataFrame: one row per action

    advisor = crmrules.NextBestAction.builtin()
    text = crmrules.NextBestAction.builtin_json()     # the rules: copy, change, then
    mine = crmrules.NextBestAction.from_rule_set(crmrules.RuleSet.load(changed))

The document and the advice: docs/next.md. A document the advisor cannot read raises the
library's exception with the JSON pointer, line and column (a dict is dumped as JSON
first, so its line and column are those of json.dumps's one line).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable

from ._types import Document
from ._ffi import call, ffi, lib, take_str
from ._model import ModelFace
from .ruleset import RuleSet
from .text import Text, _lang, _text

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["NextBestAction", "Advice", "NextAction", "Lever", "next_actions", "next_actions_frame"]


@dataclass(frozen=True)
class NextAction:
    """One action, ranked: what to do, why, where it came from, how and by whom."""

    rank: int
    id: str
    priority: Decimal
    text: Text
    reason: Text
    source: str
    purpose: str
    channel: str
    channel_name: Text
    owner: str
    owner_name: Text


@dataclass(frozen=True)
class Lever:
    id: str
    name: Text


class Advice:
    """The advice for one customer: the facts gathered, the ranked actions, the levers."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle
        out = ffi.new("char **")
        call(lib.crm_next_advice_json, out, ffi.NULL, handle)
        self._json = take_str(out[0])
        d = json.loads(self._json, parse_float=Decimal)
        self.customer: dict[str, str] = d["customer"]
        self.facts: dict[str, Any] = d["facts"]
        self.actions: tuple[NextAction, ...] = tuple(
            NextAction(a["rank"], a["id"], Decimal(str(a["priority"])), _text(a["text"]), _text(a["reason"]),
                       a["source"], a["purpose"], a["channel"], _text(a["channel_name"]), a["owner"],
                       _text(a["owner_name"]))
            for a in d["actions"])
        self.levers: tuple[Lever, ...] = tuple(Lever(v["id"], _text(v["name"])) for v in d["levers"])

    def to_json(self) -> str:
        """The advice as the library writes it (docs/next.md), both languages."""
        return self._json

    def to_dict(self) -> dict[str, Any]:
        return json.loads(self._json, parse_float=Decimal)

    def to_text(self, lang: str = "zh") -> str:
        """The ranked actions for a terminal, in lang ("zh" or "en")."""
        code = _lang(lang)
        out = ffi.new("char **")
        call(lib.crm_next_advice_text, out, ffi.NULL, self._handle, code)
        return take_str(out[0])

    def __repr__(self) -> str:
        first = self.actions[0].id if self.actions else None
        return f"<crmrules.Advice {self.customer.get('id')!r}: {len(self.actions)} actions, first {first!r}>"


def _document(doc: Any) -> bytes:
    if isinstance(doc, dict):
        doc = dict(doc)
        for key in ("complaints", "sessions"):  # saved sessions may come as their JSON text
            if isinstance(doc.get(key), list):
                doc[key] = [json.loads(s) if isinstance(s, (str, bytes)) else s for s in doc[key]]
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if isinstance(doc, str):
        return doc.encode("utf-8", "surrogatepass")
    if isinstance(doc, (bytes, bytearray, memoryview)):
        return bytes(doc)
    raise TypeError(f"a customer document is a dict or JSON text (str or bytes), not {type(doc).__name__}")


class NextBestAction(ModelFace):
    """Advises with the built-in rules (builtin()) or a rule set's "next" section
    (from_rule_set()). Immutable: share it between threads."""

    __slots__ = ()
    _c_type = "crm_next_advisor"
    _c_prefix = "crm_next_advisor"
    _c_builtin_json = "crm_next_builtin_json"

    def advise(self, doc: Document) -> Advice:
        """The advice for a customer document: a dict, or its JSON text (str or bytes)."""
        data = _document(doc)
        out = ffi.new("crm_next_advice **")
        call(lib.crm_next_advise, out, self._handle, data, len(data))
        return Advice(ffi.gc(out[0], lib.crm_next_advice_free))


def next_actions(doc: Document, rules: RuleSet | NextBestAction | None = None) -> Advice:
    """The advice for a customer document with the built-in rules, or with rules (a RuleSet
    with a "next" section, or a NextBestAction)."""
    return NextBestAction.of(rules).advise(doc)


def next_actions_frame(docs: Iterable[Document], rules: RuleSet | NextBestAction | None = None,
                       lang: str = "zh") -> pandas.DataFrame:
    """Many customers' actions as a pandas DataFrame: one row per customer and action
    (customer, rank, id, priority, text, reason, source, channel, owner), texts in lang."""
    import pandas

    advisor = NextBestAction.of(rules)
    rows = []
    for doc in docs:
        advice = advisor.advise(doc)
        for a in advice.actions:
            rows.append({"customer": advice.customer.get("id", ""), "rank": a.rank, "id": a.id,
                         "priority": a.priority, "text": a.text.get(lang), "reason": a.reason.get(lang),
                         "source": a.source, "channel": a.channel, "owner": a.owner})
    return pandas.DataFrame(rows, columns=["customer", "rank", "id", "priority", "text", "reason", "source",
                                           "channel", "owner"])
