// Uses the installed smapi-mock package: starts an embedded mock and lays out
// an exec plugin directory, then runs its Plugin.ls the way xapi does.
#include "mock_plugin/embedded.h"

#include <cstdio>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  auto mock = smapi::mock::EmbeddedMock::from_json(R"({"methods":{"Plugin.ls":{"result":["sr-9"]}}})");
  std::printf("url %s\n", mock->url().c_str());
  smapi::mock::EmbeddedMockOptions options;
  options.config = mock->config();
  options.mock_binary = SMAPI_MOCK_EXECUTABLE;
  smapi::mock::EmbeddedMock with_binary(options);
  const std::filesystem::path dir = with_binary.make_plugin_dir(argv[1]);
  const std::string command = "printf '{\"dbg\":\"consumer\"}' | '" + (dir / "Plugin.ls").string() + "' --json";
  FILE* out = popen(command.c_str(), "r");
  char line[256] = {};
  if (out == nullptr || std::fgets(line, sizeof line, out) == nullptr) return 1;
  std::printf("Plugin.ls %s", line);
  return pclose(out) == 0 && std::string(line) == "[\"sr-9\"]\n" ? 0 : 1;
}
