// Boost.JSON, compiled into crmrules itself (header-only mode) so that users need no
// Boost run-time library.
#include <boost/json/src.hpp>

#include "src/json/parse.hpp"

namespace crm::internal {
namespace {

/// Boost.JSON reads a number with a fraction or exponent as a double. With at most 15
/// significant digits the double's shortest text is the author's number, so decimals
/// stay exact; longer numbers are refused rather than silently changed.
[[nodiscard]] expected<void> check_number_precision(std::string_view text) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) continue;
    const std::size_t start = i;
    int significant = 0, leading = 1;
    bool fraction_or_exponent = false;
    for (; i < text.size(); ++i) {
      const char d = text[i];
      if (d >= '0' && d <= '9') {
        if (d != '0') leading = 0;
        if (!leading) ++significant;
      } else if (d == '.' || d == 'e' || d == 'E') {
        fraction_or_exponent = true;
        if (d != '.') break;
      } else if (d != '-') {
        break;
      }
    }
    for (; i < text.size() && std::string_view("+-0123456789").find(text[i]) != std::string_view::npos; ++i) {}
    const std::string_view number = text.substr(start, i - start);
    --i;
    if ((fraction_or_exponent && significant > 15) || significant > 19) {
      // Integers up to 19 digits are exact (int64/uint64); the rest only via a string.
      return fail(ErrorCode::out_of_range,
                  "number " + std::string(number) + " has more than " + (fraction_or_exponent ? "15" : "19") +
                      " significant digits: write it as a string (\"" + std::string(number) + "\") to keep it exact",
                  position_of(text, start));
    }
  }
  return {};
}

}  // namespace

[[nodiscard]] expected<boost::json::value> parse_json(std::string_view text) {
  boost::json::parse_options options;
  options.allow_comments = false;
  options.allow_trailing_commas = false;
  boost::json::stream_parser parser({}, options);
  boost::system::error_code ec;
  const std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec || !parser.done()) {
    Location where = position_of(text, std::min(consumed, text.size()));
    std::string what = ec ? ec.message() : "incomplete JSON document";
    return fail(ErrorCode::parse, "malformed JSON: " + what, std::move(where));
  }
  if (auto precise = check_number_precision(text); !precise) return unexpected(precise.error());
  return parser.release();
}

Location position_of(std::string_view text, std::size_t offset) {
  Location at;
  at.line = 1;
  at.column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count code points, not continuation bytes
      ++at.column;
    }
  }
  at.offset = static_cast<std::int64_t>(offset);
  return at;
}

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace crm::internal
