// Trace::to_json: why each decision gave its outputs.
#include "crmrules/trace.hpp"
#include "src/json/writer.hpp"

namespace crm {
namespace {

using internal::JsonArray;
using internal::JsonObject;

void write_rows(JsonObject& o, const DecisionTrace& dt) {
  o.key("selected_rows");
  JsonArray selected(o.out());
  for (const auto& r : dt.rows)
    if (r.selected) selected.item() += std::to_string(r.index);
  selected.close();
  o.key("rows");
  JsonArray rows(o.out());
  for (const RowTrace& r : dt.rows) {
    JsonObject row(rows.item());
    row.number("row", std::uint64_t{r.index});
    if (!r.id.empty()) row.string("id", r.id);
    row.boolean("matched", r.matched);
    if (r.selected) row.boolean("selected", true);
    if (r.failed_column) row.number("failed_column", std::uint64_t{*r.failed_column});
  }
}

void write_factors(JsonObject& o, const DecisionTrace& dt) {
  o.key("factors");
  JsonArray factors(o.out());
  for (const FactorTrace& f : dt.factors) {
    JsonObject factor(factors.item());
    factor.string("factor", f.name).value("input", f.input).number("points", f.points);
    if (f.bin) factor.number("bin", std::uint64_t{*f.bin});
    if (f.baseline_difference) factor.number("below_baseline", *f.baseline_difference);
    factor.string("reason_code", f.reason_code);
  }
  factors.close();
  o.key("reason_codes");
  JsonArray codes(o.out());
  for (const auto& code : dt.reason_codes) internal::write_json_string(codes.item(), code);
}

}  // namespace

std::string Trace::to_json() const {
  std::string out;
  JsonArray list(out);
  for (const DecisionTrace& dt : decisions) {
    JsonObject o(list.item());
    o.string("decision", dt.name).string("kind", dt.kind);
    if (!dt.rows.empty()) write_rows(o, dt);
    if (!dt.factors.empty()) write_factors(o, dt);
    o.key("outputs");
    JsonObject outputs(out);
    for (const auto& [name, value] : dt.outputs) outputs.value(name, value);
  }
  list.close();
  return out;
}

}  // namespace crm
