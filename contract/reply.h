#pragma once
// A plugin's answer to one call, decoded from its transport but not yet judged.

#include "contract/finding.h"
#include "contract/method.h"
#include "contract/decoded_memory.h"
#include "contract/xapi_json.h"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace smapi::contract {

// An error the plugin reported, in a transport-neutral form.
//  exec:     {"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.ls"],"backtrace":{...}}
//            -> code "SR_BACKEND_FAILURE", params ["Unimplemented","Plugin.ls"]
//  JSON-RPC: "error":["Unimplemented","Plugin.ls"]
//            -> code "Unimplemented", params ["Plugin.ls"]
struct PluginError {
  std::string code;
  std::vector<std::string> params;
  boost::json::value raw;  // the error value exactly as received

  // Moves keep raw's storage (see Reply).
  PluginError() = default;
  PluginError(std::string code, std::vector<std::string> params, boost::json::value raw)
      : code(std::move(code)), params(std::move(params)), raw(std::move(raw)) {}
  PluginError(const PluginError&) = default;
  PluginError(PluginError&&) noexcept = default;
  PluginError& operator=(const PluginError&) = default;
  PluginError& operator=(PluginError&& other) noexcept;
};

// The two forms an error takes: exec's error record, whose code for every
// plugin error is SR_BACKEND_FAILURE, or rpclib's ["Code", params...] over
// JSON-RPC and XML-RPC.
enum class ErrorForm { exec, rpclib };

// The method named by a well-formed Unimplemented error in the transport's
// own form, as the plugin spelled it; nullopt when the error is not one.
// exec: SR_BACKEND_FAILURE ["Unimplemented", METHOD] (xen-api
// ocaml/xapi-storage-script/main.ml, the error record of lib.ml);
// rpclib: ["Unimplemented", METHOD]. The other transport's form is not an
// Unimplemented to xapi.
std::optional<std::string> unimplemented_method(const PluginError& error, ErrorForm form);

// The error value a plugin sends for "not implemented", per transport.
boost::json::value exec_unimplemented_error(Method method);     // {"code","params","backtrace"}
boost::json::value jsonrpc_unimplemented_error(Method method);  // ["Unimplemented","Plugin.ls"]

struct Reply {
  enum class Kind {
    result,     // a result value
    error,      // a well-formed error
    malformed,  // nothing xapi could use; `problem` says why
  };
  Kind kind = Kind::malformed;
  boost::json::value result;  // Kind::result
  PluginError error;          // Kind::error
  // Kind::malformed: what was wrong, in xapi's words where it has some
  // ("bad json on stdout", "non-zero exit and bad json on stdout", "signalled").
  std::string problem;
  // Defects in the envelope that did not stop decoding, e.g. an exec error
  // without "backtrace", a JSON-RPC reply whose id is neither an integer nor a string.
  std::vector<Finding> envelope_findings;
  // JSON answers (exec, JSON-RPC), as read_xapi_json read them: what the
  // text holds beyond RFC 8259 that xapi reads anyway, and the repeated
  // keys whose first occurrence the decoded value keeps.
  std::vector<std::string> non_standard_json;
  std::vector<DuplicateKey> duplicate_keys;
  // Kind::malformed because the decoded answer would take more memory than
  // the decoder's limit (JsonLimits::max_decoded_bytes, XmlRpcLimits'):
  // `problem` says so, and the harness fails it as TRANSPORT-OUTPUT-SIZE.
  bool over_memory_limit = false;

  // A decoded value lives in its decoder's counting storage
  // (contract/decoded_memory.h). json::value's move assignment would copy
  // it into the destination's storage, doubling the peak of a large
  // answer; Reply's moves carry the value over as it is.
  Reply() = default;
  Reply(const Reply&) = default;
  Reply(Reply&&) noexcept = default;
  Reply& operator=(const Reply&) = default;
  Reply& operator=(Reply&& other) noexcept;
};

// A Reply of each kind, with the envelope's defects.
Reply result_reply(boost::json::value result, std::vector<Finding> envelope_findings = {});
Reply error_reply(PluginError error, std::vector<Finding> envelope_findings = {});
Reply malformed_reply(std::string problem, std::vector<Finding> envelope_findings = {});
// A malformed reply refused for the memory its decoding took past `limit`
// bytes; `problem` is `detail` when given (it says where the reader stopped).
Reply over_memory_limit_reply(std::size_t limit, std::string detail = {});
// Counts in `budget`, before a decoder copies them, the memory the strings
// params[first...] take as PluginError::params (throws DecodedMemoryExceeded).
void charge_params(const DecodeBudget& budget, const boost::json::array& params, std::size_t first = 0);

}  // namespace smapi::contract
