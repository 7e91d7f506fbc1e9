// A Kano analysis as JSON and CSV (the chart: chart.cpp).
#include "crmrules/kano.hpp"
#include "src/csv/csv.hpp"
#include "src/json/writer.hpp"

namespace crm::kano {
namespace {

using internal::JsonArray;
using internal::JsonLayout;
using internal::JsonObject;

void optional_decimal(JsonObject& o, std::string_view name, const std::optional<Decimal>& d) {
  if (d)
    o.number(name, *d);
  else
    o.null(name);
}

void optional_string(JsonObject& o, std::string_view name, const std::optional<std::string>& s) {
  if (s)
    o.string(name, *s);
  else
    o.null(name);
}

void write_settings(JsonObject& o, const Settings& s) {
  o.key("settings");
  JsonObject settings(o.out());
  settings.key("table");
  JsonArray rows(o.out());
  for (int f = 0; f < 5; ++f) {
    JsonArray row(rows.item());
    for (int d = 0; d < 5; ++d) internal::write_json_string(row.item(), letter(s.table[f * 5 + d]));
  }
  rows.close();
  settings.number("weak_threshold", s.weak_threshold)
      .number("scale", std::int64_t{s.scale})
      .string("rounding", to_string(s.rounding));
  optional_decimal(settings, "drop_questionable_above", s.drop_questionable_above);
}

void write_result(std::string& out, const Result& r) {
  JsonObject o(out);
  o.string("attribute", r.attribute);
  optional_string(o, "segment", r.segment);
  o.string("wave", r.wave).key("counts");
  {
    JsonObject counts(out);
    for (std::size_t c = 0; c < category_count; ++c)
      counts.number(letter(static_cast<Category>(c)), std::uint64_t{r.counts[c]});
  }
  o.number("n", std::uint64_t{r.n})
      .string("mode", letter(r.mode))
      .string("category", letter(r.category))
      .string("category_name", name(r.category))
      .boolean("rule_applied", r.rule_applied)
      .key("fong");
  {
    JsonObject fong(out);
    fong.string("first", letter(r.first))
        .string("second", letter(r.second))
        .number("difference", std::uint64_t{r.fong_difference})
        .number("threshold", r.fong_threshold)
        .boolean("significant", r.significant);
  }
  optional_decimal(o, "better", r.better);
  optional_decimal(o, "worse", r.worse);
  o.number("total_strength", r.total_strength).number("category_strength", r.category_strength);
}

/// "category", "better" and "worse" of a result.
void write_brief(JsonObject& o, const Result& r) {
  o.string("category", letter(r.category));
  optional_decimal(o, "better", r.better);
  optional_decimal(o, "worse", r.worse);
}

/// `"name": [item, ...]`, one item a line.
template <class Items, class Write>
void write_list(JsonObject& o, std::string_view name, const Items& items, Write write) {
  o.key(name);
  JsonArray list(o.out(), JsonLayout::lines);
  for (const auto& item : items) write(list.item(), item);
}

}  // namespace

std::string Analysis::to_json() const {
  std::string out;
  JsonObject o(out, JsonLayout::lines);
  write_settings(o, settings);
  o.number("pairs_used", std::uint64_t{pairs_used});
  write_list(o, "dropped_respondents", dropped_respondents, internal::write_json_string);
  write_list(o, "results", results, write_result);
  write_list(o, "priorities", priorities, [&](std::string& s, const Priority& p) {
    JsonObject item(s);
    item.number("rank", std::uint64_t{p.rank}).string("attribute", p.attribute).string("wave", results[p.result].wave);
    write_brief(item, results[p.result]);
    item.string("advice", p.advice);
  });
  write_list(o, "segment_differences", differences, [&](std::string& s, const SegmentDifference& d) {
    JsonObject item(s);
    item.string("attribute", d.attribute).string("wave", d.wave).key("segments");
    JsonArray segments(s);
    for (std::size_t k : d.results) {
      const Result& r = results[k];
      JsonObject segment(segments.item());
      optional_string(segment, "segment", r.segment);
      write_brief(segment, r);
      segment.number("n", std::uint64_t{r.n});
    }
  });
  write_list(o, "drifts", drifts, [&](std::string& s, const Drift& d) {
    JsonObject item(s);
    item.string("attribute", d.attribute);
    optional_string(item, "segment", d.segment);
    item.string("direction", to_string(d.direction)).key("from");
    write_result(s, results[d.from_result]);
    item.key("to");
    write_result(s, results[d.to_result]);
  });
  write_list(o, "issues", issues, [](std::string& s, const Error& e) {
    JsonObject issue(s);
    internal::write_error_members(issue, e);
  });
  o.close();
  out += '\n';
  return out;
}

std::string Analysis::to_csv() const {
  using internal::csv::append_cell;
  std::string out =
      "wave,segment,attribute,A,O,M,I,R,Q,n,mode,category,rule_applied,fong_first,fong_second,fong_difference,"
      "fong_threshold,significant,better,worse,total_strength,category_strength\r\n";
  for (const Result& r : results) {
    append_cell(out, r.wave);
    out += ',';
    if (r.segment) append_cell(out, *r.segment);
    out += ',';
    append_cell(out, r.attribute);
    for (auto c : r.counts) out += ',' + std::to_string(c);
    out += ',' + std::to_string(r.n) + ',' + std::string(letter(r.mode)) + ',' + std::string(letter(r.category)) + ',' +
           (r.rule_applied ? "true" : "false") + ',' + std::string(letter(r.first)) + ',' +
           std::string(letter(r.second)) + ',' + std::to_string(r.fong_difference) + ',' +
           r.fong_threshold.to_string() + ',' + (r.significant ? "true" : "false") + ',' +
           (r.better ? r.better->to_string() : "") + ',' + (r.worse ? r.worse->to_string() : "") + ',' +
           r.total_strength.to_string() + ',' + r.category_strength.to_string() + "\r\n";
  }
  return out;
}

}  // namespace crm::kano
