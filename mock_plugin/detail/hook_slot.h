#pragma once
// The place an EmbeddedMock keeps its current answer hook. The server thread
// calls through it while the test thread may replace it; a replacement waits
// for a call in progress, so once set() or clear_if_owner() returns, the old
// hook is not running and never runs again. Shared (shared_ptr) between the
// EmbeddedMock and an attached MockPlugin so that either may go first. It
// holds the general CallHook; EmbeddedMock::set_answer_hook's Plugin-only
// hook is kept in it as plugin_call_hook(hook).

#include "mock_plugin/engine.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>
#include <utility>

namespace smapi::mock::detail {

class HookSlot {
 public:
  // Who installed the hook; clear_if_owner only clears its own.
  using Owner = const void*;

  void set(CallHook hook, Owner owner = nullptr) {
    std::lock_guard lock(mutex_);
    hook_ = std::move(hook);
    owner_ = hook_ ? owner : nullptr;
  }

  // Removes the hook if `owner` installed it.
  void clear_if_owner(Owner owner) {
    std::lock_guard lock(mutex_);
    if (owner_ == owner) {
      hook_ = nullptr;
      owner_ = nullptr;
    }
  }

  std::optional<Answer> call(std::string_view wire_name, const boost::json::value& args) {
    std::lock_guard lock(mutex_);
    if (!hook_) return std::nullopt;
    return hook_(wire_name, args);
  }

 private:
  std::mutex mutex_;
  CallHook hook_;
  Owner owner_ = nullptr;
};

}  // namespace smapi::mock::detail
