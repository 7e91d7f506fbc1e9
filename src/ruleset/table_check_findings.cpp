// What the table checks found, said: overlaps, gaps, rows never reached and cells the
// checks could not analyse, each a Diagnostic naming its rows, columns and values.
#include "src/ruleset/table_checker.hpp"

#include <algorithm>
#include <bit>
#include <deque>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>

namespace crm::internal::table_check {

std::string value_text(const Value& v) {
  return v.kind() == ValueKind::string ? "'" + v.as_string() + "'" : v.to_string();
}

std::string value_list(std::span<const Value> values) {
  std::string s = "(";
  for (std::size_t i = 0; i < values.size() && i < max_values_named; ++i) s += (i ? ", " : "") + value_text(values[i]);
  if (values.size() > max_values_named) s += ", ... " + std::to_string(values.size() - max_values_named) + " more";
  return s + ")";
}

/// Text of a set of decimals: "= 5" or "in (-inf..0), [7..9]".
std::string set_text(const IntervalSet& set) {
  const auto parts = set.intervals();
  if (parts.size() == 1 && parts[0].low && parts[0].high && *parts[0].low == *parts[0].high)
    return "= " + parts[0].low->to_string();
  return "in " + set.to_string();
}

std::string mib(std::size_t bytes) {
  return bytes % (std::size_t{1} << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

void Checker::mark_overlap(std::size_t row, std::size_t partner) {
  partner_[row] = partner;
  clear_row(unproven_.data(), row);
  clear_row(unmarked_.data(), row);
}

void Checker::mark_maybe(std::size_t row, std::size_t partner) {
  maybe_[row] = partner;
  clear_row(unmarked_.data(), row);
}

std::string Checker::row_name(std::size_t r) const {
  const std::string& id = table_.rows[r].id;
  return "row " + std::to_string(r) + (id.empty() ? "" : " ('" + id + "')");
}

std::optional<std::string> Checker::describe(const ColumnInfo& col, std::span<const SegmentRange> segments,
                                             bool in_domain) const {
  const TableIndex& index = *col.index;
  const std::size_t c = col.at;
  if (col.kind == Kind::unindexed) return std::nullopt;
  const std::uint32_t null_seg = static_cast<std::uint32_t>(index.null_segment(c));
  bool has_null = false;
  std::vector<SegmentRange> values;
  for (SegmentRange s : segments) {
    if (s.last == null_seg) {
      has_null = true;
      if (s.first == null_seg) continue;
      s.last = null_seg - 1;
    }
    values.push_back(s);
  }
  const std::string null_text = col.name + " is null";
  switch (col.kind) {
    case Kind::numeric: {
      IntervalSet set, full = IntervalSet::everything();
      for (const SegmentRange& s : values) {
        const Interval a = index.segment_interval(c, s.first), b = index.segment_interval(c, s.last);
        set = set.unite(IntervalSet(Interval{a.low, b.high, a.low_closed, b.high_closed}));
      }
      if (in_domain && col.domain) {
        set = set.intersect(*col.domain);
        full = *col.domain;
      }
      if (col.integer) {
        if (auto ints = integers_of(set)) set = *ints;
        if (auto ints = integers_of(full)) full = *ints;
      }
      if (set == full) return std::nullopt;
      if (set.empty()) return has_null ? std::optional(null_text) : std::nullopt;
      return col.name + " " + set_text(set);
    }
    case Kind::constants: {
      const std::span<const Value> keys = index.constants(c);
      std::vector<bool> in(keys.size() + 1, false);
      for (const SegmentRange& s : values)
        for (std::uint32_t k = s.first; k <= s.last; ++k) in[k] = true;
      for (std::size_t k = 0; k < in.size(); ++k)
        if (!col.units[col.unit_of[k]].possible) in[k] = false;
      bool all = true, nothing = true;
      for (std::size_t k = 0; k < in.size(); ++k) {
        all = all && (in[k] || !col.units[col.unit_of[k]].possible);
        nothing = nothing && !in[k];
      }
      if (all) return std::nullopt;
      if (nothing) return has_null ? std::optional(null_text) : std::nullopt;
      std::vector<Value> listed;
      for (std::size_t k = 0; k < keys.size(); ++k)
        if (in[k]) listed.push_back(keys[k]);
      if (in[keys.size()]) {
        if (col.values.empty()) {  // every value but some keys
          std::vector<Value> missing;
          for (std::size_t k = 0; k < keys.size(); ++k)
            if (!in[k]) missing.push_back(keys[k]);
          return col.name + " is none of " + value_list(missing);
        }
        for (const Value& v : col.values)
          if (std::none_of(keys.begin(), keys.end(), [&](const Value& k) { return k == v; })) listed.push_back(v);
      }
      if (listed.size() == 1) return col.name + " = " + value_text(listed[0]);
      return col.name + " in " + value_list(listed);
    }
    case Kind::any: return values.empty() && has_null ? std::optional(null_text) : std::nullopt;
    case Kind::unindexed: break;
  }
  return std::nullopt;
}

/// What both rows match, in the columns where the check reads both cells; empty when
/// that is every input.
std::string Checker::overlap_text(std::size_t a, std::size_t b) const {
  std::vector<SegmentRange> both;
  std::string text;
  for (const ColumnInfo& col : cols_) {
    if (!col.group.empty() && (col.group[a] != no_group || col.group[b] != no_group)) continue;
    const std::span<const SegmentRange> sa = col.index->row_segments(col.at, a),
                                        sb = col.index->row_segments(col.at, b);
    both.clear();
    for (const SegmentRange& x : sa)
      for (const SegmentRange& y : sb)
        if (std::max(x.first, y.first) <= std::min(x.last, y.last))
          both.push_back({std::max(x.first, y.first), std::min(x.last, y.last)});
    std::sort(both.begin(), both.end(), [](SegmentRange x, SegmentRange y) { return x.first < y.first; });
    if (auto part = describe(col, both, false)) text += (text.empty() ? "" : " and ") + *part;
  }
  return text;
}

/// Why the check cannot tell whether rows a and b meet: the first column where it
/// cannot read a cell of either, or columns that vary together.
std::string Checker::unanalysed_text(std::size_t a, std::size_t b) const {
  for (const ColumnInfo& col : cols_) {
    if (col.group.empty()) continue;
    const std::size_t row = col.group[a] != no_group ? a : b;
    if (col.group[row] == no_group) continue;
    return cell_text(col, row, col.reasons[col.group[row]]);
  }
  return dependent_.value_or("");
}

/// "column 'amount' compares with field 'limit' (row 0: > limit), which the load-time
/// check cannot analyse", and the like for the other reasons.
std::string Checker::cell_text(const ColumnInfo& col, std::size_t row, Reason reason) const {
  const UnaryTest& cell = table_.rows[row].when[col.column];
  const std::string column = "column '" + col.name + "'";
  const std::string where = " (row " + std::to_string(row) + ": " + std::string(cell.text()) + ")";
  switch (reason) {
    case Reason::reads_field: {
      std::string field = "another field";
      if (scope_ != nullptr && !cell.slots_used().empty())
        for (const Scope::Field& f : scope_->fields())
          if (f.slot == cell.slots_used()[0]) {
            field = "field '" + f.name + "'";
            break;
          }
      return column + " compares with " + field + where + ", which the load-time check cannot analyse";
    }
    case Reason::mixed_kinds:
      return column + " mixes constants of different kinds" + where + ", which the load-time check cannot analyse";
    case Reason::size_cap:
      return column + " is not indexed (its row sets would pass the index's cap of " + mib(col.why.bytes) +
             "), so the load-time check cannot analyse it";
    case Reason::cell_kind:
    case Reason::none: break;
  }
  return column + " has a cell of a form the load-time check cannot analyse" + where;
}

void Checker::report(Diagnostic::Severity severity, std::string message, std::string where,
                     std::vector<Diagnostic>& out) const {
  out.push_back(Diagnostic{severity, Error{ErrorCode::invalid_rule, "table '" + std::string(name_) + "': " + message,
                                           Location::at_pointer(std::string(pointer_) + where)}});
}

void Checker::run(bool overlaps, bool gaps, bool shadowed, std::vector<Diagnostic>& out) {
  prepare_run(overlaps, gaps, shadowed);
  const bool walked = walk_combinations();
  if (!walked) {
    prepare_starts();
    if (want_overlaps_) overlaps_per_row();
    if (want_gaps_) gaps_per_column();
  }
  if (want_overlaps_) report_overlaps(out);
  if (want_gaps_) report_gaps(out);
  if (want_first_) report_unreached(walked && !substituted_, out);  // reached_ is exact then
  report_unanalysed(out);
}

void Checker::report_overlaps(std::vector<Diagnostic>& out) const {
  std::size_t proven = 0, maybe = 0;
  for (std::size_t r = 0; r < rows_; ++r) {
    if (partner_[r] != none) {
      if (++proven > max_overlaps_listed) continue;
      const std::string both = overlap_text(partner_[r], r);
      report(Diagnostic::Severity::error,
             row_name(partner_[r]) + " and " + row_name(r) +
                 " overlap (hit policy UNIQUE): " + (both.empty() ? "both match every input" : "both match " + both),
             "/rows/" + std::to_string(r), out);
    }
  }
  if (proven > max_overlaps_listed)
    report(Diagnostic::Severity::error,
           std::to_string(proven - max_overlaps_listed) + " more rows overlap earlier rows", "/rows", out);
  for (std::size_t r = 0; r < rows_; ++r) {
    if (partner_[r] != none || maybe_[r] == none || ++maybe > max_overlaps_listed) continue;
    const std::string both = overlap_text(maybe_[r], r);
    report(Diagnostic::Severity::warning,
           row_name(maybe_[r]) + " and " + row_name(r) + " may overlap (hit policy UNIQUE)" +
               (both.empty() ? "" : " where both match " + both) + ": " + unanalysed_text(maybe_[r], r) +
               "; two matching rows are a conflict error when evaluated",
           "/rows/" + std::to_string(r), out);
  }
  if (maybe > max_overlaps_listed)
    report(Diagnostic::Severity::warning,
           std::to_string(maybe - max_overlaps_listed) + " more rows may overlap earlier rows", "/rows", out);
  if (overlaps_stopped_at_ != none)
    report(Diagnostic::Severity::warning,
           "the overlap check stopped at row " + std::to_string(overlaps_stopped_at_) + " of " + std::to_string(rows_) +
               ", past its work budget: the rows from there on were not checked against later rows; two matching "
               "rows are a conflict error when evaluated",
           "/rows", out);
}

void Checker::report_gaps(std::vector<Diagnostic>& out) {
  const auto severity = table_.required ? Diagnostic::Severity::error : Diagnostic::Severity::warning;
  for (GapText& gap : gaps_)
    report(gap.proven ? severity : Diagnostic::Severity::warning, std::move(gap.text), "/rows", out);
  if (gap_count_ > gaps_.size())
    report(severity, std::to_string(gap_count_ - gaps_.size()) + " more gaps where no row matches", "/rows", out);
}

void Checker::report_unreached(bool exact, std::vector<Diagnostic>& out) {
  prepare_starts();
  std::size_t listed = 0, more = 0;
  for (std::size_t r = 0; r < rows_; ++r) {
    if (exact && has_row(reached_.data(), r)) continue;
    if (listed == max_shadowed_listed) {
      if (exact)
        ++more;
      else if (shadow_work_ <= options_.work_budget && shadow_row(r) == Reach::shadowed)
        ++more;
      continue;
    }
    if (shadow_row(r) != Reach::shadowed) continue;
    ++listed;
    std::string by;
    for (std::size_t i = 0; i < coverers_.size() && i < 8; ++i) by += (i ? ", " : "") + std::to_string(coverers_[i]);
    if (coverers_.size() > 8) by += ", ... (" + std::to_string(coverers_.size()) + " rows)";
    report(Diagnostic::Severity::warning,
           row_name(r) + " is never reached: " +
               (coverers_.empty() ? std::string("it matches no input")
                                  : (coverers_.size() == 1 ? "row " : "rows ") + by +
                                        (coverers_.size() == 1 ? " covers it" : " cover it")),
           "/rows/" + std::to_string(r), out);
  }
  if (more > 0)
    report(Diagnostic::Severity::warning, std::to_string(more) + " more rows are never reached", "/rows", out);
}

/// What the checks could not analyse, where it matters: a column past the index's
/// size cap, and the gaps of a required table (a missed gap fails at run time).
void Checker::report_unanalysed(std::vector<Diagnostic>& out) const {
  for (const ColumnInfo& col : cols_)
    if (col.why.reason == Reason::size_cap)
      report(Diagnostic::Severity::warning,
             "column '" + col.name + "' is not indexed: its row sets would pass the index's cap of " +
                 mib(col.why.bytes) +
                 "; evaluation tests its cells row by row, and the load-time checks cannot analyse it",
             "/inputs/" + std::to_string(col.column), out);
  if (!want_gaps_ || !table_.required || !substituted_) return;
  for (const ColumnInfo& col : cols_)
    if (!col.group.empty()) {
      report(Diagnostic::Severity::warning,
             "the gap check takes cells it cannot analyse to match every value: " +
                 cell_text(col, col.example, col.why.reason) +
                 "; an input that no row matches is a no_match error when evaluated",
             "/rows", out);
      return;
    }
}

}  // namespace crm::internal::table_check
