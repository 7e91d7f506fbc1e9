// Private: the row cache of workers that set many rows' inputs from text (grade_csv's, the
// columnar batch's). Per input column, the values a field
// made of the cells' texts a worker gave it (a label from an alias, a bool from "yes", a
// date), so a text seen before is set as the value it gave then: the field takes that
// value as it is, without reading the text again. Only texts the field accepted are
// kept, and at most `capacity` of them (a column of labels has few).
//
//   if (const Value* seen = cache.find(cell)) record.set(slot, *seen);
//   else if (record.set(slot, Value(cell))) cache.add(cell, record.inputs()[slot]);
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/value.hpp"

namespace crm::internal {

class CellCache {
 public:
  static constexpr std::size_t capacity = 16;

  /// The value the field made of `text` before, or null.
  [[nodiscard]] const Value* find(std::string_view text) const noexcept {
    for (const Entry& e : entries_)
      if (e.text == text) return &e.value;
    return nullptr;
  }
  /// Remembers the value the field made of `text` (while there is room).
  void add(std::string_view text, const Value& value) {
    if (entries_.size() < capacity) entries_.push_back({std::string(text), value});
  }

 private:
  struct Entry {
    std::string text;
    Value value;
  };
  std::vector<Entry> entries_;
};

}  // namespace crm::internal
