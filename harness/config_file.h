#pragma once
// --config FILE: a command's flags read from a JSON object, so a vendor's
// repository keeps its run settings. Each key is a flag's name without its
// dashes ("timeout" for --timeout), its value typed by the flag's table row
// (config_type): a switch takes true or false, a count or a duration a
// number, anything else a string, and a repeatable flag an array of them
// (or one). A flag on the command line overrides the file's. The keys come
// from the command's table, so every flag it gains is accepted here too.

#include "cli/flag_table.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::harness {

// Largest config file read, in bytes: a file of settings is a few hundred.
inline constexpr std::size_t kMaxConfigFileBytes = 1024 * 1024;
// Deepest nesting accepted: an object of arrays of values needs 2.
inline constexpr std::size_t kMaxConfigDepth = 8;

// The flag that names the file; a file that names it too is refused.
inline constexpr std::string_view kConfigFlag = "--config";

// The JSON value a flag takes in a config file, in words: "true or false",
// "a number", "a whole number", "a string"; a repeatable flag "an array of
// strings or a string". A value named SECONDS is a number; one named N, K or
// BYTES a whole number (as --help writes them).
std::string config_type(const cli::Flag& flag);

// The arguments a config text stands for, "--name=value" for each key in the
// file's order ("--quiet" for a switch set true, nothing for false). `source`
// names the file in errors. Throws UsageError "--config SOURCE: $.PATH: what
// was wrong" for text that is not JSON, not an object, an unknown key (with
// the nearest flag), a flag the command refuses (with its reason), a value of
// the wrong type, or a choice the flag lacks.
std::vector<std::string> config_arguments(std::string_view text, std::string_view source, const cli::Command& command);

// `args` (a command's arguments) with the flags of the --config file they name
// put before them, less those the command line gives itself: a later flag
// overrides an earlier one, and a repeatable flag on the command line replaces
// all of the file's. Unchanged without --config, or with --help. Throws
// UsageError as config_arguments does, or when the file cannot be read.
std::vector<std::string> with_config_file(const cli::Command& command, const std::vector<std::string>& args);

}  // namespace smapi::harness
