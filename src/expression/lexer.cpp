// The expression language's lexer: text to tokens, strings decoded, numbers parsed.
#include "src/expression/lexer.hpp"

#include <array>

#include "src/core/utf8.hpp"

namespace crm::internal::expression {
namespace {

struct Keyword {
  std::string_view word;
  Tok kind;
};
constexpr std::array<Keyword, 7> keywords = {{{"and", Tok::kw_and},
                                              {"or", Tok::kw_or},
                                              {"not", Tok::kw_not},
                                              {"in", Tok::kw_in},
                                              {"true", Tok::kw_true},
                                              {"false", Tok::kw_false},
                                              {"null", Tok::kw_null}}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident(char c) { return is_ident_start(c) || is_digit(c); }

unexpected error_at(std::size_t offset, std::string message) {
  return fail(ErrorCode::parse, std::move(message), Location::at_offset(static_cast<std::int64_t>(offset)));
}

/// A string literal starting at text[start] (the quote). Advances `i` past the closing quote.
[[nodiscard]] expected<Token> lex_string(std::string_view text, std::size_t start, std::size_t& i) {
  const char quote = text[start];
  Token t;
  t.kind = Tok::string;
  t.offset = static_cast<std::uint32_t>(start);
  i = start + 1;
  while (true) {
    if (i >= text.size())
      return error_at(start, std::string("unterminated string: no closing ") + quote);
    const char c = text[i];
    if (c == quote) {
      ++i;
      break;
    }
    if (c != '\\') {
      t.text += c;
      ++i;
      continue;
    }
    const std::size_t escape = i;
    if (i + 1 >= text.size()) return error_at(start, std::string("unterminated string: no closing ") + quote);
    const char e = text[i + 1];
    i += 2;
    switch (e) {
      case '\\': t.text += '\\'; break;
      case '\'': t.text += '\''; break;
      case '"': t.text += '"'; break;
      case 'n': t.text += '\n'; break;
      case 't': t.text += '\t'; break;
      case 'r': t.text += '\r'; break;
      case 'u': {
        // \u{1F600}: 1 to 6 hex digits in braces
        if (i >= text.size() || text[i] != '{')
          return error_at(escape, "expected '{' after \\u (write \\u{4E2D} for a code point)");
        ++i;
        std::uint32_t cp = 0;
        std::size_t digits = 0;
        while (i < text.size() && text[i] != '}') {
          const char h = text[i];
          std::uint32_t v;
          if (h >= '0' && h <= '9') v = static_cast<std::uint32_t>(h - '0');
          else if (h >= 'a' && h <= 'f') v = static_cast<std::uint32_t>(h - 'a' + 10);
          else if (h >= 'A' && h <= 'F') v = static_cast<std::uint32_t>(h - 'A' + 10);
          else return error_at(i, "expected a hex digit or '}' in \\u{...}");
          if (++digits > 6) return error_at(escape, "\\u{...} takes at most 6 hex digits");
          cp = cp * 16 + v;
          ++i;
        }
        if (i >= text.size()) return error_at(escape, "unterminated \\u{...}");
        ++i;  // '}'
        if (digits == 0) return error_at(escape, "\\u{} needs at least one hex digit");
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
          return error_at(escape, "\\u{...} is not a Unicode scalar value");
        append_utf8(t.text, cp);
        break;
      }
      default:
        return error_at(escape, std::string("unknown escape '\\") + e +
                                    "' (the escapes are \\\\ \\' \\\" \\n \\t \\r and \\u{hex})");
    }
  }
  t.length = static_cast<std::uint32_t>(i - start);
  return t;
}

/// A number starting at text[start]: digits with '_' separators, an optional fraction
/// and an optional exponent. A '.' belongs to the number only when a digit follows, so
/// that "[1..5]" reads 1, .., 5.
[[nodiscard]] expected<Token> lex_number(std::string_view text, std::size_t start, std::size_t& i) {
  std::string digits;
  i = start;
  auto read_digits = [&]() -> expected<void> {
    while (i < text.size() && (is_digit(text[i]) || text[i] == '_')) {
      if (text[i] == '_') {
        if (i + 1 >= text.size() || !is_digit(text[i + 1]) || !is_digit(text[i - 1]))
          return error_at(i, "'_' in a number must stand between two digits (1_000)");
      } else {
        digits += text[i];
      }
      ++i;
    }
    return {};
  };
  if (auto ok = read_digits(); !ok) return unexpected(ok.error());
  if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
    digits += '.';
    ++i;
    if (auto ok = read_digits(); !ok) return unexpected(ok.error());
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && is_digit(text[j])) {
      digits += text.substr(i, j - i);
      i = j;
      while (i < text.size() && is_digit(text[i])) digits += text[i++];
    }
  }
  if (i < text.size() && (is_ident(text[i]) || (text[i] == '.' && !(i + 1 < text.size() && text[i + 1] == '.'))))
    return error_at(i, "unexpected '" + std::string(1, text[i]) + "' after the number " +
                           std::string(text.substr(start, i - start)));
  Token t;
  t.kind = Tok::number;
  t.offset = static_cast<std::uint32_t>(start);
  t.length = static_cast<std::uint32_t>(i - start);
  auto d = Decimal::parse(digits);
  if (!d)
    return fail(d.error().code,
                "the number " + std::string(text.substr(start, i - start)) + " cannot be a decimal: " +
                    (d.error().code == ErrorCode::overflow ? std::string("it is 10^20 or more in magnitude")
                     : d.error().code == ErrorCode::out_of_range
                         ? std::string("it has more than 18 fractional digits")
                         : d.error().message),
                Location::at_offset(static_cast<std::int64_t>(start)));
  t.number = *d;
  return t;
}

}  // namespace

bool is_keyword(std::string_view word) noexcept {
  for (const Keyword& k : keywords)
    if (k.word == word) return true;
  return false;
}

std::string_view spelling(Tok kind) noexcept {
  switch (kind) {
    case Tok::end: return "end of text";
    case Tok::number: return "number";
    case Tok::string: return "string";
    case Tok::name: return "name";
    case Tok::dollar: return "$";
    case Tok::plus: return "+";
    case Tok::minus: return "-";
    case Tok::star: return "*";
    case Tok::slash: return "/";
    case Tok::percent: return "%";
    case Tok::caret: return "^";
    case Tok::lparen: return "(";
    case Tok::rparen: return ")";
    case Tok::lbracket: return "[";
    case Tok::rbracket: return "]";
    case Tok::comma: return ",";
    case Tok::dotdot: return "..";
    case Tok::question: return "?";
    case Tok::colon: return ":";
    case Tok::coalesce: return "??";
    case Tok::eq: return "==";
    case Tok::ne: return "!=";
    case Tok::lt: return "<";
    case Tok::le: return "<=";
    case Tok::gt: return ">";
    case Tok::ge: return ">=";
    case Tok::bang: return "!";
    case Tok::kw_and: return "and";
    case Tok::kw_or: return "or";
    case Tok::kw_not: return "not";
    case Tok::kw_in: return "in";
    case Tok::kw_true: return "true";
    case Tok::kw_false: return "false";
    case Tok::kw_null: return "null";
  }
  return "?";
}

std::string describe(const Token& token) {
  switch (token.kind) {
    case Tok::end: return "the end of the text";
    case Tok::string: return "a string";
    default: break;
  }
  std::string quoted(1, '\'');
  if (token.kind == Tok::number) quoted += token.number.to_string();
  else if (token.kind == Tok::name) quoted += token.text;
  else quoted += spelling(token.kind);
  quoted += '\'';
  return quoted;
}

namespace {

/// An operator or a punctuation mark: its kind and length in bytes.
struct Punctuation {
  Tok kind;
  std::size_t length;
};

/// The operator or punctuation mark at text[i]; what a user of another language might
/// write instead ('=', '&&', '||', '.5') is an error that says what to write.
[[nodiscard]] expected<Punctuation> punctuation(std::string_view text, std::size_t i) {
  const char c = text[i];
  const char next = i + 1 < text.size() ? text[i + 1] : '\0';
  const auto one_or_two = [&](char second, Tok two, Tok one) {
    return next == second ? Punctuation{two, 2} : Punctuation{one, 1};
  };
  switch (c) {
    case '+': return Punctuation{Tok::plus, 1};
    case '-': return Punctuation{Tok::minus, 1};
    case '*': return Punctuation{Tok::star, 1};
    case '/': return Punctuation{Tok::slash, 1};
    case '%': return Punctuation{Tok::percent, 1};
    case '^': return Punctuation{Tok::caret, 1};
    case '(': return Punctuation{Tok::lparen, 1};
    case ')': return Punctuation{Tok::rparen, 1};
    case '[': return Punctuation{Tok::lbracket, 1};
    case ']': return Punctuation{Tok::rbracket, 1};
    case ',': return Punctuation{Tok::comma, 1};
    case ':': return Punctuation{Tok::colon, 1};
    case '$': return Punctuation{Tok::dollar, 1};
    case '?': return one_or_two('?', Tok::coalesce, Tok::question);
    case '<': return one_or_two('=', Tok::le, Tok::lt);
    case '>': return one_or_two('=', Tok::ge, Tok::gt);
    case '!': return one_or_two('=', Tok::ne, Tok::bang);
    case '=':
      if (next == '=') return Punctuation{Tok::eq, 2};
      return error_at(i, "unexpected '=': compare with '=='");
    case '.':
      if (next == '.') return Punctuation{Tok::dotdot, 2};
      return error_at(i, is_digit(next) ? "a number must start with a digit: write 0.5, not .5" : "unexpected '.'");
    case '&': return error_at(i, next == '&' ? "unexpected '&&': write 'and'" : "unexpected '&'");
    case '|': return error_at(i, next == '|' ? "unexpected '||': write 'or'" : "unexpected '|'");
    default: break;
  }
  if (static_cast<unsigned char>(c) >= 0x80)
    return error_at(i, "unexpected non-ASCII character outside a string (names are ASCII; put text in quotes)");
  if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return error_at(i, "unexpected control character");
  return error_at(i, std::string("unexpected '") + c + "'");
}

/// A name (a.b.c for a dotted field path) or a keyword at text[i]; advances i past it.
Token lex_name(std::string_view text, std::size_t& i) {
  const std::size_t start = i, n = text.size();
  while (i < n && is_ident(text[i])) ++i;
  while (i + 1 < n && text[i] == '.' && is_ident_start(text[i + 1])) {
    i += 2;
    while (i < n && is_ident(text[i])) ++i;
  }
  Token t;
  t.offset = static_cast<std::uint32_t>(start);
  t.length = static_cast<std::uint32_t>(i - start);
  t.text = std::string(text.substr(start, i - start));
  t.kind = Tok::name;
  for (const Keyword& k : keywords)
    if (k.word == t.text) t.kind = k.kind;
  return t;
}

}  // namespace

[[nodiscard]] expected<std::vector<Token>> tokenize(std::string_view text) {
  if (text.size() > 0xFFFFFFF0u) return error_at(0, "expression text longer than 4 GiB");
  if (const std::size_t bad = find_invalid_utf8(text); bad != std::string_view::npos)
    return fail(ErrorCode::invalid_utf8, "the expression text is not valid UTF-8",
                Location::at_offset(static_cast<std::int64_t>(bad)));
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (c == '\'' || c == '"' || is_digit(c)) {
      std::size_t end;
      auto t = c == '\'' || c == '"' ? lex_string(text, i, end) : lex_number(text, i, end);
      if (!t) return unexpected(t.error());
      tokens.push_back(std::move(*t));
      i = end;
    } else if (is_ident_start(c)) {
      tokens.push_back(lex_name(text, i));
    } else {
      auto p = punctuation(text, i);
      if (!p) return unexpected(p.error());
      Token t;
      t.kind = p->kind;
      t.offset = static_cast<std::uint32_t>(i);
      t.length = static_cast<std::uint32_t>(p->length);
      tokens.push_back(std::move(t));
      i += p->length;
    }
  }
  Token end;
  end.kind = Tok::end;
  end.offset = static_cast<std::uint32_t>(text.size());
  tokens.push_back(std::move(end));
  return tokens;
}

}  // namespace crm::internal::expression
