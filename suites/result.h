#pragma once
// The result model: requirements, their outcomes, the verdict. Checks write
// it; report writers read it.

#include "suites/observation.h"
#include "suites/xapi_view.h"

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::suites {

enum class Level { must, should };
enum class Outcome { pass, fail, warn, skip, error };

std::string_view to_string(Level level);      // "MUST", "SHOULD"
std::string_view to_string(Outcome outcome);  // "pass", "fail", "warn", "skip", "error"

// Transports a requirement applies to, as a bit set.
enum TransportMask : unsigned {
  kExecTransport = 1u << 0,
  kJsonRpcTransport = 1u << 1,  // v1 and v2
  kXmlRpcTransport = 1u << 2,
  kHttpTransports = kJsonRpcTransport | kXmlRpcTransport,
  kAnyTransport = kExecTransport | kHttpTransports,
};

// When a requirement applies, decided at run time from the subject and from
// what the plugin itself declares; otherwise it is reported as a skip with a
// reason naming the condition.
struct Applicability {
  unsigned transports = kAnyTransport;
  bool volume = true;    // applies to Volume plugins
  bool datapath = true;  // applies to Datapath plugins
  // A feature the plugin must declare in Plugin.query (e.g. "SR_STATS");
  // empty: none needed.
  std::string_view feature;
};

// The transports of an applicability mask by their machine names ("exec",
// "jsonrpc", "xmlrpc", in that order), as reports and `list --format json`
// spell them.
std::vector<std::string_view> transport_names(unsigned mask);

// The plugin kinds a requirement applies to: "volume", "datapath".
std::vector<std::string_view> kind_names(const Applicability& applies);

// The required_api_version values xapi accepts from a plugin (xen-api
// ocaml/xapi-storage-script/main.ml supported_api_versions); "3.0" is
// deprecated.
inline constexpr std::string_view kRequiredApiVersions[] = {"3.0", "5.0"};

// The catalogue's version (semver). MAJOR: a row removed, a level raised, or
// a row's meaning changed so that a plugin that passed may now fail; MINOR: a
// row added at SHOULD or a level lowered; PATCH: wording, citations. Reports
// and certification manifests record it; docs/requirements.md has the
// changelog. 1.0.0 is the catalogue before versions were recorded.
inline constexpr std::string_view kCatalogueVersion = "2.0.0";

// kCatalogueVersion, for callers that prefer a function.
constexpr std::string_view catalogue_version() { return kCatalogueVersion; }

// One requirement of the catalogue. The ID is stable: reports, waivers and
// docs name requirements by it. Every text is user-facing and names only
// public sources (the IDL, xen-api, rpclib).
struct Requirement {
  std::string_view id;         // "QUERY-FIELD-TYPE"
  std::string_view area;       // "query", "ls", "diagnostics", "errors", "transport"
  Level level;
  std::string_view statement;  // one line
  // What the requirement rests on, in a few words: the IDL, what xapi does,
  // or the harness's own policy.
  std::string_view source;
  Applicability applies{};
  // What proves the check can fail: "fixture:<dir under fixtures/plugins>"
  // or "mutant:<smapi-mock mutant name>".
  std::string_view proof{};
  // How --profile changes the outcome, e.g. "xapi: a warn; strict: a fail";
  // empty when both profiles judge it alike.
  std::string_view profile_note{};
  // What happens in xapi when a plugin fails it, in one or two sentences; for
  // a requirement with no basis in xapi, that plain fact and the harness's
  // own reason.
  std::string_view consequence{};
  // The public code or IDL it rests on, at a pinned commit: "xen-api@e2ee48d6
  // ocaml/xapi-storage-script/main.ml fork_exec_rpc".
  std::string_view citation{};
  // A short quote or close paraphrase of the cited code or IDL text.
  std::string_view quote{};
  // The catalogue version the row exists since ("1.0.0", "2.0.0").
  std::string_view since{};
  // The required_api_version values the row applies to.
  std::span<const std::string_view> api_versions{kRequiredApiVersions};
};

// A waiver that covered a result (--waivers).
struct WaiverNote {
  std::string reason;
  std::string ticket;
  std::string expires;  // YYYY-MM-DD
};

struct RequirementResult {
  const Requirement* requirement = nullptr;
  Outcome outcome = Outcome::error;
  std::string message;  // why: names the field, expected and actual
  std::vector<std::size_t> evidence;  // indexes into Observations::calls
  // Set when a waiver covered this result; a waived failure does not count
  // against the verdict.
  std::optional<WaiverNote> waiver;
};

enum class Verdict {
  conformant,      // no MUST requirement failed, none in error
  non_conformant,  // at least one MUST requirement failed
  inconclusive,    // no MUST failed, but the harness could not judge one
};

std::string_view to_string(Verdict verdict);  // "conformant", ...

// Which failed requirements make a run non-conformant (--fail-on): must
// (the default) counts failed MUST requirements only; should counts failed
// SHOULD requirements too (and a SHOULD in error then makes it inconclusive).
enum class FailOn { must, should };

std::string_view to_string(FailOn fail_on);  // "must", "should"

// The rule that turns results into a verdict.
struct VerdictPolicy {
  FailOn fail_on = FailOn::must;
};

// Whether a requirement's failure or error can move the verdict under a
// policy: a MUST always, a SHOULD only under FailOn::should.
bool counts_toward_verdict(const Requirement& requirement, VerdictPolicy policy);

// The verdict of a set of results under a policy. A failure covered by a
// waiver (RequirementResult::waiver) does not count.
Verdict verdict_of(const std::vector<RequirementResult>& results, VerdictPolicy policy = {});

// Process exit status for a verdict: 0 conformant, 1 non-conformant,
// 2 inconclusive (same as a harness or usage error).
int exit_status(Verdict verdict);

// A waiver that needs attention (--waivers): it has expired (the run fails),
// its requirement passed anyway (an unexpected pass: drop the waiver), or it
// names no catalogue requirement.
struct WaiverProblem {
  enum class Kind { expired, unexpected_pass, unknown_requirement };
  Kind kind = Kind::expired;
  std::string id;      // the requirement ID the waiver names
  std::string detail;  // one line, e.g. "expired 2026-10-01 (ticket XAPI-12)"
};

struct RunResult {
  std::string tool_version;
  std::string started_at;  // ISO 8601 UTC
  std::chrono::milliseconds duration{0};
  Observations observations;
  std::vector<RequirementResult> results;
  XapiView xapi_view;
  std::vector<WaiverProblem> waiver_problems;
  Verdict verdict = Verdict::inconclusive;
  VerdictPolicy policy;  // the policy `verdict` was judged under (--fail-on)
};

// The verdict of a whole run: verdict_of(run.results, policy), except that an
// expired waiver (a WaiverProblem of kind expired) makes the run
// non-conformant.
Verdict verdict_of(const RunResult& run, VerdictPolicy policy);

}  // namespace smapi::suites
