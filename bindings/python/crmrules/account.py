"""The key-account planner from Python: an account document in, a plan out (what the
seller knows, what is missing, what to do next, and why).

    import crmrules

    plan = crmrules.plan_account({
        "customer": {"name": "上市通信公司"},
        "stakeholders": [
            {"name": "办事处主任", "roles": ["decision_maker"]},
            {"name": "高层领导", "roles": ["influencer"], "attitude": "neutral"},
            {"name": "李主任", "roles": ["purchaser"], "attitude": "supporter",
             "behaviours": ["listened", "helped_customer"]},
        ],
    })
    plan.clarities_known                      # of len(plan.clarities), the deck's nine
    plan.type.id                              # "transactional", ...; "" while unknown
    for a in plan.next_actions:               # ranked, each with its reason and source
        print(a.priority, a.text.get("en"), "-", a.reason.get("en"), f"({a.source})")
    plan.to_text("zh"), plan.to_json(), plan.to_dict()

    planner = crmrules.AccountPlanner.builtin()                # shared, thread-safe
    text = crmrules.AccountPlanner.builtin_json()              # the rules: copy, change,
    mine = crmrules.AccountPlanner.from_rule_set(crmrules.RuleSet.load(changed))  # load
    mine.plan('{"customer": {"name": "东风集团"}}')           # dict, str or bytes

The document and the plan's JSON are described in docs/account.md. A document the
planner cannot read raises the library's exception (UnknownName for an unknown key,
role or attitude, with "did you mean"; Missing, TypeMismatch, ParseError, ...) with the
JSON pointer, line and column of the problem; a dict is dumped as JSON first
(ensure_ascii=False), so its line and column are those of json.dumps's one line.

Every text of the plan is a Text(zh, en): text.get("en") picks one language and falls
back to the other when it is empty; str(text) is the Chinese. An AccountPlan is a frozen
dataclass of frozen dataclasses and tuples: two plans of the same document are equal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ._types import Document
from ._ffi import call, ffi, lib, take_str
from ._model import ModelFace
from .ruleset import RuleSet
from .text import Text, _lang, _text

__all__ = [
    "AccountPlanner",
    "AccountPlan",
    "Text",
    "Clarity",
    "Role",
    "BuyingCentre",
    "StakeholderPlan",
    "AccountType",
    "Tactic",
    "CriterionPlan",
    "Step",
    "Action",
    "plan_account",
]

@dataclass(frozen=True)
class Clarity:
    """One of the nine clarities (九大明确): known or not, and the question to ask while
    it is open."""

    id: str
    name: Text
    known: bool
    question: Text


@dataclass(frozen=True)
class Role:
    """A buying-centre role, who holds it (stakeholders' names, in document order) and how
    to sell to them, or how to find one."""

    id: str
    name: Text
    holders: tuple[str, ...]
    advice: Text


@dataclass(frozen=True)
class BuyingCentre:
    """Every role of the rules, held or not; the ids of those nobody holds; the
    stakeholders' attitudes counted; the names of those whose needs are unknown."""

    roles: tuple[Role, ...]
    unheld: tuple[str, ...]
    supporters: int
    neutrals: int
    opponents: int
    unknown_attitudes: int
    needs_unknown: tuple[str, ...]


@dataclass(frozen=True)
class StakeholderPlan:
    """A stakeholder's relationship stars (0 to 5, from the seller's behaviours towards
    them) and what would raise them by one (raise_: the JSON's "raise"; empty at 5)."""

    name: str
    attitude: str
    needs_known: bool
    stars: int
    stars_name: Text
    raise_: Text


@dataclass(frozen=True)
class AccountType:
    """transactional, value_added or partnership ("" while the traits are unknown), what
    to focus on and how to sell."""

    id: str
    name: Text
    focus: Text
    selling: Text


@dataclass(frozen=True)
class Tactic:
    """An order trait of the account and the tactic for it."""

    trait: str
    name: Text
    tactic: Text


@dataclass(frozen=True)
class CriterionPlan:
    """A decision criterion's strategy (build, reinforce, raise_weight, lower_weight; ""
    when none applies) and its rank (1 lightest .. 4 heaviest; 0 none)."""

    name: str
    strategy: str
    rank: int
    advice: Text


@dataclass(frozen=True)
class Step:
    """The buying stage or the implementation phase ("" unknown) and what it calls for;
    critical marks the learning phase, the period that needs maintenance."""

    id: str
    name: Text
    advice: Text
    critical: bool


@dataclass(frozen=True)
class Action:
    """One of the next actions: lower priority first; source says where it came from (a
    rule and a JSON pointer: "clarities/who_decides", "stakeholders/2", ...)."""

    id: str
    priority: int
    text: Text
    reason: Text
    source: str


def _step(d: dict[str, Any]) -> Step:
    return Step(d.get("id", ""), _text(d.get("name")), _text(d.get("advice")), bool(d.get("critical", False)))


@dataclass(frozen=True)
class AccountPlan:
    """The plan of one account (crm::account::Plan), read from the library's JSON."""

    customer: str
    grade: str
    deal_size: str
    clarities: tuple[Clarity, ...]
    clarities_known: int
    buying_centre: BuyingCentre
    stakeholders: tuple[StakeholderPlan, ...]
    type: AccountType
    tactics: tuple[Tactic, ...]
    criteria: tuple[CriterionPlan, ...]
    stage: Step
    phase: Step
    next_actions: tuple[Action, ...]
    _json: str = field(default="", repr=False, compare=False)
    _handle: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def _from_handle(cls, handle: Any) -> AccountPlan:
        out = ffi.new("char **")
        call(lib.crm_account_plan_json, out, ffi.NULL, handle)
        return cls._from_json(take_str(out[0]), handle)

    @classmethod
    def _from_json(cls, text: str, handle: Any) -> AccountPlan:
        d = json.loads(text)
        centre = d["buying_centre"]
        return cls(
            customer=d.get("customer", ""),
            grade=d.get("grade", ""),
            deal_size=d.get("deal_size", ""),
            clarities=tuple(
                Clarity(c["id"], _text(c.get("name")), bool(c.get("known", False)), _text(c.get("question")))
                for c in d.get("clarities", [])
            ),
            clarities_known=int(d.get("clarities_known", 0)),
            buying_centre=BuyingCentre(
                roles=tuple(
                    Role(r["id"], _text(r.get("name")), tuple(r.get("holders", [])), _text(r.get("advice")))
                    for r in centre.get("roles", [])
                ),
                unheld=tuple(centre.get("unheld", [])),
                supporters=int(centre.get("supporters", 0)),
                neutrals=int(centre.get("neutrals", 0)),
                opponents=int(centre.get("opponents", 0)),
                unknown_attitudes=int(centre.get("unknown_attitudes", 0)),
                needs_unknown=tuple(centre.get("needs_unknown", [])),
            ),
            stakeholders=tuple(
                StakeholderPlan(
                    s["name"],
                    s.get("attitude", ""),
                    bool(s.get("needs_known", False)),
                    int(s.get("stars", 0)),
                    _text(s.get("stars_name")),
                    _text(s.get("raise")),
                )
                for s in d.get("stakeholders", [])
            ),
            type=AccountType(
                d["type"].get("id", ""), _text(d["type"].get("name")), _text(d["type"].get("focus")),
                _text(d["type"].get("selling")),
            ),
            tactics=tuple(Tactic(t["trait"], _text(t.get("name")), _text(t.get("tactic"))) for t in d.get("tactics", [])),
            criteria=tuple(
                CriterionPlan(c["name"], c.get("strategy", ""), int(c.get("rank", 0)), _text(c.get("advice")))
                for c in d.get("criteria", [])
            ),
            stage=_step(d.get("stage", {})),
            phase=_step(d.get("phase", {})),
            next_actions=tuple(
                Action(a["id"], int(a["priority"]), _text(a.get("text")), _text(a.get("reason")), a.get("source", ""))
                for a in d.get("next_actions", [])
            ),
            _json=text,
            _handle=handle,
        )

    def to_json(self) -> str:
        """The whole plan as the library writes it (docs/account.md), both languages."""
        return self._json

    def to_dict(self) -> dict[str, Any]:
        """to_json() parsed: the plan's JSON as a dict."""
        return json.loads(self._json)

    def to_text(self, lang: str = "zh") -> str:
        """A readable plan for a terminal, in lang ("zh" or "en"; names as given)."""
        code = _lang(lang)
        out = ffi.new("char **")
        call(lib.crm_account_plan_text, out, ffi.NULL, self._handle, code)
        return take_str(out[0])

    def __str__(self) -> str:
        return self.to_text("zh")


def _document(doc: Any) -> bytes:
    if isinstance(doc, dict):
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if isinstance(doc, str):
        return doc.encode("utf-8", "surrogatepass")  # a lone surrogate: the library's InvalidUtf8
    if isinstance(doc, (bytes, bytearray, memoryview)):
        return bytes(doc)
    raise TypeError(f"an account document is a dict or JSON text (str or bytes), not {type(doc).__name__}")


class AccountPlanner(ModelFace):
    """Plans accounts with the built-in account rules (builtin()) or a rule set's
    "account" section (from_rule_set()). Immutable: share it between threads."""

    __slots__ = ()
    _c_type = "crm_account_planner"
    _c_prefix = "crm_account_planner"
    _c_builtin_json = "crm_account_builtin_json"

    def plan(self, doc: Document) -> AccountPlan:
        """The plan of an account document: a dict, or its JSON text (str or bytes)."""
        data = _document(doc)
        out = ffi.new("crm_account_plan **")
        call(lib.crm_account_planner_plan, out, self._handle, data, len(data))
        return AccountPlan._from_handle(ffi.gc(out[0], lib.crm_account_plan_free))

    def __repr__(self) -> str:
        return "<crmrules.AccountPlanner builtin>" if self is AccountPlanner._builtin else "<crmrules.AccountPlanner>"


def plan_account(doc: Document, rules: RuleSet | AccountPlanner | None = None) -> AccountPlan:
    """The plan of an account document (a dict, or JSON text) with the built-in account
    rules, or with rules: a RuleSet with an "account" section, or an AccountPlanner."""
    return AccountPlanner.of(rules).plan(doc)
