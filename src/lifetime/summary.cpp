// From a transaction log to the summary the models read: per customer frequency (repeat
// purchase days), recency, age T and the mean repeat value, with a calibration/holdout
// split (docs/lifetime.md gives the definitions; they are `lifetimes`' with freq="D").
#include <algorithm>
#include <charconv>
#include <numeric>

#include "src/lifetime/detail.hpp"

namespace crm::internal::lifetime {

std::string fixed(double value, int places) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, places);
  std::string s(buf, r.ptr);
  if (s.starts_with('-') && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);  // no "-0.00"
  return s;
}

Error row_error(std::size_t index, std::string_view field, std::string message) {
  return Error{ErrorCode::invalid_argument, std::move(message),
               Location::at_pointer("/" + std::to_string(index) + "/" + std::string(field))};
}

expected<void> check_customer(std::size_t i, double x, double t_x, double T) {
  if (!std::isfinite(x) || x < 0 || x != std::floor(x))
    return unexpected(row_error(i, "frequency", "a frequency is a whole number of repeat purchases, 0 or more"));
  if (!std::isfinite(T) || T < 0) return unexpected(row_error(i, "T", "T is a finite age of 0 or more"));
  if (!std::isfinite(t_x) || t_x < 0 || t_x > T)
    return unexpected(row_error(i, "recency", "recency is between 0 and T"));
  if (x == 0 && t_x != 0)
    return unexpected(row_error(i, "recency", "a customer without repeat purchases has recency 0"));
  return {};
}

}  // namespace crm::internal::lifetime

namespace crm::lifetime {

expected<void> check_customers(std::span<const double> x, std::span<const double> t_x, std::span<const double> T) {
  if (x.size() != t_x.size() || x.size() != T.size())
    return unexpected(Error{ErrorCode::invalid_argument, "frequency, recency and T have different lengths", {}});
  for (std::size_t i = 0; i < x.size(); ++i)
    if (auto ok = internal::lifetime::check_customer(i, x[i], t_x[i], T[i]); !ok) return ok;
  return {};
}

namespace {

using internal::lifetime::to_double;

/// The log's rows grouped by customer (a counting sort: one index per row).
struct ByCustomer {
  std::vector<std::uint32_t> start;  // customers + 1 offsets into order
  std::vector<std::uint32_t> order;  // row indexes
};

ByCustomer group(const TransactionLog& log) {
  ByCustomer g;
  g.start.assign(log.customers.size() + 1, 0);
  for (const auto& row : log.rows) ++g.start[row.customer + 1];
  std::partial_sum(g.start.begin(), g.start.end(), g.start.begin());
  g.order.resize(log.rows.size());
  std::vector<std::uint32_t> next(g.start.begin(), g.start.end() - 1);
  for (std::uint32_t i = 0; i < log.rows.size(); ++i) g.order[next[log.rows[i].customer]++] = i;
  return g;
}

struct Day {
  std::int32_t day;
  Decimal amount;
};

/// One customer's purchase days up to `end`, each with its exact total, in order.
expected<void> days_of(const TransactionLog& log, std::span<const std::uint32_t> rows, std::int32_t end,
                       std::vector<Day>& out) {
  out.clear();
  for (std::uint32_t i : rows)
    if (log.rows[i].day <= end) out.push_back({log.rows[i].day, log.rows[i].amount});
  std::sort(out.begin(), out.end(), [](const Day& a, const Day& b) { return a.day < b.day; });
  std::size_t w = 0;
  for (std::size_t r = 0; r < out.size(); ++r) {
    if (w > 0 && out[w - 1].day == out[r].day) {
      auto sum = out[w - 1].amount.add(out[r].amount);
      if (!sum) return unexpected(sum.error());
      out[w - 1].amount = *sum;
    } else {
      out[w++] = out[r];
    }
  }
  out.resize(w);
  return {};
}

expected<Decimal> sum(std::span<const Day> days) {
  Decimal total;
  for (const Day& d : days) {
    auto s = total.add(d.amount);
    if (!s) return unexpected(s.error());
    total = *s;
  }
  return total;
}

struct Ends {
  std::int32_t calibration, observation;
  double unit;
};

/// The customer's summary, or nothing when it first bought after the calibration period.
expected<std::optional<CustomerSummary>> summarise_one(std::string_view id, std::span<const Day> days, const Ends& e) {
  const auto split = std::upper_bound(days.begin(), days.end(), e.calibration,
                                      [](std::int32_t end, const Day& d) { return end < d.day; });
  const std::span<const Day> cal(days.begin(), split), hold(split, days.end());
  if (cal.empty()) return std::optional<CustomerSummary>{};
  CustomerSummary c;
  c.customer = std::string(id);
  c.first = Date::from_days(cal.front().day);
  c.last = Date::from_days(cal.back().day);
  c.frequency = static_cast<std::uint32_t>(cal.size() - 1);
  c.recency = (cal.back().day - cal.front().day) / e.unit;
  c.T = (e.calibration - cal.front().day) / e.unit;
  auto repeat = sum(cal.subspan(1));
  if (!repeat) return unexpected(repeat.error());
  c.repeat_amount = *repeat;
  c.monetary_value = c.frequency ? to_double(*repeat) / c.frequency : 0.0;
  auto held = sum(hold);
  if (!held) return unexpected(held.error());
  c.frequency_holdout = static_cast<std::uint32_t>(hold.size());
  c.holdout_amount = *held;
  c.monetary_value_holdout = hold.empty() ? 0.0 : to_double(*held) / static_cast<double>(hold.size());
  return std::optional<CustomerSummary>(std::move(c));
}

expected<Ends> ends_of(const TransactionLog& log, const SummaryOptions& options) {
  std::int32_t last = log.rows.front().day;
  for (const auto& row : log.rows) last = std::max(last, row.day);
  Ends e{0, options.observation_end ? options.observation_end->days() : last,
         internal::lifetime::unit_days(options.unit)};
  e.calibration = options.calibration_end ? options.calibration_end->days() : e.observation;
  if (options.calibration_end && e.calibration >= e.observation)
    return unexpected(Error{ErrorCode::out_of_range,
                            "the calibration period must end before the observation period (" +
                                options.calibration_end->to_string() + " is not before " +
                                Date::from_days(e.observation).to_string() + "): the holdout would be empty",
                            {}});
  return e;
}

}  // namespace

expected<Summary> summarize(const TransactionLog& log, const SummaryOptions& options) {
  if (log.rows.empty()) return unexpected(Error{ErrorCode::missing, "the transaction log has no transaction", {}});
  auto ends = ends_of(log, options);
  if (!ends) return unexpected(ends.error());
  Summary s;
  s.unit = options.unit;
  s.observation_end = Date::from_days(ends->observation);
  s.calibration_end = options.calibration_end;
  s.duration_holdout = (ends->observation - ends->calibration) / ends->unit;
  const ByCustomer g = group(log);
  std::vector<Day> days;
  for (std::size_t c = 0; c < log.customers.size(); ++c) {
    std::span<const std::uint32_t> rows(g.order.data() + g.start[c], g.start[c + 1] - g.start[c]);
    if (auto r = days_of(log, rows, ends->observation, days); !r) return unexpected(r.error());
    auto one = summarise_one(log.customers[c], days, *ends);
    if (!one) return unexpected(one.error());
    if (!*one) continue;
    s.transactions += rows.size();
    s.one_purchase += (*one)->frequency == 0;
    s.customers.push_back(std::move(**one));
  }
  if (s.customers.empty())
    return unexpected(Error{
        ErrorCode::missing,
        "no customer bought in the calibration period (up to " + Date::from_days(ends->calibration).to_string() + ")",
        {}});
  std::sort(s.customers.begin(), s.customers.end(),
            [](const CustomerSummary& a, const CustomerSummary& b) { return a.customer < b.customer; });
  return s;
}

}  // namespace crm::lifetime
