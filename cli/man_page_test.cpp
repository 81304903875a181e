// The man pages: roff escaping and the shape of a page from a small table,
// then the two pages the build wrote (build/share/man/man1), rendered by
// groff and man with every warning on: none may be printed, and the text
// must hold every command, flag, choice, default and exit status of the
// tables. The tables are walked, so a new flag cannot be missed.

#include "cli/man_page.h"
#include "fixtures/e2e/process.h"
#include "harness/command_tables.h"
#include "mock_plugin/command_tables.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>

namespace smapi::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

TEST(RoffEscape, GuardsWhatRoffWouldReadAsMarkup) {
  EXPECT_EQ(roff_escape(".ls is a request"), "\\&.ls is a request");
  EXPECT_EQ(roff_escape("'quoted' start"), "\\&'quoted' start");
  EXPECT_EQ(roff_escape("a\\b"), "a\\eb");
  EXPECT_EQ(roff_escape("--fail-on"), "\\-\\-fail\\-on");
  EXPECT_EQ(roff_escape("at most \xE2\x89\xA4 1 \xC3\xA9"), "at most \\[u2264] 1 \\[u00E9]");
  EXPECT_EQ(roff_escape("broken \xE2\x89"), "broken ??");
  EXPECT_EQ(roff_escape("mid.dle"), "mid.dle");
}

TEST(ExitStatuses, ReadsTheFootersListWithContinuationLines) {
  const auto statuses = exit_statuses(
      "exit status:\n"
      "  0    fine\n"
      "  130  stopped: the reports\n"
      "       are written\n"
      "\n"
      "  7  not a status: after a blank line");
  ASSERT_EQ(statuses.size(), 2u);
  EXPECT_EQ(statuses[0].code, "0");
  EXPECT_EQ(statuses[0].meaning, "fine");
  EXPECT_EQ(statuses[1].code, "130");
  EXPECT_EQ(statuses[1].meaning, "stopped: the reports are written");
  EXPECT_THAT(exit_statuses("no list here"), IsEmpty());
}

constexpr Flag kPageFlags[]{
    {.name = "--mode", .help = "how", .default_value = "fast", .choices = "fast|slow"},
    {.name = "--out", .value_name = "FILE", .help = "where\n\n.hidden would be a request", .required = true},
};
constexpr FlagGroup kPageGroups[]{{"options", kPageFlags}};
constexpr Positional kPageArgs[]{{"ID", "which one"}};
constexpr Command kPageCommand{.name = "go",
                               .summary = "do it",
                               .description = "Does it.\n\nFORMS:\n  a:X  the first\n  b:Y  the second\n  c:Z  ",
                               .positionals = kPageArgs,
                               .groups = kPageGroups,
                               .footer = "exit status:\n  0  done\n  2  usage error"};
constexpr const Command* kPageCommands[]{&kPageCommand};
constexpr EnvVar kPageEnv[]{{"PROG_HOME", "where it lives"}};
constexpr Program kPageProgram{.name = "prog",
                               .summary = "a program",
                               .description = "A program.",
                               .commands = kPageCommands,
                               .environment = kPageEnv};

TEST(RenderManPage, EverySectionFromTheTable) {
  const std::string page = render_man_page(kPageProgram, {.version = "1.2.3", .see_also = {"other(1)"}});
  EXPECT_THAT(page, StartsWith(".\\\" prog(1), generated"));
  EXPECT_THAT(page, HasSubstr("\n.TH \"PROG\" 1 \"\" \"smapi\\-conformance 1.2.3\" \"User Commands\"\n"));
  EXPECT_THAT(page, HasSubstr("\n.SH NAME\nprog \\- a program\n"));
  EXPECT_THAT(page, HasSubstr("\n.SH SYNOPSIS\n\\fBprog go\\fR \\fIID\\fR \\fB\\-\\-out\\fR \\fIFILE\\fR "
                              "[\\fIoptions\\fR]\n"));
  EXPECT_THAT(page, HasSubstr("\n.SS \"go\"\ndo it.\n"));
  // The FORMS lines of the description become a list.
  EXPECT_THAT(page, HasSubstr("FORMS:\n.TP\n\\fBa:X\\fR\nthe first\n.TP\n\\fBb:Y\\fR\nthe second\n.TP\n\\fBc:Z\\fR\n.PP"));
  EXPECT_THAT(page, Not(HasSubstr("\n\n")));  // a blank roff line is a paragraph break
  EXPECT_THAT(page, HasSubstr(".TP\n\\fB\\-\\-mode\\fR \\fBfast\\fR|\\fBslow\\fR\nhow (default fast)\n"));
  // A help line that starts with '.' is text, not a request.
  EXPECT_THAT(page, HasSubstr("where\n.br\n\\&.hidden would be a request (required)\n"));
  EXPECT_THAT(page, HasSubstr(".SH \"EXIT STATUS\"\n"));
  EXPECT_THAT(page, HasSubstr(".TP\n\\fB2\\fR\n\\fBgo\\fR: usage error\n"));
  EXPECT_THAT(page, HasSubstr(".SH ENVIRONMENT\n.TP\n\\fBPROG_HOME\\fR\nwhere it lives\n"));
  EXPECT_THAT(page, HasSubstr(".SH \"SEE ALSO\"\n\\fBother\\fR(1)\n"));
}

// Runs of white space as one space: roff refills the text.
std::string squeezed(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// What a flag's entry shows, as the rendered page spells it.
std::vector<std::string> flag_words(const Flag& flag) {
  std::vector<std::string> out{std::string(flag.name)};
  for (const auto choice : choices_of(flag)) out.emplace_back(choice);
  if (!flag.value_name.empty()) out.emplace_back(flag.value_name);
  if (!flag.default_value.empty()) out.push_back("(default " + std::string(flag.default_value) + ")");
  return out;
}

struct Page {
  std::string file;
  const Program& program;
};

std::vector<Page> built_pages() {
  const std::string dir = std::string(SMAPI_SHARE_BUILD_DIR) + "/man/man1/";
  return {{dir + "smapi-conform.1", harness::conform_program()}, {dir + "smapi-mock.1", mock::mock_program()}};
}

TEST(BuiltManPages, GroffFindsNothingToWarnAbout) {
  for (const auto& page : built_pages()) {
    SCOPED_TRACE(page.file);
    const auto groff = e2e::run({"/usr/bin/env", "groff", "-man", "-ww", "-z", page.file});
    EXPECT_EQ(groff.exit_status, 0);
    EXPECT_EQ(groff.err, "");
  }
}

TEST(BuiltManPages, ManRendersEveryCommandFlagAndExitStatusWithoutWarnings) {
  for (const auto& page : built_pages()) {
    SCOPED_TRACE(page.file);
    const auto man = e2e::run({"/usr/bin/env", "MANWIDTH=80", "LC_ALL=C", "MANPAGER=cat", "PAGER=cat", "man",
                               "--warnings=w", "-l", page.file});
    ASSERT_EQ(man.exit_status, 0) << man.err;
    EXPECT_EQ(man.err, "");
    const std::string text = squeezed(man.out);
    const std::string name(page.program.name);
    EXPECT_THAT(text, HasSubstr("NAME " + name + " - " + std::string(page.program.summary)));
    for (const auto* section : {"SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS", "SEE ALSO"})
      EXPECT_THAT(text, HasSubstr(std::string(" ") + section + " "));
    for (const auto& env : page.program.environment) EXPECT_THAT(text, HasSubstr(std::string(env.name)));

    // Each command's part runs from its heading and summary to the next command's.
    const std::size_t commands_at = text.find(" COMMANDS ");
    ASSERT_NE(commands_at, std::string::npos);
    std::vector<std::size_t> starts;
    for (const Command* command : page.program.commands) {
      const std::size_t at =
          text.find(" " + std::string(command->name) + " " + squeezed(std::string(command->summary)), commands_at);
      ASSERT_NE(at, std::string::npos) << command->name;
      starts.push_back(at);
    }
    starts.push_back(text.find(" OPTIONS ", commands_at));
    ASSERT_NE(starts.back(), std::string::npos);
    for (std::size_t i = 0; i < page.program.commands.size(); ++i) {
      const Command& command = *page.program.commands[i];
      SCOPED_TRACE(std::string(command.name));
      ASSERT_LT(starts[i], starts[i + 1]) << "commands out of table order";
      const std::string part = text.substr(starts[i], starts[i + 1] - starts[i]);
      EXPECT_THAT(part, HasSubstr(name + " " + std::string(command.name)));  // the usage line
      for (const auto& positional : command.positionals) EXPECT_THAT(part, HasSubstr(std::string(positional.name)));
      for (const auto& group : command.groups)
        for (const auto& flag : group.flags) {
          if (is_refused(command, flag.name)) continue;
          for (const auto& word : flag_words(flag)) EXPECT_THAT(part, HasSubstr(word)) << flag.name;
        }
      for (const auto& refusal : command.refused)
        EXPECT_THAT(part, HasSubstr(std::string(refusal.name) + " " + squeezed(std::string(refusal.reason))));
      const auto statuses = exit_statuses(command.footer);
      EXPECT_THAT(statuses, Not(IsEmpty())) << "a command's footer lists its exit statuses";
      for (const auto& status : statuses)
        EXPECT_THAT(part, HasSubstr(status.code + " " + squeezed(status.meaning)));
    }
  }
}

TEST(BuiltManPages, NoLineIsWiderThanTheTerminal) {
  for (const auto& page : built_pages()) {
    SCOPED_TRACE(page.file);
    const auto man = e2e::run({"/usr/bin/env", "MANWIDTH=80", "LC_ALL=C", "MANPAGER=cat", "man", "-l", page.file});
    std::size_t start = 0;
    while (start < man.out.size()) {
      const std::size_t end = std::min(man.out.find('\n', start), man.out.size());
      EXPECT_LE(end - start, 80u) << man.out.substr(start, end - start);
      start = end + 1;
    }
  }
}

}  // namespace
}  // namespace smapi::cli
