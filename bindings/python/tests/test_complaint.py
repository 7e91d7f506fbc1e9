"""The built-in complaint machine (the churn path, the 1-2-3 law, the recovery sequence,
satisfaction at three stages) and the complaint audit, from Python."""

from decimal import Decimal

import pytest

import crmrules


def texts(session, kind):
    return [r.text for r in session.recommendations if r.kind == kind]


def test_a_complaint_handled_in_two_steps_turns_the_customer_loyal():
    s = crmrules.Session.builtin("complaint")
    assert s.state == "in_use"
    s.fire("rate", {"stage": "售后", "satisfaction": "不满意"}, time=1)
    assert s.state == "dissatisfied"
    s.fire("complain", {"channel": "dealer", "text": "delivered three weeks late"}, time=2)
    assert any("分析处理可行性" in t for t in texts(s, "step"))
    assert any("中间商处理" in t for t in texts(s, "advice"))
    s.fire("analyse", {"feasible": True, "cost": Decimal("8000.00")}, time=3)
    s.fire("correct", time=4)
    s.fire("compensate", {"amount": Decimal("2000.00")}, time=5)
    s.fire("follow_up", {"satisfaction": "satisfied"}, time=6)
    assert s.state == "recovered"
    assert len(texts(s, "opportunity")) == 3
    s.fire("opportunity", {"kind": "new_product"}, time=7)
    assert not any("开发新产品" in t for t in texts(s, "opportunity"))
    s.fire("close", time=8)
    assert s.state == "retained"  # closed without the loyalty opportunity
    assert s.is_final
    assert s.context["compensation"] == Decimal("2000.00")
    assert s.context["satisfaction_after_sale"] == "satisfied"
    assert [a.event for a in s.audit] == ["rate", "complain", "analyse", "correct", "compensate", "follow_up",
                                          "opportunity", "close"]


def test_an_event_out_of_order_is_refused_and_changes_nothing():
    s = crmrules.Session.builtin("complaint")
    s.fire("complain", {"channel": "maker"}, time=1)
    before = s.save_json()
    with pytest.raises(crmrules.IllegalTransition, match="allowed: rate, analyse, churn, anger"):
        s.fire("follow_up", {"satisfaction": "satisfied"}, time=2)
    s.fire("analyse", {"feasible": False}, time=2)
    with pytest.raises(crmrules.IllegalTransition, match="feasible"):
        s.fire("correct", time=3)  # step one found it cannot be put right
    assert s.state == "analysed"
    assert s.save_json() != before
    restored = crmrules.Session.restore_json(s.save_json())
    assert restored.state == "analysed"
    assert restored.context["rounds"] == 1


def test_still_dissatisfied_after_handling_ends_in_churn():
    s = crmrules.Session.builtin("complaint")
    s.fire("complain", {"channel": "on_site"}, time=1)
    s.fire("analyse", {"feasible": True}, time=2)
    s.fire("correct", time=3)
    s.fire("follow_up", {"satisfaction": "very_dissatisfied"}, time=4)
    assert s.state == "unrecovered"
    s.fire("churn", {"reason": "moved to a competitor"}, time=5)
    assert s.state == "churned"
    assert s.allowed_events == []


def test_the_complaint_audit_scores_the_seven_questions_and_lists_the_gaps():
    audit = crmrules.builtin_machines()
    answers = {"encourages_complaints": True, "encourages_voicing": False, "dedicated_unit": False,
               "chance_to_voice": True, "leadership_attention": True, "root_cause_plan": False,
               "knows_outcomes": True}
    out = audit.evaluate(answers)
    assert out["complaint_audit_score"] == 4
    assert out["complaint_audit_level"] == "gaps"
    assert out["complaint_audit_gaps"] == ["encourages_voicing", "dedicated_unit", "root_cause_plan"]
    assert len(out["complaint_audit_advice"]) == 3
    with pytest.raises(crmrules.Missing, match="knows_outcomes"):
        audit.evaluate({k: v for k, v in answers.items() if k != "knows_outcomes"})
