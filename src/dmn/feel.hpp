// Private: FEEL, as DMN decision tables use it, written as crmrules' expression language.
//
//   Names names{{"Applicant Age", "Applicant_Age"}};
//   feel_expression("if Applicant Age >= 18 then \"adult\" else \"minor\"", names);
//       // (Applicant_Age >= 18) ? ("adult") : ("minor")
//   feel_unary_tests("]1..5[, >= 10", names);   // (1..5), >= 10
//
// A construct crmrules cannot express (for, some, every, instance of, function, contexts,
// time, date and time, durations, a function without an equivalent) is an error naming it:
// never translated into something that means another thing.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crmrules/expected.hpp"

namespace crm::internal::dmn {

/// DMN names (which may hold spaces, dots and other signs) and the identifiers that stand
/// for them; the longest name that matches is used.
class Names {
 public:
  void add(std::string dmn, std::string crm);
  /// `dmn` now stands for `crm`, hiding what it stood for (a context entry's name).
  void bind(const std::string& dmn, std::string crm);
  /// The identifier of the longest name starting at `text` and ending at a name's edge.
  [[nodiscard]] std::pair<std::size_t, const std::string*> match(std::string_view text) const;

 private:
  std::vector<std::pair<std::string, std::string>> names_;  // longest first
};

/// A FEEL function and the crmrules function that does the same.
struct FeelFunction {
  std::string_view feel, crm;
};
/// FEEL's functions with a crmrules equivalent, both ways (reading and writing DMN).
[[nodiscard]] std::span<const FeelFunction> feel_functions() noexcept;

/// A character that may stand inside a FEEL name (a letter, digit, '_' or any byte of a
/// multi-byte UTF-8 character).
[[nodiscard]] bool name_char(char c);

[[nodiscard]] expected<std::string> feel_expression(std::string_view feel, const Names& names);
[[nodiscard]] expected<std::string> feel_unary_tests(std::string_view feel, const Names& names);

}  // namespace crm::internal::dmn
