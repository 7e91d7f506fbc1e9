// GradeSummary::to_svg: the Pareto curve and the customers per grade of a graded
// portfolio, as one well-formed SVG document with its names escaped.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "crmrules/portfolio_grading.hpp"

namespace {

/// The line (one element) of the document that holds `part`, or "".
std::string line_with(const std::string& svg, std::string_view part) {
  const auto at = svg.find(part);
  if (at == std::string::npos) return {};
  const auto start = svg.rfind('\n', at) + 1;  // npos + 1 is 0
  return svg.substr(start, svg.find('\n', at) - start);
}

/// An attribute of an element as a number (the SVG writer may write 60 or 60.00).
double number_in(const std::string& element, const std::string& name) {
  const auto at = element.find(" " + name + "=\"");
  if (at == std::string::npos) return -1;
  return std::stod(element.substr(at + name.size() + 3));
}

std::size_t count(const std::string& text, std::string_view part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

/// The deck's three customers (examples/data/deck_customers.csv) graded by the built-in rules.
crm::GradeSummary graded_deck() {
  static std::atomic<int> counter{0};
  const std::string path =
      "/tmp/crmrules_grade_chart_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".csv";
  std::ofstream(path, std::ios::binary)
      << "id,name,annual_purchases,annual_discount,contact_cost,annual_net_profit,historical_contribution,"
         "cooperation,budgeted_total_profit,background,potential,influence\n"
         "HQ,华强工贸,5000000,870000,200000,500000,4000000,7,6000000,none,C1,A1\n"
         "HW,华为,130000000,13000000,300000,20000000,57000000,5,250000000,technology,A1,A1\n"
         "CM,中国移动,50000000,2300000,700000,6000000,15000000,3,100000000,government,A1,B1\n";
  std::ostringstream out;
  auto summary = crm::grade_csv(crm::RuleSet::builtin(), path, out);
  std::remove(path.c_str());
  if (!summary) FAIL(summary.error().to_string());
  return std::move(*summary);
}

}  // namespace

TEST_CASE("to_svg: the Pareto curve and a bar per grade, in one SVG document", "[portfolio][chart]") {
  const crm::GradeSummary summary = graded_deck();
  REQUIRE(summary.grades.size() == 2);  // A1: 2, B2: 1
  const std::string svg = summary.to_svg();
  CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"920\" height=\"400\""));
  CHECK(svg.ends_with("</svg>\n"));
  CHECK(count(svg, "<svg") == 1);
  CHECK(count(svg, "<text") == count(svg, "</text>"));
  // The titles of the two halves (the left one wraps to keep to its half).
  CHECK(svg.find(">Pareto curve: share of annual_net_profit held by the top</text>\n<text x=\"60\" y=\"34\" "
                 "font-size=\"14\">customers</text>") != std::string::npos);
  CHECK(svg.find(">customers per value_grade</text>") != std::string::npos);
  // The curve from (0%, 0%) at (60, 340); the A threshold at 80% (y 100) across the
  // frame; the Pareto point at the top 20% (x 132) holding 45.28% (y 204.15), labelled.
  CHECK(count(svg, "<polyline ") == 1);
  const std::string curve = line_with(svg, "<polyline ");
  CHECK(curve.find("fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"60") != std::string::npos);
  CHECK(std::stod(curve.substr(curve.find('"', curve.find("points=")) + 1)) == 60);
  CHECK(std::stod(curve.substr(curve.find(',', curve.find("points=")) + 1)) == 340);
  const std::string threshold = line_with(svg, "stroke=\"#d62728\"");
  CHECK(threshold.starts_with("<line "));
  CHECK(number_in(threshold, "x1") == 60);
  CHECK(number_in(threshold, "y1") == 100);
  CHECK(number_in(threshold, "x2") == 420);
  CHECK(number_in(threshold, "y2") == 100);
  const std::string point = line_with(svg, "<circle ");
  CHECK(number_in(point, "cx") == 132);
  CHECK(number_in(point, "cy") == Approx(204.15));
  CHECK(svg.find(">top 20.00% hold 45.28%</text>") != std::string::npos);
  // A bar per grade (the background is the one rect without x), the larger one full height.
  CHECK(count(svg, "<rect x=") == 2);
  CHECK(svg.find("<rect x=\"560\" y=\"60\" width=\"120\" height=\"280\" fill=\"#ff7f0e\"/>") != std::string::npos);
  CHECK(svg.find("<rect x=\"740\" y=\"200\" width=\"120\" height=\"140\" fill=\"#ff7f0e\"/>") != std::string::npos);
  CHECK(svg.find(">A1</text>") != std::string::npos);
  CHECK(svg.find(">B2</text>") != std::string::npos);
}

TEST_CASE("to_svg: names are escaped, without customers, the frame alone", "[portfolio][chart]") {
  crm::GradeSummary summary = graded_deck();
  summary.measure = "profit <&> loss";
  summary.grade_output = "tier \"x\"";
  summary.grades[0].label = "<A&B>";
  summary.grades[1].label = "";
  const std::string svg = summary.to_svg();
  // The title wraps onto a second line where it would run into the other chart's.
  CHECK(svg.find(">Pareto curve: share of profit &lt;&amp;&gt; loss held by the top</text>") != std::string::npos);
  CHECK(svg.find(" font-size=\"14\">customers</text>") != std::string::npos);
  CHECK(svg.find(">customers per tier &quot;x&quot;</text>") != std::string::npos);
  CHECK(svg.find(">&lt;A&amp;B&gt;</text>") != std::string::npos);
  CHECK(svg.find(">(none)</text>") != std::string::npos);
  CHECK(svg.find("<A&B>") == std::string::npos);
  for (auto at = svg.find('&'); at != std::string::npos; at = svg.find('&', at + 1)) {
    const std::string_view entity = std::string_view(svg).substr(at, 6);
    CHECK((entity.starts_with("&lt;") || entity.starts_with("&gt;") || entity.starts_with("&amp;") ||
           entity.starts_with("&quot;")));
  }

  const crm::GradeSummary empty;  // nothing graded: no curve, no bars
  const std::string frame = empty.to_svg();
  CHECK(frame.ends_with("</svg>\n"));
  CHECK(frame.find("<polyline") == std::string::npos);
  CHECK(count(frame, "<rect x=") == 0);
  CHECK(frame.find(">customers per grade</text>") != std::string::npos);
}
