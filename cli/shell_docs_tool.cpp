// smapi-shell-docs OUTDIR: writes the man pages and the bash completions of
// smapi-conform and smapi-mock from their command tables (the source of their
// --help), the requirement catalogue and the mutants:
//
//   OUTDIR/man/man1/smapi-conform.1            OUTDIR/man/man1/smapi-mock.1
//   OUTDIR/bash-completion/completions/smapi-conform, .../smapi-mock
//
// A build-time tool (cli/shell_docs.cmake runs it into build/share), not
// installed. It is the one place that knows both programs; the renderers
// (man_page.h, bash_completion.h) know neither.

#include "cli/bash_completion.h"
#include "cli/man_page.h"
#include "harness/command_tables.h"
#include "mock_plugin/command_tables.h"
#include "mock_plugin/mutants.h"
#include "suites/catalogue.h"

#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#ifndef SMAPI_VERSION
#error "SMAPI_VERSION must be defined by the build"
#endif

namespace {

namespace fs = std::filesystem;
using namespace smapi;

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

cli::CompletionWords completion_words() {
  cli::CompletionWords words;
  for (const auto& requirement : suites::catalogue()) words.requirement_ids.emplace_back(requirement.id);
  for (const auto& mutant : mock::mutants()) words.mutants.emplace_back(mutant.name);
  return words;
}

void write_program(const fs::path& out_dir, const cli::Program& program, const std::string& see_also,
                   const cli::CompletionWords& words) {
  const std::string name(program.name);
  const cli::ManPageInfo info{.version = SMAPI_VERSION, .see_also = {see_also}};
  write_file(out_dir / "man" / "man1" / (name + ".1"), cli::render_man_page(program, info));
  write_file(out_dir / "bash-completion" / "completions" / name, cli::render_bash_completion(program, words));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: smapi-shell-docs OUTDIR\n";
    return 2;
  }
  try {
    const fs::path out_dir = argv[1];
    const cli::CompletionWords words = completion_words();
    write_program(out_dir, harness::conform_program(), "smapi-mock(1)", words);
    write_program(out_dir, mock::mock_program(), "smapi-conform(1)", words);
  } catch (const std::exception& error) {
    std::cerr << "smapi-shell-docs: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
