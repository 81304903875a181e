#pragma once
// Writing a report file so that readers see either the old file or the whole
// new one, never half a report.

#include <filesystem>
#include <string_view>

namespace smapi::reports::detail {

// Writes content to a new temporary file in the same directory as file, then
// renames it over file. Throws std::runtime_error naming the path and the
// system's reason (strerror) when any step fails; the temporary file is
// removed on failure.
void write_file_atomically(const std::filesystem::path& file, std::string_view content);

}  // namespace smapi::reports::detail
