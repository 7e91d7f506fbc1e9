// The expression language written as FEEL, token by token; the ternary becomes
// if-then-else, functions take FEEL's names, cells become FEEL's unary tests.
#include "src/dmn/to_feel.hpp"

#include <array>
#include <span>
#include <vector>

#include "src/dmn/feel.hpp"

namespace crm::internal::dmn {
namespace {

enum class T { word, string, number, op, open, close, comma };

struct Tok {
  T kind;
  std::string text;
};

bool ident(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '$'; }

[[nodiscard]] unexpected no_feel(const std::string& what) {
  return unexpected(Error{ErrorCode::invalid_rule, what + " has no FEEL equivalent: the rule set cannot be written as DMN", {}});
}

expected<std::vector<Tok>> lex(std::string_view s) {
  std::vector<Tok> out;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n') { ++i; continue; }
    if (c == '\'' || c == '"') {
      std::string text = "\"";
      std::size_t j = i + 1;
      for (; j < s.size() && s[j] != c; ++j) {
        if (s[j] == '\\' && j + 1 < s.size()) { text += s[j]; text += s[++j]; continue; }
        if (s[j] == '"') text += '\\';
        text += s[j];
      }
      out.push_back({T::string, text + "\""});
      i = j + 1;
      continue;
    }
    if ((c >= '0' && c <= '9')) {
      std::size_t j = i;
      while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || (s[j] == '.' && !(j + 1 < s.size() && s[j + 1] == '.')))) ++j;
      out.push_back({T::number, std::string(s.substr(i, j - i))});
      i = j;
      continue;
    }
    if (ident(c) && c != '.') {
      std::size_t j = i;
      while (j < s.size() && ident(s[j]) && !(s[j] == '.' && j + 1 < s.size() && s[j + 1] == '.')) ++j;
      out.push_back({T::word, std::string(s.substr(i, j - i))});
      i = j;
      continue;
    }
    if (c == '(' || c == '[') { out.push_back({T::open, std::string(1, c)}); ++i; continue; }
    if (c == ')' || c == ']') { out.push_back({T::close, std::string(1, c)}); ++i; continue; }
    if (c == ',') { out.push_back({T::comma, ","}); ++i; continue; }
    for (std::string_view op : {"??", "==", "!=", "<=", ">=", "..", "<", ">", "+", "-", "*", "/", "^", "?", ":", "%"})
      if (s.substr(i).starts_with(op)) {
        out.push_back({T::op, std::string(op)});
        i += op.size();
        goto next;
      }
    return unexpected(Error{ErrorCode::parse, "unexpected '" + std::string(1, c) + "' in '" + std::string(s) + "'", {}});
  next:;
  }
  return out;
}

using Toks = std::span<const Tok>;

std::size_t matching(Toks t, std::size_t open) {
  int depth = 0;
  for (std::size_t k = open; k < t.size(); ++k) {
    if (t[k].kind == T::open) ++depth;
    if (t[k].kind == T::close && --depth == 0) return k;
  }
  return std::string::npos;
}

class FeelWriter {
 public:
  explicit FeelWriter(const DmnNames& names) : names_(names) {}

  expected<std::string> expression(Toks t) {
    // The ternary, lowest precedence, right-associative: c ? a : b.
    int depth = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (t[k].kind == T::open) ++depth;
      if (t[k].kind == T::close) --depth;
      if (depth == 0 && t[k].kind == T::op && t[k].text == "?") {
        std::size_t colon = std::string::npos;
        int nested = 0, d = 0;
        for (std::size_t j = k + 1; j < t.size() && colon == std::string::npos; ++j) {
          if (t[j].kind == T::open) ++d;
          if (t[j].kind == T::close) --d;
          if (d != 0 || t[j].kind != T::op) continue;
          if (t[j].text == "?") ++nested;
          else if (t[j].text == ":" && nested-- == 0) colon = j;
        }
        if (colon == std::string::npos) return unexpected(Error{ErrorCode::parse, "'?' without ':'", {}});
        auto c = expression(t.subspan(0, k));
        if (!c) return c;
        auto a = expression(t.subspan(k + 1, colon - k - 1));
        if (!a) return a;
        auto b = expression(t.subspan(colon + 1));
        if (!b) return b;
        return "if " + *c + " then " + *a + " else " + *b;
      }
    }
    std::string out;
    for (std::size_t k = 0; k < t.size(); ++k) {
      const Tok& first = t[k];  // the piece's first token (a call or a group ends further on)
      expected<std::string> piece;
      if (t[k].kind == T::open && t[k].text == "(") {  // a group: it may hold a ternary of its own
        const std::size_t close = matching(t, k);
        if (close == std::string::npos) return unexpected(Error{ErrorCode::parse, "unbalanced brackets", {}});
        auto inner = expression(t.subspan(k + 1, close - k - 1));
        if (!inner) return inner;
        piece = "(" + *inner + ")";
        k = close;
      } else {
        piece = token(t, k);
      }
      if (!piece) return piece;
      const bool tight = out.empty() || out.back() == '(' || out.back() == '[' || first.kind == T::close ||
                         first.kind == T::comma || (first.kind == T::op && first.text == "..") || out.ends_with("..");
      out += (tight ? "" : " ") + *piece;
    }
    return out;
  }

  expected<std::string> unary_tests(Toks t) {
    if (t.size() == 1 && t[0].kind == T::op && t[0].text == "-") return std::string("-");
    std::vector<std::string> parts;
    std::size_t start = 0;
    int depth = 0;
    for (std::size_t k = 0; k <= t.size(); ++k) {
      if (k < t.size() && t[k].kind == T::open) ++depth;
      if (k < t.size() && t[k].kind == T::close) --depth;
      if (k == t.size() || (depth == 0 && t[k].kind == T::comma)) {
        auto part = unary_test(t.subspan(start, k - start));
        if (!part) return part;
        parts.push_back(std::move(*part));
        start = k + 1;
      }
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
  }

 private:
  expected<std::string> unary_test(Toks t) {
    if (t.empty()) return unexpected(Error{ErrorCode::parse, "an empty cell", {}});
    for (const auto& tok : t)
      if (tok.kind == T::word && (tok.text == "and" || tok.text == "or"))
        return no_feel("a cell joining tests with '" + tok.text + "'");
    const bool negated = t[0].kind == T::word && t[0].text == "not" && t.size() > 1;
    if (negated && t[1].kind == T::open && matching(t, 1) == t.size() - 1) {
      auto inner = unary_tests(t.subspan(2, t.size() - 3));
      if (!inner) return inner;
      return "not(" + *inner + ")";
    }
    if (t[0].kind == T::word && (t[0].text == "in" || (negated && t[1].kind == T::word && t[1].text == "in"))) {
      const std::size_t at = negated ? 2 : 1;
      auto inner = list_or_range(t.subspan(at));
      if (!inner) return inner;
      return negated ? "not(" + *inner + ")" : *inner;
    }
    if (t[0].kind == T::op && (t[0].text == "<" || t[0].text == "<=" || t[0].text == ">" || t[0].text == ">=" ||
                               t[0].text == "==" || t[0].text == "!=")) {
      auto x = expression(t.subspan(1));
      if (!x) return x;
      if (t[0].text == "==") return *x;
      if (t[0].text == "!=") return "not(" + *x + ")";
      return t[0].text + " " + *x;
    }
    if (t[0].kind == T::open) return list_or_range(t);
    return expression(t);
  }

  /// [a, b] (a list: any of them) or a range.
  expected<std::string> list_or_range(Toks t) {
    if (t.empty() || t[0].kind != T::open || matching(t, 0) != t.size() - 1) return expression(t);
    for (std::size_t k = 1; k + 1 < t.size(); ++k)
      if (t[k].kind == T::op && t[k].text == "..") return expression(t);  // FEEL writes ranges alike
    if (t[0].text == "(") return expression(t);
    return unary_tests(t.subspan(1, t.size() - 2));
  }

  expected<std::string> token(Toks t, std::size_t& k) {
    const Tok& tok = t[k];
    if (tok.kind == T::op) {
      if (tok.text == "==") return std::string("=");
      if (tok.text == "^") return std::string("**");
      if (tok.text == "??" || tok.text == "%") return no_feel("'" + tok.text + "'");
      return tok.text;
    }
    if (tok.kind != T::word) return tok.text;
    if (tok.text == "$") return std::string("?");
    if (tok.text == "and" || tok.text == "or" || tok.text == "true" || tok.text == "false" || tok.text == "null" ||
        tok.text == "in")
      return tok.text;
    if (tok.text == "not" && !(k + 1 < t.size() && t[k + 1].kind == T::open && t[k + 1].text == "("))
      return no_feel("'not' without brackets");
    if (k + 1 < t.size() && t[k + 1].kind == T::open && t[k + 1].text == "(") return call(t, k);
    if (auto it = names_.find(tok.text); it != names_.end()) return it->second;
    return tok.text;
  }

  expected<std::string> call(Toks t, std::size_t& k) {
    const std::string& name = t[k].text;
    const std::size_t close = matching(t, k + 1);
    if (close == std::string::npos) return unexpected(Error{ErrorCode::parse, "unbalanced brackets", {}});
    std::string_view feel;
    for (const auto& f : feel_functions())
      if (f.crm == name) feel = f.feel;
    if (name == "not") feel = "not";
    Toks args = t.subspan(k + 2, close - k - 2);
    if (name == "round" && args.size() > 2 && args.back().kind == T::string && args.back().text == "\"half_even\"" &&
        args[args.size() - 2].kind == T::comma) {  // round(x, n, 'half_even') is FEEL's decimal(x, n)
      feel = "decimal";
      args = args.subspan(0, args.size() - 2);
    }
    if (feel.empty()) return no_feel("the function '" + name + "'");
    if ((name == "min" || name == "max") && !args.empty() && args[0].kind == T::open && args[0].text == "[" &&
        matching(args, 0) == args.size() - 1)
      args = args.subspan(1, args.size() - 2);  // min([a, b]) is FEEL's min(a, b)
    auto inner = expression(args);
    if (!inner) return inner;
    k = close;
    return std::string(feel) + "(" + *inner + ")";
  }

  const DmnNames& names_;
};

}  // namespace

expected<std::string> to_feel_expression(std::string_view crm, const DmnNames& names) {
  auto tokens = lex(crm);
  if (!tokens) return unexpected(tokens.error());
  return FeelWriter(names).expression(*tokens);
}

expected<std::string> to_feel_unary_tests(std::string_view crm, const DmnNames& names) {
  auto tokens = lex(crm);
  if (!tokens) return unexpected(tokens.error());
  if (tokens->empty()) return std::string("-");
  return FeelWriter(names).unary_tests(*tokens);
}

}  // namespace crm::internal::dmn
