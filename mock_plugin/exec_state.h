#pragma once
// What an exec plugin remembers between calls, as the JSON document of its
// state file (exec_state_file.h keeps the file):
//
//   {"storage": <the storage, storage.h to_json>,
//    "clock_origin_ms": <wall clock, ms since the epoch, when the storage began>,
//    "engines": {"volume":   {"config": "<config fingerprint>", "state": <EngineState>},
//                "datapath": {...}}}
//
// Every member is optional: an empty document is a fresh plugin. The engine
// counters are kept per plugin kind, because a tree made by plugin-dir --tree
// shares one file between its volume and its datapath plugin; each kind's
// counters start again when its config changes (the fingerprint differs).
// Pure: text in, values out.

#include "mock_plugin/config.h"
#include "mock_plugin/engine.h"
#include "mock_plugin/storage/storage.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace smapi::mock {

// The document a state file's text holds; nullopt (no file yet) is an empty
// one. Anything but one JSON object is an error saying what is wrong.
std::variant<boost::json::object, std::string> parse_exec_state(const std::optional<std::string>& text);

// The text to write: compact JSON and a newline.
std::string render_exec_state(const boost::json::object& doc);

// A fingerprint of the config, so that counters saved for another config are
// not applied to this one.
std::string config_fingerprint(const MockConfig& config);

// The counters saved for `kind` under this config's fingerprint; nullopt
// when there are none or they belong to another config.
std::optional<EngineState> saved_engine_state(const boost::json::object& doc, PluginKind kind,
                                              const std::string& fingerprint);
void save_engine_state(boost::json::object& doc, PluginKind kind, const std::string& fingerprint,
                       const EngineState& state);
// The same for an engine: its kind and config pick the entry.
void restore_engine(const boost::json::object& doc, Engine& engine);
void save_engine(boost::json::object& doc, const Engine& engine);

// Loads the document's storage into `storage` (a fresh one when it has
// none). Returns "" or what is wrong, with its JSON path within the
// storage ("storage state: $.srs: expected an array"); `storage` is then unchanged.
std::string load_storage(const boost::json::object& doc, storage::Storage& storage);
void save_storage(boost::json::object& doc, const storage::Storage& storage);

// The wall-clock time (ms since the epoch) the storage's simulated time
// counts from: the saved one, or `now_ms` recorded as it when there is none.
std::int64_t clock_origin(boost::json::object& doc, std::int64_t now_ms);

}  // namespace smapi::mock
