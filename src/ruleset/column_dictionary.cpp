// An output column dictionary-encoded (include/crmrules/columns.hpp): the distinct cells
// once, a code per row. Data frames make categorical columns of it, or object columns that
// share one string per distinct cell.
#include <limits>
#include <string_view>
#include <unordered_map>

#include "crmrules/columns.hpp"

namespace crm {
namespace {

/// Numbers texts in order of first appearance.
class Numbering {
 public:
  explicit Numbering(DictionaryColumn& out) : out_(out) {}
  /// The text's code; `text` must outlive this object (it is the key).
  std::int32_t code(std::string_view text) {
    auto [it, fresh] = codes_.try_emplace(text, static_cast<std::int32_t>(out_.values.size()));
    if (fresh) out_.values.emplace_back(text);
    return it->second;
  }

 private:
  DictionaryColumn& out_;
  std::unordered_map<std::string_view, std::int32_t> codes_;
};

void encode_text(const OutputColumn& c, DictionaryColumn& out) {
  Numbering numbering(out);
  for (std::size_t i = 0; i < out.codes.size(); ++i)
    if (c.valid[i])
      out.codes[i] = numbering.code(std::string_view(c.text).substr(
          static_cast<std::size_t>(c.offsets[i]), static_cast<std::size_t>(c.offsets[i + 1] - c.offsets[i])));
}

void encode_decimals(const OutputColumn& c, DictionaryColumn& out) {
  std::vector<std::string> texts(out.codes.size());  // the keys' storage
  Numbering numbering(out);
  for (std::size_t i = 0; i < out.codes.size(); ++i)
    if (c.valid[i]) {
      texts[i] = c.decimals[i].to_string();
      out.codes[i] = numbering.code(texts[i]);
    }
}

}  // namespace

expected<DictionaryColumn> dictionary_encode(const OutputColumn& column) {
  if (column.kind != ColumnKind::text && column.kind != ColumnKind::decimal)
    return unexpected(Error{ErrorCode::invalid_argument,
                            "output '" + column.name + "' is neither text nor decimal: it has no dictionary",
                            {}});
  const std::size_t rows = column.valid.size();
  if (rows > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    return unexpected(Error{ErrorCode::out_of_range, "a dictionary codes at most 2^31 - 1 rows", {}});
  DictionaryColumn out;
  out.codes.assign(rows, -1);
  column.kind == ColumnKind::text ? encode_text(column, out) : encode_decimals(column, out);
  return out;
}

}  // namespace crm
