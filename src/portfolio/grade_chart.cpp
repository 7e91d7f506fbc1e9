// GradeSummary::to_svg (include/crmrules/portfolio_grading.hpp): the Pareto curve of the
// measure (left) and the customers per grade (right), drawn with the library's SVG writer.
#include <algorithm>
#include <cmath>

#include "crmrules/portfolio_grading.hpp"
#include "src/svg/svg.hpp"

namespace crm {
namespace {

using internal::Svg;
using internal::SvgAttr;

// Each half is a frame_w by frame_h frame: the curve's at (frame_left, frame_top), the
// bars' frame_gap to its right.
constexpr std::int64_t frame_w = 360, frame_h = 300, frame_left = 60, frame_top = 40, frame_gap = 110;
constexpr std::int64_t bars_left = frame_left + frame_w + frame_gap;
constexpr std::int64_t title_size = 14, label_size = 12;  // font sizes (the document's is 12)

/// share (0..1) as a percentage with two decimals: "80.02".
std::string percent(Decimal share) {
  auto p = share.mul(Decimal::from_int(100));
  auto r = p ? p->round(2) : p;
  return r ? r->to_string() : share.to_string();
}

Decimal scaled(Decimal fraction, std::int64_t length) {
  auto d = fraction.mul(Decimal::from_int(length));
  return d ? *d : Decimal();
}

/// Where a fraction of customers (x) or a share (y) is in the curve's frame.
Decimal x_at(Decimal f) { return *Decimal::from_int(frame_left).add(scaled(f, frame_w)); }
Decimal y_at(Decimal f) { return *Decimal::from_int(frame_top + frame_h).sub(scaled(f, frame_h)); }

/// The curve's points, "x,y " each, as the SVG writer writes coordinates.
std::string points(const std::vector<std::pair<Decimal, Decimal>>& curve) {
  std::string text;
  for (const auto& [x, y] : curve) text += SvgAttr("x", x_at(x)).value + "," + SvgAttr("y", y_at(y)).value + " ";
  return text;
}

/// A half's title at x: in up to two rows that keep to its half (a long name wraps, then
/// is shortened), never running into the other half's.
void draw_title(Svg& svg, std::int64_t x, const std::string& title, double width) {
  const auto rows = internal::wrap_text(title, title_size, width, 2);
  for (std::size_t r = 0; r < rows.size(); ++r)
    svg.text({{"x", x}, {"y", 18 + 16 * static_cast<std::int64_t>(r)}, {"font-size", title_size}}, rows[r]);
}

/// The frame of the curve: its title, a grid line and the labels at 0, 20, ..., 100%.
void draw_curve_frame(Svg& svg, const std::string& measure) {
  draw_title(svg, frame_left, "Pareto curve: share of " + measure + " held by the top customers",
             static_cast<double>(bars_left - frame_left - 20));
  for (int i = 0; i <= 5; ++i) {
    const Decimal f = *Decimal::from_parts(i * 20, 2);
    const std::string label = std::to_string(i * 20) + "%";
    svg.element("line", {{"x1", x_at(Decimal())},
                         {"y1", y_at(f)},
                         {"x2", x_at(Decimal::from_int(1))},
                         {"y2", y_at(f)},
                         {"stroke", "#ddd"}});
    svg.text({{"x", frame_left - 8}, {"y", y_at(f)}, {"text-anchor", "end"}, {"dy", "4"}}, label);
    svg.text({{"x", x_at(f)}, {"y", frame_top + frame_h + 18}, {"text-anchor", "middle"}}, label);
  }
  svg.text({{"x", frame_left + frame_w / 2}, {"y", frame_top + frame_h + 40}, {"text-anchor", "middle"}},
           "customers, largest first");
}

/// The Lorenz curve, the A threshold, and the Pareto point with its label.
void draw_curve(Svg& svg, const Portfolio& p) {
  const auto curve = p.curve(200);
  if (curve.empty()) return;
  svg.element("polyline", {{"fill", "none"}, {"stroke", "#1f77b4"}, {"stroke-width", "2"}, {"points", points(curve)}});
  svg.element("line", {{"x1", x_at(Decimal())},
                       {"y1", y_at(p.options().a_share)},
                       {"x2", x_at(Decimal::from_int(1))},
                       {"y2", y_at(p.options().a_share)},
                       {"stroke", "#d62728"},
                       {"stroke-dasharray", "4 3"}});
  const auto pareto = p.pareto_share();
  if (!pareto) return;
  const Decimal top_x = p.options().pareto_top;
  svg.element("line", {{"x1", x_at(top_x)},
                       {"y1", y_at(Decimal())},
                       {"x2", x_at(top_x)},
                       {"y2", y_at(Decimal::from_int(1))},
                       {"stroke", "#2ca02c"},
                       {"stroke-dasharray", "4 3"}});
  svg.element("circle", {{"cx", x_at(top_x)}, {"cy", y_at(*pareto)}, {"r", 4}, {"fill", "#2ca02c"}});
  // The label goes right of the point, or left of it where it would leave the frame.
  const std::string label = "top " + percent(top_x) + "% hold " + percent(*pareto) + "%";
  const auto width = static_cast<std::int64_t>(std::ceil(internal::text_width(label, label_size)));
  const bool fits_right = scaled(top_x, frame_w) <= Decimal::from_int(frame_w - 8 - width);
  svg.text({{"x", x_at(top_x)},
            {"y", y_at(*pareto)},
            {"dx", fits_right ? "8" : "-8"},
            {"dy", "14"},
            {"text-anchor", fits_right ? "start" : "end"}},
           label);
}

/// A bar per grade, its count above it and its label below, scaled to the largest.
void draw_grade_bars(Svg& svg, const GradeSummary& s) {
  draw_title(svg, bars_left, "customers per " + (s.grade_output.empty() ? std::string("grade") : s.grade_output),
             static_cast<double>(frame_w));
  std::uint64_t most = 1;
  for (const auto& g : s.grades) most = std::max(most, g.customers);
  const std::int64_t slot = frame_w / static_cast<std::int64_t>(std::max<std::size_t>(s.grades.size(), 1));
  svg.element("line", {{"x1", bars_left},
                       {"y1", frame_top + frame_h},
                       {"x2", bars_left + frame_w},
                       {"y2", frame_top + frame_h},
                       {"stroke", "#333"}});
  for (std::size_t i = 0; i < s.grades.size(); ++i) {
    const auto& g = s.grades[i];
    const auto bar = static_cast<std::int64_t>(g.customers * static_cast<std::uint64_t>(frame_h - 20) / most);
    const std::int64_t x = bars_left + static_cast<std::int64_t>(i) * slot + slot / 6;
    svg.element(
        "rect",
        {{"x", x}, {"y", frame_top + frame_h - bar}, {"width", slot * 2 / 3}, {"height", bar}, {"fill", "#ff7f0e"}});
    svg.text({{"x", x + slot / 3}, {"y", frame_top + frame_h - bar - 4}, {"text-anchor", "middle"}},
             std::to_string(g.customers));
    // A label keeps to its bar's slot: shortened, never into its neighbours'.
    svg.text({{"x", x + slot / 3}, {"y", frame_top + frame_h + 18}, {"text-anchor", "middle"}},
             internal::fit_text(g.label.empty() ? "(none)" : g.label, label_size, static_cast<double>(slot - 4)));
  }
}

}  // namespace

std::string GradeSummary::to_svg() const {
  Svg svg(bars_left + frame_w + 30, frame_top + frame_h + 60);
  svg.element("rect", {{"width", "100%"}, {"height", "100%"}, {"fill", "white"}});
  draw_curve_frame(svg, measure);
  if (portfolio) draw_curve(svg, *portfolio);
  draw_grade_bars(svg, *this);
  return svg.finish();
}

}  // namespace crm
