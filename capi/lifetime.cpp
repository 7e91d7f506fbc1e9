// The C ABI of retention and lifetime value (capi/crmrules_lifetime.h): transaction logs,
// summaries, retention and the analysis; the models are in lifetime_models.cpp. Conversion only.
#include <optional>
#include <string>
#include <vector>

#include "capi/internal/lifetime_bridge.hpp"
#include "capi/internal/ruleset_handle.hpp"

namespace crm::capi {
namespace {

using namespace lifetime_args;

crm_status returns_arg(lt::Returns& out, int returns, crm_error** err) {
  if (returns != CRM_LIFETIME_RETURNS_REFUSE && returns != CRM_LIFETIME_RETURNS_NET)
    return invalid(err, "returns is CRM_LIFETIME_RETURNS_REFUSE or _NET, not " + std::to_string(returns));
  out = static_cast<lt::Returns>(returns);
  return CRM_OK;
}

crm_status read_summary_options(lt::SummaryOptions& out, const crm_lifetime_summary_options* options, crm_error** err) {
  out.unit = lt::Settings::builtin().unit;
  if (options == nullptr) return CRM_OK;
  crm_lifetime_summary_options o;
  if (auto s = read_options(o, options, "options", err); s != CRM_OK) return s;
  if (auto s = unit_arg(out.unit, o.unit, err); s != CRM_OK) return s;
  if (o.has_calibration_end) out.calibration_end = Date::from_days(o.calibration_end);
  if (o.has_observation_end) out.observation_end = Date::from_days(o.observation_end);
  return CRM_OK;
}

/// Column `name`'s cell i of texts back to back with n + 1 offsets.
std::string_view cell(const char* text, const std::int64_t* offsets, std::size_t i) {
  return {text + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i])};
}

crm_status check_offsets(const std::int64_t* offsets, std::size_t n, const char* name, crm_error** err) {
  for (std::size_t i = 0; i < n; ++i)
    if (offsets[i] < 0 || offsets[i + 1] < offsets[i])
      return report(err, Error{ErrorCode::invalid_argument,
                               std::string(name) + " offsets go backwards at row " + std::to_string(i),
                               Location::at_pointer("/" + std::to_string(i) + "/" + name)});
  return CRM_OK;
}

expected<std::vector<lt::Transaction>> transactions_of(const char* customers, const std::int64_t* customer_at,
                                                       const std::int32_t* days, const char* amounts,
                                                       const std::int64_t* amount_at, std::size_t n) {
  std::vector<lt::Transaction> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].customer = std::string(cell(customers, customer_at, i));
    out[i].date = Date::from_days(days[i]);
    if (amounts == nullptr) continue;
    auto a = Decimal::parse(cell(amounts, amount_at, i));
    if (!a)
      return unexpected(Error{
          a.error().code, "'" + std::string(cell(amounts, amount_at, i)) + "' is not an amount: " + a.error().message,
          Location::at_pointer("/" + std::to_string(i) + "/amount")});
    out[i].amount = *a;
  }
  return out;
}

const lt::Settings* settings_of(const crm_ruleset* rules, std::optional<lt::Settings>& own, crm_error** err,
                                crm_status& status) {
  status = CRM_OK;
  if (rules == nullptr) return &lt::Settings::builtin();
  auto s = lt::Settings::from_rule_set(rules->rules);
  if (!s) {
    status = report(err, s.error());
    return nullptr;
  }
  own.emplace(std::move(*s));
  return &*own;
}

crm_status capacity_check(size_t capacity, size_t rows, crm_error** err) {
  if (capacity >= rows) return CRM_OK;
  return report(err, crm::Error{crm::ErrorCode::buffer_too_small,
                                "the arrays hold " + std::to_string(capacity) + " values, not the " +
                                    std::to_string(rows) + " customers",
                                {}});
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;
using namespace crm::capi::lifetime_args;

extern "C" {

crm_status crm_lifetime_log_read(crm_lifetime_log** out, const char* text, size_t len, int returns, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    auto input = text_arg(text, len, "text");
    if (!input) return report(err, input.error());
    lt::ReadOptions o;
    if (auto s = returns_arg(o.returns, returns, err); s != CRM_OK) return s;
    return make(out, lt::TransactionLog::read_csv(*input, o), err);
  });
}

crm_status crm_lifetime_log_read_file(crm_lifetime_log** out, const char* path, size_t path_len, int returns,
                                      crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    auto p = text_arg(path, path_len, "path");
    if (!p) return report(err, p.error());
    lt::ReadOptions o;
    if (auto s = returns_arg(o.returns, returns, err); s != CRM_OK) return s;
    return make(out, lt::TransactionLog::read_csv_file(std::string(*p), o), err);
  });
}

crm_status crm_lifetime_log_from_columns(crm_lifetime_log** out, const char* customers, const int64_t* customer_offsets,
                                         const int32_t* days, const char* amounts, const int64_t* amount_offsets,
                                         size_t n, int returns, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(customer_offsets, "customer_offsets", err); s != CRM_OK) return s;
    if (n > 0) {
      if (auto s = require(customers, "customers", err); s != CRM_OK) return s;
      if (auto s = require(days, "days", err); s != CRM_OK) return s;
    }
    if (amounts != nullptr)
      if (auto s = require(amount_offsets, "amount_offsets", err); s != CRM_OK) return s;
    if (auto s = check_offsets(customer_offsets, n, "customer", err); s != CRM_OK) return s;
    if (amounts != nullptr)
      if (auto s = check_offsets(amount_offsets, n, "amount", err); s != CRM_OK) return s;
    lt::Returns r{};
    if (auto s = returns_arg(r, returns, err); s != CRM_OK) return s;
    auto ts = transactions_of(customers, customer_offsets, days, amounts, amount_offsets, n);
    if (!ts) return report(err, ts.error());
    return make(out, lt::TransactionLog::from(*ts, r), err);
  });
}

void crm_lifetime_log_free(crm_lifetime_log* log) { delete log; }

crm_status crm_lifetime_summarize(crm_lifetime_summary** out, const crm_lifetime_log* log,
                                  const crm_lifetime_summary_options* options, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(log, "log", err); s != CRM_OK) return s;
    lt::SummaryOptions o;
    if (auto s = read_summary_options(o, options, err); s != CRM_OK) return s;
    return make(out, lt::summarize(log->log, o), err);
  });
}

crm_status crm_lifetime_summary_read(crm_lifetime_summary** out, const char* text, size_t len, int unit,
                                     crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    auto input = text_arg(text, len, "text");
    if (!input) return report(err, input.error());
    lt::Unit u{};
    if (auto s = unit_arg(u, unit, err); s != CRM_OK) return s;
    return make(out, lt::read_summary_csv(*input, u), err);
  });
}

crm_status crm_lifetime_summary_read_file(crm_lifetime_summary** out, const char* path, size_t path_len, int unit,
                                          crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    auto p = text_arg(path, path_len, "path");
    if (!p) return report(err, p.error());
    lt::Unit u{};
    if (auto s = unit_arg(u, unit, err); s != CRM_OK) return s;
    return make(out, lt::read_summary_csv_file(std::string(*p), u), err);
  });
}

void crm_lifetime_summary_free(crm_lifetime_summary* summary) { delete summary; }

crm_status crm_lifetime_summary_counts(crm_lifetime_counts* out, const crm_lifetime_summary* summary, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(summary, "summary", err); s != CRM_OK) return s;
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    const lt::Summary& m = summary->summary;
    fill(out, crm_lifetime_counts{sizeof(crm_lifetime_counts), m.customers.size(), m.transactions, m.one_purchase,
                                  m.calibration_end ? 1 : 0, m.duration_holdout, static_cast<int>(m.unit)});
    return CRM_OK;
  });
}

crm_status crm_lifetime_summary_arrays(double* frequency, double* recency, double* T, double* monetary_value,
                                       size_t capacity, const crm_lifetime_summary* summary, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(summary, "summary", err); s != CRM_OK) return s;
    const auto& cs = summary->summary.customers;
    if (auto s = capacity_check(capacity, cs.size(), err); s != CRM_OK) return s;
    for (std::size_t i = 0; i < cs.size(); ++i) {
      if (frequency) frequency[i] = cs[i].frequency;
      if (recency) recency[i] = cs[i].recency;
      if (T) T[i] = cs[i].T;
      if (monetary_value) monetary_value[i] = cs[i].monetary_value;
    }
    return CRM_OK;
  });
}

crm_status crm_lifetime_summary_holdout(double* frequency, double* monetary_value, size_t capacity,
                                        const crm_lifetime_summary* summary, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(summary, "summary", err); s != CRM_OK) return s;
    const auto& cs = summary->summary.customers;
    if (auto s = capacity_check(capacity, cs.size(), err); s != CRM_OK) return s;
    for (std::size_t i = 0; i < cs.size(); ++i) {
      if (frequency) frequency[i] = cs[i].frequency_holdout;
      if (monetary_value) monetary_value[i] = cs[i].monetary_value_holdout;
    }
    return CRM_OK;
  });
}

crm_status crm_lifetime_summary_customer(const char** out, size_t* out_len, const crm_lifetime_summary* summary,
                                         size_t index, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(summary, "summary", err); s != CRM_OK) return s;
    const auto& cs = summary->summary.customers;
    if (index >= cs.size())
      return report(err, crm::Error{crm::ErrorCode::out_of_range,
                                    "customer " + std::to_string(index) + " does not exist (there are " +
                                        std::to_string(cs.size()) + ")",
                                    {}});
    *out = cs[index].customer.c_str();
    if (out_len) *out_len = cs[index].customer.size();
    return CRM_OK;
  });
}

crm_status crm_lifetime_summary_customers(char** out, size_t* out_len, const crm_lifetime_summary* summary,
                                          char separator, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(summary, "summary", err); s != CRM_OK) return s;
    std::string joined;
    for (const auto& c : summary->summary.customers) {
      if (c.customer.find(separator) != std::string::npos)
        return invalid(err, "customer '" + c.customer + "' holds the separator");
      if (&c != &summary->summary.customers.front()) joined += separator;
      joined += c.customer;
    }
    return out_string(out, out_len, joined);
  });
}

crm_status crm_lifetime_summary_csv(char** out, size_t* out_len, const crm_lifetime_summary* summary, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(summary, "summary", err); s != CRM_OK) return s;
    return out_string(out, out_len, summary->summary.to_csv());
  });
}

crm_status crm_lifetime_summary_json(char** out, size_t* out_len, const crm_lifetime_summary* summary,
                                     crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(summary, "summary", err); s != CRM_OK) return s;
    return out_string(out, out_len, summary->summary.to_json());
  });
}

crm_status crm_lifetime_retention(char** out, size_t* out_len, const crm_lifetime_log* log,
                                  const crm_decimal* acquisition_cost, const crm_decimal* retention_cost, int form,
                                  int lang, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(log, "log", err); s != CRM_OK) return s;
    crm::Lang l{};
    if (auto s = lang_arg(l, lang, err); s != CRM_OK) return s;
    if (form < CRM_LIFETIME_RETENTION_JSON || form > CRM_LIFETIME_RETENTION_TEXT)
      return invalid(err, "form is CRM_LIFETIME_RETENTION_JSON, _COHORTS_CSV or _TEXT, not " + std::to_string(form));
    lt::RetentionOptions o;
    if (acquisition_cost) {
      auto v = from_c(*acquisition_cost, "acquisition_cost");
      if (!v) return report(err, v.error());
      o.acquisition_cost = *v;
    }
    if (retention_cost) {
      auto v = from_c(*retention_cost, "retention_cost");
      if (!v) return report(err, v.error());
      o.retention_cost = *v;
    }
    auto r = lt::retention(log->log, o);
    if (!r) return report(err, r.error());
    return out_string(out, out_len,
                      form == CRM_LIFETIME_RETENTION_JSON          ? r->to_json()
                      : form == CRM_LIFETIME_RETENTION_COHORTS_CSV ? r->cohorts_csv()
                                                                   : r->to_text(l));
  });
}

crm_status crm_lifetime_analyse(crm_lifetime_analysis** out, const crm_lifetime_summary* fitted,
                                const crm_lifetime_summary* to_score, double t, const crm_lifetime_clv_options* options,
                                const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(fitted, "fitted", err); s != CRM_OK) return s;
    if (!(t >= 0) || !std::isfinite(t)) return invalid(err, "t is a finite time of 0 or more (0: one month)");
    std::optional<lt::Settings> own;
    crm_status status = CRM_OK;
    const lt::Settings* settings = settings_of(rules, own, err, status);
    if (settings == nullptr) return status;
    lt::AnalysisOptions o;
    lt::ClvOptions clv;
    if (auto s = clv_options_arg(clv, o.threads, options, *settings, err); s != CRM_OK) return s;
    o.clv = clv;
    o.t = t;
    o.fit = lt::FitOptions::from(*settings);
    auto a = lt::analyse(fitted->summary, to_score ? &to_score->summary : nullptr, o, *settings);
    if (!a) return report(err, a.error());
    *out = new crm_lifetime_analysis{std::move(*a), *settings};
    return CRM_OK;
  });
}

void crm_lifetime_analysis_free(crm_lifetime_analysis* analysis) { delete analysis; }

crm_status crm_lifetime_analysis_write(char** out, size_t* out_len, const crm_lifetime_analysis* analysis, int form,
                                       int lang, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(analysis, "analysis", err); s != CRM_OK) return s;
    crm::Lang l{};
    if (auto s = lang_arg(l, lang, err); s != CRM_OK) return s;
    const auto& a = analysis->analysis;
    const auto& s = analysis->settings;
    switch (form) {
      case CRM_LIFETIME_ANALYSIS_JSON: return out_string(out, out_len, a.to_json(s));
      case CRM_LIFETIME_ANALYSIS_CSV: return out_string(out, out_len, a.to_csv(s));
      case CRM_LIFETIME_ANALYSIS_TEXT: return out_string(out, out_len, a.to_text(l, s));
      case CRM_LIFETIME_ANALYSIS_SVG: return out_string(out, out_len, lt::histogram_svg(a.histogram, l, s));
      default:
        return invalid(err, "form is CRM_LIFETIME_ANALYSIS_JSON, _CSV, _TEXT or _SVG, not " + std::to_string(form));
    }
  });
}

crm_status crm_lifetime_builtin_json(const char** out, size_t* out_len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    const std::string_view json = lt::Settings::builtin_json();
    *out = json.data();
    if (out_len) *out_len = json.size();
    return CRM_OK;
  });
}

}  // extern "C"
