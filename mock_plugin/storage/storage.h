#pragma once
// The in-memory storage behind smapi-mock's SR, Volume, Datapath and Data
// methods: the whole xapi-storage interface (xen-api
// ocaml/xapi-storage/generator/lib/control.ml and data.ml), stateful. Pure:
// arguments in, result or IDL error out, no I/O; the transports (JSON-RPC,
// XML-RPC, exec) encode what it answers, and exec mode saves its state.
//
// This header is the seam between the storage model (mock_plugin/storage/)
// and the transports; keep its signatures stable.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock::storage {

// The generic backend error code. control.ml declares its own errors for SR
// and Volume (Sr_not_attached, SR_does_not_exist, Volume_does_not_exist,
// Unimplemented, Cancelled, Activated_on_another_host); data.ml's Datapath
// and Data declare only Unimplemented (common.ml exnt). Where the IDL has no
// error for a refusal (a datapath used out of order, an argument of the wrong
// type, a full SR, a limit reached) the model answers the form the IDL's
// Python library gives any other failure (xen-api
// ocaml/xapi-storage/python/xapi/__init__.py, handle_exception):
// SR_BACKEND_FAILURE with params [what failed, message], which
// xapi-storage-script (main.ml) turns into a Backend_error. Transports encode
// an error with this code as it is, not as an IDL exception.
inline constexpr std::string_view kBackendFailure = "SR_BACKEND_FAILURE";

// The URI scheme of every volume's URI, so a plugin directory's datapath
// plugin is named after it (xapi-storage-script picks the datapath plugin
// by the scheme of a volume's URI).
inline constexpr std::string_view kDatapathScheme = "mock";

// Bounds on what a client can make the model hold. At a limit the call is
// refused with kBackendFailure naming the limit. With the defaults the
// state stays under about 100 MB: max_volumes x (name, description and
// max_keys_per_volume key/value pairs, each at most max_string_bytes: 68 MB),
// plus domains of datapaths (16 MB), SR configurations (4 MB) and tasks.
struct Limits {
  std::size_t max_srs = 64;
  std::size_t max_volumes = 1024;            // over all SRs
  std::size_t max_keys_per_volume = 32;      // Volume.set pairs
  std::size_t max_configuration_entries = 32;  // SR configuration pairs
  std::size_t max_domains_per_datapath = 16;
  std::size_t max_tasks = 256;               // Data operations kept until Data.destroy
  std::size_t max_string_bytes = 1024;       // any name, description, key, value, URI
  std::size_t max_copy_ranges = 4096;        // Data.copy blocklist ranges
  std::size_t max_changed_blocks_bitmap_bytes = 1 << 20;  // list_changed_blocks
  std::int64_t sr_total_space = std::int64_t{1} << 40;  // a new SR's size: 1 TiB
  // Data.copy progress: bytes copied per simulated second.
  std::int64_t copy_bytes_per_second = std::int64_t{100} << 20;
};

// An error the IDL declares, by its own name ("Sr_not_attached",
// "Volume_does_not_exist", "Activated_on_another_host", "Unimplemented",
// ...) with its arguments; or kBackendFailure where the IDL declares none.
// Never another name.
struct StorageError {
  std::string code;
  std::vector<std::string> params;
  friend bool operator==(const StorageError&, const StorageError&) = default;
};

// The answer to one call: a result, or an IDL error.
struct StorageReply {
  boost::json::value result;          // null when error is set
  std::unique_ptr<StorageError> error;  // set for an error
};

// Simulated time, for Data.copy/mirror progress: milliseconds since the
// storage was created. The transports pass the wall clock; tests step it.
using SimulatedTime = std::chrono::milliseconds;

// Not thread-safe: a transport serving calls concurrently serialises them.
class Storage {
 public:
  Storage();
  explicit Storage(const Limits& limits);
  ~Storage();
  Storage(Storage&&) noexcept;
  Storage& operator=(Storage&&) noexcept;

  // Whether `wire_name` ("SR.create", "Volume.snapshot", "Datapath.attach",
  // "Data.copy", ...) is a method of the IDL's SR, Volume, Datapath or Data
  // interfaces. Plugin.* methods are not (the behaviour engine answers those).
  static bool knows(std::string_view wire_name);

  // Every method `knows` accepts, in the IDL's order.
  static const std::vector<std::string_view>& methods();

  // Answers one call. `args` are the named arguments as rpclib sends them
  // (dbg included); a missing or mistyped argument is an error naming it.
  StorageReply call(std::string_view wire_name, const boost::json::object& args, SimulatedTime now);

  // The whole state (SRs, volumes, datapaths, tasks) as JSON, for
  // GET /_mock/state and exec mode's state file.
  boost::json::value to_json() const;
  // Replaces the state with one to_json wrote (or a user seeded). Throws
  // std::invalid_argument naming the JSON path of what is wrong; the state is
  // unchanged then.
  void load(const boost::json::value& state);
  // Forgets every SR, volume, datapath and task.
  void reset();
  // Detaches every SR, as a plugin that restarted and kept only what is on
  // disk would have: later calls on their volumes get Sr_not_attached until
  // SR.attach.
  void forget_attached();
  // The SRs attached now, by the name SR.attach gave them (their URI), in
  // byte order: what Plugin.ls lists (xen-api
  // ocaml/xapi-storage/generator/lib/plugin.ml, ls: "a list of attached SRs").
  // An SR is there once, however often it was attached.
  std::vector<std::string> attached_srs() const;

  const Limits& limits() const;

 private:
  struct Model;
  std::unique_ptr<Model> model_;
};

}  // namespace smapi::mock::storage
