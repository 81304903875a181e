#include "mock_plugin/mutants.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace smapi::mock {
namespace {

namespace json = boost::json;

constexpr MutantTransports kAll{.exec = true, .jsonrpc = true, .xmlrpc = true};
constexpr MutantTransports kExec{.exec = true};
constexpr MutantTransports kHttp{.jsonrpc = true, .xmlrpc = true};

// For a SHOULD requirement that fails in either profile.
constexpr std::string_view kShould = "--fail-on should";
// For a SHOULD requirement: the xapi profile only warns, and only --fail-on
// should makes a failed SHOULD non-conformant.
constexpr std::string_view kStrictShould = "--profile strict --fail-on should";

// Larger than every normal answer in every encoding, and smaller than the
// oversized diagnostics of the TRANSPORT-OUTPUT-SIZE mutant.
constexpr std::string_view kOutputSizeFlags = "--max-output 16384";
constexpr std::size_t kOversizedDiagnosticsBytes = 64 * 1024;
// Over DIAG-SIZE's 1 MiB, under the harness's default --max-output (16 MiB).
constexpr std::size_t kOversizedDiagSizeBytes = 1024 * 1024 + 1024;

constexpr std::array kMutants{
    Mutant{"QUERY-ANSWERS", "QUERY-ANSWERS", "Plugin.query answers Unimplemented", kAll, "",
           R"({"methods":{"Plugin.query":{"unimplemented":true}}})"},
    Mutant{"QUERY-RESULT-OBJECT", "QUERY-RESULT-OBJECT",
           "Plugin.query returns an array instead of a query_result object", kAll, "",
           R"({"methods":{"Plugin.query":{"result":["mock"]}}})"},
    Mutant{"QUERY-FIELDS-PRESENT", "QUERY-FIELDS-PRESENT", "query_result lacks vendor", kAll, "",
           R"({"methods":{"Plugin.query":[{"remove_field":"vendor"}]}})"},
    Mutant{"QUERY-FIELD-TYPES", "QUERY-FIELD-TYPES", "query_result vendor is the number 5", kAll, "",
           R"({"methods":{"Plugin.query":[{"retype_field":"vendor"}]}})"},
    Mutant{"QUERY-KEYS-EXACT", "QUERY-KEYS-EXACT", "query_result has an unknown key", kAll,
           kStrictShould,
           R"({"methods":{"Plugin.query":[{"set_field":{"smapi_mock_extra":"an unknown key"}}]}})"},
    Mutant{"QUERY-API-VERSION", "QUERY-API-VERSION", "required_api_version is \"1.0\" (xapi registers none below 2.0)",
           kAll, "", R"({"methods":{"Plugin.query":[{"set_field":{"required_api_version":"1.0"}}]}})"},
    Mutant{"QUERY-PLUGIN-NAME", "QUERY-PLUGIN-NAME", "plugin is the empty string", kAll, "",
           R"({"methods":{"Plugin.query":[{"set_field":{"plugin":""}}]}})"},
    Mutant{"QUERY-PLUGIN-DIR", "QUERY-PLUGIN-DIR",
           "plugin is \"mock-elsewhere\", not the directory's org.xen.xapi.storage.mock", kExec, "",
           R"({"methods":{"Plugin.query":[{"set_field":{"plugin":"mock-elsewhere"}}]}})"},
    Mutant{"QUERY-FEATURE-SYNTAX", "QUERY-FEATURE-SYNTAX", "a feature is VDI_CREATE/0 (N must be positive)",
           kAll, kStrictShould,
           R"({"methods":{"Plugin.query":[{"set_field":{"features":["SR_ATTACH","VDI_CREATE/0"]}}]}})"},
    Mutant{"QUERY-FEATURE-KNOWN", "QUERY-FEATURE-KNOWN", "a feature name xapi does not know", kAll,
           kStrictShould,
           R"({"methods":{"Plugin.query":[{"set_field":{"features":["SR_ATTACH","SMAPI_MOCK_UNKNOWN"]}}]}})"},
    Mutant{"QUERY-CONFIGURATION", "QUERY-CONFIGURATION", "configuration is a list of pairs", kAll, "",
           R"({"methods":{"Plugin.query":[{"set_field":{"configuration":[["path","a directory"]]}}]}})"},
    Mutant{"LS-ANSWERS", "LS-ANSWERS", "Plugin.ls returns a string, not a list", kAll, "",
           R"({"methods":{"Plugin.ls":{"result":"sr1"}}})"},
    Mutant{"DIAG-ANSWERS", "DIAG-ANSWERS", "Plugin.diagnostics returns a number", kAll, "",
           R"({"methods":{"Plugin.diagnostics":{"result":42}}})"},
    Mutant{"DIAG-SUCCEEDS", "DIAG-SUCCEEDS", "Plugin.diagnostics fails with a well-formed error", kAll, kShould,
           R"({"methods":{"Plugin.diagnostics":[{"match":{"dbg_prefix":""},"error":{"code":"SR_BACKEND_FAILURE","params":["no log"]}}]}})"},
    Mutant{"ERROR-WELL-FORMED", "ERROR-WELL-FORMED",
           "Plugin.ls fails with an error value naming nothing ([5]; exec: exit 1, nothing on stdout)", kAll, "",
           R"({"methods":{"Plugin.ls":[{"match":{"dbg_prefix":""},"unimplemented":true,"error_value":[5],"no_output":true}]}})"},
    Mutant{"TRANSPORT-ONE-VALUE", "TRANSPORT-ONE-VALUE",
           "Plugin.diagnostics writes a second JSON value after its answer", kAll, "",
           R"({"methods":{"Plugin.diagnostics":[{"match":{"dbg_prefix":""},"body":"trailing_garbage"}]}})"},
    Mutant{"TRANSPORT-ENVELOPE", "TRANSPORT-ENVELOPE",
           "Plugin.ls replies with HTTP 500 and (JSON-RPC) another request's id", kHttp, "",
           R"({"methods":{"Plugin.ls":[{"match":{"dbg_prefix":""},"http_status":500,"body":"wrong_id"}]}})"},
    Mutant{"TRANSPORT-TIMELY", "TRANSPORT-TIMELY", "Plugin.diagnostics never answers", kAll,
           "--timeout 1", R"({"methods":{"Plugin.diagnostics":[{"hang":true}]}})"},
    Mutant{"TRANSPORT-OUTPUT-SIZE", "TRANSPORT-OUTPUT-SIZE",
           "Plugin.diagnostics answers 64 KiB, over --max-output 16384", kAll, kOutputSizeFlags, "",
           DirLayout::standard, kOversizedDiagnosticsBytes},
    Mutant{"EXEC-EXECUTABLE", "EXEC-EXECUTABLE", "Plugin.diagnostics is a file without execute permission",
           kExec, "", "", DirLayout::diagnostics_not_executable},
    Mutant{"EXEC-PIPES-CLOSED", "EXEC-PIPES-CLOSED",
           "Plugin.diagnostics leaves a child holding stdout open after it exits", kExec, "",
           R"({"methods":{"Plugin.diagnostics":[{"leave_child":true}]}})"},
    Mutant{"TRANSPORT-UTF8", "TRANSPORT-UTF8", "Plugin.diagnostics ends in a 0xFF byte (not UTF-8)", kAll,
           "", R"({"methods":{"Plugin.diagnostics":[{"match":{"dbg_prefix":""},"invalid_utf8":true}]}})"},
    Mutant{"LS-UNIQUE", "LS-UNIQUE", "Plugin.ls names sr1 twice", kAll, kShould,
           R"({"methods":{"Plugin.ls":{"result":["sr1","sr1"]}}})"},
    Mutant{"DIAG-NO-PII", "DIAG-NO-PII", "Plugin.diagnostics holds an email and an IP address", kAll,
           kStrictShould,
           R"({"methods":{"Plugin.diagnostics":{"result":"contact jane.doe@example.com on 192.0.2.17"}}})"},
    Mutant{"DIAG-SIZE", "DIAG-SIZE", "Plugin.diagnostics answers more than 1 MiB", kAll, kShould, "",
           DirLayout::standard, kOversizedDiagSizeBytes},
    Mutant{"QUERY-STABLE", "QUERY-STABLE", "every other Plugin.query call answers another version", kAll,
           "",
           R"({"methods":{"Plugin.query":[{"sequence":[{},{"set_field":{"version":"0.1.1"}}],"then":"cycle"}]}})"},
    Mutant{"QUERY-CONCURRENT", "QUERY-CONCURRENT",
           "Plugin.query calls 11-14 (the overlapping ones after --repeat 10) answer another version",
           kAll, "--repeat 10 --concurrency 4",
           R"({"methods":{"Plugin.query":[{"times":10},{"times":4,"set_field":{"version":"0.1.1"}}]}})"},
    Mutant{"DBG-ANY-STRING", "DBG-ANY-STRING", "Plugin.ls fails when dbg is the empty string", kAll, "",
           R"({"methods":{"Plugin.ls":[{"match":{"dbg":""},"error":{"code":"SR_BACKEND_FAILURE","params":["empty dbg"]}}]}})"},
    Mutant{"PROBE-BAD-INPUT", "PROBE-BAD-INPUT", "every method answers refused arguments with garbage",
           kAll, kStrictShould,
           R"({"methods":{"Plugin.query":[{"match":{"arguments":"refused"},"body":"garbage"}],)"
           R"("Plugin.ls":[{"match":{"arguments":"refused"},"body":"garbage"}],)"
           R"("Plugin.diagnostics":[{"match":{"arguments":"refused"},"body":"garbage"}]}})"},
};

json::array transport_names(const MutantTransports& t) {
  json::array names;
  if (t.exec) names.emplace_back("exec");
  if (t.jsonrpc) names.emplace_back("jsonrpc");
  if (t.xmlrpc) names.emplace_back("xmlrpc");
  return names;
}

std::string_view layout_name(DirLayout layout) {
  switch (layout) {
    case DirLayout::standard: return "standard";
    case DirLayout::diagnostics_not_executable: return "diagnostics_not_executable";
  }
  return "standard";
}

}  // namespace

std::span<const Mutant> mutants() { return kMutants; }

const Mutant* find_mutant(std::string_view name) {
  // Case-insensitive, as `smapi-conform explain` reads requirement IDs.
  const auto same = [](char a, char b) {
    return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b));
  };
  for (const Mutant& m : kMutants)
    if (std::equal(m.name.begin(), m.name.end(), name.begin(), name.end(), same)) return &m;
  return nullptr;
}

std::string mutant_names() {
  std::string names;
  for (const Mutant& m : kMutants) {
    if (!names.empty()) names += ", ";
    names += m.name;
  }
  return names;
}

ConfigLoad mutant_config(const Mutant& mutant, PluginKind kind) {
  ConfigLoad load = mutant.config.empty() ? ConfigLoad{default_config(kind), {}}
                                          : parse_config(mutant.config, kind);
  if (!load.config) {
    load.error = "mutant " + std::string(mutant.name) + ": " + load.error;
    return load;
  }
  if (mutant.diagnostics_bytes > 0) {
    load.config->answer(contract::Method::diagnostics) =
        Answer::make_result(json::string(std::string(mutant.diagnostics_bytes, 'd')));
  }
  return load;
}

json::value mutants_json() {
  json::array out;
  for (const Mutant& m : kMutants) {
    json::array flags;
    std::string_view rest = m.conform_flags;
    while (!rest.empty()) {
      const std::size_t space = rest.find(' ');
      const std::string_view word = rest.substr(0, space);
      if (!word.empty()) flags.emplace_back(word);
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
    out.emplace_back(json::object{{"name", m.name},
                                  {"requirement", m.requirement_id},
                                  {"description", m.description},
                                  {"transports", transport_names(m.transports)},
                                  {"conform_flags", std::move(flags)},
                                  {"layout", layout_name(m.layout)}});
  }
  return out;
}

std::string mutants_text() {
  std::string text;
  for (const Mutant& m : kMutants) {
    std::string transports;
    for (const auto& t : transport_names(m.transports)) {
      if (!transports.empty()) transports += ',';
      transports += t.as_string();
    }
    std::string line(m.name);
    line.resize(std::max<std::size_t>(line.size() + 1, 24), ' ');
    line += transports;
    line.resize(std::max<std::size_t>(line.size() + 1, 44), ' ');
    line += m.description;
    text += line + "\n";
  }
  return text;
}

}  // namespace smapi::mock
