#pragma once
// Private to config.cpp: reading and writing a method's RULE list (the
// config v2 format described in config.h).

#include "mock_plugin/config.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace smapi::mock::detail {

// Fills `out` from a method's rule list at `path` ("$.methods.Plugin.ls");
// returns "" or a one-line error naming the JSON path of what was wrong.
std::string parse_rules(const boost::json::array& rules, const std::string& path,
                        std::vector<Rule>& out);

// One rule as config JSON; parse_rules reads it back to an equal rule.
boost::json::object rule_json(const Rule& rule);

}  // namespace smapi::mock::detail
