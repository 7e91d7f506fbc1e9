// Private: keys numbered in order of first appearance, for columns and logs of millions of
// rows: an open-addressing table of (64-bit hash, number); the keys themselves live with
// the caller, who compares a key with the one a number stands for. One lookup touches one
// slot and, on a hash match, one key (a node-based std::unordered_map allocates per key
// and chases pointers: lifetime_benchmark and python_frame_benchmark measured it).
//
//   FlatIndex index;
//   auto [n, fresh] = index.number(xxh3(id), [&](std::uint32_t k) { return ids[k] == id; });
//   if (fresh) ids.emplace_back(id);                     // n == ids.size() - 1
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace crm::internal {

class FlatIndex {
 public:
  /// The number of the key whose hash is `hash` and for which same(number) is true, or
  /// the next number (the count so far) when there is none: then `fresh` is true and the
  /// caller stores the key under it.
  template <class Same>
  std::pair<std::uint32_t, bool> number(std::uint64_t hash, Same&& same) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t at = hash & mask_;; at = (at + 1) & mask_) {
      Slot& slot = slots_[at];
      if (slot.number == empty) {
        slot = {hash, count_++};
        return {slot.number, true};
      }
      if (slot.hash == hash && same(slot.number)) return {slot.number, false};
    }
  }
  [[nodiscard]] std::uint32_t size() const noexcept { return count_; }

 private:
  static constexpr std::uint32_t empty = UINT32_MAX;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t number = empty;
  };

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
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
  std::uint32_t count_ = 0;
};

}  // namespace crm::internal
