#pragma once
// Bounding the memory a decoded answer takes, whatever its shape. A text
// under the output limit can decode to many times its size: Boost.JSON
// spends 16 bytes on each value, so 16 MB of `[0,0,0,…]` is 8 million
// values, and an XML-RPC document's DOM takes a node for each element. The
// decoders build in a counting storage and give up past a limit, so the
// bound on a decode is the limit, not a multiple that depends on the shape.

#include <boost/json/memory_resource.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <memory>
#include <new>
#include <string>

namespace smapi::contract {

// Thrown from inside a decode when what it built would pass its limit.
// The decoders catch it and refuse the answer (Reply::over_memory_limit).
class DecodedMemoryExceeded : public std::bad_alloc {
 public:
  const char* what() const noexcept override { return "the decoded answer passed its memory limit"; }
};

// Counts the bytes a decode holds, and refuses what would take them past
// `limit`. Disarmed, it counts and refuses nothing: a decoded value keeps
// its storage after the decode, and copies made of it later are the
// caller's, not the decoder's.
class MemoryCounter {
 public:
  explicit MemoryCounter(std::size_t limit) : limit_(limit) {}

  // Counts `bytes`; false when that would pass the limit, and then nothing is counted.
  bool reserve(std::size_t bytes) noexcept;
  void release(std::size_t bytes) noexcept;
  // As reserve, but throws DecodedMemoryExceeded instead of returning false.
  void charge(std::size_t bytes);

  void disarm() noexcept { armed_ = false; }
  std::size_t limit() const noexcept { return limit_; }
  std::size_t peak() const noexcept { return peak_; }  // most bytes held at once while armed

 private:
  std::size_t limit_;
  std::size_t live_ = 0;
  std::size_t peak_ = 0;
  bool armed_ = true;
};

// A Boost.JSON memory resource that counts every block in a MemoryCounter
// (and so throws DecodedMemoryExceeded past its limit).
class CountingResource final : public boost::json::memory_resource {
 public:
  explicit CountingResource(std::shared_ptr<MemoryCounter> counter) : counter_(std::move(counter)) {}

 private:
  void* do_allocate(std::size_t bytes, std::size_t align) override;
  void do_deallocate(void* p, std::size_t bytes, std::size_t align) override;
  bool do_is_equal(const boost::json::memory_resource& other) const noexcept override { return this == &other; }

  std::shared_ptr<MemoryCounter> counter_;
};

// The storage of one decode: the values it builds share one counting
// resource, which outlives them (values hold it by reference count). The
// budget disarms the counter when it goes out of scope, at the decode's end.
class DecodeBudget {
 public:
  explicit DecodeBudget(std::size_t limit);
  ~DecodeBudget();
  DecodeBudget(const DecodeBudget&) = delete;
  DecodeBudget& operator=(const DecodeBudget&) = delete;

  const boost::json::storage_ptr& storage() const noexcept { return storage_; }
  MemoryCounter& counter() const noexcept { return *counter_; }

 private:
  std::shared_ptr<MemoryCounter> counter_;
  boost::json::storage_ptr storage_;
};

// Puts `from` in `to` without a copy, in from's storage. json::value's
// assignment copies into the destination's storage when the two differ,
// which would take a decoded value out of its budget and double its peak.
void move_keeping_storage(boost::json::value& to, boost::json::value&& from) noexcept;

// Why an answer was refused, for Reply::problem: "decoded, the answer takes
// more than 67108864 bytes of memory, the decoder's limit".
std::string decoded_memory_problem(std::size_t limit);

}  // namespace smapi::contract
