// Finding a JSON pointer's value in the text of a document, for error positions.
#include <vector>

#include "crmrules/json.hpp"
#include "src/json/parse.hpp"

namespace crm::internal {
namespace {

/// A forgiving scanner over a document that has already parsed.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::size_t pos() const { return pos_; }

  void skip_ws() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  /// Reads a string token, decoding the simple escapes (enough to compare keys).
  std::string read_string() {
    std::string out;
    ++pos_;  // opening quote
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        const char e = text_[++pos_];
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'u': out += "\\u"; break;  // keys with \u escapes are compared loosely
          default: out += e;
        }
      } else {
        out += text_[pos_];
      }
      ++pos_;
    }
    ++pos_;  // closing quote
    return out;
  }

  /// Skips one value. Objects and arrays are skipped by counting brackets outside strings,
  /// without recursion: the text may nest as deep as it likes (crm::locate_json takes any
  /// text, not only one that parsed).
  void skip_value() {
    skip_ws();
    const char c = peek();
    if (c == '"') {
      read_string();
    } else if (c == '{' || c == '[') {
      std::size_t depth = 0;
      while (pos_ < text_.size()) {
        const char here = text_[pos_];
        if (here == '"') {
          read_string();
          continue;
        }
        ++pos_;
        if (here == '{' || here == '[') {
          ++depth;
        } else if ((here == '}' || here == ']') && --depth == 0) {
          return;
        }
      }
    } else {
      while (pos_ < text_.size() && std::string_view(",}] \t\r\n").find(text_[pos_]) == std::string_view::npos) ++pos_;
    }
  }

  /// Moves to the member `key` of the object at the cursor; false when absent. A key the
  /// object has twice is its last member of that name (the one a parser keeps, and the
  /// place to show when the repetition itself is the error).
  bool enter_member(const std::string& key) {
    skip_ws();
    if (peek() != '{') return false;
    ++pos_;
    std::size_t found = std::string_view::npos;
    for (;;) {
      skip_ws();
      if (peek() != '"') break;
      const std::string k = read_string();
      skip_ws();
      ++pos_;  // ':'
      skip_ws();
      if (k == key) found = pos_;
      skip_value();
      skip_ws();
      if (peek() != ',') break;
      ++pos_;
    }
    if (found == std::string_view::npos) return false;
    pos_ = found;
    return true;
  }

  /// Moves to element `index` of the array at the cursor; false when absent.
  bool enter_element(std::size_t index) {
    skip_ws();
    if (peek() != '[') return false;
    ++pos_;
    for (std::size_t i = 0;; ++i) {
      skip_ws();
      if (peek() == ']') return false;
      if (i == index) return true;
      skip_value();
      skip_ws();
      if (peek() != ',') return false;
      ++pos_;
    }
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::vector<std::string> split_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < pointer.size() && pointer[i] == '/') {
    std::string token;
    for (++i; i < pointer.size() && pointer[i] != '/'; ++i) {
      if (pointer[i] == '~' && i + 1 < pointer.size()) {
        token += pointer[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        token += pointer[i];
      }
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

bool is_index(const std::string& token) {
  return !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

Location locate(std::string_view text, std::string_view pointer) {
  Scanner scan(text);
  scan.skip_ws();
  std::size_t found = scan.pos();
  for (const std::string& token : split_pointer(pointer)) {
    scan.skip_ws();
    const bool entered = scan.peek() == '[' && is_index(token) ? scan.enter_element(std::stoul(token))
                                                                : scan.enter_member(token);
    if (!entered) break;
    scan.skip_ws();
    found = scan.pos();
  }
  Location at = position_of(text, found);
  at.pointer = std::string(pointer);
  return at;
}

}  // namespace crm::internal

namespace crm {

Location locate_json(std::string_view text, std::string_view pointer) { return internal::locate(text, pointer); }

}  // namespace crm
