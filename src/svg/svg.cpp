// The SVG writer (src/svg/svg.hpp).
#include "src/svg/svg.hpp"

namespace crm::internal {

SvgAttr::SvgAttr(std::string_view n, const Decimal& v) : name(n) {
  if (v.scale() <= 2) {
    value = v.to_string();
    return;
  }
  auto r = v.round(2);
  value = r ? r->to_string() : "0";
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

Svg::Svg(std::int64_t width, std::int64_t height) {
  const std::string w = std::to_string(width), h = std::to_string(height);
  out_ = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + ' ' +
         h + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
}

void Svg::start_tag(std::string_view name, SvgAttrs attrs) {
  out_ += '<';
  out_ += name;
  for (const SvgAttr& a : attrs) {
    out_ += ' ';
    out_ += a.name;
    out_ += "=\"";
    out_ += xml_escape(a.value);
    out_ += '"';
  }
}

Svg& Svg::title(std::string_view text) {
  out_ += "<title>" + xml_escape(text) + "</title>\n";
  return *this;
}

Svg& Svg::element(std::string_view name, SvgAttrs attrs) {
  start_tag(name, attrs);
  out_ += "/>\n";
  return *this;
}

Svg& Svg::text(SvgAttrs attrs, std::string_view content) {
  start_tag("text", attrs);
  out_ += '>';
  out_ += xml_escape(content);
  out_ += "</text>\n";
  return *this;
}

Svg& Svg::open(std::string_view name, SvgAttrs attrs) {
  start_tag(name, attrs);
  out_ += ">\n";
  return *this;
}

Svg& Svg::close(std::string_view name) {
  out_ += "</";
  out_ += name;
  out_ += ">\n";
  return *this;
}

std::string Svg::finish() {
  out_ += "</svg>\n";
  return std::move(out_);
}

}  // namespace crm::internal
