#pragma once
// The mock's call journal: what each plugin call over HTTP was and how it was
// answered, kept in memory so tests can ask afterwards ("was Plugin.query
// called twice with dbg ci-7?") through the admin API (admin.h). Bounded: at
// most `capacity` entries (the oldest are dropped and counted) and at most
// `max_text_bytes` of request text per entry. Pure, not thread-safe: the
// server touches it from its one thread.

#include "mock_plugin/fault.h"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock {

// How a call reached the mock.
enum class Transport { jsonrpc, jsonrpc2, xmlrpc };

// "jsonrpc" (v1), "jsonrpc2", "xmlrpc".
std::string_view to_string(Transport transport);

// JSON-RPC v2 when the body's top-level object has "jsonrpc" (the request's
// version marker), else v1. A cheap scan for the journal, not a validation:
// it never fails, whatever the bytes.
Transport jsonrpc_transport_of(std::string_view body);

// One plugin call as the journal keeps it.
struct JournalEntry {
  std::uint64_t seq = 0;                        // 1, 2, ... in arrival order
  std::chrono::system_clock::time_point time;  // when the request was read
  Transport transport = Transport::jsonrpc;
  std::string peer;    // "127.0.0.1:5000", "[::1]:5000" or "unix"
  std::string method;  // as sent; "" when the body was not a request
  // The argument value (null when the body was not a request). When the
  // request was larger than the journal's max_text_bytes, null too, and
  // args_truncated is set and args_excerpt holds its compact JSON cut to
  // max_text_bytes.
  boost::json::value args;
  bool args_truncated = false;
  std::string args_excerpt;
  // The args' "dbg" when it is a string (cut likewise), else nullopt.
  std::optional<std::string> dbg;
  // The HTTP status sent, or 0 when no response was sent (hang, close, reset).
  int status = 0;
  Fault fault;  // what the server and handler did besides answering
  std::chrono::microseconds elapsed{0};  // request read -> response handed to the socket
};

// What a journal query selects. Empty fields select everything.
struct JournalFilter {
  std::optional<std::string> method;  // exact method name as sent
  std::optional<std::string> dbg;     // exact dbg
  std::optional<std::size_t> limit;   // the newest N matches only
};

// The journal's limits.
struct JournalSettings {
  // Entries kept; the oldest is dropped (and counted) when a new one would
  // exceed it. 0 turns the journal off (every call is only counted as dropped).
  std::size_t capacity = 1000;
  // Largest request whose args value is kept whole, in bytes; past it the
  // args are kept as an excerpt of this many bytes. dbg is cut to it too.
  std::size_t max_text_bytes = 1024;
};

// The entries a Journal keeps, oldest first: a read-only view, valid until
// the journal changes.
class JournalEntries {
 public:
  class iterator {
   public:
    using value_type = JournalEntry;
    using difference_type = std::ptrdiff_t;
    using reference = const JournalEntry&;
    using pointer = const JournalEntry*;
    using iterator_category = std::forward_iterator_tag;
    iterator() = default;
    iterator(const JournalEntries* view, std::size_t i) : view_(view), i_(i) {}
    reference operator*() const { return (*view_)[i_]; }
    pointer operator->() const { return &(*view_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++i_;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }

   private:
    const JournalEntries* view_ = nullptr;
    std::size_t i_ = 0;
  };

  JournalEntries(const std::vector<JournalEntry>& ring, std::size_t oldest)
      : ring_(&ring), oldest_(oldest) {}
  std::size_t size() const { return ring_->size(); }
  bool empty() const { return ring_->empty(); }
  const JournalEntry& operator[](std::size_t i) const { return (*ring_)[(oldest_ + i) % ring_->size()]; }
  const JournalEntry& front() const { return (*this)[0]; }
  const JournalEntry& back() const { return (*this)[size() - 1]; }
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size()}; }

 private:
  const std::vector<JournalEntry>* ring_;
  std::size_t oldest_;
};

class Journal {
 public:
  explicit Journal(JournalSettings settings = {});

  // Records one call; fills seq, args and dbg. request_bytes (the request
  // body's size) decides whether the args value is kept as it is (cheap: a
  // move) or, past max_text_bytes, only as a cut excerpt.
  void record(JournalEntry entry, boost::json::value args, std::size_t request_bytes);

  // Forgets every entry and the dropped count; seq keeps counting.
  void clear();
  // clear() and seq starts again at 1.
  void reset();

  JournalEntries entries() const { return {ring_, oldest_}; }
  // Entries dropped for capacity since the last clear().
  std::uint64_t dropped() const { return dropped_; }
  const JournalSettings& settings() const { return settings_; }

  // {"entries":[...],"dropped":N,"capacity":C} with the entries the filter
  // selects, oldest first. Each entry: {"seq","time" (RFC 3339 UTC, ms),
  // "transport","peer","method","args" (the JSON value, or the cut text as a
  // string when truncated),"args_truncated","dbg","status","fault" (a list of
  // words such as "delay 200ms", "hang", "http_status 500", "body garbage"),
  // "elapsed_us"}.
  boost::json::value to_json(const JournalFilter& filter = {}) const;

 private:
  JournalSettings settings_;
  // A ring: grows to capacity, then each new entry replaces the oldest (no
  // allocation per call once full).
  std::vector<JournalEntry> ring_;
  std::size_t oldest_ = 0;
  std::uint64_t next_seq_ = 1;
  std::uint64_t dropped_ = 0;
};

// The fault as the journal words it: one word (or "word value") per
// misbehaviour applied; empty for a well-behaved call.
boost::json::array fault_words(const Fault& fault);

// "2026-11-22T04:06:55.123Z".
std::string rfc3339_utc(std::chrono::system_clock::time_point time);

}  // namespace smapi::mock
