// Needs: owners, levels and their names.
#include "crmrules/need.hpp"

#include <array>
#include <utility>

namespace crm {
namespace {

constexpr std::array<std::pair<std::string_view, NeedLevel>, 11> level_words{{
    {"physiological", NeedLevel::physiological},
    {"survival", NeedLevel::physiological},
    {"safety", NeedLevel::safety},
    {"social", NeedLevel::social},
    {"belonging", NeedLevel::social},
    {"esteem", NeedLevel::esteem},
    {"self_actualisation", NeedLevel::self_actualisation},
    {"self_actualization", NeedLevel::self_actualisation},
    {"price", NeedLevel::price},
    {"value", NeedLevel::value},
    {"strategy", NeedLevel::strategy},
}};

bool personal_level(NeedLevel level) {
  return level >= NeedLevel::physiological && level <= NeedLevel::self_actualisation;
}

}  // namespace

std::string_view to_string(NeedOwner owner) noexcept {
  return owner == NeedOwner::personal ? "personal" : "organisational";
}

std::string_view to_string(NeedLevel level) noexcept {
  switch (level) {
    case NeedLevel::unknown: return "unknown";
    case NeedLevel::physiological: return "physiological";
    case NeedLevel::safety: return "safety";
    case NeedLevel::social: return "social";
    case NeedLevel::esteem: return "esteem";
    case NeedLevel::self_actualisation: return "self_actualisation";
    case NeedLevel::price: return "price";
    case NeedLevel::value: return "value";
    case NeedLevel::strategy: return "strategy";
  }
  return "unknown";
}

std::string_view to_string(MaslowGroup group) noexcept {
  switch (group) {
    case MaslowGroup::low: return "low";
    case MaslowGroup::middle: return "middle";
    case MaslowGroup::high: return "high";
  }
  return "low";
}

std::string_view to_string(DealSize size) noexcept { return size == DealSize::small ? "small" : "large"; }

[[nodiscard]] expected<NeedOwner> parse_need_owner(std::string_view text) {
  if (text == "personal") return NeedOwner::personal;
  if (text == "organisational" || text == "organizational") return NeedOwner::organisational;
  return fail(ErrorCode::unknown_name, "unknown need owner '" + std::string(text) + "' (personal, organisational)");
}

[[nodiscard]] expected<NeedLevel> parse_need_level(std::string_view text, NeedOwner owner) {
  for (const auto& [word, level] : level_words) {
    if (word != text) continue;
    if (personal_level(level) != (owner == NeedOwner::personal))
      return fail(ErrorCode::type_mismatch,
                  "level '" + std::string(text) + "' is not a level of " + std::string(to_string(owner)) + " needs (" +
                      (owner == NeedOwner::personal
                           ? "Maslow's: physiological, safety, social, esteem, self_actualisation"
                           : "price, value, strategy") +
                      ")");
    return level;
  }
  if (text == "unknown") return NeedLevel::unknown;
  return fail(ErrorCode::unknown_name,
              "unknown need level '" + std::string(text) +
                  "' (personal: physiological, safety, social, esteem, self_actualisation; organisational: price, "
                  "value, strategy)");
}

[[nodiscard]] expected<DealSize> parse_deal_size(std::string_view text) {
  if (text == "large") return DealSize::large;
  if (text == "small") return DealSize::small;
  return fail(ErrorCode::unknown_name, "unknown deal size '" + std::string(text) + "' (large, small)");
}

std::optional<MaslowGroup> maslow_group(NeedLevel level) noexcept {
  switch (level) {
    case NeedLevel::physiological:
    case NeedLevel::safety: return MaslowGroup::low;
    case NeedLevel::social:
    case NeedLevel::esteem: return MaslowGroup::middle;
    case NeedLevel::self_actualisation: return MaslowGroup::high;
    default: return std::nullopt;
  }
}

}  // namespace crm
