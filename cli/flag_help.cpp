// The --help texts, rendered from the tables (flag_table.h) in one style:
//
//   usage: PROGRAM COMMAND POSITIONAL --required VALUE [options]
//
//   description, as written
//
//   TITLE:
//     --flag VALUE               help, wrapped at kWidth (default X)
//     -h, --help                 print this help and exit
//
//   footer, as written

#include "cli/flag_table.h"

#include <algorithm>

namespace smapi::cli {
namespace {

// Columns of the help text: flags are indented by kIndent, their help starts
// at kHelpColumn (on the next line when the flag is wider), lines end by kWidth.
constexpr std::size_t kIndent = 2;
constexpr std::size_t kHelpColumn = 29;
constexpr std::size_t kWidth = 79;

constexpr std::string_view kHelpText = "print this help and exit";

// `text` word-wrapped to kWidth, its first line after `lead` (padded to
// `column`, or alone on its line when longer), later lines indented to
// `column`. A '\n' in text starts a new line.
std::string hanging(std::string_view lead, std::string_view text, std::size_t column) {
  std::string out(lead);
  if (text.empty()) return out + '\n';
  std::size_t at = out.size();
  if (at >= column) {
    out += '\n';
    at = 0;
  }
  out.append(column - at, ' ');
  at = column;
  bool line_empty = true;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find_first_of(" \n", start), text.size());
    const std::string_view word = text.substr(start, end - start);
    if (!word.empty()) {
      if (!line_empty && at + 1 + word.size() > kWidth) {
        out += '\n' + std::string(column, ' ');
        at = column;
        line_empty = true;
      }
      if (!line_empty) {
        out += ' ';
        ++at;
      }
      out += word;
      at += word.size();
      line_empty = false;
    }
    if (end < text.size() && text[end] == '\n') {
      out += '\n' + std::string(column, ' ');
      at = column;
      line_empty = true;
    }
    start = end + 1;
  }
  return out + '\n';
}

std::string label(const Flag& flag) {
  std::string out(flag.name);
  if (!flag.choices.empty()) out += " " + std::string(flag.choices);
  else if (!flag.value_name.empty()) out += " " + std::string(flag.value_name);
  return out;
}

std::string flag_line(const Flag& flag) {
  return hanging(std::string(kIndent, ' ') + label(flag), flag_help_text(flag), kHelpColumn);
}

bool refused(const Command& command, std::string_view name) { return is_refused(command, name); }

std::string usage_line(const Program& program, const Command& command) {
  std::string lead = "usage: " + std::string(program.name) + " " + std::string(command.name);
  std::string words;
  bool optional = false;
  for (const auto& positional : command.positionals)
    words += " " + std::string(positional.name) + (positional.repeated ? "..." : "");
  for (const auto& group : command.groups)
    for (const auto& flag : group.flags) {
      if (refused(command, flag.name)) continue;
      if (flag.required) words += " " + label(flag);
      else optional = true;
    }
  if (optional) words += " [options]";
  return hanging(lead, words.empty() ? std::string_view() : std::string_view(words).substr(1), lead.size() + 1);
}

// Free text as written, then a blank line; nothing when empty.
std::string block(std::string_view text) {
  if (text.empty()) return {};
  std::string out(text);
  if (!out.ends_with('\n')) out += '\n';
  return out + '\n';
}

}  // namespace

std::string flag_help_text(const Flag& flag) {
  std::string help(flag.help);
  if (!flag.default_value.empty()) help += " (default " + std::string(flag.default_value) + ")";
  if (flag.required) help += " (required)";
  if (flag.repeatable) help += " (repeatable)";
  if (!flag.needs.empty()) help += " (needs " + std::string(flag.needs) + ")";
  if (!flag.conflicts.empty()) help += " (not with " + std::string(flag.conflicts) + ")";
  return help;
}

bool is_refused(const Command& command, std::string_view name) {
  return std::any_of(command.refused.begin(), command.refused.end(),
                     [&](const Refusal& r) { return r.name == name; });
}

std::string render_help(const Program& program, const Command& command) {
  std::string out = usage_line(program, command) + "\n" + block(command.description);
  if (!command.positionals.empty()) {
    out += "arguments:\n";
    for (const auto& positional : command.positionals)
      out += hanging(std::string(kIndent, ' ') + std::string(positional.name), positional.help, kHelpColumn);
    out += '\n';
  }
  for (const auto& group : command.groups) {
    out += std::string(group.title) + ":\n";
    for (const auto& flag : group.flags)
      if (!refused(command, flag.name)) out += flag_line(flag);
    out += '\n';
  }
  if (command.groups.empty()) out += "options:\n";
  else out.pop_back();  // -h joins the last group
  out += hanging(std::string(kIndent, ' ') + std::string(kHelpShort) + ", " + std::string(kHelpFlag), kHelpText,
                 kHelpColumn);
  out += '\n';
  if (!command.refused.empty()) {
    out += "not accepted here:\n";
    for (const auto& refusal : command.refused)
      out += hanging(std::string(kIndent, ' ') + std::string(refusal.name), refusal.reason, kHelpColumn);
    out += '\n';
  }
  out += block(command.footer);
  out.pop_back();  // one newline at the end
  return out;
}

std::string render_program_help(const Program& program) {
  std::string out = "usage: " + std::string(program.name) + " COMMAND [options]\n\n" + block(program.description);
  std::size_t width = 0;
  for (const Command* command : program.commands) width = std::max(width, command->name.size());
  const std::size_t column = kIndent + width + 2;
  out += "commands:\n";
  for (const Command* command : program.commands)
    out += hanging(std::string(kIndent, ' ') + std::string(command->name), command->summary, column);
  out += "\noptions:\n";
  out += hanging(std::string(kIndent, ' ') + std::string(kHelpShort) + ", " + std::string(kHelpFlag), kHelpText,
                 kHelpColumn);
  out += hanging(std::string(kIndent, ' ') + "--version", "print the version and exit", kHelpColumn);
  out += "\nRun '" + std::string(program.name) + " COMMAND --help' for a command's options.\n";
  if (!program.footer.empty()) {
    out += "\n" + block(program.footer);
    out.pop_back();
  }
  return out;
}

std::string usage_hint(const Program& program, std::string_view command) {
  return "(see " + std::string(program.name) + (command.empty() ? "" : " " + std::string(command)) + " --help)";
}

}  // namespace smapi::cli
