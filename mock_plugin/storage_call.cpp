#include "mock_plugin/storage_call.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <exception>
#include <memory>
#include <utility>

namespace smapi::mock {
namespace {

namespace json = boost::json;

void detach_all(json::value& srs) {
  auto detach = [](json::value& sr) {
    if (json::object* o = sr.if_object(); o != nullptr && o->contains("attached")) (*o)["attached"] = false;
  };
  if (json::object* by_uri = srs.if_object()) {
    for (auto& [uri, sr] : *by_uri) detach(sr);
  } else if (json::array* list = srs.if_array()) {
    for (json::value& sr : *list) detach(sr);
  }
}

}  // namespace

void forget_attached_srs(storage::Storage& storage) {
  json::value state = storage.to_json();
  json::object* root = state.if_object();
  json::value* srs = root != nullptr ? root->if_contains("srs") : nullptr;
  if (srs == nullptr) return;
  detach_all(*srs);
  try {
    storage.load(state);
  } catch (const std::exception&) {
    // The storage's own dump with a flag cleared: load() keeps the state
    // unchanged if it ever refuses it, which is the safe outcome here.
  }
}

Decision answer_storage_call(Engine& engine, storage::Storage& storage, std::string_view wire_name,
                             const json::value& args, storage::SimulatedTime now) {
  Decision d = engine.decide(wire_name, args);
  if (d.to_storage) {
    d.to_storage = false;
    // decide() accepted the arguments: an object with a string dbg.
    storage::StorageReply reply = storage.call(wire_name, args.get_object(), now);
    if (reply.error) {
      d.kind = Decision::Kind::error;
      d.answer = std::make_shared<const Answer>(
          Answer::make_error(std::move(reply.error->code), std::move(reply.error->params)));
    } else {
      d.kind = Decision::Kind::result;
      d.answer = std::make_shared<const Answer>(Answer::make_result(std::move(reply.result)));
    }
  }
  if (d.fault.restart && d.kind != Decision::Kind::bad_arguments) forget_attached_srs(storage);
  return d;
}

}  // namespace smapi::mock
