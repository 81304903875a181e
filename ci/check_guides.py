#!/usr/bin/python3
"""Runs every shell command of the guides in docs/, as a reader would.

Each ```sh block of a guide is run, in the order of the guide, by one bash
process per guide (so variables and background servers carry from block to
block), in a scratch directory, with the built smapi-conform and smapi-mock
first on PATH and HOME inside the scratch directory. A block passes when it
exits 0, or the status an annotation on one of the three lines before its
fence names:

  <!-- check: exit 1 -->           the block's last command exits 1
  <!-- check: skip: REASON -->     not run; the reason is printed (e.g. a
                                   package install, tested by package_test)

Host paths are mapped into the scratch directory: /usr/libexec/xapi-storage-script
becomes SCRATCH/host/usr/libexec/xapi-storage-script. A guide prepares that
host with setup comments, run before its first block (not shown to readers
as commands, so keep them to building what the guide says is already there):

  <!-- check-setup: smapi-mock plugin-dir /usr/libexec/xapi-storage-script/volume/org.xen.xapi.storage.acme -->

When the guide ends (or fails, or times out) its whole process group is
killed, so a server a block started in the background never outlives it.

usage: check_guides.py --bin DIR [--source ROOT] GUIDE.md...
Exit status: 0 every block passed, 1 a block failed (named with its line),
2 bad usage or a guide that cannot be read.
"""
import argparse
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile

# The time one guide may take, all its blocks together.
GUIDE_TIMEOUT_SECONDS = 300
# Host paths a guide may name, mapped into the scratch directory.
HOST_PATHS = ("/usr/libexec/xapi-storage-script",)

ANNOTATION = re.compile(r"<!--\s*check:\s*(exit\s+(\d+)|skip:\s*(.+?))\s*-->")
SETUP = re.compile(r"<!--\s*check-setup:\s*(.+?)\s*-->")


class Block:
    def __init__(self, line, text, expected_exit, skip_reason):
        self.line = line
        self.text = text
        self.expected_exit = expected_exit
        self.skip_reason = skip_reason


def parse_guide(text):
    """The guide's setup commands and its sh blocks, in order."""
    lines = text.splitlines()
    setup = [match.group(1) for match in SETUP.finditer(text)]
    blocks = []
    i = 0
    while i < len(lines):
        if lines[i].strip() in ("```sh", "```bash"):
            fence = i
            expected_exit, skip_reason = 0, None
            for back in range(i - 1, max(i - 4, -1), -1):
                match = ANNOTATION.search(lines[back])
                if match:
                    if match.group(2) is not None:
                        expected_exit = int(match.group(2))
                    else:
                        skip_reason = match.group(3)
                    break
            j = i + 1
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            if j == len(lines):
                raise ValueError(f"line {fence + 1}: the ```sh block is never closed")
            blocks.append(Block(fence + 1, "\n".join(lines[i + 1:j]), expected_exit, skip_reason))
            i = j
        i += 1
    return setup, blocks


def map_host_paths(text, host_root):
    for path in HOST_PATHS:
        text = text.replace(path, f"{host_root}{path}")
    return text


def script_for(setup, blocks, host_root):
    """One bash script running the setup, then every block with its check."""
    out = [
        "set -uo pipefail",
        "__fail() { echo \"check_guides: the block at line $1 exited $2, expected $3\" >&2; exit 1; }",
    ]
    for command in setup:
        out.append(f"( set -e; {map_host_paths(command, host_root)} ) >/dev/null"
                   " || { echo 'check_guides: a check-setup command failed' >&2; exit 1; }")
    for block in blocks:
        if block.skip_reason:
            continue
        body = map_host_paths(block.text, host_root)
        out.append(f"echo '--- line {block.line}' >&2")
        if block.expected_exit == 0:
            # Every command of the block must succeed.
            out.append("set -e")
            out.append(body)
            out.append("set +e")
        else:
            out.append("set +e")
            out.append("{\n" + body + "\n}")
            out.append(f"__rc=$?; [ \"$__rc\" -eq {block.expected_exit} ] || "
                       f"__fail {block.line} \"$__rc\" {block.expected_exit}")
    out.append("echo '--- done' >&2")
    return "\n".join(out) + "\n"


def run_guide(path, bin_dir, source_root):
    try:
        setup, blocks = parse_guide(path.read_text())
    except (OSError, ValueError) as error:
        print(f"check_guides: {path}: {error}", file=sys.stderr)
        return 2
    if not blocks:
        print(f"check_guides: {path}: no ```sh block to run", file=sys.stderr)
        return 2
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="smapi-guide."))
    try:
        host_root = scratch / "host"
        work = scratch / "work"
        home = scratch / "home"
        for directory in (host_root, work, home):
            directory.mkdir()
        environment = dict(os.environ)
        environment.update({
            "PATH": f"{bin_dir}:{environment.get('PATH', '/usr/bin:/bin')}",
            "HOME": str(home),
            "SMAPI_SOURCE": str(source_root),
        })
        script = script_for(setup, blocks, host_root)
        (scratch / "guide.sh").write_text(script)
        # The output goes to a file, not a pipe: a server a block left in the
        # background holds its stdout open after bash has exited.
        log_path = scratch / "guide.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(["bash", str(scratch / "guide.sh")], cwd=work, env=environment,
                                       stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                status = process.wait(timeout=GUIDE_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                status = None
            finally:
                try:
                    os.killpg(process.pid, signal.SIGKILL)  # background servers the guide started
                except ProcessLookupError:
                    pass
                process.wait()
        text = log_path.read_bytes().decode(errors="replace")
        skipped = [block for block in blocks if block.skip_reason]
        ran = len(blocks) - len(skipped)
        if status == 0 and text.rstrip().endswith("--- done"):
            print(f"{path.name}: {ran} blocks passed, {len(skipped)} not run")
            for block in skipped:
                print(f"  line {block.line} not run: {block.skip_reason}")
            return 0
        reason = (f"timed out after {GUIDE_TIMEOUT_SECONDS} s" if status is None
                  else f"exit status {status}")
        print(f"check_guides: {path}: {reason}; output:\n{text}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description="Runs the shell commands of the guides.")
    parser.add_argument("--bin", required=True, help="where smapi-conform and smapi-mock are")
    parser.add_argument("--source", default=str(pathlib.Path(__file__).resolve().parent.parent),
                        help="the repository (SMAPI_SOURCE in the guides' commands)")
    parser.add_argument("guides", nargs="+", type=pathlib.Path)
    arguments = parser.parse_args()
    bin_dir = pathlib.Path(arguments.bin).resolve()
    for program in ("smapi-conform", "smapi-mock"):
        if not os.access(bin_dir / program, os.X_OK):
            print(f"check_guides: no executable {program} in {bin_dir}", file=sys.stderr)
            return 2
    worst = 0
    for guide in arguments.guides:
        worst = max(worst, run_guide(guide, bin_dir, pathlib.Path(arguments.source).resolve()))
    return worst


if __name__ == "__main__":
    sys.exit(main())
