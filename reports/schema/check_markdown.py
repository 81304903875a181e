#!/usr/bin/python3
"""Renders summary.md files as GitHub renders them and checks what came out.

usage: check_markdown.py [--contains TEXT]... FILE...

Each FILE is rendered by cmark-gfm, GitHub's own CommonMark fork, with the
extensions github.com uses (table, strikethrough, autolink, tagfilter) and
with raw HTML let through (--unsafe, stricter than GitHub's sanitiser). Then:
  - only the elements the summary writes itself appear: h2 h3 h4 (a fleet's) p ul li table
    thead tbody tr th td code strong; a plugin's text opened no link, image,
    emphasis, strikethrough or HTML of its own
  - every table row has as many cells as its header
  - each --contains TEXT appears in the rendered text of one of the files
    (plugin text that survives escaping verbatim)
Exit status: 0 all good; 1 a check failed; 2 usage error; 77 cmark-gfm is
not installed (ctest reports the test as skipped).
"""

import html.parser
import shutil
import subprocess
import sys

ALLOWED = {"h2", "h3", "h4", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "code", "strong"}


class Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.rows = []  # cells per row, per table
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "table":
            self.rows.append([])
        elif tag == "tr" and self.rows:
            self.rows[-1].append(0)
        elif tag in ("td", "th") and self.rows and self.rows[-1]:
            self.rows[-1][-1] += 1

    def handle_data(self, data):
        self.text.append(data)


def render(path):
    return subprocess.run(["cmark-gfm", "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink",
                           "-e", "tagfilter", path], check=True, capture_output=True, text=True).stdout


def check_file(path):
    """The problems of one file, and its rendered text."""
    reader = Reader()
    reader.feed(render(path))
    problems = [f"{path}: <{tag}> in the rendered summary" for tag in sorted(set(reader.tags) - ALLOWED)]
    for t, rows in enumerate(reader.rows):
        if any(cells != rows[0] for cells in rows):
            problems.append(f"{path}: table {t + 1} has rows of {sorted(set(rows))} cells")
    return problems, "".join(reader.text)


def main(argv):
    contains, files = [], []
    args = iter(argv[1:])
    for arg in args:
        if arg == "--contains":
            contains.append(next(args, ""))
        else:
            files.append(arg)
    if not files:
        print("usage: check_markdown.py [--contains TEXT]... FILE...", file=sys.stderr)
        return 2
    if not shutil.which("cmark-gfm"):
        print("check_markdown.py: cmark-gfm is not installed (apt-get install cmark-gfm); skipped")
        return 77
    problems, texts = [], []
    for f in files:
        found, text = check_file(f)
        problems += found
        texts.append(text)
    problems += [f"no rendered summary holds {c!r}" for c in contains if not any(c in t for t in texts)]
    for p in problems:
        print(p)
    print(f"rendered {len(files)} summaries: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
