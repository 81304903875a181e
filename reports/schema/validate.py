#!/usr/bin/python3
"""Checks smapi-conform report.json files against report.schema.json.

usage: validate.py [--schema FILE] REPORT.json...

Exit status: 0 every report is valid; 1 at least one is not (each problem is
printed as FILE: PATH: MESSAGE); 2 usage error, unreadable file, or the
python3-jsonschema package is missing (run ci/deps.sh).
Beyond the schema, it checks what JSON Schema cannot say: calls[i].id is i,
and every id in results[].evidence names a call (in each member of a fleet);
a fleet's member names are sorted, unique and among its discovered plugins.
Runs under Debian's /usr/bin/python3 with python3-jsonschema (draft 2020-12).
"""

import json
import os
import sys

SCHEMA_DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.schema.json")


def cross_references(report, at="$"):
    """(path, message) for each call id that does not resolve."""
    calls = report.get("calls", [])
    problems = [(f"{at}.calls[{i}].id", f"expected {i}, got {call.get('id')!r}")
                for i, call in enumerate(calls) if call.get("id") != i]
    for i, result in enumerate(report.get("results", [])):
        for j, call_id in enumerate(result.get("evidence", [])):
            if not isinstance(call_id, int) or not 0 <= call_id < len(calls):
                problems.append((f"{at}.results[{i}].evidence[{j}]",
                                 f"{call_id!r} names no call (there are {len(calls)})"))
    return problems


def fleet_references(fleet):
    """A fleet's members: each one's calls resolve; names unique, sorted and
    among the discovered plugins; the verdict tally and shard agree."""
    members = fleet.get("members", [])
    names = [member["name"] for member in members]
    problems = []
    for i, member in enumerate(members):
        problems += cross_references(member["report"], f"$.members[{i}].report")
        if member["name"] not in fleet["discovered"]:
            problems.append((f"$.members[{i}].name", f"{member['name']!r} is not among $.discovered"))
    if names != sorted(set(names)):
        problems.append(("$.members", "member names are not sorted and unique"))
    if sum(fleet["summary"]["plugins"].values()) != len(members):
        problems.append(("$.summary.plugins", f"does not add up to the {len(members)} members"))
    shard = fleet.get("shard")
    if shard and shard["index"] > shard["count"]:
        problems.append(("$.shard.index", f"{shard['index']} is past the shard count {shard['count']}"))
    return problems


def main(argv):
    args = argv[1:]
    schema_file = SCHEMA_DEFAULT
    if len(args) >= 2 and args[0] == "--schema":
        schema_file, args = args[1], args[2:]
    if not args or any(a.startswith("--") for a in args):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("validate.py: the python3-jsonschema package is missing; run ci/deps.sh",
              file=sys.stderr)
        return 2
    try:
        with open(schema_file, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print(f"validate.py: {schema_file}: not a usable schema: {e}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for name in args:
        try:
            with open(name, encoding="utf-8") as f:
                report = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{name}: not readable JSON: {e}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
        for error in errors:
            path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                                 for p in error.absolute_path)
            print(f"{name}: {path}: {error.message}")
        # Only a report of the right shape has ids to resolve.
        unresolved = [] if errors else (fleet_references(report) if report.get("schema_version") == 5
                                        else cross_references(report))
        for path, message in unresolved:
            print(f"{name}: {path}: {message}")
        if errors or unresolved:
            bad += 1
        else:
            print(f"{name}: valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
