"""crmrules.KanoSurvey and analyze_kano: pairs, tuples, DataFrames and CSV in; typed
results, priorities, differences, drift, issues, JSON, CSV and SVG out; bad input
reported with its line and skipped; settings from a dict or a rule set."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

import crmrules

EXAMPLE = Path(__file__).parents[3] / "examples/data/kano_survey.csv"

# Pairs the standard table reads as A, O, M, I, R, Q.
PAIR = {"A": (1, 2), "O": (1, 5), "M": (2, 5), "I": (3, 3), "R": (5, 1), "Q": (1, 1)}


def rows(attribute, counts, segment=None, wave=None, start=0):
    """Tuples with counts[c] pairs of category c, each from its own respondent."""
    out, i = [], start
    for category, n in counts.items():
        for _ in range(n):
            i += 1
            out.append((f"r{i}", attribute, *PAIR[category], segment, wave))
    return out


def test_hand_checked_formulas():
    # A 3, O 5, M 10, I 2 (n 20): the case worked by hand in the C++ tests.
    analysis = crmrules.analyze_kano(rows("brakes", {"A": 3, "O": 5, "M": 10, "I": 2}))
    [r] = analysis.results
    assert r.attribute == "brakes" and r.segment is None and r.wave == ""
    assert r.counts == {"A": 3, "O": 5, "M": 10, "I": 2, "R": 0, "Q": 0}
    assert (r.n, r.mode, r.category, r.rule_applied) == (20, "M", "M", False)
    assert r.better == Decimal("0.4000") and str(r.better) == "0.4000"
    assert r.worse == Decimal("-0.7500")
    assert r.total_strength == Decimal("0.9000")
    assert r.category_strength == Decimal("0.2500")
    assert (r.fong_first, r.fong_second, r.fong_difference) == ("M", "O", 5)
    assert str(r.fong_threshold) == "5.0521"
    assert r.significant is False


def test_published_example_stp25kano():
    # The documented output of the R package stp25kano (README "Kano Analyse",
    # https://github.com/stp4/stp25kano): "Service app", n = 296, CS plus 0.568, CS minus
    # -0.736, category O, Fong 28 < 19.4 significant.
    survey = crmrules.KanoSurvey({"scale": 3})
    survey.add_many(rows("Service app", {"A": 45, "O": 123, "M": 95, "I": 33}))
    [r] = survey.analyze().results
    assert (r.n, r.category, r.better, r.worse) == (296, "O", Decimal("0.568"), Decimal("-0.736"))
    assert r.fong_difference == 28 and r.significant
    # "Hotline": the mode is I (124) but A (121) is within 5 points: the rule says A.
    hotline = crmrules.analyze_kano(rows("Hotline", {"A": 121, "O": 24, "M": 15, "I": 124, "R": 6, "Q": 6})).results[0]
    assert (hotline.mode, hotline.category, hotline.rule_applied, hotline.significant) == ("I", "A", True, False)


def test_labels_numbers_and_chinese():
    survey = crmrules.KanoSurvey()
    survey.add("r1", "app", "Like", "Dislike")
    survey.add("r2", "app", 1, 5)
    survey.add("r3", "app", "喜欢", "不喜欢")
    survey.add("r4", "app", "理所当然", "不喜欢")
    assert survey.pairs == 4
    [r] = survey.analyze().results
    assert r.counts["O"] == 3 and r.counts["M"] == 1


def test_bad_pairs_raise_with_line_and_are_skipped():
    survey = crmrules.KanoSurvey()
    survey.add("r1", "app", 1, 5)
    with pytest.raises(crmrules.OutOfRange) as bad:
        survey.add("r2", "app", 6, 5, line=12)
    assert bad.value.line == 12 and "'6'" in bad.value.message
    with pytest.raises(crmrules.OutOfRange):
        survey.add("r2", "app", "Adore", 5)
    with pytest.raises(crmrules.Missing) as half:
        survey.add("r3", "app", "Like", None)
    assert "only the functional question" in half.value.message
    analysis = survey.analyze()
    assert analysis.results[0].n == 1
    assert [(i.line, i.code) for i in analysis.issues] == [(12, "out_of_range"), (3, "out_of_range"), (4, "missing")]


def test_add_many_skips_bad_rows_and_reports_them():
    data = [("r1", "app", 1, 5), ("r2", "app", 9, 5), ("r3", "ghost", "x", "y"), ("r4", "app", 2, 5)]
    survey = crmrules.KanoSurvey()
    assert survey.add_many(data) == 2
    analysis = survey.analyze()
    assert [r.attribute for r in analysis.results] == ["app"]
    assert [(i.line, i.code) for i in analysis.issues] == [(2, "out_of_range"), (3, "out_of_range"), (3, "missing")]
    assert analysis.issues[-1].message == "attribute 'ghost' has no valid answers"


def test_segments_waves_priorities_and_drift():
    data = (
        rows("navigation", {"A": 8, "O": 1, "M": 1}, "north", "2019")
        + rows("navigation", {"A": 1, "O": 8, "M": 1}, "north", "2024", 100)
        + rows("navigation", {"A": 1, "O": 1, "M": 8}, "south", "2024", 200)
        + rows("gift wrap", {"A": 9, "I": 1}, "north", "2024", 300)
    )
    analysis = crmrules.analyze_kano(data)
    [drift] = [d for d in analysis.drifts if d.segment is None]
    assert (drift.attribute, drift.from_wave, drift.to_wave, drift.direction) == ("navigation", "2019", "2024", "along")
    assert drift.before.category == "A" and drift.after.category == "M"
    [diff] = analysis.differences
    assert diff.attribute == "navigation" and [(r.segment, r.category) for r in diff.results] == [("north", "O"), ("south", "M")]
    assert [(p.rank, p.attribute, p.category) for p in analysis.priorities] == [(1, "navigation", "M"), (2, "gift wrap", "A")]
    assert "不要在产品和服务的基本品质方面失分" in analysis.priorities[0].advice
    english = crmrules.analyze_kano(data, settings={"lang": "en"})
    assert "never lose points on basics" in english.priorities[0].advice
    with pytest.raises(crmrules.InvalidArgument, match="unknown language 'fr'"):
        crmrules.analyze_kano(data, settings={"lang": "fr"})


def test_settings_dict_rule_set_and_errors():
    survey = crmrules.KanoSurvey({"weak_threshold": "0.2", "rounding": "half_even", "drop_questionable_above": "0.5"})
    survey.add_many(rows("x", {"O": 6, "M": 5}))
    survey.add_many([("careless", "x", 1, 1), ("careless", "y", 5, 5)])
    analysis = survey.analyze()
    r = analysis.results[0]
    assert (r.mode, r.category) == ("O", "M")
    assert analysis.as_dict()["settings"]["rounding"] == "half_even"
    assert analysis.as_dict()["dropped_respondents"] == ["careless"]
    rules = json.dumps(
        {"crmrules": 1, "name": "k", "version": "1", "inputs": {}, "decisions": [],
         "kano": {"table": [list("QAAAO"), list("RIIIM"), list("RIIII"), list("RIIIM"), list("RRRRQ")]}}
    )
    variant = crmrules.KanoSurvey(rules)
    variant.add("r1", "x", "Neutral", "Dislike")
    assert variant.analyze().results[0].category == "I"
    with pytest.raises(crmrules.UnknownName) as bad:
        crmrules.KanoSurvey({"weak_treshold": 0.1})
    assert bad.value.pointer == "/weak_treshold" and "did you mean" in bad.value.message
    with pytest.raises(crmrules.OutOfRange):
        crmrules.KanoSurvey('{"table": [["Q","A","A","A","O"],["R","I","I","I","M"],["R","I","I","I","M"],["R","I","I","I","M"],["R","R","R","R","Z"]]}')


def test_csv_in_and_outputs():
    survey = crmrules.KanoSurvey()
    survey.read_csv(EXAMPLE, by="segment", wave="wave")
    analysis = survey.analyze()
    assert analysis.results and analysis.priorities
    assert any(i.code == "out_of_range" for i in analysis.issues)  # the example's deliberate bad row
    assert analysis.to_csv().startswith("wave,segment,attribute,A,O,M,I,R,Q,n,")
    assert analysis.to_svg().startswith("<svg")
    with pytest.raises(crmrules.Missing) as missing:
        survey.add_csv("respondent,attribute,functional\n1,x,1\n")
    assert "'dysfunctional' is missing" in missing.value.message


def test_csv_columns_named_one_at_a_time():
    text = "respondent,attribute,functional,dysfunctional,tier,survey\n1,app,1,5,gold,2024\n2,app,2,5,base,2024\n"
    by_tier = crmrules.KanoSurvey()
    by_tier.add_csv(text, by="tier")
    assert [(r.segment, r.wave) for r in by_tier.analyze().results] == [(None, ""), ("base", ""), ("gold", "")]
    by_wave = crmrules.KanoSurvey()
    by_wave.add_csv(text, wave="survey")
    assert [(r.segment, r.wave) for r in by_wave.analyze().results] == [(None, "2024")]
    with pytest.raises(crmrules.Missing, match="region"):
        crmrules.KanoSurvey().add_csv(text, by="region")


def test_csv_recovers_from_a_quote_never_closed_and_records_past_the_limits(tmp_path):
    # Line 3's quote never closes: line 4 (two fields) goes with it, line 5 reads again.
    text = ("respondent,attribute,functional,dysfunctional\n1,app,1,5\n2,\"app,2,5\na note, of two fields\n"
            "3,app,2,5\n4,app,1,5,x,y\n")
    survey = crmrules.KanoSurvey()
    survey.add_csv(text, csv_columns=5)
    assert survey.pairs == 2
    issues = survey.analyze().issues
    assert [(i.line, i.code) for i in issues] == [(3, "parse"), (6, "out_of_range")]
    assert issues[0].message == ("a quoted field opens here and is never closed; 2 lines (3 to 4) skipped, "
                                 "reading resumes at line 5")
    assert "more than 5 fields" in issues[1].message
    # The same from a file, with a record longer than csv_record_bytes.
    path = tmp_path / "survey.csv"
    path.write_text("respondent,attribute,functional,dysfunctional\n5," + "x" * 100 + ",1,5\n6,app,1,5\n")
    from_file = crmrules.KanoSurvey()
    from_file.read_csv(path, csv_record_bytes=46)
    assert from_file.pairs == 1
    [issue] = from_file.analyze().issues
    assert issue.line == 2 and "crm::Limits::csv_record_bytes" in issue.message
    # A header wider than csv_columns raises and adds nothing.
    with pytest.raises(crmrules.OutOfRange, match="csv_columns"):
        survey.add_csv(text, csv_columns=3)
    assert survey.pairs == 2
    with pytest.raises(ValueError, match="csv_columns"):
        survey.add_csv(text, csv_columns=0)
    with pytest.raises(TypeError, match="csv_record_bytes"):
        survey.add_csv(text, csv_record_bytes="big")


def test_dataframe():
    import pandas as pd
    frame = pd.DataFrame(
        {"respondent": ["a", "b", "c"], "attribute": ["app"] * 3, "functional": [1, 2, None],
         "dysfunctional": [5, 5, 5], "grade": ["gold", "gold", "silver"]}
    )
    analysis = crmrules.analyze_kano(frame, by="grade")
    assert [(r.segment, r.n) for r in analysis.results] == [(None, 2), ("gold", 2)]
    assert analysis.issues[0].line == 3 and analysis.issues[0].code == "missing"
    table = analysis.to_dataframe()
    assert list(table["n"]) == [2, 2] and table["better"][0] == Decimal("0.5000")
    with pytest.raises(KeyError):
        crmrules.analyze_kano(frame, by="region")
