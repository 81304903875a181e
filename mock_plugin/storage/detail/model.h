#pragma once
// The storage model's state and the helpers its handlers share. Private to
// mock_plugin/storage/.

#include "mock_plugin/storage/storage.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock::storage::detail {

// A volume (control.ml `volume`), plus the snapshot/clone graph the record
// itself does not carry.
struct Volume {
  std::string key;
  std::string uuid;
  std::string name;
  std::string description;
  bool read_write = true;
  bool sharable = false;
  std::int64_t virtual_size = 0;
  std::int64_t physical_utilisation = 0;
  std::string uri;  // the one URI its datapath opens
  std::map<std::string, std::string> keys;
  std::string volume_type = "Data";  // control.ml volume_type
  bool cbt_enabled = false;
  std::string snapshot_of;  // key of the volume this is a snapshot of, or ""
  std::string clone_of;     // key of the volume this is a clone of, or ""
};

// An SR, keyed by the URI in its configuration; that URI is also the `sr`
// string SR.attach returns and every later call passes.
struct Sr {
  std::string sr;
  std::string uuid;
  std::string name;
  std::string description;
  std::map<std::string, std::string> configuration;
  bool attached = false;
  std::int64_t total_space = 0;
  std::string health = "Healthy";  // control.ml health tag
  std::map<std::string, Volume> volumes;  // by key
};

// How a domain uses a datapath (data.ml Datapath: attach, then activate).
enum class Activation { none, read_write, read_only };

struct Datapath {
  std::string uri;
  bool persistent = true;
  std::map<std::string, Activation> domains;  // attached domains
  // Set only by a seeded state: the volume is active on another host, so
  // activating it here is refused with Activated_on_another_host.
  std::string activated_on_host;
};

// A Data.copy or Data.mirror operation.
struct Task {
  enum class Kind { copy, mirror };
  enum class State { running, cancelled };
  std::string id;
  Kind kind = Kind::copy;
  std::string uri;
  std::string domain;
  std::string remote;
  std::int64_t started_ms = 0;
  std::int64_t bytes = 0;  // copy: what the blocklist names
  State state = State::running;
  std::int64_t cancelled_ms = 0;  // when Data.cancel stopped it
};

struct Model {
  Limits limits;
  std::map<std::string, Sr> srs;             // by sr (URI)
  std::map<std::string, Datapath> datapaths;  // by volume URI
  std::map<std::string, Task> tasks;          // by id
  std::uint64_t next_volume = 1;
  std::uint64_t next_task = 1;
};

// Thrown by a handler to answer with an error; Storage::call catches it.
struct Refusal {
  StorageError error;
};

// An error the IDL declares, by its name.
[[noreturn]] void refuse(std::string_view code, std::string param);
// The generic backend error (see kBackendFailure in storage.h): where the IDL
// has no error of its own, `method` and a sentence saying what is wrong.
[[noreturn]] void backend_failure(std::string_view method, std::string message);

// A call's named arguments, read as the IDL types them. A missing or
// mistyped argument is refused the way rpclib's Python unmarshalling fails
// (UnmarshalException, naming the argument).
class Args {
 public:
  Args(const boost::json::object& args, const Limits& limits) : args_(args), limits_(limits) {}
  std::string string(std::string_view name) const;
  // The caller's debug context: a string, never kept, so not bounded here.
  void dbg() const;
  std::int64_t int64(std::string_view name) const;
  bool boolean(std::string_view name) const;
  // `(string * string) list`, which rpclib sends as a JSON object.
  std::map<std::string, std::string> string_map(std::string_view name) const;
  const boost::json::value& value(std::string_view name) const;
  [[noreturn]] void unmarshal_error(std::string_view name, std::string_view type, std::string_view why) const;
  const Limits& limits() const { return limits_; }

 private:
  const boost::json::object& args_;
  const Limits& limits_;
};

// Lookups that refuse with the IDL's errors.
Sr& existing_sr(Model& model, const std::string& sr);       // SR_does_not_exist
Sr& attached_sr(Model& model, const std::string& sr);       // ... or Sr_not_attached
Volume& existing_volume(Sr& sr, const std::string& key);    // Volume_does_not_exist
// The SR and volume a datapath URI names (Volume_does_not_exist, Sr_not_attached).
std::pair<Sr*, Volume*> volume_by_uri(Model& model, const std::string& uri);
std::int64_t used_space(const Sr& sr);
std::size_t volume_count(const Model& model);

// Wire records, as rpclib encodes them.
boost::json::value volume_record(const Volume& volume);
boost::json::value sr_stat_record(const Sr& sr);
boost::json::object string_map_json(const std::map<std::string, std::string>& map);

// Handlers: one per method, each answering its result or throwing Refusal.
using Handler = boost::json::value (*)(Model&, const Args&, SimulatedTime);
struct HandlerEntry {
  std::string_view wire_name;
  Handler handler;
};
const std::vector<HandlerEntry>& sr_handlers();
const std::vector<HandlerEntry>& volume_handlers();
const std::vector<HandlerEntry>& volume_cbt_handlers();
const std::vector<HandlerEntry>& datapath_handlers();
const std::vector<HandlerEntry>& data_handlers();

// The state as JSON and back (state_json.cpp).
boost::json::value model_to_json(const Model& model);
Model model_from_json(const boost::json::value& state, const Limits& limits);

}  // namespace smapi::mock::storage::detail
