// Private: the load-time checks of a decision table.
//
//   table.index = TableIndex::build(columns, table.rows.size());
//   check_table("value_grade", "/decisions/3/table", table, diagnostics, facts);
//
// Findings (each a Diagnostic with ErrorCode::invalid_rule):
//   overlap   UNIQUE: two rows that one input can match (error), pointing at the later
//             row, with what both match: "table 'grades': row 1 and row 2 overlap (hit
//             policy UNIQUE): both match score in [80..85]". Each row is listed once,
//             with the first earlier row found to overlap it.
//   gap       inputs, within each column's domain, that no row matches (an error in a
//             required table, a warning otherwise), pointing at the table's "/rows":
//             "table 'grades': no row matches score in [70..75)", or for several columns
//             "... no row matches score in (-inf..0) and region = 'north'". Neighbouring
//             gap segments of the last column walked are joined into one interval.
//   shadowed  FIRST: a row that no input reaches because earlier rows match all its
//             inputs (warning): "table 'grades': row 7 is never reached: rows 2, 3 cover
//             it", or "...: it matches no input" for a row whose cells match nothing.
//
// Rows are numbered from 0 in messages, as in the pointers ("row 3" is "<table>/rows/3");
// a row with an id is "row 3 ('floor')". Columns are named by their input expression,
// strings are quoted with '. At most 10 overlaps, 5 gaps and 10 shadowed rows are
// listed; one more finding then counts the rest.
//
// What the checks know: an indexed column's cells exactly (see table_index.hpp); an
// unindexed cell is assumed to possibly match anything, so it never hides an overlap,
// covers a later row only when it is `-` or the same text, and turns the gap check off
// for the whole table. Null inputs count for overlaps and shadowing, not for gaps.
//
// Domains: a numeric column's domain is TableColumn::domain when given, else every
// decimal; a constant column's is ColumnFacts::values when given (true and false for a
// bool column), else the constants its cells name plus "any other value". Values an
// input cannot take (non-integers of an integer column, constants outside
// ColumnFacts::values) count for no check: rows meeting only there do not overlap.
//
// Cost: when the product of the columns' segment counts is at most 1e6, one walk over
// the product (ANDing the segments' row bitsets, sparse) finds everything exactly. Above
// that: overlaps per row (the rows meeting it in its most selective column, then the
// other columns pair by pair), gaps per column on its own, shadowing per row within the
// row's own region (at most 1e6 combinations); work past fixed budgets is skipped (no
// finding, never a false one). A 10,000-row, 3-column table takes about 1-15 ms.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "crmrules/rule_set.hpp"
#include "crmrules/scope.hpp"
#include "crmrules/value.hpp"
#include "src/ruleset/compiled.hpp"

namespace crm::internal {

/// What the schema knows about a column's input that the table does not carry.
struct ColumnFacts {
  bool integer = false;       // the input is always an integer (an integer field)
  std::vector<Value> values;  // the only values it takes (enum values, grade labels); empty: unknown
};

/// How much work the checks may do before they give up on an exact answer (each a count
/// of word steps, about a nanosecond each): past walk_budget, the walk over every
/// combination of the columns' segments gives way to the per-row methods; past
/// work_budget, those stop (the overlap check then says where).
struct TableCheckOptions {
  std::uint64_t walk_budget = 50'000'000;
  std::uint64_t work_budget = 100'000'000;
};

/// Runs the checks the table's hit policy calls for, appending the findings to `out`:
/// overlaps under UNIQUE, shadowed rows under FIRST, and gaps unless no hit is a normal
/// result (COLLECT COUNT, or COLLECT without `required`). `name` is the decision's name,
/// `pointer` the table's JSON pointer; `facts` is empty or one per input column.
/// Uses table.index when it was built from table.rows (else builds its own). `scope`,
/// when given, names the fields that cells read in the warnings.
void check_table(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out,
                 std::span<const ColumnFacts> facts = {}, const Scope* scope = nullptr,
                 const TableCheckOptions& options = {});

/// The single checks, whatever the hit policy (check_table shares their work).
void check_overlaps(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out);
void check_gaps(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out,
                std::span<const ColumnFacts> facts = {});
void check_shadowed(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out);

}  // namespace crm::internal
