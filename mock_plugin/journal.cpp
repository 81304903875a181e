#include "mock_plugin/journal.h"

#include "contract/json_text.h"
#include "contract/utf8.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <cstdio>
#include <ctime>
#include <memory>
#include <type_traits>
#include <vector>

namespace smapi::mock {
namespace {

namespace json = boost::json;

// Cuts text to at most max bytes at a UTF-8 character boundary.
std::string cut(std::string text, std::size_t max, bool& truncated) {
  if (text.size() <= max) return text;
  truncated = true;
  text.resize(contract::utf8_boundary(text, max));
  return text;
}

std::string_view body_word(Fault::Body body) {
  switch (body) {
    case Fault::Body::intact: return "intact";
    case Fault::Body::garbage: return "garbage";
    case Fault::Body::truncated: return "truncated";
    case Fault::Body::wrong_id: return "wrong_id";
    case Fault::Body::both_members: return "both_members";
    case Fault::Body::trailing_garbage: return "trailing_garbage";
    case Fault::Body::empty: return "empty";
  }
  return "?";
}

// Moves `from` into `slot` by destroying and move-constructing: for a
// json::value (alone or in an entry) that is a copy of its bits, where the
// move assignment goes through a storage check and a swap, a noticeable
// share of recording a call. Never throws, so the slot is never left empty.
template <class T>
void replace(T& slot, T&& from) noexcept {
  static_assert(std::is_nothrow_move_constructible_v<T>);
  std::destroy_at(&slot);
  std::construct_at(&slot, std::move(from));
}

bool selected(const JournalEntry& e, const JournalFilter& f) {
  if (f.method && e.method != *f.method) return false;
  if (f.dbg && (!e.dbg || *e.dbg != *f.dbg)) return false;
  return true;
}

json::object entry_json(const JournalEntry& e) {
  json::object o;
  o["seq"] = e.seq;
  o["time"] = rfc3339_utc(e.time);
  o["transport"] = to_string(e.transport);
  o["peer"] = e.peer;
  o["method"] = e.method;
  o["args"] = e.args_truncated ? json::value(e.args_excerpt) : e.args;
  o["args_truncated"] = e.args_truncated;
  o["dbg"] = e.dbg ? json::value(*e.dbg) : json::value(nullptr);
  o["status"] = e.status;
  o["fault"] = fault_words(e.fault);
  o["elapsed_us"] = e.elapsed.count();
  return o;
}

}  // namespace

std::string_view to_string(Transport transport) {
  switch (transport) {
    case Transport::jsonrpc: return "jsonrpc";
    case Transport::jsonrpc2: return "jsonrpc2";
    case Transport::xmlrpc: return "xmlrpc";
  }
  return "?";
}

Transport jsonrpc_transport_of(std::string_view body) {
  // Without the word anywhere there is no such key (the usual v1 call):
  // one fast search instead of the walk below.
  if (body.find("jsonrpc") == std::string_view::npos) return Transport::jsonrpc;
  // Walks the text once, tracking strings and nesting, and looks for a key
  // "jsonrpc" directly inside the outermost object.
  int depth = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == '"') {
      std::size_t start = i + 1;
      std::size_t j = start;
      while (j < body.size() && body[j] != '"') j += body[j] == '\\' ? 2 : 1;
      if (j >= body.size()) return Transport::jsonrpc;
      if (depth == 1 && body.substr(start, j - start) == "jsonrpc") {
        std::size_t k = j + 1;
        while (k < body.size() && (body[k] == ' ' || body[k] == '\t' || body[k] == '\r' || body[k] == '\n')) ++k;
        if (k < body.size() && body[k] == ':') return Transport::jsonrpc2;
      }
      i = j;
    }
  }
  return Transport::jsonrpc;
}

Journal::Journal(JournalSettings settings) : settings_(settings) {}

void Journal::record(JournalEntry entry, boost::json::value args, std::size_t request_bytes) {
  entry.seq = next_seq_++;
  if (settings_.capacity == 0) {
    ++dropped_;
    return;
  }
  entry.dbg.reset();
  if (const json::object* obj = args.if_object()) {
    if (const json::value* dbg = obj->if_contains("dbg"); dbg != nullptr && dbg->is_string()) {
      bool ignored = false;
      entry.dbg = cut(std::string(dbg->get_string()), settings_.max_text_bytes, ignored);
    }
  }
  entry.args_truncated = false;
  entry.args_excerpt.clear();
  if (request_bytes <= settings_.max_text_bytes) {
    // Constructed in place only within one storage: the journal must not
    // keep a value that lives in a caller's memory resource.
    if (args.storage() == entry.args.storage()) {
      replace(entry.args, std::move(args));
    } else {
      entry.args = std::move(args);
    }
  } else {
    entry.args = nullptr;
    entry.args_excerpt = cut(contract::to_compact_json(args), settings_.max_text_bytes, entry.args_truncated);
  }
  if (ring_.size() < settings_.capacity) {
    ring_.push_back(std::move(entry));
    return;
  }
  replace(ring_[oldest_], std::move(entry));
  oldest_ = (oldest_ + 1) % ring_.size();
  ++dropped_;
}

void Journal::clear() {
  ring_.clear();
  oldest_ = 0;
  dropped_ = 0;
}

void Journal::reset() {
  clear();
  next_seq_ = 1;
}

boost::json::value Journal::to_json(const JournalFilter& filter) const {
  // Newest first to honour limit, then reversed into arrival order.
  std::vector<const JournalEntry*> chosen;
  const JournalEntries kept = entries();
  for (std::size_t n = kept.size(); n > 0; --n) {
    if (filter.limit && chosen.size() >= *filter.limit) break;
    if (selected(kept[n - 1], filter)) chosen.push_back(&kept[n - 1]);
  }
  json::array list;
  list.reserve(chosen.size());
  for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) list.push_back(entry_json(**it));
  json::object out;
  out["entries"] = std::move(list);
  out["dropped"] = dropped_;
  out["capacity"] = settings_.capacity;
  return out;
}

boost::json::array fault_words(const Fault& fault) {
  json::array words;
  if (fault.delay.count() > 0) words.emplace_back("delay " + std::to_string(fault.delay.count()) + "ms");
  switch (fault.connection) {
    case Fault::Connection::answer: break;
    case Fault::Connection::hang: words.emplace_back("hang"); break;
    case Fault::Connection::close: words.emplace_back("close"); break;
    case Fault::Connection::reset: words.emplace_back("reset"); break;
  }
  if (fault.http_status) words.emplace_back("http_status " + std::to_string(*fault.http_status));
  if (fault.body != Fault::Body::intact) words.emplace_back("body " + std::string(body_word(fault.body)));
  if (fault.remove_field) words.emplace_back("remove_field " + *fault.remove_field);
  if (fault.retype_field) words.emplace_back("retype_field " + *fault.retype_field);
  if (fault.rename_field_from) {
    words.emplace_back("rename_field " + *fault.rename_field_from + " " + fault.rename_field_to);
  }
  for (const auto& [name, value] : fault.set_fields) words.emplace_back("set_field " + name);
  if (fault.error_value) words.emplace_back("error_value " + contract::to_compact_json(*fault.error_value));
  if (fault.invalid_utf8) words.emplace_back("invalid_utf8");
  return words;
}

std::string rfc3339_utc(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(time.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  long millis = static_cast<long>(ms % 1000);
  if (millis < 0) {
    millis += 1000;
    --secs;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03ldZ", buf, millis);
  return out;
}

}  // namespace smapi::mock
