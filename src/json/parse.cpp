// Boost.JSON, compiled into crmrules itself (header-only mode) so that users need no
// Boost run-time library.
#include <boost/json/src.hpp>

#include "src/json/parse.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>
#include <unordered_set>
#include <vector>

namespace crm::internal {
namespace {

/// Boost.JSON reads a number with a fraction or exponent as a double. With at most 15
/// significant digits the double's shortest text is the author's number, so decimals
/// stay exact; longer numbers are refused rather than silently changed. Checks the
/// number that starts at i (outside a string); i moves to its last character.
[[nodiscard]] expected<void> check_number_at(std::string_view text, std::size_t& i) {
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
  for (; i < text.size() && std::string_view("+-0123456789").find(text[i]) != std::string_view::npos; ++i) {
  }
  const std::string_view number = text.substr(start, i - start);
  --i;
  if ((fraction_or_exponent && significant > 15) || significant > 19) {
    // Integers up to 19 digits are exact (int64/uint64); the rest only via a string.
    return fail(ErrorCode::out_of_range,
                "number " + std::string(number) + " has more than " + (fraction_or_exponent ? "15" : "19") +
                    " significant digits: write it as a string (\"" + std::string(number) + "\") to keep it exact",
                position_of(text, start));
  }
  return {};
}

/// The keys of the open objects, innermost last: one stack shared by every object (an
/// object's keys are compared one by one while few, hashed beyond), so that a document of
/// many small objects allocates nothing per object.
class KeyStack {
 public:
  /// Opens an object.
  void open() { frames_.push_back(Open{keys_.size(), nullptr}); }
  /// Closes the innermost object.
  void close() {
    keys_.resize(frames_.back().begin);
    frames_.pop_back();
  }
  /// Adds `key` to the innermost object; false when it has it already.
  bool add(std::string_view key) {
    Open& f = frames_.back();
    if (f.hashed) return f.hashed->insert(key).second;
    const auto begin = keys_.begin() + static_cast<std::ptrdiff_t>(f.begin);
    if (std::find(begin, keys_.end(), key) != keys_.end()) return false;
    keys_.push_back(key);
    if (keys_.size() - f.begin > 8) {
      f.hashed = std::make_unique<std::unordered_set<std::string_view>>(
          keys_.begin() + static_cast<std::ptrdiff_t>(f.begin), keys_.end());
      keys_.resize(f.begin);
    }
    return true;
  }

 private:
  struct Open {
    std::size_t begin;                                             // its first key in keys_
    std::unique_ptr<std::unordered_set<std::string_view>> hashed;  // past 8 keys
  };
  std::vector<std::string_view> keys_;
  std::vector<Open> frames_;
};

/// A walk over a document that parsed, for what Boost.JSON accepts and a rule set must
/// not: a key twice in one object (the last would silently win), a string longer than
/// the limit and a number it would not keep exactly (check_number_at). Each is refused at
/// its line and column, with its JSON pointer (but the number).
class StructureCheck {
 public:
  StructureCheck(std::string_view text, std::size_t string_bytes) : text_(text), string_bytes_(string_bytes) {}

  [[nodiscard]] expected<void> run() {
    for (std::size_t i = 0; i < text_.size(); ++i) {
      switch (text_[i]) {
        case '{':
          frames_.push_back(Frame{true, true, 0, {}});
          keys_.open();
          break;
        case '[': frames_.push_back(Frame{false, false, 0, {}}); break;
        case '}':
          keys_.close();
          frames_.pop_back();
          break;
        case ']': frames_.pop_back(); break;
        case ',':
          if (frames_.back().object) frames_.back().want_key = true;
          else ++frames_.back().index;
          break;
        case '"': {
          auto ok = string_at(i);
          if (!ok) return unexpected(ok.error());
          break;
        }
        default:
          if (text_[i] == '-' || (text_[i] >= '0' && text_[i] <= '9'))
            if (auto ok = check_number_at(text_, i); !ok) return ok;
          break;
      }
    }
    return {};
  }

 private:
  struct Frame {
    bool object;    // an object (else an array)
    bool want_key;  // an object's next string is a key
    std::size_t index;
    std::string_view key;  // an object's current member
  };

  /// The string whose opening quote is at i; i moves to its closing quote.
  [[nodiscard]] expected<void> string_at(std::size_t& i) {
    const std::size_t start = i;
    bool escaped = false;
    i = closing_quote(start + 1, escaped);
    const std::string_view literal = text_.substr(start, i - start + 1);
    const bool is_key = !frames_.empty() && frames_.back().want_key;
    if (literal.size() - 2 > string_bytes_)
      return fail(ErrorCode::out_of_range,
                  std::string(is_key ? "a key" : "a string") + " of " + std::to_string(literal.size() - 2) +
                      " bytes is longer than the limit of " + std::to_string(string_bytes_) +
                      " (crm::Limits::string_bytes)",
                  located(start, is_key ? std::string() : pointer()));
    if (!is_key) return {};
    Frame& f = frames_.back();
    f.want_key = false;
    f.key = escaped ? decoded(literal) : literal.substr(1, literal.size() - 2);
    if (!keys_.add(f.key))
      return fail(ErrorCode::conflict,
                  "duplicate key '" + std::string(f.key) + "': a key appears once in an object (else the last would "
                                                           "silently win)",
                  located(start, pointer()));
    return {};
  }

  /// The closing quote of the string whose text starts at `from` (found with memchr: an
  /// even number of backslashes before a quote leaves it closing); `escaped` when the
  /// string has a backslash.
  [[nodiscard]] std::size_t closing_quote(std::size_t from, bool& escaped) const {
    const char* const data = text_.data();
    for (;;) {
      const auto* q = static_cast<const char*>(std::memchr(data + from, '"', text_.size() - from));
      std::size_t at = static_cast<std::size_t>(q - data), backslashes = 0;  // the document parsed: q is found
      while (data[at - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes != 0 || std::memchr(data + from, '\\', at - from) != nullptr) escaped = true;
      if (backslashes % 2 == 0) return at;
      from = at + 1;
    }
  }

  /// A key with escapes, decoded (kept for the rest of the walk).
  std::string_view decoded(std::string_view literal) {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(literal, ec);
    decoded_.push_back(ec ? std::string(literal) : std::string(v.as_string().data(), v.as_string().size()));
    return decoded_.back();
  }

  /// The JSON pointer of the value being read (of the member, for a key).
  [[nodiscard]] std::string pointer() const {
    std::string p;
    for (const Frame& f : frames_) p += "/" + (f.object ? pointer_token(f.key) : std::to_string(f.index));
    return p;
  }

  [[nodiscard]] Location located(std::size_t offset, std::string p) const {
    Location at = position_of(text_, offset);
    at.pointer = std::move(p);
    return at;
  }

  std::string_view text_;
  std::size_t string_bytes_;
  std::vector<Frame> frames_;
  KeyStack keys_;  // the open objects' keys
  std::deque<std::string> decoded_;
};

}  // namespace

[[nodiscard]] expected<boost::json::value> parse_json(std::string_view text, const JsonLimits& limits,
                                                      boost::json::memory_resource* storage,
                                                      std::span<unsigned char> scratch) {
  if (text.size() > limits.document_bytes)
    return fail(ErrorCode::out_of_range, "the document of " + std::to_string(text.size()) +
                                             " bytes is longer than the limit of " +
                                             std::to_string(limits.document_bytes) + " (crm::Limits::document_bytes)");
  boost::json::parse_options options;
  options.allow_comments = false;
  options.allow_trailing_commas = false;
  // The tree's nodes come from the caller's storage or from one monotonic arena, freed
  // with the document (which shares its ownership): a tree is read, never edited, so
  // nothing is freed before.
  boost::json::stream_parser parser({}, options, scratch.data(), scratch.size());
  parser.reset(storage != nullptr ? boost::json::storage_ptr(storage)
                                  : boost::json::make_shared_resource<boost::json::monotonic_resource>());
  boost::system::error_code ec;
  const std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec || !parser.done()) {
    Location where = position_of(text, std::min(consumed, text.size()));
    std::string what = ec ? ec.message() : "incomplete JSON document";
    return fail(ErrorCode::parse, "malformed JSON: " + what, std::move(where));
  }
  if (auto sound = StructureCheck(text, limits.string_bytes).run(); !sound) return unexpected(sound.error());
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
