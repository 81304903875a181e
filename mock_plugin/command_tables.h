#pragma once
// smapi-mock's command line as data (cli/flag_table.h): one table per
// command, from which main.cpp parses and prints --help, and from which man
// pages and shell completion can be generated. Exec mode (Plugin.Query ...)
// has its own argparse-like line (exec_mode.h), not a table.

#include "cli/flag_table.h"

namespace smapi::mock {

// The whole program: every command below, in the order --help lists them.
const cli::Program& mock_program();

const cli::Command& serve_table();
const cli::Command& plugin_dir_table();
const cli::Command& mutants_table();
const cli::Command& record_table();

}  // namespace smapi::mock
