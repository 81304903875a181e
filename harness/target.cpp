#include "harness/target.h"

#include "contract/json_text.h"

namespace smapi::harness {

suites::CallObservation Target::call(contract::Method method, const boost::json::object& args) {
  return call_with_text(method, contract::to_compact_json(boost::json::value(args)));
}

}  // namespace smapi::harness
