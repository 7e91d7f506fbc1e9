// A consumer of the C++ API: a price with tax and a share, in exact decimals.
// Prints what it computed; exits 1 when a value is not the exact expected one.
#include <crmrules/decimal.hpp>

#include <cstdio>
#include <string>

namespace {

int failures = 0;

void expect(const char* what, const crm::expected<crm::Decimal>& got, const char* want) {
  const std::string text = got ? got->to_string() : "error: " + got.error().to_string();
  std::printf("%s = %s\n", what, text.c_str());
  if (text != want) {
    std::fprintf(stderr, "consumer_cpp: %s is %s, expected %s\n", what, text.c_str(), want);
    ++failures;
  }
}

}  // namespace

int main() {
  using crm::Decimal;
  const auto price = Decimal::parse("19.99");
  const auto rate = Decimal::parse("0.075");
  if (!price || !rate) {
    std::fprintf(stderr, "consumer_cpp: parse failed\n");
    return 1;
  }
  const auto gross = price->mul(Decimal::from_int(3));                         // 59.97
  const auto tax = gross->mul(*rate)->round(2, crm::Rounding::half_up);        // 4.49775 -> 4.50
  const auto total = gross->add(*tax);                                         // 64.47
  expect("19.99 * 3", gross, "59.97");
  expect("tax at 7.5%", tax, "4.50");
  expect("total", total, "64.47");
  expect("2 / 3", Decimal::from_int(2).div(Decimal::from_int(3), 4), "0.6667");
  expect("0.1 + 0.2", Decimal::parse("0.1")->add(*Decimal::parse("0.2")), "0.3");
  const auto by_zero = Decimal::from_int(1).div(Decimal{});
  if (by_zero || by_zero.error().code != crm::ErrorCode::division_by_zero) {
    std::fprintf(stderr, "consumer_cpp: 1 / 0 did not fail with division_by_zero\n");
    ++failures;
  }
  return failures == 0 ? 0 : 1;
}
