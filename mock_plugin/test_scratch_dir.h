#pragma once
// Test support: an empty scratch directory for the running test, named
// TMP/PREFIX-PID-TESTNAME so that test processes ctest runs side by side
// never share one. The caller removes it (TearDown).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace smapi::mock::testing {

inline std::filesystem::path fresh_test_dir(const std::string& prefix) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      (prefix + "-" + std::to_string(::getpid()) + "-" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace smapi::mock::testing
