#include "harness/plan_command.h"

#include "suites/xapi_features.h"

#include <algorithm>
#include <array>
#include <sstream>

namespace smapi::harness {
namespace {

// What a run would do with a requirement, and the words for it: judge it,
// leave it out (not selected), or skip it as not applicable to the subject;
// one that needs a feature is judged only when the plugin's Plugin.query
// answer declares it, which the plan cannot know.
struct Fate {
  enum Kind { judged, not_selected, not_applicable };
  Kind kind = judged;
  std::string text;
};

Fate fate(const suites::Requirement& requirement, const suites::RunSubject& subject) {
  if (const auto it = subject.not_selected.find(requirement.id); it != subject.not_selected.end())
    return {Fate::not_selected, "not selected: " + it->second};
  if (const auto reason = not_applicable_to(requirement, subject)) return {Fate::not_applicable, "skip: " + *reason};
  if (!requirement.applies.feature.empty())
    return {Fate::judged,
            "judge, if Plugin.query declares " + std::string(suites::xapi_feature_name(requirement.applies.feature))};
  return {Fate::judged, "judge"};
}

std::string padded(std::string_view text, std::size_t width) {
  std::string out(text);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

}  // namespace

std::string render_plan(const suites::RunSubject& subject, const CallPlan& plan,
                        std::span<const suites::Requirement> catalogue) {
  std::ostringstream out;
  out << "plan for " << subject.target << ": " << suites::to_string(subject.kind) << " plugin, "
      << suites::to_string(subject.transport) << ", profile " << suites::to_string(subject.profile) << ", seed "
      << subject.seed << "\n";

  out << "\ncalls, in order (" << plan.calls.size() << "):\n";
  const auto width = std::to_string(plan.calls.size()).size();
  for (std::size_t i = 0; i < plan.calls.size(); ++i) {
    const auto& call = plan.calls[i];
    const auto number = std::to_string(i + 1);
    out << "  " << std::string(width - number.size(), ' ') << number << "  ";
    if (call.method_from_seed) out << "Plugin.* ";
    out << call.label;
    if (call.group > 0) out << "  [made at once with the others of its group]";
    if (call.method_from_seed) out << "  [method picked by the seed among those answered]";
    out << "\n";
  }
  out << "A method whose call times out, passes the output limit or cannot be made gets no\n"
         "further calls, so a run can make fewer.\n";

  std::size_t id_width = 0;
  for (const auto& requirement : catalogue) id_width = std::max(id_width, requirement.id.size());
  std::array<std::size_t, 3> counts{};
  std::ostringstream rows;
  for (const auto& requirement : catalogue) {
    const auto what = fate(requirement, subject);
    ++counts[what.kind];
    rows << "  " << padded(requirement.id, id_width) << "  " << padded(suites::to_string(requirement.level), 6) << "  "
         << padded(requirement.area, 11) << "  " << what.text << "\n";
  }
  out << "\nrequirements (" << catalogue.size() << "): " << counts[Fate::judged] << " to judge, "
      << counts[Fate::not_selected] << " not selected, " << counts[Fate::not_applicable] << " not applicable\n"
      << rows.str();
  return out.str();
}

}  // namespace smapi::harness
