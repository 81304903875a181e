#pragma once
// Body faults as pure edits, shared by every reply writer (JSON-RPC, XML-RPC,
// exec stdout): edits to the result value before it is encoded (a field
// removed, given a value of the wrong type, or renamed), and manglings of
// the encoded bytes after (garbage, truncated, trailing garbage, empty).
// Protocol-specific body faults (JSON-RPC wrong_id and both_members) are
// left to the writer that knows the envelope.

#include "mock_plugin/fault.h"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace smapi::mock {

// What Fault::Body::garbage sends: neither JSON nor XML, plain ASCII.
inline constexpr std::string_view kGarbageBody = "smapi-mock garbage: )( this is not a reply";
// What Fault::Body::trailing_garbage appends after the reply: a second value.
inline constexpr std::string_view kTrailingGarbage = "\n{\"smapi-mock\":\"trailing value\"}";
// The number a retyped string (or object, or null) member is given: the
// value field plugins get wrong ("Expected string, got '5'").
inline constexpr int kRetypedNumber = 5;

// The byte the invalid_utf8 edit appends: never valid anywhere in UTF-8.
inline constexpr char kInvalidUtf8Byte = '\xff';

// Whether the fault edits the result value (remove, retype, rename or set a
// field, or make its text invalid UTF-8).
bool has_field_edits(const Fault& fault);

// The result with the fault's field edits applied, in the order remove,
// retype, rename, set, invalid_utf8. Edits apply to object results only and to members that are
// there; anything else is returned unchanged. A retyped member gets a value
// of another JSON type: a string becomes kRetypedNumber, an array or a
// number or a bool becomes a string, an object becomes an array, null
// becomes kRetypedNumber. A rename onto an existing member replaces it.
// invalid_utf8 also applies to a string result.
boost::json::value edit_result(boost::json::value result, const Fault& fault);

// Whether the body fault is one mangle_body carries out (garbage, truncated,
// trailing_garbage, empty).
bool is_byte_mangling(Fault::Body body);

// The encoded reply as the body fault says: garbage -> kGarbageBody;
// truncated -> its first half (at least one byte shorter); trailing_garbage
// -> the reply then kTrailingGarbage; empty -> "". intact and the
// protocol-specific faults return the text unchanged.
std::string mangle_body(std::string encoded, Fault::Body body);

}  // namespace smapi::mock
