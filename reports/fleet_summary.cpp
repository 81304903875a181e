#include "reports/fleet_summary.h"

#include "reports/detail/fleet_facts.h"
#include "reports/detail/text_safety.h"

#include <algorithm>
#include <string>
#include <string_view>

namespace smapi::reports {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBoldRed = "\x1b[1;31m";
constexpr std::string_view kBoldGreen = "\x1b[1;32m";
constexpr std::string_view kBoldYellow = "\x1b[1;33m";
// Longest plugin name and message shown, in bytes.
constexpr std::size_t kNameMaxBytes = 200;
constexpr std::size_t kMessageMaxBytes = 200;

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string_view verdict_colour(suites::Verdict verdict) {
  if (verdict == suites::Verdict::conformant) return kBoldGreen;
  if (verdict == suites::Verdict::non_conformant) return kBoldRed;
  return kBoldYellow;
}

// Up to kFleetSummaryIds IDs, then how many more.
class IdList {
 public:
  void add(std::string_view id) {
    if (++count_ <= kFleetSummaryIds) text_ += (text_.empty() ? "" : ", ") + detail::one_line(id, 128);
  }
  bool empty() const { return count_ == 0; }
  std::string text() const {
    return count_ > kFleetSummaryIds ? text_ + " and " + std::to_string(count_ - kFleetSummaryIds) + " more" : text_;
  }

 private:
  std::string text_;
  std::size_t count_ = 0;
};

// What follows a member's kind: why it could not be judged, or the
// requirements whose failure counts against it, then those that failed
// without deciding the verdict (a SHOULD under --fail-on must, a waiver).
std::string member_detail(const suites::FleetMember& member, suites::VerdictPolicy policy) {
  if (member.harness_error) return detail::one_line(*member.harness_error, kMessageMaxBytes);
  IdList deciding, other;
  for (const auto& result : member.run.results) {
    if (result.outcome != suites::Outcome::fail && result.outcome != suites::Outcome::error) continue;
    if (!result.requirement) continue;
    (detail::decides_verdict(result, policy) ? deciding : other).add(result.requirement->id);
  }
  std::string out = deciding.empty() ? "" : "fails " + deciding.text();
  if (!other.empty()) out += (out.empty() ? "" : "; ") + std::string("also fails, not counted: ") + other.text();
  return out;
}

}  // namespace

void print_fleet_summary(std::ostream& out, const suites::FleetResult& fleet, bool colour) {
  const auto paint = [&](std::string_view code, const std::string& text) {
    return colour ? std::string(code) + text + std::string(kReset) : text;
  };
  out << "smapi-conform";
  if (!fleet.tool_version.empty()) out << ' ' << detail::one_line(fleet.tool_version, 64);
  out << ": " << fleet.members.size() << (fleet.members.size() == 1 ? " plugin" : " plugins") << " judged of "
      << fleet.discovered.size() << " discovered";
  if (fleet.shard) out << " (shard " << fleet.shard->index << '/' << fleet.shard->count << ')';
  out << '\n';

  std::size_t name_width = 0;
  for (const auto& member : fleet.members)
    name_width = std::max(name_width, detail::one_line(member.name, kNameMaxBytes).size());
  for (const auto& member : fleet.members) {
    const auto verdict = suites::member_verdict(member);
    const auto& subject = member.run.observations.subject;
    const auto detail_text = member_detail(member, fleet.policy);
    out << paint(verdict_colour(verdict), padded(std::string(suites::to_string(verdict)), 14)) << "  "
        << padded(detail::one_line(member.name, kNameMaxBytes), name_width) << "  (" << suites::to_string(subject.kind)
        << ", " << suites::to_string(subject.transport) << ')' << (detail_text.empty() ? "" : "  ") << detail_text
        << '\n';
  }
  if (fleet.interruption)
    out << "interrupted: " << suites::signal_name(fleet.interruption->signal)
        << "; the runs in flight were stopped, plugins not started are not judged\n";
  out << "verdict: " << paint(verdict_colour(fleet.verdict), std::string(suites::to_string(fleet.verdict))) << '\n';
}

}  // namespace smapi::reports
