#pragma once
// One call of a storage method (SR.*, Volume.*, Datapath.*, Data.*), or of a
// Plugin method, decided the way every transport decides it: the engine's
// rules first (a rule's answer or fault wins when it applies), the in-memory
// storage for what they leave. Pure: the transports encode the decision and
// carry out its fault.

#include "mock_plugin/engine.h"
#include "mock_plugin/storage/storage.h"

#include <boost/json/value.hpp>

#include "contract/method.h"

#include <string_view>

namespace smapi::mock {

// The decision for a call of `wire_name` (storage::Storage::knows it). When
// the rules leave the answer to the storage, the storage answers and the
// decision becomes Kind::result or Kind::error (an IDL error by its code,
// e.g. ["Sr_not_attached", "<sr>"] once encoded), keeping the rule's fault.
// A step with "restart" then makes the storage forget its attached SRs
// (storage::Storage::forget_attached).
Decision answer_storage_call(Engine& engine, storage::Storage& storage, std::string_view wire_name,
                             const boost::json::value& args, storage::SimulatedTime now);

// The decision for a call of a Plugin method: the engine's, where Plugin.ls
// is left to the storage (its from_storage answer, the default) made a
// result listing storage.attached_srs(), with the rule's faults kept.
Decision answer_plugin_call(Engine& engine, const storage::Storage& storage, contract::Method method,
                            const boost::json::value& args);

}  // namespace smapi::mock
