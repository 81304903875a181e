#pragma once
// Test support: run a plugin script the way xapi-storage-script does (xen-api
// ocaml/xapi-storage-script/main.ml fork_exec_rpc): the script's own path as
// the program, the one argument --json, the arguments object on stdin, then
// stdout and the exit status. No shell in between.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace smapi::mock::testing {

struct ScriptRun {
  std::string out;
  std::string err;
  int exit_status = -1;  // -1 when killed by a signal or not run
};

// Starts `script` with `args`, stdin from `stdin_text`, stderr into
// `err_file` (finish_script reads it back). Returns the pid, or -1;
// `out_fd` is the read end of its stdout.
inline pid_t start_script(const std::filesystem::path& script, const std::string& stdin_text,
                          const std::filesystem::path& err_file, int& out_fd,
                          const std::vector<std::string>& args = {"--json"}) {
  // stdin from a file: the text is small, and no writer thread is needed.
  const std::filesystem::path in_file = err_file.string() + ".stdin";
  std::ofstream(in_file, std::ios::binary) << stdin_text;
  int out_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in_file.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> argv_text{script.string()};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, script.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    return -1;
  }
  out_fd = out_pipe[0];
  return pid;
}

// Reads the script's stdout to its end, waits for it, and collects stderr.
inline ScriptRun finish_script(pid_t pid, int out_fd, const std::filesystem::path& err_file) {
  ScriptRun r;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(out_fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    r.out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out_fd);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err_file);
  std::stringstream ss;
  ss << e.rdbuf();
  r.err = ss.str();
  std::filesystem::remove(err_file);
  std::filesystem::remove(err_file.string() + ".stdin");
  return r;
}

// Runs one script to its end.
inline ScriptRun run_script(const std::filesystem::path& script, const std::string& stdin_text,
                            const std::filesystem::path& scratch_dir,
                            const std::vector<std::string>& args = {"--json"}) {
  const std::filesystem::path err_file = scratch_dir / ("script-" + std::to_string(::getpid()) + ".stderr");
  int out_fd = -1;
  const pid_t pid = start_script(script, stdin_text, err_file, out_fd, args);
  if (pid < 0) return {};
  return finish_script(pid, out_fd, err_file);
}

}  // namespace smapi::mock::testing
