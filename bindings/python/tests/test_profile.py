"""Profile completeness (档案管理) from Python: a list of dicts, a DataFrame, CSV and JSON
Lines (text and files) against the built-in schema, the owner warning (专人负责), the
report's text, a schema of one's own, and bad input with its place."""

from decimal import Decimal

import pytest

import crmrules

PROFILES = [{"id": "HW", "名称": "华为", "address": "深圳", "owner": "张三", "sales": 130000000},
            {"id": "HQ", "name": "华强工贸", "phone": "  ", "special_requests": ["红色"]}]


def test_a_list_of_dicts():
    report = crmrules.profile.assess(PROFILES)
    hw, hq = report.customers
    assert (hw.id, hw.owner, hw.has_owner) == ("HW", "张三", True)
    assert hw.groups["basic"] == Decimal("16.67") and hw.groups["performance"] == Decimal("14.29")
    assert hw.groups["ownership"] == Decimal("20")
    assert hw.completeness == Decimal("7.28")  # (2/12 + 1/7 + 1/5) / 7
    assert hw.missing == 58 - 4
    assert (hq.has_owner, report.without_owner) == (False, 1)
    assert hq.groups["trading"] == Decimal("10")  # special_requests, 1 of 10; the blank phone is missing
    assert len(report) == 2


def test_the_report_as_text_and_frame():
    report = crmrules.profile.assess(PROFILES)
    csv = report.to_csv()
    assert csv.startswith("id,owner,completeness,basic,characteristics,performance,trading,satisfaction,analysis,"
                          "ownership,missing,warnings\nHW,张三,7.28,")
    assert "无专人负责" in csv and "no one owns this profile" in report.to_csv("en")
    assert '"has_owner": false' in report.to_json()
    frame = report.frame()
    assert list(frame["id"]) == ["HW", "HQ"] and list(frame["has_owner"]) == [True, False]
    assert frame.loc[0, "basic"] == Decimal("16.67")


def test_csv_jsonl_and_a_dataframe(tmp_path):
    import pandas
    csv = "id,名称,address,owner\nHW,华为,深圳,张三\nHQ,华强工贸,,\n"
    by_text = crmrules.profile.assess(csv)
    path = tmp_path / "profiles.csv"
    path.write_text(csv, encoding="utf-8")
    by_path = crmrules.profile.assess(path)
    assert [c.completeness for c in by_text.customers] == [c.completeness for c in by_path.customers]
    assert [c.completeness for c in by_text.customers] == [Decimal("5.24"), Decimal("1.19")]
    lines = tmp_path / "profiles.jsonl"
    lines.write_text('{"id": "HW", "定岗定员": "张三"}\n', encoding="utf-8")
    assert crmrules.profile.assess(str(lines)).customers[0].owner == "张三"
    frame = pandas.DataFrame([{"id": "HW", "名称": "华为", "owner": None}, {"id": "HQ", "名称": None, "owner": "李四"}])
    report = crmrules.profile.assess(frame)
    assert [c.has_owner for c in report.customers] == [False, True]
    assert report.customers[1].groups["basic"] == Decimal("0")


def test_bad_input_names_its_line():
    with pytest.raises(crmrules.ParseError) as bad_json:
        crmrules.profile.assess('{"id": "HW"}\n{"id": "HQ",}\n')
    assert bad_json.value.line == 2
    with pytest.raises(crmrules.TypeMismatch) as not_object:
        crmrules.profile.assess('{"a": 1}\n[1, 2]\n')
    assert not_object.value.line == 2 and "a profile is a JSON object" in str(not_object.value)
    with pytest.raises(crmrules.CrmError) as short:
        crmrules.profile.assess("id,名称\nHW,华为\nHQ,华强,extra\n")
    assert short.value.line == 3
    with pytest.raises(TypeError):
        crmrules.profile.assess({"id": "HW"})


def test_a_schema_of_ones_own_and_the_builtin_json():
    text = crmrules.profile.builtin_json()
    assert '"档案管理' in text and crmrules.RuleSet.load(text).name == "crmrules-profile"
    mine = crmrules.RuleSet.load('''{"crmrules": 1, "name": "mine", "version": "1", "inputs": {}, "decisions": [],
      "profile": {"owner_field": "boss", "groups": [{"id": "core", "fields": [{"id": "boss"}, {"id": "x", "weight": 3}]}]}}''')
    report = crmrules.profile.assess([{"x": "1"}], mine)
    assert report.customers[0].completeness == Decimal("75") and not report.customers[0].has_owner
    with pytest.raises(crmrules.InvalidRule) as none:
        crmrules.profile.assess([{"x": "1"}], crmrules.builtin())
    assert 'no "profile" section' in str(none.value)
    with pytest.raises(crmrules.InvalidRule) as bad:
        crmrules.RuleSet.load('''{"crmrules": 1, "name": "bad", "version": "1", "inputs": {}, "decisions": [],
          "profile": {"groups": [{"id": "core", "fields": [{"id": "owner"}, {"id": "owner"}]}]}}''')
    assert bad.value.pointer == "/profile/groups/0/fields/1/id"
