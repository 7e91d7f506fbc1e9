#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <unordered_set>

#include "crmrules/decimal.hpp"
#include "src/core/decimal_raw.hpp"
#include "tests/cpp/decimals.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::Rounding;

namespace {

std::string text(const crm::expected<Decimal>& d) {
  REQUIRE(d.has_value());
  return d->to_string();
}

ErrorCode code(const crm::expected<Decimal>& d) {
  REQUIRE_FALSE(d.has_value());
  return d.error().code;
}

}  // namespace

TEST_CASE("decimal text round-trips exactly, keeping the scale", "[decimal]") {
  for (const char* s : {"0", "0.10", "-1234567.891", "12", "-0.5", "99999999999999999999.999999999999999999",
                        "-99999999999999999999.999999999999999999", "0.000000000000000001", "100.00",
                        "18446744073709551615", "18446744073709551616", "-1844674407370955161.7", "184.467440737095516160"})
    CHECK(dec(s).to_string() == s);
  CHECK(dec("1e6").to_string() == "1000000");
  CHECK(dec("2.5E-3").to_string() == "0.0025");
  CHECK(dec("+7").to_string() == "7");
  CHECK(dec(".5").to_string() == "0.5");
  CHECK(dec("5.").to_string() == "5");
  CHECK(dec("-0").to_string() == "0");
  CHECK(dec("1.50e1").to_string() == "15.0");
  CHECK(dec("0.1000000000000000000000").to_string() == "0.100000000000000000");  // zeros past 18 dropped
}

TEST_CASE("unparsable decimal text is a parse error with the offset", "[decimal]") {
  struct Case {
    const char* text;
    std::int64_t offset;
  };
  for (auto [t, at] : {Case{"", 0}, Case{"12,5", 2}, Case{"abc", 0}, Case{"1.2.3", 3}, Case{"-", 1},
                       Case{"1e", 2}, Case{"1e+", 3}, Case{" 1", 0}, Case{"1 ", 1}, Case{"NaN", 0},
                       Case{"1_000", 1}}) {
    auto d = Decimal::parse(t);
    INFO(t);
    REQUIRE_FALSE(d);
    CHECK(d.error().code == ErrorCode::parse);
    CHECK(d.error().where.offset == at);
    CHECK(d.error().message.find(std::string("\"") + t + "\"") != std::string::npos);
  }
  auto euro = Decimal::parse("1€");  // the message quotes whole characters, never a split one
  REQUIRE_FALSE(euro);
  CHECK(euro.error().message.find("unexpected '€'") != std::string::npos);
  auto bad = Decimal::parse("1\xff");  // not UTF-8: a parse error whose message stays valid UTF-8
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::parse);
  CHECK(bad.error().message.find("unexpected '\\xFF'") != std::string::npos);
}

TEST_CASE("decimal text beyond the range or precision is an error, never a wrap", "[decimal]") {
  CHECK(code(Decimal::parse("100000000000000000000")) == ErrorCode::overflow);
  CHECK(code(Decimal::parse("-1e20")) == ErrorCode::overflow);
  CHECK(code(Decimal::parse("1e100000000")) == ErrorCode::overflow);
  CHECK(code(Decimal::parse("1e-100000000")) == ErrorCode::out_of_range);
  CHECK(dec("0e100000000").is_zero());
  CHECK(code(Decimal::parse("0.0000000000000000001")) == ErrorCode::out_of_range);
  CHECK(code(Decimal::parse("123456789012345678901234567890123456789")) == ErrorCode::overflow);
  CHECK(dec("0e-40").is_zero());
}

TEST_CASE("addition and subtraction are exact", "[decimal]") {
  CHECK(*dec("0.1").add(dec("0.2")) == dec("0.3"));
  CHECK(text(dec("0.1").add(dec("0.2"))) == "0.3");
  CHECK(text(dec("1.10").add(dec("2.2"))) == "3.30");
  CHECK(text(dec("5").sub(dec("7.25"))) == "-2.25");
  CHECK(text(dec("-99999999999999999999.999999999999999999").add(dec("99999999999999999999.999999999999999999"))) ==
        "0.000000000000000000");
  CHECK(code(dec("99999999999999999999").add(dec("1"))) == ErrorCode::overflow);
  CHECK(code(dec("-99999999999999999999.5").sub(dec("0.5"))) == ErrorCode::overflow);
}

TEST_CASE("multiplication is exact up to 18 fractional digits, then rounds", "[decimal]") {
  CHECK(text(dec("5000000").mul(dec("0.15"))) == "750000.00");
  CHECK(text(dec("-1.5").mul(dec("1.5"))) == "-2.25");
  CHECK(text(dec("1000000000").mul(dec("1000000000"))) == "1000000000000000000");
  // Coefficients whose product needs more than 128 bits, result in range.
  CHECK(text(dec("123456789.123456789123456789").mul(dec("2.000000000000000000"))) ==
        "246913578.246913578246913578");
  // 38 fractional digits rounded to 18, half-even by default.
  CHECK(text(dec("0.000000001").mul(dec("0.0000000005"))) == "0.000000000000000000");
  CHECK(text(dec("0.000000003").mul(dec("0.0000000005"))) == "0.000000000000000002");
  CHECK(text(dec("0.000000003").mul(dec("0.0000000005"), Rounding::down)) == "0.000000000000000001");
  CHECK(code(dec("10000000000").mul(dec("10000000000"))) == ErrorCode::overflow);
  CHECK(code(dec("-99999999999999999999").mul(dec("1.000000000000000001"))) == ErrorCode::overflow);
}

TEST_CASE("division rounds to the stated scale and mode", "[decimal]") {
  const Decimal one = Decimal::from_int(1), three = Decimal::from_int(3);
  CHECK(text(one.div(three)) == "0.333333333333333333");
  CHECK(text(Decimal::from_int(2).div(three, 4)) == "0.6667");
  CHECK(text(Decimal::from_int(2).div(three, 4, Rounding::down)) == "0.6666");
  CHECK(text(dec("10").div(dec("4"))) == "2.5");
  CHECK(text(dec("100.00").div(dec("4"))) == "25");
  CHECK(text(dec("-1").div(three, 2, Rounding::floor)) == "-0.34");
  CHECK(text(dec("-1").div(three, 2, Rounding::ceiling)) == "-0.33");
  // Trailing zeros go, whatever the width of the quotient; the scale is the value's.
  CHECK(text(dec("50000").div(dec("1000000"))) == "0.05");
  CHECK(text(dec("-3").div(dec("-0.003"))) == "1000");
  CHECK(text(Decimal().div(three)) == "0");
  CHECK(text(dec("12345678901234567890").div(one)) == "12345678901234567890");
  CHECK(text(dec("-1000000000000000000").div(dec("0.1"), 18)) == "-10000000000000000000");
  CHECK(text(dec("1844674407370.9551616").div(one)) == "1844674407370.9551616");  // 2^64 at scale 7
  CHECK(text(dec("7.25").div(dec("-0.25"), 18)) == "-29");
  CHECK(code(dec("99999999999999999999").div(dec("0.5"), 0)) == ErrorCode::overflow);
  CHECK(code(one.div(Decimal())) == ErrorCode::division_by_zero);
  CHECK(code(one.div(three, 19)) == ErrorCode::out_of_range);
  CHECK(code(one.div(three, -1)) == ErrorCode::out_of_range);
}

TEST_CASE("every rounding mode, at ties and off ties, both signs", "[decimal]") {
  struct Case {
    const char* in;
    Rounding mode;
    const char* out;
  };
  const Case cases[] = {
      {"2.5", Rounding::half_even, "2"},   {"3.5", Rounding::half_even, "4"},  {"-2.5", Rounding::half_even, "-2"},
      {"2.5", Rounding::half_up, "3"},     {"-2.5", Rounding::half_up, "-3"},  {"2.5", Rounding::half_down, "2"},
      {"2.51", Rounding::half_down, "3"},  {"2.9", Rounding::down, "2"},       {"-2.9", Rounding::down, "-2"},
      {"2.1", Rounding::up, "3"},          {"-2.1", Rounding::up, "-3"},       {"-2.1", Rounding::floor, "-3"},
      {"2.9", Rounding::floor, "2"},       {"2.1", Rounding::ceiling, "3"},    {"-2.9", Rounding::ceiling, "-2"},
      {"2.49", Rounding::half_up, "2"},    {"7", Rounding::up, "7"},
  };
  for (const auto& c : cases) {
    INFO(c.in << " " << crm::to_string(c.mode));
    CHECK(text(dec(c.in).round(0, c.mode)) == c.out);
  }
  CHECK(text(dec("2.345").round(2, Rounding::half_up)) == "2.35");
  CHECK(text(dec("2.345").round(2)) == "2.34");
  CHECK(text(dec("12.5").round(2)) == "12.50");  // rounding to more digits pads
  CHECK(code(dec("99999999999999999999.5").round(0, Rounding::up)) == ErrorCode::overflow);
  CHECK(code(dec("1").round(19)) == ErrorCode::out_of_range);
  CHECK(crm::rounding_from_string("half_up") == Rounding::half_up);
  CHECK_FALSE(crm::rounding_from_string("nearest").has_value());
}

TEST_CASE("comparison and hashing follow the value, not the scale", "[decimal]") {
  CHECK(dec("1.0") == dec("1.00"));
  CHECK(dec("1.0").hash() == dec("1.00").hash());
  CHECK(dec("-0.001") < dec("0"));
  CHECK(dec("10") > dec("9.999999999999999999"));
  CHECK(dec("-99999999999999999999.999999999999999999") < dec("99999999999999999999.999999999999999999"));
  std::unordered_set<Decimal> seen{dec("2.50"), dec("2.5"), dec("2.500")};
  CHECK(seen.size() == 1);
}

TEST_CASE("integers in and out", "[decimal]") {
  CHECK(Decimal::from_int(INT64_MIN).to_string() == "-9223372036854775808");
  CHECK(*Decimal::from_int(INT64_MAX).to_int64() == INT64_MAX);
  CHECK(*dec("42.000").to_int64() == 42);
  auto fraction = dec("42.5").to_int64();
  REQUIRE_FALSE(fraction);
  CHECK(fraction.error().code == ErrorCode::type_mismatch);
  auto big = dec("1e19").to_int64();
  REQUIRE_FALSE(big);
  CHECK(big.error().code == ErrorCode::out_of_range);
  CHECK(code(Decimal::from_parts(1, 19)) == ErrorCode::out_of_range);
  CHECK(code(Decimal::from_parts(crm::internal::int128(crm::internal::pow10[38]), 18)) == ErrorCode::overflow);
  CHECK(text(Decimal::from_parts(-12345, 2)) == "-123.45");
}

TEST_CASE("raw decimal arithmetic gives Decimal's results, value and scale, and fails where add fails",
          "[decimal]") {
  using crm::internal::RawDecimal;
  const char* texts[] = {"0", "1", "-1", "0.1", "0.000001", "2.5", "-7.25", "123456789.12", "-0.000000000000000001",
                         "99999999999999999999", "-99999999999999999999", "99999999999999999999.999999999999999999",
                         "0.123456789012345678", "5000000000", "100", "1e-9"};
  for (const char* ta : texts)
    for (const char* tb : texts) {
      const Decimal a = dec(ta), b = dec(tb);
      RawDecimal r;
      const auto sum = a.add(b);
      REQUIRE(crm::internal::raw_add(RawDecimal::of(a), RawDecimal::of(b), r) == sum.has_value());
      if (sum) {
        CHECK(r.to_decimal() == *sum);
        CHECK(r.to_decimal().scale() == sum->scale());
      }
      const auto product = a.mul(b);
      if (crm::internal::raw_mul(RawDecimal::of(a), RawDecimal::of(b), r)) {
        REQUIRE(product.has_value());
        CHECK(r.to_decimal() == *product);
        CHECK(r.to_decimal().scale() == product->scale());
      } else {
        // Only a failing or rounded product is left to Decimal::mul.
        CHECK((!product || a.scale() + b.scale() > Decimal::max_scale));
      }
    }
}

TEST_CASE("plain decimal text parses as the general parser reads it", "[decimal]") {
  // "e0" sends the same text through the general path: value, scale and errors agree.
  std::mt19937_64 rng(29);
  const char alphabet[] = "0123456789.";
  for (int k = 0; k < 20000; ++k) {
    std::string text = rng() % 4 == 0 ? "-" : "";
    const std::size_t length = rng() % 24;
    for (std::size_t c = 0; c < length; ++c) text += alphabet[rng() % (rng() % 3 == 0 ? 11 : 10)];
    INFO(text);
    const auto plain = Decimal::parse(text);
    const auto general = Decimal::parse(text + "e0");
    REQUIRE(plain.has_value() == general.has_value());
    if (plain) CHECK(plain->to_string() == general->to_string());
  }
}

TEST_CASE("any coefficient and scale print as text that parses back to them", "[decimal]") {
  std::mt19937_64 rng(11);
  for (int k = 0; k < 20000; ++k) {
    // Magnitudes of every width up to 10^38 - 1, both signs, every scale.
    const int width = static_cast<int>(rng() % 39);
    crm::internal::uint128 m = (static_cast<crm::internal::uint128>(rng()) << 64) | rng();
    if (width < 38) m %= crm::internal::pow10[width];
    else m %= crm::internal::pow10[38];
    const int scale = static_cast<int>(rng() % 19);
    if (m >= crm::internal::pow10[20 + scale]) m %= crm::internal::pow10[20 + scale];
    const auto c = static_cast<crm::internal::int128>(m);
    const Decimal d = *Decimal::from_parts(rng() % 2 ? -c : c, scale);
    const std::string text = d.to_string();
    INFO(text);
    const auto back = Decimal::parse(text);
    REQUIRE(back.has_value());
    CHECK(back->coefficient() == d.coefficient());
    CHECK(back->scale() == d.scale());
  }
}
