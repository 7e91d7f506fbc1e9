// The expression language's parser: a Pratt parser with ZEN's operator precedence.
//
// Binding powers (higher binds tighter), as in ZEN:
//   ?:  1 (right)   or 10   and 15   == != < <= > >= in, not in 20   + - 30
//   prefix not / ! 50 (its operand takes * / % ^ ?? but not + -)   * / % 60
//   ^ 70 (right)   ?? 80   prefix - + 200 (its operand is a single primary)
#include "src/expression/parser.hpp"

#include <algorithm>
#include <optional>

namespace crm::internal::expression {
namespace {

constexpr int bp_conditional = 1;
constexpr int bp_or = 10;
constexpr int bp_and = 15;
constexpr int bp_compare = 20;
constexpr int bp_additive = 30;
constexpr int bp_not_operand = 50;
constexpr int bp_multiplicative = 60;
constexpr int bp_power = 70;
constexpr int bp_coalesce = 80;
constexpr int bp_sign_operand = 200;

bool is_comparison(Tok t) {
  return t == Tok::eq || t == Tok::ne || t == Tok::lt || t == Tok::le || t == Tok::gt || t == Tok::ge;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, bool unary) : tokens_(std::move(tokens)), unary_(unary) {}

  Ast ast;
  std::optional<Error> error;

  std::size_t position() const { return pos_; }
  void reset(std::size_t pos) {
    pos_ = pos;
    error.reset();
    ast = Ast{};
    recursion_ = 0;
  }
  const Token& peek(std::size_t k = 0) const { return tokens_[std::min(pos_ + k, tokens_.size() - 1)]; }

  std::int32_t expression(int min_bp) {
    if (error) return -1;
    if (++recursion_ > max_depth) return too_deep(peek().offset);
    std::int32_t left = prefix(min_bp);
    while (left >= 0) {
      const Token& t = peek();
      const bool not_in = t.kind == Tok::kw_not && peek(1).kind == Tok::kw_in;
      const int bp = binding_power(t.kind, not_in);
      if (bp <= min_bp) break;
      const std::uint32_t at = t.offset;
      const Tok op = t.kind;
      advance();
      if (not_in) advance();
      Node n;
      n.offset = at;
      n.op = op;
      n.a = left;
      if (op == Tok::question) {
        n.kind = NodeKind::conditional;
        n.b = expression(0);
        if (n.b < 0) return -1;
        if (!expect(Tok::colon, "':' of the '?' at offset " + std::to_string(at))) return -1;
        n.c = expression(bp_conditional - 1);
      } else if (op == Tok::kw_in || not_in) {
        n.kind = NodeKind::in;
        n.op = Tok::kw_in;
        n.negated = not_in;
        n.b = expression(bp_compare);
      } else if (op == Tok::kw_and || op == Tok::kw_or) {
        n.kind = NodeKind::logical;
        n.b = expression(bp);
      } else if (op == Tok::coalesce) {
        n.kind = NodeKind::coalesce;
        n.b = expression(bp);
      } else {
        n.kind = NodeKind::binary;
        n.b = expression(op == Tok::caret ? bp - 1 : bp);  // ^ is right-associative
      }
      if (n.b < 0 || (n.kind == NodeKind::conditional && n.c < 0)) return -1;
      left = add(std::move(n));
    }
    --recursion_;
    return left;
  }

  /// Comma-separated tests until `stop` (end or ')').
  bool tests(Tok stop) {
    while (true) {
      if (peek().kind == Tok::minus && (peek(1).kind == Tok::comma || peek(1).kind == stop))
        return fail_at(peek().offset, "'-' (any input) must be the whole cell");
      const std::int32_t t = expression(0);
      if (t < 0) return false;
      ast.roots.push_back(t);
      if (peek().kind != Tok::comma) break;
      advance();
    }
    return true;
  }

  bool expect_end() {
    if (peek().kind == Tok::end) return true;
    return fail_at(peek().offset, "unexpected " + describe(peek()) + ": expected an operator or the end of the text");
  }

  bool expect(Tok kind, const std::string& what) {
    if (peek().kind == kind) {
      advance();
      return true;
    }
    return fail_at(peek().offset, "expected " + what + ", found " + describe(peek()));
  }

  bool fail_at(std::uint32_t offset, std::string message) {
    if (!error) error = Error{ErrorCode::parse, std::move(message), Location::at_offset(offset)};
    return false;
  }

 private:
  void advance() {
    if (pos_ + 1 < tokens_.size()) ++pos_;
  }

  std::int32_t too_deep(std::uint32_t offset) {
    fail_at(offset, "the expression nests too deeply (more than " + std::to_string(max_depth) + " levels)");
    return -1;
  }

  int binding_power(Tok t, bool not_in) const {
    if (not_in) return bp_compare;
    switch (t) {
      case Tok::question: return bp_conditional;
      case Tok::kw_or: return bp_or;
      case Tok::kw_and: return bp_and;
      case Tok::eq: case Tok::ne: case Tok::lt: case Tok::le: case Tok::gt: case Tok::ge: case Tok::kw_in:
        return bp_compare;
      case Tok::plus: case Tok::minus: return bp_additive;
      case Tok::star: case Tok::slash: case Tok::percent: return bp_multiplicative;
      case Tok::caret: return bp_power;
      case Tok::coalesce: return bp_coalesce;
      default: return 0;
    }
  }

  std::int32_t add(Node n) {
    std::uint32_t deepest = 0;
    auto deeper = [&](std::int32_t child) {
      if (child >= 0) deepest = std::max(deepest, ast.nodes[static_cast<std::size_t>(child)].depth);
    };
    deeper(n.a);
    deeper(n.b);
    deeper(n.c);
    for (std::int32_t item : n.items) deeper(item);
    n.depth = deepest + 1;
    if (n.depth > max_depth) return too_deep(n.offset);
    ast.nodes.push_back(std::move(n));
    return static_cast<std::int32_t>(ast.nodes.size() - 1);
  }

  std::int32_t input_node(std::uint32_t offset) {
    Node n;
    n.kind = NodeKind::input;
    n.offset = offset;
    return add(std::move(n));
  }

  /// A value at the start of an expression (Pratt's "prefix" position).
  std::int32_t prefix(int min_bp) {
    const Token t = peek();
    const bool test_position = unary_ && min_bp < bp_compare;  // a cell may start with "> 5", "in [..]"
    switch (t.kind) {
      case Tok::number:
      case Tok::string:
      case Tok::kw_true:
      case Tok::kw_false:
      case Tok::kw_null:
      case Tok::dollar: return literal(t);
      case Tok::name: return name_or_call(t);
      case Tok::minus:
      case Tok::plus: return operator_applied(t, t.kind, bp_sign_operand);
      case Tok::kw_not:
      case Tok::bang:
        if (test_position && t.kind == Tok::kw_not && peek(1).kind == Tok::kw_in) return implied_not_in(t);
        return operator_applied(t, Tok::kw_not, bp_not_operand);
      case Tok::lparen: return parenthesised(t);
      case Tok::lbracket: return list_or_range(t);
      case Tok::eq: case Tok::ne: case Tok::lt: case Tok::le: case Tok::gt: case Tok::ge:
        if (test_position) return implied_test(t, NodeKind::binary);  // a cell's "> 5": $ > 5
        break;
      case Tok::kw_in:
        if (test_position) return implied_test(t, NodeKind::in);  // a cell's "in [1, 2]"
        break;
      default: break;
    }
    return no_value(t);
  }

  /// A number, a string, true, false, null or $ (the cell's input).
  std::int32_t literal(const Token& t) {
    advance();
    Node n;
    n.offset = t.offset;
    switch (t.kind) {
      case Tok::number: n.value = Value(t.number); break;
      case Tok::string: n.value = Value(t.text); break;
      case Tok::kw_true:
      case Tok::kw_false: n.value = Value(t.kind == Tok::kw_true); break;
      case Tok::dollar: n.kind = NodeKind::input; break;
      default: break;  // null
    }
    return add(std::move(n));
  }

  /// A field's name, or a function's call: name(arg, ...).
  std::int32_t name_or_call(const Token& t) {
    advance();
    Node n;
    n.offset = t.offset;
    n.name = t.text;
    if (peek().kind != Tok::lparen) {
      n.kind = NodeKind::field;
      return add(std::move(n));
    }
    n.kind = NodeKind::call;
    advance();
    if (peek().kind != Tok::rparen) {
      while (true) {
        const std::int32_t arg = expression(0);
        if (arg < 0) return -1;
        n.items.push_back(arg);
        if (peek().kind != Tok::comma) break;
        advance();
      }
    }
    if (!expect(Tok::rparen, "',' or ')' to close the call of " + t.text + "(")) return -1;
    return add(std::move(n));
  }

  /// A sign or a negation and its operand, which binds at least as tightly as `bp`.
  std::int32_t operator_applied(const Token& t, Tok op, int bp) {
    advance();
    Node n;
    n.offset = t.offset;
    n.kind = NodeKind::unary;
    n.op = op;
    n.a = expression(bp);
    if (n.a < 0) return -1;
    return add(std::move(n));
  }

  /// A cell's "not in [..]": $ not in [..].
  std::int32_t implied_not_in(const Token& t) {
    advance();  // not
    Node n;
    n.offset = peek().offset;
    advance();  // in
    n.kind = NodeKind::in;
    n.op = Tok::kw_in;
    n.negated = true;
    n.implied = true;
    n.a = input_node(t.offset);
    n.b = expression(bp_compare);
    if (n.a < 0 || n.b < 0) return -1;
    return add(std::move(n));
  }

  /// A cell that starts with a comparison or "in": the cell's input is its left side.
  std::int32_t implied_test(const Token& t, NodeKind kind) {
    advance();
    Node n;
    n.offset = t.offset;
    n.kind = kind;
    n.op = t.kind;
    n.implied = true;
    n.a = input_node(t.offset);
    n.b = expression(bp_compare);
    if (n.a < 0 || n.b < 0) return -1;
    return add(std::move(n));
  }

  /// (expression), or a range that opens with "(".
  std::int32_t parenthesised(const Token& t) {
    advance();
    const std::int32_t inner = expression(0);
    if (inner < 0) return -1;
    if (peek().kind == Tok::dotdot) return range_rest(t, inner, false);
    if (!expect(Tok::rparen, "')' to close the '(' at offset " + std::to_string(t.offset))) return -1;
    return inner;
  }

  /// [a, b, ...], or a range that opens with "[".
  std::int32_t list_or_range(const Token& t) {
    advance();
    Node n;
    n.offset = t.offset;
    n.kind = NodeKind::list;
    if (peek().kind == Tok::rbracket) {
      advance();
      return add(std::move(n));
    }
    const std::int32_t first = expression(0);
    if (first < 0) return -1;
    if (peek().kind == Tok::dotdot) return range_rest(t, first, true);
    n.items.push_back(first);
    while (peek().kind == Tok::comma) {
      advance();
      const std::int32_t item = expression(0);
      if (item < 0) return -1;
      n.items.push_back(item);
    }
    if (!expect(Tok::rbracket, "',' or ']' to close the list at offset " + std::to_string(t.offset))) return -1;
    return add(std::move(n));
  }

  /// A token where a value must start: the error that says what is missing.
  std::int32_t no_value(const Token& t) {
    if (t.kind == Tok::end) {
      fail_at(t.offset, pos_ == 0 ? "the expression is empty"
                                  : "unexpected end of the text: expected a value after " +
                                        describe(tokens_[pos_ - 1]));
    } else if (is_comparison(t.kind) || t.kind == Tok::kw_in) {
      fail_at(t.offset, "unexpected " + describe(t) + ": expected a value before it");
    } else {
      fail_at(t.offset, "unexpected " + describe(t) + ": expected a value");
    }
    return -1;
  }

  /// After "[low" or "(low" and at "..": the rest of a range.
  std::int32_t range_rest(const Token& open, std::int32_t low, bool low_closed) {
    advance();  // ..
    Node n;
    n.kind = NodeKind::range;
    n.offset = open.offset;
    n.a = low;
    n.low_closed = low_closed;
    n.b = expression(0);
    if (n.b < 0) return -1;
    if (peek().kind == Tok::rbracket) n.high_closed = true;
    else if (peek().kind != Tok::rparen) {
      fail_at(peek().offset, "expected ']' or ')' to close the range at offset " + std::to_string(open.offset) +
                                 ", found " + describe(peek()));
      return -1;
    }
    advance();
    return add(std::move(n));
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  bool unary_ = false;
  std::uint32_t recursion_ = 0;
};

}  // namespace

[[nodiscard]] expected<Ast> parse_expression(std::string_view text) {
  auto tokens = tokenize(text);
  if (!tokens) return unexpected(tokens.error());
  Parser p(std::move(*tokens), false);
  const std::int32_t root = p.expression(0);
  if (root >= 0) p.expect_end();
  if (p.error) return unexpected(std::move(*p.error));
  p.ast.roots.push_back(root);
  return std::move(p.ast);
}

[[nodiscard]] expected<Ast> parse_unary_tests(std::string_view text) {
  auto tokens = tokenize(text);
  if (!tokens) return unexpected(tokens.error());
  const std::vector<Token>& t = *tokens;
  if (t.size() == 1 || (t.size() == 2 && t[0].kind == Tok::minus)) return Ast{};  // empty or "-": any
  Parser p(std::move(*tokens), true);
  // not(tests) around the whole cell
  if (p.peek().kind == Tok::kw_not && p.peek(1).kind == Tok::lparen) {
    const std::uint32_t at = p.peek().offset;
    p.reset(2);
    if (p.tests(Tok::rparen) && p.peek().kind == Tok::rparen && p.peek(1).kind == Tok::end) {
      p.ast.negated = true;
      p.ast.negation_offset = at;
      return std::move(p.ast);
    }
    p.reset(0);  // something else that starts with not(: parse it as ordinary tests
  }
  if (p.tests(Tok::end)) p.expect_end();
  if (p.error) return unexpected(std::move(*p.error));
  return std::move(p.ast);
}

}  // namespace crm::internal::expression
