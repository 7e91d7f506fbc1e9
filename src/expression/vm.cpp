// The stack machine: one switch over flat bytecode, values as ValueViews, no allocation
// except for strings the expression builds (into the caller's scratch).
#include "src/expression/vm.hpp"

#include "crmrules/expression.hpp"
#include "src/core/decimal_raw.hpp"
#include "src/expression/decimal_math.hpp"
#include "src/core/utf8.hpp"
#include "src/expression/temporal_math.hpp"
#include "src/expression/text.hpp"

namespace crm::internal::expression {

bool fail_operands(Failure& f, const Instr& in, ValueKind left, ValueKind right, std::uint8_t argument) {
  f.reason = left == ValueKind::null || right == ValueKind::null ? Failure::Reason::null_operand
                                                                 : Failure::Reason::wrong_kind;
  f.code = f.reason == Failure::Reason::null_operand ? ErrorCode::missing : ErrorCode::type_mismatch;
  f.op = in.op;
  f.offset = in.offset;
  f.left = left;
  f.right = right;
  f.argument = argument;
  return false;
}

bool fail_detail(Failure& f, const Instr& in, ErrorCode code, std::string detail, EvalScratch& scratch) {
  f.reason = Failure::Reason::detail;
  f.code = code;
  f.op = in.op;
  f.offset = in.offset;
  std::string& text = ScratchAccess::failure_text(scratch);
  text = std::move(detail);
  f.detail = &text;
  return false;
}

namespace {

using Reason = Failure::Reason;
using internal::RawDecimal;
using internal::raw_add;
using internal::raw_mul;

/// One operand or argument of the wrong kind.
[[gnu::cold, gnu::noinline]] bool fail_operand(Failure& f, const Instr& in, ValueKind kind, std::uint8_t argument = 0) {
  return fail_operands(f, in, kind, kind == ValueKind::null ? ValueKind::null : kind, argument);
}


[[gnu::cold, gnu::noinline]] bool fail_error(Failure& f, const Instr& in, Error&& e, EvalScratch& scratch) {
  return fail_detail(f, in, e.code, std::move(e.message), scratch);
}

bool is_decimal(const ValueView& v) { return v.kind() == ValueKind::decimal; }

/// Constructs the value in place: assigning a temporary would copy it through memory
/// just after writing it, which stalls store forwarding on the hot path.
template <class T>
[[gnu::always_inline]] inline void put(ValueView* at, const T& v) noexcept {
  ::new (static_cast<void*>(at)) ValueView(v);
}

/// A slot's value: a decimal (what arithmetic and comparisons read) in line, any other
/// kind through ValueView's constructor, which is not inlined.
[[gnu::always_inline]] inline void put(ValueView* at, const Value& v) noexcept {
  if (v.kind() == ValueKind::decimal) [[likely]]
    ::new (static_cast<void*>(at)) ValueView(v.as_decimal());
  else
    ::new (static_cast<void*>(at)) ValueView(v);
}

/// Copies the held value only (not the whole 48 bytes): a value written a moment ago
/// is then read back with the same widths it was written with.
[[gnu::always_inline]] inline void copy_to(ValueView* at, const ValueView& v) noexcept {
  switch (v.kind()) {
    case ValueKind::null: put(at, nullptr); break;
    case ValueKind::boolean: put(at, v.as_bool()); break;
    case ValueKind::decimal: put(at, v.as_decimal()); break;
    case ValueKind::string: put(at, v.as_string()); break;
    case ValueKind::date: put(at, v.as_date()); break;
    case ValueKind::list: put(at, v.as_list()); break;
    case ValueKind::time: put(at, v.as_time()); break;
    case ValueKind::date_time: put(at, v.as_date_time()); break;
    case ValueKind::days_duration: put(at, v.as_days_duration()); break;
    case ValueKind::months_duration: put(at, v.as_months_duration()); break;
  }
}

/// A time or date-time with an offset against one without: FEEL gives no order.
[[gnu::cold, gnu::noinline]] bool fail_offsets(Failure& f, const Instr& in, ValueKind kind) {
  static const std::string times =
      "a time with a UTC offset and a time without one have no order (give both an offset, or neither)";
  static const std::string date_times =
      "a date and time with a UTC offset and one without have no order (give both an offset, or neither)";
  f.reason = Reason::detail;
  f.code = ErrorCode::type_mismatch;
  f.op = in.op;
  f.offset = in.offset;
  f.detail = kind == ValueKind::time ? &times : &date_times;
  return false;
}

/// a <=> b for the kinds other than decimals and dates (out of the hot path).
[[gnu::noinline]] bool order_temporal(const ValueView& a, const ValueView& b, const Instr& in, Failure& f,
                                      int& result) {
  const auto sign = [](auto c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); };
  if (a.kind() != b.kind()) return fail_operands(f, in, a.kind(), b.kind());
  switch (a.kind()) {
    case ValueKind::time: {
      const auto c = compare(a.as_time(), b.as_time());
      if (!c) return fail_offsets(f, in, ValueKind::time);
      result = *c;
      return true;
    }
    case ValueKind::date_time: {
      const auto c = compare(a.as_date_time(), b.as_date_time());
      if (!c) return fail_offsets(f, in, ValueKind::date_time);
      result = *c;
      return true;
    }
    case ValueKind::days_duration: result = sign(a.as_days_duration() <=> b.as_days_duration()); return true;
    case ValueKind::months_duration: result = sign(a.as_months_duration() <=> b.as_months_duration()); return true;
    default: return fail_operands(f, in, a.kind(), b.kind());
  }
}

/// The left operand a *_const instruction loads itself (see load_slot, load_input).
[[gnu::always_inline]] inline void load(ValueView*& sp, const Instr& in, std::span<const Value> slots,
                                       const ValueView& input) {
  if (in.flags & load_slot) put(sp++, slots[in.arg2]);
  else if (in.flags & load_input) copy_to(sp++, input);
}

/// The operands a binary instruction loads itself (see load_slots).
[[gnu::always_inline]] inline void load_both(ValueView*& sp, const Instr& in, std::span<const Value> slots) {
  if (in.flags & load_slots) {
    put(sp++, slots[in.arg2]);
    put(sp++, slots[in.arg]);
  }
}

/// a <=> b for two decimals or two dates; false (failure set) otherwise.
inline bool order(const ValueView& a, const ValueView& b, const Instr& in, Failure& f, int& result) {
  if (a.kind() == ValueKind::decimal && b.kind() == ValueKind::decimal) {
    const auto c = a.as_decimal() <=> b.as_decimal();
    result = c < 0 ? -1 : (c > 0 ? 1 : 0);
    return true;
  }
  if (a.kind() == ValueKind::date && b.kind() == ValueKind::date) {
    result = a.as_date().days() < b.as_date().days() ? -1 : (a.as_date().days() > b.as_date().days() ? 1 : 0);
    return true;
  }
  return order_temporal(a, b, in, f, result);
}

inline bool compare_result(Op op, int c) {
  switch (op) {
    case Op::lt: case Op::lt_const: return c < 0;
    case Op::le: case Op::le_const: return c <= 0;
    case Op::gt: case Op::gt_const: return c > 0;
    default: return c >= 0;
  }
}

/// Puts a decimal result in place, or records its error.
inline bool store(ValueView& at, expected<Decimal>&& r, const Instr& in, Failure& f, EvalScratch& scratch) {
  if (!r) [[unlikely]]
    return fail_error(f, in, std::move(r.error()), scratch);
  put(&at, *r);
  return true;
}

/// a <op> b through Decimal, for what the raw path leaves: its errors, a product it
/// would round, division.
template <Op op>
[[gnu::noinline]] bool decimal_op_slow(ValueView& a, const ValueView& b, const Instr& in, Failure& f,
                                       EvalScratch& scratch) {
  const Decimal x = a.as_decimal();
  const Decimal y = b.as_decimal();
  if constexpr (op == Op::add) return store(a, x.add(y), in, f, scratch);
  else if constexpr (op == Op::sub) return store(a, x.sub(y), in, f, scratch);
  else if constexpr (op == Op::mul) return store(a, x.mul(y), in, f, scratch);
  else return store(a, x.div(y), in, f, scratch);
}

/// The operations on two decimals, kept small so that each inlines into the loop. + - *
/// compute in registers (RawDecimal gives exactly Decimal's result and fails where it
/// would fail or round): an expected<Decimal> built in memory and read back at once
/// would stall store forwarding on every operation.
template <Op op>
inline bool decimal_op(ValueView& a, const ValueView& b, const Instr& in, Failure& f, EvalScratch& scratch) {
  if constexpr (op == Op::div) {
    return decimal_op_slow<op>(a, b, in, f, scratch);
  } else {
    const RawDecimal x = RawDecimal::of(a.decimal_ref());
    const RawDecimal y = RawDecimal::of(b.decimal_ref());
    RawDecimal r;
    bool ok;
    if constexpr (op == Op::add) ok = raw_add(x, y, r);
    else if constexpr (op == Op::sub) ok = raw_add(x, y.negate(), r);
    else ok = raw_mul(x, y, r);
    if (!ok) [[unlikely]]
      return decimal_op_slow<op>(a, b, in, f, scratch);
    put(&a, r.to_decimal());
    return true;
  }
}

/// a <op> b when not both are decimals: + joins strings; anything else fails.
[[gnu::noinline]] bool arithmetic_other(Op op, ValueView& a, const ValueView& b, const Instr& in, Failure& f,
                                        EvalScratch& scratch) {
  if ((op == Op::add || op == Op::add_const) && a.kind() == ValueKind::string && b.kind() == ValueKind::string) {
    std::string& s = ScratchAccess::next_string(scratch);
    s.reserve(a.as_string().size() + b.as_string().size());
    s.append(a.as_string());
    s.append(b.as_string());
    put(&a, std::string_view(s));
    return true;
  }
  const bool add = op == Op::add || op == Op::add_const, sub = op == Op::sub || op == Op::sub_const;
  if ((add || sub) && is_temporal(a.kind()) && is_temporal(b.kind())) {
    ValueView r;
    ErrorCode code = ErrorCode::ok;
    std::string message;
    if (!temporal_arithmetic(sub, a, b, r, code, message)) return fail_detail(f, in, code, std::move(message), scratch);
    copy_to(&a, r);
    return true;
  }
  return fail_operands(f, in, a.kind(), b.kind());
}

/// a <op> b: decimals inline, everything else (strings, errors) out of line.
template <Op op>
inline bool arithmetic(ValueView& a, const ValueView& b, const Instr& in, Failure& f, EvalScratch& scratch) {
  if (is_decimal(a) && is_decimal(b)) [[likely]]
    return decimal_op<op>(a, b, in, f, scratch);
  return arithmetic_other(op, a, b, in, f, scratch);
}

/// time(text), date_time(text), duration(text): the value in place of its text.
[[gnu::noinline]] bool temporal(ValueView& at, const Instr& in, Failure& f, EvalScratch& scratch) {
  const std::string_view text = at.as_string();
  auto done = [&](auto&& parsed) {
    if (!parsed) return fail_error(f, in, std::move(parsed.error()), scratch);
    put(&at, *parsed);
    return true;
  };
  if (in.op == Op::fn_time) return done(Time::parse(text));
  if (in.op == Op::fn_date_time) return done(DateTime::parse(text));
  // duration: years and months ("P1Y2M") or days and time ("P1DT2H"), by the text
  const std::size_t p = text.find('P');
  const std::string_view body = p == std::string_view::npos ? text : text.substr(p);
  if (body.find_first_of("DT") == std::string_view::npos && body.find_first_of("YM") != std::string_view::npos)
    return done(MonthsDuration::parse(text));
  return done(DaysDuration::parse(text));
}

inline bool in_range(const ValueView& x, const ValueView& lo, const ValueView& hi, std::uint8_t flags, const Instr& in,
                     Failure& f, bool& result) {
  int c_lo = 0, c_hi = 0;
  if (x.kind() == ValueKind::null) return fail_operands(f, in, ValueKind::null, ValueKind::null);
  if (!order(x, lo, in, f, c_lo) || !order(x, hi, in, f, c_hi)) return false;
  const bool inside = ((flags & 1) ? c_lo >= 0 : c_lo > 0) && ((flags & 2) ? c_hi <= 0 : c_hi < 0);
  result = inside != ((flags & 4) != 0);
  return true;
}

/// run()'s body, in line in Expression::evaluate below (the hot path of every guard,
/// effect and decision), so that an evaluation makes one call, not two.
[[gnu::always_inline]] inline bool execute(const Instr* code, std::size_t size, const ValueView* constants,
                                           std::span<const Value> slots, const ValueView& input, EvalScratch& scratch,
                                           std::size_t max_stack, ValueView& out, Failure& f) {
  ValueView* const base = ScratchAccess::stack(scratch, max_stack);
  ValueView* sp = base;  // the next free entry
  for (std::size_t pc = 0; pc < size; ++pc) {
    const Instr& in = code[pc];
    switch (in.op) {
      case Op::push_const: *sp++ = constants[in.arg]; break;
      case Op::push_slot: put(sp++, slots[in.arg]); break;
      case Op::push_input: copy_to(sp++, input); break;

      case Op::neg:
        if (!is_decimal(sp[-1])) return fail_operand(f, in, sp[-1].kind());
        put(&sp[-1], sp[-1].as_decimal().negate());
        break;
      case Op::pos:
        if (!is_decimal(sp[-1])) return fail_operand(f, in, sp[-1].kind());
        break;

      case Op::add:
        load_both(sp, in, slots);
        --sp;
        if (!arithmetic<Op::add>(sp[-1], sp[0], in, f, scratch)) return false;
        break;
      case Op::sub:
        load_both(sp, in, slots);
        --sp;
        if (!arithmetic<Op::sub>(sp[-1], sp[0], in, f, scratch)) return false;
        break;
      case Op::mul:
        load_both(sp, in, slots);
        --sp;
        if (!arithmetic<Op::mul>(sp[-1], sp[0], in, f, scratch)) return false;
        break;
      case Op::div:
        load_both(sp, in, slots);
        --sp;
        if (!arithmetic<Op::div>(sp[-1], sp[0], in, f, scratch)) return false;
        break;
      case Op::add_const:
        load(sp, in, slots, input);
        if (!arithmetic<Op::add>(sp[-1], constants[in.arg], in, f, scratch)) return false;
        break;
      case Op::sub_const:
        load(sp, in, slots, input);
        if (!arithmetic<Op::sub>(sp[-1], constants[in.arg], in, f, scratch)) return false;
        break;
      case Op::mul_const:
        load(sp, in, slots, input);
        if (!arithmetic<Op::mul>(sp[-1], constants[in.arg], in, f, scratch)) return false;
        break;
      case Op::div_const:
        load(sp, in, slots, input);
        if (!arithmetic<Op::div>(sp[-1], constants[in.arg], in, f, scratch)) return false;
        break;
      case Op::mod: case Op::pow: {
        load_both(sp, in, slots);
        --sp;
        ValueView& a = sp[-1];
        const ValueView& b = sp[0];
        if (!is_decimal(a) || !is_decimal(b)) return fail_operands(f, in, a.kind(), b.kind());
        auto r = in.op == Op::mod ? decimal_mod(a.as_decimal(), b.as_decimal())
                                  : decimal_pow(a.as_decimal(), b.as_decimal());
        if (!r) return fail_error(f, in, std::move(r.error()), scratch);
        put(&a, *r);
        break;
      }

      case Op::eq: case Op::ne:
        load_both(sp, in, slots);
        --sp;
        put(&sp[-1], (sp[-1] == sp[0]) == (in.op == Op::eq));
        break;
      case Op::eq_const: case Op::ne_const:
        load(sp, in, slots, input);
        put(&sp[-1], (sp[-1] == constants[in.arg]) == (in.op == Op::eq_const));
        break;
      case Op::lt: case Op::le: case Op::gt: case Op::ge: {
        load_both(sp, in, slots);
        --sp;
        int c = 0;
        if (!order(sp[-1], sp[0], in, f, c)) return false;
        put(&sp[-1], compare_result(in.op, c));
        break;
      }
      case Op::lt_const: case Op::le_const: case Op::gt_const: case Op::ge_const: {
        load(sp, in, slots, input);
        int c = 0;
        if (!order(sp[-1], constants[in.arg], in, f, c)) return false;
        put(&sp[-1], compare_result(in.op, c));
        break;
      }

      case Op::not_:
        if (sp[-1].kind() != ValueKind::boolean) return fail_operand(f, in, sp[-1].kind());
        put(&sp[-1], !sp[-1].as_bool());
        break;
      case Op::and_: case Op::or_:
        if (sp[-1].kind() != ValueKind::boolean) return fail_operand(f, in, sp[-1].kind(), 1);
        if (sp[-1].as_bool() == (in.op == Op::or_)) pc += in.arg;  // decided: keep it
        else --sp;
        break;
      case Op::check_bool:  // flags: 1 after and, 2 after or, 3 after a cell's comma
        if (sp[-1].kind() != ValueKind::boolean) return fail_operand(f, in, sp[-1].kind(), in.flags);
        break;
      case Op::jump: pc += in.arg; break;
      case Op::jump_if_false:
        --sp;
        if (sp[0].kind() != ValueKind::boolean) return fail_operand(f, in, sp[0].kind());
        if (!sp[0].as_bool()) pc += in.arg;
        break;
      case Op::coalesce:
        if (!sp[-1].is_null()) pc += in.arg;
        else --sp;
        break;

      case Op::in_list: {
        sp -= in.arg;
        const ValueView& x = sp[-1];
        bool found = false;
        for (std::uint32_t k = 0; k < in.arg && !found; ++k) found = x == sp[k];
        put(&sp[-1], found != ((in.flags & 1) != 0));
        break;
      }
      case Op::in_consts: {
        const ValueView& x = sp[-1];
        bool found = false;
        for (std::uint32_t k = 0; k < in.arg2 && !found; ++k) found = x == constants[in.arg + k];
        put(&sp[-1], found != ((in.flags & 1) != 0));
        break;
      }
      case Op::in_range: {
        sp -= 2;
        bool r = false;
        if (!in_range(sp[-1], sp[0], sp[1], in.flags, in, f, r)) return false;
        put(&sp[-1], r);
        break;
      }
      case Op::in_const_range: {
        bool r = false;
        if (!in_range(sp[-1], constants[in.arg], constants[in.arg + 1], in.flags, in, f, r)) return false;
        put(&sp[-1], r);
        break;
      }

      case Op::fn_min: case Op::fn_max: {
        sp -= in.arg;
        const ValueView* best = &sp[0];
        if (best->kind() == ValueKind::null || best->kind() == ValueKind::boolean ||
            best->kind() == ValueKind::string || best->kind() == ValueKind::list)
          return fail_operand(f, in, best->kind(), 1);
        for (std::uint32_t k = 1; k < in.arg; ++k) {
          int c = 0;
          if (sp[k].kind() != best->kind()) return fail_operand(f, in, sp[k].kind(), static_cast<std::uint8_t>(k + 1));
          if (!order(sp[k], *best, in, f, c)) return false;
          if (in.op == Op::fn_min ? c < 0 : c > 0) best = &sp[k];
        }
        if (best != sp) copy_to(sp, *best);
        ++sp;
        break;
      }
      case Op::fn_abs:
        if (!is_decimal(sp[-1])) return fail_operand(f, in, sp[-1].kind(), 1);
        put(&sp[-1], sp[-1].as_decimal().abs());
        break;
      case Op::fn_floor: case Op::fn_ceil: case Op::fn_round: {
        if (!is_decimal(sp[-1])) return fail_operand(f, in, sp[-1].kind(), 1);
        const Decimal x = sp[-1].as_decimal();
        auto r = in.op == Op::fn_round ? round_half_away(x, 0)
                                       : x.round(0, in.op == Op::fn_floor ? Rounding::floor : Rounding::ceiling);
        if (!r) return fail_error(f, in, std::move(r.error()), scratch);
        put(&sp[-1], *r);
        break;
      }
      case Op::fn_round_digits: {
        --sp;
        const ValueView& x = sp[-1];
        const ValueView& d = sp[0];
        if (!is_decimal(x)) return fail_operand(f, in, x.kind(), 1);
        if (!is_decimal(d)) return fail_operand(f, in, d.kind(), 2);
        const Decimal digits = d.as_decimal();
        if (!digits.is_integer() || digits.sign() < 0)
          return fail_detail(f, in, ErrorCode::out_of_range,
                             "round: the number of digits must be a whole number of 0 or more, not " +
                                 digits.to_string(),
                             scratch);
        const int n = digits > Decimal::from_int(Decimal::max_scale)
                          ? Decimal::max_scale
                          : static_cast<int>(digits.coefficient() / static_cast<int128>(pow10[digits.scale()]));
        // round's own mode (arg 0), or a crm::Rounding (1 + it); no padding either way.
        const Decimal v = x.as_decimal();
        auto r = in.arg == 0 ? round_half_away(v, n)
                 : v.scale() <= n ? expected<Decimal>(v)
                                  : v.round(n, static_cast<Rounding>(in.arg - 1));
        if (!r) return fail_error(f, in, std::move(r.error()), scratch);
        put(&sp[-1], *r);
        break;
      }
      case Op::fn_clamp: {
        sp -= 2;
        const ValueView& x = sp[-1];
        for (int k = -1; k <= 1; ++k)
          if (!is_decimal(sp[k])) return fail_operand(f, in, sp[k].kind(), static_cast<std::uint8_t>(k + 2));
        const Decimal lo = sp[0].as_decimal(), hi = sp[1].as_decimal();
        if (lo > hi)
          return fail_detail(f, in, ErrorCode::out_of_range,
                             "clamp: the low bound " + lo.to_string() + " is above the high bound " + hi.to_string(),
                             scratch);
        if (x.as_decimal() < lo) put(&sp[-1], lo);
        else if (x.as_decimal() > hi) put(&sp[-1], hi);
        break;
      }
      case Op::fn_log10: case Op::fn_sqrt: {
        if (!is_decimal(sp[-1])) return fail_operand(f, in, sp[-1].kind(), 1);
        auto r = in.op == Op::fn_log10 ? decimal_log10(sp[-1].as_decimal()) : decimal_sqrt(sp[-1].as_decimal());
        if (!r) return fail_error(f, in, std::move(r.error()), scratch);
        put(&sp[-1], *r);
        break;
      }
      case Op::fn_len:
        if (sp[-1].kind() != ValueKind::string) return fail_operand(f, in, sp[-1].kind(), 1);
        put(&sp[-1], Decimal::from_int(static_cast<std::int64_t>(count_code_points(sp[-1].as_string()))));
        break;
      case Op::fn_len_list:
        sp -= in.arg;
        put(sp++, Decimal::from_int(in.arg));
        break;
      case Op::fn_contains:
        --sp;
        if (sp[-1].kind() != ValueKind::string) return fail_operand(f, in, sp[-1].kind(), 1);
        if (sp[0].kind() != ValueKind::string) return fail_operand(f, in, sp[0].kind(), 2);
        put(&sp[-1], find_text(sp[-1].as_string(), sp[0].as_string()) != std::string_view::npos);
        break;
      case Op::fn_contains_list: {
        const ValueView needle = *--sp;
        sp -= in.arg;
        bool found = false;
        for (std::uint32_t k = 0; k < in.arg && !found; ++k) found = sp[k] == needle;
        put(sp++, found);
        break;
      }
      case Op::fn_upper: case Op::fn_lower: {
        if (sp[-1].kind() != ValueKind::string) return fail_operand(f, in, sp[-1].kind(), 1);
        std::string& s = ScratchAccess::next_string(scratch);
        if (in.op == Op::fn_upper) append_upper(sp[-1].as_string(), s);
        else append_lower(sp[-1].as_string(), s);
        put(&sp[-1], std::string_view(s));
        break;
      }
      case Op::fn_string: {
        const ValueView& x = sp[-1];
        if (x.kind() == ValueKind::string) break;
        std::string& s = ScratchAccess::next_string(scratch);
        if (x.kind() == ValueKind::decimal) s = x.as_decimal().to_string();
        else if (x.kind() == ValueKind::boolean) s = x.as_bool() ? "true" : "false";
        else if (x.kind() == ValueKind::date) s = x.as_date().to_string();
        else if (is_temporal(x.kind())) s = x.to_string();  // ISO 8601, as FEEL's string() writes it
        else return fail_operand(f, in, x.kind(), 1);
        put(&sp[-1], std::string_view(s));
        break;
      }
      case Op::make_list: case Op::in_value_list: case Op::fn_flatten:
        if (!run_list_op(sp, in, scratch, f)) return false;
        break;
      case Op::fn_starts_with: case Op::fn_ends_with: case Op::fn_substring_before: case Op::fn_substring_after:
      case Op::fn_substring: case Op::fn_substring_from:
        if (!run_text_op(sp, in, scratch, f)) return false;
        break;
      case Op::fn_date: {
        if (sp[-1].kind() != ValueKind::string) return fail_operand(f, in, sp[-1].kind(), 1);
        auto d = Date::parse(sp[-1].as_string());
        if (!d) return fail_error(f, in, std::move(d.error()), scratch);
        put(&sp[-1], *d);
        break;
      }
      case Op::fn_time: case Op::fn_date_time: case Op::fn_duration: {
        if (sp[-1].kind() != ValueKind::string) return fail_operand(f, in, sp[-1].kind(), 1);
        if (!temporal(sp[-1], in, f, scratch)) return false;
        break;
      }
    }
  }
  copy_to(&out, sp[-1]);
  return true;
}

}  // namespace

bool run(const Instr* code, std::size_t size, const ValueView* constants, std::span<const Value> slots,
         const ValueView& input, EvalScratch& scratch, std::size_t max_stack, ValueView& out, Failure& failure) {
  return execute(code, size, constants, slots, input, scratch, max_stack, out, failure);
}

std::string_view op_name(Op op) noexcept {
  switch (op) {
    case Op::push_const: case Op::push_slot: case Op::push_input: return "value";
    case Op::neg: return "-";
    case Op::pos: return "+";
    case Op::add: case Op::add_const: return "+";
    case Op::sub: case Op::sub_const: return "-";
    case Op::mul: case Op::mul_const: return "*";
    case Op::div: case Op::div_const: return "/";
    case Op::mod: return "%";
    case Op::pow: return "^";
    case Op::eq: case Op::eq_const: return "==";
    case Op::ne: case Op::ne_const: return "!=";
    case Op::lt: case Op::lt_const: return "<";
    case Op::le: case Op::le_const: return "<=";
    case Op::gt: case Op::gt_const: return ">";
    case Op::ge: case Op::ge_const: return ">=";
    case Op::not_: return "not";
    case Op::and_: return "and";
    case Op::or_: return "or";
    case Op::check_bool: return "and";
    case Op::jump: case Op::jump_if_false: return "?:";
    case Op::coalesce: return "??";
    case Op::in_list: case Op::in_consts: case Op::in_range: case Op::in_const_range: return "in";
    case Op::fn_min: return "min";
    case Op::fn_max: return "max";
    case Op::fn_abs: return "abs";
    case Op::fn_round: case Op::fn_round_digits: return "round";
    case Op::fn_floor: return "floor";
    case Op::fn_ceil: return "ceil";
    case Op::fn_clamp: return "clamp";
    case Op::fn_log10: return "log10";
    case Op::fn_sqrt: return "sqrt";
    case Op::fn_len: case Op::fn_len_list: return "len";
    case Op::fn_contains: case Op::fn_contains_list: return "contains";
    case Op::fn_upper: return "upper";
    case Op::fn_lower: return "lower";
    case Op::fn_date: return "date";
    case Op::fn_string: return "string";
    case Op::make_list: return "[]";
    case Op::in_value_list: return "in";
    case Op::fn_flatten: return "flatten";
    case Op::fn_starts_with: return "starts_with";
    case Op::fn_ends_with: return "ends_with";
    case Op::fn_substring_before: return "substring_before";
    case Op::fn_substring_after: return "substring_after";
    case Op::fn_substring: case Op::fn_substring_from: return "substring";
    case Op::fn_time: return "time";
    case Op::fn_date_time: return "date_time";
    case Op::fn_duration: return "duration";
  }
  return "?";
}

namespace {

bool is_function(Op op) { return op >= Op::fn_min; }

std::string a_kind(ValueKind k) {
  switch (k) {
    case ValueKind::null: return "null";
    case ValueKind::boolean: return "a bool";
    case ValueKind::decimal: return "a decimal";
    case ValueKind::string: return "a string";
    case ValueKind::date: return "a date";
    case ValueKind::list: return "a list";
    case ValueKind::time: return "a time";
    case ValueKind::date_time: return "a date and time";
    case ValueKind::days_duration: return "a days and time duration";
    case ValueKind::months_duration: return "a years and months duration";
  }
  return "a value";
}

}  // namespace

Error to_error(const Failure& f) {
  std::string name(op_name(f.op));
  if (f.op == Op::check_bool) name = f.argument == 1 ? "and" : f.argument == 2 ? "or" : ",";
  std::string message;
  switch (f.reason) {
    case Failure::Reason::detail:
      if (f.detail) message = *f.detail;
      break;
    case Failure::Reason::null_operand:
      if (is_function(f.op))
        message = name + ": argument " + std::to_string(f.argument) + " is null";
      else if (f.op == Op::jump_if_false)
        message = "the condition of '? :' is null";
      else if (f.op == Op::and_ || f.op == Op::or_ || f.op == Op::check_bool || f.op == Op::not_)
        message = "an operand of '" + name + "' is null";
      else
        message = "an operand of '" + name + "' is null";
      message += ": a value is missing (give a default with ??, e.g. x ?? 0)";
      break;
    case Failure::Reason::wrong_kind:
      if (is_function(f.op)) {
        message = name + ": argument " + std::to_string(f.argument) + " is " + a_kind(f.left) + ", which " + name +
                  " does not take";
      } else if (f.op == Op::jump_if_false) {
        message = "the condition of '? :' is " + a_kind(f.left) + ", not a bool";
      } else if (f.op == Op::and_ || f.op == Op::or_ || f.op == Op::check_bool || f.op == Op::not_) {
        message = "'" + name + "' needs true or false, not " + a_kind(f.left);
      } else if (f.op == Op::neg || f.op == Op::pos) {
        message = "unary '" + name + "' needs a decimal, not " + a_kind(f.left);
      } else {
        message = "'" + name + "' cannot take " + a_kind(f.left) + " and " + a_kind(f.right);
      }
      break;
  }
  return Error{f.code, std::move(message), Location::at_offset(f.offset)};
}

}  // namespace crm::internal::expression

namespace crm {

namespace {

[[gnu::cold, gnu::noinline]] unexpected too_few_slots(std::size_t needed, std::size_t given) {
  return fail(ErrorCode::invalid_argument, "the expression reads slot " + std::to_string(needed - 1) + " but only " +
                                               std::to_string(given) + " values were given");
}

[[gnu::cold, gnu::noinline]] unexpected failed(const internal::expression::Failure& failure) {
  return unexpected(internal::expression::to_error(failure));
}

constexpr ValueView no_input;

}  // namespace

// Here rather than in expression.cpp: the VM runs in line in it.
expected<void> Expression::evaluate(std::span<const Value> slots, EvalScratch& scratch, ValueView& out) const {
  // The hot path of every decision, guard and effect: the errors are built out of line.
  using namespace internal::expression;
  const Program& p = *program_;
  if (slots.size() < p.slot_count) [[unlikely]]
    return too_few_slots(p.slot_count, slots.size());
  ScratchAccess::reset_strings(scratch);
  Failure failure;
  if (!execute(p.code.data(), p.code.size(), p.constants.data(), slots, no_input, scratch, p.max_stack, out, failure))
      [[unlikely]]
    return failed(failure);
  return {};
}

}  // namespace crm
