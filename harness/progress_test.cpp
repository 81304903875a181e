// The progress line: what it writes when enabled, nothing when not.

#include "harness/progress.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace smapi::harness {
namespace {

TEST(ProgressLine, RewritesOneLineAndClearsIt) {
  std::ostringstream out;
  {
    ProgressLine line(out, true);
    line.update(1, 31, "Plugin.query");
    line.update(12, 31, "Plugin.query #4");
    line.clear();
  }
  EXPECT_EQ(out.str(), "\r\x1b[K1/31 Plugin.query\r\x1b[K12/31 Plugin.query #4\r\x1b[K");
}

TEST(ProgressLine, DisabledWritesNothing) {
  std::ostringstream out;
  {
    ProgressLine line(out, false);
    line.update(1, 2, "Plugin.ls");
  }
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressLine, ClearsOnDestructionOnlyWhenSomethingWasShown) {
  std::ostringstream out;
  { ProgressLine line(out, true); }
  EXPECT_EQ(out.str(), "");
  { ProgressLine line(out, true); line.update(1, 1, "x"); }
  EXPECT_EQ(out.str(), "\r\x1b[K1/1 x\r\x1b[K");
}

TEST(ProgressLine, LongOrControlLabelsStayOnOneLine) {
  std::ostringstream out;
  ProgressLine line(out, true);
  line.update(3, 40, std::string(200, 'x') + "\n");
  const auto text = out.str();
  EXPECT_EQ(text.find('\n'), std::string::npos);
  EXPECT_EQ(text.size(), std::string("\r\x1b[K").size() + ProgressLine::kProgressLineWidth);
  std::ostringstream utf8;
  ProgressLine cut(utf8, true);
  cut.update(1, 1, std::string(ProgressLine::kProgressLineWidth - 6, 'a') + "\xc3\xa9\xc3\xa9");
  EXPECT_THAT(utf8.str(), ::testing::EndsWith("a\xc3\xa9"));  // never half a character
}

}  // namespace
}  // namespace smapi::harness
