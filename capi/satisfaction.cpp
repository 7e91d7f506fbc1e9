// crm_satisfaction_*: the C face of crm::satisfaction (include/crmrules/satisfaction.hpp).
// Conversion and error mapping only.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "capi/internal/bridge.hpp"
#include "capi/internal/ruleset_handle.hpp"
#include "crmrules.h"
#include "crmrules/satisfaction.hpp"

namespace sat = crm::satisfaction;

struct crm_satisfaction_rating {
  sat::Settings settings;  // what the rating's band points into
  sat::Rating rating;
};

namespace crm::capi {
namespace {

/// The settings of `rules`' "satisfaction" section, or the built-in ones for NULL.
[[nodiscard]] expected<sat::Settings> settings_of(const crm_ruleset* rules) {
  if (rules == nullptr) return sat::Settings::builtin();
  return sat::Settings::from_rule_set(rules->rules);
}

/// The caller's attributes, each value checked; an error names the array and the index.
[[nodiscard]] expected<std::vector<sat::Attribute>> attributes(const char* const* names, const crm_decimal* actual,
                                                               const crm_decimal* ideal, const crm_decimal* weights,
                                                               std::size_t count) {
  std::vector<sat::Attribute> out(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string at = "[" + std::to_string(i) + "]";
    auto a = from_c(actual[i], ("actual" + at).c_str());
    auto b = from_c(ideal[i], ("ideal" + at).c_str());
    if (!a || !b) return unexpected(a ? b.error() : a.error());
    if (names != nullptr && names[i] != nullptr) out[i].name = names[i];
    out[i].actual = *a;
    out[i].ideal = *b;
    if (weights != nullptr) {
      auto w = from_c(weights[i], ("weights" + at).c_str());
      if (!w) return unexpected(w.error());
      out[i].weight = *w;
    }
  }
  return out;
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_satisfaction_rate(crm_satisfaction_rating** out, const char* const* names, const crm_decimal* actual,
                                 const crm_decimal* ideal, const crm_decimal* weights, size_t count,
                                 const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (count > 0) {
      if (auto s = require(actual, "actual", err); s != CRM_OK) return s;
      if (auto s = require(ideal, "ideal", err); s != CRM_OK) return s;
    }
    auto settings = settings_of(rules);
    if (!settings) return report(err, settings.error());
    auto given = attributes(names, actual, ideal, weights, count);
    if (!given) return report(err, given.error());
    auto handle = std::make_unique<crm_satisfaction_rating>(crm_satisfaction_rating{std::move(*settings), {}});
    auto rating = sat::rate(*given, handle->settings);
    if (!rating) return report(err, rating.error());
    handle->rating = std::move(*rating);
    *out = handle.release();
    return CRM_OK;
  });
}

void crm_satisfaction_rating_free(crm_satisfaction_rating* rating) { delete rating; }

crm_status crm_satisfaction_rating_ratio(crm_decimal* out_ratio, crm_decimal* out_actual, crm_decimal* out_ideal,
                                         const crm_satisfaction_rating* rating, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(rating, "rating", err); s != CRM_OK) return s;
    if (out_ratio != nullptr) *out_ratio = to_c(rating->rating.ratio);
    if (out_actual != nullptr) *out_actual = to_c(rating->rating.actual_product);
    if (out_ideal != nullptr) *out_ideal = to_c(rating->rating.ideal_product);
    return CRM_OK;
  });
}

crm_status crm_satisfaction_rating_band(const char** out_label, const char** out_zh, const char** out_en,
                                        int32_t* out_points, const crm_satisfaction_rating* rating, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(rating, "rating", err); s != CRM_OK) return s;
    const sat::Band& b = *rating->rating.band;
    if (out_label != nullptr) *out_label = b.label.c_str();
    if (out_zh != nullptr) *out_zh = b.name.zh.c_str();
    if (out_en != nullptr) *out_en = b.name.en.c_str();
    if (out_points != nullptr) *out_points = b.points;
    return CRM_OK;
  });
}

crm_status crm_satisfaction_rating_attribute(crm_decimal* out_ratio, int* out_defined, crm_decimal* out_shortfall,
                                             const crm_satisfaction_rating* rating, size_t index, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(rating, "rating", err); s != CRM_OK) return s;
    const auto& all = rating->rating.attributes;
    if (index >= all.size())
      return report(err, crm::Error{crm::ErrorCode::out_of_range,
                                    "attribute " + std::to_string(index) + " does not exist (the rating has " +
                                        std::to_string(all.size()) + ")",
                                    {}});
    const sat::AttributeRatio& a = all[index];
    if (out_defined != nullptr) *out_defined = a.ratio ? 1 : 0;
    if (out_ratio != nullptr && a.ratio) *out_ratio = to_c(*a.ratio);
    if (out_shortfall != nullptr) *out_shortfall = to_c(a.shortfall);
    return CRM_OK;
  });
}

crm_status crm_satisfaction_rate_csv(char** out, size_t* out_len, const char* csv, size_t csv_len, int json,
                                     crm_lang lang, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (csv_len > 0)
      if (auto s = require(csv, "csv", err); s != CRM_OK) return s;
    int raw_lang = 0;
    std::memcpy(&raw_lang, &lang, sizeof raw_lang);
    crm::Lang language = crm::Lang::zh;
    if (auto s = lang_arg(language, raw_lang, err); s != CRM_OK) return s;
    auto settings = settings_of(rules);
    if (!settings) return report(err, settings.error());
    auto ratings = sat::rate_csv(std::string_view(csv == nullptr ? "" : csv, csv_len), *settings);
    if (!ratings) return report(err, ratings.error());
    return out_string(out, out_len, json != 0 ? sat::to_json(*ratings) : sat::to_csv(*ratings, language));
  });
}

}  // extern "C"
