#include "mock_plugin/admin.h"

#include "contract/json_text.h"
#include "contract/names.h"
#include "mock_plugin/config.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <vector>

namespace smapi::mock {
namespace {

namespace json = boost::json;

AdminResponse json_response(int status, const json::value& value) {
  AdminResponse res;
  res.status = status;
  res.body = json::serialize(value);
  res.body += '\n';
  return res;
}

AdminResponse error_response(int status, std::string_view message) {
  json::object o;
  o["error"] = message;
  return json_response(status, o);
}

AdminResponse wrong_verb(std::string_view path, std::string_view allow) {
  AdminResponse res = error_response(
      405, std::string(path) + " takes " + std::string(allow) + " only");
  res.allow = std::string(allow);
  return res;
}

// The query parameters an admin path reads, checked: unknown names and bad
// numbers are refused with a message naming them.
struct Query {
  std::optional<std::string> method;
  std::optional<std::string> dbg;
  std::optional<std::size_t> limit;
  std::optional<std::size_t> count;
  std::optional<std::size_t> at_least;
  std::optional<std::size_t> at_most;
};

std::optional<std::size_t> to_count(std::string_view text) {
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Reads the query; returns "" or what was wrong. `allowed` lists the names
// this path takes.
std::string read_query(const boost::urls::url_view& url, std::initializer_list<std::string_view> allowed,
                       Query& q) {
  for (const auto& param : url.params()) {
    const std::string& name = param.key;
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string names;
      for (std::string_view a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
      return "unknown query parameter \"" + name + "\" (this path takes " + names + ")";
    }
    std::string value = param.has_value ? param.value : std::string();
    if (name == "method") {
      q.method = value;
    } else if (name == "dbg") {
      q.dbg = value;
    } else {
      std::optional<std::size_t> n = to_count(value);
      if (!n) return "query parameter " + name + " must be a non-negative integer, got \"" + value + "\"";
      if (name == "limit") q.limit = n;
      if (name == "count") q.count = n;
      if (name == "at_least") q.at_least = n;
      if (name == "at_most") q.at_most = n;
    }
  }
  return {};
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// "exactly 2", "at least 1 and at most 3".
std::string expectation_words(const Query& q) {
  if (q.count) return "exactly " + std::to_string(*q.count);
  std::string out;
  if (q.at_least) out = "at least " + std::to_string(*q.at_least);
  if (q.at_most) out += (out.empty() ? "" : " and ") + std::string("at most ") + std::to_string(*q.at_most);
  return out;
}

bool holds(const Query& q, std::size_t calls) {
  if (q.count && calls != *q.count) return false;
  if (q.at_least && calls < *q.at_least) return false;
  if (q.at_most && calls > *q.at_most) return false;
  return true;
}

AdminResponse verify(const Query& query_in, const Journal& journal) {
  Query q = query_in;
  if (!q.method) return error_response(400, "verify needs method=NAME");
  if (!q.count && !q.at_least && !q.at_most) q.at_least = 1;
  const std::string& method = *q.method;

  std::size_t calls = 0;
  // (rank, method, dbg) -> calls; rank orders the near misses by closeness.
  std::map<std::tuple<int, std::string, std::string>, std::size_t> near;
  for (const JournalEntry& e : journal.entries()) {
    const std::string dbg = e.dbg.value_or("");
    if (e.method == method) {
      if (!q.dbg || (e.dbg && *e.dbg == *q.dbg)) {
        ++calls;
      } else {
        ++near[{1, e.method, dbg}];
      }
    } else if (contract::equals_ignoring_case(e.method, method)) {
      ++near[{0, e.method, dbg}];
    } else {
      ++near[{2, e.method, dbg}];
    }
  }

  std::string what = std::string("calls to ") + method + (q.dbg ? " with dbg " + quoted(*q.dbg) : "");
  json::object o;
  o["ok"] = holds(q, calls);
  o["method"] = method;
  o["dbg"] = q.dbg ? json::value(*q.dbg) : json::value(nullptr);
  o["expected"] = expectation_words(q);
  o["calls"] = calls;
  o["dropped"] = journal.dropped();
  if (holds(q, calls)) return json_response(200, o);

  std::string explanation = "expected " + expectation_words(q) + " " + what + ", got " +
                            std::to_string(calls);
  if (journal.dropped() > 0) {
    explanation += " (the journal dropped " + std::to_string(journal.dropped()) +
                   " older calls; it keeps the last " + std::to_string(journal.settings().capacity) + ")";
  }
  std::vector<std::pair<std::tuple<int, std::string, std::string>, std::size_t>> ordered(near.begin(),
                                                                                           near.end());
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a.first) != std::get<0>(b.first)) return std::get<0>(a.first) < std::get<0>(b.first);
    return a.second > b.second;
  });
  json::array misses;
  for (const auto& [key, n] : ordered) {
    if (misses.size() >= kMaxNearMisses) break;
    const auto& [rank, m, dbg] = key;
    json::object miss;
    miss["method"] = m;
    miss["dbg"] = dbg;
    miss["calls"] = n;
    miss["why"] = rank == 0   ? "the method is spelled in another case (" + quoted(m) + ", not " +
                                    quoted(method) + ")"
                  : rank == 1 ? "the same method with another dbg (" + quoted(dbg) + ")"
                              : std::string("another method");
    misses.push_back(std::move(miss));
  }
  if (!misses.empty()) {
    explanation += "; near misses: ";
    bool first = true;
    for (const auto& miss : misses) {
      const json::object& m = miss.as_object();
      explanation += (first ? "" : ", ") + std::to_string(m.at("calls").to_number<std::uint64_t>()) +
                     " to " + quoted(m.at("method").as_string()) + " with dbg " +
                     quoted(m.at("dbg").as_string());
      first = false;
    }
  } else {
    explanation += "; the journal holds no other calls";
  }
  o["explanation"] = explanation;
  o["near_misses"] = std::move(misses);
  return json_response(417, o);
}

// Whether the Authorization header carries the token as a Bearer credential.
bool bearer_matches(std::string_view authorization, std::string_view token) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() < kScheme.size() ||
      !contract::equals_ignoring_case(authorization.substr(0, kScheme.size()), kScheme)) {
    return false;
  }
  std::string_view given = authorization.substr(kScheme.size());
  while (!given.empty() && given.front() == ' ') given.remove_prefix(1);
  while (!given.empty() && given.back() == ' ') given.remove_suffix(1);
  return equal_in_constant_time(given, token);
}

// GET and PUT /_mock/state.
AdminResponse serve_state(const AdminRequest& request, storage::Storage& storage) {
  if (request.verb == "GET") return json_response(200, storage.to_json());
  if (request.verb != "PUT") return wrong_verb("/_mock/state", "GET, PUT");
  contract::JsonParse parsed = contract::parse_one_json_value(request.body);
  if (!parsed.value) return error_response(400, "state: " + parsed.error);
  try {
    storage.load(*parsed.value);
  } catch (const std::invalid_argument& e) {
    return error_response(400, std::string("state: ") + e.what());
  }
  return json_response(200, storage.to_json());
}

}  // namespace

bool is_admin_target(std::string_view target) {
  return target.substr(0, kAdminPrefix.size()) == kAdminPrefix ||
         target == kAdminPrefix.substr(0, kAdminPrefix.size() - 1);
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  const std::size_t n = std::max(a.size(), b.size());
  unsigned diff = a.size() == b.size() ? 0u : 1u;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned>(x ^ y);
  }
  return diff == 0;
}

AdminResponse handle_admin(const AdminRequest& request, AdminState& state) {
  if (!state.token.empty()) {
    if (!bearer_matches(request.authorization, state.token)) {
      AdminResponse res = error_response(
          401, request.authorization.empty() ? "the admin API needs Authorization: Bearer TOKEN"
                                             : "the admin token does not match");
      res.ask_for_bearer = true;
      return res;
    }
  } else if (!request.peer_is_local) {
    return error_response(403,
                          "the admin API serves local peers only (start smapi-mock with "
                          "--admin-token to admit others)");
  }

  auto parsed = boost::urls::parse_origin_form(request.target);
  if (!parsed) return error_response(400, "bad request target " + quoted(request.target));
  const boost::urls::url_view url = *parsed;
  const std::string path = url.path();
  const std::string_view verb = request.verb;
  Query q;

  if (path == "/_mock/config") {
    if (verb == "GET") {
      if (std::string e = read_query(url, {}, q); !e.empty()) return error_response(400, e);
      return json_response(200, to_json(state.engine.config()));
    }
    if (verb == "PUT") {
      ConfigLoad load = parse_config(request.body);
      if (!load.config) return error_response(400, load.error);
      state.engine.replace(std::move(*load.config));
      return json_response(200, to_json(state.engine.config()));
    }
    return wrong_verb(path, "GET, PUT");
  }
  if (path == "/_mock/reset") {
    if (verb != "POST") return wrong_verb(path, "POST");
    state.engine.reset();
    state.journal.reset();
    if (state.storage != nullptr) state.storage->reset();
    return json_response(200, json::object{{"reset", true}});
  }
  if (path == "/_mock/state" && state.storage != nullptr) return serve_state(request, *state.storage);
  if (path == "/_mock/journal") {
    if (verb == "GET") {
      if (std::string e = read_query(url, {"method", "dbg", "limit"}, q); !e.empty()) {
        return error_response(400, e);
      }
      return json_response(200, state.journal.to_json(JournalFilter{q.method, q.dbg, q.limit}));
    }
    if (verb == "DELETE") {
      state.journal.clear();
      return json_response(200, json::object{{"cleared", true}});
    }
    return wrong_verb(path, "GET, DELETE");
  }
  if (path == "/_mock/verify") {
    if (verb != "GET") return wrong_verb(path, "GET");
    if (std::string e = read_query(url, {"method", "dbg", "count", "at_least", "at_most"}, q);
        !e.empty()) {
      return error_response(400, e);
    }
    return verify(q, state.journal);
  }
  return error_response(404, "no admin path " + quoted(path) +
                                 " (try /_mock/config, /_mock/reset, /_mock/state, /_mock/journal, /_mock/verify)");
}

}  // namespace smapi::mock
