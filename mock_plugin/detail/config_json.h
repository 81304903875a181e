#pragma once
// Private to config.cpp and detail/config_rules.cpp: JSON path wording for
// config errors, and reading and writing one ANSWER.

#include "mock_plugin/config.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace smapi::mock::detail {

// The answer keys, as error messages list them.
inline constexpr std::string_view kAnswerKinds = "result, unimplemented, error, from_storage";

// "$.methods" + "Plugin.ls" -> "$.methods.Plugin.ls"; keys that are not
// plain words are quoted: $.methods["a b"].
std::string member_path(std::string_view parent, std::string_view key);

// ", got <excerpt of v>" for error messages.
std::string got(const boost::json::value& v);

// Whether the key is one of result, unimplemented, error, from_storage.
bool is_answer_key(std::string_view key);

// Fills `out` from one answer member (result, unimplemented, error or
// from_storage) found
// at payload_path; returns an error text or "".
std::string parse_answer_member(std::string_view key, const boost::json::value& payload,
                                const std::string& payload_path, Answer& out);

// The answer as its one-member config object.
boost::json::object answer_json(const Answer& answer);

}  // namespace smapi::mock::detail
