// Whether two guards can hold at once: the load-time nondeterminism check.
//
// A guard is read as a conjunction (its top-level `and`s). Each conjunct that compares
// one field with constants constrains that field:
//   x == c, x != c, x < c (<=, >, >=, either side), x in [c1, c2], x not in [...],
//   x in [a..b] (any bracket), x (a bool field: true), not x (false).
// Numbers become sets of intervals; strings, booleans and null sets of values (or, for != and
// not in, everything but a set). The left side may also be a computation over fields
// (arithmetic, unary minus, function calls: `total + event.amount <= 1000000`): the same
// computation gives the same value within one firing, so it is constrained as if it were
// a field. Two guards are exclusive when some field is constrained
// by both and the two constraints have no value in common. Anything else (or, function
// calls, arithmetic, comparisons between fields) constrains nothing, so the check can
// only miss an exclusion, never invent one: "possible" is a warning, not an error.
#include <map>
#include <optional>
#include <string>

#include "crmrules/interval.hpp"
#include "src/expression/parser.hpp"
#include "src/machine/guards.hpp"

namespace crm::internal::machine {
namespace {

using expression::Ast;
using expression::Node;
using expression::NodeKind;
using expression::Tok;

struct Constraint {
  bool numeric = false;
  IntervalSet numbers = IntervalSet::everything();
  std::vector<Value> values;  // strings and booleans
  bool negated = true;        // true with no values: anything
};

using Constraints = std::map<std::string, Constraint, std::less<>>;

/// A constant operand: a literal, or a negated number literal.
const Value* literal(const Ast& ast, std::int32_t index, Value& storage) {
  if (index < 0) return nullptr;
  const Node& n = ast.nodes[static_cast<std::size_t>(index)];
  if (n.kind == NodeKind::literal) return &n.value;
  if (n.kind == NodeKind::unary && n.op == Tok::minus && n.a >= 0) {
    const Node& inner = ast.nodes[static_cast<std::size_t>(n.a)];
    if (inner.kind == NodeKind::literal && inner.value.kind() == ValueKind::decimal) {
      storage = inner.value.as_decimal().negate();
      return &storage;
    }
  }
  return nullptr;
}

const std::string* field(const Ast& ast, std::int32_t index) {
  if (index < 0) return nullptr;
  const Node& n = ast.nodes[static_cast<std::size_t>(index)];
  return n.kind == NodeKind::field ? &n.name : nullptr;
}

/// Appends a key for a computed operand (fields and number literals under arithmetic
/// operators, unary minus and function calls): the same key means the same computation,
/// so the same value within one firing. False for anything else.
bool append_key(const Ast& ast, std::int32_t index, std::string& key) {
  if (index < 0) return false;
  const Node& n = ast.nodes[static_cast<std::size_t>(index)];
  switch (n.kind) {
    case NodeKind::field: key += n.name; return true;
    case NodeKind::literal:
      if (n.value.kind() != ValueKind::decimal) return false;
      key += n.value.as_decimal().to_string();
      return true;
    case NodeKind::unary:
      if (n.op != Tok::minus) return false;
      key += "(-";
      if (!append_key(ast, n.a, key)) return false;
      key += ')';
      return true;
    case NodeKind::binary: {
      static constexpr char ops[] = "+-*/%^";
      const Tok arithmetic[] = {Tok::plus, Tok::minus, Tok::star, Tok::slash, Tok::percent, Tok::caret};
      char op = 0;
      for (std::size_t i = 0; i < 6; ++i)
        if (n.op == arithmetic[i]) op = ops[i];
      if (n.implied || op == 0) return false;
      key += '(';
      if (!append_key(ast, n.a, key)) return false;
      key += op;
      if (!append_key(ast, n.b, key)) return false;
      key += ')';
      return true;
    }
    case NodeKind::call:
      key += n.name;
      key += '(';
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        if (i) key += ',';
        if (!append_key(ast, n.items[i], key)) return false;
      }
      key += ')';
      return true;
    default: return false;
  }
}

/// What a comparison constrains: a field by its name, or a computation over fields
/// (`total + event.amount`) by its key, which starts with '(' or holds one and so never
/// equals a field's name. nullopt for anything else.
std::optional<std::string> operand(const Ast& ast, std::int32_t index) {
  if (const std::string* f = field(ast, index)) return *f;
  std::string key;
  if (!append_key(ast, index, key) || key.find('(') == std::string::npos) return std::nullopt;
  return key;
}

/// The intersection of two constraints on one field (a numeric one and a value one do
/// not combine: the value one is kept, which only weakens the analysis).
Constraint meet(const Constraint& a, const Constraint& b) {
  if (a.numeric && b.numeric) {
    Constraint c;
    c.numeric = true;
    c.numbers = a.numbers.intersect(b.numbers);
    return c;
  }
  if (a.numeric != b.numeric) return a.numeric ? b : a;
  Constraint c;
  if (!a.negated && !b.negated) {
    c.negated = false;
    for (const auto& v : a.values)
      for (const auto& w : b.values)
        if (v == w) c.values.push_back(v);
  } else if (!a.negated || !b.negated) {
    const Constraint& pos = a.negated ? b : a;
    const Constraint& neg = a.negated ? a : b;
    c.negated = false;
    for (const auto& v : pos.values) {
      bool excluded = false;
      for (const auto& w : neg.values) excluded = excluded || v == w;
      if (!excluded) c.values.push_back(v);
    }
  } else {
    c.values = a.values;
    c.values.insert(c.values.end(), b.values.begin(), b.values.end());
  }
  return c;
}

[[nodiscard]] bool empty(const Constraint& c) { return c.numeric ? c.numbers.empty() : !c.negated && c.values.empty(); }

void add(Constraints& out, const std::string& name, Constraint c) {
  auto it = out.find(name);
  if (it == out.end()) out.emplace(name, std::move(c));
  else it->second = meet(it->second, c);
}

Constraint numeric(IntervalSet set) {
  Constraint c;
  c.numeric = true;
  c.numbers = std::move(set);
  return c;
}

Constraint values(std::vector<Value> v, bool negated) {
  Constraint c;
  c.values = std::move(v);
  c.negated = negated;
  return c;
}

/// `field op constant`, the field on the left.
void comparison(Constraints& out, const std::string& name, Tok op, const Value& k) {
  if (k.kind() == ValueKind::decimal) {
    const Decimal d = k.as_decimal();
    IntervalSet point(Interval::point(d));
    switch (op) {
      case Tok::eq: add(out, name, numeric(point)); break;
      case Tok::ne: add(out, name, numeric(point.complement())); break;
      case Tok::lt: add(out, name, numeric(IntervalSet(Interval::below(d, false)))); break;
      case Tok::le: add(out, name, numeric(IntervalSet(Interval::below(d, true)))); break;
      case Tok::gt: add(out, name, numeric(IntervalSet(Interval::above(d, false)))); break;
      case Tok::ge: add(out, name, numeric(IntervalSet(Interval::above(d, true)))); break;
      default: break;
    }
    return;
  }
  if (k.kind() != ValueKind::string && k.kind() != ValueKind::boolean && !k.is_null()) return;
  if (op == Tok::eq) add(out, name, values({k}, false));
  else if (op == Tok::ne) add(out, name, values({k}, true));
}

Tok mirrored(Tok op) {
  switch (op) {
    case Tok::lt: return Tok::gt;
    case Tok::le: return Tok::ge;
    case Tok::gt: return Tok::lt;
    case Tok::ge: return Tok::le;
    default: return op;
  }
}

void collect(const Ast& ast, std::int32_t index, Constraints& out) {
  if (index < 0) return;
  const Node& n = ast.nodes[static_cast<std::size_t>(index)];
  Value storage;
  switch (n.kind) {
    case NodeKind::logical:
      if (n.op == Tok::kw_and) {
        collect(ast, n.a, out);
        collect(ast, n.b, out);
      }
      return;
    case NodeKind::field:
      add(out, n.name, values({Value(true)}, false));
      return;
    case NodeKind::unary:
      if ((n.op == Tok::kw_not || n.op == Tok::bang) && field(ast, n.a) != nullptr)
        add(out, *field(ast, n.a), values({Value(false)}, false));
      return;
    case NodeKind::binary: {
      if (n.implied) return;
      if (const Value* k = literal(ast, n.b, storage); k != nullptr)
        if (auto f = operand(ast, n.a)) comparison(out, *f, n.op, *k);
      if (const Value* k = literal(ast, n.a, storage); k != nullptr)
        if (auto f = operand(ast, n.b)) comparison(out, *f, mirrored(n.op), *k);
      return;
    }
    case NodeKind::in: {
      const auto f = operand(ast, n.a);
      if (!f || n.b < 0) return;
      const Node& set = ast.nodes[static_cast<std::size_t>(n.b)];
      if (set.kind == NodeKind::list) {
        IntervalSet numbers;
        std::vector<Value> others;
        for (std::int32_t item : set.items) {
          Value item_storage;
          const Value* k = literal(ast, item, item_storage);
          if (k == nullptr) return;  // not all constants: no constraint
          if (k->kind() == ValueKind::decimal) numbers = numbers.unite(IntervalSet(Interval::point(k->as_decimal())));
          else if (k->kind() == ValueKind::string || k->kind() == ValueKind::boolean) others.push_back(*k);
          else return;
        }
        if (!others.empty() && !numbers.empty()) return;  // mixed kinds
        if (others.empty()) add(out, *f, numeric(n.negated ? numbers.complement() : numbers));
        else add(out, *f, values(std::move(others), n.negated));
      } else if (set.kind == NodeKind::range) {
        Value lo_storage, hi_storage;
        const Value* lo = literal(ast, set.a, lo_storage);
        const Value* hi = literal(ast, set.b, hi_storage);
        if (lo == nullptr || hi == nullptr || lo->kind() != ValueKind::decimal || hi->kind() != ValueKind::decimal) return;
        IntervalSet range(Interval::between(lo->as_decimal(), set.low_closed, hi->as_decimal(), set.high_closed));
        add(out, *f, numeric(n.negated ? range.complement() : range));
      }
      return;
    }
    default:
      return;
  }
}

Constraints constraints_of(std::string_view text) {
  Constraints out;
  auto ast = expression::parse_expression(text);
  if (!ast || ast->roots.empty()) return out;
  collect(*ast, ast->roots.front(), out);
  return out;
}

std::string squeeze(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

}  // namespace

Overlap overlap(const std::optional<Expression>& a, const std::optional<Expression>& b) {
  if (!a || !b) return Overlap::certain;
  if (squeeze(a->text()) == squeeze(b->text())) return Overlap::certain;
  const Constraints ca = constraints_of(a->text());
  const Constraints cb = constraints_of(b->text());
  for (const auto& [name, c] : ca) {
    auto it = cb.find(name);
    if (it != cb.end() && empty(meet(c, it->second))) return Overlap::exclusive;
  }
  return Overlap::possible;
}

}  // namespace crm::internal::machine
