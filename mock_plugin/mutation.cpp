#include "mock_plugin/mutation.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <utility>

namespace smapi::mock {
namespace {

namespace json = boost::json;

json::value retyped(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string: return json::value(kRetypedNumber);
    case json::kind::array: return json::value(json::string("smapi-mock: not an array"));
    case json::kind::object: return json::value(json::array{json::string("smapi-mock: not an object")});
    case json::kind::bool_:
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return json::value(json::string(std::to_string(kRetypedNumber)));
    case json::kind::null: return json::value(kRetypedNumber);
  }
  return json::value(kRetypedNumber);
}

}  // namespace

bool has_field_edits(const Fault& fault) {
  return fault.remove_field || fault.retype_field || fault.rename_field_from ||
         !fault.set_fields.empty() || fault.invalid_utf8;
}

json::value edit_result(json::value result, const Fault& fault) {
  if (fault.invalid_utf8 && result.is_string()) result.get_string().push_back(kInvalidUtf8Byte);
  json::object* obj = result.if_object();
  if (obj == nullptr) return result;
  if (fault.remove_field) obj->erase(*fault.remove_field);
  if (fault.retype_field) {
    if (json::value* member = obj->if_contains(*fault.retype_field)) *member = retyped(*member);
  }
  if (fault.rename_field_from && *fault.rename_field_from != fault.rename_field_to) {
    if (json::value* member = obj->if_contains(*fault.rename_field_from)) {
      json::value moved = std::move(*member);
      obj->erase(*fault.rename_field_from);
      (*obj)[fault.rename_field_to] = std::move(moved);
    }
  }
  for (const auto& [name, value] : fault.set_fields) (*obj)[name] = value;
  if (fault.invalid_utf8) {
    for (auto& member : *obj)
      if (member.value().is_string()) member.value().get_string().push_back(kInvalidUtf8Byte);
  }
  return result;
}

bool is_byte_mangling(Fault::Body body) {
  switch (body) {
    case Fault::Body::garbage:
    case Fault::Body::truncated:
    case Fault::Body::trailing_garbage:
    case Fault::Body::empty: return true;
    case Fault::Body::intact:
    case Fault::Body::wrong_id:
    case Fault::Body::both_members: return false;
  }
  return false;
}

std::string mangle_body(std::string encoded, Fault::Body body) {
  switch (body) {
    case Fault::Body::garbage: return std::string(kGarbageBody);
    case Fault::Body::truncated:
      encoded.resize(encoded.size() / 2);
      return encoded;
    case Fault::Body::trailing_garbage:
      encoded += kTrailingGarbage;
      return encoded;
    case Fault::Body::empty: return {};
    case Fault::Body::intact:
    case Fault::Body::wrong_id:
    case Fault::Body::both_members: return encoded;
  }
  return encoded;
}

}  // namespace smapi::mock
