#!/usr/bin/python3
"""Checks the non-JSON reports smapi-conform wrote next to a report.json.

usage: check_formats.py REPORT_DIR...

For each directory (written with --format all) it reads report.json and checks:
  junit.xml    parses (expat, via xml.etree); one <testcase> per result and per
               waiver problem; classname "smapi.<area>" and name the ID; every
               classname+name pair unique; suite counts match the cases; the
               suite's <system-out> holds every call's transcript once
  report.tap   "TAP version 13", a plan 1..N, N test points numbered 1..N, one
               per result and waiver problem, each fail not ok (or # TODO); a
               "not ok" without TODO exactly when the verdict is not conformant
  report.sarif version 2.1.0; one run; rules with id, shortDescription, help;
               every result's ruleId/ruleIndex names a rule; level error|warning;
               OASIS's structure and GitHub's ingestion rules (check_sarif.py)
  summary.md   starts with "## smapi-conform: " and names the verdict; rendered
               as GitHub renders it, only its own markup (check_markdown.py;
               when cmark-gfm is installed)
  report.html  a single <script>, the verdict banner, one row per result,
               each call once
Exit status: 0 all good; 1 a check failed (each printed); 2 usage error.
"""

import json
import re
import shutil
import sys
import xml.etree.ElementTree as ET

import check_markdown
import check_sarif


def check_dir(d):
    problems = []
    report = json.load(open(f"{d}/report.json", encoding="utf-8"))
    results = report["results"]
    waiver_problems = report["waiver_problems"]
    expected_cases = len(results) + len(waiver_problems)

    # JUnit
    root = ET.parse(f"{d}/junit.xml").getroot()
    suites = root.findall("testsuite")
    if root.tag != "testsuites" or len(suites) != 1:
        problems.append("junit.xml: expected <testsuites> holding one <testsuite>")
    cases = root.findall("testsuite/testcase")
    if len(cases) != expected_cases:
        problems.append(f"junit.xml: {len(cases)} testcases, expected {expected_cases}")
    keys = [(c.get("classname"), c.get("name")) for c in cases]
    if len(set(keys)) != len(keys):
        problems.append("junit.xml: classname+name pairs are not unique")
    for result, case in zip(results, cases):
        if case.get("classname") != "smapi." + result["area"] or case.get("name") != result["id"]:
            problems.append(f"junit.xml: case {case.get('classname')}/{case.get('name')} is not "
                            f"smapi.{result['area']}/{result['id']}")
    calls = report["calls"]
    suite_out = root.findall("testsuite/system-out")
    if len(suite_out) != 1 or any((suite_out[0].text or "").count(f"call #{c['id']}: ") != 1 for c in calls):
        problems.append("junit.xml: the suite's <system-out> does not hold each call's transcript once")
    for attr, tag in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        counted = len(root.findall(f"testsuite/testcase/{tag}"))
        if suites and suites[0].get(attr) != str(counted):
            problems.append(f"junit.xml: {attr}={suites[0].get(attr)} but {counted} <{tag}> elements")

    # TAP
    lines = open(f"{d}/report.tap", encoding="utf-8").read().split("\n")
    if lines[0] != "TAP version 13":
        problems.append("report.tap: first line is not 'TAP version 13'")
    plan = re.fullmatch(r"1\.\.(\d+)", lines[1] if len(lines) > 1 else "")
    points = [l for l in lines if re.match(r"(not )?ok \d+ - ", l)]
    if not plan or int(plan.group(1)) != len(points) or len(points) != expected_cases:
        problems.append(f"report.tap: plan {lines[1]!r}, {len(points)} points, expected {expected_cases}")
    for i, point in enumerate(points, 1):
        if not re.match(rf"(not )?ok {i} - ", point):
            problems.append(f"report.tap: point {i} is numbered wrong: {point[:60]!r}")
    for result, point in zip(results, points):
        if result["outcome"] in ("fail", "error") and not point.startswith("not ok"):
            problems.append(f"report.tap: {result['id']} failed but its point is ok")
    # A TAP consumer fails the run exactly when smapi-conform does not exit 0.
    counted = [p for p in points if p.startswith("not ok") and not re.search(r"[^\\]# TODO ", p)]
    verdict = report["summary"]["verdict"]
    if verdict in ("conformant", "non_conformant", "inconclusive") and \
            bool(counted) != (verdict != "conformant"):
        problems.append(f"report.tap: {len(counted)} counted 'not ok' points, but the verdict is {verdict}")

    # SARIF
    sarif = json.load(open(f"{d}/report.sarif", encoding="utf-8"))
    if sarif.get("version") != "2.1.0" or len(sarif.get("runs", [])) != 1:
        problems.append("report.sarif: not a one-run SARIF 2.1.0 log")
    else:
        run = sarif["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        for rule in rules:
            if not rule.get("id") or not rule.get("shortDescription", {}).get("text") or \
                    not rule.get("help", {}).get("text"):
                problems.append(f"report.sarif: rule {rule.get('id')!r} lacks id, shortDescription or help")
        for r in run["results"]:
            if rules[r["ruleIndex"]]["id"] != r["ruleId"] or r["level"] not in ("error", "warning"):
                problems.append(f"report.sarif: result {r['ruleId']} has a bad ruleIndex or level")
        problems += check_sarif.check_file(f"{d}/report.sarif")
        fails = sum(1 for x in results if x["outcome"] in ("fail", "warn"))
        if len(run["results"]) != fails:
            problems.append(f"report.sarif: {len(run['results'])} results, expected {fails}")

    # Markdown and HTML
    md = open(f"{d}/summary.md", encoding="utf-8").read()
    verdict = report["summary"]["verdict"]
    if not md.startswith("## smapi-conform: ") or verdict not in md.split("\n")[0]:
        problems.append("summary.md: the heading does not name the verdict")
    if shutil.which("cmark-gfm"):
        problems += check_markdown.check_file(f"{d}/summary.md")[0]
    html = open(f"{d}/report.html", encoding="utf-8").read()
    if html.count("<script") != 1 or f"Verdict: {verdict}</div>" not in html or \
            html.count('<tr class="result"') != len(results):
        problems.append("report.html: not one script, the banner and one row per result")
    if any(html.count(f'<details class="call" id="call-{c["id"]}"') != 1 for c in report["calls"]):
        problems.append("report.html: not each call once")
    return [f"{d}: {p}" for p in problems]


def main(argv):
    if len(argv) < 2:
        print("usage: check_formats.py REPORT_DIR...", file=sys.stderr)
        return 2
    problems = []
    for d in argv[1:]:
        try:
            problems += check_dir(d)
        except (OSError, ValueError, KeyError, IndexError, ET.ParseError) as e:
            problems.append(f"{d}: cannot check: {e!r}")
    for p in problems:
        print(p)
    print(f"checked {len(argv) - 1} report directories: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
