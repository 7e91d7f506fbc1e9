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

namespace {

/// The code point at `text[i]` and its length in bytes (a stray byte counts as one).
std::pair<char32_t, std::size_t> code_point_at(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + n > text.size()) return {c, 1};
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  return {cp, n};
}

/// East Asian wide and full-width characters: Hangul Jamo, CJK punctuation to Yi, Hangul,
/// compatibility ideographs, vertical and full-width forms, the supplementary ideographs.
bool wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

double em_of(char32_t cp) { return wide(cp) ? 1.0 : 0.55; }

}  // namespace

double text_width(std::string_view text, double font_size) {
  double ems = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto [cp, n] = code_point_at(text, i);
    ems += em_of(cp);
    i += n;
  }
  return ems * font_size;
}

std::string fit_text(std::string_view text, double font_size, double max_width) {
  if (text_width(text, font_size) <= max_width) return std::string(text);
  const double room = max_width - text_width("…", font_size);
  double used = 0;
  std::size_t end = 0;
  while (end < text.size()) {
    const auto [cp, n] = code_point_at(text, end);
    if (used + em_of(cp) * font_size > room) break;
    used += em_of(cp) * font_size;
    end += n;
  }
  return std::string(text.substr(0, end)) + "…";
}

std::vector<std::string> wrap_text(std::string_view text, double font_size, double max_width, std::size_t max_rows) {
  std::vector<std::string> rows;
  while (!text.empty() && rows.size() + 1 < max_rows) {
    // The longest run of whole words that fits; a first word too long for a row goes alone.
    std::size_t end = text.find(' ');
    if (end == std::string_view::npos || text_width(text, font_size) <= max_width) break;
    for (std::size_t next = text.find(' ', end + 1);
         next != std::string_view::npos && text_width(text.substr(0, next), font_size) <= max_width;
         next = text.find(' ', next + 1))
      end = next;
    if (text_width(text.substr(0, end), font_size) > max_width) break;
    rows.push_back(fit_text(text.substr(0, end), font_size, max_width));
    text.remove_prefix(end + 1);
  }
  if (!text.empty()) rows.push_back(fit_text(text, font_size, max_width));
  return rows;
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
