"""crmrules.AccountPlanner and plan_account: the deck's camera case planned by the built-in
rules, an account with a name only, bad documents named by pointer, line and column,
dict and JSON text alike, a changed copy of the built-in rules, plans from many threads."""

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import crmrules

# The deck's camera case: digital cameras as gifts for a listed telecom company. 23
# office heads (办事处主任) decide, top management (高层领导) influences, Director Li
# (李主任) purchases.
CAMERA = Path(__file__).parents[3] / "tests/cli/account_camera.json"


@pytest.fixture(scope="module")
def camera():
    return json.loads(CAMERA.read_text(encoding="utf-8"))


def test_camera_case(camera):
    plan = crmrules.plan_account(camera)
    assert isinstance(plan, crmrules.AccountPlan)
    assert (plan.customer, plan.grade, plan.deal_size) == ("上市通信公司", "A1", "large")

    # The nine clarities, in the deck's order; some are known, each open one has a question.
    assert len(plan.clarities) == 9
    assert all(isinstance(c, crmrules.Clarity) and c.id and c.name.zh and c.name.en for c in plan.clarities)
    assert plan.clarities_known == sum(c.known for c in plan.clarities)
    assert 0 < plan.clarities_known < 9
    assert all(c.question for c in plan.clarities if not c.known)
    by_id = {c.id: c for c in plan.clarities}
    assert by_id["who_decides"].known  # the office heads hold the decision

    # The buying centre: who holds which role, attitudes counted.
    centre = plan.buying_centre
    roles = {r.id: r for r in centre.roles}
    assert roles["decision_maker"].holders == ("办事处主任",)
    assert roles["influencer"].holders == ("高层领导",)
    assert roles["purchaser"].holders == ("李主任",)
    assert "decision_maker" not in centre.unheld and "gatekeeper" in centre.unheld
    assert set(centre.unheld) == {r.id for r in centre.roles if not r.holders}
    assert (centre.supporters, centre.neutrals, centre.opponents, centre.unknown_attitudes) == (1, 1, 0, 1)
    assert set(centre.needs_unknown) == {"办事处主任", "高层领导"}

    # Relationship stars: Director Li was listened to, shares interests, was helped.
    stars = {s.name: s for s in plan.stakeholders}
    assert [s.name for s in plan.stakeholders] == ["办事处主任", "高层领导", "李主任"]
    assert stars["李主任"].stars == 3 and stars["李主任"].needs_known
    assert stars["李主任"].stars_name.zh and stars["李主任"].raise_.zh
    assert stars["办事处主任"].stars == 0 and not stars["办事处主任"].needs_known

    # Standard, easily replaced, no cooperation: transactional.
    assert plan.type.id == "transactional" and plan.type.name and plan.type.selling
    assert [t.trait for t in plan.tactics] == ["big_decision_impact", "fierce_competition", "cyclical_buying"]
    assert all(t.tactic.zh for t in plan.tactics)
    assert [c.name for c in plan.criteria] == ["礼品的档次", "价格"]
    assert plan.stage.id == "evaluation" and plan.stage.advice

    # Next actions: ranked by priority, each with text, reason and source in both languages.
    actions = plan.next_actions
    assert actions and all(isinstance(a, crmrules.Action) for a in actions)
    assert [a.priority for a in actions] == sorted(a.priority for a in actions)
    for a in actions:
        assert a.id and a.source and a.text.zh and a.text.en and a.reason.get("en")

    # The text and JSON forms.
    zh = plan.to_text()
    assert "上市通信公司" in zh and "李主任" in zh and str(plan) == zh
    en = plan.to_text("en")
    assert "上市通信公司" in en and en != zh
    d = plan.to_dict()
    assert d == json.loads(plan.to_json())
    assert d["customer"] == "上市通信公司" and d["clarities_known"] == plan.clarities_known
    assert d["stakeholders"][2]["raise"] == {"zh": stars["李主任"].raise_.zh, "en": stars["李主任"].raise_.en}
    assert [a["id"] for a in d["next_actions"]] == [a.id for a in actions]


def test_customer_name_only_leaves_all_nine_clarities_open():
    plan = crmrules.plan_account({"customer": {"name": "东风集团"}})
    assert plan.customer == "东风集团" and plan.grade == "" and plan.deal_size == ""
    assert len(plan.clarities) == 9 and plan.clarities_known == 0
    assert not any(c.known for c in plan.clarities)
    assert plan.stakeholders == () and plan.criteria == () and plan.tactics == ()
    assert set(plan.buying_centre.unheld) == {r.id for r in plan.buying_centre.roles}
    assert plan.type.id == "" and plan.stage.id == "" and plan.phase.id == ""
    assert plan.next_actions  # what to find out first
    sources = {a.source for a in plan.next_actions}
    assert any(s.startswith("clarities/") for s in sources)


def test_text_picks_a_language_and_falls_back():
    t = crmrules.Text("抓头或控头", "reach the head")
    assert (t.get(), t.get("zh"), t.get("en"), str(t)) == ("抓头或控头", "抓头或控头", "reach the head", "抓头或控头")
    assert crmrules.Text("只有中文", "").get("en") == "只有中文"
    assert crmrules.Text("", "English only").get("zh") == "English only"
    assert not crmrules.Text() and crmrules.Text("a")
    with pytest.raises(crmrules.InvalidArgument, match="unknown language 'fr'"):
        t.get("fr")


def test_bad_document_has_pointer_line_and_column():
    doc = '{"customer": {"name": "上市通信公司"},\n "stakeholders": [{"name": "李主任", "atitude": "supporter"}]}'
    with pytest.raises(crmrules.UnknownName) as info:
        crmrules.plan_account(doc)
    e = info.value
    assert e.code == "unknown_name" and isinstance(e, KeyError)
    assert e.pointer == "/stakeholders/0/atitude"
    assert e.line == 2 and e.column > 1
    assert "attitude" in e.message  # did you mean


def test_bad_values_and_text():
    with pytest.raises(crmrules.UnknownName) as info:
        crmrules.plan_account({"customer": {"name": "x"}, "stakeholders": [{"name": "a", "roles": ["decider"]}]})
    assert info.value.pointer == "/stakeholders/0/roles/0"
    with pytest.raises(crmrules.ParseError) as info:
        crmrules.plan_account('{"customer": {"name": "x"},\n\n ]')
    assert info.value.line == 3
    with pytest.raises(crmrules.Missing):
        crmrules.plan_account({"customer": {"grade": "A1"}})
    with pytest.raises(crmrules.InvalidUtf8) as info:
        crmrules.plan_account(b'{"customer": {"name": "\xff"}}')
    assert info.value.offset == 23
    with pytest.raises(TypeError, match="dict or JSON text"):
        crmrules.plan_account(["not", "a", "document"])


def test_dict_str_and_bytes_give_the_same_plan(camera):
    text = CAMERA.read_text(encoding="utf-8")
    planner = crmrules.AccountPlanner.builtin()
    from_dict = planner.plan(camera)
    from_str = planner.plan(text)
    from_bytes = planner.plan(text.encode("utf-8"))
    assert from_dict == from_str == from_bytes
    assert from_dict.to_json() == from_str.to_json() == from_bytes.to_json()
    assert crmrules.plan_account(text) == from_dict
    assert crmrules.AccountPlanner.builtin() is planner


def test_to_text_languages(camera):
    plan = crmrules.plan_account(camera)
    assert plan.to_text("zh") != plan.to_text("en")
    with pytest.raises(crmrules.InvalidArgument, match="unknown language 'de'"):
        plan.to_text("de")


def test_from_rule_set_with_a_changed_copy_of_the_builtin_rules(camera):
    text = crmrules.AccountPlanner.builtin_json()
    assert '"account"' in text
    # An unchanged copy plans as the built-in planner does.
    same = crmrules.AccountPlanner.from_rule_set(crmrules.RuleSet.load(text))
    assert same.plan(camera) == crmrules.plan_account(camera)
    # A changed text of the rules (the deck's 明决策拍板是谁) shows in the plan.
    assert "决策拍板是谁" in text
    changed = crmrules.RuleSet.load(text.replace("决策拍板是谁", "谁拍板(改过的规则)"))
    mine = crmrules.plan_account({"customer": {"name": "东风集团"}}, rules=changed)
    who = next(c for c in mine.clarities if c.id == "who_decides")
    assert "谁拍板(改过的规则)" in who.name.zh
    assert "谁拍板(改过的规则)" in mine.to_json() and "谁拍板(改过的规则)" in mine.to_text("zh")
    builtin = crmrules.plan_account({"customer": {"name": "东风集团"}})
    assert "谁拍板(改过的规则)" not in builtin.to_json()
    # The planner keeps what it needs; a planner object is accepted too.
    planner = crmrules.AccountPlanner.from_rule_set(changed)
    del changed
    assert crmrules.plan_account({"customer": {"name": "东风集团"}}, rules=planner) == mine


def test_a_rule_set_without_account_rules_has_no_planner():
    with pytest.raises(crmrules.InvalidRule):
        crmrules.AccountPlanner.from_rule_set(crmrules.builtin())
    with pytest.raises(TypeError, match="RuleSet"):
        crmrules.AccountPlanner.from_rule_set("not a rule set")


def test_plans_from_several_threads_are_equal(camera):
    planner = crmrules.AccountPlanner.builtin()
    expected = planner.plan(camera)
    with ThreadPoolExecutor(max_workers=8) as pool:
        plans = list(pool.map(lambda _: planner.plan(camera), range(64)))
        texts = list(pool.map(lambda p: p.to_text("en"), plans))
    assert all(p == expected for p in plans)
    assert all(p.to_json() == expected.to_json() for p in plans)
    assert set(texts) == {expected.to_text("en")}


def test_plans_are_frozen(camera):
    plan = crmrules.plan_account(camera)
    with pytest.raises(AttributeError):
        plan.customer = "other"  # type: ignore[misc]
    hash(plan.next_actions[0])
