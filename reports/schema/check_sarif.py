#!/usr/bin/python3
"""Checks SARIF logs smapi-conform wrote against what their consumers require.

usage: check_sarif.py FILE...

Two sets of rules, each problem printed with the JSON path it concerns:

OASIS SARIF 2.1.0 (sarif-schema-2.1.0.json, errata01). The schema itself is
not in this repository (and the tests run without a network), so
OASIS_SUBSET below transcribes the part of it these logs use: for each object
smapi-conform writes, the properties OASIS requires, their types, enumerations
and minimums, and additionalProperties false as OASIS sets it. A property
OASIS allows but the subset does not list is reported: extend the subset from
the OASIS schema when the writer starts using one.

GitHub code scanning's ingestion rules (docs.github.com, "SARIF support for
code scanning" and "About code scanning limits on SARIF results"):
  - required and non-empty: $schema, version 2.1.0, runs[].tool.driver.name,
    its rules[] (id, shortDescription.text, fullDescription.text, help.text),
    results[] (message.text, locations[] with physicalLocation.artifactLocation.uri)
  - artifactLocation.uri a relative reference: no scheme (GitHub refuses
    "unrecognized SARIF location URI scheme"), not absolute, no ".." segment,
    nothing outside RFC 3986 but percent-escapes
  - region.startLine >= 1 when a region is given
  - shortDescription and fullDescription at most 1024 characters, name 255
  - at most 20 runs; per run 25,000 results and 25,000 rules; per result
    10 locations (only the first is used); per rule 20 tags
  - ruleId and ruleIndex, when given, name the same rule
Exit status: 0 all good; 1 a check failed; 2 usage error.
"""

import json
import re
import sys

import jsonschema

PROPERTY_BAG = {"type": "object"}
MESSAGE = {"type": "object", "additionalProperties": False,
           "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
           "properties": {"text": {"type": "string"}, "id": {"type": "string"}}}
MULTIFORMAT = {"type": "object", "additionalProperties": False, "required": ["text"],
               "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}}}
LEVEL = {"type": "string", "enum": ["none", "note", "warning", "error"]}
DESCRIPTOR_REFERENCE = {"type": "object", "additionalProperties": False,
                        "properties": {"id": {"type": "string"},
                                       "index": {"type": "integer", "minimum": -1}}}
REGION = {"type": "object", "additionalProperties": False,
          "properties": {k: {"type": "integer", "minimum": 1}
                         for k in ("startLine", "startColumn", "endLine", "endColumn")}}
LOCATION = {"type": "object", "additionalProperties": False, "properties": {
    "physicalLocation": {"type": "object", "additionalProperties": False, "properties": {
        "artifactLocation": {"type": "object", "additionalProperties": False, "properties": {
            "uri": {"type": "string"}, "uriBaseId": {"type": "string"}}},
        "region": REGION}},
    "logicalLocations": {"type": "array", "uniqueItems": True, "items": {
        "type": "object", "additionalProperties": False, "properties": {
            "name": {"type": "string"}, "fullyQualifiedName": {"type": "string"},
            "kind": {"type": "string"}}}}}}
RULE = {"type": "object", "additionalProperties": False, "required": ["id"], "properties": {
    "id": {"type": "string"}, "name": {"type": "string"},
    "shortDescription": MULTIFORMAT, "fullDescription": MULTIFORMAT, "help": MULTIFORMAT,
    "helpUri": {"type": "string"},
    "defaultConfiguration": {"type": "object", "additionalProperties": False,
                             "properties": {"enabled": {"type": "boolean"}, "level": LEVEL}},
    "properties": {"type": "object", "properties": {
        "tags": {"type": "array", "uniqueItems": True, "items": {"type": "string"}}}}}}
RESULT = {"type": "object", "additionalProperties": False, "required": ["message"], "properties": {
    "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1},
    "kind": {"type": "string",
             "enum": ["notApplicable", "pass", "fail", "review", "open", "informational"]},
    "level": LEVEL, "message": MESSAGE,
    "locations": {"type": "array", "items": LOCATION},
    "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
    "suppressions": {"type": "array", "uniqueItems": True, "items": {
        "type": "object", "additionalProperties": False, "required": ["kind"], "properties": {
            "kind": {"type": "string", "enum": ["inSource", "external"]},
            "status": {"type": "string", "enum": ["accepted", "underReview", "rejected"]},
            "justification": {"type": "string"}, "properties": PROPERTY_BAG}}},
    "properties": PROPERTY_BAG}}
NOTIFICATION = {"type": "object", "additionalProperties": False, "required": ["message"],
                "properties": {"message": MESSAGE, "level": LEVEL,
                               "descriptor": DESCRIPTOR_REFERENCE,
                               "associatedRule": DESCRIPTOR_REFERENCE,
                               "properties": PROPERTY_BAG}}
INVOCATION = {"type": "object", "additionalProperties": False, "required": ["executionSuccessful"],
              "properties": {"executionSuccessful": {"type": "boolean"},
                             "exitCode": {"type": "integer"},
                             "startTimeUtc": {"type": "string", "format": "date-time"},
                             "toolExecutionNotifications": {"type": "array", "items": NOTIFICATION},
                             "properties": PROPERTY_BAG}}
OASIS_SUBSET = {
    "type": "object", "additionalProperties": False, "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string"},
        "version": {"type": "string", "enum": ["2.1.0"]},
        "runs": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "additionalProperties": False, "required": ["driver"],
                         "properties": {"driver": {
                             "type": "object", "additionalProperties": False, "required": ["name"],
                             "properties": {"name": {"type": "string"},
                                            "version": {"type": "string"},
                                            "semanticVersion": {"type": "string"},
                                            "informationUri": {"type": "string"},
                                            "rules": {"type": "array", "uniqueItems": True,
                                                      "items": RULE}}}}},
                "invocations": {"type": "array", "items": INVOCATION},
                "results": {"type": "array", "items": RESULT},
                "properties": PROPERTY_BAG}}}}}

# A URI reference's characters (RFC 3986): unreserved, sub-delims, ':', '@',
# '/', '?', '#' and percent-escapes; a scheme is letters then ':'.
URI_CHARS = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def github_problems(log):
    problems = []
    need = lambda value, path: value if isinstance(value, str) and value else \
        problems.append(f"{path}: required and non-empty")
    need(log.get("$schema"), "$schema")
    if log.get("version") != "2.1.0":
        problems.append("version: must be 2.1.0")
    runs = log.get("runs") or []
    if not runs or len(runs) > 20:
        problems.append(f"runs: {len(runs)} runs (1 to 20)")
    for r, run in enumerate(runs):
        at = f"runs[{r}]"
        driver = run.get("tool", {}).get("driver", {})
        need(driver.get("name"), f"{at}.tool.driver.name")
        rules = driver.get("rules")
        if not isinstance(rules, list) or len(rules) > 25000:
            problems.append(f"{at}.tool.driver.rules: required, at most 25,000")
            rules = []
        for i, rule in enumerate(rules):
            rat = f"{at}.tool.driver.rules[{i}]"
            need(rule.get("id"), f"{rat}.id")
            for key in ("shortDescription", "fullDescription"):
                text = need(rule.get(key, {}).get("text"), f"{rat}.{key}.text")
                if text and len(text) > 1024:
                    problems.append(f"{rat}.{key}.text: {len(text)} characters (at most 1024)")
            need(rule.get("help", {}).get("text"), f"{rat}.help.text")
            if len(rule.get("name", "")) > 255:
                problems.append(f"{rat}.name: longer than 255 characters")
            if len(rule.get("properties", {}).get("tags", [])) > 20:
                problems.append(f"{rat}.properties.tags: more than 20")
        results = run.get("results")
        if not isinstance(results, list) or len(results) > 25000:
            problems.append(f"{at}.results: required, at most 25,000")
            results = []
        for i, result in enumerate(results):
            rat = f"{at}.results[{i}]"
            need(result.get("message", {}).get("text"), f"{rat}.message.text")
            if "ruleIndex" in result and "ruleId" in result and \
                    (result["ruleIndex"] >= len(rules) or rules[result["ruleIndex"]].get("id") != result["ruleId"]):
                problems.append(f"{rat}: ruleIndex {result['ruleIndex']} does not name rule {result['ruleId']!r}")
            locations = result.get("locations") or []
            if not locations or len(locations) > 10:
                problems.append(f"{rat}.locations: {len(locations)} locations (1 to 10)")
            for j, location in enumerate(locations):
                lat = f"{rat}.locations[{j}].physicalLocation"
                physical = location.get("physicalLocation")
                if not isinstance(physical, dict):
                    problems.append(f"{lat}: required (GitHub: expected a physical location)")
                    continue
                uri = need(physical.get("artifactLocation", {}).get("uri"), f"{lat}.artifactLocation.uri")
                if uri:
                    if SCHEME.match(uri):
                        problems.append(f"{lat}.artifactLocation.uri: {uri!r} has a scheme")
                    if uri.startswith("/"):
                        problems.append(f"{lat}.artifactLocation.uri: {uri!r} is absolute")
                    if ".." in uri.split("/"):
                        problems.append(f"{lat}.artifactLocation.uri: {uri!r} leaves the repository")
                    if not URI_CHARS.fullmatch(uri):
                        problems.append(f"{lat}.artifactLocation.uri: {uri!r} is not a URI reference")
                region = physical.get("region")
                if region is not None and not (isinstance(region.get("startLine"), int) and region["startLine"] >= 1):
                    problems.append(f"{lat}.region.startLine: required, at least 1")
    return problems


def check_file(path):
    try:
        log = json.load(open(path, encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"{path}: cannot read: {e}"]
    validator = jsonschema.Draft7Validator(OASIS_SUBSET, format_checker=jsonschema.FormatChecker())
    problems = [f"{path}: OASIS: {'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
                for e in validator.iter_errors(log)]
    return problems + [f"{path}: GitHub: {p}" for p in github_problems(log)]


def main(argv):
    if len(argv) < 2:
        print("usage: check_sarif.py FILE...", file=sys.stderr)
        return 2
    problems = [p for path in argv[1:] for p in check_file(path)]
    for p in problems:
        print(p)
    print(f"checked {len(argv) - 1} SARIF logs: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
