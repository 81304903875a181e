#pragma once
// Private: typed reading of a JSON document whose shape we wrote ourselves
// (report.json read back). Each accessor names the JSON path of what it
// reads; a missing or mistyped member throws FieldError with that path.

#include <boost/json/value.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace smapi::reports::detail {

// What is wrong and where: path "$.members[2].name", what "expected a string, got 5".
struct FieldError : std::runtime_error {
  FieldError(std::string path_, const std::string& what) : std::runtime_error(what), path(std::move(path_)) {}
  std::string path;
};

// A JSON value and where it is in its document.
class Field {
 public:
  Field(const boost::json::value& value, std::string path) : value_(&value), path_(std::move(path)) {}

  const boost::json::value& value() const { return *value_; }
  const std::string& path() const { return path_; }

  // A member of an object; FieldError when this is not an object or lacks it.
  Field operator[](std::string_view key) const;
  // Whether this is an object holding key (with any value, null included).
  bool has(std::string_view key) const;
  bool is_null() const { return value_->is_null(); }

  // An array's items; FieldError when this is not an array.
  std::size_t size() const;
  Field at(std::size_t index) const;

  std::string string() const;
  std::int64_t integer() const;
  std::uint64_t count() const;  // a non-negative integer
  // An integer in [low, high].
  std::int64_t integer_in(std::int64_t low, std::int64_t high) const;
  bool boolean() const;
  const boost::json::object& object() const;

  // FieldError at this path.
  [[noreturn]] void fail(const std::string& what) const;

 private:
  const boost::json::value* value_;
  std::string path_;
};

}  // namespace smapi::reports::detail
