#pragma once
// XML-RPC envelopes and values, both sides (rpclib src/lib/xmlrpc.ml). Pure: bytes in,
// values out. pugixml reads the XML; it never expands entities, and a
// document with a DOCTYPE is refused outright.
//
// Values, XML-RPC -> JSON (what every reader here accepts):
//   <string>s</string> and bare text alike -> string (the two are one value);
//   <int>, <i4>, <i8> -> integer (any that fits 64 bits, else refused);
//   <boolean>0|1</boolean> -> boolean; <double> -> number (finite only);
//   <struct> -> object (a repeated member name keeps the last, as in JSON);
//   <array><data>...</data></array> -> array; <nil/> -> null.
//   <base64> and <dateTime.iso8601> are refused: the Plugin contract has no
//   binary or date values, and turning them into strings would be a guess.
//   A refused value makes the whole document unreadable (a reply is
//   malformed, a request gets a fault), with a message naming the type.
// Values, JSON -> XML-RPC (what the writers here send):
//   requests write strings bare, as rpclib does (rpclib src/lib/xmlrpc.ml); replies
//   write them as <string>, which both rpclib and Python's xmlrpc.client
//   read and which keeps leading and trailing spaces unambiguous. Integers
//   in the i4 range are <int>, larger ones <i8> (both readers take i8);
//   doubles use the shortest text that reads back the same (non-finite ones
//   become <nil/>: XML-RPC has no infinity); null is <nil/>.

#include "contract/json_text.h"
#include "contract/method.h"
#include "contract/reply.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace smapi::contract {

// Limits applied to every XML-RPC document the toolkit reads.
struct XmlRpcLimits {
  // Longest document accepted, in bytes. A plugin answer is a few KiB; 16 MiB
  // bounds the memory a parse can take (pugixml needs a few times the text).
  // A reader that caps what it reads itself (--max-output) raises this to its cap.
  std::size_t max_bytes = 16 * 1024 * 1024;
  // Deepest nesting of <value>s accepted (a struct in an array in a struct
  // ...). Real answers nest 3 levels; the bound keeps the recursive reader
  // from running away on a hostile document.
  std::size_t max_depth = 64;
  // Most memory a decoded answer may take, its XML tree and its values
  // together (a node costs some 60 bytes, so 16 MB of `<value/>` is 2
  // million of them, and an ordinary answer takes about 6.5 times its
  // text); past it the answer is refused (Reply::over_memory_limit).
  // kDecodedBytesPerAnswerByte x max_bytes: a reader that raises max_bytes
  // raises this with it.
  std::size_t max_decoded_bytes = kDecodedBytesPerAnswerByte * 16 * 1024 * 1024;
};

// How the writers spell a JSON string (see the header comment).
enum class XmlRpcStrings { bare, tagged };

// One JSON value as an XML-RPC <value> element.
std::string encode_xmlrpc_value(const boost::json::value& value, XmlRpcStrings strings);

// ---- client side (the harness) ----

// <?xml version="1.0"?><methodCall><methodName>Plugin.query</methodName>
// <params><param><value><struct>...</struct></value></param></params></methodCall>,
// byte for byte as rpclib writes it, strings bare.
std::string encode_xmlrpc_request(Method method, const boost::json::object& args);
// The same for any method by its wire name ("SR.stat"), escaped as XML text.
std::string encode_xmlrpc_call(std::string_view method_name, const boost::json::object& args);

// The same for a probe's argument text: when the text is exactly one JSON
// value, that value is sent as the one param (so "{}" is an empty struct and
// {"dbg":5} a struct with an <int>); otherwise the text itself is sent as
// one string param, the closest XML-RPC has to "not an argument object".
std::string encode_xmlrpc_request_text(Method method, std::string_view args_text);

// Why the body is not exactly one well-formed XML document (within the size
// limit, no DOCTYPE, one root element, nothing after it); empty when it is.
// The XML-RPC counterpart of "exactly one JSON value".
std::string xml_document_problem(std::string_view body, const XmlRpcLimits& limits = {});

// A methodResponse read down to its one value, before the {Status, ...}
// struct is judged. Exactly one of value, fault and error says what it held.
struct XmlRpcResponseParse {
  std::optional<boost::json::value> value;  // the first <param>'s value
  std::optional<boost::json::value> fault;  // a <fault>'s value (normally {faultCode, faultString})
  std::string error;                        // why neither could be read
  std::size_t param_count = 0;              // how many <param>s there were
  bool over_memory_limit = false;           // error: decoding it would pass limits.max_decoded_bytes
};

// Reads a response body as far as its value: well-formed XML, no DOCTYPE,
// a <methodResponse> root holding <params> with at least one <param>, or a
// <fault>, and every value readable.
XmlRpcResponseParse parse_xmlrpc_response(std::string_view body, const XmlRpcLimits& limits = {});

// Decodes a response body into a Reply, the twin of decode_jsonrpc_response:
//  {Status:"Success", Value:v}            -> result v
//  {Status:"Failure", ErrorDescription:[code, params...]} -> error (a bare
//      string is code alone; non-string params are findings)
//  <fault>                                 -> error, code = faultString,
//      raw = the fault struct, plus a finding at "$.fault": a fault is not
//      how the Plugin interface answers
//  malformed: unreadable XML or value, no methodResponse, no param, a value
//      that is not a struct, Success without Value, Failure without
//      ErrorDescription, both Value and ErrorDescription, neither (Status
//      missing), or an ErrorDescription that names no error.
//  findings: Status missing, not a string or neither Success nor Failure
//      (the member present decides), more than one <param>.
Reply decode_xmlrpc_response(std::string_view body, const XmlRpcLimits& limits = {});

// Whether a decoded reply is a Failure whose ErrorDescription is not an error
// value the contract knows (ERROR-WELL-FORMED judges it, not the envelope).
bool xmlrpc_error_description_unreadable(std::string_view body, const XmlRpcLimits& limits = {});

// ---- server side (the mock) ----

struct XmlRpcRequest {
  std::string method;  // the methodName as sent
  // The arguments: the one <param>'s value; null with no param; an array of
  // all of them when there are several (for the dispatcher to refuse).
  boost::json::value args;
};

// A request that cannot be dispatched, answered with a <fault>.
struct XmlRpcProblem {
  int code = 0;  // kXmlRpcNotWellFormed, kXmlRpcInvalidRequest or kXmlRpcInvalidParams
  std::string message;
};

// Fault codes, from the XML-RPC interoperability fault code list.
inline constexpr int kXmlRpcNotWellFormed = -32700;
inline constexpr int kXmlRpcInvalidRequest = -32600;
inline constexpr int kXmlRpcInvalidParams = -32602;

// Reads a request body: a <methodCall> with a non-empty <methodName> and
// optional <params>. Errors: kXmlRpcNotWellFormed for text that is not
// well-formed XML (or too long, or with a DOCTYPE), kXmlRpcInvalidRequest
// for a document that is not a methodCall, kXmlRpcInvalidParams for a param
// whose value cannot be read.
std::variant<XmlRpcRequest, XmlRpcProblem> decode_xmlrpc_request(std::string_view body,
                                                                 const XmlRpcLimits& limits = {});

// {Status: "Success", Value: value} in a methodResponse, strings tagged.
std::string encode_xmlrpc_success(const boost::json::value& value);
// {Status: "Failure", ErrorDescription: [...]} in a methodResponse.
std::string encode_xmlrpc_failure(const boost::json::array& error_description);
// A methodResponse holding a <fault> {faultCode, faultString}.
std::string encode_xmlrpc_fault(int code, std::string_view message);

}  // namespace smapi::contract
