#include "suites/detail/check_support.h"

#include "contract/names.h"
#include "contract/json_text.h"
#include "contract/xmlrpc_codec.h"
#include "suites/catalogue.h"

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
}  // namespace

const boost::json::value* find_key(const boost::json::object& object, std::string_view key,
                                   contract::View view) {
  if (const auto* exact = object.if_contains(key)) return exact;
  if (view == contract::View::strict) return nullptr;
  for (const auto& member : object)
    if (contract::equals_ignoring_case(member.key(), key)) return &member.value();
  return nullptr;
}

std::string call_name(const CallObservation& call) {
  return call.label.empty() ? std::string(contract::wire_name(call.method)) : call.label;
}

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
  if (first_invalid_utf8(call.reply_bytes)) return "TRANSPORT-UTF8";
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
  if (is_xmlrpc_call(call)) return contract::xmlrpc_error_description_unreadable(call.reply_bytes);
  const auto parsed = contract::parse_one_json_value(call.reply_bytes);
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
  if (is_xmlrpc_call(call)) return contract::xml_document_problem(call.reply_bytes);
  return contract::parse_one_json_value(call.reply_bytes).error;
}

}  // namespace smapi::suites::detail
