// Where grade_csv finds what it reads (src/portfolio/grade_columns.hpp).
#include "src/portfolio/grade_columns.hpp"

#include <algorithm>
#include <string_view>

#include "src/core/suggest.hpp"

namespace crm::internal {
namespace {

Location header_at(std::uint64_t header_line) { return {{}, static_cast<std::uint32_t>(header_line), 0, -1}; }

/// Ignored columns named one by one in the warnings; more are counted in one warning.
constexpr std::size_t columns_named = 20;

/// The names a column may have: the rule set's inputs and the columns grade_csv reads.
std::vector<std::string_view> known_names(const Schema& schema, const std::vector<std::string_view>& extras) {
  std::vector<std::string_view> known;
  for (const auto& f : schema.fields()) known.push_back(f.name);
  known.insert(known.end(), extras.begin(), extras.end());
  return known;
}

/// The columns that are inputs of the rule set; a column that is neither an input nor one
/// grade_csv reads otherwise gets a warning (the first columns_named of them, then one
/// warning counting the rest).
std::vector<InputColumn> input_columns(const RuleSet& rules, const csv::Header& header, const GradeOptions& options,
                                       std::vector<std::string>& warnings) {
  const Schema& schema = rules.schema();
  std::vector<std::string_view> extras;
  for (std::string_view extra :
       {std::string_view("id"), std::string_view("name"), std::string_view(options.measure),
        std::string_view(options.recency), std::string_view(options.frequency), std::string_view(options.monetary)})
    if (!extra.empty()) extras.push_back(extra);
  for (const std::string& kept : options.keep) extras.push_back(kept);  // carried through, not ignored
  std::vector<std::string_view> known;  // for "did you mean", made at the first warning
  std::vector<InputColumn> inputs;
  std::size_t ignored = 0;
  const bool silently = options.keep_all || options.ignore_unknown || rules.unknown_inputs() == UnknownInputs::ignore;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header.name(c);
    if (auto slot = schema.slot_of(name)) {
      const Field& f = schema.fields()[*slot];
      const bool amount = f.type == FieldType::decimal || f.type == FieldType::integer;
      inputs.push_back({c, *slot, &f, amount, !amount && f.type != FieldType::string});
    } else if (!silently && std::find(extras.begin(), extras.end(), std::string_view(name)) == extras.end() &&
               ++ignored <= columns_named) {
      if (known.empty()) known = known_names(schema, extras);
      warnings.push_back("column " + std::to_string(c + 1) + " '" + name + "' is not an input of rule set '" +
                         rules.name() + "' and is ignored" + did_you_mean(name, known));
    }
  }
  if (ignored > columns_named)
    warnings.push_back(std::to_string(ignored - columns_named) + " more columns are not inputs of rule set '" +
                       rules.name() + "' and are ignored");
  return inputs;
}

/// Every required input needs a column, or no row could be graded.
[[nodiscard]] expected<void> check_required(const RuleSet& rules, const csv::Header& header, std::uint64_t header_line) {
  std::string missing;
  for (const auto& f : rules.schema().fields())
    if (f.required && !header.index_of(f.name)) missing += (missing.empty() ? "'" : ", '") + f.name + "'";
  if (missing.empty()) return {};
  return fail(ErrorCode::missing,
              "the header has no column for the required input(s) " + missing + " of rule set '" + rules.name() + "'",
              header_at(header_line));
}

/// The column called `name`, which the options name for `what`.
[[nodiscard]] expected<std::size_t> column_of(const csv::Header& header, std::uint64_t header_line, const std::string& name,
                                const char* what) {
  if (auto c = header.index_of(name)) return *c;
  return fail(ErrorCode::missing,
              std::string("the header has no column '") + name + "' (" + what + ")" +
                  did_you_mean(name, std::vector<std::string_view>(header.names().begin(), header.names().end())),
              header_at(header_line));
}

/// The names a graded row writes itself: a kept column may not have one of them.
bool written_by_grade(const RuleSet& rules, std::string_view name) {
  for (std::string_view own :
       {"line", "abc_class", "abc_rank", "cumulative_share", "r_score", "f_score", "m_score", "rfm", "explain"})
    if (name == own) return true;
  return rules.output_index(name).has_value();
}

/// GradeOptions::keep and keep_all: `id` and `name` when the file has them, then the
/// columns asked for (each once).
[[nodiscard]] expected<void> kept_columns(const RuleSet& rules, const csv::Header& header, std::uint64_t header_line,
                                          const GradeOptions& options, std::vector<std::string>& warnings,
                                          GradeColumns& columns) {
  auto add = [&](std::size_t c) {
    if (std::find(columns.kept.begin(), columns.kept.end(), c) != columns.kept.end()) return;
    columns.kept.push_back(c);
    columns.kept_names.push_back(header.name(c));
  };
  for (std::string_view always : {"id", "name"})
    if (auto c = header.index_of(always); c && !written_by_grade(rules, always)) add(*c);
  for (const std::string& name : options.keep) {
    auto c = column_of(header, header_line, name, "--keep");
    if (!c) return unexpected(c.error());
    if (written_by_grade(rules, name))
      return fail(ErrorCode::conflict,
                  "column '" + name + "' cannot be kept: the graded rows have a column of that name",
                  header_at(header_line));
    add(*c);
  }
  for (std::size_t c = 0; options.keep_all && c < header.size(); ++c) {
    if (!written_by_grade(rules, header.name(c)))
      add(c);
    else
      warnings.push_back("column " + std::to_string(c + 1) + " '" + header.name(c) +
                         "' is not kept: the graded rows have a column of that name");
  }
  return {};
}

}  // namespace

expected<GradeColumns> GradeColumns::find(const RuleSet& rules, const csv::Header& header, std::uint64_t header_line,
                                          const GradeOptions& options, std::vector<std::string>& warnings) {
  GradeColumns columns;
  columns.inputs = input_columns(rules, header, options, warnings);
  if (auto ok = check_required(rules, header, header_line); !ok) return unexpected(ok.error());
  auto measure = column_of(header, header_line, options.measure, "the portfolio measure");
  if (!measure) return unexpected(measure.error());
  columns.measure = *measure;
  columns.measure_input =
      static_cast<std::size_t>(std::find_if(columns.inputs.begin(), columns.inputs.end(),
                                            [&](const InputColumn& c) { return c.column == *measure; }) -
                               columns.inputs.begin());
  columns.rfm = !options.recency.empty() || !options.frequency.empty() || !options.monetary.empty();
  const std::string* rfm_names[3] = {&options.recency, &options.frequency, &options.monetary};
  for (int k = 0; columns.rfm && k < 3; ++k) {
    auto c = column_of(header, header_line, *rfm_names[k], "an RFM column");
    if (!c) return unexpected(c.error());
    columns.rfm_columns[k] = *c;
  }
  if (auto kept = kept_columns(rules, header, header_line, options, warnings, columns); !kept)
    return unexpected(kept.error());
  columns.grade_output = rules.output_index(options.grade_output);
  if (!columns.grade_output)
    warnings.push_back("rule set '" + rules.name() + "' has no output '" + options.grade_output +
                       "': no counts per grade");
  return columns;
}

}  // namespace crm::internal
