// Private: the compiled, immutable form of a rule set that RuleSet shares.
//
// Slots: a Record's frame holds the inputs (schema order, slots 0..n-1) and then the
// outputs (slot n + output index). Every expression and cell was compiled against a
// Scope with those slots, so evaluation never looks up a name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "crmrules/expression.hpp"
#include "crmrules/interval.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/unary_test.hpp"
#include "src/ruleset/bin_lookup.hpp"
#include "src/ruleset/table_index.hpp"

namespace crm::internal {

struct ExpressionDecision {
  Expression expression;
  std::uint32_t out = 0;  // frame slot
};

enum class HitPolicy { unique, any, priority, first, rule_order, output_order, collect };
enum class Aggregation { none, sum, min, max, count };

struct TableColumn {
  Expression input;
  std::optional<IntervalSet> domain;  // the values the column can take, for the gap check
  std::optional<std::uint32_t> field_slot;  // the input is this slot's bare name: read it directly
};

struct TableOutput {
  std::string name;
  std::uint32_t slot = 0;
  std::vector<Value> priority;  // the output's values in priority order (may be empty)
  std::optional<Expression> default_value;  // when no row matches (single-hit policies; DMN's defaultOutputEntry)
};

struct TableRow {
  std::string id;
  std::vector<UnaryTest> when;    // one per input column
  std::vector<Expression> then;   // one per output
  std::vector<std::optional<Value>> then_constant;  // then[o]'s value when it reads no field
};

struct Table {
  HitPolicy policy = HitPolicy::unique;
  Aggregation aggregation = Aggregation::none;
  bool required = false;
  std::vector<TableColumn> inputs;
  std::vector<TableOutput> outputs;
  std::vector<TableRow> rows;
  TableIndex index;
};

struct Bin {
  UnaryTest when;
  Decimal points;
};

struct Transform {
  enum class Kind { identity, linear, log, bins } kind = Kind::identity;
  Decimal from_low, from_high, to_low, to_high;  // linear and log
  std::optional<Decimal> slope;   // linear: (to_high - to_low) / (from_high - from_low) when exact
  Decimal log_low, log_high;      // log: log10 of the bounds
  std::vector<Bin> bins;
  // Bins whose cells are all constant intervals (a decimal input) or all constant strings
  // and "-" (a string input): a non-null input is matched without running the cells.
  enum class BinsFast { none, intervals, strings } bins_fast = BinsFast::none;
};

/// A factor's weighted points for a field's value, with the weight folded in when the rule
/// set is loaded (load_decision.cpp), for evaluate_scorecard's hot path. Every constant is
/// exact, so the points are the general path's, value and scale: (to_low + (x - from_low)
/// * slope) * weight = offset + x * slope', and a sum's scale is the larger, a product's
/// the sum of its operands' scales, on both sides.
struct WeightedPoints {
  enum class Kind : std::uint8_t { none, affine, bins, strings } kind = Kind::none;
  bool clamp = false;     // a linear transform: x <= from_low gives low, x >= from_high high
  int128 from_low_key = 0, from_high_key = 0;  // clamp: the bounds' decimal_key()
  Decimal low, high;      // the bounds' points, weighted
  Decimal offset, slope;  // affine: offset + x * slope (an identity: 0 + x * weight)
  std::vector<Decimal> bins;  // bins and strings: each bin's points, weighted
  std::optional<BinLookup> lookup;  // bins (always there): the first bin holding a number
  // strings: each string of a bin before the first "-" bin, with the first bin listing it;
  // a string not among them falls in the first "-" bin (any_bin), if there is one.
  std::vector<std::pair<std::string, std::uint32_t>> string_bins;
  std::optional<std::uint32_t> any_bin;
};

struct Factor {
  std::string name;
  Expression expression;
  Transform transform;
  WeightedPoints weighted;
  Decimal weight = Decimal::from_int(1);
  std::optional<Decimal> baseline;
  std::string reason_code;
  std::optional<std::uint32_t> field_slot;  // the expression is this slot's bare name: read it directly
};

struct Scorecard {
  std::vector<Factor> factors;
  Decimal initial;
  std::optional<int> scale;
  bool reasons_below = true;  // points_below_baseline (else above)
  std::size_t reason_count = 3;
  struct Odds {
    Decimal base_score, base_odds, points_to_double;
  };
  std::optional<Odds> odds;
  std::string output;  // the total's name; "<output>_odds" and "<output>_reasons" follow
  std::uint32_t total_slot = 0;
  std::optional<std::uint32_t> odds_slot;
  std::optional<std::uint32_t> reasons_slot;
};

struct Decision {
  std::string name;
  std::variant<ExpressionDecision, Table, Scorecard> body;
};

struct TestCase {
  std::string name;
  std::string pointer;                                   // where it is in the document
  std::vector<std::pair<std::string, Value>> given;
  std::vector<std::pair<std::string, Value>> expect;
  std::optional<ErrorCode> expect_error;
  std::string expect_message;                            // a part the message must hold
};

struct CompiledRuleSet {
  std::string name, version;
  Limits limits;  // what it was loaded with; evaluation checks input strings against them
  Schema schema;
  // The inputs evaluate() must look at when not given: the required ones and those with a
  // default. An input with neither is null whenever it is not given (Record keeps it so).
  std::vector<std::uint32_t> checked_inputs;
  std::vector<OutputInfo> outputs;  // output i lives in frame slot schema.size() + i
  std::vector<Decision> decisions;  // in evaluation (dependency) order
  std::vector<Diagnostic> warnings;
  UnknownInputs unknown_inputs = UnknownInputs::error;  // the document's "unknown_inputs"
  std::vector<TestCase> tests;
  // The models' sections (src/ruleset/section.hpp), by key, in load order: opaque here.
  std::vector<std::pair<std::string_view, std::shared_ptr<const void>>> sections;
  // Rule sets nested in sections (load_nested_rule_set), by their key: run_tests() runs
  // their tests too.
  std::vector<std::pair<std::string, RuleSet>> nested;

  [[nodiscard]] std::size_t frame_size() const noexcept { return schema.size() + outputs.size(); }
};

/// The compiled form a RuleSet shares (for the engine's own files: section.cpp).
struct RuleSetAccess {
  static const CompiledRuleSet& of(const RuleSet& rules) noexcept { return *rules.impl_; }
  static RuleSet make(std::shared_ptr<const CompiledRuleSet> impl) { return RuleSet(std::move(impl)); }
};

/// The error for an input `name` the schema does not know (unknown_name, "did you mean").
[[nodiscard]] unexpected unknown_input(const Schema& schema, std::string_view name);

/// Loads and compiles; `diagnostics` receives every finding (errors and warnings).
[[nodiscard]] expected<std::shared_ptr<const CompiledRuleSet>> compile_rule_set(std::string_view json,
                                                                                std::vector<Diagnostic>& diagnostics,
                                                                                const Limits& limits);

}  // namespace crm::internal
