#!/usr/bin/env python3
"""Docs that run: every ```cpp, ```c and ```python block in README.md and docs/*.md is
tested code. The line right before the block says how:

  <!-- snippet: PATH -->            the block is the file PATH verbatim
  <!-- part of: PATH -->            the block's lines appear, contiguous and verbatim, in PATH
                                    (each line may there be indented by the same amount)
  <!-- not a program: REASON -->    the block is not runnable code (say why)

PATH is relative to the project; the files are complete programs that check their
results, compiled and run by examples/CMakeLists.txt and bindings/python/CMakeLists.txt.
Fails naming the document and line of a block without a marker, a block that drifted from
its file, or a marker whose file is missing or that is not followed by a code block."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
documents = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
marker = re.compile(r"^\s*<!-- (snippet|part of|not a program): (.+?) -->$")
fence = re.compile(r"^(\s*)```(\S*)$")
programs = {"cpp", "c", "python"}
failures, checked = [], {"snippet": 0, "part of": 0, "not a program": 0}


def blocks(lines):
    """(line number of the fence, language, the block's text dedented by the fence's indent)"""
    i = 0
    while i < len(lines):
        m = fence.match(lines[i])
        if not m:
            i += 1
            continue
        indent, end = m.group(1), i + 1
        while end < len(lines) and lines[end] != indent + "```":
            end += 1
        body = [line[len(indent):] if line.startswith(indent) else line for line in lines[i + 1:end]]
        yield i + 1, m.group(2), "\n".join(body) + "\n", end < len(lines)
        i = end + 1


def part_of(block, program):
    """Whether the block's lines are lines of the program in a row, under one indentation."""
    want, have = block.splitlines(), program.splitlines()
    for start, line in enumerate(have):
        indent = line[:len(line) - len(want[0])] if want and line.endswith(want[0]) else None
        if indent is None or indent.strip() or start + len(want) > len(have):
            continue
        if all(have[start + k] == (indent + w if w else w) or (not w and not have[start + k].strip())
               for k, w in enumerate(want)):
            return True
    return False


for doc in documents:
    lines = doc.read_text(encoding="utf-8").splitlines()
    name = doc.relative_to(root)
    fenced = set()
    for number, language, text, closed in blocks(lines):
        fenced.add(number)
        where = f"{name}:{number}"
        m = marker.match(lines[number - 2]) if number >= 2 else None
        if not closed:
            failures.append(f"{where}: the code block does not end")
            continue
        if not m:
            if language in programs:
                failures.append(f"{where}: a ```{language} block without a marker (snippet, part of"
                                " or not a program; see tests/docs/snippets_test.py)")
            continue
        kind, argument = m.groups()
        checked[kind] += 1
        if kind == "not a program":
            continue
        path = root / argument
        if not path.is_file():
            failures.append(f"{where}: {argument} does not exist")
        elif kind == "snippet" and text != path.read_text(encoding="utf-8"):
            failures.append(f"{where}: the block is not {argument} verbatim (copy the file into it)")
        elif kind == "part of" and not part_of(text, path.read_text(encoding="utf-8")):
            failures.append(f"{where}: the block's lines are not in {argument} as they stand")
    for number, line in enumerate(lines, 1):
        if marker.match(line) and number + 1 not in fenced:
            failures.append(f"{name}:{number}: no code block after the marker")
print(", ".join(f"{count} {kind}" for kind, count in checked.items()), "blocks checked")
if checked["snippet"] + checked["part of"] == 0:
    failures.append("no snippet markers found")
if failures:
    print("\n".join(failures))
    sys.exit(1)
