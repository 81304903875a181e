#pragma once
// pugixml's memory, counted: pugixml allocates through two global functions,
// which these replace. A block allocated while a CountedXmlScope is alive on
// the thread is counted in its MemoryCounter, and refused past the
// counter's limit (pugixml then stops with status_out_of_memory). A block
// remembers its counter, which the document's owner keeps alive until the
// tree is freed (XmlDocument::counted_in). Private to the XML-RPC codec.

#include "contract/decoded_memory.h"

namespace smapi::contract::detail {

// Installs the counting functions, once. Called before any document is
// read, so that no block pugixml holds was allocated by other functions.
void install_counted_xml_allocation();

// While alive, pugixml's blocks allocated on this thread are counted in
// `counter` (in none when it is null).
class CountedXmlScope {
 public:
  explicit CountedXmlScope(MemoryCounter* counter);
  ~CountedXmlScope();
  CountedXmlScope(const CountedXmlScope&) = delete;
  CountedXmlScope& operator=(const CountedXmlScope&) = delete;

 private:
  MemoryCounter* previous_;
};

}  // namespace smapi::contract::detail
