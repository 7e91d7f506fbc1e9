// The session command's script (session_script.hpp), read with Boost.JSON.
//
// The public API has no reader for a whole JSON document, so the few helpers a reader
// needs to say where a document is wrong are here, written as the library's own
// (src/json/parse.cpp, src/core/suggest.cpp) so that the messages stay the same:
// the line and column of a byte, the precision check of numbers, a JSON pointer's token
// and "did you mean".
#include "session_script.hpp"

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <boost/json/value.hpp>
#include <numeric>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/json.hpp"

namespace crm::cli {
namespace {

constexpr std::array<std::string_view, 4> step_keys = {"event", "data", "time", "note"};

/// Line and column (from 1; columns count code points) and offset of byte `offset` in `text`.
Location place_of(std::string_view text, std::size_t offset) {
  Location at{{}, 1, 1, static_cast<std::int64_t>(offset)};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count code points, not continuation bytes
      ++at.column;
    }
  }
  return at;
}

/// Boost.JSON reads a number with a fraction or exponent as a double. With at most 15
/// significant digits the double's shortest text is the author's number, so decimals
/// stay exact; longer numbers are refused rather than silently changed.
expected<void> check_number_precision(std::string_view text) {
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
                  place_of(text, start));
    }
  }
  return {};
}

/// A JSON pointer's reference token for `key` ("a/b" -> "a~1b").
std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

/// " (did you mean 'event'?)" when `key` is a likely typo of a step's key (at most a
/// third of its length apart, at least 1), else "".
std::string did_you_mean(std::string_view key) {
  const std::size_t limit = std::max<std::size_t>(1, key.size() / 3);
  std::string_view best;
  std::size_t best_distance = limit + 1;
  for (std::string_view candidate : step_keys) {
    const std::size_t d = edit_distance(key, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best.empty() ? std::string() : " (did you mean '" + std::string(best) + "'?)";
}

expected<void> only_step_keys(const boost::json::object& step, const std::string& at) {
  for (const auto& member : step) {
    const std::string_view key(member.key().data(), member.key().size());
    if (std::find(step_keys.begin(), step_keys.end(), key) == step_keys.end())
      return fail(ErrorCode::unknown_name, "unknown key '" + std::string(key) + "'" + did_you_mean(key),
                  Location::at_pointer(at + "/" + pointer_token(key)));
  }
  return {};
}

expected<std::string> read_event(const boost::json::value* event, const std::string& at) {
  if (event == nullptr) return fail(ErrorCode::missing, "missing a string", Location::at_pointer(at));
  if (!event->is_string()) return fail(ErrorCode::type_mismatch, "expected a string", Location::at_pointer(at));
  return std::string(event->as_string().data(), event->as_string().size());
}

/// A number, or a string holding exact decimal text.
expected<Decimal> read_decimal(const boost::json::value& v) {
  if (v.is_string()) return Decimal::parse(std::string_view(v.as_string().data(), v.as_string().size()));
  if (v.is_int64()) return Decimal::from_int(v.as_int64());
  if (v.is_uint64()) return Decimal::parse(std::to_string(v.as_uint64()));
  return Decimal::parse(boost::json::serialize(v));  // a double: its shortest text, the author's (precision checked)
}

/// A whole number, or its text ("1700000000000").
expected<std::int64_t> read_time(const boost::json::value& time, const std::string& at) {
  if (!time.is_string() && !time.is_number())
    return fail(ErrorCode::type_mismatch, "expected a number", Location::at_pointer(at));
  auto d = read_decimal(time);
  if (!d) return fail(d.error().code, d.error().message, Location::at_pointer(at));
  auto whole = d->to_int64();
  if (!whole)
    return fail(ErrorCode::type_mismatch, "expected a whole number, found " + d->to_string(), Location::at_pointer(at));
  return *whole;
}

}  // namespace

expected<Script> parse_script(std::string text) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  const std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec || !parser.done())
    return fail(ErrorCode::parse, "malformed JSON: " + (ec ? ec.message() : std::string("incomplete JSON document")),
                place_of(text, std::min(consumed, text.size())));
  if (auto precise = check_number_precision(text); !precise) return unexpected(precise.error());
  boost::json::value root = parser.release();
  if (!root.is_array()) return fail(ErrorCode::type_mismatch, "expected an array", Location::at_pointer("/"));
  return Script{std::move(text), std::move(root.as_array())};
}

expected<Step> read_step(const Script& script, std::size_t index) {
  Step step;
  step.pointer = "/" + std::to_string(index);
  const boost::json::value& value = script.steps[index];
  if (!value.is_object())
    return fail(ErrorCode::type_mismatch, "expected an object", Location::at_pointer(step.pointer));
  const boost::json::object& members = value.as_object();
  if (auto keys = only_step_keys(members, step.pointer); !keys) return unexpected(keys.error());
  auto event = read_event(members.if_contains("event"), step.pointer + "/event");
  if (!event) return unexpected(event.error());
  step.event = std::move(*event);
  if (const auto* time = members.if_contains("time")) {
    auto t = read_time(*time, step.pointer + "/time");
    if (!t) return unexpected(t.error());
    step.time = *t;
  }
  if (const auto* data = members.if_contains("data")) step.data = boost::json::serialize(*data);
  return step;
}

Error placed_in_script(Error e, const Script& script, const Step& step) {
  if (e.where.pointer.starts_with("/") && !e.where.pointer.starts_with("/machines/"))
    e.where = locate_json(script.text, step.pointer + "/data" + e.where.pointer);
  return e;
}

}  // namespace crm::cli
