// Report::to_svg: each commitment's rate per month against its target, drawn with the
// library's SVG writer. Months without a rate for a commitment break its line.
#include <algorithm>

#include "crmrules/service.hpp"
#include "src/svg/svg.hpp"

namespace crm::service {
namespace {

using internal::Svg;

// Plot area: x = the months, evenly; y = a rate from 0 (bottom) to 1.
constexpr int left = 60, top = 40, width = 560, height = 280, legend_line = 18;
constexpr const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                   "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

std::int64_t x_of(std::size_t i, std::size_t n) {
  return n <= 1 ? width / 2 : static_cast<std::int64_t>(i) * width / static_cast<std::int64_t>(n - 1);
}
Decimal y_of(const Decimal& rate) {
  return *Decimal::from_int(height).sub(*rate.mul(Decimal::from_int(height)))->round(1);
}

void draw_frame(Svg& svg, const std::vector<Group>& months) {
  svg.element("rect", {{"x", 0}, {"y", 0}, {"width", width}, {"height", height}, {"fill", "none"}, {"stroke", "#333"}});
  for (int t = 0; t <= 4; ++t) {
    const std::int64_t y = height - height * t / 4;
    svg.element("line", {{"x1", 0}, {"y1", y}, {"x2", width}, {"y2", y}, {"stroke", "#eee"}});
    svg.text({{"x", -6}, {"y", y + 4}, {"text-anchor", "end"}}, std::to_string(25 * t) + "%");
  }
  const std::size_t step = std::max<std::size_t>(1, months.size() / 12);  // at most about 12 labels
  for (std::size_t i = 0; i < months.size(); i += step)
    svg.text({{"x", x_of(i, months.size())}, {"y", height + 16}, {"text-anchor", "middle"}},
             months[i].key.empty() ? "?" : months[i].key);
}

void draw_commitment(Svg& svg, const Report& r, std::size_t k, Lang lang) {
  const char* colour = colours[k % std::size(colours)];
  const Commitment& c = r.commitments[k];
  svg.open("g", {{"stroke", colour}, {"fill", colour}});
  svg.title(c.text.in(lang));
  const Decimal target_y = y_of(c.target);
  svg.element("line", {{"x1", 0},
                       {"y1", target_y},
                       {"x2", width},
                       {"y2", target_y},
                       {"stroke-dasharray", "6 4"},
                       {"stroke-opacity", "0.6"}});
  std::string points;
  auto flush = [&] {
    if (points.find(' ') != std::string::npos) svg.element("polyline", {{"points", points}, {"fill", "none"}});
    points.clear();
  };
  for (std::size_t i = 0; i < r.months.size(); ++i) {
    const auto rate = r.months[i].tallies[k].rate();
    if (!rate) {
      flush();
      continue;
    }
    const std::int64_t x = x_of(i, r.months.size());
    const Decimal y = y_of(*rate);
    svg.element("circle", {{"cx", x}, {"cy", y}, {"r", 3}});
    points += (points.empty() ? "" : " ") + std::to_string(x) + "," + y.to_string();
  }
  flush();
  svg.close("g");
}

void draw_legend(Svg& svg, const Report& r, Lang lang) {
  for (std::size_t k = 0; k < r.commitments.size(); ++k) {
    const std::int64_t y = height + 40 + static_cast<std::int64_t>(k) * legend_line;
    const char* colour = colours[k % std::size(colours)];
    svg.element("line", {{"x1", 0}, {"y1", y - 4}, {"x2", 24}, {"y2", y - 4}, {"stroke", colour}, {"stroke-width", 2}});
    svg.text({{"x", 32}, {"y", y}}, r.commitments[k].text.in(lang) + " (" + r.commitments[k].target.to_string() + ")");
  }
}

}  // namespace

std::string Report::to_svg(Lang lang) const {
  const std::int64_t legend = static_cast<std::int64_t>(commitments.size()) * legend_line;
  Svg svg(left + width + 40, top + height + 48 + legend);
  svg.title(lang == Lang::zh ? "服务承诺达成率(按月)" : "Service commitments met, by month");
  svg.text({{"x", left}, {"y", 22}, {"font-size", 14}},
           lang == Lang::zh ? "服务承诺达成率(按月,虚线为目标)" : "Service commitments met by month (dashed: target)");
  svg.open("g", {{"transform", "translate(" + std::to_string(left) + "," + std::to_string(top) + ")"}});
  draw_frame(svg, months);
  for (std::size_t k = 0; k < commitments.size(); ++k) draw_commitment(svg, *this, k, lang);
  draw_legend(svg, *this, lang);
  svg.close("g");
  return svg.finish();
}

}  // namespace crm::service
