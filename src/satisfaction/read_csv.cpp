// crm::satisfaction::rate_csv (include/crmrules/satisfaction.hpp): one attribute per row,
// grouped by customer in order of first appearance; every error names its line and column.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include "crmrules/satisfaction.hpp"
#include "src/csv/csv.hpp"

namespace crm::satisfaction {
namespace {

namespace csv = internal::csv;

/// The columns read, found once from the header.
struct Columns {
  std::size_t customer = 0, attribute = 0, actual = 0, ideal = 0;
  std::optional<std::size_t> weight;
};

[[nodiscard]] expected<Columns> find_columns(const csv::Header& header, std::uint64_t line) {
  Columns c;
  const std::pair<const char*, std::size_t*> wanted[] = {
      {"customer", &c.customer}, {"attribute", &c.attribute}, {"actual", &c.actual}, {"ideal", &c.ideal}};
  for (const auto& [name, column] : wanted) {
    auto found = header.index_of(name);
    if (!found)
      return fail(ErrorCode::missing,
                  std::string("the header has no column '") + name +
                      "' (a satisfaction CSV names customer, attribute, actual, ideal and optionally weight)",
                  {{}, static_cast<std::uint32_t>(line), 0, -1});
    *column = *found;
  }
  c.weight = header.index_of("weight");
  return c;
}

/// A customer's attributes while reading.
struct Customer {
  std::string name;
  std::uint64_t line = 0;
  std::vector<Attribute> attributes;
  std::vector<std::uint64_t> lines;  // each attribute's line
};

class Reading {
 public:
  explicit Reading(const Columns& c) : c_(c) {}

  [[nodiscard]] expected<void> add(const csv::Row& row) {
    if (row.size() <= std::max({c_.customer, c_.attribute, c_.actual, c_.ideal, c_.weight.value_or(0)}))
      return unexpected(row.error_at(row.size() - 1, ErrorCode::missing, "the row has too few fields"));
    auto customer = text(row, c_.customer, "customer");
    auto attribute = text(row, c_.attribute, "attribute");
    if (!customer || !attribute) return unexpected(customer ? attribute.error() : customer.error());
    Attribute a{std::string(*attribute), {}, {}, Decimal::from_int(1)};
    if (auto ok = amount(row, c_.actual, "actual", a.actual); !ok) return ok;
    if (auto ok = amount(row, c_.ideal, "ideal", a.ideal); !ok) return ok;
    if (c_.weight && !row[*c_.weight].empty())
      if (auto ok = amount(row, *c_.weight, "weight", a.weight); !ok) return ok;
    Customer& into = customer_of(*customer, row.line());
    for (const Attribute& seen : into.attributes)
      if (seen.name == a.name)
        return unexpected(row.error_at(c_.attribute, ErrorCode::conflict,
                                       "customer '" + into.name + "' has attribute '" + a.name + "' twice"));
    into.attributes.push_back(std::move(a));
    into.lines.push_back(row.line());
    return {};
  }

  [[nodiscard]] std::vector<Customer>& customers() { return customers_; }

 private:
  [[nodiscard]] static expected<std::string_view> text(const csv::Row& row, std::size_t column, const char* what) {
    if (row[column].empty())
      return unexpected(row.error_at(column, ErrorCode::missing, std::string("the ") + what + " is empty"));
    return row[column];
  }

  [[nodiscard]] static expected<void> amount(const csv::Row& row, std::size_t column, const char* what, Decimal& out) {
    auto d = Decimal::parse_amount(row[column]);
    if (!d) return unexpected(row.error_at(column, d.error().code, std::string(what) + ": " + d.error().message));
    out = *d;
    return {};
  }

  Customer& customer_of(std::string_view name, std::uint64_t line) {
    const auto [at, fresh] = index_.try_emplace(std::string(name), customers_.size());
    if (fresh) customers_.push_back({std::string(name), line, {}, {}});
    return customers_[at->second];
  }

  const Columns& c_;
  std::vector<Customer> customers_;
  std::unordered_map<std::string, std::size_t> index_;
};

[[nodiscard]] expected<std::vector<CustomerRating>> rate_all(std::vector<Customer>& customers,
                                                             const Settings& settings) {
  std::vector<CustomerRating> out;
  out.reserve(customers.size());
  for (Customer& c : customers) {
    auto r = rate(c.attributes, settings);
    if (!r)
      return fail(r.error().code, "customer '" + c.name + "': " + r.error().message,
                  {{}, static_cast<std::uint32_t>(c.line), 0, -1});
    out.push_back({std::move(c.name), c.line, std::move(*r)});
  }
  return out;
}

[[nodiscard]] expected<std::vector<CustomerRating>> rate_reader(csv::Reader& reader, const Settings& settings) {
  csv::Row row;
  switch (reader.next(row)) {
    case csv::Status::end: return fail(ErrorCode::missing, "the file is empty: a satisfaction CSV needs a header row");
    case csv::Status::bad_row:
    case csv::Status::fatal: return unexpected(reader.error());
    case csv::Status::row: break;
  }
  auto header = csv::Header::from(row);
  if (!header) return unexpected(header.error());
  auto columns = find_columns(*header, row.line());
  if (!columns) return unexpected(columns.error());
  reader.expect_fields(header->size());
  Reading reading(*columns);
  for (;;) {
    switch (reader.next(row)) {
      case csv::Status::row:
        if (auto ok = reading.add(row); !ok) return unexpected(ok.error());
        break;
      case csv::Status::bad_row:
      case csv::Status::fatal: return unexpected(reader.error());
      case csv::Status::end: return rate_all(reading.customers(), settings);
    }
  }
}

}  // namespace

expected<std::vector<CustomerRating>> rate_csv_file(const std::string& path, const Settings& settings) {
  auto reader = csv::Reader::open_file(path);
  if (!reader) return unexpected(reader.error());
  return rate_reader(*reader, settings);
}

expected<std::vector<CustomerRating>> rate_csv(std::string_view text, const Settings& settings) {
  auto reader = csv::Reader::from_string(text);
  return rate_reader(reader, settings);
}

}  // namespace crm::satisfaction
