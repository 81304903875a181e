// A program's man page from its tables (man_page.h). The --help text's free
// text (descriptions, footers) is written for a terminal: prose wrapped at 79
// columns, and lists of "  TERM  meaning" lines (TARGET forms, exit
// statuses). Here prose is refilled by roff and those lists become .TP items.

#include "cli/man_page.h"

#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>

namespace smapi::cli {
namespace {

// The indent of a list item's term in free text ("  0  printed").
constexpr std::size_t kTermIndent = 2;

std::string bold(std::string_view text) { return "\\fB" + roff_escape(text) + "\\fR"; }
std::string italic(std::string_view text) { return "\\fI" + roff_escape(text) + "\\fR"; }

// A macro argument in double quotes (a '"' inside becomes \(dq).
std::string quoted_arg(std::string_view text) {
  std::string out = "\"";
  for (const char c : roff_escape(text)) {
    if (c == '"') out += "\\(dq";
    else out += c;
  }
  return out + "\"";
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    out.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

std::size_t indent_of(std::string_view line) {
  const std::size_t first = line.find_first_not_of(' ');
  return first == std::string_view::npos ? line.size() : first;
}

std::string_view trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// "  TERM  meaning" -> {TERM, meaning}; nullopt when there is no two-space gap.
std::optional<std::pair<std::string_view, std::string_view>> list_item(std::string_view line) {
  if (indent_of(line) != kTermIndent) return std::nullopt;
  const std::size_t gap = line.find("  ", kTermIndent);
  if (gap == std::string_view::npos) return std::nullopt;
  return std::pair{line.substr(kTermIndent, gap - kTermIndent), trimmed(line.substr(gap))};
}

// Free text as roff: prose lines filled, a blank line a new paragraph,
// "  TERM  meaning" lines (and their deeper-indented continuations) .TP
// items, any other indented line a line of its own.
std::string free_text(std::string_view text) {
  std::string out;
  bool in_list = false;
  for (const std::string_view line : lines_of(text)) {
    if (trimmed(line).empty()) {
      out += ".PP\n";
      in_list = false;
      continue;
    }
    const std::size_t indent = indent_of(line);
    if (const auto item = list_item(line)) {
      // (a blank roff line would be a paragraph break, so an empty meaning is left out)
      out += ".TP\n" + bold(item->first) + "\n" + (item->second.empty() ? "" : roff_escape(item->second) + "\n");
      in_list = true;
    } else if (indent > kTermIndent && in_list) {
      out += roff_escape(trimmed(line)) + "\n";
    } else if (indent > 0) {
      out += ".br\n" + roff_escape(trimmed(line)) + "\n.br\n";
    } else {
      if (in_list) out += ".PP\n";
      in_list = false;
      out += roff_escape(line) + "\n";
    }
  }
  return out;
}

// Help text whose '\n' breaks a line (empty lines are dropped: a blank roff
// line would be a paragraph break).
std::string broken_lines(std::string_view text) {
  std::string out;
  for (const std::string_view line : lines_of(text)) {
    if (trimmed(line).empty()) continue;
    if (!out.empty()) out += ".br\n";
    out += roff_escape(trimmed(line)) + "\n";
  }
  return out;
}

// "--kind volume|datapath", "--timeout SECONDS", "--quiet".
std::string flag_label(const Flag& flag) {
  std::string out = bold(flag.name);
  if (!flag.choices.empty()) {
    std::string values;
    for (const auto choice : choices_of(flag)) values += (values.empty() ? "" : "|") + bold(choice);
    out += " " + values;
  } else if (!flag.value_name.empty()) {
    out += " " + italic(flag.value_name);
  }
  return out;
}

// The synopsis words after "PROGRAM COMMAND", as --help's usage line has them.
std::string usage_words(const Command& command) {
  std::string out;
  bool optional = false;
  for (const auto& positional : command.positionals)
    out += " " + italic(positional.name) + (positional.repeated ? "..." : "");
  for (const auto& group : command.groups)
    for (const auto& flag : group.flags) {
      if (is_refused(command, flag.name)) continue;
      if (flag.required) out += " " + flag_label(flag);
      else optional = true;
    }
  if (optional) out += " [" + italic("options") + "]";
  return out;
}

std::string synopsis(const Program& program) {
  std::string out = ".SH SYNOPSIS\n";
  for (const Command* command : program.commands)
    out += bold(std::string(program.name) + " " + std::string(command->name)) + usage_words(*command) + "\n.br\n";
  out += bold(program.name) + " [" + bold("--help") + " | " + bold("--version") + "]\n";
  return out;
}

std::string command_section(const Program& program, const Command& command) {
  std::string out = ".SS " + quoted_arg(command.name) + "\n";
  out += roff_escape(command.summary) + ".\n.PP\n";
  out += bold(std::string(program.name) + " " + std::string(command.name)) + usage_words(command) + "\n";
  if (!command.description.empty()) out += ".PP\n" + free_text(command.description);
  if (!command.positionals.empty()) {
    out += ".PP\n" + italic("arguments:") + "\n";
    for (const auto& positional : command.positionals)
      out += ".TP\n" + italic(positional.name) + "\n" + broken_lines(positional.help);
  }
  for (const auto& group : command.groups) {
    out += ".PP\n" + italic(std::string(group.title) + ":") + "\n";
    for (const auto& flag : group.flags)
      if (!is_refused(command, flag.name))
        out += ".TP\n" + flag_label(flag) + "\n" + broken_lines(flag_help_text(flag));
  }
  if (!command.refused.empty()) {
    out += ".PP\n" + italic("not accepted here:") + "\n";
    for (const auto& refusal : command.refused)
      out += ".TP\n" + bold(refusal.name) + "\n" + roff_escape(refusal.reason) + "\n";
  }
  if (!command.footer.empty()) out += ".PP\n" + free_text(command.footer);
  return out;
}

// Every command's exit statuses, by status: "0: run: conformant; list: printed ...".
std::string exit_status_section(const Program& program) {
  std::map<long, std::vector<std::string>> by_code;  // numeric order
  std::map<std::string, std::vector<std::string>> other;
  for (const Command* command : program.commands)
    for (const auto& status : exit_statuses(command->footer)) {
      const std::string line = bold(command->name) + ": " + roff_escape(status.meaning);
      long code = 0;
      const auto [end, error] = std::from_chars(status.code.data(), status.code.data() + status.code.size(), code);
      if (error == std::errc() && end == status.code.data() + status.code.size()) by_code[code].push_back(line);
      else other[status.code].push_back(line);
    }
  if (by_code.empty() && other.empty()) return {};
  std::string out = ".SH \"EXIT STATUS\"\nEach command's exit statuses, by status:\n";
  const auto items = [&out](const std::string& code, const std::vector<std::string>& lines) {
    out += ".TP\n" + bold(code) + "\n";
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? ".br\n" : "") + lines[i] + "\n";
  };
  for (const auto& [code, lines] : by_code) items(std::to_string(code), lines);
  for (const auto& [code, lines] : other) items(code, lines);
  return out;
}

// "smapi-mock(1)" -> \fBsmapi\-mock\fR(1); anything else in bold.
std::string reference(std::string_view page) {
  const std::size_t open = page.rfind('(');
  if (open == std::string_view::npos || !page.ends_with(')')) return bold(page);
  return bold(page.substr(0, open)) + roff_escape(page.substr(open));
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace

std::string roff_escape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\\') {
      out += "\\e";
    } else if (byte == '-') {
      out += "\\-";
    } else if (byte < 0x80) {
      out += static_cast<char>(byte);
    } else {
      // One UTF-8 sequence as \[uXXXX]; a broken one as '?'.
      const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0;
      std::uint32_t code = length == 4 ? byte & 0x07u : length == 3 ? byte & 0x0Fu : byte & 0x1Fu;
      bool good = length != 0 && i + length <= text.size();
      for (std::size_t k = 1; good && k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        good = (next & 0xC0u) == 0x80u;
        code = (code << 6) | (next & 0x3Fu);
      }
      if (!good) {
        out += '?';
        continue;
      }
      char hex[8];
      const auto end = std::to_chars(hex, hex + sizeof hex, code, 16).ptr;
      std::string digits(hex, end);
      for (char& c : digits)
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
      out += "\\[u" + std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits + "]";
      i += length - 1;
    }
  }
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
  return out;
}

std::vector<ExitStatus> exit_statuses(std::string_view footer) {
  std::vector<ExitStatus> out;
  bool listing = false;
  for (const std::string_view line : lines_of(footer)) {
    if (trimmed(line) == "exit status:") {
      listing = true;
      continue;
    }
    if (!listing) continue;
    if (const auto item = list_item(line)) {
      out.push_back({std::string(item->first), std::string(item->second)});
    } else if (indent_of(line) > kTermIndent && !out.empty() && !trimmed(line).empty()) {
      out.back().meaning += " " + std::string(trimmed(line));
    } else {
      listing = false;
    }
  }
  return out;
}

std::string render_man_page(const Program& program, const ManPageInfo& info) {
  std::string out = ".\\\" " + std::string(program.name) +
                    "(1), generated at build time from its command tables (the source of its --help).\n"
                    ".\\\" Do not edit: change the tables instead.\n";
  out += ".TH " + quoted_arg(upper(program.name)) + " 1 \"\" " +
         quoted_arg(std::string(info.source) + " " + std::string(info.version)) + " " + quoted_arg(info.manual) + "\n";
  out += ".nh\n.ad l\n";  // no hyphenation, so flags and IDs stay whole
  out += ".SH NAME\n" + roff_escape(std::string(program.name) + " - " + std::string(program.summary)) + "\n";
  out += synopsis(program);
  out += ".SH DESCRIPTION\n" + free_text(program.description);
  out += ".PP\nRun " + bold(std::string(program.name) + " COMMAND --help") + " for a command's flags; " +
         "they are those listed under " + bold("COMMANDS") + " below.\n";
  if (!program.footer.empty()) out += ".PP\n" + free_text(program.footer);
  out += ".SH COMMANDS\n";
  for (const Command* command : program.commands) out += command_section(program, *command);
  out += ".SH OPTIONS\n";
  out += ".TP\n" + bold("-h") + ", " + bold("--help") + "\n" +
         roff_escape("print the help and exit; after a command, that command's") + "\n";
  out += ".TP\n" + bold("--version") + "\n" + roff_escape("print the version and exit") + "\n";
  out += exit_status_section(program);
  if (!program.environment.empty()) {
    out += ".SH ENVIRONMENT\n";
    for (const auto& env : program.environment) out += ".TP\n" + bold(env.name) + "\n" + roff_escape(env.help) + "\n";
  }
  if (!info.see_also.empty()) {
    out += ".SH \"SEE ALSO\"\n";
    for (std::size_t i = 0; i < info.see_also.size(); ++i)
      out += reference(info.see_also[i]) + (i + 1 < info.see_also.size() ? ",\n" : "\n");
  }
  return out;
}

}  // namespace smapi::cli
