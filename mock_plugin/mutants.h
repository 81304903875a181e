#pragma once
// Mutants: presets that make smapi-mock break exactly ONE conformance
// requirement, each named by that requirement's ID (`smapi-conform list`).
// They prove the harness catches each defect, and that it blames the right
// requirement: the self-test (fixtures/e2e/mutant_test.cpp) runs
// smapi-conform against every mutant over every transport it applies to and
// expects exactly its requirement to fail.
//
// A mutant is data: a config (config.h format, over the kind's defaults),
// maybe a directory layout for exec-only defects, the transports it applies
// to, and the smapi-conform flags under which its requirement fails (e.g.
// --profile strict --fail-on should for a SHOULD requirement that only warns
// in the xapi profile). Rules that should leave the harness's bad-argument
// probes alone match {"dbg_prefix": ""} (every call with a string dbg).
// Adding one for a new requirement is one entry in mutants.cpp.
//
//   smapi-mock mutants [--json]
//   smapi-mock serve --listen ADDR --mutant NAME
//   smapi-mock plugin-dir OUTDIR --mutant NAME

#include "mock_plugin/config.h"
#include "mock_plugin/plugin_dir.h"

#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace smapi::mock {

// The transports a mutant's defect shows on.
struct MutantTransports {
  bool exec = false;
  bool jsonrpc = false;  // JSON-RPC v1 and v2 over HTTP
  bool xmlrpc = false;
};

struct Mutant {
  std::string_view name;            // the requirement ID it breaks
  std::string_view requirement_id;  // the same ID, spelled out for readers of --json
  std::string_view description;     // one line: what the mock does wrong
  MutantTransports transports;
  // smapi-conform flags the self-test adds (space-separated), e.g. "--profile strict".
  std::string_view conform_flags;
  // The config (config.h format) applied over the kind's defaults; "" for none.
  std::string_view config;
  DirLayout layout = DirLayout::standard;
  // When non-zero, Plugin.diagnostics answers a string of this many bytes
  // (too big to write in the table).
  std::size_t diagnostics_bytes = 0;
};

// Every mutant, in catalogue order.
std::span<const Mutant> mutants();

// The mutant named `name` in any case ("ls-answers" is LS-ANSWERS), or nullptr.
const Mutant* find_mutant(std::string_view name);

// "QUERY-ANSWERS, QUERY-RESULT-OBJECT, ..." for usage errors.
std::string mutant_names();

// The mutant's full config for a kind, or a one-line reason the mutant's
// own config is broken (a bug in the table; the unit test guards it).
ConfigLoad mutant_config(const Mutant& mutant, PluginKind kind);

// The table as JSON: [{"name","requirement","description","transports":[...],
// "conform_flags":[...],"layout"}, ...].
boost::json::value mutants_json();

// The table as text, one mutant a line: name, transports, description.
std::string mutants_text();

}  // namespace smapi::mock
