#include "reports/detail/markdown_text.h"

#include <gtest/gtest.h>

namespace smapi::reports::detail {
namespace {

TEST(MarkdownInline, LeavesWhatMarkdownWouldNotActOnAlone) {
  EXPECT_EQ(markdown_inline("VDI_DELETE my_plugin_v2 snake_case_name"), "VDI_DELETE my_plugin_v2 snake_case_name");
  EXPECT_EQ(markdown_inline("a * b, a _ b, a ~ b, 50% (x) \"q\" 'q' #1 a > b {c} ! + - ="),
            "a * b, a _ b, a ~ b, 50% (x) \"q\" 'q' #1 a > b {c} ! + - =");
  EXPECT_EQ(markdown_inline("R&D & co"), "R&D & co");
}

TEST(MarkdownInline, EscapesEmphasisThatCouldOpenOrClose) {
  EXPECT_EQ(markdown_inline("*a*"), "\\*a\\*");
  EXPECT_EQ(markdown_inline("**a**"), "\\*\\*a\\*\\*");
  EXPECT_EQ(markdown_inline("_a_"), "\\_a\\_");
  EXPECT_EQ(markdown_inline("2*3*4"), "2\\*3\\*4");     // '*' emphasises inside a word
  EXPECT_EQ(markdown_inline("~~gone~~"), "\\~\\~gone\\~\\~");
  EXPECT_EQ(markdown_inline("(_a_)"), "(\\_a\\_)");
  EXPECT_EQ(markdown_inline("x_\u00e9_y"), "x\\_\u00e9\\_y");  // a non-ASCII neighbour: escaped, to be safe
}

TEST(MarkdownInline, EscapesWhatOpensHtmlLinksCodeAndCells) {
  EXPECT_EQ(markdown_inline("<img src=x>"), "\\<img src=x>");
  EXPECT_EQ(markdown_inline("[a](b) ![c](d)"), "\\[a\\](b) !\\[c\\](d)");
  EXPECT_EQ(markdown_inline("`x` a|b \\"), "\\`x\\` a\\|b \\\\");
  EXPECT_EQ(markdown_inline("&amp; &#60;"), "\\&amp; \\&#60;");
}

TEST(MarkdownInline, EscapesWhatGfmWouldLinkByItself) {
  EXPECT_EQ(markdown_inline("see http://e.invalid/x or www.e.invalid"), "see http\\://e.invalid/x or www\\.e.invalid");
  EXPECT_EQ(markdown_inline("a: b, 10:30, x.y"), "a: b, 10:30, x.y");
}

TEST(MarkdownParagraph, EscapesWhatWouldStartABlock) {
  EXPECT_EQ(markdown_paragraph("# h"), "\\# h");
  EXPECT_EQ(markdown_paragraph("> q"), "\\> q");
  EXPECT_EQ(markdown_paragraph("- item"), "\\- item");
  EXPECT_EQ(markdown_paragraph("* item"), "\\* item");
  EXPECT_EQ(markdown_paragraph("___"), "\\___");
  EXPECT_EQ(markdown_paragraph("12. item"), "12\\. item");
  EXPECT_EQ(markdown_paragraph("3) item"), "3\\) item");
  EXPECT_EQ(markdown_paragraph("    code"), "code");
  EXPECT_EQ(markdown_paragraph("2024 was fine"), "2024 was fine");
}

TEST(MarkdownCodeSpan, FencesLongerThanAnyRunInside) {
  EXPECT_EQ(markdown_code_span("", false), "");
  EXPECT_EQ(markdown_code_span("a_b*c <x>", false), "`a_b*c <x>`");
  EXPECT_EQ(markdown_code_span("a`b", false), "``a`b``");
  EXPECT_EQ(markdown_code_span("a``b`", false), "``` a``b` ```");
  EXPECT_EQ(markdown_code_span(" x ", false), "`  x  `");  // GFM strips one space each side
  EXPECT_EQ(markdown_code_span("   ", false), "`   `");
}

TEST(MarkdownCodeSpan, EscapesPipesOnlyInATable) {
  EXPECT_EQ(markdown_code_span("a | b", false), "`a | b`");
  EXPECT_EQ(markdown_code_span("a | b", true), "`a \\| b`");
}

}  // namespace
}  // namespace smapi::reports::detail
