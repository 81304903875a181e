#pragma once
// A plugin the harness can call, whatever its transport.

#include "contract/method.h"
#include "suites/observation.h"

#include <boost/json/object.hpp>

namespace smapi::harness {

class Target {
 public:
  virtual ~Target() = default;

  // Makes one call and records everything about it: the bytes sent, how the
  // transport ended, the raw answer and its decoding. Never throws for
  // anything the plugin does.
  virtual suites::CallObservation call(contract::Method method, const boost::json::object& args) = 0;
};

}  // namespace smapi::harness
