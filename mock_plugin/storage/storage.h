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
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock::storage {

// An error the IDL declares, by its own name ("Sr_not_attached",
// "Volume_does_not_exist", "Activated_on_another_host", "Unimplemented",
// ...) with its arguments. Never a name the IDL does not declare.
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

class Storage {
 public:
  Storage();
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

 private:
  struct Model;
  std::unique_ptr<Model> model_;
};

}  // namespace smapi::mock::storage
