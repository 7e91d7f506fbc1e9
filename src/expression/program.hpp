// Private: the compiled form of an expression or a cell: flat bytecode for a stack machine.
//
// Each instruction pops its operands and pushes its result; jumps are relative (`arg`
// instructions forward), so any slice of code that leaves one value can run alone (the
// compiler uses this to fold constants). `offset` is the byte offset in the source that
// an error of this instruction reports.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "crmrules/interval.hpp"
#include "crmrules/type.hpp"
#include "crmrules/unary_test.hpp"
#include "crmrules/value_view.hpp"

namespace crm::internal::expression {

enum class Op : std::uint8_t {
  push_const,  // arg: constant index
  push_slot,   // arg: slot
  push_input,  // the cell's $
  neg,
  pos,  // unary plus: checks for a decimal
  add, sub, mul, div, mod, pow,
  eq, ne, lt, le, gt, ge,
  // superinstructions: <op> with a constant right operand (arg: constant index); with
  // flags & load_slot the left operand is slot arg2, with flags & load_input it is $
  // (pushed first), so `x * 0.15` and a cell's `>= 85` are one instruction each
  add_const, sub_const, mul_const, div_const,
  lt_const, le_const, gt_const, ge_const, eq_const, ne_const,
  not_,
  and_,           // top false: keep it and jump arg; true: pop; else fail
  or_,            // top true: keep it and jump arg; false: pop; else fail
  check_bool,     // the top must be a boolean
  jump,           // jump arg
  jump_if_false,  // pop; false: jump arg; true: go on; else fail
  coalesce,       // top not null: jump arg (keeping it); null: pop
  in_list,        // arg: n; pops n items and x; flags & 1: negated
  in_consts,      // arg: first constant, arg2: count; pops x; flags & 1: negated
  in_range,       // pops hi, lo, x; flags: 1 low closed, 2 high closed, 4 negated
  in_const_range, // arg: constant of lo (hi follows); pops x; flags as in_range
  make_list,      // arg: n; pops n items, pushes the list of them (src/expression/lists.cpp)
  in_value_list,  // pops a list and x: x equals an element; flags & 1: negated
  fn_min, fn_max, // arg: n items
  fn_abs, fn_round, fn_round_digits, fn_floor, fn_ceil, fn_clamp, fn_log10, fn_sqrt,
  fn_len, fn_len_list,  // fn_len_list: arg n items
  fn_contains, fn_contains_list,  // fn_contains_list: arg n items, then the needle
  fn_upper, fn_lower, fn_date,
  fn_string,  // string(x)
  fn_flatten,  // flatten(list)
  fn_time, fn_date_time, fn_duration,  // text to a time, a date-time, a duration of either kind
  fn_starts_with, fn_ends_with, fn_substring_before, fn_substring_after,
  fn_substring, fn_substring_from,  // substring(text, start, length); substring(text, start)
};

/// Instr::flags of the *_const instructions.
inline constexpr std::uint8_t load_slot = 0x40;
inline constexpr std::uint8_t load_input = 0x80;
/// Instr::flags of the binary instructions (add .. ge, mod, pow): both operands are
/// slots, pushed first (left arg2, right arg), so `total + event.amount` is one instruction.
inline constexpr std::uint8_t load_slots = 0x20;

struct Instr {
  Op op = Op::push_const;
  std::uint8_t flags = 0;
  std::uint16_t unused = 0;
  std::uint32_t arg = 0;
  std::uint32_t arg2 = 0;
  std::uint32_t offset = 0;
};

/// The name an error uses for the instruction: "+", "<", "round", ...
std::string_view op_name(Op op) noexcept;

struct Program {
  std::string text;
  std::vector<Instr> code;
  std::vector<ValueView> constants;
  std::deque<std::string> strings;  // characters of string constants; a deque never moves them
  std::deque<Value> lists;          // elements of list constants
  std::uint32_t max_stack = 1;
  std::uint32_t slot_count = 0;     // one past the highest slot read
  std::vector<std::uint32_t> slots_used;
  Type result_type = Type::any;

  Program() = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
};

struct TestProgram {
  Program program;  // leaves a boolean; empty code for `-`
  Type input_type = Type::any;
  bool any = false;
  std::optional<IntervalSet> intervals;
  std::optional<ConstantSet> constants;
  std::optional<bool> null_matches;
};

}  // namespace crm::internal::expression
