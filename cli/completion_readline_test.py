#!/usr/bin/env python3
"""Completes smapi-conform lines in a real interactive bash, through readline.

The scripted tests (bash_completion_test.cpp) set COMP_WORDS themselves; here
bash splits the line (at '=' and ':' too) and readline puts the reply in
place of the word, so a reply that repeats "--kind=" or does not replace
"query-sta" with "QUERY-STABLE" shows. Each line ends in TAB, then Enter; a
stand-in smapi-conform function echoes the words it got.

usage: completion_readline_test.py COMPLETION_FILE
Run by ctest as bash_completion_readline; exits 1 naming each line that fails.
"""
import os
import pty
import select
import signal
import sys
import tempfile
import time

# How long one line may take to come back completed (a loaded machine).
LINE_TIMEOUT_SECONDS = 20

# What is typed before TAB -> the words the program gets.
CASES = [
    ("smapi-conform li", "list"),
    ("smapi-conform explain query-sta", "explain QUERY-STABLE"),
    ("smapi-conform run --kind=vo", "run --kind=volume"),
    ("smapi-conform run --format json,ju", "run --format json,junit"),
    ("smapi-conform run --format=json,ta", "run --format=json,tap"),
    ("smapi-conform run --target exec:plug", "run --target exec:plugin-dir/"),
    ("smapi-conform run --waivers wai", "run --waivers waivers.json"),
]


def read_until(fd, marker, timeout):
    """What the terminal printed up to and including `marker`, or None."""
    out = b""
    end = time.monotonic() + timeout
    while marker not in out:
        left = end - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return None
            if not chunk:
                return None
            out += chunk
    return out


def stop(pid):
    """Waits a little for bash to exit, then kills it."""
    end = time.monotonic() + 5
    while time.monotonic() < end:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    completion = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="smapi-readline-")
    os.mkdir(os.path.join(work, "plugin-dir"))
    open(os.path.join(work, "waivers.json"), "w").close()

    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": work, "TERM": "dumb",
           "INPUTRC": "/dev/null", "LC_ALL": "C"}
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(work)
        os.execvpe("bash", ["bash", "--norc", "--noprofile", "-i"], env)

    failures = []
    try:
        setup = "PS1='READY> '; source '%s'; smapi-conform() { echo \"ARGS: $* <END>\"; }\n" % completion
        os.write(fd, setup.encode())
        if read_until(fd, b"READY> ", LINE_TIMEOUT_SECONDS) is None:
            print("bash did not start", file=sys.stderr)
            return 1
        for typed, expected in CASES:
            os.write(fd, typed.encode() + b"\t\n")
            out = read_until(fd, b" <END>\r\n", LINE_TIMEOUT_SECONDS)
            got = None
            if out is not None:
                text = out.decode(errors="replace")
                start = text.rfind("ARGS: ")
                got = text[start + len("ARGS: "):text.rfind(" <END>\r\n")] if start >= 0 else None
            if got != expected:
                failures.append("%r + TAB: expected %r, got %r" % (typed, expected, got))
        os.write(fd, b"exit\n")
    finally:
        stop(pid)
    for failure in failures:
        print(failure, file=sys.stderr)
    print("%d of %d lines completed as expected" % (len(CASES) - len(failures), len(CASES)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
