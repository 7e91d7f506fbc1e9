// The fit plot: per number of repeat purchases, the customers that made them and the number
// the BG/NBD model expects, side by side (FHL 2005, figure 2; lifetimes' plot_period_transactions).
#include <algorithm>
#include <cmath>

#include "src/lifetime/detail.hpp"
#include "src/svg/svg.hpp"

namespace crm::lifetime {

std::string histogram_svg(std::span<const HistogramBin> bins, Lang lang, const Settings& s) {
  using internal::Svg;
  constexpr std::int64_t width = 640, height = 400, left = 70, top = 50, plot_w = 540, plot_h = 280;
  double most = 1;
  for (const auto& b : bins) most = std::max({most, static_cast<double>(b.actual), b.expected});
  Svg svg(width, height);
  svg.title(s.texts.fit_title.in(lang));
  svg.text({{"x", width / 2}, {"y", 24}, {"text-anchor", "middle"}, {"font-size", 15}}, s.texts.fit_title.in(lang));
  svg.element("line", {{"x1", left}, {"y1", top + plot_h}, {"x2", left + plot_w}, {"y2", top + plot_h}, {"stroke", "#333"}});
  svg.element("line", {{"x1", left}, {"y1", top}, {"x2", left}, {"y2", top + plot_h}, {"stroke", "#333"}});
  for (int k = 0; k <= 4; ++k) {
    const std::int64_t y = top + plot_h - plot_h * k / 4;
    svg.text({{"x", left - 6}, {"y", y + 4}, {"text-anchor", "end"}},
             std::to_string(static_cast<std::int64_t>(std::llround(most * k / 4))));
  }
  const std::int64_t n = std::max<std::int64_t>(1, static_cast<std::int64_t>(bins.size()));
  const std::int64_t slot = plot_w / n, bar = std::max<std::int64_t>(2, slot * 2 / 5);
  auto height_of = [&](double v) { return static_cast<std::int64_t>(std::llround(plot_h * v / most)); };
  for (std::size_t i = 0; i < bins.size(); ++i) {
    const auto& b = bins[i];
    const std::int64_t x = left + slot * static_cast<std::int64_t>(i) + slot / 10;
    const std::int64_t ha = height_of(static_cast<double>(b.actual)), he = height_of(b.expected);
    svg.element("rect", {{"x", x}, {"y", top + plot_h - ha}, {"width", bar}, {"height", ha}, {"fill", "#4e79a7"}});
    svg.element("rect", {{"x", x + bar}, {"y", top + plot_h - he}, {"width", bar}, {"height", he}, {"fill", "#f28e2b"}});
    const std::string label = std::to_string(b.repeat_purchases) + (i + 1 == bins.size() ? "+" : "");
    svg.text({{"x", x + bar}, {"y", top + plot_h + 16}, {"text-anchor", "middle"}}, label);
  }
  svg.text({{"x", left + plot_w / 2}, {"y", top + plot_h + 36}, {"text-anchor", "middle"}},
           s.texts.repeat_purchases.in(lang));
  svg.text({{"x", 16}, {"y", top - 12}}, s.texts.customers.in(lang));
  const std::int64_t ly = height - 24;
  svg.element("rect", {{"x", left}, {"y", ly - 10}, {"width", 12}, {"height", 12}, {"fill", "#4e79a7"}});
  svg.text({{"x", left + 18}, {"y", ly}}, s.texts.actual.in(lang));
  svg.element("rect", {{"x", left + 120}, {"y", ly - 10}, {"width", 12}, {"height", 12}, {"fill", "#f28e2b"}});
  svg.text({{"x", left + 138}, {"y", ly}}, s.texts.predicted.in(lang));
  return svg.finish();
}

}  // namespace crm::lifetime
