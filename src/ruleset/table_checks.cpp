// The load-time checks of decision tables: overlaps (UNIQUE), gaps, shadowed rows
// (FIRST), computed on the index's segments (table_index.hpp). An error only where the
// finding is proven; what the analysis cannot see is a warning that says so.
#include "src/ruleset/table_checks.hpp"

#include "src/ruleset/table_checker.hpp"

namespace crm::internal {
namespace {

using table_check::Checker;

bool gaps_expected(const Table& table) {
  const bool multi_hit = table.policy == HitPolicy::collect || table.policy == HitPolicy::rule_order ||
                         table.policy == HitPolicy::output_order;
  return table.aggregation == Aggregation::count || (multi_hit && !table.required);
}

}  // namespace

void check_table(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out,
                 std::span<const ColumnFacts> facts, const Scope* scope, const TableCheckOptions& options) {
  Checker(name, pointer, table, facts, scope, options)
      .run(table.policy == HitPolicy::unique, !gaps_expected(table), table.policy == HitPolicy::first, out);
}

void check_overlaps(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out) {
  Checker(name, pointer, table, {}, nullptr, {}).run(true, false, false, out);
}

void check_gaps(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out,
                std::span<const ColumnFacts> facts) {
  Checker(name, pointer, table, facts, nullptr, {}).run(false, true, false, out);
}

void check_shadowed(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out) {
  Checker(name, pointer, table, {}, nullptr, {}).run(false, false, true, out);
}

}  // namespace crm::internal
