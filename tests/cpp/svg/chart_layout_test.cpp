// Chart layout: with long Chinese and English titles and labels, no two texts overlap and
// every text stays inside the viewBox. Each <text> is measured as the charts measure it
// (internal::text_width: CJK 1 em, other characters 0.55 em), from its x, dx, y, dy,
// text-anchor and font-size; its box runs from 0.8 em above the baseline to 0.2 em below.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "crmrules/kano.hpp"
#include "crmrules/portfolio_grading.hpp"
#include "src/svg/svg.hpp"

namespace {

struct Box {
  double x0, y0, x1, y1;
  std::string text;
};

double svg_attr(const std::string& attrs, const std::string& name, double otherwise) {
  std::smatch m;
  if (std::regex_search(attrs, m, std::regex("(^| )" + name + "=\"(-?[0-9.]+)\""))) return std::stod(m[2]);
  return otherwise;
}

std::string unescape(std::string s) {
  for (auto [from, to] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}})
    for (std::size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, std::string(from).size(), to);
  return s;
}

/// The boxes of the document's texts, and its width and height. `shift`: the offset of
/// the group the texts are in (the Kano chart draws in one translated group); a text
/// rotated by -90 degrees about its own translate(a,b) stands upright, centred on b.
std::vector<Box> text_boxes(const std::string& svg, double& width, double& height, double shift_x = 0,
                            double shift_y = 0) {
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, std::regex(R"re(viewBox="0 0 ([0-9.]+) ([0-9.]+)")re")));
  width = std::stod(m[1]);
  height = std::stod(m[2]);
  std::vector<Box> boxes;
  const std::regex text(R"re(<text ([^>]*)>([^<]*)</text>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text); it != std::sregex_iterator(); ++it) {
    const std::string attrs = (*it)[1], content = unescape((*it)[2]);
    const double size = svg_attr(attrs, "font-size", 12), w = crm::internal::text_width(content, size);
    std::smatch r;
    if (std::regex_search(attrs, r, std::regex(R"re(translate\((-?[0-9.]+),(-?[0-9.]+)\) rotate\(-90\))re"))) {
      const double a = std::stod(r[1]) + shift_x, b = std::stod(r[2]) + shift_y;
      boxes.push_back({a - 0.8 * size, b - w / 2, a + 0.2 * size, b + w / 2, content});
      continue;
    }
    double x = svg_attr(attrs, "x", 0) + svg_attr(attrs, "dx", 0) + shift_x;
    const double y = svg_attr(attrs, "y", 0) + svg_attr(attrs, "dy", 0) + shift_y;
    if (attrs.find("text-anchor=\"middle\"") != std::string::npos) x -= w / 2;
    if (attrs.find("text-anchor=\"end\"") != std::string::npos) x -= w;
    boxes.push_back({x, y - 0.8 * size, x + w, y + 0.2 * size, content});
  }
  return boxes;
}

void check_layout(const std::string& svg, double shift_x = 0, double shift_y = 0) {
  double width = 0, height = 0;
  const auto boxes = text_boxes(svg, width, height, shift_x, shift_y);
  REQUIRE(boxes.size() > 5);
  for (const auto& b : boxes) {
    INFO("text '" << b.text << "' at " << b.x0 << "," << b.y0 << " to " << b.x1 << "," << b.y1);
    CHECK((b.x0 >= 0 && b.y0 >= 0 && b.x1 <= width && b.y1 <= height));
  }
  for (std::size_t i = 0; i < boxes.size(); ++i)
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      const Box &a = boxes[i], &b = boxes[j];
      INFO("'" << a.text << "' and '" << b.text << "'");
      CHECK_FALSE((a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1));
    }
}

crm::GradeSummary long_labelled(const char* pareto_top) {
  crm::GradeSummary s;
  s.measure = "annual_net_profit_after_discounts_and_contact_costs_年度净利润（扣除折扣与联系成本）";
  s.grade_output = "客户价值综合评定等级_customer_value_grade_with_a_very_long_name";
  for (const char* label : {"A1 战略合作伙伴型大客户", "A2 附加价值型大客户 (value-added key account)", "B1 交易型",
                            "B2 a transactional customer with a long English label", "C1 一般客户", "C2", ""})
    s.grades.push_back({label, 3, {1, 1, 1}});
  std::vector<crm::Decimal> profits;
  for (int i = 1; i <= 40; ++i) profits.push_back(crm::Decimal::from_int(i * i));
  crm::PortfolioOptions options;
  options.pareto_top = *crm::Decimal::parse(pareto_top);
  auto p = crm::Portfolio::classify(profits, options);
  REQUIRE(p);
  s.portfolio = std::move(*p);
  return s;
}

}  // namespace

TEST_CASE("text width: CJK 1 em, others 0.55 em, fit_text shortens at a character with an ellipsis", "[svg]") {
  CHECK(crm::internal::text_width("ab", 10) == Approx(11));
  CHECK(crm::internal::text_width("华为", 10) == Approx(20));
  CHECK(crm::internal::fit_text("华为", 10, 20) == "华为");
  const std::string fitted = crm::internal::fit_text("战略合作伙伴型大客户", 10, 40);
  CHECK(fitted == "战略合…");
  CHECK(crm::internal::text_width(fitted, 10) <= 40);
  using Rows = std::vector<std::string>;
  // 61 px at 10 px: 11 characters of 5.5 px; 50 px: 9 (an ellipsis is one).
  CHECK(crm::internal::wrap_text("share of profit held", 10, 61, 2) == Rows{"share of", "profit held"});
  CHECK(crm::internal::wrap_text("share of profit held", 10, 50, 2) == Rows{"share of", "profit h…"});
  CHECK(crm::internal::wrap_text("short", 10, 50, 2) == Rows{"short"});
  CHECK(crm::internal::wrap_text("one two three four five six", 10, 50, 2) == Rows{"one two", "three fo…"});
}

TEST_CASE("the Pareto and grade chart: long Chinese and English titles and labels stay apart and inside",
          "[svg][portfolio]") {
  for (const char* top : {"0.20", "0.90"}) {  // the Pareto label right of its point, and left of it at the edge
    INFO("pareto_top " << top);
    check_layout(long_labelled(top).to_svg());
  }
}

TEST_CASE("the Kano chart: crowded points with long Chinese and English names stay apart and inside", "[svg][kano]") {
  crm::kano::Analysis a;
  const char* names[] = {"超长的属性名称：一键连接所有设备并自动同步云端数据",
                         "Battery life that lasts a whole working week",
                         "电池续航",
                         "Battery",
                         "屏幕亮度",
                         "Screen brightness in direct sunlight",
                         "价格",
                         "A price below every competitor's"};
  for (int i = 0; i < 8; ++i) {
    crm::kano::Result r;
    r.attribute = names[i];
    // Crowded: four near the top right corner (its quadrant's name there too), four in the middle.
    const int x = i < 4 ? 95 + i : 50 + i, y = i < 4 ? 96 + i : 50 + i;
    r.better = *crm::Decimal::from_parts(y, 2);
    r.worse = *crm::Decimal::from_parts(-x, 2);
    r.segment =
        i % 2 ? std::optional<std::string>("一个很长很长的细分市场名称 and a long English segment name") : std::nullopt;
    a.results.push_back(r);
  }
  check_layout(a.to_svg(), 70, 40);
}
