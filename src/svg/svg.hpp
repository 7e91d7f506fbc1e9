// Private: the one SVG writer every chart of the library uses (the Pareto and grade chart
// of a graded portfolio, the Kano Better / Worse chart). Text and attribute values are
// escaped; coordinates are numbers or exact decimals.
//
//   Svg svg(640, 400);                                        // <svg ... font-family font-size 12>
//   svg.title("Kano Better / Worse");
//   svg.element("line", {{"x1", 0}, {"y1", 10}, {"x2", 100}, {"y2", 10}, {"stroke", "#999"}});
//   svg.text({{"x", 8}, {"y", 18}, {"text-anchor", "end"}}, "华为 <A&B>");   // escaped
//   svg.open("g", {{"transform", "translate(70,40)"}});  ...  svg.close("g");
//   std::string text = svg.finish();                        // </svg>
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/decimal.hpp"

namespace crm::internal {

/// An attribute: its name and its value's text.
struct SvgAttr {
  SvgAttr(std::string_view n, std::string_view v) : name(n), value(v) {}
  SvgAttr(std::string_view n, const char* v) : name(n), value(v) {}
  SvgAttr(std::string_view n, std::int64_t v) : name(n), value(std::to_string(v)) {}
  SvgAttr(std::string_view n, int v) : name(n), value(std::to_string(v)) {}
  /// A coordinate: its own digits, rounded to two fractional digits when it has more.
  SvgAttr(std::string_view n, const Decimal& v);
  std::string_view name;
  std::string value;
};
using SvgAttrs = std::initializer_list<SvgAttr>;

/// The width a text takes at `font_size` pixels, estimated as charts need it: a wide
/// (CJK, full-width) character 1 em, any other 0.55 em. Used to keep titles and labels
/// inside the frame and apart.
[[nodiscard]] double text_width(std::string_view text, double font_size);
/// `text` shortened at a character boundary with "…" so that it takes at most
/// `max_width` (as it is when it fits already).
[[nodiscard]] std::string fit_text(std::string_view text, double font_size, double max_width);

/// `text` in at most `max_rows` rows of at most `max_width` each, broken between words
/// (at spaces); what does not fit in the last row is shortened with "…" (fit_text).
[[nodiscard]] std::vector<std::string> wrap_text(std::string_view text, double font_size, double max_width,
                                                 std::size_t max_rows);

/// `text` with &, <, > and " escaped for XML content and attribute values.
[[nodiscard]] std::string xml_escape(std::string_view text);

class Svg {
 public:
  /// Opens the document: width and height in pixels, a viewBox of the same size.
  Svg(std::int64_t width, std::int64_t height);

  /// <title>text</title>: what a viewer shows for the chart or the group it is in.
  Svg& title(std::string_view text);
  /// An empty element: <name a="v" .../>.
  Svg& element(std::string_view name, SvgAttrs attrs);
  /// <text ...>content</text>.
  Svg& text(SvgAttrs attrs, std::string_view content);
  /// <name ...> and later close(name): a group holding other elements.
  Svg& open(std::string_view name, SvgAttrs attrs = {});
  Svg& close(std::string_view name);
  /// Closes the document and returns it.
  [[nodiscard]] std::string finish();

 private:
  void start_tag(std::string_view name, SvgAttrs attrs);
  std::string out_;
};

}  // namespace crm::internal
