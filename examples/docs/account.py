"""docs/account.md's Python fragment (`part of` it: tests/docs/snippets_test.py), checked."""
import crmrules

plan = crmrules.plan_account({"customer": {"name": "东风集团"}})   # AccountPlan dataclass
plan.clarities_known, plan.type.id, plan.next_actions[0].text.zh
assert (plan.clarities_known, plan.type.id) == (0, "")   # nothing known yet: the type needs the traits
assert plan.next_actions[0].text.zh == "最终拍板的是谁?"   # ask the first open clarity
print("docs/account.md: an empty account's plan as documented")
