// crm::profile::Schema::assess (include/crmrules/profile.hpp): filled and missing fields,
// completeness per group and overall from exact ratios, and the owner warning.
#include <string>

#include "crmrules/profile.hpp"

namespace crm::profile {
namespace {

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n\u3000") == std::string_view::npos; }

/// The value of the field (by its id, else its Chinese name), when it is filled.
std::optional<std::string_view> value_of(const Values& values, const Field& f) {
  auto it = values.find(f.id);
  if ((it == values.end() || blank(it->second)) && !f.name.zh.empty()) it = values.find(f.name.zh);
  if (it == values.end() || blank(it->second)) return std::nullopt;
  return std::string_view(it->second);
}

/// 100 × part / whole to `scale` digits, half-even (whole > 0), written with all of them
/// (23.50, not 23.5): the columns of a report line up.
Decimal percent(Decimal part, Decimal whole, int scale) {
  auto hundredths = part.mul(Decimal::from_int(100));
  auto q = hundredths ? hundredths->div(whole, scale) : hundredths;
  if (!q) return Decimal();
  Decimal::Coefficient c = q->coefficient();
  for (int s = q->scale(); s < scale; ++s) c *= 10;
  return Decimal::from_parts(c, scale).value_or(*q);
}

GroupScore score(const Group& g, const Values& values, int scale, Decimal& exact_share) {
  GroupScore out{&g, Decimal(), {}};
  Decimal filled, total;
  for (const Field& f : g.fields) {
    total = total.add(f.weight).value_or(total);
    if (value_of(values, f))
      filled = filled.add(f.weight).value_or(filled);
    else
      out.missing.push_back(&f);
  }
  out.completeness = percent(filled, total, scale);
  exact_share = filled.div(total).value_or(Decimal());  // 18 digits, for the overall average
  return out;
}

}  // namespace

std::size_t Assessment::missing() const noexcept {
  std::size_t n = 0;
  for (const GroupScore& g : groups) n += g.missing.size();
  return n;
}

Assessment Schema::assess(const Values& values) const {
  Assessment a = assess_fields(values);
  for (const auto& [name, value] : values)
    if (name != id_field && find(name) == nullptr) a.ignored.push_back(name);
  return a;
}

Assessment Schema::assess_fields(const Values& values) const {
  Assessment a;
  if (auto it = values.find(id_field); it != values.end()) a.id = it->second;
  Decimal weighted, weights;
  for (const Group& g : groups) {
    Decimal share;
    a.groups.push_back(score(g, values, scale, share));
    weighted = weighted.add(share.mul(g.weight).value_or(Decimal())).value_or(weighted);
    weights = weights.add(g.weight).value_or(weights);
  }
  a.completeness = percent(weighted, weights, scale);
  if (const Field* owner = find(owner_field))
    if (auto v = value_of(values, *owner)) a.owner = std::string(*v);
  if (!owner_field.empty() && a.owner.empty()) a.warnings.push_back(no_owner);
  return a;
}

std::size_t Report::without_owner() const noexcept {
  std::size_t n = 0;
  for (const Assessment& a : customers) n += a.has_owner() ? 0 : 1;
  return n;
}

}  // namespace crm::profile
