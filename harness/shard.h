#pragma once
// --shard K/N: the share of a fleet's plugins one CI job judges. Pure.
//
// The rule: the discovered plugins are sorted by name and dealt round-robin,
// so shard K (1-based) of N takes the plugins at positions K-1, K-1+N,
// K-1+2N, ... Every plugin falls in exactly one shard, and shard sizes
// differ by at most one. The same discovery gives the same shares on every
// machine.

#include "suites/fleet.h"

#include <string>
#include <vector>

namespace smapi::harness {

// The largest N --shard takes: far more than any CI matrix runs at once.
inline constexpr unsigned kMaxShardCount = 1000;

// Reads "K/N" with 1 <= K <= N <= kMaxShardCount. Throws UsageError (a
// cli::UsageError) naming --shard and what was wrong.
suites::Shard parse_shard(const std::string& text);

// The names shard `shard` takes of `sorted_names` (sorted, unique), in order.
std::vector<std::string> names_in_shard(const std::vector<std::string>& sorted_names, suites::Shard shard);

}  // namespace smapi::harness
