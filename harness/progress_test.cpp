// The progress line: the running call and its elapsed time against the
// timeout, redrawn once a second by an injected clock; nothing when disabled.

#include "harness/progress.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <thread>

namespace smapi::harness {
namespace {

using namespace std::chrono_literals;
using ::testing::EndsWith;

constexpr std::string_view kRewind = "\r\x1b[K";

// A clock the test moves by hand.
struct FakeClock {
  ProgressLine::Clock::time_point now{};
  std::function<ProgressLine::Clock::time_point()> function() {
    return [this] { return now; };
  }
};

TEST(ProgressLine, NamesTheRunningCallAndItsTimeAgainstTheTimeout) {
  std::ostringstream out;
  FakeClock clock;
  ProgressLine line(out, true, 30s, clock.function());
  line.started(3, 31, "Plugin.diagnostics");
  EXPECT_EQ(out.str(), "\r\x1b[K3/31 Plugin.diagnostics 0s/30s");
}

TEST(ProgressLine, TicksOnceAWholeSecondHasPassed) {
  std::ostringstream out;
  FakeClock clock;
  ProgressLine line(out, true, 30s, clock.function());
  line.started(3, 31, "Plugin.diagnostics");
  out.str("");
  clock.now += 400ms;
  line.tick();
  EXPECT_EQ(out.str(), "");  // still 0s: nothing redrawn
  clock.now += 700ms;
  line.tick();
  EXPECT_EQ(out.str(), "\r\x1b[K3/31 Plugin.diagnostics 1s/30s");
  out.str("");
  clock.now += 11s;
  line.tick();
  line.tick();
  EXPECT_EQ(out.str(), "\r\x1b[K3/31 Plugin.diagnostics 12s/30s");
}

TEST(ProgressLine, TheNextCallStartsFromZero) {
  std::ostringstream out;
  FakeClock clock;
  ProgressLine line(out, true, 2500ms, clock.function());
  line.started(1, 31, "Plugin.query");
  clock.now += 2s;
  line.tick();
  line.started(2, 31, "Plugin.ls");
  EXPECT_THAT(out.str(), EndsWith("\r\x1b[K1/31 Plugin.query 2s/2.5s\r\x1b[K2/31 Plugin.ls 0s/2.5s"));
}

TEST(ProgressLine, ClearedLineDoesNotTickAgain) {
  std::ostringstream out;
  FakeClock clock;
  ProgressLine line(out, true, 30s, clock.function());
  line.started(1, 1, "x");
  line.clear();
  line.clear();
  clock.now += 5s;
  line.tick();
  EXPECT_EQ(out.str(), "\r\x1b[K1/1 x 0s/30s\r\x1b[K");
}

TEST(ProgressLine, DisabledWritesNothing) {
  std::ostringstream out;
  FakeClock clock;
  {
    ProgressLine line(out, false, 30s, clock.function());
    line.started(1, 2, "Plugin.ls");
    clock.now += 3s;
    line.tick();
  }
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressLine, ClearsOnDestructionOnlyWhenSomethingWasShown) {
  std::ostringstream out;
  { ProgressLine line(out, true, 30s); }
  EXPECT_EQ(out.str(), "");
  { ProgressLine line(out, true, 30s); line.started(1, 1, "x"); }
  EXPECT_EQ(out.str(), "\r\x1b[K1/1 x 0s/30s\r\x1b[K");
}

TEST(ProgressLine, LongOrControlLabelsStayOnOneLineAndKeepTheTime) {
  std::ostringstream out;
  ProgressLine line(out, true, 30s);
  line.started(3, 40, std::string(200, 'x') + "\n");
  const auto text = out.str();
  EXPECT_EQ(text.find('\n'), std::string::npos);
  EXPECT_EQ(text.size(), kRewind.size() + ProgressLine::kProgressLineWidth);
  EXPECT_THAT(text, EndsWith("x 0s/30s"));
  std::ostringstream utf8;
  ProgressLine cut(utf8, true, 30s);
  // "1/1 " and " 0s/30s" leave 68 bytes: 67 'a' and half of the first 'é'.
  cut.started(1, 1, std::string(67, 'a') + "\xc3\xa9\xc3\xa9");
  EXPECT_THAT(utf8.str(), EndsWith("a 0s/30s"));  // never half a character
}

TEST(ProgressTicker, RedrawsTheLineOnItsOwnThread) {
  std::ostringstream out;
  std::atomic<int> readings{0};
  const auto start = ProgressLine::Clock::time_point{};
  // Every reading after the first (the call's start) is 7 s later.
  ProgressLine line(out, true, 30s, [&] { return readings++ == 0 ? start : start + 7s; });
  line.started(2, 31, "Plugin.ls");
  {
    ProgressTicker ticker(line, 1ms);
    while (readings.load() < 2) std::this_thread::yield();
  }
  EXPECT_THAT(out.str(), EndsWith("\r\x1b[K2/31 Plugin.ls 7s/30s"));
}

}  // namespace
}  // namespace smapi::harness
