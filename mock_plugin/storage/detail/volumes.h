#pragma once
// What Volume handlers share: making a volume and checking space.

#include "mock_plugin/storage/detail/model.h"

namespace smapi::mock::storage::detail {

// Volume sizes are rounded up to this, as the IDL allows
// (control.ml Volume.create: "size >= [size]").
inline constexpr std::int64_t kVolumeBlockSize = 512;

// `size` rounded up to kVolumeBlockSize; refuses a negative or too large one.
std::int64_t rounded_size(std::string_view method, std::int64_t size);

// Refuses when `sr` has fewer than `bytes` free.
void check_space(std::string_view method, const Sr& sr, std::int64_t bytes);

// A fresh volume in `sr` with a new key, uuid and URI (not yet inserted);
// refuses at Limits::max_volumes.
Volume new_volume(Model& model, const Sr& sr, std::string_view method);

// Refuses when the volume's datapath is open, naming what to do first.
void check_closed(const Model& model, std::string_view method, const Volume& volume);

}  // namespace smapi::mock::storage::detail
