#pragma once
// A plugin the harness can call, whatever its transport.

#include "contract/method.h"
#include "harness/cancellation.h"
#include "suites/observation.h"

#include <boost/json/object.hpp>

#include <string_view>

namespace smapi::harness {

class Target {
 public:
  virtual ~Target() = default;

  // Makes one call and records everything about it: the bytes sent, how the
  // transport ended, the raw answer and its decoding. Never throws for
  // anything the plugin does.
  suites::CallObservation call(contract::Method method, const boost::json::object& args);

  // The same with the argument text given verbatim, where the argument
  // object would go (exec: stdin; JSON-RPC: inside params). Negative probes
  // send text that is not a valid argument object, or not JSON at all.
  virtual suites::CallObservation call_with_text(contract::Method method,
                                                 std::string_view args_text) = 0;

  // From now on, a call in flight ends early once `cancel` is requested
  // (nullptr: never). What such a call observed is not an answer: the run
  // loop drops it.
  void stop_calls_on(const Cancellation* cancel) { cancel_ = cancel; }

 protected:
  const Cancellation* cancel_ = nullptr;
};

}  // namespace smapi::harness
