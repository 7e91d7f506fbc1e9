// Retention and churn per calendar month and per cohort (the month of a customer's first
// purchase), with the deck's cost view: what replacing the lost customers costs against
// what keeping the kept ones cost.
#include <algorithm>
#include <cstdio>

#include "src/json/writer.hpp"
#include "src/lifetime/detail.hpp"

namespace crm::lifetime {
namespace {

/// A hundred years of months: the cohort table is cohorts x months.
constexpr int max_months = 1200;

int month_index(std::int32_t day) {
  const Date d = Date::from_days(day);
  return d.year() * 12 + d.month() - 1;
}

std::string month_text(int index) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", index / 12, index % 12 + 1);
  return buf;
}

std::optional<Decimal> ratio(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return std::nullopt;
  auto r =
      Decimal::from_int(static_cast<std::int64_t>(part)).div(Decimal::from_int(static_cast<std::int64_t>(whole)), 4);
  return r->round(4).value();
}

expected<Decimal> times(const Decimal& cost, std::uint64_t n) {
  return cost.mul(Decimal::from_int(static_cast<std::int64_t>(n)));
}

/// Each customer's active months, sorted, as (customer, month) pairs; negative rows (returns) left out.
std::vector<std::pair<std::uint32_t, int>> activity(const TransactionLog& log) {
  std::vector<std::pair<std::uint32_t, int>> a;
  a.reserve(log.rows.size());
  for (const auto& row : log.rows)
    if (row.amount.sign() >= 0) a.emplace_back(row.customer, month_index(row.day));
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

}  // namespace

std::optional<Decimal> Cohort::rate(std::size_t offset) const {
  return offset < active.size() ? ratio(active[offset], size) : std::nullopt;
}

expected<Retention> retention(const TransactionLog& log, const RetentionOptions& options) {
  if (options.acquisition_cost.sign() < 0 || options.retention_cost.sign() < 0)
    return unexpected(Error{ErrorCode::out_of_range, "a cost may not be negative", {}});
  const auto a = activity(log);
  if (a.empty()) return unexpected(Error{ErrorCode::missing, "the transaction log has no purchase", {}});
  int lo = a.front().second, hi = lo;
  for (const auto& [c, m] : a) lo = std::min(lo, m), hi = std::max(hi, m);
  if (hi - lo >= max_months)
    return unexpected(Error{ErrorCode::out_of_range,
                            "the log spans " + std::to_string(hi - lo + 1) + " months (" + month_text(lo) + " to " +
                                month_text(hi) + "); retention is worked out over at most " +
                                std::to_string(max_months) + " (the cohort table grows with the square)",
                            {}});
  const std::size_t span = static_cast<std::size_t>(hi - lo + 1);
  std::vector<std::uint64_t> active(span), kept(span), fresh(span);
  std::vector<std::vector<std::uint64_t>> cohort(span);
  Retention r;
  for (std::size_t i = 0; i < a.size();) {
    std::size_t j = i;
    const int first = a[i].second;
    auto& row = cohort[first - lo];
    if (row.empty()) row.assign(static_cast<std::size_t>(hi - first + 1), 0);
    ++fresh[first - lo];
    ++r.customers;
    for (; j < a.size() && a[j].first == a[i].first; ++j) {
      ++active[a[j].second - lo];
      ++row[a[j].second - first];
      if (j > i && a[j - 1].second == a[j].second - 1) ++kept[a[j].second - lo];
    }
    i = j;
  }
  r.acquisition_cost = options.acquisition_cost;
  r.retention_cost = options.retention_cost;
  for (std::size_t k = 0; k < span; ++k) {
    MonthRetention m;
    m.month = month_text(lo + static_cast<int>(k));
    m.active = active[k];
    m.new_customers = fresh[k];
    m.kept = kept[k];
    if (k > 0) {
      m.lost = active[k - 1] - kept[k];
      m.retention_rate = ratio(kept[k], active[k - 1]);
      if (m.retention_rate) m.churn_rate = Decimal::from_int(1).sub(*m.retention_rate).value();
    }
    auto lost_cost = times(options.acquisition_cost, m.lost), kept_cost = times(options.retention_cost, m.kept);
    if (!lost_cost || !kept_cost) return unexpected(!lost_cost ? lost_cost.error() : kept_cost.error());
    m.lost_acquisition_cost = *lost_cost;
    m.kept_retention_cost = *kept_cost;
    auto t1 = r.total_lost_acquisition_cost.add(*lost_cost), t2 = r.total_kept_retention_cost.add(*kept_cost);
    if (!t1 || !t2) return unexpected(!t1 ? t1.error() : t2.error());
    r.total_lost_acquisition_cost = *t1;
    r.total_kept_retention_cost = *t2;
    r.months.push_back(std::move(m));
    if (!cohort[k].empty()) r.cohorts.push_back(Cohort{month_text(lo + static_cast<int>(k)), fresh[k], cohort[k]});
  }
  return r;
}

std::string Retention::to_json() const {
  std::string out;
  internal::JsonObject o(out);
  o.number("customers", customers);
  o.key("costs");
  {
    internal::JsonObject c(out);
    c.number("acquisition", acquisition_cost).number("retention", retention_cost);
    c.number("lost_acquisition", total_lost_acquisition_cost).number("kept_retention", total_kept_retention_cost);
    c.close();
  }
  o.key("months");
  internal::JsonArray ms(out);
  for (const auto& m : months) {
    internal::JsonObject e(ms.item());
    e.string("month", m.month).number("active", m.active).number("new", m.new_customers);
    e.number("kept", m.kept).number("lost", m.lost);
    m.retention_rate ? e.number("retention_rate", *m.retention_rate) : e.null("retention_rate");
    m.churn_rate ? e.number("churn_rate", *m.churn_rate) : e.null("churn_rate");
    e.number("lost_acquisition_cost", m.lost_acquisition_cost).number("kept_retention_cost", m.kept_retention_cost);
    e.close();
  }
  ms.close();
  o.key("cohorts");
  internal::JsonArray cs(out);
  for (const auto& c : cohorts) {
    internal::JsonObject e(cs.item());
    e.string("month", c.month).number("size", c.size);
    e.key("active");
    internal::JsonArray act(out);
    for (auto n : c.active) act.item() += std::to_string(n);
    act.close();
    e.key("rates");
    internal::JsonArray rates(out);
    for (std::size_t k = 0; k < c.active.size(); ++k) rates.item() += c.rate(k)->to_string();
    rates.close();
    e.close();
  }
  cs.close();
  o.close();
  return out;
}

std::string Retention::cohorts_csv() const {
  std::size_t width = 0;
  for (const auto& c : cohorts) width = std::max(width, c.active.size());
  std::string out = "cohort,size";
  for (std::size_t k = 0; k < width; ++k) out += ",m" + std::to_string(k);
  out += '\n';
  for (const auto& c : cohorts) {
    out += c.month + ',' + std::to_string(c.size);
    for (std::size_t k = 0; k < width; ++k) out += ',' + (k < c.active.size() ? c.rate(k)->to_string() : "");
    out += '\n';
  }
  return out;
}

std::string Retention::to_text(Lang lang, const Settings& s) const {
  const auto& t = s.texts;
  std::string out = t.acquisition_vs_retention.in(lang) + " (" + acquisition_cost.to_string() + " : " +
                    retention_cost.to_string() + ")\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-8s %8s %8s %8s %8s %10s %10s\n", "month", "active", "new", "kept", "lost",
                t.retention_rate.in(Lang::en).c_str(), t.churn_rate.in(Lang::en).c_str());
  out += t.retention_rate.in(lang) + " / " + t.churn_rate.in(lang) + "\n" + line;
  for (const auto& m : months) {
    std::snprintf(line, sizeof line, "%-8s %8llu %8llu %8llu %8llu %10s %10s\n", m.month.c_str(),
                  static_cast<unsigned long long>(m.active), static_cast<unsigned long long>(m.new_customers),
                  static_cast<unsigned long long>(m.kept), static_cast<unsigned long long>(m.lost),
                  m.retention_rate ? m.retention_rate->to_string().c_str() : "-",
                  m.churn_rate ? m.churn_rate->to_string().c_str() : "-");
    out += line;
  }
  out += "lost x acquisition cost: " + total_lost_acquisition_cost.to_string() +
         "; kept x retention cost: " + total_kept_retention_cost.to_string() + "\n";
  return out;
}

}  // namespace crm::lifetime
