// Private: customer ids numbered in order of first appearance (transaction logs of millions
// of rows): XXH3 hashes in a FlatIndex beside the ids themselves.
//
//   CustomerIndex index;
//   std::uint32_t n = index.number("C0000017", ids);   // ids gets "C0000017" if it is new
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/flat_index.hpp"
#include "src/core/xxh64.hpp"

namespace crm::internal::lifetime {

class CustomerIndex {
 public:
  /// The id's number; a new id is appended to `ids` and numbered ids.size() - 1.
  std::uint32_t number(std::string_view id, std::vector<std::string>& ids) {
    auto [n, fresh] = index_.number(xxh3(id), [&](std::uint32_t k) { return ids[k] == id; });
    if (fresh) ids.emplace_back(id);
    return n;
  }

 private:
  FlatIndex index_;
};

}  // namespace crm::internal::lifetime
