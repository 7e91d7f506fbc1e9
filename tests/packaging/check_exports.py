"""The shared library exports exactly the C ABI: abi.exports.

    /usr/bin/python3 check_exports.py --header capi/crmrules.h --library libcrmrules.so \
        [--nm nm] [--objdump objdump --soname libcrmrules.so.MAJOR]

The functions the header declares (every `crm_name(` outside comments and preprocessor
lines) must be exactly the dynamic symbols the library defines (`nm -D --defined-only`),
and every exported symbol must start with crm_. With --objdump, the library's SONAME is
checked too. Exits 1 with the extra and missing names.
"""
import argparse
import os
import re
import subprocess
import sys


def area_headers(header_path):
    """The umbrella header and the area headers it includes ("crmrules_*.h"), in order."""
    with open(header_path, encoding="utf-8") as f:
        text = f.read()
    folder = os.path.dirname(header_path)
    return [header_path] + [os.path.join(folder, name)
                            for name in re.findall(r'^#include "(crmrules_\w+\.h)"', text, flags=re.M)]


def declared_functions(header_path):
    names = set()
    for path in area_headers(header_path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)  # block comments (the usage example)
        text = re.sub(r"//[^\n]*", " ", text)
        text = re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", " ", text, flags=re.M)
        names |= set(re.findall(r"\b(crm_\w+)\s*\(", text))
    return names


def exported_symbols(nm, library):
    out = subprocess.run([nm, "-D", "--defined-only", library], check=True, capture_output=True,
                         text=True).stdout
    symbols = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2:  # "<address> <type> <name>", the address absent for some types
            name = parts[-1].split("@")[0]  # drop a symbol version, if any
            symbols[name] = parts[-2]
    return symbols


def soname(objdump, library):
    out = subprocess.run([objdump, "-p", library], check=True, capture_output=True, text=True).stdout
    match = re.search(r"^\s*SONAME\s+(\S+)", out, flags=re.M)
    return match.group(1) if match else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--header", required=True)
    parser.add_argument("--library", required=True)
    parser.add_argument("--nm", default="nm")
    parser.add_argument("--objdump")
    parser.add_argument("--soname")
    args = parser.parse_args()

    declared = declared_functions(args.header)
    exported = exported_symbols(args.nm, args.library)
    problems = []
    if not declared:
        problems.append(f"no crm_ function declarations found in {args.header}")
    not_crm = sorted(name for name in exported if not name.startswith("crm_"))
    if not_crm:
        problems.append("exported symbols without the crm_ prefix (hide them: exports.map, visibility):\n  "
                        + "\n  ".join(f"{n} ({exported[n]})" for n in not_crm))
    extra = sorted(name for name in exported if name.startswith("crm_") and name not in declared)
    if extra:
        problems.append(f"exported but not declared in {args.header}:\n  " + "\n  ".join(extra))
    missing = sorted(declared - set(exported))
    if missing:
        problems.append(f"declared in {args.header} but not exported (missing definition or CRM_API?):\n  "
                        + "\n  ".join(missing))
    not_code = sorted(n for n in declared & set(exported) if exported[n] not in ("T", "t", "i"))
    if not_code:
        problems.append("declared as functions but exported as data:\n  "
                        + "\n  ".join(f"{n} ({exported[n]})" for n in not_code))
    if args.objdump and args.soname:
        found = soname(args.objdump, args.library)
        if found != args.soname:
            problems.append(f"SONAME is {found}, expected {args.soname}")

    if problems:
        print(f"abi.exports: {args.library} does not export exactly the C ABI:", file=sys.stderr)
        for p in problems:
            print("- " + p, file=sys.stderr)
        return 1
    print(f"abi.exports: {len(declared)} functions declared in {args.header}, exactly those exported"
          + (f"; SONAME {args.soname}" if args.soname else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
