"""crmrules from Python: exact decimals, rule sets, the built-in grading rules,
portfolio grading, Kano analysis, guided-selling sessions and key-account plans.

    from decimal import Decimal
    import crmrules
    from crmrules import arith

    arith.add(Decimal("0.1"), "0.2")        # Decimal('0.3')
    try:
        arith.div(1, 0)
    except crmrules.DivisionByZero as e:     # also a ZeroDivisionError
        print(e.code)                        # division_by_zero

    rules = crmrules.RuleSet.load_file("grading.json")    # as tests/data/grading.json
    rules.evaluate({"purchases": 8000000, "cooperation": 6, "sector": "retail"})
    # {'value_score': Decimal('71.00'), 'value_score_reasons': '', 'value_grade': 'B1', ...}
    rules.evaluate_many(rows)                # a list of dicts, a dict of columns, a DataFrame
    rules.run_tests()                        # TestReport(passed=4, failed=0, ...)
    crmrules.lint(text)                      # the load-time checks' findings, as dicts
    crmrules.RuleSet.load(text, limits=crmrules.Limits(decisions=200_000))

    crmrules.builtin()                       # the built-in grading rules; builtin_json(): their text
    crmrules.grade(customers)                # built-in rules + abc_class, abc_rank, cumulative_share
    crmrules.classify(profits).pareto_share  # ABC classes and the Pareto share
    crmrules.analyze_kano(pairs).results     # Kano categories, Better / Worse, priorities, drift
    s = crmrules.Session.builtin("lscpa")    # SPIN, FABE and LSCPA sessions that save and restore
    s.fire("objection", {"kind": "price_value", "text": "too expensive"}, time=now)
    plan = crmrules.plan_account({"customer": {"name": "东风集团"}})   # the key-account planner
    plan.next_actions[0].text.get("en")      # ranked, each with its reason; plan.to_text("zh")
    crmrules.check_tickets("tickets.csv")    # service tickets against the commitments (the deck's 168)
    crmrules.next_actions(customer).actions  # the next best actions: reason, channel, owner
    crmrules.lifetime.BetaGeoFitter().fit(f, r, T).params_   # BG/NBD, Gamma-Gamma, CLV, retention
    crmrules.four_classes(profits).classes   # 主/次/辅/杂 beside ABC, by the rules' cut-offs
    crmrules.grade_csv("portfolio.csv", "graded.csv", keep=["region"])   # a whole file, on every core
    crmrules.satisfaction.rate([("交货周期", 8, 10)]).label   # 满意度 = 实际产品/理想产品, 7-point scale
    crmrules.profile.assess(profiles).customers   # profile completeness (档案管理), the owner (专人负责)

The package's modules document the details: arith (decimals), ruleset (values in and
out), frame (DataFrames), builtin, portfolio, grade_file (grading a CSV file), kano, session, account, service, next,
lifetime (retention and lifetime value, shaped like the `lifetimes` package),
satisfaction (actual over ideal product), profile (profile completeness), dask
(portfolios on a Dask cluster; imported on its own: import crmrules.dask), and errors (one exception class per status);
crmrules.testing turns a rule set's own test cases into pytest tests.

A thin face over the library's C ABI (capi/crmrules.h and the area headers it includes,
capi/crmrules_*.h) through the cffi module crmrules._native, which
bindings/python/build_ffi.py generates from those headers: conversions and error mapping
only, the behaviour is the library's.
"""

from . import _ffi, arith, testing
from .errors import (
    BufferTooSmall,
    Conflict,
    Corrupt,
    CrmError,
    DecimalOverflow,
    DivisionByZero,
    IllegalTransition,
    InternalError,
    InvalidArgument,
    InvalidRule,
    InvalidUtf8,
    IoError,
    Missing,
    NoMatch,
    OutOfRange,
    ParseError,
    TypeMismatch,
    Unauthenticated,
    UnknownName,
    VersionMismatch,
)
from .ruleset import Limits, RowError, RuleSet, TestReport, lint
from .temporal import MonthsDuration
from .frame import evaluate_frame
from .grade_file import grade_csv
from .portfolio import FourClasses, Portfolio, ShareClass, classify, four_classes, grade, quantile_scores, share_classes
from .kano import KanoAnalysis, KanoSurvey, analyze_kano
from .builtin import builtin, builtin_json
from .account import (
    AccountPlan,
    AccountPlanner,
    AccountType,
    Action,
    BuyingCentre,
    Clarity,
    CriterionPlan,
    Role,
    StakeholderPlan,
    Step,
    Tactic,
    Text,
    plan_account,
)
from .service import ServiceChecker, ServiceReport, Tally, check_tickets
from .next import Advice, Lever, NextAction, NextBestAction, next_actions, next_actions_frame
from . import dmn  # crmrules.dmn: DMN decision tables imported as rule sets
from . import lifetime  # crmrules.lifetime: retention, BG/NBD, Gamma-Gamma, CLV (shaped like `lifetimes`)
from . import satisfaction  # crmrules.satisfaction: 满意度 = 实际产品/理想产品 on the 7-point scale
from . import profile  # crmrules.profile: profile completeness (档案管理) and its owner (专人负责)
from .session import (
    AuditEntry,
    BenefitStatement,
    Classification,
    Need,
    Recommendation,
    Replay,
    ReplayStep,
    Session,
    builtin_machines,
    builtin_machines_json,
)

#: The library's version, "MAJOR.MINOR.PATCH" (crm_version_string()).
__version__: str = _ffi.c_str(_ffi.lib.crm_version_string())
_number = _ffi.lib.crm_version()  # MAJOR*10000 + MINOR*100 + PATCH
#: The library's version as (MAJOR, MINOR, PATCH) (crm_version()).
version_info: tuple[int, int, int] = (_number // 10000, _number // 100 % 100, _number % 100)
del _number

__all__ = [
    "__version__",
    "version_info",
    "arith",
    "testing",
    "Limits",
    "MonthsDuration",
    "RuleSet",
    "RowError",
    "TestReport",
    "lint",
    "Portfolio",
    "classify",
    "grade",
    "grade_csv",
    "quantile_scores",
    "FourClasses",
    "ShareClass",
    "four_classes",
    "share_classes",
    "KanoSurvey",
    "KanoAnalysis",
    "analyze_kano",
    "Session",
    "Need",
    "Recommendation",
    "BenefitStatement",
    "Classification",
    "AuditEntry",
    "Replay",
    "ReplayStep",
    "builtin_machines",
    "builtin_machines_json",
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
    "ServiceChecker",
    "ServiceReport",
    "Tally",
    "check_tickets",
    "evaluate_frame",
    "NextBestAction",
    "Advice",
    "NextAction",
    "Lever",
    "next_actions",
    "lifetime",
    "satisfaction",
    "profile",
    "next_actions_frame",
    "builtin",
    "builtin_json",
    "CrmError",
    "InvalidArgument",
    "ParseError",
    "DecimalOverflow",
    "DivisionByZero",
    "InvalidUtf8",
    "TypeMismatch",
    "UnknownName",
    "OutOfRange",
    "Missing",
    "NoMatch",
    "Conflict",
    "IllegalTransition",
    "Corrupt",
    "VersionMismatch",
    "BufferTooSmall",
    "IoError",
    "InvalidRule",
    "InternalError",
    "Unauthenticated",
]
