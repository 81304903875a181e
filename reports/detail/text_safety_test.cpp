#include "reports/detail/text_safety.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace smapi::reports::detail {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kFffd(kReplacementChar);

TEST(IsValidUtf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));                           // U+10FFFF
}

TEST(IsValidUtf8, RejectsIllFormedText) {
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("ab\xE2\x82"));        // cut short
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation
}

TEST(MakeSafe, KeepsValidTextUnchanged) {
  const SafeText safe = make_safe("caf\xC3\xA9", 100);
  EXPECT_EQ(safe.text, "caf\xC3\xA9");
  EXPECT_TRUE(safe.utf8_valid);
  EXPECT_EQ(safe.omitted_bytes, 0u);
}

TEST(MakeSafe, ReplacesEachMaximalInvalidSubsequenceOnce) {
  const SafeText safe = make_safe("a\xE2\x82" "b\xFF\xFE" "c", 100);
  EXPECT_EQ(safe.text, "a" + kFffd + "b" + kFffd + kFffd + "c");
  EXPECT_FALSE(safe.utf8_valid);
  EXPECT_TRUE(is_valid_utf8(safe.text));
}

TEST(MakeSafe, CutsAtTheLimitAndCountsOmittedBytes) {
  const SafeText safe = make_safe(std::string(100, 'a'), 10);
  EXPECT_EQ(safe.text, std::string(10, 'a') + "\xE2\x80\xA6[90 bytes omitted]");
  EXPECT_EQ(safe.omitted_bytes, 90u);
  EXPECT_TRUE(safe.utf8_valid);
}

TEST(MakeSafe, NeverSplitsACharacter) {
  const SafeText safe = make_safe("\xC3\xA9\xC3\xA9\xC3\xA9", 3);
  EXPECT_EQ(safe.text, "\xC3\xA9\xE2\x80\xA6[4 bytes omitted]");
  EXPECT_EQ(safe.omitted_bytes, 4u);
}

TEST(MakeSafe, ReadsOnlyWhatItKeeps) {
  const SafeText safe = make_safe("abcdef\xFF", 3);
  EXPECT_EQ(safe.text, "abc\xE2\x80\xA6[4 bytes omitted]");
  EXPECT_TRUE(safe.utf8_valid);  // the omitted \xFF is not read
}

TEST(MakeSafe, ReportsInvalidBytesInTheOmittedPartTheCallerKnowsOf) {
  const SafeText safe = make_safe("abcdef\xFF", 3, WholeField{7, false});
  EXPECT_EQ(safe.text, "abc\xE2\x80\xA6[4 bytes omitted]");
  EXPECT_FALSE(safe.utf8_valid);
}

TEST(MakeSafe, CountsTheBytesOfTheWholeFieldWhenHoldingItsStart) {
  const SafeText cut = make_safe("abcdef", 3, WholeField{1000, true});
  EXPECT_EQ(cut.text, "abc\xE2\x80\xA6[997 bytes omitted]");
  EXPECT_EQ(cut.omitted_bytes, 997u);
  // Everything held fits, but the whole did not: still marked as cut.
  const SafeText held = make_safe("abcdef", 100, WholeField{1000, true});
  EXPECT_EQ(held.text, "abcdef\xE2\x80\xA6[994 bytes omitted]");
  EXPECT_TRUE(held.utf8_valid);
}

// An excerpt of every 4 KiB of a 4 MiB single line, each as a report cuts a
// field: each call reads only what it keeps (the old one read the whole
// remainder each time, 2 GiB of reading here).
TEST(MakeSafe, ExcerptsOfAMultiMegabyteLine) {
  std::string line(4 * 1024 * 1024, 'a');
  line.back() = '\xFF';  // invalid, and never inside an excerpt
  for (std::size_t offset = 0; offset + 4096 < line.size(); offset += 4096) {
    const SafeText safe = make_safe(std::string_view(line).substr(offset), 64);
    ASSERT_EQ(safe.text, std::string(64, 'a') + "\xE2\x80\xA6[" +
                             std::to_string(line.size() - offset - 64) + " bytes omitted]");
    ASSERT_TRUE(safe.utf8_valid);
  }
  const SafeText whole = make_safe(line, 16, WholeField{line.size(), false});
  EXPECT_FALSE(whole.utf8_valid);
  EXPECT_EQ(whole.omitted_bytes, line.size() - 16);
}

TEST(MakeSafe, ZeroLimitKeepsNothing) {
  EXPECT_EQ(make_safe("xyz", 0).text, "\xE2\x80\xA6[3 bytes omitted]");
  EXPECT_EQ(make_safe("", 0).text, "");
}

TEST(XmlEscape, EscapesMarkupInText) {
  EXPECT_EQ(xml_escape("a<b>&\"c'\td\ne", false), "a&lt;b&gt;&amp;\"c'\td\ne");
}

TEST(XmlEscape, EscapesQuotesAndLineBreaksInAttributes) {
  EXPECT_EQ(xml_escape("a\"b'c\nd\te\rf", true), "a&quot;b&apos;c&#10;d&#9;e&#13;f");
}

TEST(XmlEscape, DropsCharactersXmlForbids) {
  EXPECT_EQ(xml_escape(std::string("a\x00" "b\x01\x1B[31mc\x7F", 11), false), "ab[31mc\x7F");
  EXPECT_EQ(xml_escape("x\xEF\xBF\xBEy\xEF\xBF\xBFz", false), "xyz");  // U+FFFE, U+FFFF
}

TEST(XmlEscape, ReplacesInvalidUtf8) {
  EXPECT_EQ(xml_escape("a\xFF" "b", false), "a" + kFffd + "b");
}

TEST(ShowControls, MakesControlCharactersVisible) {
  EXPECT_EQ(show_controls("\x1B[31mred\x07\tok\n\x7F"), "\\x1B[31mred\\x07\tok\n\\x7F");
  EXPECT_EQ(show_controls("bad\xC0"), "bad" + kFffd);
}

TEST(OneLine, KeepsTheFirstLineAndMarksTheCut) {
  EXPECT_EQ(one_line("first\nsecond", 100), "first\xE2\x80\xA6");
  EXPECT_EQ(one_line("only line\n", 100), "only line");
  EXPECT_EQ(one_line("abcdef", 4), "abcd\xE2\x80\xA6");
  EXPECT_EQ(one_line("a\tb\x1B", 100), "a\\x09b\\x1B");
  EXPECT_THAT(one_line("\xE2\x82\xAC\xE2\x82\xAC", 4), Not(HasSubstr("\xE2\x82\xE2")));
  EXPECT_EQ(one_line("\xE2\x82\xAC\xE2\x82\xAC", 4), "\xE2\x82\xAC\xE2\x80\xA6");
}

}  // namespace
}  // namespace smapi::reports::detail
