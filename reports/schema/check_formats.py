#!/usr/bin/python3
"""Checks the non-JSON reports smapi-conform wrote next to a report.json.

usage: check_formats.py REPORT_DIR...

For each directory (written with --format all) it reads report.json and checks
(a fleet's, schema_version 5: check_fleet_dir, each format's section per plugin):
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


def summary_md_problems(d, verdict):
    """summary.md's heading names the verdict; rendered safely when cmark-gfm is here."""
    problems = []
    md = open(f"{d}/summary.md", encoding="utf-8").read()
    if not md.startswith("## smapi-conform: ") or verdict not in md.split("\n")[0]:
        problems.append("summary.md: the heading does not name the verdict")
    if shutil.which("cmark-gfm"):
        problems += check_markdown.check_file(f"{d}/summary.md")[0]
    return problems


def check_dir(d):
    problems = []
    report = json.load(open(f"{d}/report.json", encoding="utf-8"))
    if report.get("schema_version") == 5:
        return check_fleet_dir(d, report)
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
    problems += summary_md_problems(d, verdict)
    html = open(f"{d}/report.html", encoding="utf-8").read()
    if html.count("<script") != 1 or f"Verdict: {verdict}</div>" not in html or \
            html.count('<tr class="result"') != len(results):
        problems.append("report.html: not one script, the banner and one row per result")
    if any(html.count(f'<details class="call" id="call-{c["id"]}"') != 1 for c in report["calls"]):
        problems.append("report.html: not each call once")
    return [f"{d}: {p}" for p in problems]


def check_fleet_dir(d, report):
    """A fleet's reports (report.json schema_version 5): each format holds a
    section per member that agrees with the member's report."""
    problems = []
    members = report["members"]
    verdict = report["summary"]["verdict"]

    # JUnit: one suite per member, named by it, with its results' cases.
    root = ET.parse(f"{d}/junit.xml").getroot()
    suites = root.findall("testsuite")
    if [s.get("name") for s in suites] != [m["name"] for m in members]:
        problems.append("junit.xml: the suites are not the members, in order")
    for member, suite in zip(members, suites):
        run = member["report"]
        expected = 1 if member["harness_error"] else len(run["results"]) + len(run["waiver_problems"])
        if len(suite.findall("testcase")) != expected:
            problems.append(f"junit.xml: {member['name']}: {len(suite.findall('testcase'))} cases, expected {expected}")
    for attr in ("tests", "failures", "errors", "skipped"):
        if root.get(attr) != str(sum(int(s.get(attr)) for s in suites)):
            problems.append(f"junit.xml: <testsuites {attr}> is not the sum of its suites'")

    # TAP: a point per member, ok exactly when it is conformant, after its subtest.
    lines = open(f"{d}/report.tap", encoding="utf-8").read().split("\n")
    points = [l for l in lines if re.match(r"(not )?ok \d+ - ", l)]
    if lines[0] != "TAP version 13" or lines[1] != f"1..{len(members)}" or len(points) != len(members):
        problems.append(f"report.tap: not version 13 with a plan and a point per member ({len(points)} points)")
    for i, (member, point) in enumerate(zip(members, points), 1):
        expected = ("ok" if member["verdict"] == "conformant" else "not ok") + f" {i} - "
        if not point.startswith(expected):
            problems.append(f"report.tap: {member['name']}: point {point[:60]!r}, expected {expected!r}")
    if [l[len("# Subtest: "):] for l in lines if l.startswith("# Subtest: ")] != [m["name"] for m in members]:
        problems.append("report.tap: the subtests are not the members, in order")

    # SARIF: one run; each member's fail and warn results, naming it.
    problems += check_sarif.check_file(f"{d}/report.sarif")
    sarif = json.load(open(f"{d}/report.sarif", encoding="utf-8"))
    results = sarif["runs"][0]["results"] if len(sarif.get("runs", [])) == 1 else []
    for member in members:
        expected = sum(1 for x in member["report"]["results"] if x["outcome"] in ("fail", "warn"))
        found = sum(1 for r in results if r.get("properties", {}).get("plugin") == member["name"])
        if found != expected:
            problems.append(f"report.sarif: {member['name']}: {found} results, expected {expected}")

    # Markdown and HTML: the verdict, a row per member, then each member.
    problems += summary_md_problems(d, verdict)
    html = open(f"{d}/report.html", encoding="utf-8").read()
    if html.count("<script") != 1 or f"Fleet verdict: {verdict}</div>" not in html or \
            html.count('<tr class="member"') != len(members):
        problems.append("report.html: not one script, the fleet banner and one row per member")
    for i, member in enumerate(members):
        calls = [] if member["harness_error"] else member["report"]["calls"]
        if any(html.count(f'<details class="call" id="p{i}-call-{c["id"]}"') != 1 for c in calls):
            problems.append(f"report.html: {member['name']}: not each call once")
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
