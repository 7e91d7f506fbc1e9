// A Kano analysis as an SVG Better / Worse scatter, drawn with the library's SVG writer.
#include <algorithm>

#include "crmrules/kano.hpp"
#include "src/svg/svg.hpp"

namespace crm::kano {
namespace {

using internal::Svg;

// Plot area: x = |Worse| from 0 (left) to 1, y = Better from 0 (bottom) to 1; 500 px each.
constexpr int left = 70, top = 40, size = 500;
constexpr const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                   "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

/// A share as a pixel offset, one fractional digit.
Decimal px(const Decimal& v) { return *v.mul(Decimal::from_int(size))->round(1); }

/// The frame, the quadrants' names, the ticks and the axes' titles.
void draw_frame(Svg& svg) {
  const int half = size / 2;
  svg.element("rect", {{"x", 0}, {"y", 0}, {"width", size}, {"height", size}, {"fill", "none"}, {"stroke", "#333"}});
  svg.element("line",
              {{"x1", half}, {"y1", 0}, {"x2", half}, {"y2", size}, {"stroke", "#999"}, {"stroke-dasharray", "4 4"}});
  svg.element("line",
              {{"x1", 0}, {"y1", half}, {"x2", size}, {"y2", half}, {"stroke", "#999"}, {"stroke-dasharray", "4 4"}});
  svg.text({{"x", 8}, {"y", 18}, {"fill", "#555"}}, "Attractive (A)");
  svg.text({{"x", size - 8}, {"y", 18}, {"fill", "#555"}, {"text-anchor", "end"}}, "One-dimensional (O)");
  svg.text({{"x", size - 8}, {"y", size - 8}, {"fill", "#555"}, {"text-anchor", "end"}}, "Must-be (M)");
  svg.text({{"x", 8}, {"y", size - 8}, {"fill", "#555"}}, "Indifferent (I)");
  for (int t = 0; t <= 10; t += 5) {
    const char* v = t == 0 ? "0" : t == 5 ? "0.5" : "1";
    svg.text({{"x", size * t / 10}, {"y", size + 16}, {"text-anchor", "middle"}}, v);
    svg.text({{"x", -6}, {"y", size - size * t / 10 + 4}, {"text-anchor", "end"}}, v);
  }
  svg.text({{"x", half}, {"y", size + 36}, {"text-anchor", "middle"}}, "|Worse| (dissatisfaction when absent)");
  svg.text({{"transform", "translate(-45," + std::to_string(half) + ") rotate(-90)"}, {"text-anchor", "middle"}},
           "Better (satisfaction when present)");
}

/// One attribute: a dot and its name, with what a viewer shows on hovering.
void draw_point(Svg& svg, const Result& r, const char* colour) {
  const Decimal x = px(r.worse->abs()), y = px(*Decimal::from_int(1).sub(*r.better));
  svg.open("g");
  svg.title(r.attribute + (r.segment ? " [" + *r.segment + "]" : std::string()) + ": " +
            std::string(letter(r.category)) + ", Better " + r.better->to_string() + ", Worse " + r.worse->to_string());
  svg.element("circle", {{"cx", x}, {"cy", y}, {"r", 5}, {"fill", colour}});
  svg.text({{"x", x}, {"y", y}, {"dx", 7}, {"dy", -4}, {"fill", colour}}, r.attribute);
  svg.close("g");
}

/// The segments' colours, when there is more than one segment.
void draw_legend(Svg& svg, const std::vector<std::optional<std::string>>& segments) {
  if (segments.size() < 2) return;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const int y = 20 * static_cast<int>(s) + 10;
    const char* colour = colours[s % std::size(colours)];
    svg.element("circle", {{"cx", size + 20}, {"cy", y}, {"r", 5}, {"fill", colour}});
    svg.text({{"x", size + 30}, {"y", y}, {"dy", 4}}, segments[s] ? *segments[s] : std::string("all respondents"));
  }
}

}  // namespace

std::string Analysis::to_svg() const {
  // The latest wave's results, a colour per segment.
  std::string wave;
  for (const Result& r : results) wave = std::max(wave, r.wave);
  std::vector<std::optional<std::string>> segments;
  for (const Result& r : results)
    if (r.wave == wave && std::find(segments.begin(), segments.end(), r.segment) == segments.end())
      segments.push_back(r.segment);

  Svg svg(left + size + 200, top + size + 60);
  svg.title("Kano Better / Worse" + (wave.empty() ? std::string() : " (wave " + wave + ")"));
  svg.open("g", {{"transform", "translate(" + std::to_string(left) + ',' + std::to_string(top) + ")"}});
  draw_frame(svg);
  for (const Result& r : results) {
    if (r.wave != wave || !r.better || !r.worse) continue;
    const auto s = static_cast<std::size_t>(std::find(segments.begin(), segments.end(), r.segment) - segments.begin());
    draw_point(svg, r, colours[s % std::size(colours)]);
  }
  draw_legend(svg, segments);
  svg.close("g");
  return svg.finish();
}

}  // namespace crm::kano
