#!/usr/bin/env python3
"""Docs that run: a code block in README.md or docs/*.md right after a line
`<!-- snippet: PATH -->` must be the file PATH (relative to the project) verbatim; the
files are compiled and run, checking their results, by examples/CMakeLists.txt and
bindings/python/CMakeLists.txt. Fails naming the document, the line and the file that
drifted, or a marker whose file is missing or not followed by a code block."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
documents = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
marker = re.compile(r"^<!-- snippet: (\S+) -->$")
failures, checked = [], 0
for doc in documents:
    lines = doc.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        m = marker.match(line)
        if not m:
            continue
        where = f"{doc.relative_to(root)}:{number}"
        path = root / m.group(1)
        if not path.is_file():
            failures.append(f"{where}: {m.group(1)} does not exist")
            continue
        if number >= len(lines) or not lines[number].startswith("```"):
            failures.append(f"{where}: no code block after the marker")
            continue
        end = next((i for i in range(number + 1, len(lines)) if lines[i] == "```"), None)
        if end is None:
            failures.append(f"{where}: the code block does not end")
            continue
        block = "\n".join(lines[number + 1:end]) + "\n"
        if block != path.read_text(encoding="utf-8"):
            failures.append(f"{where}: the block is not {m.group(1)} verbatim (copy the file into it)")
        checked += 1
print(f"{checked} snippets match their files")
if checked == 0:
    failures.append("no snippet markers found")
if failures:
    print("\n".join(failures))
    sys.exit(1)
