// Evaluating whole columns: a batch of rows given as one array per input, the outputs
// returned as one array per output, the rows evaluated on worker threads. The path data
// frames take (Python's pandas; docs/pandas.md): no value per cell is built by the
// caller, no JSON on the way.
//
//   std::vector<std::int64_t> purchases = {5000000, 800000};
//   std::string sectors = "retailwholesale";                         // the text cells, back to back
//   std::vector<std::int64_t> sector_at = {0, 6, 15};                 // rows + 1 byte offsets
//   std::vector<crm::InputColumn> in = {
//       {"annual_purchases", crm::ColumnKind::int64, purchases.data()},
//       {"sector", crm::ColumnKind::text, sectors.data(), sector_at.data()}};
//   auto result = rules.evaluate_columns(in, 2);                     // errors: the batch as a whole
//   for (const auto& f : result->failures) std::cerr << f.row << ": " << f.error.to_string();
//   const crm::OutputColumn& grade = result->outputs[k];              // .text / .offsets, .valid
//
// Columns are matched to inputs by name; a column that is not an input is ignored (or
// refused with ColumnOptions::strict). A required input no column gives is an error for
// the batch, named once. A row whose values its fields refuse, or whose evaluation fails,
// is a RowFailure (its outputs null) and the other rows are evaluated. Floats: a float64
// column is refused unless ColumnOptions::floats says how to read it (the shortest text
// that reads back as the same double, which is what a CSV reader read; or each non-null
// float fails its row).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/error.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/value.hpp"

namespace crm {

/// The numbers are stable: the C ABI uses them (crm_column_kind).
enum class ColumnKind : std::uint8_t {
  text = 0,     // UTF-8 cells back to back, with rows + 1 byte offsets
  int64 = 1,    // std::int64_t per row
  float64 = 2,  // double per row: read as ColumnOptions::floats says
  boolean = 3,  // std::uint8_t per row, 0 or 1
  decimal = 4,  // crm::Decimal per row
  json = 5      // (outputs only) a list, or a value whose kind varies, as JSON text cells
};

struct InputColumn {
  std::string_view name;
  ColumnKind kind = ColumnKind::text;
  const void* values = nullptr;             // rows values, or the text's bytes
  const std::int64_t* offsets = nullptr;    // text: rows + 1 offsets into values
  const std::uint8_t* valid = nullptr;      // nullptr: every row has a value; else 0 = none (null)
};

enum class FloatPolicy : std::uint8_t {
  error = 0,     // a float64 column is an error for the batch, naming it and the remedies
  shortest = 1,  // the shortest decimal text that reads back as the same double (what read_csv read)
  reject = 2     // each non-null float fails its row
};

struct ColumnOptions {
  FloatPolicy floats = FloatPolicy::error;
  bool strict = false;    // a column that is not an input is an error (else ignored)
  unsigned threads = 0;   // 0: the hardware's
};

struct OutputColumn {
  std::string name;
  ColumnKind kind = ColumnKind::json;  // decimal, text (strings and dates), boolean, or json
  std::vector<Decimal> decimals;       // decimal
  std::vector<std::uint8_t> booleans;  // boolean
  std::string text;                    // text, json: the cells back to back
  std::vector<std::int64_t> offsets;   // text, json: rows + 1
  std::vector<std::uint8_t> valid;     // per row: 0 = null (no value, or the row failed)
};

struct RowFailure {
  std::size_t row = 0;
  Error error;  // its pointer names the input ("/annual_purchases") where one is at fault
};

/// A text or decimal output column dictionary-encoded: each row's code into the distinct
/// cells (as text, in order of first appearance; decimals as their exact text), -1 for a
/// null row. A column of labels (A1..C2) becomes a few texts and one int32 per row: what
/// a data frame's categorical column is made of, with no object per cell.
struct DictionaryColumn {
  std::vector<std::int32_t> codes;
  std::string text;                   // the distinct values back to back
  std::vector<std::int64_t> offsets;  // values + 1
  [[nodiscard]] std::size_t size() const noexcept { return offsets.empty() ? 0 : offsets.size() - 1; }
  [[nodiscard]] std::string_view value(std::size_t k) const noexcept {
    return std::string_view(text).substr(static_cast<std::size_t>(offsets[k]),
                                         static_cast<std::size_t>(offsets[k + 1] - offsets[k]));
  }
};

struct ColumnResult {
  std::size_t rows = 0;
  std::vector<OutputColumn> outputs;  // in the rule set's output order
  std::vector<RowFailure> failures;   // in row order
};

/// invalid_argument for an output of another kind (boolean, json).
[[nodiscard]] expected<DictionaryColumn> dictionary_encode(const OutputColumn& column);

}  // namespace crm
