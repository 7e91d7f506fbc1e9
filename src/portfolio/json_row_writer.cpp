// Graded rows as JSON (src/portfolio/json_row_writer.hpp).
#include "src/portfolio/json_row_writer.hpp"

#include <charconv>

#include "src/json/writer.hpp"

namespace crm::internal {
namespace {

/// `, "name": `: a member's key after the first, escaped by the JSON writer.
std::string member_key(std::string_view name) {
  std::string key = ", ";
  write_json_string(key, name);
  key += ": ";
  return key;
}

}  // namespace

JsonRowWriter::JsonRowWriter(RowLayout layout)
    : RowWriter(std::move(layout)),
      line_("{" + member_key("line").substr(2)),
      abc_class_(member_key("abc_class")),
      abc_rank_(member_key("abc_rank")),
      cumulative_share_(member_key("cumulative_share")),
      four_class_(member_key("four_class")),
      rfm_{member_key("r_score"), member_key("f_score"), member_key("m_score")},
      explain_(member_key("explain")) {
  for (const std::string& output : this->layout().outputs) outputs_.push_back(member_key(output));
  for (const std::string& column : this->layout().kept) kept_.push_back(member_key(column));
}

std::string JsonRowWriter::begin_file() const { return "["; }

void JsonRowWriter::begin_row(std::string& out, std::uint64_t line, std::span<const std::string_view> kept,
                              std::span<const Value> outputs, std::vector<std::string>&) const {
  out += line_;
  append_integer(out, line);
  for (std::size_t k = 0; k < kept.size(); ++k) out += kept_[k], write_json_string(out, kept[k]);
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    out += outputs_[o];
    write_json_value(out, outputs[o]);
  }
}

void JsonRowWriter::finish_row(std::string& out, std::size_t i, std::string_view begun, std::string_view trace,
                               const PopulationClasses& classes) const {
  const Portfolio& p = classes.portfolio;
  out += i ? ",\n" : "\n";  // one row a line
  out += begun;
  out += abc_class_;
  write_json_string(out, to_string(p.abc_class(i)));
  out += abc_rank_;
  append_integer(out, p.rank(i));
  out += cumulative_share_;
  append_decimal(out, p.cumulative_share(i));
  if (classes.four_class) {
    out += four_class_;
    write_json_string(out, layout().four_class[classes.four_class->of_customer[i]]);
  }
  for (int k = 0; layout().rfm && k < 3; ++k) {
    out += rfm_[k];
    if (const std::uint8_t score = classes.scores[k][i])
      append_integer(out, score);
    else
      out += "null";
  }
  if (layout().explain) {
    out += explain_;
    write_explain(out, i, trace, classes);
  }
  out += '}';
}

std::string JsonRowWriter::end_file(std::size_t rows) const { return rows == 0 ? "]\n" : "\n]\n"; }

}  // namespace crm::internal
