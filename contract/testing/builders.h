#pragma once
// Test-only builders of method arguments, shared by the codec tests.

#include <boost/json/object.hpp>

#include <string_view>

namespace smapi::contract::testing {

// The arguments {"dbg": value}.
inline boost::json::object dbg_args(std::string_view value) {
  boost::json::object args;
  args["dbg"] = value;
  return args;
}

}  // namespace smapi::contract::testing
