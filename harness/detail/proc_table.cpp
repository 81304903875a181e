#include "harness/detail/proc_table.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace smapi::harness::detail {

std::vector<ProcessEntry> list_processes() {
  std::vector<ProcessEntry> table;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
    const auto close_paren = line.rfind(')');
    if (close_paren == std::string::npos || close_paren + 2 >= line.size()) continue;
    ProcessEntry process;
    long ppid = 0;
    long pgrp = 0;
    if (std::sscanf(line.c_str() + close_paren + 2, "%c %ld %ld", &process.state, &ppid, &pgrp) != 3) continue;
    process.pid = static_cast<pid_t>(std::stol(name));
    process.ppid = static_cast<pid_t>(ppid);
    process.pgrp = static_cast<pid_t>(pgrp);
    table.push_back(process);
  }
  return table;
}

std::optional<std::vector<pid_t>> task_children() {
  std::vector<pid_t> children;
  std::error_code ec;
  bool listed = false;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", ec)) {
    std::ifstream in(task.path() / "children");
    if (!in) continue;  // a thread that ended meanwhile, or no such file at all
    listed = true;
    for (long pid = 0; in >> pid;) children.push_back(static_cast<pid_t>(pid));
  }
  if (!listed) return std::nullopt;
  return children;
}

}  // namespace smapi::harness::detail
