// crm::Scope: names to slots and static types.
#include "crmrules/scope.hpp"

#include <algorithm>

#include "src/expression/lexer.hpp"

namespace crm {

bool Scope::is_valid_name(std::string_view name) noexcept {
  const auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  const auto inner = [&](char c) { return start(c) || (c >= '0' && c <= '9'); };
  std::size_t i = 0;
  while (true) {
    const std::size_t begin = i;
    if (i >= name.size() || !start(name[i])) return false;
    while (i < name.size() && inner(name[i])) ++i;
    if (internal::expression::is_keyword(name.substr(begin, i - begin))) return false;
    if (i == name.size()) return true;
    if (name[i] != '.') return false;
    ++i;
  }
}

expected<std::uint32_t> Scope::add(std::string_view name, Type type) { return add(name, type, slot_count_); }

expected<std::uint32_t> Scope::add(std::string_view name, Type type, std::uint32_t slot) {
  if (!is_valid_name(name))
    return fail(ErrorCode::invalid_argument,
                std::string(1, '\'').append(name) +
                    "' cannot be a field name: use letters, digits and '_' (not first), dots between parts, and no "
                    "keyword (and, or, not, in, true, false, null)");
  if (find(name))
    return fail(ErrorCode::invalid_argument, "the field '" + std::string(name) + "' is already in the scope");
  if (slot == UINT32_MAX) return fail(ErrorCode::out_of_range, "slot number too large");
  index_.emplace(std::string(name), fields_.size());
  fields_.push_back(Field{std::string(name), type, slot});
  slot_count_ = std::max(slot_count_, slot + 1);
  return slot;
}

const Scope::Field* Scope::find(std::string_view name) const noexcept {
  const auto it = index_.find(name);
  return it == index_.end() ? nullptr : &fields_[it->second];
}

}  // namespace crm
