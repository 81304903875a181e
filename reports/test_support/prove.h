#pragma once
// Test-only: a TAP document read by a real consumer, Perl's prove
// (TAP::Harness), for the single-run and fleet TAP tests.

#include <stdlib.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace smapi::reports::testing {

// prove's exit status on a TAP document (0 when every test passed) and
// what it printed.
struct ProveRun {
  int status = -1;
  std::string output;
};

inline bool prove_installed() { return std::system("command -v prove >/dev/null 2>&1") == 0; }

inline ProveRun prove(const std::string& tap) {
  std::string pattern = (std::filesystem::temp_directory_path() / "smapi-tap-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return {};
  const std::filesystem::path dir = pattern;
  std::ofstream(dir / "report.tap") << tap;
  const std::string command = "cd '" + dir.string() + "' && prove --exec cat report.tap >out 2>&1";
  ProveRun run;
  const int raw = std::system(command.c_str());
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream in(dir / "out");
  run.output.assign(std::istreambuf_iterator<char>(in), {});
  std::filesystem::remove_all(dir);
  return run;
}

}  // namespace smapi::reports::testing
