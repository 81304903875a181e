// A program's bash completion script from its tables (bash_completion.h).
// The script is a fixed driver (kDriver) plus four generated lookups, each a
// `case` over "COMMAND FLAG" or "COMMAND INDEX", so it stays readable and
// needs nothing at completion time but bash.

#include "cli/bash_completion.h"

#include <stdexcept>
#include <string_view>

namespace smapi::cli {
namespace {

// The driver; @F@ is the function name, @COMMANDS@ the program's commands.
// _F__offer KIND UPPER LIST VALUE PREFIX [WORDS] sets COMPREPLY: KIND is
// words, file or directory (paths, then the WORDS too); UPPER 1 matches
// VALUE upper-cased as well (IDs are upper case, taken in any case); LIST 1
// completes the item after VALUE's last comma; PREFIX goes before each
// reply ("--format=" when the value came in one word with it).
constexpr std::string_view kDriver = R"sh(@F@__offer() {
  local kind=$1 upper=$2 list=$3 value=$4 prefix=$5 words=${6-} head= i
  if [[ $list == 1 && $value == *,* ]]; then
    head=${value%,*},
    value=${value##*,}
  fi
  COMPREPLY=()
  case $kind in
    file) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$value") ;;
    directory) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$value") ;;
  esac
  if [[ -n $words ]]; then
    mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "$words" -- "$value")
    if [[ $upper == 1 && ${value^^} != "$value" ]]; then
      mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "$words" -- "${value^^}")
    fi
  fi
  [[ $list == 1 ]] && compopt -o nospace 2>/dev/null
  for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=$prefix$head${COMPREPLY[i]}; done
  return 0
}

# COMMAND: its flags not on the line yet (a repeatable one always); reads
# the caller's words and cword.
@F@__unused_flags() {
  local flag i given
  for flag in $(@F@__flags "$1"); do
    given=0
    for ((i = 2; i < cword; i++)); do
      [[ ${words[i]} == "$flag" || ${words[i]} == "$flag="* ]] && given=1
    done
    if ((given)) && ! @F@__repeatable "$1" "$flag"; then continue; fi
    printf '%s ' "$flag"
  done
}

@F@() {
  # The words as bash split them: at '=' and ':' too (COMP_WORDBREAKS), and
  # readline replaces only the part after one, so replies never repeat it.
  local -a words=("${COMP_WORDS[@]}")
  local cword=$COMP_CWORD
  local cur=${words[cword]} prev=${words[cword-1]}
  COMPREPLY=()
  if ((cword == 1)); then
    if [[ $cur == -* ]]; then
      @F@__offer words 0 0 "$cur" '' '-h --help --version'
    else
      @F@__offer words 0 0 "$cur" '' '@COMMANDS@'
    fi
    return 0
  fi
  local command=${words[1]}
  # A flag's value: --flag VALUE, --flag = VALUE (bash split --flag=VALUE at
  # '='), --flag=VALUE (a COMP_WORDBREAKS without '='), and the part after
  # "exec:" or "unix:" (split at ':').
  if [[ $cur == --*=* ]]; then
    @F@__value "$command" "${cur%%=*}" "${cur#*=}" "${cur%%=*}=" && return 0
  elif [[ $cur == = ]]; then
    @F@__value "$command" "$prev" '' '' && return 0
  elif [[ $prev == = ]]; then
    @F@__value "$command" "${words[cword-2]}" "$cur" '' && return 0
  elif [[ $prev == : && $cword -ge 4 && ${words[cword-3]} == -* ]]; then
    @F@__value "$command" "${words[cword-3]}" "$cur" '' && return 0
  elif [[ $prev == -* ]]; then
    @F@__value "$command" "$prev" "$cur" '' && return 0
  fi
  if [[ $cur == -* ]]; then
    @F@__offer words 0 0 "$cur" '' "$(@F@__unused_flags "$command")"
    return 0
  fi
  # A positional: count those before this word, skipping flags and their values.
  local i n=0 skip=0
  for ((i = 2; i < cword; i++)); do
    if [[ ${words[i]} == = || ${words[i]} == : ]]; then
      skip=1  # the rest of the value before it follows
    elif ((skip)); then
      skip=0
    elif [[ ${words[i]} == -*=* ]]; then
      :
    elif [[ ${words[i]} == -* ]]; then
      @F@__takes_value "$command" "${words[i]}" && skip=1
    else
      n=$((n + 1))
    fi
  done
  @F@__positional "$command" "$n" "$cur" && return 0
  # No positional is due: offer the flags.
  @F@__offer words 0 0 "$cur" '' "$(@F@__unused_flags "$command")"
  return 0
}
)sh";

// Characters a word may hold to sit unquoted inside '...' and split by
// compgen -W on spaces.
bool plain_word(std::string_view word) {
  if (word.empty()) return false;
  for (const char c : word) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("._/,:+@%=-").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

std::string checked(std::string_view word, std::string_view what) {
  if (!plain_word(word))
    throw std::invalid_argument("bash completion: " + std::string(what) + " \"" + std::string(word) +
                                "\" holds a character the script cannot hold unquoted");
  return std::string(word);
}

template <typename Words>
std::string joined(const Words& words, std::string_view what) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + checked(word, what);
  return out;
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// The _F__offer call that completes a value: its choices when it has any,
// else what its kind names plus its suggestions (space-separated words);
// after VALUE and PREFIX (shell words).
std::string offer(const std::string& function, ValueKind kind, bool list, std::string_view choices,
                  std::string_view suggestions, std::string_view value, std::string_view prefix) {
  const std::string args = std::string(list ? " 1 " : " 0 ") + std::string(value) + " " + std::string(prefix);
  const std::string head = function + "__offer ";
  if (!choices.empty()) return head + "words 0" + args + " '" + std::string(choices) + "'";
  std::string words(suggestions);
  const auto with = [&](const std::string& variable) {
    return "\"$" + function + variable + (words.empty() ? "" : " " + words) + "\"";
  };
  switch (kind) {
    case ValueKind::file: return head + "file 0" + args + " '" + words + "'";
    case ValueKind::directory: return head + "directory 0" + args + " '" + words + "'";
    case ValueKind::requirement_id: return head + "words 1" + args + " " + with("__requirement_ids");
    case ValueKind::mutant: return head + "words 1" + args + " " + with("__mutants");
    case ValueKind::text: break;
  }
  return words.empty() ? "COMPREPLY=()" : head + "words 0" + args + " '" + words + "'";
}

// The flags a command takes, --help included, refused ones left out.
std::vector<const Flag*> accepted_flags(const Command& command) {
  std::vector<const Flag*> out;
  for (const auto& group : command.groups)
    for (const auto& flag : group.flags)
      if (!is_refused(command, flag.name)) out.push_back(&flag);
  return out;
}

bool takes_value(const Flag& flag) { return !flag.value_name.empty() || !flag.choices.empty(); }

std::string flags_lookup(const Program& program, const std::string& function) {
  std::string out = "# COMMAND -> its flags.\n" + function + "__flags() {\n  case $1 in\n";
  std::string repeatable = "# COMMAND FLAG: whether FLAG may be given again.\n" + function +
                           "__repeatable() {\n  case \"$1 $2\" in\n";
  for (const Command* command : program.commands) {
    std::string names;
    for (const Flag* flag : accepted_flags(*command)) {
      names += checked(flag->name, "flag") + " ";
      if (flag->repeatable)
        repeatable += "    '" + checked(command->name, "command") + " " + std::string(flag->name) + "') return 0 ;;\n";
    }
    out += "    " + checked(command->name, "command") + ") echo '" + names + "-h --help' ;;\n";
  }
  return out + "  esac\n}\n\n" + repeatable + "  esac\n  return 1\n}\n\n";
}

std::string value_lookups(const Program& program, const std::string& function) {
  std::string values = "# COMMAND FLAG VALUE PREFIX: completes FLAG's value; 1 when FLAG takes none.\n" + function +
                       "__value() {\n  case \"$1 $2\" in\n";
  std::string takes =
      "# COMMAND FLAG: whether FLAG takes a value.\n" + function + "__takes_value() {\n  case \"$1 $2\" in\n";
  for (const Command* command : program.commands)
    for (const Flag* flag : accepted_flags(*command)) {
      if (!takes_value(*flag)) continue;
      const std::string choices = joined(choices_of(*flag), "choice");
      const std::string suggestions = joined(suggestions_of(*flag), "suggestion");
      const std::string pair = "'" + checked(command->name, "command") + " " + checked(flag->name, "flag") + "'";
      values += "    " + pair + ") " +
                offer(function, flag->kind, flag->comma_list, choices, suggestions, "\"$3\"", "\"$4\"") + " ;;\n";
      takes += "    " + pair + ") return 0 ;;\n";
    }
  return values + "    *) return 1 ;;\n  esac\n}\n\n" + takes + "  esac\n  return 1\n}\n\n";
}

std::string positional_lookup(const Program& program, const std::string& function) {
  std::string out = "# COMMAND INDEX VALUE: completes the INDEXth positional; 1 when none is due.\n" + function +
                    "__positional() {\n  case \"$1 $2\" in\n";
  for (const Command* command : program.commands)
    for (std::size_t i = 0; i < command->positionals.size(); ++i) {
      // A repeated last positional takes every later index too; earlier
      // patterns come first, so '*' matches only the rest.
      const std::string index = command->positionals[i].repeated ? "'*" : std::to_string(i) + "'";
      out += "    '" + checked(command->name, "command") + " " + index + ") " +
             offer(function, command->positionals[i].kind, false, {}, {}, "\"$3\"", "''") + " ;;\n";
    }
  return out + "    *) return 1 ;;\n  esac\n}\n\n";
}

// Whether a flag or positional of the program names values of this kind.
bool uses(const Program& program, ValueKind kind) {
  for (const Command* command : program.commands) {
    for (const auto& positional : command->positionals)
      if (positional.kind == kind) return true;
    for (const Flag* flag : accepted_flags(*command))
      if (flag->kind == kind && flag->choices.empty()) return true;
  }
  return false;
}

}  // namespace

std::string completion_function(std::string_view program) {
  std::string out = "_" + std::string(program);
  for (char& c : out)
    if (c == '-' || c == '.') c = '_';
  return out;
}

std::string render_bash_completion(const Program& program, const CompletionWords& words) {
  const std::string name = checked(program.name, "program name");
  const std::string function = completion_function(name);
  std::string commands;
  for (const Command* command : program.commands)
    commands += (commands.empty() ? "" : " ") + checked(command->name, "command");

  std::string out = "# bash completion for " + name +
                    ", generated at build time from its command\n"
                    "# tables (the source of its --help). Do not edit: change the tables.\n\n";
  // The word lists the program's value kinds need, and only those.
  if (uses(program, ValueKind::requirement_id))
    out += function + "__requirement_ids='" + joined(words.requirement_ids, "requirement ID") + "'\n";
  if (uses(program, ValueKind::mutant))
    out += function + "__mutants='" + joined(words.mutants, "mutant name") + "'\n";
  out += "\n";
  out += flags_lookup(program, function);
  out += value_lookups(program, function);
  out += positional_lookup(program, function);
  out += replaced(replaced(std::string(kDriver), "@F@", function), "@COMMANDS@", commands);
  out += "\ncomplete -F " + function + " " + name + "\n";
  return out;
}

}  // namespace smapi::cli
