// A summary as CSV (lifetimes' columns) and JSON, and a summary read from CSV (the CDNOW
// files: ID,frequency,recency,T or ID,x,t_x,T,zbar).
#include <charconv>
#include <limits>
#include <optional>

#include "src/csv/csv.hpp"
#include "src/json/writer.hpp"
#include "src/lifetime/detail.hpp"

namespace crm::lifetime {
namespace {

using internal::lifetime::fixed;

constexpr int unit_places = 6, value_places = 6;

void append_row(std::string& out, const CustomerSummary& c, const Summary& s) {
  internal::csv::append_cell(out, c.customer);
  out += ',' + std::to_string(c.frequency) + ',' + fixed(c.recency, unit_places) + ',' + fixed(c.T, unit_places) + ',' +
         fixed(c.monetary_value, value_places);
  if (s.calibration_end)
    out += ',' + std::to_string(c.frequency_holdout) + ',' + fixed(c.monetary_value_holdout, value_places) + ',' +
           fixed(s.duration_holdout, unit_places);
  out += '\n';
}

struct Found {
  std::size_t id, x, t_x, T;
  std::optional<std::size_t> m;
};

std::optional<std::size_t> either(const internal::csv::Header& h, std::initializer_list<std::string_view> names) {
  for (auto n : names)
    if (auto at = h.index_of(n)) return at;
  return std::nullopt;
}

expected<Found> find(const internal::csv::Header& h) {
  auto id = either(h, {"customer", "ID", "id", "customer_id"});
  auto x = either(h, {"frequency", "x", "frequency_cal"});
  auto t_x = either(h, {"recency", "t_x", "recency_cal"});
  auto T = either(h, {"T", "T_cal"});
  const char* lacking = !id ? "customer (or ID)" : !x ? "frequency (or x)" : !t_x ? "recency (or t_x)" : !T ? "T" : nullptr;
  if (lacking)
    return unexpected(Error{ErrorCode::missing, std::string("the summary CSV has no column ") + lacking,
                            Location{{}, 1, 0, -1}});
  return Found{*id, *x, *t_x, *T, either(h, {"monetary_value", "zbar", "monetary_value_cal"})};
}

expected<double> number(const internal::csv::Row& row, std::size_t field) {
  const std::string_view text = internal::csv::trim(row[field]);
  double v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc{} || r.ptr != text.data() + text.size() || !std::isfinite(v))
    return unexpected(row.error_at(field, ErrorCode::parse, "'" + std::string(text) + "' is not a number"));
  return v;
}

expected<CustomerSummary> read_customer(const internal::csv::Row& row, const Found& f) {
  const std::size_t last = std::max({f.id, f.x, f.t_x, f.T, f.m.value_or(0)});
  if (row.size() <= last)
    return unexpected(row.error_at(row.size() - 1, ErrorCode::missing, "the row has fewer fields than the header"));
  CustomerSummary c;
  c.customer = std::string(row[f.id]);
  auto x = number(row, f.x), t_x = number(row, f.t_x), T = number(row, f.T);
  for (auto* v : {&x, &t_x, &T})
    if (!*v) return unexpected(v->error());
  if (auto ok = internal::lifetime::check_customer(0, *x, *t_x, *T); !ok) {
    const std::size_t col = ok.error().where.pointer.ends_with("frequency") ? f.x
                            : ok.error().where.pointer.ends_with("recency") ? f.t_x
                                                                            : f.T;
    return unexpected(row.error_at(col, ErrorCode::invalid_argument, ok.error().message));
  }
  if (*x > std::numeric_limits<std::uint32_t>::max())
    return unexpected(
        row.error_at(f.x, ErrorCode::out_of_range,
                     "a frequency is at most " + std::to_string(std::numeric_limits<std::uint32_t>::max())));
  c.frequency = static_cast<std::uint32_t>(*x);
  c.recency = *t_x;
  c.T = *T;
  if (f.m) {
    auto m = Decimal::parse(internal::csv::trim(row[*f.m]));
    if (!m) return unexpected(row.error_at(*f.m, ErrorCode::parse, "'" + std::string(row[*f.m]) + "' is not an amount"));
    auto total = m->mul(Decimal::from_int(c.frequency));
    if (!total) return unexpected(row.error_at(*f.m, total.error().code, total.error().message));
    c.repeat_amount = *total;
    c.monetary_value = internal::lifetime::to_double(*m);
  }
  return c;
}

expected<Summary> read_summary(internal::csv::Reader reader, Unit unit) {
  internal::csv::Row row;
  if (auto st = reader.next(row); st != internal::csv::Status::row)
    return unexpected(st == internal::csv::Status::end ? Error{ErrorCode::missing, "the summary CSV is empty", {}}
                                                       : reader.error());
  auto header = internal::csv::Header::from(row);
  if (!header) return unexpected(header.error());
  auto found = find(*header);
  if (!found) return unexpected(found.error());
  reader.expect_fields(header->size());
  Summary s;
  s.unit = unit;
  for (;;) {
    auto st = reader.next(row);
    if (st == internal::csv::Status::end) break;
    if (st != internal::csv::Status::row) return unexpected(reader.error());
    auto c = read_customer(row, *found);
    if (!c) return unexpected(c.error());
    s.one_purchase += c->frequency == 0;
    s.customers.push_back(std::move(*c));
  }
  if (s.customers.empty()) return unexpected(Error{ErrorCode::missing, "the summary CSV has no customer", {}});
  return s;
}

}  // namespace

std::string Summary::to_csv() const {
  std::string out = calibration_end ? "customer,frequency_cal,recency_cal,T_cal,monetary_value_cal,frequency_holdout,"
                                      "monetary_value_holdout,duration_holdout\n"
                                    : "customer,frequency,recency,T,monetary_value\n";
  for (const auto& c : customers) append_row(out, c, *this);
  return out;
}

std::string Summary::to_json() const {
  std::string out;
  internal::JsonObject o(out);
  o.string("unit", internal::lifetime::unit_name(unit));
  o.string("observation_end", observation_end.to_string());
  if (calibration_end) {
    o.string("calibration_end", calibration_end->to_string());
    o.raw("duration_holdout", fixed(duration_holdout, unit_places));
  }
  o.number("transactions", transactions).number("one_purchase", one_purchase);
  o.key("customers");
  internal::JsonArray a(out);
  for (const auto& c : customers) {
    internal::JsonObject e(a.item());
    e.string("customer", c.customer).number("frequency", std::uint64_t{c.frequency});
    e.raw("recency", fixed(c.recency, unit_places)).raw("T", fixed(c.T, unit_places));
    e.number("repeat_amount", c.repeat_amount).raw("monetary_value", fixed(c.monetary_value, value_places));
    if (calibration_end) {
      e.number("frequency_holdout", std::uint64_t{c.frequency_holdout}).number("holdout_amount", c.holdout_amount);
      e.raw("monetary_value_holdout", fixed(c.monetary_value_holdout, value_places));
    }
    e.close();
  }
  a.close();
  o.close();
  return out;
}

expected<Summary> read_summary_csv(std::string_view text, Unit unit) {
  return read_summary(internal::csv::Reader::from_string(text), unit);
}

expected<Summary> read_summary_csv_file(const std::string& path, Unit unit) {
  auto reader = internal::csv::Reader::open_file(path);
  if (!reader) return unexpected(reader.error());
  return read_summary(std::move(*reader), unit);
}

}  // namespace crm::lifetime
