"""The rule-set JSON Schema (schema/rule-set.schema.json, draft 2020-12) against the loader.

Every built-in, example and test rule set validates; every document the loader refuses for
a structural reason (an unknown or missing key, a wrong type, a test's misspelt key) is
refused by the schema too; `crmrules schema` prints the schema file byte for byte.
usage: schema_test.py SCHEMA.json CRMRULES REPOSITORY
"""
import copy
import json
import pathlib
import subprocess
import sys

import jsonschema

schema_path, crmrules, root = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
schema = json.loads(schema_path.read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = []


def lint(document):
    text = json.dumps(document, ensure_ascii=False)
    return subprocess.run([crmrules, "lint", "-"], input=text.encode(), capture_output=True).returncode


printed = subprocess.run([crmrules, "schema"], capture_output=True, check=True).stdout
if printed != schema_path.read_bytes():
    failures.append("crmrules schema does not print schema/rule-set.schema.json")

rule_sets = []
for folder in ("rules", "examples", "tests/data", "bindings/python/tests"):
    for path in sorted((root / folder).rglob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue  # malformed on purpose: a test of the JSON reader
        if isinstance(document, dict) and "crmrules" in document and lint(document) == 0:
            rule_sets.append(path)
            for error in validator.iter_errors(document):
                failures.append(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
# Rule sets imported from the DMN TCK's models validate too.
for model in sorted((root / "tests/data/dmn-tck/TestCases/compliance-level-2").rglob("*.dmn")):
    imported = subprocess.run([crmrules, "import-dmn", str(model)], capture_output=True)
    if imported.returncode == 0:
        rule_sets.append(model)
        for error in validator.iter_errors(json.loads(imported.stdout)):
            failures.append(f"{model} imported: {'/'.join(map(str, error.absolute_path))}: {error.message}")
built_in = {p.name for p in rule_sets if p.parent == root / "rules"}
if not {"default.json", "account.json", "machines.json", "service.json", "next.json"} <= built_in:
    failures.append(f"the built-in rule sets were not all found: {sorted(built_in)}")

base = json.loads((root / "tests/data/grading.json").read_text(encoding="utf-8"))


def mutated(change):
    document = copy.deepcopy(base)
    change(document)
    return document


structural = {
    "unknown top-level key": lambda d: d.update(decisons=[]),
    "no name": lambda d: d.pop("name"),
    "no decisions": lambda d: d.pop("decisions"),
    "format 2": lambda d: d.update(crmrules=2),
    "inputs an array": lambda d: d.update(inputs=[]),
    "input type float": lambda d: next(iter(d["inputs"].values())).update(type="float"),
    "input's unknown key": lambda d: next(iter(d["inputs"].values())).update(reqired=True),
    "enum without values": lambda d: d["inputs"].update(tier={"type": "enum"}),
    "decision without a kind": lambda d: d["decisions"].append({"name": "nothing"}),
    "decision of two kinds": lambda d: d["decisions"].append({"name": "two", "expression": "1", "table": {}}),
    "decision's unknown key": lambda d: d["decisions"][0].update(expresion="1"),
    "table without rows": lambda d: d["decisions"].append(
        {"name": "t", "table": {"inputs": ["1"], "outputs": ["t"]}}),
    "table's hit policy unknown": lambda d: d["decisions"].append(
        {"name": "t", "table": {"hit_policy": "SOME", "inputs": ["1"], "outputs": ["t"], "rows": []}}),
    "test's misspelt expect": lambda d: d["tests"][0].update(expct=d["tests"][0].pop("expect")),
    "test without given": lambda d: d["tests"][0].pop("given"),
    "expect_error without code": lambda d: d["tests"][0].update(expect_error={"message_contains": "x"}),
    "tests an object": lambda d: d.update(tests={}),
    "unknown_inputs neither error nor ignore": lambda d: d.update(unknown_inputs="skip"),
}
for what, change in structural.items():
    document = mutated(change)
    if validator.is_valid(document):
        failures.append(f"the schema accepts a structurally wrong document: {what}")
    if lint(document) == 0:
        failures.append(f"the loader accepts (the case is not structural): {what}")

lenient = mutated(lambda d: d.update(unknown_inputs="ignore"))
if not validator.is_valid(lenient) or lint(lenient) != 0:
    failures.append('"unknown_inputs": "ignore" is not accepted by both')

print(f"{len(rule_sets)} rule sets valid, {len(structural)} structural mistakes refused by both")
if failures:
    print("\n".join(failures))
    sys.exit(1)
