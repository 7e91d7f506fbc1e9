// crm_decimal_*: the C face of crm::Decimal.
#include <cstring>
#include <optional>

#include "capi/internal/bridge.hpp"

namespace crm::capi {

using internal::int128;
using internal::uint128;

// opaque_[0..1]: the coefficient (two's complement, low word first); opaque_[2]: scale.
crm_decimal to_c(Decimal d) noexcept {
  const auto u = static_cast<uint128>(d.coefficient());
  crm_decimal out{};
  out.opaque_[0] = static_cast<std::uint64_t>(u);
  out.opaque_[1] = static_cast<std::uint64_t>(u >> 64);
  out.opaque_[2] = static_cast<std::uint64_t>(d.scale());
  return out;
}

[[nodiscard]] expected<Decimal> from_c(const crm_decimal& d, const char* name) {
  const auto c = static_cast<int128>((static_cast<uint128>(d.opaque_[1]) << 64) | d.opaque_[0]);
  auto value = d.opaque_[2] <= Decimal::max_scale ? Decimal::from_parts(c, static_cast<int>(d.opaque_[2]))
                                                  : expected<Decimal>(fail(ErrorCode::out_of_range, ""));
  if (!value)
    return fail(ErrorCode::invalid_argument,
                std::string("argument '") + name + "' is not a crm_decimal made by crmrules");
  return value;
}

namespace {

/// The Decimal in `d` when its bytes are a crm_decimal that crmrules made; the caller
/// falls back to from_c() for the error. Inline and allocation-free: the fast path.
inline bool decode(const crm_decimal& d, Decimal& out) noexcept {
  if (d.opaque_[2] > Decimal::max_scale) [[unlikely]] return false;
  const auto c = static_cast<int128>((static_cast<uint128>(d.opaque_[1]) << 64) | d.opaque_[0]);
  auto value = Decimal::from_parts(c, static_cast<int>(d.opaque_[2]));
  if (!value) [[unlikely]] return false;
  out = *value;
  return true;
}

/// The error of a call whose fast path failed: a NULL or foreign argument, or the
/// operation's own error. Out of line, so the fast path stays small.
template <class Out, class Op>
[[gnu::noinline, gnu::cold]] crm_status binary_slow(Out* out, const crm_decimal* a, const crm_decimal* b,
                                                   crm_error** err, Op op) noexcept {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(a, "a", err); s != CRM_OK) return s;
    if (auto s = require(b, "b", err); s != CRM_OK) return s;
    auto x = from_c(*a, "a");
    if (!x) return report(err, x.error());
    auto y = from_c(*b, "b");
    if (!y) return report(err, y.error());
    return deliver(out, op(*x, *y), err);
  });
}

/// The common shape of an operation on two decimals: check, convert, compute, deliver.
/// The fast path is plain tests and the operation; anything else goes to binary_slow,
/// which finds and reports the precise error.
template <class Out, class Op>
crm_status binary(Out* out, const crm_decimal* a, const crm_decimal* b, crm_error** err, Op op) noexcept {
  if constexpr (noexcept(op(Decimal{}, Decimal{}))) {
    Decimal x, y;
    if (out != nullptr && a != nullptr && b != nullptr && decode(*a, x) && decode(*b, y)) [[likely]] {
      auto result = op(x, y);
      if (result) [[likely]] {
        if constexpr (std::is_same_v<Out, crm_decimal>) *out = to_c(*result);
        else *out = *result;
        return CRM_OK;
      }
    }
  }
  return binary_slow(out, a, b, err, op);
}

/// The common shape of reading one decimal argument `value` into some output.
template <class Out, class Op>
crm_status unary(Out* out, const crm_decimal* value, crm_error** err, Op op) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(value, "value", err); s != CRM_OK) return s;
    auto x = from_c(*value, "value");
    if (!x) return report(err, x.error());
    return deliver(out, op(*x), err);
  });
}

/// The rounding mode a caller passed, read as the integer it is (a C caller may pass any
/// int; loading it as the C++ enum would be undefined), or an error.
[[nodiscard]] expected<Rounding> mode_arg(const crm_rounding& mode) {
  int raw = 0;
  std::memcpy(&raw, &mode, sizeof raw);
  if (raw < CRM_ROUND_HALF_EVEN || raw > CRM_ROUND_CEILING)
    return fail(ErrorCode::invalid_argument, "rounding mode " + std::to_string(raw) + " is unknown");
  return static_cast<Rounding>(raw);
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;
using crm::Decimal;
using crm::expected;

extern "C" {

crm_status crm_decimal_parse(crm_decimal* out, const char* text, size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    auto view = text_arg(text, len, "text");
    if (!view) return report(err, view.error());
    return deliver(out, Decimal::parse(*view), err);
  });
}

crm_status crm_decimal_parse_amount(crm_decimal* out, const char* text, size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    auto view = text_arg(text, len, "text");
    if (!view) return report(err, view.error());
    return deliver(out, Decimal::parse_amount(*view), err);
  });
}

crm_status crm_decimal_from_int64(crm_decimal* out, int64_t value, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    *out = to_c(Decimal::from_int(value));
    return CRM_OK;
  });
}

crm_status crm_decimal_to_int64(int64_t* out, const crm_decimal* value, crm_error** err) {
  return unary(out, value, err, [](Decimal d) { return d.to_int64(); });
}

crm_status crm_decimal_to_string(char** out, size_t* out_len, const crm_decimal* value, crm_error** err) {
  return unary(out, value, err, [&](Decimal d) -> expected<char*> {
    const std::string text = d.to_string();
    if (out_len != nullptr) *out_len = text.size();
    return copy_string(text);
  });
}

crm_status crm_decimal_format(char* buffer, size_t capacity, size_t* out_len, const crm_decimal* value,
                              crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(buffer, "buffer", err); s != CRM_OK) return s;
    if (auto s = require(value, "value", err); s != CRM_OK) return s;
    auto d = from_c(*value, "value");
    if (!d) return report(err, d.error());
    char text[Decimal::max_chars];
    const std::size_t len = d->to_chars(text);
    if (out_len != nullptr) *out_len = len;
    if (capacity < len + 1)
      return report(err, crm::Error{crm::ErrorCode::buffer_too_small,
                                    "the decimal needs " + std::to_string(len + 1) + " bytes, the buffer has " +
                                        std::to_string(capacity),
                                    {}});
    std::memcpy(buffer, text, len);
    buffer[len] = '\0';
    return CRM_OK;
  });
}

crm_status crm_decimal_scale(int32_t* out, const crm_decimal* value, crm_error** err) {
  return unary(out, value, err, [](Decimal d) -> expected<int32_t> { return d.scale(); });
}

crm_status crm_decimal_add(crm_decimal* out, const crm_decimal* a, const crm_decimal* b, crm_error** err) {
  return binary(out, a, b, err, [](Decimal x, Decimal y) noexcept { return x.add(y); });
}

crm_status crm_decimal_sub(crm_decimal* out, const crm_decimal* a, const crm_decimal* b, crm_error** err) {
  return binary(out, a, b, err, [](Decimal x, Decimal y) noexcept { return x.sub(y); });
}

crm_status crm_decimal_mul(crm_decimal* out, const crm_decimal* a, const crm_decimal* b, crm_error** err) {
  return binary(out, a, b, err, [](Decimal x, Decimal y) noexcept { return x.mul(y); });
}

crm_status crm_decimal_div(crm_decimal* out, const crm_decimal* a, const crm_decimal* b, int32_t scale,
                           crm_rounding mode, crm_error** err) {
  return binary(out, a, b, err, [&](Decimal x, Decimal y) {
    auto m = mode_arg(mode);
    if (!m) return expected<Decimal>(crm::unexpected(m.error()));
    return x.div(y, scale, *m);
  });
}

crm_status crm_decimal_round(crm_decimal* out, const crm_decimal* value, int32_t digits, crm_rounding mode,
                             crm_error** err) {
  return unary(out, value, err, [&](Decimal d) {
    auto m = mode_arg(mode);
    if (!m) return expected<Decimal>(crm::unexpected(m.error()));
    return d.round(digits, *m);
  });
}

crm_status crm_decimal_compare(int32_t* out, const crm_decimal* a, const crm_decimal* b, crm_error** err) {
  return binary(out, a, b, err, [](Decimal x, Decimal y) noexcept -> expected<int32_t> { return x < y ? -1 : (x == y ? 0 : 1); });
}

}  // extern "C"
