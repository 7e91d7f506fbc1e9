// crm::Record: one evaluation's inputs and outputs, reusable.
//
//   crm::Record record = rules.new_record();
//   record.set("annual_purchases", *crm::Decimal::parse("5000000"));   // checked against the schema
//   record.set("background", "none");
//   if (auto ok = rules.evaluate(record); !ok) std::cerr << ok.error().to_string();
//   const crm::Value& grade = *record.get("value_grade");
//   record.clear();                                // ready for the next customer
//
// A record belongs to the rule set that made it and holds the scratch space evaluation
// needs, so evaluating the same record again allocates nothing. Use one record per
// thread; the rule set itself is shared. Evaluation is all or nothing: after a failed
// one, every output is null.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "crmrules/expected.hpp"
#include "crmrules/value.hpp"

namespace crm {

namespace internal {
struct CompiledRuleSet;
struct EvaluationScratch;
}  // namespace internal

class Record {
 public:
  Record(Record&&) noexcept;
  Record& operator=(Record&&) noexcept;
  Record(const Record&);
  Record& operator=(const Record&);
  ~Record();

  /// Sets an input, checked against its field: an unknown name, a wrong type, a value
  /// out of bounds or an unlisted label is an error and the record keeps its old value.
  /// An unknown name is left out, with no error, when the rule set's "unknown_inputs" is
  /// "ignore" (RuleSet::unknown_inputs).
  [[nodiscard]] expected<void> set(std::string_view name, const Value& value);
  [[nodiscard]] expected<void> set(std::size_t input_slot, const Value& value);
  /// Marks an input as not given (its default applies).
  [[nodiscard]] expected<void> unset(std::string_view name);
  /// Whether the input was set since the record was made or cleared (false for a slot
  /// past the inputs).
  [[nodiscard]] bool is_given(std::size_t input_slot) const noexcept;

  /// The value of an input or output by name (after evaluate), or nullptr if no such name.
  [[nodiscard]] const Value* get(std::string_view name) const noexcept;
  /// Outputs in the rule set's output order (see RuleSet::outputs()); all null after an
  /// evaluation that failed.
  [[nodiscard]] std::span<const Value> outputs() const noexcept;
  /// Inputs in schema order, as set; an input not given is null, or its default once
  /// evaluate() has stored it.
  [[nodiscard]] std::span<const Value> inputs() const noexcept;

  /// Forgets every input given and every output, for the next record. Defaults that
  /// evaluate() stored stay (they are every record's), so they are not stored again.
  void clear() noexcept;

 private:
  friend class RuleSet;
  explicit Record(std::shared_ptr<const internal::CompiledRuleSet> rules);

  std::shared_ptr<const internal::CompiledRuleSet> rules_;
  std::vector<Value> frame_;         // inputs, then outputs: the slots expressions read
  // Per input: not_given, given (set by the caller), or defaulted (evaluate() stored the
  // default, which stays until the input is set: a reused record is not refilled). An
  // input not given holds null, so evaluate() skips those with no default to store.
  enum : std::uint8_t { not_given = 0, given = 1, defaulted = 2 };
  std::vector<std::uint8_t> given_;
  std::unique_ptr<internal::EvaluationScratch> scratch_;
};

}  // namespace crm
