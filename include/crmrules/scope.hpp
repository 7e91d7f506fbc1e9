// crm::Scope: the names an expression may use, each bound to a slot and a static type.
//
//   crm::Scope scope;
//   auto purchases = scope.add("annual_purchases", crm::Type::decimal);   // slot 0
//   auto grade = scope.add("customer.grade", crm::Type::string);          // slot 1
//   auto e = crm::Expression::compile("annual_purchases * 0.15", scope);
//   std::vector<crm::Value> slots = {crm::Decimal::from_int(1000), crm::Value("A1")};
//   auto points = e->evaluate(slots);                                    // 150.00
//
// A name is one or more identifiers joined by dots ("a", "customer.grade"); each
// identifier is [A-Za-z_][A-Za-z0-9_]* and not a keyword of the language (and, or, not,
// in, true, false, null). A field path `a.b` in an expression is the dotted name "a.b",
// looked up as a whole when the expression is compiled; evaluation never sees names.
// The slot is the index of the field's value in the span given to evaluate().
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crmrules/expected.hpp"
#include "crmrules/type.hpp"

namespace crm {

class Scope {
 public:
  struct Field {
    std::string name;
    Type type = Type::any;
    std::uint32_t slot = 0;
  };

  /// Adds a field at the next free slot (one past the highest slot so far) and returns
  /// its slot. An invalid or already present name is ErrorCode::invalid_argument.
  [[nodiscard]] expected<std::uint32_t> add(std::string_view name, Type type);
  /// Adds a field at a chosen slot (several names may share a slot).
  [[nodiscard]] expected<std::uint32_t> add(std::string_view name, Type type, std::uint32_t slot);

  /// The field of that exact name, or nullptr.
  [[nodiscard]] const Field* find(std::string_view name) const noexcept;
  [[nodiscard]] std::span<const Field> fields() const noexcept { return fields_; }
  /// One past the highest slot in use: the smallest span evaluate() accepts.
  [[nodiscard]] std::uint32_t slot_count() const noexcept { return slot_count_; }

  /// Whether `name` is usable: dotted identifiers, no keyword.
  [[nodiscard]] static bool is_valid_name(std::string_view name) noexcept;

 private:
  /// Hashes a name as std::string and std::string_view alike, so that find() copies nothing.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const noexcept { return std::hash<std::string_view>{}(name); }
  };
  std::vector<Field> fields_;
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> index_;  // name -> position in fields_
  std::uint32_t slot_count_ = 0;
};

}  // namespace crm
