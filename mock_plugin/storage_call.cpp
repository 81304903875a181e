#include "mock_plugin/storage_call.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <memory>
#include <utility>

namespace smapi::mock {

namespace json = boost::json;

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
  if (d.fault.restart && d.kind != Decision::Kind::bad_arguments) storage.forget_attached();
  return d;
}

Decision answer_plugin_call(Engine& engine, const storage::Storage& storage, contract::Method method,
                            const json::value& args) {
  Decision d = engine.decide(method, args);
  if (!d.to_storage) return d;
  d.to_storage = false;
  json::array srs;
  for (std::string& sr : storage.attached_srs()) srs.emplace_back(std::move(sr));
  d.answer = std::make_shared<const Answer>(Answer::make_result(std::move(srs)));
  return d;
}

}  // namespace smapi::mock
