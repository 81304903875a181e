#!/usr/bin/python3
"""Checks smapi-conform report.json files against report.schema.json.

usage: validate.py [--schema FILE] REPORT.json...

Exit status: 0 every report is valid; 1 at least one is not (each problem is
printed as FILE: PATH: MESSAGE); 2 usage error, unreadable file, or the
python3-jsonschema package is missing (run ci/deps.sh).
Runs under Debian's /usr/bin/python3 with python3-jsonschema (draft 2020-12).
"""

import json
import os
import sys

SCHEMA_DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.schema.json")


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
        if errors:
            bad += 1
        else:
            print(f"{name}: valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
