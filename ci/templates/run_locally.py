#!/usr/bin/python3
"""Runs a CI template's shell commands on this machine, as its CI would.

usage: run_locally.py github|gitlab TEMPLATE --workdir DIR [--set NAME=VALUE]...

github: every job of the workflow, those a job `needs` first; a matrix job
once per value of strategy.matrix.shard, with ${{ matrix.shard }} and
${{ strategy.job-total }} substituted (any other ${{ }} in a command is an
error). Each `run:` step runs under `bash --noprofile --norc -eo pipefail`,
as GitHub's runner does; actions/checkout is skipped, upload-artifact and
download-artifact copy through a store under DIR.
gitlab: every job, stage by stage; a `parallel: N` job once per
CI_NODE_INDEX in 1..N with CI_NODE_TOTAL=N; its `script:` lines in one
`bash -eo pipefail` (the runner stops at the first failing line).

Every job runs in DIR/work, the checkout both CIs give each job; variables
come from the template's env/variables, then --set. A `uses:` or key this
script does not know is an error, so a template cannot drift from what this
test runs. Exit status: the last job's, or 2 for a usage or template error.
"""

import os
import re
import shutil
import subprocess
import sys

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


class TemplateError(Exception):
    pass


def substitute(text, values):
    def one(match):
        if match.group(1) not in values:
            raise TemplateError(f"unknown expression ${{{{ {match.group(1)} }}}} in: {text.strip()}")
        return str(values[match.group(1)])
    return EXPRESSION.sub(one, text)


def run_shell(script, env, cwd, options):
    print(f"+ {script.strip()}", flush=True)
    return subprocess.run(["bash", *options, "-c", script], env=env, cwd=cwd).returncode


def github_order(jobs):
    done, order = set(), []
    while len(order) < len(jobs):
        ready = [name for name, job in jobs.items() if name not in done
                 and set([job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", [])) <= done]
        if not ready:
            raise TemplateError("the jobs' needs form a cycle")
        for name in ready:
            done.add(name)
            order.append(name)
    return order


def github_step(step, values, env, work, store):
    uses = step.get("uses", "")
    with_ = step.get("with", {})
    if uses.startswith("actions/checkout@"):
        return 0
    if uses.startswith("actions/upload-artifact@"):
        name, path = substitute(with_["name"], values), substitute(with_["path"], values)
        shutil.copytree(os.path.join(work, path), os.path.join(store, name), dirs_exist_ok=True)
        return 0
    if uses.startswith("actions/download-artifact@"):
        pattern = re.compile(with_.get("pattern", "*").replace("*", ".*") + "$")
        for name in sorted(os.listdir(store)):
            if pattern.match(name):
                shutil.copytree(os.path.join(store, name), os.path.join(work, with_["path"], name),
                                dirs_exist_ok=True)
        return 0
    if uses:
        raise TemplateError(f"a step uses {uses}, which this script does not simulate")
    if "run" not in step:
        raise TemplateError(f"a step with neither run nor uses: {step}")
    return run_shell(substitute(step["run"], values), env, work, ["--noprofile", "--norc", "-eo", "pipefail"])


def run_github(template, variables, workdir):
    jobs = template["jobs"]
    store, work = os.path.join(workdir, "artifacts"), os.path.join(workdir, "work")
    os.makedirs(store, exist_ok=True)
    status = 0
    for name in github_order(jobs):
        job = jobs[name]
        env = {**os.environ, **{k: str(v) for k, v in template.get("env", {}).items()},
               **{k: str(v) for k, v in job.get("env", {}).items()}, **variables}
        matrix = job.get("strategy", {}).get("matrix", {})
        unknown = set(matrix) - {"shard"}
        if unknown:
            raise TemplateError(f"job {name}: matrix keys {sorted(unknown)} are not simulated")
        shards = matrix.get("shard", [None])
        for shard in shards:
            values = {"strategy.job-total": len(shards), "!cancelled()": "true"}
            if shard is not None:
                values["matrix.shard"] = shard
            status = 0
            for step in job["steps"]:
                status = github_step(step, values, env, work, store)
                if status:
                    break
            print(f"== job {name}{'' if shard is None else f' (shard {shard})'}: exit {status}", flush=True)
    return status


def run_gitlab(template, variables, workdir):
    reserved = {"stages", "variables", "default", "include", "workflow"}
    jobs = {name: job for name, job in template.items() if name not in reserved and not name.startswith(".")}
    known = {"stage", "parallel", "script", "artifacts", "needs", "when"}
    for name, job in jobs.items():
        if set(job) - known:
            raise TemplateError(f"job {name}: keys {sorted(set(job) - known)} are not simulated")
    work = os.path.join(workdir, "work")
    env = {**os.environ, **{k: str(v) for k, v in template.get("variables", {}).items()}, **variables}
    status = 0
    for stage in template["stages"]:
        for name, job in jobs.items():
            if job.get("stage", "test") != stage:
                continue
            total = job.get("parallel")
            for index in range(1, (total or 1) + 1):
                node = {"CI_NODE_INDEX": str(index), "CI_NODE_TOTAL": str(total)} if total else {}
                status = run_shell("\n".join(job["script"]), {**env, **node}, work, ["-eo", "pipefail"])
                print(f"== job {name}{f' {index}/{total}' if total else ''}: exit {status}", flush=True)
    return status


def main(argv):
    args = argv[1:]
    if len(args) < 4 or args[0] not in ("github", "gitlab") or args[2] != "--workdir":
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    kind, path, workdir, rest = args[0], args[1], args[3], args[4:]
    variables = {}
    while rest:
        if rest[0] != "--set" or len(rest) < 2 or "=" not in rest[1]:
            print(f"run_locally.py: expected --set NAME=VALUE, got {rest[0]!r}", file=sys.stderr)
            return 2
        name, value = rest[1].split("=", 1)
        variables[name] = value
        rest = rest[2:]
    os.makedirs(os.path.join(workdir, "work"), exist_ok=True)
    try:
        with open(path, encoding="utf-8") as f:
            template = yaml.safe_load(f)
        return (run_github if kind == "github" else run_gitlab)(template, variables, workdir)
    except (OSError, yaml.YAMLError, TemplateError, KeyError) as e:
        print(f"run_locally.py: {path}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
