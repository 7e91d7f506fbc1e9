// Private: the syntax tree of an expression or a decision-table cell.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "src/expression/lexer.hpp"
#include "crmrules/value.hpp"

namespace crm::internal::expression {

enum class NodeKind : std::uint8_t {
  literal,      // value
  field,        // name
  input,        // $
  unary,        // op (minus, plus, kw_not), a
  binary,       // op (arithmetic or comparison), a, b; `implied`: a is the cell's $
  logical,      // op (kw_and, kw_or), a, b
  conditional,  // a ? b : c
  coalesce,     // a ?? b
  in,           // a in b (b a list or range); `negated` for `not in`
  call,         // name(items...)
  list,         // [items...]
  range,        // [a..b] with low_closed, high_closed
};

struct Node {
  NodeKind kind = NodeKind::literal;
  Tok op = Tok::end;
  bool negated = false;
  bool implied = false;
  bool low_closed = false;
  bool high_closed = false;
  std::uint32_t offset = 0;  // where errors about this node point (its operator or start)
  std::uint32_t depth = 1;   // levels of nesting, for the recursion limit
  std::int32_t a = -1, b = -1, c = -1;
  std::vector<std::int32_t> items;
  Value value;
  std::string name;
};

struct Ast {
  std::vector<Node> nodes;
  /// The roots: one for an expression; one per comma-separated test for a cell.
  std::vector<std::int32_t> roots;
  /// A cell written not(...): the tests inside are negated as a whole.
  bool negated = false;
  std::uint32_t negation_offset = 0;
};

/// Deeper nesting than this is a parse error (it would exhaust the stack).
inline constexpr std::uint32_t max_depth = 200;

}  // namespace crm::internal::expression
