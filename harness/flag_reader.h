#pragma once
// Walks a subcommand's arguments one at a time, reading "--flag VALUE" and
// "--flag=VALUE" alike. Pure; a missing value is a UsageError naming the flag.

#include "harness/run_options.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace smapi::harness {

class FlagReader {
 public:
  explicit FlagReader(const std::vector<std::string>& args) : args_(args) {}

  // Moves to the next argument; false when there is none.
  bool next() {
    if (++index_ >= args_.size()) return false;
    flag_ = args_[index_];
    inline_value_.reset();
    if (const auto eq = flag_.find('='); flag_.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value_ = flag_.substr(eq + 1);
      flag_.resize(eq);
    }
    return true;
  }

  // The current argument without any "=VALUE", and as it was given.
  const std::string& flag() const { return flag_; }
  const std::string& arg() const { return args_[index_]; }

  // The current flag's value: what follows its '=', else the next argument
  // (which is then consumed).
  std::string value() {
    if (inline_value_) return *inline_value_;
    if (index_ + 1 >= args_.size()) throw UsageError(flag_ + ": missing value");
    return args_[++index_];
  }

 private:
  const std::vector<std::string>& args_;
  std::size_t index_ = static_cast<std::size_t>(-1);
  std::string flag_;
  std::optional<std::string> inline_value_;
};

}  // namespace smapi::harness
