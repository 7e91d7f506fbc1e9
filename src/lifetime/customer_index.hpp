// Private: customer ids numbered in order of first appearance, for logs of millions of
// rows: an open-addressing table of (XXH3 hash, number) beside the ids themselves, so a
// lookup touches one slot and, on a hash match, one id (lifetime_benchmark: a node-based
// std::unordered_map spent half the time of summarising 10,000,000 rows here).
//
//   CustomerIndex index;
//   std::uint32_t n = index.number("C0000017", ids);   // ids gets "C0000017" if it is new
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/xxh64.hpp"

namespace crm::internal::lifetime {

class CustomerIndex {
 public:
  /// The id's number; a new id is appended to `ids` and numbered ids.size() - 1.
  std::uint32_t number(std::string_view id, std::vector<std::string>& ids) {
    if ((ids.size() + 1) * 2 > slots_.size()) grow();
    const std::uint64_t hash = xxh3(id);
    for (std::size_t at = hash & mask_;; at = (at + 1) & mask_) {
      Slot& slot = slots_[at];
      if (slot.number == empty) {
        slot = {hash, static_cast<std::uint32_t>(ids.size())};
        ids.emplace_back(id);
        return slot.number;
      }
      if (slot.hash == hash && ids[slot.number] == id) return slot.number;
    }
  }

 private:
  static constexpr std::uint32_t empty = UINT32_MAX;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t number = empty;
  };

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old)
      if (s.number != empty) {
        std::size_t at = s.hash & mask_;
        while (slots_[at].number != empty) at = (at + 1) & mask_;
        slots_[at] = s;
      }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace crm::internal::lifetime
