// Names of error codes and rounding modes; Error's text form.
#include <array>

#include "crmrules/error.hpp"
#include "crmrules/rounding.hpp"

namespace crm {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::ok: return "ok";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::parse: return "parse";
    case ErrorCode::overflow: return "overflow";
    case ErrorCode::division_by_zero: return "division_by_zero";
    case ErrorCode::invalid_utf8: return "invalid_utf8";
    case ErrorCode::type_mismatch: return "type_mismatch";
    case ErrorCode::unknown_name: return "unknown_name";
    case ErrorCode::out_of_range: return "out_of_range";
    case ErrorCode::missing: return "missing";
    case ErrorCode::no_match: return "no_match";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::illegal_transition: return "illegal_transition";
    case ErrorCode::corrupt: return "corrupt";
    case ErrorCode::version_mismatch: return "version_mismatch";
    case ErrorCode::buffer_too_small: return "buffer_too_small";
    case ErrorCode::io: return "io";
    case ErrorCode::invalid_rule: return "invalid_rule";
    case ErrorCode::internal: return "internal";
    case ErrorCode::unauthenticated: return "unauthenticated";
  }
  return "unknown";
}

std::string Error::to_string() const {
  std::string out(crm::to_string(code));
  std::string at;
  if (!where.pointer.empty()) at += where.pointer;
  if (where.line > 0) {
    if (!at.empty()) at += ' ';
    at += "line " + std::to_string(where.line) + ", column " + std::to_string(where.column);
  }
  if (where.offset >= 0) {
    if (!at.empty()) at += ' ';
    at += "offset " + std::to_string(where.offset);
  }
  if (!at.empty()) out += " at " + at;
  out += ": ";
  out += message;
  return out;
}

namespace {
constexpr std::array<std::string_view, 7> rounding_names = {"half_even", "half_up", "half_down", "down",
                                                            "up",        "floor",   "ceiling"};
}

std::string_view to_string(Rounding mode) noexcept {
  const auto i = static_cast<std::size_t>(mode);
  return i < rounding_names.size() ? rounding_names[i] : "unknown";
}

std::optional<Rounding> rounding_from_string(std::string_view name) noexcept {
  for (std::size_t i = 0; i < rounding_names.size(); ++i)
    if (rounding_names[i] == name) return static_cast<Rounding>(i);
  return std::nullopt;
}

}  // namespace crm
