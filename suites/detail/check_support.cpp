#include "suites/detail/check_support.h"

#include "contract/names.h"
#include "contract/json_text.h"
#include "contract/utf8.h"
#include "contract/xapi_json.h"
#include "contract/xmlrpc_codec.h"
#include "suites/catalogue.h"
#include "suites/judge.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <functional>
#include <limits>

namespace smapi::suites::detail {

void Results::add(std::string_view id, Outcome outcome, std::string message,
                  std::vector<std::size_t> evidence) {
  results_.push_back({&requirement(id), outcome, std::move(message), std::move(evidence)});
}

contract::View view_for(Profile profile) {
  return profile == Profile::strict ? contract::View::strict : contract::View::xapi;
}

std::size_t index_of(const Observations& observations, const CallObservation& call) {
  return static_cast<std::size_t>(&call - observations.calls.data());
}

std::vector<std::size_t> all_calls(const Observations& observations) {
  std::vector<std::size_t> indexes(observations.calls.size());
  for (std::size_t i = 0; i < indexes.size(); ++i) indexes[i] = i;
  return indexes;
}

namespace {

// The decoders' limits for reading a reply again: its size, raised to the
// reply's (the harness capped what it read, --max-output, and an answer it
// read whole is judged whole), and no memory limit: a reply is read again
// only when its decode ended malformed within the harness's memory limit,
// and the same reader on the same bytes takes the same memory.
contract::JsonLimits json_limits_for(std::string_view bytes) {
  contract::JsonLimits limits;
  limits.max_bytes = std::max(limits.max_bytes, bytes.size());
  limits.max_decoded_bytes = std::numeric_limits<std::size_t>::max();
  return limits;
}

contract::XmlRpcLimits xml_limits_for(std::string_view bytes) {
  contract::XmlRpcLimits limits;
  limits.max_bytes = std::max(limits.max_bytes, bytes.size());
  limits.max_decoded_bytes = std::numeric_limits<std::size_t>::max();
  return limits;
}

}  // namespace

const boost::json::value* find_key(const boost::json::object& object, std::string_view key,
                                   contract::View view) {
  if (view == contract::View::strict) return object.if_contains(key);
  // xapi: keys lower-cased, the first match in document order wins.
  for (const auto& member : object)
    if (contract::equals_ignoring_case(member.key(), key)) return &member.value();
  return nullptr;
}

std::string call_name(const CallObservation& call) {
  return call.label.empty() ? std::string(contract::wire_name(call.method)) : call.label;
}

contract::ErrorForm error_form(const CallObservation& call) {
  return call.exit ? contract::ErrorForm::exec : contract::ErrorForm::rpclib;
}

std::string answer_path(const CallObservation& call) { return call.exit ? "$" : "$.result"; }

std::string describe(const std::vector<contract::Finding>& findings) {
  std::string text;
  for (const auto& finding : findings) {
    if (!text.empty()) text += "; ";
    text += finding.describe();
  }
  return text;
}

std::string no_answer_reason(const CallObservation& call) {
  if (call.delivery != Delivery::answered) {
    std::string reason(to_string(call.delivery));
    if (!call.delivery_detail.empty()) reason += ": " + call.delivery_detail;
    return reason;
  }
  if (call.reply.kind == contract::Reply::Kind::malformed) return call.reply.problem;
  return {};
}

std::optional<std::size_t> first_invalid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
    if (lead < 0x80) length = 1;
    else if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;   // no overlong forms
      if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;   // no overlong forms
      if (lead == 0xF4) high = 0x8F;  // nothing past U+10FFFF
    } else {
      return i;
    }
    if (i + length > bytes.size()) return i;
    for (std::size_t k = 1; k < length; ++k) {
      const auto byte = static_cast<unsigned char>(bytes[i + k]);
      const auto min = k == 1 ? low : static_cast<unsigned char>(0x80);
      const auto max = k == 1 ? high : static_cast<unsigned char>(0xBF);
      if (byte < min || byte > max) return i;
    }
    i += length;
  }
  return std::nullopt;
}

std::string_view transport_requirement_for(const CallObservation& call) {
  switch (call.delivery) {
    case Delivery::answered: break;
    case Delivery::timed_out: return "TRANSPORT-TIMELY";
    case Delivery::output_limit: return "TRANSPORT-OUTPUT-SIZE";
    case Delivery::not_executable:
    case Delivery::spawn_failed: return "EXEC-EXECUTABLE";
    case Delivery::io_error: return "TRANSPORT-ENVELOPE";
    case Delivery::missing:
    case Delivery::unreachable: return {};
  }
  // A JSON-RPC or XML-RPC error naming no error is no readable error either.
  if (call.reply.kind == contract::Reply::Kind::error && !call.exit && call.reply.error.code.empty())
    return "ERROR-WELL-FORMED";
  if (call.reply.kind != contract::Reply::Kind::malformed) return {};
  if (reply_invalid_utf8(call)) return "TRANSPORT-UTF8";
  if (call.exit) {
    const bool success = call.exit->how == contract::ExecExit::How::exited && call.exit->code == 0;
    return success ? "TRANSPORT-ONE-VALUE" : "ERROR-WELL-FORMED";
  }
  if (call.http_status != 200) return "TRANSPORT-ENVELOPE";
  if (!one_value_problem(call).empty()) return "TRANSPORT-ONE-VALUE";
  if (jsonrpc_error_value_unreadable(call)) return "ERROR-WELL-FORMED";
  return "TRANSPORT-ENVELOPE";
}

std::string see_transport_requirement(const CallObservation& call) {
  auto reason = no_answer_reason(call);
  if (reason.empty()) reason = "the error " + contract::json_excerpt(call.reply.error.raw, 80) + " names no error";
  return "no answer to judge: see " + std::string(transport_requirement_for(call)) + " (" + reason + ")";
}

bool jsonrpc_error_value_unreadable(const CallObservation& call) {
  if (call.exit || call.delivery != Delivery::answered ||
      call.reply.kind != contract::Reply::Kind::malformed)
    return false;
  if (call.whole) return call.whole->error_value_unreadable;
  if (is_xmlrpc_call(call))
    return contract::xmlrpc_error_description_unreadable(call.reply_bytes, xml_limits_for(call.reply_bytes));
  const auto parsed = contract::read_xapi_json(call.reply_bytes, json_limits_for(call.reply_bytes));
  const auto* envelope = parsed.value ? parsed.value->if_object() : nullptr;
  if (!envelope) return false;
  const auto* error = envelope->if_contains("error");
  const auto* result = envelope->if_contains("result");
  return error && !error->is_null() && (!result || result->is_null());
}

bool is_xmlrpc_call(const CallObservation& call) {
  return call.request.rfind("<?xml", 0) == 0;
}

std::string one_value_problem(const CallObservation& call) {
  if (call.whole) return call.whole->one_value_problem;
  if (is_xmlrpc_call(call)) return contract::xml_document_problem(call.reply_bytes, xml_limits_for(call.reply_bytes));
  return contract::read_xapi_json(call.reply_bytes, json_limits_for(call.reply_bytes)).error;
}

std::string idl_problem(const CallObservation& call, contract::View view) {
  if (call.whole) return view == contract::View::xapi ? call.whole->idl_problem_xapi : call.whole->idl_problem_strict;
  if (call.delivery != Delivery::answered || call.reply.kind != contract::Reply::Kind::result) return {};
  const auto& result = call.reply.result;
  switch (call.method) {
    case contract::Method::query: return describe(contract::decode_query_result(result, view).findings);
    case contract::Method::ls: return describe(contract::decode_srs(result, view).findings);
    case contract::Method::diagnostics: return describe(contract::decode_diagnostics(result, view).findings);
  }
  return {};
}

std::string unstorable_string_problem(const CallObservation& call) {
  if (call.whole) return call.whole->unstorable_string;
  if (call.delivery != Delivery::answered || call.reply.kind == contract::Reply::Kind::malformed) return {};
  const auto& answer = call.reply.kind == contract::Reply::Kind::result ? call.reply.result : call.reply.error.raw;
  auto bad = contract::first_unstorable_string(answer);
  for (const auto& duplicate : call.reply.duplicate_keys) {
    if (bad) break;
    bad = contract::first_unstorable_string(duplicate.value, duplicate.object_path + " (repeated " + duplicate.key + ")");
  }
  if (!bad) return {};
  return "the string at " + bad->path + " holds " + bad->what + " at byte " + std::to_string(bad->offset) +
         "; xapi's database cuts a stored string there";
}

std::optional<InvalidUtf8> reply_invalid_utf8(const CallObservation& call) {
  if (call.whole) {
    if (!call.whole->reply_invalid_utf8_at) return std::nullopt;
    return InvalidUtf8{*call.whole->reply_invalid_utf8_at, call.whole->reply_invalid_utf8_byte};
  }
  const auto at = first_invalid_utf8(call.reply_bytes);
  if (!at) return std::nullopt;
  return InvalidUtf8{*at, static_cast<unsigned char>(call.reply_bytes[*at])};
}

bool answer_cut(const CallObservation& call) {
  return call.whole && call.whole->reply_size > call.reply_bytes.size();
}

std::size_t answer_digest(const CallObservation& call) {
  if (call.whole) return call.whole->answer_digest;
  const auto& reply = call.reply;
  std::size_t digest = std::hash<int>{}(static_cast<int>(reply.kind));
  const auto mix = [&](std::size_t h) { digest ^= h + 0x9e3779b97f4a7c15ULL + (digest << 6) + (digest >> 2); };
  if (reply.kind == contract::Reply::Kind::result) mix(std::hash<boost::json::value>{}(reply.result));
  if (reply.kind == contract::Reply::Kind::error) {
    mix(std::hash<std::string>{}(reply.error.code));
    mix(reply.error.params.size());
    for (const auto& param : reply.error.params) mix(std::hash<std::string>{}(param));
  }
  return digest;
}

bool stderr_mentions_traceback(const CallObservation& call) {
  if (call.whole) return call.whole->stderr_traceback;
  return call.stderr_bytes.find("Traceback") != std::string::npos;
}

}  // namespace smapi::suites::detail

namespace smapi::suites {
namespace {

namespace json = boost::json;

// How much of a cut answer's JSON rendering its prefix copy keeps: more than
// any message quotes (json_excerpt of at most 200 characters).
constexpr std::ptrdiff_t kQuotedChars = 256;

// A copy of value whose JSON rendering begins as value's does, for at least
// `budget` characters: long strings cut, arrays and objects cut after the
// member that uses the budget up.
json::value prefix_copy(const json::value& value, std::ptrdiff_t& budget) {
  switch (value.kind()) {
    case json::kind::string: {
      const auto& text = value.get_string();
      const auto wanted = static_cast<std::size_t>(std::max<std::ptrdiff_t>(budget, 0)) + 4;
      const auto keep = contract::utf8_boundary(text, wanted);
      budget -= static_cast<std::ptrdiff_t>(keep) + 2;
      return json::string(text.subview(0, keep));
    }
    case json::kind::array: {
      json::array out;
      --budget;
      for (const auto& item : value.get_array()) {
        if (budget <= 0) break;
        out.push_back(prefix_copy(item, budget));
        --budget;
      }
      return out;
    }
    case json::kind::object: {
      json::object out;
      --budget;
      for (const auto& member : value.get_object()) {
        if (budget <= 0) break;
        budget -= static_cast<std::ptrdiff_t>(member.key().size()) + 4;
        out[member.key()] = prefix_copy(member.value(), budget);
      }
      return out;
    }
    default:
      budget -= 24;  // a number, true, false or null renders in fewer
      return value;
  }
}

json::value quoted_prefix(const json::value& value) {
  std::ptrdiff_t budget = kQuotedChars;
  return prefix_copy(value, budget);
}

void cut_bytes(std::string& bytes, std::size_t keep) {
  bytes.resize(contract::utf8_boundary(bytes, keep));
  bytes.shrink_to_fit();
}

}  // namespace

void compact_call(CallObservation& call) {
  WholeBytes whole;
  whole.reply_size = call.reply_bytes.size();
  if (const auto bad = detail::reply_invalid_utf8(call)) {
    whole.reply_invalid_utf8_at = bad->offset;
    whole.reply_invalid_utf8_byte = bad->byte;
  }
  // A decoded result or error was read from exactly one value: the reply is
  // parsed again (for the checks' words) only when it could not be decoded.
  if (call.delivery == Delivery::answered && call.reply.kind == contract::Reply::Kind::malformed) {
    whole.one_value_problem = detail::one_value_problem(call);
    whole.error_value_unreadable = detail::jsonrpc_error_value_unreadable(call);
  }
  whole.stderr_size = call.stderr_bytes.size();
  whole.stderr_utf8_valid = !detail::first_invalid_utf8(call.stderr_bytes);
  whole.stderr_traceback = detail::stderr_mentions_traceback(call);
  whole.answer_digest = detail::answer_digest(call);
  whole.unstorable_string = detail::unstorable_string_problem(call);
  whole.idl_problem_xapi = detail::idl_problem(call, contract::View::xapi);
  whole.idl_problem_strict = detail::idl_problem(call, contract::View::strict);
  call.whole = std::move(whole);
  if (call.probe == Probe::none) return;  // a plain call is kept whole: the method's checks read it

  if (call.stderr_bytes.size() > kKeptProbeBytes) cut_bytes(call.stderr_bytes, kKeptProbeBytes);
  if (call.reply_bytes.size() <= kKeptProbeBytes) return;
  cut_bytes(call.reply_bytes, kKeptProbeBytes);
  auto& reply = call.reply;
  if (reply.kind == contract::Reply::Kind::result) reply.result = quoted_prefix(reply.result);
  reply.error.raw = quoted_prefix(reply.error.raw);
  cut_bytes(reply.error.code, kQuotedChars);
  constexpr std::size_t kQuotedParams = 16;
  if (reply.error.params.size() > kQuotedParams) reply.error.params.resize(kQuotedParams);
  for (auto& param : reply.error.params) cut_bytes(param, kQuotedChars);
  reply.error.params.shrink_to_fit();
  cut_bytes(reply.problem, kKeptProbeBytes);
}

}  // namespace smapi::suites
