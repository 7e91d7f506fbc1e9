// Boost.JSON, compiled into crmrules itself (header-only mode) so that users need no
// Boost run-time library.
#include <boost/json/src.hpp>

#include "crmrules/internal/json.hpp"

namespace crm::internal {

expected<boost::json::value> parse_json(std::string_view text) {
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
