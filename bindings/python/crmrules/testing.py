"""A rule set's own test cases ("tests" in the rule set, docs/rule-sets.md) as pytest tests.

A rule author's whole test file, say tests/test_grading.py next to grading.json:

    from crmrules.testing import assert_case, parametrize_cases
    @parametrize_cases("grading.json")
    def test_grading(case): assert_case(case)

pytest then runs one test per case, named after it, and a failing case fails with the
library's diff:

    FAILED tests/test_grading.py::test_grading[a middling retailer is B1]
    AssertionError: rule test 'a middling retailer is B1' of grading-fixture failed:
      value_grade: expected "A1", got "B1"

A rule set that does not load fails the collection with the library's error (pointer,
line, column). The longer form does the same with pytest's own decorator:

    @pytest.mark.parametrize("case", pytest_cases("grading.json"))
    def test_grading(case):
        assert_case(case)

parametrize_cases and pytest_cases resolve a relative path against the directory of the
test file that calls them (like a fixture file kept next to the test), so pytest may run
from anywhere; rule_tests, for plain Python, resolves it as open() does. Each also takes
a loaded RuleSet. assert_coverage(rules, minimum) checks the coverage of the cases.

pytest is imported only by pytest_cases and parametrize_cases: rule_tests, assert_case
and assert_coverage work without it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .ruleset import RuleSet

__all__ = ["RuleCase", "rule_tests", "pytest_cases", "parametrize_cases", "assert_case", "assert_coverage"]

RuleSource = RuleSet | str | os.PathLike


@dataclass(frozen=True)
class RuleCase:
    """One test case of a rule set, already run: its name, whether it passed and, when it
    did not, the library's diff (what was expected, what came out)."""

    name: str
    passed: bool
    diff: str
    rule_set: str  # the rule set's name

    def __str__(self) -> str:  # the test id when parametrize is given ids=str
        return self.name


def rule_tests(rules: RuleSource) -> list[RuleCase]:
    """The test cases of rules (a RuleSet, or the path of a rule set file), run once,
    in the rule set's order."""
    return _cases(_rule_set(rules, None))


def pytest_cases(rules: RuleSource) -> list[Any]:
    """The test cases of rules as pytest.param(case, id=case.name), for
    @pytest.mark.parametrize("case", ...). A relative path is resolved against the
    directory of the calling test file."""
    import pytest

    return [pytest.param(case, id=case.name) for case in _cases(_rule_set(rules, _caller_dir()))]


def parametrize_cases(rules: RuleSource, argname: str = "case") -> Any:
    """pytest.mark.parametrize(argname, pytest_cases(rules)): a decorator that makes the
    test function run once per test case of rules, the case passed as argname. A relative
    path is resolved against the directory of the calling test file."""
    import pytest

    cases = _cases(_rule_set(rules, _caller_dir()))
    return pytest.mark.parametrize(argname, [pytest.param(case, id=case.name) for case in cases])


def assert_case(case: RuleCase) -> None:
    """Fails (AssertionError) with the case's diff unless the case passed."""
    __tracebackhide__ = True  # pytest shows the caller's line, not this one
    if not isinstance(case, RuleCase):
        raise TypeError(f"expected a crmrules.testing.RuleCase, not {type(case).__name__}")
    if not case.passed:
        raise AssertionError(f"rule test {case.name!r} of {case.rule_set} failed:\n{case.diff.rstrip()}")


def assert_coverage(rules: RuleSource, minimum: Decimal | int | str = 100) -> None:
    """Fails (AssertionError) when the test cases of rules cover less than minimum
    percent of its table rows, scorecard bins and outputs, naming what they missed."""
    __tracebackhide__ = True
    report = _rule_set(rules, None).run_tests()
    if report.coverage < Decimal(minimum):
        missed = "".join(f"\n  {item}" for item in report.not_covered)
        raise AssertionError(f"the rule tests cover {report.coverage}%, less than {minimum}%; not covered:{missed}")


def _rule_set(rules: RuleSource, base: Path | None) -> RuleSet:
    if isinstance(rules, RuleSet):
        return rules
    if not isinstance(rules, (str, os.PathLike)):
        raise TypeError(f"expected a crmrules.RuleSet or the path of a rule set, not {type(rules).__name__}")
    path = Path(rules)
    if base is not None and not path.is_absolute():
        path = base / path
    return RuleSet.load_file(path)


def _cases(rules: RuleSet) -> list[RuleCase]:
    report = rules.run_tests()
    return [RuleCase(c["name"], c["passed"], c["diff"], rules.name) for c in report.cases]


def _caller_dir() -> Path | None:
    """The directory of the module that called the public function calling this."""
    frame = sys._getframe(2)
    file = frame.f_globals.get("__file__")
    return Path(file).resolve().parent if file else None
