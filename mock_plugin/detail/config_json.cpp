#include "mock_plugin/detail/config_json.h"

#include "contract/json_text.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <utility>
#include <vector>

namespace smapi::mock::detail {

namespace json = boost::json;

std::string member_path(std::string_view parent, std::string_view key) {
  bool plain = !key.empty();
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) plain = false;
  }
  std::string path(parent);
  if (plain) {
    path += '.';
    path += key;
  } else {
    path += '[';
    path += json::serialize(json::string(key));
    path += ']';
  }
  return path;
}

std::string got(const json::value& v) { return ", got " + contract::json_excerpt(v); }

bool is_answer_key(std::string_view key) {
  return key == "result" || key == "unimplemented" || key == "error" || key == "from_storage";
}

// Fills `out` from one answer member (result, unimplemented or error).
std::string parse_answer_member(std::string_view key, const json::value& payload,
                                const std::string& payload_path, Answer& out) {
  if (key == "result") {
    out = Answer::make_result(payload);
    return {};
  }
  if (key == "unimplemented") {
    if (!payload.is_bool() || !payload.get_bool()) return payload_path + ": expected true" + got(payload);
    out = Answer::make_unimplemented();
    return {};
  }
  if (key == "from_storage") {
    if (!payload.is_bool() || !payload.get_bool()) return payload_path + ": expected true" + got(payload);
    out = Answer::make_from_storage();
    return {};
  }
  if (key == "error") {
    const json::object* err = payload.if_object();
    if (err == nullptr) return payload_path + ": expected an object" + got(payload);
    std::string code;
    std::vector<std::string> params;
    bool have_code = false;
    for (const auto& [ekey, evalue] : *err) {
      const std::string epath = member_path(payload_path, ekey);
      if (ekey == "code") {
        // An empty code is allowed: the mock may be told to send a bad error.
        if (!evalue.is_string()) return epath + ": expected a string" + got(evalue);
        code = std::string(evalue.get_string());
        have_code = true;
      } else if (ekey == "params") {
        const json::array* arr = evalue.if_array();
        if (arr == nullptr) return epath + ": expected an array of strings" + got(evalue);
        for (std::size_t i = 0; i < arr->size(); ++i) {
          const json::value& p = (*arr)[i];
          if (!p.is_string())
            return epath + "[" + std::to_string(i) + "]: expected a string" + got(p);
          params.emplace_back(p.get_string());
        }
      } else {
        return "unknown key " + epath + " (expected code, params)";
      }
    }
    if (!have_code) return member_path(payload_path, "code") + ": missing (expected a string)";
    out = Answer::make_error(std::move(code), std::move(params));
    return {};
  }
  return payload_path + ": expected one of " + std::string(kAnswerKinds);
}

json::object answer_json(const Answer& a) {
  json::object answer;
  switch (a.kind) {
    case Answer::Kind::result: answer["result"] = a.result; break;
    case Answer::Kind::unimplemented: answer["unimplemented"] = true; break;
    case Answer::Kind::from_storage: answer["from_storage"] = true; break;
    case Answer::Kind::error: {
      json::array params;
      for (const auto& p : a.error.params) params.emplace_back(p);
      answer["error"] = json::object{{"code", a.error.code}, {"params", std::move(params)}};
      break;
    }
  }
  return answer;
}

}  // namespace smapi::mock::detail
