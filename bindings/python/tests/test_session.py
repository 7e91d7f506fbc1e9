"""crmrules.Session: the built-in SPIN, FABE and LSCPA machines walked through the deck's
examples, a rule set's own machine, values in and out, saving and restoring, and every
error path leaving the session as it was."""

import copy
import json
import datetime
import pickle
from decimal import Decimal

import pytest

import crmrules

ORDERS = """{
  "crmrules": 1, "name": "orders", "version": "%s", "inputs": {}, "decisions": [],
  "machines": {"order": {
    "context": {"total": {"type": "decimal", "default": 0}, "lines": {"type": "integer", "max": 2, "default": 0},
                "due": {"type": "date"}},
    "events": {"add": {"data": {"amount": {"type": "decimal", "required": true}, "due": {"type": "date"}}},
               "divide": {"data": {"by": {"type": "decimal", "required": true}}},
               "ship": {}, "split": {"data": {"parts": {"type": "decimal"}}}},
    "states": {"draft": {"initial": true}, "shipped": {"final": true}},
    "transitions": [
      {"from": "draft", "on": "add", "set": {"total": "total + event.amount", "lines": "lines + 1", "due": "event.due ?? due"}},
      {"from": "draft", "on": "divide", "set": {"total": "total / event.by"}},
      {"from": "draft", "on": "ship", "to": "shipped", "when": "total > %s"},
      {"from": "draft", "on": "split", "when": "total / event.parts > 1"}]}}
}"""


@pytest.fixture()
def rules():
    return crmrules.RuleSet.load(ORDERS % ("1.0", "0"))


@pytest.fixture()
def order(rules):
    return crmrules.Session(rules, "order")


def test_lscpa_price_objection_resolved():
    s = crmrules.Session.builtin("lscpa")
    assert s.state == "listen" and s.lang == "zh"
    assert s.fire("objection", {"kind": "price_value", "text": "looks good but too expensive"}, time=1) == "share"
    kinds = {r.kind: r.text for r in s.recommendations}
    assert "除非你能证明你的产品是物有所值" in kinds["latent_requirement"]
    english = {r.kind: r for r in s.recommendations_in("en-GB")}
    assert "prove it is value for money" in english["latent_requirement"].text
    assert english["latent_requirement"].lang == "en" and not english["latent_requirement"].fallback
    assert s.lang == "zh"
    s.fire("shared", time=2)
    questions = [r for r in s.recommendations if r.kind == "question"]
    assert questions[0].items[0] == "1、您是指的价格贵吗?"
    s.lang = "en"
    with pytest.raises(crmrules.IllegalTransition):
        s.fire("clarified", time=3)  # judge true or false first
    s.fire("judged", {"true_objection": True, "note": "same model is cheaper online"}, time=3)
    s.fire("clarified", time=4)
    assert any("total cost" in r.text for r in s.recommendations)
    s.fire("presented", {"proposal": "five-year total cost"}, time=5)
    s.fire("accepted", time=6)
    assert s.state == "resolved" and s.is_final
    assert s.allowed_events == []
    assert s.context["true_objection"] is True
    assert [e.event for e in s.audit] == ["objection", "shared", "judged", "clarified", "presented", "accepted"]
    assert s.audit[0].data == {"kind": "price_value", "text": "looks good but too expensive"}
    assert s.audit[0].from_state == "listen" and s.audit[0].to_state == "share"


def test_spin_turns_a_latent_need_explicit():
    s = crmrules.Session.builtin("spin", lang="en")
    s.fire("situation_question", {"question": "How long have you used it?", "finding": "eight years"}, time=1)
    s.fire("problem_question", {"finding": "it breaks down often", "need": "uptime", "category": "reliability",
                                "level": "value"}, time=2)
    need = s.need("uptime")
    assert need is not None and not need.explicit and not need.buying_signal
    assert need.problems == ["it breaks down often"]
    s.fire("present_benefit", {"benefit": "never jams"}, time=3)
    assert any(r.kind == "warning" and "Premature presentation" in r.text for r in s.recommendations)
    s.fire("implication_question", {"need": "uptime", "implication": "the line stops for half a shift"}, time=4)
    s.fire("need_payoff_question", {"need": "uptime", "payoff": "we would meet every delivery date"}, time=5)
    need = s.need("uptime")
    assert need.explicit and need.buying_signal and need.level == "value" and need.owner == "organisational"
    assert s.state == "need_payoff"
    assert s.context["premature_presentations"] == 1


def test_spin_small_deal_latent_need_is_a_buying_signal():
    s = crmrules.Session.builtin("spin")
    s.fire("problem_question", {"need": "speed"}, time=1)
    assert not s.needs[0].buying_signal
    s.fire("set_deal", {"size": "small"}, time=2)
    assert s.needs[0].buying_signal and not s.needs[0].explicit


def test_spin_small_deal_presents_against_a_latent_need_and_commits():
    s = crmrules.Session.builtin("spin", lang="en")
    s.fire("set_deal", {"size": "small"}, time=1)
    s.fire("problem_question", {"need": "speed"}, time=2)
    assert any(r.kind == "next_step" and r.text.startswith("Small deal") for r in s.recommendations)
    assert s.fire("present_benefit", {"need": "speed", "benefit": "orders in a day"}, time=3) == "presenting"
    assert s.context["premature_presentations"] == 0
    assert not any("Premature presentation" in r.text for r in s.recommendations)
    assert s.fire("commitment", time=4) == "advanced"


def test_spin_large_deal_refuses_an_early_commitment():
    s = crmrules.Session.builtin("spin")
    s.fire("problem_question", {"need": "speed"}, time=1)
    assert s.fire("present_benefit", {"need": "speed", "benefit": "orders in a day"}, time=2) == "problem"
    assert s.context["premature_presentations"] == 1
    with pytest.raises(crmrules.IllegalTransition):
        s.fire("commitment", time=3)


def test_lscpa_accepted_without_satisfaction_check_leaves_the_last_steps_open():
    s = crmrules.Session.builtin("lscpa", lang="en")
    for t, (event, data) in enumerate([("objection", {"kind": "price_value"}), ("shared", None),
                                       ("judged", {"true_objection": True}), ("clarified", None),
                                       ("presented", None), ("accepted", None)], start=1):
        s.fire(event, data, time=t)
    assert s.state == "resolved"
    assert not s.context["locked"] and not s.context["next_action_agreed"]
    assert any(r.kind == "warning" and "without checking satisfaction" in r.text for r in s.recommendations)


def test_languages_unknown_and_fallback():
    with pytest.raises(crmrules.InvalidArgument, match="unknown language 'fr'"):
        crmrules.Session.builtin("spin", lang="fr")
    s = crmrules.Session.builtin("fabe")
    with pytest.raises(crmrules.InvalidArgument):
        s.lang = "de"
    assert s.lang == "zh"
    rules = crmrules.RuleSet.load(json.dumps({
        "crmrules": 1, "name": "t", "version": "1", "inputs": {}, "decisions": [],
        "machines": {"m": {"events": {"go": {}}, "transitions": [{"from": "a", "on": "go", "to": "b"}],
                           "states": {"a": {"initial": True, "recommend": [{"text": "只有中文"}]}, "b": {"final": True}}}}}))
    shown = crmrules.Session(rules, "m", lang="en").recommendations[0]
    assert (shown.text, shown.lang, shown.fallback) == ("只有中文", "en", True)


def test_classifiers_from_the_customers_words():
    lscpa = crmrules.Session.builtin("lscpa")
    assert lscpa.classifiers == ["objection_kind"]
    c = lscpa.classify("objection_kind", "这个电脑看起来好是好,就是价格太贵了")
    assert c == crmrules.Classification("objection_kind", "price_value", "price_value", True)
    assert lscpa.classify("objection_kind", "我再想想") == crmrules.Classification("objection_kind", None, None, False)
    with pytest.raises(crmrules.UnknownName, match="did you mean 'objection_kind'"):
        lscpa.classify("objection_knd", "太贵了")
    lscpa.fire("objection", {"text": "我只想四处逛逛,看看有没有什么别的合适产品。"}, time=1)
    assert lscpa.context["objection_kind"] == "just_looking" and lscpa.context["kind_recognised"]
    spin = crmrules.Session.builtin("spin")
    assert spin.classify("question_form", "你对这个事情是怎样看待的呢?").label == "open"
    spin.fire("problem_question", {"question": "您是直接要买呢还是先顺便了解一下?"}, time=1)
    assert spin.audit[0].data["form"] == "closed" and spin.context["closed_asked"] == 1


def test_lscpa_busy_objection_in_the_decks_word():
    s = crmrules.Session.builtin("lscpa")
    s.fire("objection", {"kind": "忙", "text": "我很忙,没有时间去听课。"}, time=1)
    assert s.context["objection_kind"] == "busy"
    assert any("忙是很自然的" in r.text for r in s.recommendations)
    with pytest.raises(crmrules.CrmError, match="很闲"):
        crmrules.Session.builtin("lscpa").fire("objection", {"kind": "很闲"}, time=1)


def test_fabe_benefit_statements_with_evidence():
    s = crmrules.Session.builtin("fabe")
    s.fire("need", {"need": "bills", "category": "economy", "explicit": True}, time=1)
    s.fire("present", time=2)
    [b] = s.benefits
    assert b.feature == "自动计时" and b.need == "bills" and b.evidence == []
    assert b.benefit == "无需担心睡着;不会浪费电;也不会错过好节目" and b.lang == "zh" and not b.fallback
    assert s.benefits_in("en")[0].feature == "timer"
    r, remember = s.recommendations
    assert r.kind == "benefit" and r.items == b.evidence
    assert remember.text == "切记:“人们所购买的不是特点;而是利益。”"


def test_values_in_and_out(order):
    order.fire("add", {"amount": Decimal("12.50"), "due": datetime.date(2024, 3, 31)}, time=1)
    order.fire("add", {"amount": 3}, time=2)
    assert order.context == {"total": Decimal("15.50"), "lines": 2, "due": "2024-03-31"}
    assert order.audit[0].data == {"amount": Decimal("12.50"), "due": "2024-03-31"}
    with pytest.raises(crmrules.TypeMismatch) as e:
        order.fire("add", {"amount": 1.5}, time=3)
    assert e.value.pointer == "/amount"
    with pytest.raises(TypeError):
        order.fire("add", [1], time=3)
    with pytest.raises(TypeError):
        order.fire("add", {"amount": 1}, time="now")


def test_errors_leave_the_session_unchanged(order):
    order.fire("add", {"amount": 5}, time=10)
    before = order.save_json()
    with pytest.raises(crmrules.UnknownName, match="did you mean 'ship'"):
        order.fire("shipp", time=11)
    with pytest.raises(crmrules.UnknownName):
        order.fire("add", {"amont": 1}, time=11)
    with pytest.raises(crmrules.Missing):
        order.fire("add", time=11)
    with pytest.raises(crmrules.DivisionByZero) as e:
        order.fire("divide", {"by": 0}, time=11)
    assert e.value.pointer == "/machines/order/transitions/1"
    with pytest.raises(crmrules.DivisionByZero, match="guard 'total / event.parts > 1' failed") as e:
        order.fire("split", {"parts": 0}, time=11)
    assert e.value.pointer == "/machines/order/transitions/3"
    with pytest.raises(crmrules.OutOfRange):
        order.fire("add", {"amount": 1}, time=9)  # time goes backwards
    order.fire("add", {"amount": 1}, time=11)
    two = order.save_json()
    with pytest.raises(crmrules.OutOfRange):  # lines max 2
        order.fire("add", {"amount": 1}, time=12)
    assert order.save_json() == two != before


def test_illegal_event_lists_allowed_events():
    s = crmrules.Session.builtin("lscpa")
    with pytest.raises(crmrules.IllegalTransition) as e:
        s.fire("accepted", time=1)
    assert "(allowed: objection, step_done, escalate)" in str(e.value)
    assert s.state == "listen" and s.audit == []


def test_unknown_machine(rules):
    with pytest.raises(crmrules.UnknownName, match="machines: order"):
        crmrules.Session(rules, "ordr")
    with pytest.raises(crmrules.UnknownName):
        crmrules.Session.builtin("swot")


def test_datetime_times(order):
    order.fire("add", {"amount": 1}, time=datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc))
    assert order.audit[0].time == 1704067200000
    order.fire("add", {"amount": 1}, time=datetime.datetime(2024, 1, 1, 0, 0, 1))  # naive: UTC
    assert order.audit[1].time == 1704067201000


def test_save_and_restore(rules, order):
    order.fire("add", {"amount": Decimal("12345678.123456789")}, time=1)
    data = order.save()
    assert data[:4] == b"CRMS"
    back = crmrules.Session.restore(data, rules)
    assert back.save_json() == order.save_json()
    assert back.context["total"] == Decimal("12345678.123456789")
    back.fire("ship", time=2)
    assert back.state == "shipped" and order.state == "draft"
    from_json = crmrules.Session.restore_json(order.save_json(), rules)
    assert from_json.save() == data


def test_a_reworded_machine_restores_its_sessions(rules, order):
    """Texts, descriptions, versions and key order are not what a session depends on."""
    order.fire("add", {"amount": Decimal("2.5")}, time=1)
    reworded = (ORDERS % ("2.0", "0")).replace(
        '"states": {"draft": {"initial": true}',
        '"description": "订单", "version": "2.0", '
        '"states": {"draft": {"recommend": [{"text": {"zh": "发货", "en": "ship it"}}], "initial": true}')
    reworded_rules = crmrules.RuleSet.load(reworded)
    for back in (crmrules.Session.restore(order.save(), reworded_rules),
                 crmrules.Session.restore_json(order.save_json(), reworded_rules)):
        assert back.context["total"] == Decimal("2.5")
        assert [r.text for r in back.recommendations_in("en")] == ["ship it"]


def test_restore_errors(rules, order):
    order.fire("add", {"amount": 1}, time=1)
    data = order.save()
    with pytest.raises(crmrules.Corrupt, match="truncated"):
        crmrules.Session.restore(data[:-3], rules)
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 0x10
    with pytest.raises(crmrules.Corrupt):
        crmrules.Session.restore(damaged, rules)
    changed = crmrules.RuleSet.load(ORDERS % ("1.1", "100"))
    with pytest.raises(crmrules.VersionMismatch, match="has changed since the session was saved"):
        crmrules.Session.restore(data, changed)
    with pytest.raises(crmrules.VersionMismatch) as e:
        crmrules.Session.restore_json(order.save_json(), changed)
    assert e.value.pointer == "/definition" and e.value.line == 1
    with pytest.raises(crmrules.VersionMismatch):
        crmrules.Session.restore(data)  # saved under "orders", not the built-in machines
    with pytest.raises(crmrules.ParseError):
        crmrules.Session.restore_json("{", rules)


def _format1_checksum(body):
    """Format 1's checksum (FNV-1a over little-endian 64-bit words, each step carrying the
    high half down, then an avalanche), written here from the format's description."""
    mask = (1 << 64) - 1
    h = 0xCBF29CE484222325 ^ len(body)
    whole = len(body) - len(body) % 8
    for i in range(0, whole, 8):
        h = ((h ^ int.from_bytes(body[i:i + 8], "little")) * 0x100000001B3) & mask
        h ^= h >> 32
    for b in body[whole:]:
        h = ((h ^ b) * 0x100000001B3) & mask
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & mask
    return (h ^ (h >> 33)).to_bytes(8, "little")


def test_restore_reads_format_1_and_refuses_later_formats(rules, order):
    order.fire("add", {"amount": 3}, time=1)
    data = order.save()
    assert data[4] == 2
    old = bytearray(data)
    old[4] = 1
    old[-8:] = _format1_checksum(bytes(old[:-8]))
    back = crmrules.Session.restore(bytes(old), rules)
    assert back.save() == data  # saved again in format 2
    future = bytearray(data)
    future[4] = 4
    with pytest.raises(crmrules.VersionMismatch, match="format 4 is not supported"):
        crmrules.Session.restore(bytes(future), rules)


KEY = bytes.fromhex("3a9107c255e81f6da04b9912fe7028d3640cb7815e2ac9364fe1089d73ba1560")


def test_sealed_sessions_round_trip(rules, order):
    order.fire("add", {"amount": Decimal("12.50"), "due": datetime.date(2024, 5, 1)}, time=1)
    sealed = order.save(key=KEY)
    assert sealed[4] == 3 and len(sealed) == len(order.save()) + 24
    back = crmrules.Session.restore(sealed, rules, key=KEY)
    assert back.save_json() == order.save_json()
    assert crmrules.Session.restore(sealed, rules, key=bytearray(KEY)).state == "draft"
    sealed_json = order.save_json(key=memoryview(KEY))
    assert '"seal": "hmac-sha256:' in sealed_json
    assert crmrules.Session.restore_json(sealed_json, rules, key=KEY).save_json() == order.save_json()


def test_every_changed_byte_of_a_sealed_session_is_refused(rules, order):
    order.fire("add", {"amount": 3}, time=1)
    sealed = order.save(key=KEY)
    for i in range(len(sealed)):
        changed = bytearray(sealed)
        changed[i] ^= 0x01
        with pytest.raises((crmrules.Unauthenticated, crmrules.Corrupt, crmrules.VersionMismatch)):
            crmrules.Session.restore(bytes(changed), rules, key=KEY)
    with pytest.raises(crmrules.Unauthenticated, match="the seal does not match"):
        crmrules.Session.restore(sealed[:30] + bytes([sealed[30] ^ 1]) + sealed[31:], rules, key=KEY)
    text = order.save_json(key=KEY).replace('"total": 3', '"total": 4')
    with pytest.raises(crmrules.Unauthenticated) as e:
        crmrules.Session.restore_json(text, rules, key=KEY)
    assert e.value.pointer == "/seal" and e.value.code == "unauthenticated"


def test_unsealed_under_a_key_sealed_without_one_and_another_key_are_refused(rules, order):
    order.fire("add", {"amount": 3}, time=1)
    with pytest.raises(crmrules.Unauthenticated, match="not sealed"):
        crmrules.Session.restore(order.save(), rules, key=KEY)
    with pytest.raises(crmrules.Unauthenticated, match="not sealed"):
        crmrules.Session.restore_json(order.save_json(), rules, key=KEY)
    with pytest.raises(crmrules.Unauthenticated, match="restore it with the key"):
        crmrules.Session.restore(order.save(key=KEY), rules)
    with pytest.raises(crmrules.Unauthenticated, match="restore it with the key"):
        crmrules.Session.restore_json(order.save_json(key=KEY), rules)
    other = bytes([KEY[0] ^ 1]) + KEY[1:]
    with pytest.raises(crmrules.Unauthenticated):
        crmrules.Session.restore(order.save(key=KEY), rules, key=other)
    with pytest.raises(crmrules.Unauthenticated):
        crmrules.Session.restore_json(order.save_json(key=KEY), rules, key=other)


def test_session_keys_are_bytes_of_at_least_16(rules, order):
    with pytest.raises(crmrules.InvalidArgument, match="at least 16 bytes"):
        order.save(key=KEY[:15])
    with pytest.raises(crmrules.InvalidArgument, match="not 0"):
        order.save_json(key=b"")
    with pytest.raises(crmrules.InvalidArgument):
        crmrules.Session.restore(order.save(), rules, key=KEY[:15])
    with pytest.raises(TypeError, match="not str"):
        order.save(key=KEY.hex())
    with pytest.raises(TypeError, match="not int"):
        crmrules.Session.restore(order.save(), rules, key=5)
    assert crmrules.Session.restore(order.save(key=KEY[:16]), rules, key=KEY[:16]).state == "draft"


def test_json_sessions_without_a_key_are_checked_strictly(rules, order):
    order.fire("add", {"amount": 3}, time=1)
    order.fire("add", {"amount": 4}, time=2)
    text = order.save_json()
    assert crmrules.Session.restore_json(text, rules).save_json() == text
    # "context": {} no longer resets the counters: every field must be there.
    emptied = text[: text.index('"context": {')] + '"context": {}' + text[text.index(', "needs"') :]
    with pytest.raises(crmrules.Missing) as e:
        crmrules.Session.restore_json(emptied, rules)
    assert e.value.pointer == "/context/total"
    # A counter set back: replaying the audit trail gives another.
    with pytest.raises(crmrules.Corrupt, match="replaying the audit trail gives 2") as e:
        crmrules.Session.restore_json(text.replace('"lines": 2', '"lines": 1'), rules)
    assert e.value.pointer == "/context/lines" and e.value.line == 1
    # An emptied audit trail, and a forged state.
    with pytest.raises(crmrules.Corrupt) as e:
        crmrules.Session.restore_json(text[: text.index('"audit": [')] + '"audit": []}', rules)
    assert e.value.pointer == "/last_transition"
    with pytest.raises(crmrules.Corrupt) as e:
        crmrules.Session.restore_json(text.replace('"state": "draft"', '"state": "shipped"'), rules)
    assert e.value.pointer == "/state"


def test_a_session_is_a_value(order):
    order.fire("add", {"amount": 1}, time=1)
    twin = copy.copy(order)
    twin.fire("ship", time=2)
    assert order.state == "draft" and twin.state == "shipped"
    assert copy.deepcopy(order).save() == order.save()
    spin = crmrules.Session.builtin("spin")
    spin.fire("situation_question", time=1)
    assert pickle.loads(pickle.dumps(spin)).save() == spin.save()
    with pytest.raises(TypeError):
        pickle.dumps(order)
    assert repr(spin) == "<crmrules.Session 'spin' in state 'situation'>"
    assert spin.states[spin.state_index] == "situation"


def test_builtin_machines_rule_set():
    assert crmrules.builtin_machines().name == "crmrules-machines"
    text = crmrules.builtin_machines_json()
    assert '"lscpa"' in text
    own = crmrules.RuleSet.load(text.replace('"situation_limit": {"type": "integer", "min": 1, "default": 4',
                                             '"situation_limit": {"type": "integer", "min": 1, "default": 1'))
    s = crmrules.Session(own, "spin")
    s.fire("situation_question", time=1)
    s.fire("situation_question", time=2)
    assert any("状况询问太多" in r.text for r in s.recommendations)
    with pytest.raises(crmrules.VersionMismatch):
        crmrules.Session.restore(s.save())  # a changed copy is another rule set's... definition


def test_replay_fires_each_step_and_goes_on_past_a_failed_one(order):
    replay = order.replay([
        {"event": "add", "data": {"amount": Decimal("40.50"), "due": datetime.date(2025, 3, 1)}, "time": 10},
        {"event": "add", "data": {"amount": "x"}, "note": "not a number"},
        {"event": "shipp"},
        {"event": "ship", "time": datetime.datetime(1970, 1, 1, 0, 0, 1)},
    ])
    assert (replay.fired, replay.failed) == (2, 2)
    first, bad, typo, ship = replay.steps
    assert first.fired and first.error is None
    assert (first.index, first.event, first.time, first.from_state, first.to_state) == (0, "add", 10, "draft", "draft")
    assert first.recommendations == []
    assert isinstance(bad.error, crmrules.ParseError) and not bad.fired
    assert bad.error.pointer == "/1/data/amount" and bad.error.line == 1 and bad.error.column > 1
    assert (bad.index, bad.event, bad.time, bad.from_state, bad.to_state) == (1, None, None, "draft", "draft")
    assert isinstance(typo.error, crmrules.UnknownName)
    assert "did you mean 'ship'" in str(typo.error) and typo.error.pointer is None
    assert (ship.index, ship.time, ship.from_state, ship.to_state) == (3, 1000, "draft", "shipped")
    # Exact values in, and only the steps that fired changed the session.
    assert order.context["total"] == Decimal("40.50") and str(order.context["total"]) == "40.50"
    assert order.context["due"] == "2025-03-01"
    assert [e.event for e in order.audit] == ["add", "ship"]


def test_replay_of_a_script_text_places_errors_in_it(order):
    script = '[\n  {"event": "add", "data": {"amount": -1.5, "lines": 1}, "time": 1},\n  {"event": "add", "data": {"amount": 2}}\n]'
    replay = order.replay(script)
    unknown = replay.steps[0].error
    assert isinstance(unknown, crmrules.UnknownName)
    assert unknown.code == "unknown_name" and unknown.status == crmrules._ffi.lib.CRM_E_UNKNOWN_NAME
    assert (unknown.pointer, unknown.line) == ("/0/data/lines", 2)
    assert unknown.column == script.split("\n")[1].index('1}') + 1
    assert unknown.offset == script.index('1}')
    assert replay.steps[1].fired and replay.steps[1].time == 1  # the failed step's time carries on
    assert order.context["total"] == 2


def test_replay_of_a_malformed_script_raises_and_changes_nothing(order):
    order.fire("add", {"amount": 5}, time=1)
    before = order.save()
    with pytest.raises(crmrules.ParseError) as parse:
        order.replay('[{"event": "ship"},\n oops]')
    assert parse.value.line == 2
    with pytest.raises(crmrules.TypeMismatch, match="expected an array"):
        order.replay(b'{"event": "ship"}')
    with pytest.raises(crmrules.OutOfRange, match="significant digits"):
        order.replay('[{"event": "add", "data": {"amount": 0.12345678901234567}}]')
    with pytest.raises(crmrules.TypeMismatch) as inexact:
        order.replay([{"event": "ship"}, {"event": "add", "data": {"amount": 2.5}}])  # a float is not exact
    assert inexact.value.pointer == "/1/data/amount"
    with pytest.raises(TypeError):
        order.replay({"event": "ship"})
    with pytest.raises(TypeError):
        order.replay(5)
    assert order.save() == before
    assert order.replay([]).steps == []
    odd = order.replay([7])
    assert isinstance(odd.steps[0].error, crmrules.TypeMismatch) and odd.steps[0].error.pointer == "/0"


def test_replay_a_builtin_conversation():
    s = crmrules.Session.builtin("lscpa")
    s.fire("objection", {"kind": "price_value", "text": "looks good but too expensive"}, time=1)
    replay = s.replay([{"event": "shared", "time": 2}, {"event": "acepted"}])
    assert [(step.from_state, step.to_state) for step in replay.steps] == [("share", "clarify"), ("clarify", "clarify")]
    assert all(isinstance(r, crmrules.Recommendation) for r in replay.steps[0].recommendations)
    assert any(r.kind == "question" for r in replay.steps[0].recommendations)
    assert "did you mean 'accepted'?" in str(replay.steps[1].error)
    assert s.state == "clarify"


def test_replay_types_are_exported_from_the_package():
    s = crmrules.Session.builtin("lscpa")
    replay = s.replay([{"event": "objection", "data": {"kind": "price_value", "text": "too expensive"}}])
    assert isinstance(replay, crmrules.Replay)
    assert isinstance(replay.steps[0], crmrules.ReplayStep)
    assert replay.fired == 1 and replay.failed == 0


def test_a_machine_counts_against_the_rule_sets_limits():
    text = ORDERS % ("1.0", "0")  # 2 states and 4 events: an 8-cell (state, event) table
    with pytest.raises(crmrules.OutOfRange, match="table of 8 cells"):
        crmrules.RuleSet.load(text, limits=crmrules.Limits(table_rows=7))
    rules = crmrules.RuleSet.load(text, limits=crmrules.Limits(table_rows=8))
    assert crmrules.Session(rules, "order").state == "draft"
