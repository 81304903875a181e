#include "reports/detail/json_fields.h"

#include "contract/json_text.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

namespace smapi::reports::detail {
namespace {

std::string got(const boost::json::value& value) {
  return "got " + std::string(contract::json_type_name(value)) + " " + contract::json_excerpt(value, 40);
}

}  // namespace

void Field::fail(const std::string& what) const { throw FieldError(path_, what); }

Field Field::operator[](std::string_view key) const {
  const auto& members = object();
  const auto* found = members.if_contains(key);
  const std::string path = path_ + "." + std::string(key);
  if (!found) throw FieldError(path, "missing");
  return Field(*found, path);
}

bool Field::has(std::string_view key) const {
  const auto* members = value_->if_object();
  return members && members->contains(key);
}

std::size_t Field::size() const {
  const auto* items = value_->if_array();
  if (!items) fail("expected an array, " + got(*value_));
  return items->size();
}

Field Field::at(std::size_t index) const {
  size();
  return Field(value_->as_array()[index], path_ + "[" + std::to_string(index) + "]");
}

std::string Field::string() const {
  const auto* text = value_->if_string();
  if (!text) fail("expected a string, " + got(*value_));
  return std::string(*text);
}

std::int64_t Field::integer() const {
  if (const auto* number = value_->if_int64()) return *number;
  if (const auto* number = value_->if_uint64(); number && *number <= INT64_MAX) return static_cast<std::int64_t>(*number);
  fail("expected an integer, " + got(*value_));
}

std::uint64_t Field::count() const {
  if (const auto* number = value_->if_uint64()) return *number;
  if (const auto* number = value_->if_int64(); number && *number >= 0) return static_cast<std::uint64_t>(*number);
  fail("expected a non-negative integer, " + got(*value_));
}

std::int64_t Field::integer_in(std::int64_t low, std::int64_t high) const {
  const std::int64_t number = integer();
  if (number < low || number > high)
    fail("expected an integer from " + std::to_string(low) + " to " + std::to_string(high) + ", got " +
         std::to_string(number));
  return number;
}

bool Field::boolean() const {
  const auto* flag = value_->if_bool();
  if (!flag) fail("expected true or false, " + got(*value_));
  return *flag;
}

const boost::json::object& Field::object() const {
  const auto* members = value_->if_object();
  if (!members) fail("expected an object, " + got(*value_));
  return *members;
}

}  // namespace smapi::reports::detail
