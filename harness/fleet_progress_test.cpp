#include "harness/fleet_progress.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace smapi::harness {
namespace {

TEST(FleetProgressText, CountsDoneAndNamesWhatRuns) {
  EXPECT_EQ(fleet_progress_text(3, 10, {"a", "b"}, 79), "plugins 3/10 done, running: a, b");
  EXPECT_EQ(fleet_progress_text(10, 10, {}, 79), "plugins 10/10 done");
  EXPECT_EQ(fleet_progress_text(0, 2, {"bad\nname"}, 79), "plugins 0/2 done, running: bad?name");
}

TEST(FleetProgressText, FitsTheWidth) {
  const std::string long_name(200, 'x');
  const auto text = fleet_progress_text(1, 2, {long_name}, 40);
  EXPECT_EQ(text.size(), 40U);
  EXPECT_EQ(text, "plugins 1/2 done, running: xxxxxxxxxx...");
  // A cut never splits a UTF-8 character.
  const auto utf8 = fleet_progress_text(0, 1, {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"}, 32);
  EXPECT_EQ(utf8, "plugins 0/1 done, running: \xc3\xa9...");
}

TEST(FleetProgressLine, RedrawsAsPluginsStartAndEndThenClears) {
  std::ostringstream out;
  {
    FleetProgressLine line(out, true, 2);
    line.started("volume/a");
    line.started("volume/b");
    line.finished("volume/a");
    line.clear();
  }
  EXPECT_EQ(out.str(),
            "\r\x1b[Kplugins 0/2 done, running: volume/a"
            "\r\x1b[Kplugins 0/2 done, running: volume/a, volume/b"
            "\r\x1b[Kplugins 1/2 done, running: volume/b"
            "\r\x1b[K");
}

TEST(FleetProgressLine, DisabledWritesNothing) {
  std::ostringstream out;
  {
    FleetProgressLine line(out, false, 1);
    line.started("a");
    line.finished("a");
  }
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace smapi::harness
