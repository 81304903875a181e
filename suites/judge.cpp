#include "suites/judge.h"

#include "suites/catalogue.h"
#include "suites/detail/areas.h"
#include "suites/xapi_features.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace smapi::suites {
namespace {

unsigned transport_bit(Transport transport) {
  switch (transport) {
    case Transport::exec: return kExecTransport;
    case Transport::jsonrpc_v1:
    case Transport::jsonrpc_v2: return kJsonRpcTransport;
    case Transport::xmlrpc: return kXmlRpcTransport;
  }
  return 0;
}

// "exec plugins", "JSON-RPC and XML-RPC targets": the transports of a mask, in words.
std::string transports_in_words(unsigned mask) {
  std::vector<std::string> names;
  if (mask & kExecTransport) names.emplace_back("exec plugins");
  if (mask & kJsonRpcTransport) names.emplace_back("JSON-RPC");
  if (mask & kXmlRpcTransport) names.emplace_back("XML-RPC");
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
    text += names[i];
  }
  if (!(mask & kExecTransport) && !names.empty()) text += " targets";
  return text;
}

// The names the plugin's first Plugin.query result declares in `features`,
// renamed as xapi renames them and without versions; nullopt when there is
// no readable features list.
std::optional<std::vector<std::string>> declared_features(const Observations& observations) {
  const auto* call = observations.first(contract::Method::query);
  if (!call || call->delivery != Delivery::answered ||
      call->reply.kind != contract::Reply::Kind::result)
    return std::nullopt;
  const auto* query = call->reply.result.if_object();
  if (!query) return std::nullopt;
  const auto* value =
      detail::find_key(*query, "features", detail::view_for(observations.subject.profile));
  const auto* list = value ? value->if_array() : nullptr;
  if (!list) return std::nullopt;
  std::vector<std::string> names;
  for (const auto& item : *list)
    if (const auto* text = item.if_string())
      if (const auto feature = parse_feature(*text))
        names.emplace_back(xapi_feature_name(feature->name));
  return names;
}

}  // namespace

std::optional<std::string> not_applicable_reason(const Requirement& requirement,
                                                 const Observations& observations) {
  const auto& applies = requirement.applies;
  const auto& subject = observations.subject;
  if (!(applies.transports & transport_bit(subject.transport)))
    return "applies to " + transports_in_words(applies.transports) + " only";
  if (subject.kind == PluginKind::volume && !applies.volume)
    return std::string("applies to Datapath plugins only");
  if (subject.kind == PluginKind::datapath && !applies.datapath)
    return std::string("applies to Volume plugins only");
  if (!applies.feature.empty()) {
    const std::string wanted(xapi_feature_name(applies.feature));
    const auto declared = declared_features(observations);
    if (!declared)
      return "the plugin does not declare " + wanted + " (Plugin.query gave no features list)";
    if (std::find(declared->begin(), declared->end(), wanted) == declared->end())
      return "the plugin does not declare " + wanted;
  }
  return std::nullopt;
}

std::vector<RequirementResult> judge(const Observations& observations) {
  detail::Results results;
  detail::check_query(observations, results);
  detail::check_ls(observations, results);
  detail::check_diagnostics(observations, results);
  detail::check_errors(observations, results);
  detail::check_transport(observations, results);
  detail::check_robustness(observations, results);

  // Exactly one result per requirement, in catalogue order.
  const auto requirements = catalogue();
  auto& all = results.all();
  const auto position = [&](const RequirementResult& result) {
    return result.requirement - requirements.data();
  };
  std::stable_sort(all.begin(), all.end(),
                   [&](const auto& a, const auto& b) { return position(a) < position(b); });
  if (all.size() != requirements.size())
    throw std::logic_error("judge produced " + std::to_string(all.size()) + " results for " +
                           std::to_string(requirements.size()) + " requirements");
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].requirement != &requirements[i])
      throw std::logic_error("no single result for " + std::string(requirements[i].id));
    if (auto reason = not_applicable_reason(requirements[i], observations))
      all[i] = RequirementResult{&requirements[i], Outcome::skip, std::move(*reason), {}, {}};
  }
  return std::move(all);
}

}  // namespace smapi::suites
