#pragma once
// A program's bash completion script, rendered from its tables
// (flag_table.h) and the words its value kinds name, so a new command, flag,
// choice, requirement or mutant is completed without an edit here. Pure: the
// build writes the result (cli/shell_docs.cmake).
//
//   const std::string script = cli::render_bash_completion(program, {.requirement_ids = ids});
//   // source it; complete -p smapi-conform -> complete -F _smapi_conform smapi-conform
//
// It completes: the commands; each command's flags (not the refused ones,
// nor one already given unless it is repeatable);
// a flag's value by its choices, suggestions (the next item of a
// comma_list) or kind (files, directories, requirement IDs or mutant names,
// the last two in any case); and positionals by their kind. "--flag VALUE"
// and "--flag=VALUE" alike, and a path after "--target exec:". It needs
// nothing but bash (not the bash-completion package).

#include "cli/flag_table.h"

#include <string>
#include <vector>

namespace smapi::cli {

// The words of the value kinds the tables do not list.
struct CompletionWords {
  std::vector<std::string> requirement_ids;  // ValueKind::requirement_id
  std::vector<std::string> mutants;          // ValueKind::mutant
};

// The script, ending in a newline: one function _PROGRAM (name with '-' as
// '_') and `complete -F`. Throws std::invalid_argument for a word the script
// could not hold unquoted (a space, a quote, a '$' ...), naming it.
std::string render_bash_completion(const Program& program, const CompletionWords& words);

// The name of the completion function: "smapi-conform" -> "_smapi_conform".
std::string completion_function(std::string_view program);

}  // namespace smapi::cli
