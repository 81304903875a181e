// The robustness area: Plugin.query answers the same when repeated and when
// called concurrently; every method takes any dbg string; bad input gets a
// well-formed error, in time, and an extra argument key is ignored.

#include "contract/json_text.h"
#include "contract/names.h"
#include "contract/xapi_json.h"
#include "suites/detail/areas.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <string>

namespace smapi::suites::detail {
namespace {

namespace json = boost::json;
using contract::Reply;

bool readable(const CallObservation& call) {
  return call.delivery == Delivery::answered && call.reply.kind != Reply::Kind::malformed;
}

std::string_view kind_word(const CallObservation& call) {
  if (call.delivery != Delivery::answered) return to_string(call.delivery);
  switch (call.reply.kind) {
    case Reply::Kind::result: return "a result";
    case Reply::Kind::error: return "an error";
    case Reply::Kind::malformed: return "an unreadable answer";
  }
  return "unknown";
}

// Where two JSON values first differ, as "$.version: \"3.0\" then \"3.1\"".
std::string first_difference(const json::value& a, const json::value& b, const std::string& path) {
  if (a.is_object() && b.is_object()) {
    for (const auto& member : a.as_object()) {
      const auto* other = b.as_object().if_contains(member.key());
      const auto where = path + "." + std::string(member.key());
      if (!other) return where + ": present, then absent";
      if (!contract::same_json(member.value(), *other)) return first_difference(member.value(), *other, where);
    }
    for (const auto& member : b.as_object())
      if (!a.as_object().contains(member.key()))
        return path + "." + std::string(member.key()) + ": absent, then present";
  }
  if (a.is_array() && b.is_array() && a.as_array().size() == b.as_array().size())
    for (std::size_t i = 0; i < a.as_array().size(); ++i)
      if (!contract::same_json(a.as_array()[i], b.as_array()[i]))
        return first_difference(a.as_array()[i], b.as_array()[i], path + "[" + std::to_string(i) + "]");
  return path + ": " + contract::json_excerpt(a, 60) + " then " + contract::json_excerpt(b, 60);
}

// Empty when both calls answered alike (the same result, or the same error
// code and parameters); otherwise how they differ.
std::string answer_difference(const CallObservation& first, const CallObservation& other) {
  if (first.reply.kind != other.reply.kind)
    return std::string(kind_word(first)) + ", then " + std::string(kind_word(other));
  if (answer_cut(first) || answer_cut(other)) {
    // A long probe answer was kept only in part: compared by digest.
    if (answer_digest(first) == answer_digest(other)) return {};
    const auto& a = first.reply.kind == Reply::Kind::result ? first.reply.result : first.reply.error.raw;
    const auto& b = other.reply.kind == Reply::Kind::result ? other.reply.result : other.reply.error.raw;
    return "$: " + contract::json_excerpt(a, 60) + " then " + contract::json_excerpt(b, 60) +
           " (answers over " + std::to_string(kKeptProbeBytes / 1024) + " KiB compared by digest)";
  }
  if (first.reply.kind == Reply::Kind::result)
    return contract::same_json(first.reply.result, other.reply.result)
               ? std::string()
               : first_difference(first.reply.result, other.reply.result, "$");
  const auto& a = first.reply.error;
  const auto& b = other.reply.error;
  if (a.code == b.code && a.params == b.params) return {};
  return "error " + contract::json_excerpt(a.raw, 60) + ", then " + contract::json_excerpt(b.raw, 60);
}

std::string skipped_reason(const Observations& observations, contract::Method method) {
  for (const auto& skipped : observations.skipped_probes)
    if (skipped.method == method) return skipped.reason;
  return {};
}

void check_stable(const Observations& observations, Results& results) {
  const CallObservation* first = nullptr;
  std::vector<std::size_t> evidence;
  std::string first_difference_text;
  std::size_t compared = 0, differing = 0;
  for (const auto& call : observations.calls) {
    if (call.method != contract::Method::query || !readable(call) ||
        (call.probe != Probe::none && call.probe != Probe::repeat))
      continue;
    ++compared;
    if (!first) {
      first = &call;
      evidence.push_back(index_of(observations, call));
      continue;
    }
    const auto difference = answer_difference(*first, call);
    if (difference.empty()) continue;
    ++differing;
    evidence.push_back(index_of(observations, call));
    if (first_difference_text.empty())
      first_difference_text = call_name(call) + " differs from the first answer: " + difference;
  }
  if (compared < 2) {
    const auto skipped = skipped_reason(observations, contract::Method::query);
    return results.skip("QUERY-STABLE",
                        !skipped.empty() ? skipped
                        : observations.subject.repeat < 2
                            ? std::string("Plugin.query was not repeated (--repeat 1)")
                            : std::string("fewer than two readable Plugin.query answers to compare "
                                          "(see QUERY-ANSWERS and the transport requirements)"));
  }
  if (differing == 0)
    return results.pass("QUERY-STABLE", std::to_string(compared) + " Plugin.query answers, all identical",
                        evidence);
  results.fail("QUERY-STABLE",
               first_difference_text + " (" + std::to_string(differing) + " of " +
                   std::to_string(compared - 1) + " later answers differ)",
               evidence);
}

void check_concurrent(const Observations& observations, Results& results) {
  const auto* base = observations.first(contract::Method::query);
  std::vector<std::size_t> evidence;
  std::string differences;
  std::size_t judged = 0;
  if (base && readable(*base)) {
    for (const auto& call : observations.calls) {
      if (call.probe != Probe::concurrent || !readable(call)) continue;
      ++judged;
      const auto difference = answer_difference(*base, call);
      if (difference.empty()) continue;
      evidence.push_back(index_of(observations, call));
      differences += (differences.empty() ? "" : "; ") + call_name(call) + ": " + difference;
    }
  }
  if (judged == 0) {
    const auto skipped = skipped_reason(observations, contract::Method::query);
    return results.skip("QUERY-CONCURRENT",
                        !skipped.empty() ? skipped
                        : observations.subject.concurrency < 2
                            ? std::string("no concurrent calls (--concurrency 1)")
                            : std::string("no readable answers to compare (see QUERY-ANSWERS and the "
                                          "transport requirements)"));
  }
  const auto& so_far = results.all();
  const auto stable = std::find_if(so_far.begin(), so_far.end(), [](const auto& result) {
    return result.requirement->id == "QUERY-STABLE";
  });
  if (!differences.empty() && stable != so_far.end() && stable->outcome == Outcome::fail)
    return results.skip("QUERY-CONCURRENT",
                        "answers vary even one call at a time: see QUERY-STABLE", evidence);
  evidence.insert(evidence.begin(), index_of(observations, *base));
  if (differences.empty())
    return results.pass("QUERY-CONCURRENT",
                        std::to_string(judged) + " overlapping calls answered as the single call did",
                        evidence);
  results.fail("QUERY-CONCURRENT", "unlike the single call: " + differences, evidence);
}

// How a call with an unusual dbg failed to answer as the plain call did:
// the same kind of answer, a result of the method's IDL type when the plain
// one was, the same error when the plain call failed. Empty when it did.
std::string variant_defect(const CallObservation& call, const CallObservation& base, contract::View view) {
  if (!readable(call)) return std::string(kind_word(call)) + ": " + no_answer_reason(call);
  if (call.reply.kind != base.reply.kind)
    return std::string(kind_word(call)) + " where the plain dbg got " + std::string(kind_word(base)) +
           (call.reply.kind == Reply::Kind::error ? " " + contract::json_excerpt(call.reply.error.raw, 120)
                                                  : std::string());
  if (call.reply.kind == Reply::Kind::error) {
    if (call.reply.error.code == base.reply.error.code) return {};
    return "the error " + contract::json_excerpt(call.reply.error.raw, 120) + " where the plain dbg got " +
           contract::json_excerpt(base.reply.error.raw, 120);
  }
  if (!idl_problem(base, view).empty()) return {};  // the method's own requirement judges the plain answer
  if (const auto problem = idl_problem(call, view); !problem.empty())
    return "a result that is not what " + std::string(contract::wire_name(call.method)) + " returns (" + problem +
           ") where the plain dbg got one that is";
  return {};
}

void check_dbg_variants(const Observations& observations, Results& results) {
  std::vector<std::size_t> evidence, judged;
  std::string defects;
  for (const auto& call : observations.calls) {
    if (call.probe != Probe::dbg_variant) continue;
    const auto* base = observations.first(call.method);
    if (!base || !readable(*base)) continue;
    const auto index = index_of(observations, call);
    judged.push_back(index);
    const auto defect = variant_defect(call, *base, view_for(observations.subject.profile));
    if (defect.empty()) continue;
    evidence.push_back(index);
    defects += (defects.empty() ? "" : "; ") + call_name(call) + ": " + defect;
  }
  if (judged.empty()) {
    std::string reason = observations.subject.probes ? "no method gave a readable answer to the plain dbg"
                                                     : "probes are off (--no-probes)";
    for (const auto& skipped : observations.skipped_probes) reason += "; " + skipped.reason;
    return results.skip("DBG-ANY-STRING", reason);
  }
  if (defects.empty())
    return results.pass("DBG-ANY-STRING",
                        std::to_string(judged.size()) + " calls with an empty, large or non-ASCII dbg "
                        "answered as with the plain dbg",
                        judged);
  results.fail("DBG-ANY-STRING", defects, evidence);
}

// Why a refused input's answer is not a well-formed refusal; empty when it is.
std::string refusal_defect(const CallObservation& call) {
  if (call.delivery != Delivery::answered) return std::string(to_string(call.delivery)) +
                                                  (call.delivery_detail.empty() ? "" : ": " + call.delivery_detail);
  if (call.reply.kind == Reply::Kind::error) return {};
  if (call.reply.kind == Reply::Kind::result)
    return "accepted it and answered " + contract::json_excerpt(call.reply.result, 80);
  if (call.exit && call.exit->how == contract::ExecExit::How::signalled)
    return "killed by signal " + std::to_string(call.exit->code);
  std::string defect = "no well-formed error (" + call.reply.problem + ")";
  if (stderr_mentions_traceback(call)) defect += "; a traceback on stderr";
  return defect;
}

// In the xapi profile the bad-input probes are information only: xapi's
// typed client sends one named Dict holding a string dbg, and refuses any
// other arguments with INCORRECT_PARAMETERS before a script runs (xen-api
// ocaml/xapi-storage-script/main.ml fork_exec_rpc). The strict profile
// judges them, as the IDL's generated dispatchers refuse such input.
void check_bad_input(const Observations& observations, Results& results) {
  const bool judge_refusals = observations.subject.profile == Profile::strict;
  std::vector<std::size_t> evidence, judged;
  std::string defects, information;
  for (const auto& call : observations.calls) {
    if (call.probe != Probe::bad_input && call.probe != Probe::extra_argument) continue;
    const auto index = index_of(observations, call);
    judged.push_back(index);
    std::string defect;
    if (call.probe == Probe::bad_input) {
      if (!judge_refusals) {
        const auto seen = refusal_defect(call);
        information += (information.empty() ? "" : "; ") + call_name(call) + ": " +
                       (seen.empty() ? std::string("refused with a well-formed error") : seen);
        continue;
      }
      defect = refusal_defect(call);
    } else if (const auto* base = observations.first(call.method); base && readable(*base)) {
      if (!readable(call))
        defect = std::string(kind_word(call)) + ": " + no_answer_reason(call);
      else if (call.reply.kind != base->reply.kind)
        defect = "an extra key must be ignored, but it got " + std::string(kind_word(call)) +
                 " where the plain call got " + std::string(kind_word(*base));
    }
    if (defect.empty()) continue;
    evidence.push_back(index);
    defects += (defects.empty() ? "" : "; ") + call_name(call) + ": " + defect;
  }
  const std::string seed = "seed " + std::to_string(observations.subject.seed);
  if (judged.empty()) {
    std::string reason = observations.subject.probes ? "no input probes were made"
                                                     : "probes are off (--no-probes)";
    for (const auto& skipped : observations.skipped_probes) reason += "; " + skipped.reason;
    return results.skip("PROBE-BAD-INPUT", reason);
  }
  const std::string for_information =
      information.empty() ? std::string()
                          : "; for information only, input xapi never sends (fork_exec_rpc): " + information;
  if (defects.empty())
    return results.pass("PROBE-BAD-INPUT",
                        std::to_string(judged.size()) + " input probes (" + seed + "): " +
                            (judge_refusals ? "each bad input refused with a well-formed error, extra keys ignored"
                                            : "extra keys ignored") +
                            for_information,
                        judged);
  results.fail("PROBE-BAD-INPUT", defects + " (" + seed + ")" + for_information, evidence);
}

}  // namespace

void check_robustness(const Observations& observations, Results& results) {
  check_stable(observations, results);
  check_concurrent(observations, results);
  check_dbg_variants(observations, results);
  check_bad_input(observations, results);
}

}  // namespace smapi::suites::detail
