#!/usr/bin/env python3
"""Docs that run, for the command line: a ```sh block in README.md or docs/*.md right after
a line `<!-- run: DIR -->` is run line by line, in order, with the built crmrules first on
PATH, from a scratch folder that holds links to everything in DIR (relative to the
project), so inputs are found and outputs (--out, > FILE) land in the scratch folder.
Every command must finish as done: exit status 0, or 3 (done with rows rejected). Fails
naming the document, the line and the status, with what the command printed.

    commands_test.py PROJECT_ROOT CRMRULES_DIRECTORY"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile

root = pathlib.Path(sys.argv[1]).resolve()
environment = dict(os.environ, PATH=f"{pathlib.Path(sys.argv[2]).resolve()}{os.pathsep}{os.environ['PATH']}")
documents = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
marker = re.compile(r"^\s*<!-- run: (\S+) -->$")
failures, ran = [], 0


def run_block(doc, lines, first, folder):
    """Runs the block starting after line `first` (1-based) in a scratch copy of folder."""
    global ran
    with tempfile.TemporaryDirectory() as scratch:
        for entry in folder.iterdir():
            os.symlink(entry, pathlib.Path(scratch) / entry.name)
        number = first + 1
        while lines[number - 1].strip() != "```":
            command = lines[number - 1].strip()
            if command and not command.startswith("#"):
                done = subprocess.run(["sh", "-c", command], cwd=scratch, env=environment, capture_output=True,
                                      text=True, timeout=120)
                ran += 1
                if done.returncode not in (0, 3):
                    failures.append(f"{doc.relative_to(root)}:{number}: exit {done.returncode}: {command}\n"
                                    f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
            number += 1


for doc in documents:
    lines = doc.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        m = marker.match(line)
        if not m:
            continue
        if number >= len(lines) or lines[number].strip() not in ("```sh", "```bash"):
            failures.append(f"{doc.relative_to(root)}:{number}: no ```sh block after the marker")
        elif not (root / m.group(1)).is_dir():
            failures.append(f"{doc.relative_to(root)}:{number}: {m.group(1)} is not a folder of the project")
        else:
            run_block(doc, lines, number + 1, root / m.group(1))
print(f"{ran} documented commands ran")
if ran == 0:
    failures.append("no run markers found")
if failures:
    print("\n".join(failures))
    sys.exit(1)
