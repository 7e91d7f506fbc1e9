// crm_portfolio_* and crm_quantile_scores: the C face of crm::Portfolio and
// crm::quantile_scores (include/crmrules/portfolio.hpp). Conversion and error mapping only.
#include <cstring>
#include <vector>

#include "capi/internal/bridge.hpp"
#include "capi/internal/portfolio_handle.hpp"
#include "crmrules/portfolio.hpp"

namespace crm::capi {

// crm_portfolio_options grows (bridge.hpp, Growth): where each version's members end.
template <>
struct Growth<crm_portfolio_options> {
  static constexpr const char* name = "crm_portfolio_options";
  static constexpr const char* init = "CRM_PORTFOLIO_OPTIONS_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_portfolio_options, pareto_top)};  // ABI 1
};

namespace {

/// The caller's decimals, each checked; an error names the argument and its index.
[[nodiscard]] expected<std::vector<Decimal>> decimals(const crm_decimal* values, std::size_t count, const char* name) {
  std::vector<Decimal> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    auto d = from_c(values[i], name);
    if (!d) {
      Error e = std::move(d).error();
      e.message = std::string(name) + "[" + std::to_string(i) + "]: " + e.message;
      return unexpected(std::move(e));
    }
    out.push_back(*d);
  }
  return out;
}

/// An optional decimal (an options member): NULL keeps `fallback`.
[[nodiscard]] expected<Decimal> optional_decimal(const crm_decimal* value, Decimal fallback, const char* name) {
  if (value == nullptr) return fallback;
  return from_c(*value, name);
}

/// An enum argument read as the int it is: a C caller may pass any int, and loading it
/// as the C++ enum would be undefined.
template <class Enum>
int raw_enum(const Enum& value) {
  static_assert(sizeof(Enum) == sizeof(int), "C enums are ints here");
  int raw = 0;
  std::memcpy(&raw, &value, sizeof raw);
  return raw;
}

crm_status share_out(crm_decimal* out, int* out_defined, const std::optional<Decimal>& share) {
  *out_defined = share ? 1 : 0;
  if (share) *out = to_c(*share);
  return CRM_OK;
}

}  // namespace

crm_status portfolio_options(PortfolioOptions& out, const crm_portfolio_options* options, const char* name,
                             crm_error** err) {
  crm_portfolio_options given;
  if (auto s = read_options(given, options, name, err); s != CRM_OK) return s;
  const std::string prefix = std::string(name) + "->";
  auto a = optional_decimal(given.a_share, out.a_share, (prefix + "a_share").c_str());
  if (!a) return report(err, a.error());
  auto b = optional_decimal(given.b_share, out.b_share, (prefix + "b_share").c_str());
  if (!b) return report(err, b.error());
  auto top = optional_decimal(given.pareto_top, out.pareto_top, (prefix + "pareto_top").c_str());
  if (!top) return report(err, top.error());
  out.a_share = *a;
  out.b_share = *b;
  out.pareto_top = *top;
  return CRM_OK;
}

}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_portfolio_classify(crm_portfolio** out, const crm_decimal* measures, size_t count,
                                  const crm_portfolio_options* c_options, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (count > 0)
      if (auto s = require(measures, "measures", err); s != CRM_OK) return s;
    crm::PortfolioOptions options;
    if (auto s = portfolio_options(options, c_options, "options", err); s != CRM_OK) return s;
    auto values = decimals(measures, count, "measures");
    if (!values) return report(err, values.error());
    auto p = crm::Portfolio::classify(*values, options);
    if (!p) return report(err, p.error());
    *out = new crm_portfolio{std::move(*p)};
    return CRM_OK;
  });
}

void crm_portfolio_free(crm_portfolio* portfolio) { delete portfolio; }

crm_status crm_portfolio_size(size_t* out, const crm_portfolio* portfolio, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(portfolio, "portfolio", err); s != CRM_OK) return s;
    *out = portfolio->portfolio.size();
    return CRM_OK;
  });
}

crm_status crm_portfolio_customer(crm_abc_class* out_class, size_t* out_rank, crm_decimal* out_share,
                                  const crm_portfolio* portfolio, size_t index, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(portfolio, "portfolio", err); s != CRM_OK) return s;
    const crm::Portfolio& p = portfolio->portfolio;
    if (index >= p.size())
      return report(err, crm::Error{crm::ErrorCode::out_of_range,
                                    "customer " + std::to_string(index) + " does not exist (the portfolio has " +
                                        std::to_string(p.size()) + ")",
                                    {}});
    if (out_class != nullptr) *out_class = static_cast<crm_abc_class>(p.abc_class(index));
    if (out_rank != nullptr) *out_rank = p.rank(index);
    if (out_share != nullptr) *out_share = to_c(p.cumulative_share(index));
    return CRM_OK;
  });
}

crm_status crm_portfolio_classes(uint8_t* out, size_t count, const crm_portfolio* portfolio, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(portfolio, "portfolio", err); s != CRM_OK) return s;
    const crm::Portfolio& p = portfolio->portfolio;
    if (count < p.size())
      return report(err, crm::Error{crm::ErrorCode::buffer_too_small,
                                    "out holds " + std::to_string(count) + " classes, the portfolio has " +
                                        std::to_string(p.size()) + " customers",
                                    {}});
    if (p.size() > 0)
      if (auto s = require(out, "out", err); s != CRM_OK) return s;
    for (std::size_t i = 0; i < p.size(); ++i) out[i] = static_cast<uint8_t>(p.abc_class(i));
    return CRM_OK;
  });
}

crm_status crm_portfolio_class_summary(size_t* out_customers, crm_decimal* out_share, const crm_portfolio* portfolio,
                                       crm_abc_class abc_class, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(portfolio, "portfolio", err); s != CRM_OK) return s;
    const int c = raw_enum(abc_class);
    if (c < 0 || c > 2)
      return report(err, crm::Error{crm::ErrorCode::invalid_argument,
                                    "abc_class must be CRM_ABC_A, CRM_ABC_B or CRM_ABC_C, not " + std::to_string(c),
                                    {}});
    const auto cls = static_cast<crm::AbcClass>(c);
    if (out_customers != nullptr) *out_customers = portfolio->portfolio.count(cls);
    if (out_share != nullptr) *out_share = to_c(portfolio->portfolio.class_share(cls));
    return CRM_OK;
  });
}

crm_status crm_portfolio_loss_making(size_t* out, const crm_portfolio* portfolio, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(portfolio, "portfolio", err); s != CRM_OK) return s;
    *out = portfolio->portfolio.loss_making();
    return CRM_OK;
  });
}

crm_status crm_portfolio_pareto_share(crm_decimal* out, int* out_defined, const crm_portfolio* portfolio,
                                      crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(out_defined, "out_defined", err); s != CRM_OK) return s;
    if (auto s = require(portfolio, "portfolio", err); s != CRM_OK) return s;
    return share_out(out, out_defined, portfolio->portfolio.pareto_share());
  });
}

crm_status crm_portfolio_top_share(crm_decimal* out, int* out_defined, const crm_portfolio* portfolio,
                                   const crm_decimal* fraction, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(out_defined, "out_defined", err); s != CRM_OK) return s;
    if (auto s = require(portfolio, "portfolio", err); s != CRM_OK) return s;
    if (auto s = require(fraction, "fraction", err); s != CRM_OK) return s;
    auto f = from_c(*fraction, "fraction");
    if (!f) return report(err, f.error());
    auto share = portfolio->portfolio.top_share(*f);
    if (!share) return report(err, share.error());
    return share_out(out, out_defined, *share);
  });
}

crm_status crm_quantile_scores(uint8_t* out, const crm_decimal* values, const uint8_t* present, size_t count,
                               int32_t bins, crm_better better, crm_error** err) {
  return guard(err, [&] {
    if (count > 0) {
      if (auto s = require(out, "out", err); s != CRM_OK) return s;
      if (auto s = require(values, "values", err); s != CRM_OK) return s;
    }
    const int direction = raw_enum(better);
    if (direction != CRM_BETTER_HIGHER && direction != CRM_BETTER_LOWER)
      return report(err, crm::Error{crm::ErrorCode::invalid_argument,
                                    "better must be CRM_BETTER_HIGHER or CRM_BETTER_LOWER, not " +
                                        std::to_string(direction),
                                    {}});
    std::vector<std::optional<crm::Decimal>> given(count);
    for (std::size_t i = 0; i < count; ++i) {
      if (present != nullptr && present[i] == 0) continue;
      auto d = from_c(values[i], "values");
      if (!d) {
        crm::Error e = std::move(d).error();
        e.message = "values[" + std::to_string(i) + "]: " + e.message;
        return report(err, std::move(e));
      }
      given[i] = *d;
    }
    auto scores = crm::quantile_scores(given, bins, static_cast<crm::Better>(direction));
    if (!scores) return report(err, scores.error());
    std::copy(scores->begin(), scores->end(), out);
    return CRM_OK;
  });
}

}  // extern "C"
