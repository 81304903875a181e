// Fuzz target: an exec plugin's stdout, under each way it can end
// (contract::decode_exec_reply). The first byte picks the exit: 0 exited 0,
// 1 exited 1, 2 signalled; the rest is stdout.
#include "contract/exec_codec.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  smapi::contract::ExecExit exit;
  switch (data[0] % 3) {
    case 0: exit = {smapi::contract::ExecExit::How::exited, 0}; break;
    case 1: exit = {smapi::contract::ExecExit::How::exited, 1}; break;
    default: exit = {smapi::contract::ExecExit::How::signalled, 9}; break;
  }
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  (void)smapi::contract::decode_exec_reply(exit, text);
  return 0;
}
