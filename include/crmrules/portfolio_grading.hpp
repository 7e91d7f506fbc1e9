// crm::grade_csv: grade every customer of a portfolio CSV with a rule set and add the
// portfolio classes (ABC, rank, cumulative share, Pareto; RFM when asked): the work of
// `crmrules grade`.
//
//   auto rules = crm::RuleSet::load_file("rules.json");
//   std::ofstream out("graded.csv");
//   crm::GradeOptions options;                       // measure: annual_net_profit
//   auto summary = crm::grade_csv(*rules, "portfolio.csv", out, options);
//   if (!summary) { std::cerr << summary.error().to_string() << '\n'; return 1; }
//   for (const auto& r : summary->rejects) std::cerr << r.error.to_string() << '\n';
//   std::cout << summary->graded << " graded; Pareto " << summary->pareto_share()->to_string();
//   std::ofstream("portfolio.svg") << summary->to_svg();   // the Pareto curve, customers per grade
//   // Or into a file that is replaced only when grading succeeds (an error keeps the old one):
//   auto into_file = crm::grade_csv_file(*rules, "portfolio.csv", "graded.csv", options);
//
// The input: a UTF-8 CSV with a header row (src/csv/csv.hpp reads it). Columns named
// after the rule set's inputs are read by the inputs' types: numbers as exact decimals
// (no thousands separators); labels, bools and text as the schema reads them (aliases,
// true/false/yes/no/1/0/是/否); an empty
// cell means "not given" (the input's default applies). `id` and `name` are copied to
// the output; the measure and RFM columns are read even when the rule set has no such
// input. Any other column is ignored with a warning. A header without a column for a
// required input (or for the measure) is an error: no row could be graded.
//
// A row that cannot be graded (a missing required value, an unparsable amount, an unknown
// enum value or grade label, a value out of bounds, a malformed CSV record, a rule that
// fails) is rejected: its line, column and reason go into GradeSummary::rejects, and every
// other row is graded as if it were not there. A record the CSV reader cannot read to its
// end (a quote never closed, a record past GradeOptions::limits) is one reject too: its
// message says which lines went with it and where reading resumed, at the first later
// line that is a record of the header's number of fields (src/csv/csv.hpp, "Recovery",
// says how that is decided and where it can guess wrong). Only an error that leaves
// nothing more to read (the file cannot be read further) stops reading: the rows before it
// are graded and GradeSummary::stopped says why.
//
// Limits (GradeOptions::limits): a header of more than csv_columns columns is an error;
// a record of more fields than that, or of more than csv_record_bytes bytes, is rejected.
// Memory stays bounded by them whatever the file holds.
//
// The output: one row per graded customer, in input order: `line`, `id`, `name` (when the
// input has them), every output of the rule set, then `abc_class`, `abc_rank`,
// `cumulative_share` (portfolio.hpp says exactly how they are computed), `four_class` when
// the rule set defines the four classes 主/次/辅/杂 (portfolio_classes.hpp), the RFM scores
// `r_score`, `f_score`, `m_score`, `rfm` when asked, and `explain` (the rule set's trace
// as JSON, and the share above the customer) with GradeOptions::explain. As CSV (quoted
// where needed) or as a JSON array of objects (exact numbers).
//
// Threads: this thread reads the CSV in batches of rows; `threads` workers (one per core
// by default) grade them, each with its own record; once the population is classified,
// workers add the portfolio columns to chunks of graded rows while this thread writes
// them. The rows come out in input order whatever the number of threads.
//
// Memory: the file is streamed. Per customer only the measure, the grade and (with RFM)
// three values stay in memory; each graded row's text goes to a temporary file and is
// copied to `out` with its portfolio columns once the whole population is known.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "crmrules/expected.hpp"
#include "crmrules/limits.hpp"
#include "crmrules/portfolio.hpp"
#include "crmrules/portfolio_classes.hpp"
#include "crmrules/rule_set.hpp"

namespace crm {

struct GradeOptions {
  enum class Format { csv, json };
  std::string measure = "annual_net_profit";  // the column ABC and Pareto rank by
  std::string grade_output = "value_grade";   // the output counted per label in the summary
  PortfolioOptions portfolio;
  std::string recency, frequency, monetary;  // RFM columns: all three, or none
  Better recency_better = Better::lower;      // days since the last purchase
  int rfm_bins = 5;
  Format format = Format::csv;
  bool explain = false;
  // Input columns carried through to each graded row, after `line`: `id` and `name` when
  // the file has them, then `keep` (each must be a column of the file: missing otherwise,
  // with did-you-mean), or with keep_all every column in the file's order. A kept column
  // may not be named as a column the output writes itself (line, an output, abc_class, ...).
  std::vector<std::string> keep;
  bool keep_all = false;
  // A column that is neither an input nor read otherwise is ignored with a warning; with
  // ignore_unknown (or the rule set's "unknown_inputs": "ignore") silently.
  bool ignore_unknown = false;
  std::size_t max_rejects_kept = 1000;  // more rejected rows are counted, not kept
  unsigned threads = 0;                  // threads that grade rows; 0: one per core
  Limits limits;                         // csv_columns and csv_record_bytes apply
};

/// A row that was not graded: where and why (error.where has the line and column).
struct RejectedRow {
  std::uint64_t line = 0;
  std::string column;  // the column's name, "" when the problem is the record itself
  Error error;
};

struct GradeSummary {
  std::uint64_t rows = 0;      // data records read (graded and rejected)
  std::uint64_t graded = 0;
  std::uint64_t rejected = 0;  // may exceed rejects.size()
  std::vector<RejectedRow> rejects;
  std::vector<std::string> warnings;       // ignored columns, a missing grade output, ...
  std::optional<Error> stopped;            // a read error that ended reading early (rows after it unread)
  std::string measure;                     // the measure's column
  std::string grade_output;                // "" when the rule set has no such output
  /// Customers per label of grade_output (sorted by label; "" for a null grade), and
  /// per ABC class within each label.
  struct GradeCount {
    std::string label;
    std::uint64_t customers = 0;
    std::uint64_t per_class[3] = {0, 0, 0};
  };
  std::vector<GradeCount> grades;
  std::optional<Portfolio> portfolio;  // the graded customers' classes, in output order
  /// With a rule set that defines the four classes 主/次/辅/杂 (portfolio_classes.hpp):
  /// each class, its customers and the part of the positive total they hold; else empty.
  struct ClassCount {
    ShareClass about;
    std::uint64_t customers = 0;
    Decimal share;
  };
  std::vector<ClassCount> four_class;

  [[nodiscard]] std::optional<Decimal> pareto_share() const {
    return portfolio ? portfolio->pareto_share() : std::nullopt;
  }
  /// Everything above (but the per-customer data) as a JSON object. A rejected row is
  /// {"field": its column's name, then its error's "code", "message", "line", "column"
  /// (and "pointer" when the rule set names an input the file has no column for)};
  /// "stopped" is such an error, or null.
  [[nodiscard]] std::string to_json() const;
  /// A chart as an SVG document: the Pareto (Lorenz) curve of the measure with the class
  /// A threshold and the Pareto point (left), and a bar of customers per grade (right).
  [[nodiscard]] std::string to_svg() const;
};

/// Called now and then while reading: bytes read so far and the file's size, if known.
using GradeProgress = std::function<void(std::uint64_t done, std::optional<std::uint64_t> total)>;

/// Grades the CSV at path ("-" for standard input) and writes the graded rows to out.
/// Errors: the file cannot be read, is empty (no header), its header is malformed, wider
/// than limits.csv_columns or lacks a required column, the options are invalid, or `out`
/// fails.
[[nodiscard]] expected<GradeSummary> grade_csv(const RuleSet& rules, const std::string& path, std::ostream& out,
                                               const GradeOptions& options = {},
                                               const GradeProgress& progress = {});

/// The same into the file out_path ("-": standard output). The rows are written beside it
/// under a temporary name that replaces out_path only when grading succeeded: on any error
/// the file that was at out_path is left as it was. A rejected row is no error (see the
/// summary's rejected).
[[nodiscard]] expected<GradeSummary> grade_csv_file(const RuleSet& rules, const std::string& path,
                                                    const std::string& out_path, const GradeOptions& options = {},
                                                    const GradeProgress& progress = {});

}  // namespace crm
