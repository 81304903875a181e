#pragma once
// Reading a plugin's JSON answer the way xapi reads it: rpclib's
// Jsonrpc.of_string, which is Yojson.Safe followed by json_to_rpc
// (mirage/ocaml-rpc src/lib/jsonrpc.ml). Yojson reads more than RFC 8259
// (comments, bare keys, NaN, Infinity, raw control characters in strings,
// lone low surrogates, any depth) and json_to_rpc refuses any integer outside
// the signed 64-bit range. The reader accepts exactly that and notes every
// departure from RFC 8259, so one reading serves both profiles: the xapi
// profile judges what xapi does, the strict profile also fails the notes.

#include "contract/decoded_memory.h"
#include "contract/json_text.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smapi::contract {

// An object member that repeats a key already read in the same object. The
// tree keeps the first (rpclib's List.assoc reads the first); the repeats are
// kept here, in document order, for the decoders that read every occurrence
// (a Dict, the exec error record).
struct DuplicateKey {
  std::string object_path;  // "$.configuration"
  std::string key;
  boost::json::value value;
  std::size_t position = 0;  // the member's place among all of the object's members
};

// Limits of the xapi reader, beside the common JsonLimits::max_bytes.
struct XapiJsonLimits {
  // Deepest nesting read. Yojson recurses on the OCaml stack: 100 000 levels
  // decode, 1 000 000 overflow it (xapi then reports bad json). The reader
  // keeps its own stack on the heap, so this is a bound on memory, not on
  // correctness; it sits at the last depth known to decode in xapi.
  std::size_t max_depth = 100'000;
  // Deepest nesting kept in the value tree. Deeper arrays and objects are
  // read and checked but kept empty: only declared fields, at most three
  // levels down, are ever judged, and a shallow tree is cheap to free.
  std::size_t max_tree_depth = 256;
  // At most this many RFC 8259 departures and duplicate keys are recorded.
  std::size_t max_notes = 16;
};

struct XapiJson {
  std::optional<boost::json::value> value;
  // Set when value is not, in the words of Yojson or json_to_rpc where they
  // have some: "invalid JSON at byte 12: junk after end of JSON value".
  std::string error;
  // What the text holds that RFC 8259 does not allow but xapi reads, each
  // with its byte offset: "a /* comment */ at byte 0", "NaN at byte 40".
  std::vector<std::string> non_standard;
  std::vector<DuplicateKey> duplicates;
  // Set, with error, when the value would take more memory than the budget
  // (JsonLimits::max_decoded_bytes): the text was not read to its end.
  bool over_memory_limit = false;
};

// The value is built in `budget`'s storage, so that a codec may go on
// counting what it makes of it; without one the reader makes its own, of
// limits.max_decoded_bytes.
XapiJson read_xapi_json(std::string_view text, const JsonLimits& limits = {},
                        const XapiJsonLimits& xapi_limits = {}, const DecodeBudget* budget = nullptr);

// The members of `object` (found at `path` in a document read by
// read_xapi_json) in document order, the repeats in `duplicates` included.
std::vector<std::pair<std::string_view, const boost::json::value*>> members_in_document_order(
    const boost::json::object& object, std::string_view path, const std::vector<DuplicateKey>& duplicates);

// Whether two values read by read_xapi_json are the same answer: as
// json::value's ==, except that NaN equals NaN (Yojson reads NaN).
bool same_json(const boost::json::value& a, const boost::json::value& b);

// The first string in `value` (keys included) that xapi's database would
// cut when it stores it: invalid UTF-8 (a lone surrogate escape decodes to
// one), or a character XML forbids (a control character other than tab,
// LF and CR). xen-api ocaml/database/db_cache_impl.ml ensure_utf8_xml;
// ocaml/libs/xapi-stdext/lib/xapi-stdext-encodings/utf8.ml XML.is_legal.
struct UnstorableString {
  std::string path;    // "$.name"
  std::size_t offset;  // byte offset of the first bad character in the decoded string
  std::string what;    // "U+0001", "the byte 0xed (not UTF-8)"
};
std::optional<UnstorableString> first_unstorable_string(const boost::json::value& value,
                                                        const std::string& path = "$");

}  // namespace smapi::contract
