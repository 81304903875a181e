#pragma once
// What every area's checks share: a results collector, call lookup, the
// decoding view a profile implies and lenient key lookup.

#include "contract/plugin_values.h"
#include "suites/observation.h"
#include "suites/result.h"

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::suites::detail {

// Collects one area's results, naming requirements by ID.
class Results {
 public:
  void add(std::string_view id, Outcome outcome, std::string message,
           std::vector<std::size_t> evidence = {});
  void pass(std::string_view id, std::string message, std::vector<std::size_t> evidence = {}) {
    add(id, Outcome::pass, std::move(message), std::move(evidence));
  }
  void fail(std::string_view id, std::string message, std::vector<std::size_t> evidence = {}) {
    add(id, Outcome::fail, std::move(message), std::move(evidence));
  }
  void skip(std::string_view id, std::string reason, std::vector<std::size_t> evidence = {}) {
    add(id, Outcome::skip, std::move(reason), std::move(evidence));
  }

  std::vector<RequirementResult>& all() { return results_; }

 private:
  std::vector<RequirementResult> results_;
};

// The decoding view a profile judges with.
contract::View view_for(Profile profile);

// Index of a call within observations.calls.
std::size_t index_of(const Observations& observations, const CallObservation& call);

// Indexes of every call, for requirements judged over all of them.
std::vector<std::size_t> all_calls(const Observations& observations);

// The value under `key` as the view reads it: strict, the exact spelling;
// xapi, the first key in document order that matches case-insensitively
// (rpclib's unmarshal of a struct). nullptr when absent.
const boost::json::value* find_key(const boost::json::object& object, std::string_view key,
                                   contract::View view);

// "Plugin.ls" for the call: its label.
std::string call_name(const CallObservation& call);

// The form the call's errors take: exec's error record, or rpclib's.
contract::ErrorForm error_form(const CallObservation& call);

// Where the answer's value sits in the text read (exec: "$"; JSON-RPC:
// "$.result"), as the paths of its duplicate keys name it.
std::string answer_path(const CallObservation& call);

// Joins finding descriptions: "$.a: ...; $.b: ...".
std::string describe(const std::vector<contract::Finding>& findings);

// Why a call gave no usable answer, in one phrase ("timed out after 30000 ms",
// "bad json on stdout: ..."); empty when it answered with a result or error.
std::string no_answer_reason(const CallObservation& call);

// Byte offset of the first byte that does not begin a well-formed UTF-8
// sequence (overlong forms, surrogates and code points past U+10FFFF are
// ill-formed); nullopt when all of `bytes` is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view bytes);

// The first byte of a call's whole reply that does not begin a well-formed
// UTF-8 sequence, and its value; nullopt when the reply is valid UTF-8.
struct InvalidUtf8 {
  std::size_t offset;
  unsigned char byte;
};
std::optional<InvalidUtf8> reply_invalid_utf8(const CallObservation& call);

// Whether the run kept only a prefix of the call's reply and decoded answer
// (compact_call); such answers are compared by answer_digest.
bool answer_cut(const CallObservation& call);

// A 64-bit digest of the decoded answer: its kind, result, error code and
// parameters. Equal answers have equal digests (objects: in any key order).
std::size_t answer_digest(const CallObservation& call);

// Whether the call's whole stderr held "Traceback" (a crashed Python plugin).
bool stderr_mentions_traceback(const CallObservation& call);

// The transport-area requirement that judges a call which delivered no
// readable answer: TRANSPORT-TIMELY for a timeout, TRANSPORT-OUTPUT-SIZE for
// an answer over the limit, EXEC-EXECUTABLE for a file that cannot start,
// TRANSPORT-ONE-VALUE for a success that is not one JSON value (XML-RPC:
// one XML document),
// ERROR-WELL-FORMED for a failure without a readable error (or an HTTP error
// that names no error), TRANSPORT-UTF8
// for a reply unreadable because it is not UTF-8, and
// TRANSPORT-ENVELOPE for a broken HTTP exchange or envelope. Empty when the
// call delivered a readable result or error, or when no such requirement
// covers it (a missing method file, an unreachable target): the method's own
// requirement judges those. One defect thus fails one requirement.
std::string_view transport_requirement_for(const CallObservation& call);

// The skip reason a method requirement gives when `transport_requirement_for`
// names the requirement that already judged the call:
// "no answer to judge: see TRANSPORT-TIMELY (timed out: ...)".
std::string see_transport_requirement(const CallObservation& call);

// A JSON-RPC reply whose envelope is sound but whose error member is not an
// error value the contract knows, or the XML-RPC twin: a Failure struct whose
// ErrorDescription is not one (ERROR-WELL-FORMED judges it, not the envelope).
bool jsonrpc_error_value_unreadable(const CallObservation& call);

// Whether the harness sent the call as XML-RPC: its request is an XML-RPC
// methodCall (the XML-RPC target always writes "<?xml" first).
bool is_xmlrpc_call(const CallObservation& call);

// Why the call's result is not a value of its method's IDL type as the view
// decodes it (a query_result, a list of strings, a string); empty when it
// is, or when the call returned no result.
std::string idl_problem(const CallObservation& call, contract::View view);

// The first string of the decoded answer (keys and repeated keys included)
// that xapi's database would cut when storing it, in words; empty when none.
std::string unstorable_string_problem(const CallObservation& call);

// Why the reply bytes are not exactly one JSON value (for an XML-RPC call:
// one well-formed XML document); empty when they are. TRANSPORT-ONE-VALUE.
std::string one_value_problem(const CallObservation& call);

}  // namespace smapi::suites::detail
