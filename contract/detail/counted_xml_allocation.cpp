#include "contract/detail/counted_xml_allocation.h"

#include <pugixml.hpp>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace smapi::contract::detail {
namespace {

thread_local MemoryCounter* t_counter = nullptr;

struct alignas(std::max_align_t) BlockHeader {
  MemoryCounter* counter;
  std::size_t bytes;
};

void* counted_allocate(std::size_t bytes) {
  MemoryCounter* counter = t_counter;
  if (counter && !counter->reserve(bytes)) return nullptr;
  void* block = std::malloc(sizeof(BlockHeader) + bytes);
  if (!block) {
    if (counter) counter->release(bytes);
    return nullptr;
  }
  ::new (block) BlockHeader{counter, bytes};
  return static_cast<char*>(block) + sizeof(BlockHeader);
}

void counted_deallocate(void* p) {
  if (!p) return;
  auto* header = reinterpret_cast<BlockHeader*>(static_cast<char*>(p) - sizeof(BlockHeader));
  if (header->counter) header->counter->release(header->bytes);
  std::free(header);
}

}  // namespace

void install_counted_xml_allocation() {
  static const bool installed = [] {
    pugi::set_memory_management_functions(counted_allocate, counted_deallocate);
    return true;
  }();
  (void)installed;
}

CountedXmlScope::CountedXmlScope(MemoryCounter* counter) : previous_(t_counter) { t_counter = counter; }

CountedXmlScope::~CountedXmlScope() { t_counter = previous_; }

}  // namespace smapi::contract::detail
