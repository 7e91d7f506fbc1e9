// Graded rows as CSV (src/portfolio/csv_row_writer.hpp).
#include "src/portfolio/csv_row_writer.hpp"

#include <charconv>
#include <cstring>
#include <utility>

#include "src/csv/csv.hpp"

namespace crm::internal {
namespace {

/// Writers into a buffer sized beforehand; each returns the end of what it wrote.
char* put(char* w, std::string_view s) noexcept {
  std::memcpy(w, s.data(), s.size());
  return w + s.size();
}
char* put_integer(char* w, std::uint64_t n) noexcept { return std::to_chars(w, w + 20, n).ptr; }

/// The most bytes a row's cells take (`scratch` gets the texts of its dates and lists).
std::size_t room_for(std::span<const std::string_view> kept, std::span<const Value> values,
                     std::vector<std::string>& scratch) {
  std::size_t room = 20;
  for (std::string_view cell : kept) room += 1 + csv::cell_bound(cell);
  for (const Value& v : values) {
    switch (v.kind()) {
      case ValueKind::null: room += 1; break;
      case ValueKind::boolean: room += 6; break;
      case ValueKind::decimal: room += 1 + Decimal::max_chars; break;
      case ValueKind::string: room += 1 + csv::cell_bound(v.as_string()); break;
      case ValueKind::list: room += 1 + csv::cell_bound(scratch.emplace_back(list_cell(v))); break;
      default: room += 1 + csv::cell_bound(scratch.emplace_back(v.to_string())); break;
    }
  }
  return room;
}

}  // namespace

std::string list_cell(const Value& list) {
  std::string cell;
  bool first = true;
  for (const Value& item : list.as_list()) {
    if (!std::exchange(first, false)) cell += ';';
    for (char c : item.to_string()) {
      if (c == ';' || c == '\\') cell += '\\';
      cell += c;
    }
  }
  return cell;
}

std::string CsvRowWriter::begin_file() const {
  std::string line = "line";
  for (const auto& k : layout().kept) line += ',', csv::append_cell(line, k);
  for (const auto& o : layout().outputs) line += ',', csv::append_cell(line, o);
  line += ",abc_class,abc_rank,cumulative_share";
  if (!layout().four_class.empty()) line += ",four_class";
  if (layout().rfm) line += ",r_score,f_score,m_score,rfm";
  if (layout().explain) line += ",explain";
  line += '\n';
  return line;
}

// The room is counted first, so the cells are written with no check per cell.
void CsvRowWriter::begin_row(std::string& out, std::uint64_t line, std::span<const std::string_view> kept,
                             std::span<const Value> outputs, std::vector<std::string>& scratch) const {
  scratch.clear();
  const std::size_t before = out.size();
  out.resize_and_overwrite(before + room_for(kept, outputs, scratch), [&](char* buf, std::size_t) noexcept {
    char* w = put_integer(buf + before, line);
    for (std::string_view cell : kept) *w++ = ',', w = csv::write_cell(w, cell);
    std::size_t next_shown = 0;
    for (const Value& v : outputs) {
      *w++ = ',';
      switch (v.kind()) {
        case ValueKind::null: break;
        case ValueKind::boolean: w = put(w, v.as_bool() ? std::string_view("true") : std::string_view("false")); break;
        case ValueKind::decimal: w += v.as_decimal().to_chars(w); break;
        case ValueKind::string: w = csv::write_cell(w, v.as_string()); break;
        default: w = csv::write_cell(w, scratch[next_shown++]); break;
      }
    }
    return static_cast<std::size_t>(w - buf);
  });
}

void CsvRowWriter::finish_row(std::string& out, std::size_t i, std::string_view begun, std::string_view trace,
                              const PopulationClasses& classes) const {
  const Portfolio& p = classes.portfolio;
  out += begun;
  out += ',';
  out += to_string(p.abc_class(i));
  out += ',';
  append_integer(out, p.rank(i));
  out += ',';
  append_decimal(out, p.cumulative_share(i));
  if (classes.four_class) out += ',', csv::append_cell(out, layout().four_class[classes.four_class->of_customer[i]]);
  if (layout().rfm) {  // the three scores (empty without a value), then the code when all three have one
    const std::uint8_t score[3] = {classes.scores[0][i], classes.scores[1][i], classes.scores[2][i]};
    out += ',';
    for (std::uint8_t s : score) {
      if (s != 0) append_integer(out, s);
      out += ',';
    }
    if (score[0] && score[1] && score[2])
      for (std::uint8_t s : score) append_integer(out, s);
  }
  if (layout().explain) {
    std::string explain;
    write_explain(explain, i, trace, classes);
    out += ',';
    csv::append_cell(out, explain);
  }
  out += '\n';
}

std::string CsvRowWriter::end_file(std::size_t) const { return {}; }

}  // namespace crm::internal
