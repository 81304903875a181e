#!/usr/bin/env python3
"""Checks that every C++ block of README.md (and of each DOC.md named) is code
the build compiles.

Each ```cpp block must follow a line `<!-- quoted from PATH -->`, and PATH
(relative to the repository) must hold the block verbatim between a line
containing "README.md quotes from here" and one containing "README.md quotes
up to here", and be a source the build compiles (named in a CMake file).
Run by ctest as readme_cpp_snippets; exits 1 naming each block that fails.

usage: check_readme_snippets.py REPOSITORY_ROOT [DOC.md ...]   (paths relative to the root;
       by default README.md)
"""
import difflib
import os
import pathlib
import re
import sys

QUOTE = re.compile(r"<!--\s*quoted from\s+(\S+)\s*-->")


def cpp_blocks(lines):
    """(line number of the fence, the path it quotes or None, the block's lines)."""
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```cpp":
            start = i
            quoted = None
            for back in range(i - 1, max(i - 4, -1), -1):
                match = QUOTE.search(lines[back])
                if match:
                    quoted = match.group(1)
                    break
            j = i + 1
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            yield start + 1, quoted, lines[i + 1:j]
            i = j
        i += 1


def quoted_region(lines):
    try:
        begin = next(i for i, line in enumerate(lines) if "README.md quotes from here" in line)
        end = next(i for i, line in enumerate(lines) if "README.md quotes up to here" in line)
    except StopIteration:
        return None
    return lines[begin + 1:end]


def compiled(root, path):
    name = pathlib.PurePosixPath(path).name
    for directory, subdirectories, files in os.walk(root):
        # Build trees and hidden directories hold generated CMake files only.
        subdirectories[:] = [d for d in subdirectories if not d.startswith(("build", "."))]
        for file in files:
            if file == "CMakeLists.txt" or file.endswith(".cmake"):
                if name in (pathlib.Path(directory) / file).read_text(errors="replace"):
                    return True
    return False


def check(root, document):
    """(problems, block count) of one Markdown file, relative to root."""
    lines = (root / document).read_text().splitlines()
    problems = []
    count = 0
    for line, quoted, block in cpp_blocks(lines):
        count += 1
        where = "%s:%d" % (document, line)
        if quoted is None:
            problems.append(where + ": a C++ block without a `<!-- quoted from PATH -->` line before it")
            continue
        source = root / quoted
        if not source.is_file():
            problems.append(where + ": quotes " + quoted + ", which does not exist")
            continue
        region = quoted_region(source.read_text().splitlines())
        if region is None:
            problems.append(where + ": " + quoted + " has no 'README.md quotes from here' / 'up to here' lines")
            continue
        if region != block:
            diff = "\n".join(difflib.unified_diff(region, block, quoted, document, lineterm=""))
            problems.append(where + ": the block differs from " + quoted + ":\n" + diff)
        if not compiled(root, quoted):
            problems.append(where + ": " + quoted + " is named in no CMake file, so nothing compiles it")
    return problems, count


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    documents = sys.argv[2:] or ["README.md"]
    problems = []
    for document in documents:
        found, count = check(root, document)
        problems += found
        if not found:
            print("%d C++ block(s) of %s agree with the compiled files they quote" % (count, document))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
