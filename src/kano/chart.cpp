// A Kano analysis as an SVG Better / Worse scatter, drawn with the library's SVG writer.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

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

constexpr double font = 12, label_width = 170;  // the document's font size; a label's most

/// A text's box in the plot's coordinates: from its left to its right, 0.8 em above its
/// baseline to 0.2 em below.
struct Box {
  double x0, y0, x1, y1;
  [[nodiscard]] bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
  [[nodiscard]] bool inside(double width, double height) const {
    return x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height;
  }
};

Box box_of(double x, double baseline, double width) {
  return {x, baseline - 0.8 * font, x + width, baseline + 0.2 * font};
}

std::string num(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

/// Where the texts of the chart are: a label is placed where it overlaps none of them.
using Taken = std::vector<Box>;

/// A quadrant's name at (x, baseline), anchored at its start or end; its box taken.
void corner_text(Svg& svg, Taken& taken, double x, double baseline, bool end, const char* text) {
  const double width = internal::text_width(text, font);
  taken.push_back(box_of(end ? x - width : x, baseline, width));
  if (end)
    svg.text({{"x", num(x)}, {"y", num(baseline)}, {"fill", "#555"}, {"text-anchor", "end"}}, text);
  else
    svg.text({{"x", num(x)}, {"y", num(baseline)}, {"fill", "#555"}}, text);
}

/// The frame, the quadrants' names, the ticks and the axes' titles.
void draw_frame(Svg& svg, Taken& taken) {
  const int half = size / 2;
  svg.element("rect", {{"x", 0}, {"y", 0}, {"width", size}, {"height", size}, {"fill", "none"}, {"stroke", "#333"}});
  svg.element("line",
              {{"x1", half}, {"y1", 0}, {"x2", half}, {"y2", size}, {"stroke", "#999"}, {"stroke-dasharray", "4 4"}});
  svg.element("line",
              {{"x1", 0}, {"y1", half}, {"x2", size}, {"y2", half}, {"stroke", "#999"}, {"stroke-dasharray", "4 4"}});
  corner_text(svg, taken, 8, 18, false, "Attractive (A)");
  corner_text(svg, taken, size - 8, 18, true, "One-dimensional (O)");
  corner_text(svg, taken, size - 8, size - 8, true, "Must-be (M)");
  corner_text(svg, taken, 8, size - 8, false, "Indifferent (I)");
  for (int t = 0; t <= 10; t += 5) {
    const char* v = t == 0 ? "0" : t == 5 ? "0.5" : "1";
    svg.text({{"x", size * t / 10}, {"y", size + 16}, {"text-anchor", "middle"}}, v);
    svg.text({{"x", -6}, {"y", size - size * t / 10 + 4}, {"text-anchor", "end"}}, v);
  }
  svg.text({{"x", half}, {"y", size + 36}, {"text-anchor", "middle"}}, "|Worse| (dissatisfaction when absent)");
  svg.text({{"transform", "translate(-45," + std::to_string(half) + ") rotate(-90)"}, {"text-anchor", "middle"}},
           "Better (satisfaction when present)");
}

/// Where a label of `width` goes beside the dot at (x, y): right of it or left, level
/// with it or a row further up or down, the first place inside the frame that no other
/// text takes (the first place inside the frame when all are taken).
Box label_place(double x, double y, double width, const Taken& taken) {
  std::optional<Box> first_inside;
  for (int row = 0; row <= 8; ++row) {
    for (double dy : {-4.0 - 14.0 * row, 14.0 + 14.0 * row}) {
      for (const Box candidate : {box_of(x + 7, y + dy, width), box_of(x - 7 - width, y + dy, width)}) {
        if (!candidate.inside(size, size)) continue;
        if (!first_inside) first_inside = candidate;
        if (std::none_of(taken.begin(), taken.end(), [&](const Box& b) { return b.overlaps(candidate); }))
          return candidate;
      }
    }
  }
  return first_inside ? *first_inside
                      : box_of(std::clamp(x + 7, 0.0, size - width), std::clamp(y - 4, font, 1.0 * size), width);
}

/// One attribute: a dot and its name (shortened past label_width, whole on hovering),
/// placed apart from the other texts and inside the frame.
void draw_point(Svg& svg, Taken& taken, const Result& r, const char* colour) {
  const Decimal x = px(r.worse->abs()), y = px(*Decimal::from_int(1).sub(*r.better));
  const std::string label = internal::fit_text(r.attribute, font, label_width);
  const Box place =
      label_place(std::stod(x.to_string()), std::stod(y.to_string()), internal::text_width(label, font), taken);
  taken.push_back(place);
  svg.open("g");
  svg.title(r.attribute + (r.segment ? " [" + *r.segment + "]" : std::string()) + ": " +
            std::string(letter(r.category)) + ", Better " + r.better->to_string() + ", Worse " + r.worse->to_string());
  svg.element("circle", {{"cx", x}, {"cy", y}, {"r", 5}, {"fill", colour}});
  svg.text({{"x", num(place.x0)}, {"y", num(place.y1 - 0.2 * font)}, {"fill", colour}}, label);
  svg.close("g");
}

/// The segments' colours, when there is more than one segment.
void draw_legend(Svg& svg, const std::vector<std::optional<std::string>>& segments) {
  if (segments.size() < 2) return;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const int y = 20 * static_cast<int>(s) + 10;
    const char* colour = colours[s % std::size(colours)];
    svg.element("circle", {{"cx", size + 20}, {"cy", y}, {"r", 5}, {"fill", colour}});
    svg.text({{"x", size + 30}, {"y", y}, {"dy", 4}},
             internal::fit_text(segments[s] ? *segments[s] : std::string("all respondents"), font, 160));
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
  Taken taken;
  draw_frame(svg, taken);
  for (const Result& r : results) {
    if (r.wave != wave || !r.better || !r.worse) continue;
    const auto s = static_cast<std::size_t>(std::find(segments.begin(), segments.end(), r.segment) - segments.begin());
    draw_point(svg, taken, r, colours[s % std::size(colours)]);
  }
  draw_legend(svg, segments);
  svg.close("g");
  return svg.finish();
}

}  // namespace crm::kano
