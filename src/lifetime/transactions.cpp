// A transaction log: customer, date and amount per row, from CSV or from structs. Every
// bad value fails the whole read with its place (CSV line and column, or "/i/<field>").
#include <algorithm>
#include <new>
#include <string>

#include "crmrules/lifetime.hpp"
#include "src/core/timestamp.hpp"
#include "src/csv/csv.hpp"
#include "src/lifetime/customer_index.hpp"

namespace crm::lifetime {
namespace {

/// Builds a log one transaction at a time, numbering customers as they appear.
class Builder {
 public:
  explicit Builder(Returns returns) : returns_(returns) {}

  std::uint32_t customer(std::string_view id) { return index_.number(id, log_.customers); }
  /// Room for the rows a file of `bytes` can hold at most (a row is at least 14 bytes:
  /// "c,YYYY-MM-DD,\n"): the pages never written are never resident, and the rows are
  /// never copied to a larger vector.
  /// At most 2^26 rows are reserved; a reservation the system refuses is not made.
  void expect_bytes(std::uint64_t bytes) {
    try {
      log_.rows.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(bytes / 14, 1u << 26)));
    } catch (const std::bad_alloc&) {
    }
  }
  /// Refuses a negative amount under Returns::refuse (the caller places the error).
  [[nodiscard]] bool add(std::uint32_t customer, Date date, Decimal amount) {
    if (amount.sign() < 0) {
      if (returns_ == Returns::refuse) return false;
      ++log_.returns;
    }
    log_.rows.push_back({customer, date.days(), amount});
    return true;
  }
  TransactionLog take() { return std::move(log_); }

 private:
  Returns returns_;
  TransactionLog log_;
  internal::lifetime::CustomerIndex index_;
};

/// A date, or a date and time whose day is taken as written (2024-01-15 10:23:00 is
/// 2024-01-15; an offset is checked but not applied): the day the customer bought on.
expected<Date> purchase_day(std::string_view text) {
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) {
    if (auto t = internal::parse_timestamp(text, 0); !t) return unexpected(t.error());
    text = text.substr(0, 10);
  }
  return Date::parse(text);
}

const char* const returns_hint =
    "a negative amount (a return) is refused; net it against the customer's purchases that day "
    "with returns = net (--returns net)";

struct Columns {
  std::size_t customer = 0, date = 0, amount = 0;
  bool has_amount = false;
};

[[nodiscard]] expected<Columns> find_columns(const internal::csv::Header& header,
                                             const TransactionLog::Options& options) {
  Columns c;
  auto find = [&](const std::string& name, std::size_t& out) -> expected<void> {
    auto at = header.index_of(name);
    if (!at)
      return unexpected(Error{ErrorCode::missing, "the CSV has no column '" + name + "'", Location{{}, 1, 0, -1}});
    out = *at;
    return {};
  };
  if (auto r = find(options.customer_column, c.customer); !r) return unexpected(r.error());
  if (auto r = find(options.date_column, c.date); !r) return unexpected(r.error());
  if (!options.amount_column.empty()) {
    if (auto r = find(options.amount_column, c.amount); !r) return unexpected(r.error());
    c.has_amount = true;
  }
  return c;
}

[[nodiscard]] expected<void> read_row(const internal::csv::Row& row, const Columns& c, Builder& b) {
  const std::size_t needed = std::max({c.customer, c.date, c.has_amount ? c.amount : 0}) + 1;
  if (row.size() < needed)
    return unexpected(row.error_at(row.size() - 1, ErrorCode::missing,
                                   "the row has " + std::to_string(row.size()) + " fields, the header more"));
  const std::string_view id = row[c.customer];
  if (id.empty()) return unexpected(row.error_at(c.customer, ErrorCode::missing, "the customer is empty"));
  auto date = purchase_day(row[c.date]);
  if (!date)
    return unexpected(row.error_at(
        c.date, date.error().code,
        "'" + std::string(row[c.date]) + "' is not a date (YYYY-MM-DD, or with a time): " + date.error().message));
  Decimal amount;
  if (c.has_amount) {
    auto a = Decimal::parse(row[c.amount]);
    if (!a)
      return unexpected(row.error_at(c.amount, a.error().code,
                                     "'" + std::string(row[c.amount]) + "' is not an amount: " + a.error().message));
    amount = *a;
  }
  if (!b.add(b.customer(id), *date, amount))
    return unexpected(row.error_at(c.amount, ErrorCode::out_of_range, std::string(returns_hint)));
  return {};
}

[[nodiscard]] expected<TransactionLog> read(internal::csv::Reader reader, const TransactionLog::Options& options) {
  internal::csv::Row row;
  auto first = reader.next(row);
  if (first == internal::csv::Status::end)
    return unexpected(Error{ErrorCode::missing, "the CSV is empty: it needs a header", {}});
  if (first != internal::csv::Status::row) return unexpected(reader.error());
  auto header = internal::csv::Header::from(row);
  if (!header) return unexpected(header.error());
  auto columns = find_columns(*header, options);
  if (!columns) return unexpected(columns.error());
  reader.expect_fields(header->size());
  Builder builder(options.returns);
  if (auto bytes = reader.total_bytes()) builder.expect_bytes(*bytes);
  for (;;) {
    switch (reader.next(row)) {
      case internal::csv::Status::row:
        if (auto r = read_row(row, *columns, builder); !r) return unexpected(r.error());
        break;
      case internal::csv::Status::end: return builder.take();
      default: return unexpected(reader.error());
    }
  }
}

}  // namespace

expected<TransactionLog> TransactionLog::read_csv(std::string_view text, const Options& options) {
  return read(internal::csv::Reader::from_string(text, internal::csv::Options::from(options.limits)), options);
}

expected<TransactionLog> TransactionLog::read_csv_file(const std::string& path, const Options& options) {
  auto reader = internal::csv::Reader::open_file(path, internal::csv::Options::from(options.limits));
  if (!reader) return unexpected(reader.error());
  return read(std::move(*reader), options);
}

expected<TransactionLog> TransactionLog::from(std::span<const Transaction> transactions, Returns returns) {
  Builder builder(returns);
  for (std::size_t i = 0; i < transactions.size(); ++i) {
    const Transaction& t = transactions[i];
    const std::string at = "/" + std::to_string(i) + "/";
    if (t.customer.empty())
      return unexpected(Error{ErrorCode::missing, "the customer is empty", Location{at + "customer", 0, 0, -1}});
    if (!builder.add(builder.customer(t.customer), t.date, t.amount))
      return unexpected(Error{ErrorCode::out_of_range, returns_hint, Location{at + "amount", 0, 0, -1}});
  }
  return builder.take();
}

}  // namespace crm::lifetime
