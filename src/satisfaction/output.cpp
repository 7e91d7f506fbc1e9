// crm::satisfaction::to_csv and to_json (include/crmrules/satisfaction.hpp).
#include <algorithm>

#include "crmrules/satisfaction.hpp"
#include "src/csv/csv.hpp"
#include "src/json/writer.hpp"

namespace crm::satisfaction {
namespace {

/// The attributes below their ideal, worst ratio first (ties in input order).
std::vector<const AttributeRatio*> shortfalls(const Rating& r) {
  std::vector<const AttributeRatio*> out;
  for (const AttributeRatio& a : r.attributes)
    if (a.shortfall.sign() > 0) out.push_back(&a);
  std::stable_sort(out.begin(), out.end(), [](const AttributeRatio* x, const AttributeRatio* y) {
    return x->ratio.value_or(Decimal()) < y->ratio.value_or(Decimal());
  });
  return out;
}

std::string shortfall_cell(const Rating& r) {
  std::string cell;
  for (const AttributeRatio* a : shortfalls(r)) {
    if (!cell.empty()) cell += ';';
    cell += a->name + ':' + (a->ratio ? a->ratio->to_string() : std::string());
  }
  return cell;
}

void write_attributes(std::string& out, const Rating& r) {
  internal::JsonArray list(out);
  for (const AttributeRatio& a : r.attributes) {
    internal::JsonObject one(list.item());
    one.string("name", a.name);
    if (a.ratio)
      one.number("ratio", *a.ratio);
    else
      one.null("ratio");
    one.number("shortfall", a.shortfall);
  }
}

}  // namespace

std::string to_csv(std::span<const CustomerRating> ratings, Lang lang) {
  std::string out =
      "customer,line,actual_product,ideal_product,ratio,satisfaction,satisfaction_points,satisfaction_name,"
      "shortfalls\n";
  for (const CustomerRating& c : ratings) {
    const Rating& r = c.rating;
    internal::csv::append_cell(out, c.customer);
    out += ',' + std::to_string(c.line) + ',' + r.actual_product.to_string() + ',' + r.ideal_product.to_string() + ',' +
           r.ratio.to_string() + ',';
    internal::csv::append_cell(out, r.band->label);
    out += ',' + std::to_string(r.band->points) + ',';
    internal::csv::append_cell(out, r.band->name.in(lang));
    out += ',';
    internal::csv::append_cell(out, shortfall_cell(r));
    out += '\n';
  }
  return out;
}

std::string to_json(std::span<const CustomerRating> ratings) {
  std::string out;
  internal::JsonArray list(out);
  for (const CustomerRating& c : ratings) {
    const Rating& r = c.rating;
    internal::JsonObject one(list.item());
    one.string("customer", c.customer)
        .number("line", std::uint64_t{c.line})
        .number("actual_product", r.actual_product)
        .number("ideal_product", r.ideal_product)
        .number("ratio", r.ratio)
        .string("satisfaction", r.band->label)
        .number("satisfaction_points", std::int64_t{r.band->points})
        .text("satisfaction_name", r.band->name);
    write_attributes(one.key("attributes").out(), r);
  }
  list.close();
  out += '\n';
  return out;
}

}  // namespace crm::satisfaction
