#include "reports/detail/evidence_text.h"

#include "contract/method.h"
#include "reports/detail/text_safety.h"


namespace smapi::reports::detail {
namespace {

// A field's text cut and cleaned, with a note when it was cut or repaired.
std::string field(std::string_view raw, std::size_t limit, WholeField whole) {
  const SafeText safe = make_safe(raw, limit, whole);
  std::string out = show_controls(safe.text);
  if (!safe.utf8_valid) out += "\n(not valid UTF-8: invalid bytes shown as U+FFFD)";
  return out;
}

// The same for text whose validity past the limit does not matter.
std::string field(std::string_view raw, std::size_t limit) { return field(raw, limit, {raw.size(), true}); }

void add_block(std::string& out, std::string_view name, std::string_view raw, bool truncated,
               std::size_t limit, WholeField whole) {
  out += "  ";
  out += name;
  if (whole.size == 0) {
    out += truncated ? ": (empty, cut by the harness)\n" : ": (empty)\n";
    return;
  }
  out += " (" + std::to_string(whole.size) + " bytes";
  if (truncated) out += ", cut by the harness at its size cap";
  out += "):\n";
  std::string text = field(raw, limit, whole);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  // Indent every line so the block reads as part of this call.
  out += "    ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "    ";
  }
  out += '\n';
}

std::string decoded_text(const contract::Reply& reply, std::size_t limit) {
  switch (reply.kind) {
    case contract::Reply::Kind::result:
      return "a result";
    case contract::Reply::Kind::error: {
      std::string out = "an error, code " + field(reply.error.code, limit) + ", params [";
      for (std::size_t i = 0; i < reply.error.params.size(); ++i) {
        if (i) out += ", ";
        out += '"' + field(reply.error.params[i], limit) + '"';
      }
      return out + "]";
    }
    case contract::Reply::Kind::malformed:
      return "malformed: " + field(reply.problem, limit);
  }
  return "unknown";
}

}  // namespace

WholeField whole_reply(const suites::CallObservation& call) {
  if (call.whole) return {call.whole->reply_size, !call.whole->reply_invalid_utf8_at};
  return {call.reply_bytes.size(), is_valid_utf8(call.reply_bytes)};
}

WholeField whole_stderr(const suites::CallObservation& call) {
  if (call.whole) return {call.whole->stderr_size, call.whole->stderr_utf8_valid};
  return {call.stderr_bytes.size(), is_valid_utf8(call.stderr_bytes)};
}

std::string ending_of(const suites::CallObservation& call) {
  using suites::Delivery;
  if (call.delivery != Delivery::answered) {
    std::string out{suites::to_string(call.delivery)};
    if (!call.delivery_detail.empty()) out += " (" + one_line(call.delivery_detail, 512) + ")";
    return out;
  }
  if (call.exit) {
    if (call.exit->how == contract::ExecExit::How::signalled)
      return "killed by signal " + std::to_string(call.exit->code);
    return "exited with status " + std::to_string(call.exit->code);
  }
  if (call.http_status) return "HTTP status " + std::to_string(*call.http_status);
  return "answered";
}

std::string call_citation(const suites::CallObservation& call, std::size_t index) {
  return "call #" + std::to_string(index) + " " + one_line(call.label, 256) + ": " + ending_of(call) +
         ", after " + std::to_string(call.elapsed.count()) + " ms";
}

std::string call_transcript(const suites::CallObservation& call, std::size_t index,
                            std::size_t field_limit) {
  std::string out = "call #" + std::to_string(index) + ": " +
                    std::string(contract::wire_name(call.method));
  if (!call.label.empty() && call.label != contract::wire_name(call.method))
    out += " (" + one_line(call.label, 256) + ")";
  out += '\n';
  out += "  reproducer: " + field(call.reproducer, field_limit) + '\n';
  add_block(out, "request", call.request, false, field_limit, {call.request.size(), is_valid_utf8(call.request)});
  out += "  ending: " + ending_of(call) + ", after " + std::to_string(call.elapsed.count()) +
         " ms\n";
  if (call.pipe_held_open) out += "  note: a descendant kept the output pipe open after exit\n";
  if (call.stdin_not_consumed) out += "  note: the plugin did not read all of stdin\n";
  add_block(out, "reply", call.reply_bytes, call.reply_truncated, field_limit, whole_reply(call));
  if (call.exit || !call.stderr_bytes.empty())
    add_block(out, "stderr", call.stderr_bytes, call.stderr_truncated, field_limit, whole_stderr(call));
  if (call.delivery == suites::Delivery::answered) {
    out += "  decoded: " + decoded_text(call.reply, field_limit) + '\n';
    for (const auto& finding : call.reply.envelope_findings)
      out += "  envelope: " + field(finding.describe(), field_limit) + '\n';
  }
  return out;
}

}  // namespace smapi::reports::detail
