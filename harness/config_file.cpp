#include "harness/config_file.h"

#include "cli/edit_distance.h"
#include "harness/bounded_file.h"
#include "contract/json_text.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>

namespace smapi::harness {
namespace {

namespace json = boost::json;
using cli::Flag;
using cli::UsageError;

enum class Type { boolean, number, whole_number, string };

// A mistyped key's nearest flag is suggested within this many edits, as for
// a mistyped flag; keys longer than kMaxSuggestedKey are not compared.
constexpr std::size_t kMaxSuggestionDistance = 2;
constexpr std::size_t kMaxSuggestedKey = 64;
// How much of an odd key or value a message quotes.
constexpr std::size_t kMaxQuotedChars = 60;

bool is_switch(const Flag& flag) { return flag.value_name.empty() && flag.choices.empty(); }

Type type_of(const Flag& flag) {
  if (is_switch(flag)) return Type::boolean;
  if (!flag.choices.empty()) return Type::string;
  if (flag.value_name == "SECONDS") return Type::number;
  if (flag.value_name == "N" || flag.value_name == "K" || flag.value_name == "BYTES") return Type::whole_number;
  return Type::string;
}

std::string_view type_words(Type type) {
  switch (type) {
    case Type::boolean: return "true or false";
    case Type::number: return "a number";
    case Type::whole_number: return "a whole number";
    case Type::string: return "a string";
  }
  return "a string";
}

std::string key_of(const Flag& flag) { return std::string(flag.name.substr(2)); }

// "$.timeout", or $["odd key"] for a key that is no flag-like name.
std::string path_of(std::string_view key) {
  const bool plain = !key.empty() && key.size() <= kMaxQuotedChars && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  if (plain) return "$." + std::string(key);
  return "$[" + contract::json_excerpt(json::value(json::string_view(key.data(), key.size())), kMaxQuotedChars) + "]";
}

class Reader {
 public:
  Reader(std::string_view source, const cli::Command& command) : source_(source), command_(command) {}

  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    throw UsageError(std::string(kConfigFlag) + " " + std::string(source_) + ": " + path + ": " + what);
  }

  std::vector<std::string> arguments(std::string_view text) const {
    const auto parsed = contract::parse_one_json_value(
        text, contract::JsonLimits{.max_depth = kMaxConfigDepth, .max_bytes = kMaxConfigFileBytes});
    if (!parsed.value) fail("$", "not valid JSON: " + parsed.error);
    const auto* object = parsed.value->if_object();
    if (!object)
      fail("$", "expected an object of run flags, got " + std::string(contract::json_type_name(*parsed.value)));
    std::vector<std::string> args;
    for (const auto& [json_key, value] : *object) {
      const std::string_view key(json_key.data(), json_key.size());
      const auto path = path_of(key);
      const std::string name = "--" + std::string(key);
      if (name == kConfigFlag) fail(path, "a config file cannot name another; give --config once, on the command line");
      for (const auto& refusal : command_.refused)
        if (refusal.name == name) fail(path, name + " " + std::string(refusal.reason));
      const Flag* flag = cli::find_flag(command_, name);
      if (!flag) fail(path, "no such flag" + suggestion(key));
      if (flag->repeatable && value.is_array()) {
        const auto& items = value.as_array();
        for (std::size_t i = 0; i < items.size(); ++i) add(*flag, items[i], path + "[" + std::to_string(i) + "]", args);
      } else {
        add(*flag, value, path, args);
      }
    }
    return args;
  }

 private:
  // Adds the argument a value stands for, checked against the flag's type.
  void add(const Flag& flag, const json::value& value, const std::string& path, std::vector<std::string>& args) const {
    const Type type = type_of(flag);
    const auto wrong = [&] { wrong_type(flag, value, path); };
    const std::string name(flag.name);
    switch (type) {
      case Type::boolean:
        if (!value.is_bool()) wrong();
        if (value.as_bool()) args.push_back(name);
        return;
      case Type::string: {
        if (!value.is_string()) wrong();
        const std::string text(value.as_string());
        if (!flag.choices.empty()) {
          const auto choices = cli::choices_of(flag);
          if (std::find(choices.begin(), choices.end(), text) == choices.end()) {
            std::string names;
            for (std::size_t i = 0; i < choices.size(); ++i)
              names += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + std::string(choices[i]);
            fail(path, "expected " + names + ", got " + contract::json_excerpt(value, kMaxQuotedChars));
          }
        }
        args.push_back(name + "=" + text);
        return;
      }
      case Type::whole_number:
        if (value.is_int64()) return args.push_back(name + "=" + std::to_string(value.as_int64()));
        if (value.is_uint64()) return args.push_back(name + "=" + std::to_string(value.as_uint64()));
        wrong_type(flag, value, path);
      case Type::number: {
        if (value.is_int64()) return args.push_back(name + "=" + std::to_string(value.as_int64()));
        if (value.is_uint64()) return args.push_back(name + "=" + std::to_string(value.as_uint64()));
        if (!value.is_double() || !std::isfinite(value.as_double())) wrong();
        std::array<char, 32> text{};
        const auto end = std::to_chars(text.data(), text.data() + text.size(), value.as_double()).ptr;
        return args.push_back(name + "=" + std::string(text.data(), end));
      }
    }
  }

  [[noreturn]] void wrong_type(const Flag& flag, const json::value& value, const std::string& path) const {
    fail(path, "expected " + std::string(type_words(type_of(flag))) + (flag.repeatable ? " or an array of them" : "") +
                   ", got " + std::string(contract::json_type_name(value)) + " " +
                   contract::json_excerpt(value, kMaxQuotedChars));
  }

  // " (did you mean \"timeout\"?)" for a mistyped key; empty when none is near.
  std::string suggestion(std::string_view key) const {
    if (key.size() > kMaxSuggestedKey) return {};
    std::string best;
    std::size_t best_distance = kMaxSuggestionDistance + 1;
    for (const auto& group : command_.groups)
      for (const auto& flag : group.flags)
        if (const auto distance = cli::edit_distance(key, flag.name.substr(2)); distance < best_distance) {
          best = key_of(flag);
          best_distance = distance;
        }
    return best.empty() ? std::string() : " (did you mean \"" + best + "\"?)";
  }

  std::string_view source_;
  const cli::Command& command_;
};

bool is_help(std::string_view arg) { return arg == cli::kHelpFlag || arg == cli::kHelpShort; }

// The flags the command line gives, by name, read as cli::parse reads them
// (a flag's value is no flag); and the last --config's file.
struct CommandLineFlags {
  std::set<std::string, std::less<>> names;
  std::optional<std::string> config;
  bool help = false;
};

CommandLineFlags command_line_flags(const cli::Command& command, const std::vector<std::string>& args) {
  CommandLineFlags found;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") break;
    if (is_help(arg)) found.help = true;
    if (!arg.starts_with("--")) continue;
    const auto eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const Flag* flag = cli::find_flag(command, name);
    std::optional<std::string> value;
    if (eq != std::string::npos)
      value = arg.substr(eq + 1);
    else if (flag && !is_switch(*flag) && i + 1 < args.size())
      value = args[++i];
    found.names.insert(name);
    if (name == kConfigFlag && value) found.config = value;
  }
  return found;
}

std::string read_config(const std::string& file) {
  auto read = read_bounded_file(file, kMaxConfigFileBytes);
  if (!read.problem.empty()) throw UsageError(std::string(kConfigFlag) + " " + file + ": " + read.problem);
  return std::move(read.text);
}

}  // namespace

std::string config_type(const cli::Flag& flag) {
  const Type type = type_of(flag);
  if (!flag.repeatable) return std::string(type_words(type));
  return "an array of " +
         std::string(type == Type::string    ? "strings"
                     : type == Type::boolean ? "booleans"
                                             : "numbers") +
         " or " + std::string(type_words(type));
}

std::vector<std::string> config_arguments(std::string_view text, std::string_view source, const cli::Command& command) {
  return Reader(source, command).arguments(text);
}

std::vector<std::string> with_config_file(const cli::Command& command, const std::vector<std::string>& args) {
  const auto given = command_line_flags(command, args);
  if (given.help || !given.config) return args;
  std::vector<std::string> merged;
  for (auto& arg : config_arguments(read_config(*given.config), *given.config, command))
    if (!given.names.contains(std::string_view(arg).substr(0, arg.find('=')))) merged.push_back(std::move(arg));
  merged.insert(merged.end(), args.begin(), args.end());
  return merged;
}

}  // namespace smapi::harness
