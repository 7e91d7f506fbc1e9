"""crmrules.next_actions: a customer document (dicts, saved sessions as dicts or text) in,
the ranked actions with their reasons, channels and owners out; a frame of many
customers; bad documents refused with their place; a vendor's own rules."""

import json
import pathlib
from decimal import Decimal

import pytest

import crmrules

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "examples" / "next"


def test_the_example_customer():
    advice = crmrules.next_actions(json.loads((EXAMPLES / "dongfeng.json").read_text(encoding="utf-8")))
    assert [a.id for a in advice.actions] == ["handle_complaint", "keep_commitments", "resolve_objection",
                                              "develop_needs", "clarify_account", "maintenance_communication"]
    first = advice.actions[0]
    assert (first.rank, first.priority, first.channel, first.owner) == (1, Decimal("99"), "visit", "complaint_centre")
    assert first.text.get("zh") == "处理投诉:快速纠错、合理补偿、跟踪观察"
    assert advice.facts["open_complaints"] == 1 and advice.facts["satisfaction"] == 2
    assert [l.id for l in advice.levers] == ["service", "brand", "company"]
    assert "1. Handle the complaint" in advice.to_text("en")


def test_sessions_from_python_and_the_hot_facts():
    s = crmrules.Session.builtin("lscpa")
    s.fire("objection", {"kind": "credibility", "text": "我从未听说过你的公司"}, time=1)
    c = crmrules.Session.builtin("complaint")
    c.fire("complain", {"channel": "dealer"}, time=1)
    c.fire("anger", {"reason": "没人理"}, time=2)
    advice = crmrules.next_actions({"grading": {"value_grade": "B2"}, "sessions": [s.save_json()],
                                    "complaints": [json.loads(c.save_json())]})
    assert [a.id for a in advice.actions][:2] == ["win_back", "resolve_objection"]
    assert advice.facts["objection_kind"] == "credibility"
    assert advice.actions[1].reason.get("en") == "1 objection(s) unresolved (credibility)"


def test_many_customers_as_a_frame():
    frame = crmrules.next_actions_frame([
        {"customer": {"id": "A"}, "grading": {"value_grade": "C1", "loyalty_level": "repeat"}},
        {"customer": {"id": "B"}, "grading": {"value_grade": "A1", "loyalty_level": "partner"}},
    ], lang="en")
    assert list(frame.customer) == ["A", "A", "B", "B"]
    assert list(frame.id) == ["promotion", "maintenance_communication", "relationship_upkeep",
                              "maintenance_communication"]
    assert list(frame.channel)[:3] == ["sms", "phone", "personal"]


def test_bad_documents_and_a_vendors_rules():
    with pytest.raises(crmrules.UnknownName, match="did you mean 'complaints'") as e:
        crmrules.next_actions({"complaint": []})
    assert e.value.pointer == "/complaint"
    with pytest.raises(crmrules.OutOfRange, match="7-point scale"):
        crmrules.next_actions({"satisfaction": {"in_sale": "so-so"}})
    with pytest.raises(crmrules.Missing, match="at /sessions/0"):
        crmrules.next_actions({"sessions": [{"crmrules_session": 1}]})
    with pytest.raises(TypeError):
        crmrules.next_actions(42)
    text = crmrules.NextBestAction.builtin_json().replace('"25 + grade_weight"', '"99"')
    rules = crmrules.RuleSet.load(text)
    mine = crmrules.NextBestAction.from_rule_set(rules)
    advice = crmrules.next_actions({"grading": {"value_grade": "C2"}, "satisfaction": {"after_sale": 2}}, rules=mine)
    assert [a.id for a in advice.actions][0] == "promotion"
    with pytest.raises(crmrules.InvalidRule):
        crmrules.NextBestAction.from_rule_set(crmrules.builtin())
