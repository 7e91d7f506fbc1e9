// Portfolio grading: ABC boundaries (exactly 80% is A), ties, zero and negative measures,
// the Pareto share with a fractional top count, the curve, options, and RFM quantiles.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "crmrules/portfolio.hpp"
#include "tests/cpp/decimals.hpp"

using crm::AbcClass;
using crm::Decimal;
using crm::Portfolio;

namespace {

std::string classes(const Portfolio& p) {
  std::string out;
  for (std::size_t i = 0; i < p.size(); ++i) out += to_string(p.abc_class(i));
  return out;
}

Portfolio classify(const std::vector<Decimal>& m, const crm::PortfolioOptions& o = {}) {
  auto p = Portfolio::classify(m, o);
  if (!p) FAIL(p.error().to_string());
  return std::move(*p);
}

}  // namespace

TEST_CASE("abc: the customer reaching exactly 80% is A, the next is B, exactly 95% is B", "[portfolio]") {
  const auto p = classify(decs({"50", "30", "10", "5", "3", "2"}));
  CHECK(classes(p) == "AABBCC");
  CHECK(p.cumulative_share(1) == dec("0.8"));
  CHECK(p.share_above(2) == dec("0.8"));
  CHECK(p.cumulative_share(3) == dec("0.95"));
  CHECK(p.count(AbcClass::A) == 2);
  CHECK(p.count(AbcClass::B) == 2);
  CHECK(p.count(AbcClass::C) == 2);
  CHECK(p.class_share(AbcClass::A) == dec("0.8"));
  CHECK(p.class_share(AbcClass::C) == dec("0.05"));
  CHECK(p.cumulative_share(0).to_string() == "0.500000");  // six digits by default
}

TEST_CASE("abc: the customer that crosses 80% is A (A is the smallest top group holding 80%)", "[portfolio]") {
  CHECK(classes(classify(decs({"10", "60", "30"}))) == "BAA");
  // One customer holding 90% is A on its own.
  CHECK(classes(classify(decs({"90", "6", "4"}))) == "ABC");
}

TEST_CASE("abc: ties share rank, share and class, whatever the input order", "[portfolio]") {
  auto m = decs({"40", "20", "20", "20", "1"});
  const auto p = classify(m);
  CHECK(classes(p) == "AAAAC");
  CHECK(p.rank(1) == 2);
  CHECK(p.rank(3) == 2);
  CHECK(p.rank(4) == 5);
  CHECK(p.cumulative_share(2) == p.cumulative_share(3));
  // A tie group straddling 80% is never split.
  const auto straddle = classify(decs({"70", "10", "10", "10"}));
  CHECK(classes(straddle) == "AAAA");
  std::reverse(m.begin(), m.end());
  CHECK(classes(classify(m)) == "CAAAA");
}

TEST_CASE("abc: zero and negative measures hold no share and are C", "[portfolio]") {
  const auto p = classify(decs({"-50", "100", "0", "-0.01"}));
  CHECK(classes(p) == "CACC");
  CHECK(p.loss_making() == 2);
  CHECK(p.non_positive() == 3);
  CHECK(p.rank(1) == 1);
  CHECK(p.rank(2) == 2);
  CHECK(p.rank(3) == 3);
  CHECK(p.rank(0) == 4);  // ranked by the measure itself, losses last
  CHECK(p.cumulative_share(0) == dec("1"));
  CHECK(*p.positive_total() == dec("100"));
  CHECK(*p.pareto_share() == dec("0.8"));  // 20% of 4 = 0.8 of the top customer

  const auto none = classify(decs({"0", "-3"}));
  CHECK(classes(none) == "CC");
  CHECK_FALSE(none.pareto_share());
  CHECK(none.curve(10).empty());
  CHECK(none.cumulative_share(0) == dec("0"));
}

TEST_CASE("abc: shares are exact across scales", "[portfolio]") {
  const auto p = classify(decs({"0.1", "0.2", "0.70"}));
  CHECK(classes(p) == "BAA");
  CHECK(p.cumulative_share(1) == dec("0.9"));
  // A third each: no share is rounded before it is compared.
  const auto thirds = classify(decs({"1", "1", "1"}));
  CHECK(classes(thirds) == "AAA");
  const auto halves = classify(decs({"3", "1", "1", "1"}), {dec("0.5"), dec("0.5"), dec("0.2"), 6});
  CHECK(classes(halves) == "ACCC");  // the top customer holds exactly 50%: the rest are beyond it
}

TEST_CASE("pareto: the top 20%, a fractional count interpolated", "[portfolio]") {
  // 10 customers: the top 2 hold (10 + 9) / 55.
  const auto ten = classify(decs({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}));
  CHECK(ten.pareto_share()->to_string() == "0.345455");
  // 12 customers: 20% is 2.4 customers: 100 + 50 + 0.4 * 30 = 162 of 200.
  std::vector<Decimal> twelve = decs({"100", "50", "30", "20"});
  twelve.resize(12);
  const auto p = classify(twelve);
  CHECK(*p.pareto_share() == dec("0.81"));
  CHECK(**p.top_share(dec("0")) == dec("0"));
  CHECK(**p.top_share(dec("1")) == dec("1"));
  CHECK(p.top_share(dec("1.5")).error().code == crm::ErrorCode::invalid_argument);
  const auto curve = p.curve(4);
  REQUIRE(curve.size() == 5);
  CHECK(curve[1].first == dec("0.25"));
  CHECK(curve[1].second == dec("0.9"));  // 3 customers
  CHECK(curve[4].second == dec("1"));
}

TEST_CASE("portfolio: options are checked, an empty portfolio is fine", "[portfolio]") {
  const auto m = decs({"1"});
  auto with = [&](const char* a, const char* b, const char* top) {
    return Portfolio::classify(m, {dec(a), dec(b), dec(top), 6});
  };
  CHECK(with("0", "0.95", "0.2").error().code == crm::ErrorCode::invalid_argument);
  CHECK(with("1.1", "1.1", "0.2").error().message.find("a_share") != std::string::npos);
  CHECK(with("0.8", "0.7", "0.2").error().message.find("b_share") != std::string::npos);
  CHECK(with("0.8", "0.9", "-0.1").error().message.find("pareto_top") != std::string::npos);
  CHECK(with("1", "1", "1"));
  const auto empty = classify({});
  CHECK(empty.size() == 0);
  CHECK_FALSE(empty.pareto_share());
}

TEST_CASE("portfolio: totals beyond a Decimal's range still classify exactly", "[portfolio]") {
  const auto big = dec("99999999999999999999");
  const auto p = classify({big, big, dec("0.000000000000000001")});
  CHECK(classes(p) == "AAC");
  CHECK(p.positive_total().error().code == crm::ErrorCode::overflow);
  CHECK(p.cumulative_share(0) == dec("1"));  // rounded to six digits
}

TEST_CASE("rfm: quintiles, ties kept together, lower-is-better and missing values", "[portfolio][rfm]") {
  std::vector<std::optional<Decimal>> v;
  for (int i = 1; i <= 10; ++i) v.emplace_back(Decimal::from_int(i));
  CHECK(*crm::quantile_scores(v) == std::vector<std::uint8_t>{1, 1, 2, 2, 3, 3, 4, 4, 5, 5});
  CHECK(*crm::quantile_scores(v, 5, crm::Better::lower) == std::vector<std::uint8_t>{5, 5, 4, 4, 3, 3, 2, 2, 1, 1});
  std::vector<std::optional<Decimal>> ties = {dec("0"), dec("0"), dec("0"), dec("0"), dec("0"), dec("0"),
                                              dec("1"), dec("2"), dec("3"), dec("4")};
  CHECK(*crm::quantile_scores(ties) == std::vector<std::uint8_t>{1, 1, 1, 1, 1, 1, 4, 4, 5, 5});
  std::vector<std::optional<Decimal>> gaps = {dec("5"), std::nullopt, dec("1.0"), dec("1")};
  CHECK(*crm::quantile_scores(gaps, 2) == std::vector<std::uint8_t>{2, 0, 1, 1});
  CHECK(crm::quantile_scores(v, 1).error().code == crm::ErrorCode::invalid_argument);
  CHECK(crm::quantile_scores({}, 5)->empty());
}
