#include "harness/plan_command.h"

#include "suites/judge.h"
#include "suites/xapi_features.h"

#include <algorithm>
#include <sstream>

namespace smapi::harness {
namespace {

// What a run would do with a requirement: "judge", "not selected: ...",
// "skip: ..." (does not apply to this subject), or judged only when the
// plugin declares a feature, which only its Plugin.query answer tells.
std::string fate(const suites::Requirement& requirement, const suites::Observations& subject_only) {
  if (const auto it = subject_only.subject.not_selected.find(requirement.id);
      it != subject_only.subject.not_selected.end())
    return "not selected: " + it->second;
  auto without_feature = requirement;
  without_feature.applies.feature = {};
  if (const auto reason = suites::not_applicable_reason(without_feature, subject_only)) return "skip: " + *reason;
  if (!requirement.applies.feature.empty())
    return "judge, if Plugin.query declares " + std::string(suites::xapi_feature_name(requirement.applies.feature));
  return "judge";
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

  suites::Observations subject_only;
  subject_only.subject = subject;
  std::size_t id_width = 0;
  for (const auto& requirement : catalogue) id_width = std::max(id_width, requirement.id.size());
  std::size_t judged = 0, not_selected = 0, not_applicable = 0;
  std::ostringstream rows;
  for (const auto& requirement : catalogue) {
    const auto what = fate(requirement, subject_only);
    if (what.starts_with("not selected")) ++not_selected;
    else if (what.starts_with("skip")) ++not_applicable;
    else ++judged;
    rows << "  " << padded(requirement.id, id_width) << "  " << padded(suites::to_string(requirement.level), 6)
         << "  " << padded(requirement.area, 11) << "  " << what << "\n";
  }
  out << "\nrequirements (" << catalogue.size() << "): " << judged << " to judge, " << not_selected
      << " not selected, " << not_applicable << " not applicable\n"
      << rows.str();
  return out.str();
}

}  // namespace smapi::harness
