#include "harness/shard.h"

#include "cli/flag_table.h"

#include <charconv>

namespace smapi::harness {
namespace {

bool whole_number(std::string_view text, unsigned& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace

suites::Shard parse_shard(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return cli::UsageError("--shard: expected K/N with 1 <= K <= N <= " + std::to_string(kMaxShardCount) +
                           ", got \"" + text + "\"" + (why.empty() ? "" : " (" + why + ")"));
  };
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw bad("no \"/\"");
  suites::Shard shard;
  if (!whole_number(std::string_view(text).substr(0, slash), shard.index) ||
      !whole_number(std::string_view(text).substr(slash + 1), shard.count))
    throw bad("");
  if (shard.count == 0 || shard.count > kMaxShardCount) throw bad("N out of range");
  if (shard.index == 0 || shard.index > shard.count) throw bad("K out of range");
  return shard;
}

std::vector<std::string> names_in_shard(const std::vector<std::string>& sorted_names, suites::Shard shard) {
  std::vector<std::string> share;
  if (shard.index == 0 || shard.index > shard.count) return share;
  for (std::size_t i = shard.index - 1; i < sorted_names.size(); i += shard.count) share.push_back(sorted_names[i]);
  return share;
}

}  // namespace smapi::harness
