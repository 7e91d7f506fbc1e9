// crm::RuleSet: a loaded, checked and compiled rule set (format: docs/rule-sets.md).
//
//   auto rules = crm::RuleSet::load_file("rules.json");   // errors: pointer, line, column
//   if (!rules) { std::cerr << rules.error().to_string() << '\n'; return 1; }
//   crm::Record record = rules->new_record();
//   record.set("value_score", crm::Decimal::from_int(90));
//   crm::Trace trace;
//   if (auto ok = rules->evaluate(record, &trace); ok)
//     std::cout << record.get("value_grade")->to_string();   // "A1"
//   std::string out = *rules->evaluate_json(R"({"value_score": 90})");  // JSON in, JSON out
//   crm::TestReport report = rules->run_tests();             // the rule set's own tests
//
// A RuleSet is immutable and cheap to copy (it shares its compiled form): share it
// between threads freely, with one Record per thread.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/columns.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/limits.hpp"
#include "crmrules/record.hpp"
#include "crmrules/rule_test.hpp"
#include "crmrules/schema.hpp"
#include "crmrules/trace.hpp"

namespace crm {

namespace internal {
struct RuleSetAccess;
}

/// An output of the rule set: a decision's result that callers read.
struct OutputInfo {
  std::string name;
  std::string decision;  // the decision that produces it
  ValueKind kind = ValueKind::null;  // the kind of its values (list for multi-hit tables); null: varies or unknown
};

/// What an input the rule set does not know does in an object of inputs (a JSON object, a
/// record set by name, a Python mapping): refused with unknown_name and "did you mean"
/// (error), or left out (ignore), as ZEN and OPA do. A rule set's default is its
/// "unknown_inputs" member (error when absent); each call may choose otherwise.
/// (A table's columns that are not inputs are ignored either way: ColumnOptions::strict.)
enum class UnknownInputs { error, ignore };

/// Per-call options of evaluate_json and evaluate_json_batch.
struct EvaluateOptions {
  bool trace = false;                           // evaluate_json only: the trace beside the outputs
  std::optional<UnknownInputs> unknown_inputs;  // none: the rule set's own
};

/// A finding of the load-time checks.
struct Diagnostic {
  enum class Severity { error, warning };
  Severity severity = Severity::error;
  Error error;
};

/// Diagnostics as a JSON array of {"severity", "code", "message", "pointer", "line", "column"}.
[[nodiscard]] std::string to_json(const std::vector<Diagnostic>& diagnostics);

class RuleSet {
 public:
  /// Parses, checks and compiles. The error of a rule set that fails to load has the
  /// JSON pointer, line and column of the first problem; lint() lists all of them. A
  /// document past `limits` (its size, decisions, inputs, a table's rows, a string's
  /// length) is refused with an out_of_range error naming the limit; the limits stay with
  /// the rule set (an input string longer than limits.string_bytes is refused too).
  [[nodiscard]] static expected<RuleSet> load(std::string_view json, const Limits& limits = {});
  [[nodiscard]] static expected<RuleSet> load_file(const std::string& path, const Limits& limits = {});
  /// A DMN 1.1-1.5 model's decision tables as a rule set (crmrules/dmn.hpp, docs/dmn.md):
  /// errors name the XML element's path and line.
  [[nodiscard]] static expected<RuleSet> load_dmn(std::string_view xml, const Limits& limits = {});
  /// The built-in default rule set (rules/default.json, docs/default-rules.md), embedded at
  /// build time: grades a customer portfolio out of the box. Loaded once, shared; never fails.
  static const RuleSet& builtin();
  /// The text of the built-in rule set, to copy and change (crmrules default-rules).
  static std::string_view builtin_json() noexcept;

  /// Every finding of the load-time checks, errors and warnings, in the document's order.
  /// The checks recover after an error where the rest still means something: each
  /// decision, test and section is checked on its own, and the tests' given and expect
  /// keys against the inputs and outputs ("did you mean"). A JSON syntax error, an
  /// unsupported format or broken inputs stop them (nothing after could be checked).
  static std::vector<Diagnostic> lint(std::string_view json, const Limits& limits = {});

  [[nodiscard]] const std::string& name() const noexcept;
  [[nodiscard]] const std::string& version() const noexcept;
  /// The limits it was loaded with.
  [[nodiscard]] const Limits& limits() const noexcept;
  [[nodiscard]] const Schema& schema() const noexcept;
  [[nodiscard]] const std::vector<OutputInfo>& outputs() const noexcept;
  [[nodiscard]] std::optional<std::size_t> output_index(std::string_view name) const noexcept;
  /// What an unknown input does unless a call says otherwise (its "unknown_inputs").
  [[nodiscard]] UnknownInputs unknown_inputs() const noexcept;
  /// Load-time warnings (the rule set loaded, but a check found something to look at).
  [[nodiscard]] const std::vector<Diagnostic>& warnings() const noexcept;

  [[nodiscard]] Record new_record() const;

  /// Evaluates every decision for the record's inputs and stores the outputs in it. With
  /// a trace, also records why. All or nothing: on error every output of the record is
  /// null (never one of this evaluation's outputs beside an earlier one's), its inputs
  /// are as they were (with the defaults of those not given), and the trace holds the
  /// decisions up to the one that failed.
  [[nodiscard]] expected<void> evaluate(Record& record, Trace* trace = nullptr) const;

  /// JSON object of inputs in, JSON object of outputs out (with "trace" when asked).
  [[nodiscard]] expected<std::string> evaluate_json(std::string_view input_json, bool with_trace = false) const;
  [[nodiscard]] expected<std::string> evaluate_json(std::string_view input_json, const EvaluateOptions& options) const;
  /// A JSON array of input objects in; a JSON array out with, for each, the outputs or
  /// {"error": {"code", "message", "pointer"}}. Only a malformed array is an error.
  [[nodiscard]] expected<std::string> evaluate_json_batch(std::string_view inputs_json) const;
  [[nodiscard]] expected<std::string> evaluate_json_batch(std::string_view inputs_json,
                                                          const EvaluateOptions& options) const;
  /// Whole columns in, whole columns out, the rows on worker threads (crmrules/columns.hpp).
  /// Errors of the batch as a whole: a float64 column under FloatPolicy::error, a required
  /// input no column gives, an unknown column under strict, a column twice, a malformed
  /// column (no values, text without offsets); a row's own errors are RowFailures.
  [[nodiscard]] expected<ColumnResult> evaluate_columns(std::span<const InputColumn> columns, std::size_t rows,
                                                        const ColumnOptions& options = {}) const;

  /// Runs the test cases carried in the rule set.
  [[nodiscard]] TestReport run_tests() const;

 private:
  explicit RuleSet(std::shared_ptr<const internal::CompiledRuleSet> impl) : impl_(std::move(impl)) {}
  friend struct internal::RuleSetAccess;  // the engine's own files (sections for models)
  std::shared_ptr<const internal::CompiledRuleSet> impl_;
};

}  // namespace crm
