#include "reports/detail/html_calls.h"

#include "reports/detail/call_quoting.h"
#include "reports/detail/evidence_text.h"
#include "reports/detail/html_text.h"
#include "reports/detail/json_reindent.h"
#include "reports/detail/result_facts.h"
#include "reports/detail/sha256.h"
#include "reports/detail/text_safety.h"

namespace smapi::reports::detail {
namespace {

// One raw field: a heading with its size (and what was left out), then its
// text, indented when it is whole and JSON.
std::string field_block(std::string_view name, std::string_view raw, std::size_t limit, WholeField whole,
                        bool truncated) {
  std::string out = "<div class=\"field\"><span class=\"field-name\">" + std::string(name) + "</span> (" +
                    std::to_string(whole.size) + " bytes";
  if (whole.size == 0) return out + (truncated ? ", cut by the harness)" : ")") + "</div>\n";
  const SafeText safe = make_safe(raw, limit, whole);
  if (safe.omitted_bytes > 0) {
    out += ", first " + std::to_string(whole.size - safe.omitted_bytes) + " shown";
    if (raw.size() == whole.size) out += ", SHA-256 <code>" + sha256_hex(raw) + "</code>";
  }
  if (truncated) out += ", cut by the harness at its size cap";
  if (!safe.utf8_valid) out += ", not valid UTF-8: invalid bytes shown as U+FFFD";
  const auto indented = safe.omitted_bytes == 0 && safe.utf8_valid ? reindent_json_text(safe.text) : std::nullopt;
  if (indented) out += ", JSON shown indented";
  out += ")<pre>" + html_escape(indented ? *indented : show_controls(safe.text)) + "</pre></div>\n";
  return out;
}

std::string decoded_html(const contract::Reply& reply, std::size_t limit) {
  switch (reply.kind) {
    case contract::Reply::Kind::result:
      return "a result";
    case contract::Reply::Kind::error: {
      std::string out = "an error, code <code>" + html_text(reply.error.code, limit) + "</code>, params [";
      for (std::size_t i = 0; i < reply.error.params.size(); ++i)
        out += (i ? ", " : "") + ("<code>" + html_text(reply.error.params[i], limit) + "</code>");
      return out + "]";
    }
    case contract::Reply::Kind::malformed:
      return "malformed: " + html_text(reply.problem, limit);
  }
  return "unknown";
}

std::string call_html(const suites::CallObservation& call, std::size_t index, std::size_t limit,
                      const std::string& cited_by, bool open, bool exec, std::string_view id_prefix) {
  std::string out = "<details class=\"call\" id=\"" + std::string(id_prefix) + "call-" + std::to_string(index) + "\"" + (open ? " open" : "") +
                    "><summary>#" + std::to_string(index) + " " + html_text(call.label, limit) + ": " +
                    html_text(ending_of(call), limit) + ", " + std::to_string(call.elapsed.count()) +
                    " ms</summary>\n<div class=\"call-body\">\n";
  if (!cited_by.empty()) out += "<div>cited by " + cited_by + "</div>\n";
  if (!call.reproducer.empty())
    out += "<div>reproducer: <code>" + html_text(call.reproducer, limit) + "</code></div>\n";
  out += field_block("request", call.request, limit, {call.request.size(), is_valid_utf8(call.request)}, false);
  out += field_block("reply", call.reply_bytes, limit, whole_reply(call), call.reply_truncated);
  if (exec) out += field_block("stderr", call.stderr_bytes, limit, whole_stderr(call), call.stderr_truncated);
  if (call.pipe_held_open) out += "<div>note: a descendant kept the output pipe open after exit</div>\n";
  if (call.stdin_not_consumed) out += "<div>note: the plugin did not read all of stdin</div>\n";
  if (call.delivery == suites::Delivery::answered) {
    out += "<div>decoded: " + decoded_html(call.reply, limit) + "</div>\n";
    for (const auto& finding : call.reply.envelope_findings)
      out += "<div>envelope: " + html_text(finding.describe(), limit) + "</div>\n";
  }
  return out + "</div></details>\n";
}

}  // namespace

std::string html_call_links(const std::vector<std::size_t>& evidence, const suites::Observations& observations,
                            std::string_view id_prefix) {
  std::string out;
  for (std::size_t index : evidence) {
    if (index >= observations.calls.size()) continue;
    out += std::string(out.empty() ? "" : ", ") + "<a href=\"#" + std::string(id_prefix) + "call-" + std::to_string(index) + "\">#" +
           std::to_string(index) + " " + html_text(observations.calls[index].label, 256) + "</a>";
  }
  return out;
}

std::string html_calls_section(const suites::RunResult& run, const ReportLimits& limits,
                               std::string_view id_prefix) {
  const auto& calls = run.observations.calls;
  const std::vector<std::size_t> quote = quote_limits(run, limits);
  std::vector<std::string> cited_by(calls.size());
  std::vector<bool> open(calls.size(), false);
  for (const auto& result : run.results)
    for (std::size_t index : result.evidence) {
      if (index >= calls.size()) continue;
      const std::string id = html_text(requirement_of(result).id, 256);
      cited_by[index] += (cited_by[index].empty() ? "" : ", ") + ("<a href=\"#" + std::string(id_prefix) + "result-" + id + "\">" + id + "</a>");
      if (result.outcome != suites::Outcome::pass && result.outcome != suites::Outcome::skip) open[index] = true;
    }
  const bool exec = run.observations.subject.transport == suites::Transport::exec;
  std::string out = "<section id=\"" + std::string(id_prefix) + "calls\"><h2>Calls (" + std::to_string(calls.size()) +
                    ")</h2>\n<p>Every call the run made, once; the requirements above link here. "
                    "The calls behind a failure start open.</p>\n";
  for (std::size_t index = 0; index < calls.size(); ++index)
    out += call_html(calls[index], index, quote[index], cited_by[index], open[index], exec, id_prefix);
  return out + "</section>\n";
}

}  // namespace smapi::reports::detail
