#pragma once
// smapi-conform's command line as data (cli/flag_table.h): one table per
// command, from which each command parses its arguments and prints --help,
// and from which man pages and shell completion can be generated.

#include "cli/flag_table.h"

namespace smapi::harness {

// The whole program: every command below, in the order --help lists them.
const cli::Program& conform_program();

const cli::Command& run_table();
const cli::Command& plan_table();  // run's flag groups, under its own name and help
const cli::Command& list_table();
const cli::Command& explain_table();
const cli::Command& diff_table();
const cli::Command& merge_table();
const cli::Command& certify_table();  // certify's own flags, then run's
const cli::Command& verify_table();

// Whether a flag is one of certify's own (the others are run's, passed on).
bool is_certify_flag(const cli::Flag& flag);

}  // namespace smapi::harness
