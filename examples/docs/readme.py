"""The README's Python fragments, one function per section, each fragment verbatim (a
`part of` marker in README.md; tests/docs/snippets_test.py) with what it uses defined
before it and checks of its results after it. Run from the project's root."""
import os
import tempfile
from decimal import Decimal

import pandas

import cdnow
import crmrules


def portfolio_grading():
    customers = [{"id": "C1", "annual_purchases": 9000000, "annual_net_profit": 900000},
                 {"id": "C2", "annual_purchases": 300000, "annual_net_profit": 20000}]
    profits = [100, 50, 30, 15, 5]
    crmrules.grade(customers)              # built-in rules + abc_class, abc_rank, cumulative_share (dicts or DataFrame)
    crmrules.classify(profits).pareto_share
    graded = crmrules.grade(customers)
    assert [row["abc_class"] for row in graded] == ["A", "C"] and graded[0]["cumulative_share"] == Decimal("0.978261")
    assert crmrules.classify(profits).pareto_share == Decimal("0.5")  # the top 20%: 100 of 200


def file_grading(tmp):
    graded_csv = os.path.join(tmp, "graded.csv")
    summary = crmrules.grade_csv("examples/data/deck_customers.csv", graded_csv, keep=["name"])
    summary["graded"], summary["rejects"], summary["abc"]     # the file: rows with name, outputs, classes
    assert summary["graded"] == 3 and summary["rejects"] == []
    with open(graded_csv, encoding="utf-8") as f:
        assert f.readline().startswith("line,id,name,") and f.readline().startswith("2,HQ,华强工贸,")


def guided_selling():
    now = 1700000000                                                  # Unix seconds (or a datetime)
    s = crmrules.Session.builtin("lscpa")
    s.fire("objection", {"kind": "price_value", "text": "looks good but too expensive"}, time=now)
    s.state, s.recommendations; crmrules.Session.restore(s.save())   # "share", what to say next
    s.replay([{"event": "shared", "time": now}])   # a scripted conversation (C: crm_session_replay_json)
    assert crmrules.Session.restore(s.save()).state == s.state == "clarify" and s.recommendations


def key_account_plans():
    plan = crmrules.plan_account({"customer": {"name": "东风集团"}, "traits": {"cooperation": "strategic"}})
    plan.type.id, plan.clarities_known, plan.next_actions[0].text.zh   # 'partnership', 0, ...
    assert (plan.type.id, plan.clarities_known) == ("partnership", 0) and plan.next_actions[0].text.zh


def service_commitments():
    report = crmrules.check_tickets(pandas.read_csv("examples/service/tickets.csv", dtype=str), by="month")
    report.total["reply_15min"].rate, report.groups_frame(), report.tickets_frame()
    assert report.total["reply_15min"].rate == Decimal("0.6667")  # 2 of 3: T2 replied a minute late
    assert list(report.groups_frame().index.unique()) == sorted(report.groups_frame().index.unique())


def credit_classes_satisfaction_profiles():
    crmrules.four_classes([500, 300, 50]).classes                          # ['A', 'A', 'C']
    crmrules.satisfaction.rate([("交货周期", 8, 10), ("质量功能", 9, 10, 2)]).label   # 'fairly_satisfied'
    crmrules.profile.assess([{"名称": "华为", "owner": "张三"}]).customers[0].completeness
    assert crmrules.four_classes([500, 300, 50]).classes == ["A", "A", "C"]
    assert crmrules.satisfaction.rate([("交货周期", 8, 10), ("质量功能", 9, 10, 2)]).label == "fairly_satisfied"
    huawei = crmrules.profile.assess([{"名称": "华为", "owner": "张三"}]).customers[0]
    assert (huawei.completeness, huawei.missing, huawei.has_owner) == (Decimal("4.05"), 56, True)  # percent


def lifetime_value():
    orders = cdnow.orders()   # the CDNOW sample as a transaction log (examples/docs/cdnow.py)
    from crmrules.lifetime import summary_data_from_transaction_data, BetaGeoFitter   # shaped like `lifetimes`
    summary = summary_data_from_transaction_data(orders, "customer", "date", "amount", freq="W")
    BetaGeoFitter().fit(summary.frequency, summary.recency, summary["T"]).params_
    params = BetaGeoFitter().fit(summary.frequency, summary.recency, summary["T"]).params_
    assert len(summary) == 2357 and summary.loc["1", "frequency"] == 2  # the paper's customer 1
    assert [round(params[k], 3) for k in ("r", "alpha", "a", "b")] == [0.243, 4.414, 0.793, 2.426]  # the paper's fit


def next_best_actions():
    session = crmrules.Session.builtin("complaint")
    session.fire("rate", {"stage": "售后", "satisfaction": "不满意"}, time=1)
    session.fire("complain", {"channel": "dealer", "text": "delivered three weeks late"}, time=2)
    customers = [{"customer": {"id": "C1"}, "grading": {"value_grade": "A1"}},
                 {"customer": {"id": "C2"}, "grading": {"value_grade": "C2"}}]   # customer documents
    advice = crmrules.next_actions({"grading": {"value_grade": "C1"}, "complaints": [session.save_json()]})
    [(a.id, a.channel, a.owner) for a in advice.actions]; crmrules.next_actions_frame(customers)
    assert advice.actions[0].id == "handle_complaint" and advice.facts["open_complaints"] == 1
    frame = crmrules.next_actions_frame(customers)   # one row per customer and action
    assert list(frame["customer"].unique()) == ["C1", "C2"] and list(frame[frame["rank"] == 1]["customer"]) == ["C1", "C2"]


def kano_analysis():
    analysis = crmrules.analyze_kano([("r1", "Free delivery", "Like", "Dislike")])   # or a DataFrame, by="grade"
    analysis.results[0].category, analysis.results[0].better   # 'O', Decimal('1.0000')
    assert (analysis.results[0].category, analysis.results[0].better) == ("O", Decimal("1.0000"))


def dmn_decision_tables():
    with open("tests/data/dmn-tck/TestCases/compliance-level-2/0004-simpletable-U/0004-simpletable-U.dmn",
              encoding="utf-8") as f:
        xml = f.read()
    rules = crmrules.RuleSet.load_dmn(xml)
    crmrules.dmn.evaluate(rules, {"Age": 18, "RiskCategory": "Low", "isAffordable": True})   # {'Approval Status': 'Approved'}
    assert crmrules.dmn.evaluate(rules, {"Age": 18, "RiskCategory": "Low", "isAffordable": True}) == {
        "Approval Status": "Approved"}


for section in (portfolio_grading, guided_selling, key_account_plans, service_commitments,
                credit_classes_satisfaction_profiles, lifetime_value, next_best_actions, kano_analysis,
                dmn_decision_tables):
    section()
with tempfile.TemporaryDirectory() as folder:
    file_grading(folder)
print("the README's Python fragments ran and gave what it says")
