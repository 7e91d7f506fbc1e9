"""crmrules.check_tickets: service tickets against the built-in commitments (the deck's
168) from a path, CSV text, a list of dicts and a pandas DataFrame; tallies, groups,
breaches, rejected rows, per-ticket results as a DataFrame, and a vendor's own rules."""

import pathlib
from decimal import Decimal

import pandas
import pytest

import crmrules

TICKETS = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "service_tickets.csv"


def test_the_test_tickets_against_the_168():
    r = crmrules.check_tickets(TICKETS)
    assert (r.checked, r.rejected) == (4, 4)
    reply = r.total["reply_15min"]
    assert (reply.met, reply.not_met, reply.missing) == (2, 1, 1)
    assert reply.rate == Decimal("0.6667") and not reply.met_target
    assert r.total["first_time_fix"].target == Decimal("0.90")
    assert [(b["ticket"], b["commitment"], b.get("by")) for b in r.breaches] == [
        ("T2", "reply_15min", "PT1M"), ("T2", "follow_up", None), ("T3", "training", None), ("T8", "depart_1h", "PT10M")]
    assert [(e["line"], e["column"], e["code"]) for e in r.rejected_rows] == [
        (5, 7, "out_of_range"), (6, 1, "conflict"), (7, 4, "out_of_range"), (8, 10, "parse")]
    assert r.texts["reply_15min"].get("zh").startswith("1刻钟回复")
    assert "Service commitments: 4 tickets checked" in r.to_text("en")
    assert r.to_svg().startswith("<svg")


def test_groups_and_per_ticket_results_as_data_frames():
    r = crmrules.check_tickets(TICKETS, by="engineer")
    assert sorted(r.groups) == ["张工", "李工", "王工"]
    groups = r.groups_frame()
    row = groups[(groups.key == "李工") & (groups.commitment == "reply_15min")].iloc[0]
    assert (row.met, row.not_met, row.rate) == (0, 1, Decimal("0"))
    tickets = r.tickets_frame()
    assert list(tickets.ticket) == ["T1", "T2", "T3", "T8"]
    assert list(tickets.reply_15min) == ["met", "not_met", "missing", "met"]
    assert tickets.reply_15min_seconds[1] == Decimal("960")
    assert tickets.reply_15min_seconds[2] is None
    assert tickets.reply_15min_over_seconds[1] == Decimal("60")
    assert tickets.reply_15min_over_seconds[0] is None  # met: not over
    assert list(tickets.depart_1h_over_seconds) == [None, None, None, Decimal("600")]


def test_a_data_frame_and_a_list_of_dicts_in():
    frame = pandas.DataFrame({
        "ticket": ["A", "B"], "customer": ["华为", "华为"],
        "called": ["2026-01-05 10:00", "2026-01-06 10:00"], "replied": ["2026-01-05 10:15", "2026-01-06 10:20"],
        "follow_up": ["yes", None],
    })
    r = crmrules.check_tickets(frame)
    assert r.checked == 2
    assert (r.total["reply_15min"].met, r.total["reply_15min"].not_met) == (1, 1)
    assert r.total["follow_up"].missing == 1  # None: missing, never met
    rows = [{"ticket": "J1", "called": "2026-02-01T09:00:00+08:00", "replied": "2026-02-01T09:05:00+08:00",
             "follow_up": True},
            {"ticket": "J2", "called": "2026-02-01T09:00:00+08:00", "replied": "2026-02-01T08:00:00+08:00"}]
    r = crmrules.check_tickets(rows, by="month")
    assert r.checked == 1 and r.rejected == 1
    assert r.rejected_rows[0]["line"] == 2 and r.rejected_rows[0]["pointer"] == "/replied"
    assert list(r.groups) == ["2026-02"]


def test_bad_input_as_a_whole_raises_and_a_vendors_rules():
    with pytest.raises(crmrules.Missing, match="no ticket id column 'ticket'"):
        crmrules.check_tickets("id,customer\n1,C1\n")
    with pytest.raises(crmrules.IoError):
        crmrules.check_tickets("/no/such/tickets.csv")
    with pytest.raises(ValueError, match="by must be"):
        crmrules.check_tickets(TICKETS, by="region")
    with pytest.raises(crmrules.InvalidArgument, match="keep_tickets"):
        crmrules.check_tickets(TICKETS, keep_tickets=False).tickets_frame()
    text = crmrules.ServiceChecker.builtin_json().replace('"PT15M"', '"PT20M"')
    mine = crmrules.ServiceChecker.from_rule_set(crmrules.RuleSet.load(text))
    assert crmrules.check_tickets(TICKETS, rules=mine).total["reply_15min"].not_met == 0
    with pytest.raises(crmrules.UnknownName, match="did you mean 'called'"):
        crmrules.RuleSet.load(text.replace('"from": "called"', '"from": "caled"'))
    with pytest.raises(crmrules.InvalidRule):
        crmrules.ServiceChecker.from_rule_set(crmrules.builtin())


def test_only_some_commitments_and_the_json_contract():
    r = crmrules.check_tickets(TICKETS, only=["follow_up", "reply_15min"])
    assert [c["id"] for c in r.commitments] == ["reply_15min", "follow_up"]
    assert sorted(r.total) == ["follow_up", "reply_15min"]
    assert [(b["ticket"], b["commitment"]) for b in r.breaches] == [("T2", "reply_15min"), ("T2", "follow_up")]
    # the contract the next-best-action model reads: "breached" beside "not_met", minutes
    group = r.to_dict()["groups"][0]
    assert group["commitments"][0]["breached"] == group["commitments"][0]["not_met"]
    assert r.breaches[0]["minutes"] == 1 and r.breaches[0]["seconds"] == 60
    with pytest.raises(crmrules.UnknownName, match="did you mean 'follow_up'"):
        crmrules.check_tickets(TICKETS, only=["followup"])
    with pytest.raises(ValueError, match="only lists commitment ids"):
        crmrules.ServiceChecker.builtin().only([])
    mine = crmrules.ServiceChecker.builtin().only("training")
    assert mine.check(TICKETS).total["training"].not_met == 1


def test_a_data_frame_of_datetimes_and_booleans():
    called = pandas.to_datetime(["2026-03-02 10:00", "2026-03-02 10:00", None]).tz_localize("Asia/Shanghai")
    # replies in UTC: the same moments, another offset
    replied = pandas.to_datetime(["2026-03-02 02:16:30.5", "2026-03-02 02:15", "2026-03-02 02:15"]).tz_localize("UTC")
    frame = pandas.DataFrame({
        "ticket": ["A", "B", "C"], "called": called, "replied": replied,
        "follow_up": [True, False, None], "first_time_fix": pandas.array([True, None, False], dtype="boolean"),
    })
    r = crmrules.check_tickets(frame)
    assert (r.checked, r.rejected) == (3, 0)
    reply = r.total["reply_15min"]
    assert (reply.met, reply.not_met, reply.missing) == (1, 1, 1)  # NaT: missing, never met
    assert r.breaches[0]["by"] == "PT1M30.5S" and r.breaches[0]["minutes"] == Decimal("1.51")
    assert (r.total["follow_up"].not_met, r.total["first_time_fix"].missing) == (1, 1)
    tickets = r.tickets_frame()
    assert list(tickets.reply_15min_over_seconds) == [Decimal("90.5"), None, None]
