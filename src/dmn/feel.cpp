// FEEL (DMN's expression language), as decision tables use it, translated token by token
// into crmrules' expression language (docs/expressions.md). What has no equivalent is an
// error naming the construct.
#include "src/dmn/feel.hpp"

#include <algorithm>
#include <array>
#include <span>

#include "src/core/suggest.hpp"

namespace crm::internal::dmn {

void Names::add(std::string dmn, std::string crm) {
  if (dmn.empty()) return;
  names_.emplace_back(std::move(dmn), std::move(crm));
  std::stable_sort(names_.begin(), names_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

void Names::bind(const std::string& dmn, std::string crm) {
  std::erase_if(names_, [&](const auto& n) { return n.first == dmn; });
  add(dmn, std::move(crm));
}

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

namespace {

bool name_start(char c) { return name_char(c) && !(c >= '0' && c <= '9'); }

}  // namespace

std::pair<std::size_t, const std::string*> Names::match(std::string_view text) const {
  for (const auto& [dmn, crm] : names_)
    if (text.starts_with(dmn) && (text.size() == dmn.size() || !name_char(text[dmn.size()]) || !name_char(dmn.back())))
      return {dmn.size(), &crm};
  return {0, nullptr};
}

namespace {

enum class TokenKind { name, word, function, string, number, op, open, close, comma, range };

struct Token {
  TokenKind kind;
  std::string text;  // as crmrules writes it (a name's identifier, a function's crmrules name)
  std::string feel;  // as written
};

/// Longest first: "date and time" is not "date".
constexpr std::array<FeelFunction, 22> functions = {{{"date and time", "date_time"},
                                                     {"starts with", "starts_with"},
                                                     {"ends with", "ends_with"},
                                                     {"substring before", "substring_before"},
                                                     {"substring after", "substring_after"},
                                                     {"substring", "substring"},
                                                     {"string length", "len"},
                                                     {"flatten", "flatten"},
                                                     {"string", "string"},
                                                     {"decimal", "decimal"},  // decimal(x, n): round(x, n, 'half_even')
                                                     {"upper case", "upper"},
                                                     {"lower case", "lower"},
                                                     {"contains", "contains"},
                                                     {"ceiling", "ceil"},
                                                     {"floor", "floor"},
                                                     {"sqrt", "sqrt"},
                                                     {"abs", "abs"},
                                                     {"min", "min"},
                                                     {"max", "max"},
                                                     {"duration", "duration"},
                                                     {"time", "time"},
                                                     {"date", "date"}}};
/// Built-in FEEL functions without one: named in the error, not taken for a missing name.
constexpr std::array<std::string_view, 18> unsupported_functions = {
    "years and months duration", "days and time duration", "string join", "list contains", "distinct values",
    "index of", "insert before", "matches", "replace", "split", "number", "round up",
    "round down", "round half up", "sum", "count", "mean", "concatenate"};
constexpr std::array<std::string_view, 8> keywords = {"if", "then", "else", "and", "or", "true", "false", "null"};
constexpr std::array<std::string_view, 7> constructs = {"for", "some", "every", "satisfies",
                                                        "instance", "function", "return"};

[[nodiscard]] unexpected unsupported(std::string_view what) {
  return unexpected(Error{ErrorCode::invalid_rule, "FEEL " + std::string(what) + " has no crmrules equivalent", {}});
}

/// The longest function name text starts with ("string join" rather than "string").
[[nodiscard]] std::size_t match_function(std::string_view text, std::string_view& crm_name, bool& supported) {
  auto at_edge = [&](std::size_t n) { return text.size() == n || !name_char(text[n]); };
  std::size_t best = 0;
  for (const auto& f : functions)
    if (f.feel.size() > best && text.starts_with(f.feel) && at_edge(f.feel.size())) {
      crm_name = f.crm;
      supported = true;
      best = f.feel.size();
    }
  for (auto f : unsupported_functions)
    if (f.size() > best && text.starts_with(f) && at_edge(f.size())) {
      crm_name = f;
      supported = false;
      best = f.size();
    }
  return best;
}

/// The next '(' after position i, spaces skipped.
bool call_follows(std::string_view text, std::size_t i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  return i < text.size() && text[i] == '(';
}

class Lexer {
 public:
  Lexer(std::string_view text, const Names& names) : t_(text), names_(names) {}

  expected<std::vector<Token>> run() {
    std::vector<Token> out;
    while (true) {
      skip_space();
      if (i_ >= t_.size()) return out;
      auto tok = next();
      if (!tok) return unexpected(tok.error());
      out.push_back(std::move(*tok));
    }
  }

 private:
  void skip_space() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
  }

  Token take(TokenKind kind, std::size_t n, std::string text) {
    Token tok{kind, std::move(text), std::string(t_.substr(i_, n))};
    i_ += n;
    return tok;
  }

  expected<Token> next() {
    const std::string_view rest = t_.substr(i_);
    const char c = rest[0];
    if (c == '"') return string();
    if ((c >= '0' && c <= '9') || (c == '.' && rest.size() > 1 && rest[1] >= '0' && rest[1] <= '9')) return number();
    if (rest.starts_with("..")) return take(TokenKind::range, 2, "..");
    for (std::string_view op : {"<=", ">=", "!=", "**"})
      if (rest.starts_with(op)) return take(TokenKind::op, 2, op == "**" ? "^" : std::string(op));
    switch (c) {
      case '(':
      case '[': return take(TokenKind::open, 1, std::string(1, c));
      case ')':
      case ']': return take(TokenKind::close, 1, std::string(1, c));
      case ',': return take(TokenKind::comma, 1, ",");
      case '=': return take(TokenKind::op, 1, "==");
      case '?': return take(TokenKind::name, 1, "$");
      case '<':
      case '>':
      case '+':
      case '-':
      case '*':
      case '/': return take(TokenKind::op, 1, std::string(1, c));
      case '{': return unsupported("contexts ({...})");
      case '@': return unsupported("temporal literals (@\"...\")");
      default: break;
    }
    if (name_start(c)) return word(rest);
    return unexpected(Error{ErrorCode::parse, "unexpected '" + std::string(1, c) + "' in FEEL '" + std::string(t_) + "'", {}});
  }

  expected<Token> word(std::string_view rest) {
    // A function first where a call follows ("date(", "string length("), then the
    // longest known name ("Applicant Age", "structA.price"), then a bare word.
    std::string_view crm_name;
    bool supported = false;
    if (const std::size_t n = match_function(rest, crm_name, supported); n > 0 && call_follows(rest, n)) {
      if (!supported) return unsupported("function '" + std::string(crm_name) + "'");
      return take(TokenKind::function, n, std::string(crm_name));
    }
    if (auto [n, crm] = names_.match(rest); crm != nullptr) return take(TokenKind::name, n, *crm);
    std::size_t n = 0;
    while (n < rest.size() && name_char(rest[n])) ++n;
    const std::string_view w = rest.substr(0, n);
    if (w == "not" || w == "in" || w == "between") return take(TokenKind::word, n, std::string(w));
    if (std::find(keywords.begin(), keywords.end(), w) != keywords.end())
      return take(TokenKind::word, n, std::string(w));
    if (std::find(constructs.begin(), constructs.end(), w) != constructs.end())
      return unsupported("'" + std::string(w) + "' expressions");
    if (call_follows(rest, n))
      return unsupported("invocation of '" + std::string(w) + "' (a business knowledge model or a function)");
    return unexpected(Error{ErrorCode::unknown_name, "unknown name '" + std::string(w) + "' in FEEL '" + std::string(t_) + "'", {}});
  }

  expected<Token> string() {
    std::size_t n = 1;
    while (n < t_.size() - i_ && t_[i_ + n] != '"') n += t_[i_ + n] == '\\' ? 2 : 1;
    if (i_ + n >= t_.size())
      return unexpected(Error{ErrorCode::parse, "unterminated string in FEEL '" + std::string(t_) + "'", {}});
    return take(TokenKind::string, n + 1, std::string(t_.substr(i_, n + 1)));
  }

  expected<Token> number() {
    std::size_t n = 0;
    const std::string_view rest = t_.substr(i_);
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n < rest.size() && rest[n] == '.' && !(n + 1 < rest.size() && rest[n + 1] == '.')) {
      ++n;
      while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    }
    std::string text(rest.substr(0, n));
    if (text.front() == '.') text.insert(0, "0");
    return take(TokenKind::number, n, text);
  }

  std::string_view t_;
  const Names& names_;
  std::size_t i_ = 0;
};

using Span = std::span<const Token>;

/// The index of the token closing the bracket at `open` (either kind closes: FEEL's
/// ranges mix them), or npos.
std::size_t closing(Span t, std::size_t open) {
  int depth = 0;
  for (std::size_t k = open; k < t.size(); ++k) {
    if (t[k].kind == TokenKind::open) ++depth;
    if (t[k].kind == TokenKind::close && --depth == 0) return k;
  }
  return std::string::npos;
}

/// Splits at the commas outside brackets.
std::vector<Span> split_commas(Span t) {
  std::vector<Span> parts;
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (t[k].kind == TokenKind::open) ++depth;
    if (t[k].kind == TokenKind::close) --depth;
    if (t[k].kind == TokenKind::comma && depth == 0) {
      parts.push_back(t.subspan(start, k - start));
      start = k + 1;
    }
  }
  parts.push_back(t.subspan(start));
  return parts;
}

expected<std::string> expression(Span t);

/// if C then A else B, the else branch reaching the end (FEEL's lowest precedence).
expected<std::string> if_then_else(Span t) {
  int depth = 0, nested = 0;
  std::size_t then_at = std::string::npos, else_at = std::string::npos;
  for (std::size_t k = 1; k < t.size() && else_at == std::string::npos; ++k) {
    if (t[k].kind == TokenKind::open) ++depth;
    if (t[k].kind == TokenKind::close) --depth;
    if (depth != 0 || t[k].kind != TokenKind::word) continue;
    if (t[k].text == "if") ++nested;
    else if (t[k].text == "then" && nested == 0 && then_at == std::string::npos) then_at = k;
    else if (t[k].text == "else" && nested == 0) else_at = k;
    else if (t[k].text == "else") --nested;
  }
  if (then_at == std::string::npos || else_at == std::string::npos || else_at < then_at)
    return unexpected(Error{ErrorCode::parse, "FEEL 'if' needs 'then' and 'else'", {}});
  auto c = expression(t.subspan(1, then_at - 1));
  if (!c) return c;
  auto a = expression(t.subspan(then_at + 1, else_at - then_at - 1));
  if (!a) return a;
  auto b = expression(t.subspan(else_at + 1));
  if (!b) return b;
  return "(" + *c + ") ? (" + *a + ") : (" + *b + ")";
}

/// A call: its arguments translated; min and max of several arguments take one list.
expected<std::string> call(const Token& f, Span args_tokens) {
  std::vector<std::string> args;
  if (!args_tokens.empty())
    for (Span a : split_commas(args_tokens)) {
      auto x = expression(a);
      if (!x) return x;
      args.push_back(std::move(*x));
    }
  std::string joined;
  for (const auto& a : args) joined += (joined.empty() ? "" : ", ") + a;
  if ((f.text == "min" || f.text == "max") && args.size() > 1) return f.text + "([" + joined + "])";
  if (f.text == "decimal") {  // FEEL's decimal(x, scale) rounds half to even
    if (args.size() != 2) return unexpected(Error{ErrorCode::invalid_rule, "FEEL decimal takes 2 arguments (n, scale)", {}});
    return "round(" + joined + ", 'half_even')";
  }
  return f.text + "(" + joined + ")";
}

/// x between a and b: (x >= a and x <= b), the first 'and' after 'between' closing it.
expected<std::string> between(Span t, std::size_t at) {
  std::size_t and_at = std::string::npos;
  int depth = 0;
  for (std::size_t k = at + 1; k < t.size() && and_at == std::string::npos; ++k) {
    if (t[k].kind == TokenKind::open) ++depth;
    if (t[k].kind == TokenKind::close) --depth;
    if (depth == 0 && t[k].kind == TokenKind::word && t[k].text == "and") and_at = k;
  }
  if (and_at == std::string::npos) return unexpected(Error{ErrorCode::parse, "FEEL 'between' needs 'and'", {}});
  auto x = expression(t.subspan(0, at));
  if (!x) return x;
  auto low = expression(t.subspan(at + 1, and_at - at - 1));
  if (!low) return low;
  auto high = expression(t.subspan(and_at + 1));
  if (!high) return high;
  return "((" + *x + ") >= (" + *low + ") and (" + *x + ") <= (" + *high + "))";
}

expected<std::string> expression(Span t) {
  if (t.empty()) return unexpected(Error{ErrorCode::parse, "an empty FEEL expression", {}});
  if (t[0].kind == TokenKind::word && t[0].text == "if") return if_then_else(t);
  int depth = 0;
  for (std::size_t k = 1; k < t.size(); ++k) {
    if (t[k].kind == TokenKind::open) ++depth;
    if (t[k].kind == TokenKind::close) --depth;
    if (depth == 0 && t[k].kind == TokenKind::word && t[k].text == "between") return between(t, k);
  }
  std::string out;
  for (std::size_t k = 0; k < t.size(); ++k) {
    const Token& tok = t[k];
    std::string piece;
    if (tok.kind == TokenKind::function ||
        (tok.kind == TokenKind::word && tok.text == "not" && k + 1 < t.size() && t[k + 1].kind == TokenKind::open)) {
      const std::size_t close = closing(t, k + 1);
      if (close == std::string::npos) return unexpected(Error{ErrorCode::parse, "unbalanced brackets in FEEL", {}});
      auto c = tok.kind == TokenKind::function ? call(tok, t.subspan(k + 2, close - k - 2))
                                               : expression(t.subspan(k + 2, close - k - 2));
      if (!c) return c;
      piece = tok.kind == TokenKind::function ? *c : "not (" + *c + ")";
      k = close;
    } else if (tok.kind == TokenKind::open && tok.text == "(" && k + 1 < t.size() && t[k + 1].kind == TokenKind::word &&
               t[k + 1].text == "if") {  // (if c then a else b) inside an expression
      const std::size_t close = closing(t, k);
      if (close == std::string::npos) return unexpected(Error{ErrorCode::parse, "unbalanced brackets in FEEL", {}});
      auto inner = if_then_else(t.subspan(k + 1, close - k - 1));
      if (!inner) return inner;
      piece = "(" + *inner + ")";
      k = close;
    } else if (tok.kind == TokenKind::word && (tok.text == "then" || tok.text == "else" || tok.text == "if")) {
      return unexpected(Error{ErrorCode::parse, "FEEL '" + tok.text + "' out of place", {}});
    } else {
      piece = tok.text;
    }
    const bool tight = out.empty() || out.back() == '(' || out.back() == '[' || tok.kind == TokenKind::close ||
                       tok.kind == TokenKind::comma || tok.kind == TokenKind::range || out.ends_with("..");
    out += (tight ? "" : " ") + piece;
  }
  return out;
}

/// One unary test: -, not(tests), a comparison, a range, or a value (or boolean test).
expected<std::string> unary_test(Span t) {
  if (t.empty()) return unexpected(Error{ErrorCode::parse, "an empty FEEL unary test", {}});
  if (t.size() == 1 && t[0].kind == TokenKind::op && t[0].text == "-") return std::string("-");
  if (t[0].kind == TokenKind::word && t[0].text == "not" && t.size() > 2 && t[1].kind == TokenKind::open &&
      closing(t, 1) == t.size() - 1) {
    std::string inner;
    for (Span part : split_commas(t.subspan(2, t.size() - 3))) {
      auto x = unary_test(part);
      if (!x) return x;
      inner += (inner.empty() ? "" : ", ") + *x;
    }
    return "not(" + inner + ")";
  }
  if (t[0].kind == TokenKind::op && (t[0].text == "<" || t[0].text == "<=" || t[0].text == ">" || t[0].text == ">=" ||
                                     t[0].text == "!=" || t[0].text == "==")) {
    auto x = expression(t.subspan(1));
    if (!x) return x;
    return (t[0].text == "==" ? std::string() : t[0].text + " ") + *x;
  }
  const bool opens = t[0].kind == TokenKind::open || (t[0].kind == TokenKind::close && t[0].text == "]");
  const bool closes = t.back().kind == TokenKind::close || (t.back().kind == TokenKind::open && t.back().text == "[");
  if (opens && closes && t.size() >= 5) {
    std::size_t range = std::string::npos;
    int depth = 0;
    for (std::size_t k = 1; k + 1 < t.size(); ++k) {
      if (t[k].kind == TokenKind::open) ++depth;
      if (t[k].kind == TokenKind::close) --depth;
      if (depth == 0 && t[k].kind == TokenKind::range) range = k;
    }
    if (range != std::string::npos) {
      auto low = expression(t.subspan(1, range - 1));
      if (!low) return low;
      auto high = expression(t.subspan(range + 1, t.size() - range - 2));
      if (!high) return high;
      const char open = t[0].text == "[" ? '[' : '(';
      const char close = t.back().text == "]" ? ']' : ')';
      return std::string(1, open) + *low + ".." + *high + std::string(1, close);
    }
  }
  return expression(t);
}

}  // namespace

std::span<const FeelFunction> feel_functions() noexcept { return functions; }

expected<std::string> feel_expression(std::string_view feel, const Names& names) {
  auto tokens = Lexer(feel, names).run();
  if (!tokens) return unexpected(tokens.error());
  return expression(*tokens);
}

expected<std::string> feel_unary_tests(std::string_view feel, const Names& names) {
  auto tokens = Lexer(feel, names).run();
  if (!tokens) return unexpected(tokens.error());
  if (tokens->empty()) return std::string("-");
  std::string out;
  for (Span part : split_commas(*tokens)) {
    auto x = unary_test(part);
    if (!x) return x;
    out += (out.empty() ? "" : ", ") + *x;
  }
  return out;
}

}  // namespace crm::internal::dmn
