#include "contract/decoded_memory.h"

#include <memory>

namespace smapi::contract {

bool MemoryCounter::reserve(std::size_t bytes) noexcept {
  if (!armed_) return true;
  if (bytes > limit_ || live_ > limit_ - bytes) return false;
  live_ += bytes;
  if (live_ > peak_) peak_ = live_;
  return true;
}

void MemoryCounter::release(std::size_t bytes) noexcept {
  if (!armed_) return;
  live_ = bytes > live_ ? 0 : live_ - bytes;
}

void MemoryCounter::charge(std::size_t bytes) {
  if (!reserve(bytes)) throw DecodedMemoryExceeded();
}

void* CountingResource::do_allocate(std::size_t bytes, std::size_t align) {
  counter_->charge(bytes);
  try {
    return align > __STDCPP_DEFAULT_NEW_ALIGNMENT__ ? ::operator new(bytes, std::align_val_t(align))
                                                    : ::operator new(bytes);
  } catch (...) {
    counter_->release(bytes);
    throw;
  }
}

void CountingResource::do_deallocate(void* p, std::size_t bytes, std::size_t align) {
  counter_->release(bytes);
  if (align > __STDCPP_DEFAULT_NEW_ALIGNMENT__)
    ::operator delete(p, std::align_val_t(align));
  else
    ::operator delete(p);
}

DecodeBudget::DecodeBudget(std::size_t limit)
    : counter_(std::make_shared<MemoryCounter>(limit)),
      storage_(boost::json::make_shared_resource<CountingResource>(counter_)) {}

DecodeBudget::~DecodeBudget() { counter_->disarm(); }

void move_keeping_storage(boost::json::value& to, boost::json::value&& from) noexcept {
  std::destroy_at(&to);
  std::construct_at(&to, std::move(from));  // the move constructor keeps from's storage
}

std::string decoded_memory_problem(std::size_t limit) {
  return "decoded, the answer takes more than " + std::to_string(limit) + " bytes of memory, the decoder's limit";
}

}  // namespace smapi::contract
