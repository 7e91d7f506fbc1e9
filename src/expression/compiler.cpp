// The compiler: resolves names to slots, checks types where they are known, folds
// constant parts (running them on the VM), and emits flat bytecode with relative jumps.
#include "src/expression/compiler.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "src/expression/temporal_math.hpp"
#include "src/expression/vm.hpp"
#include "src/core/suggest.hpp"

namespace crm::internal::expression {
namespace {

SType stype(Type t) {
  switch (t) {
    case Type::boolean: return SType::boolean;
    case Type::decimal: return SType::decimal;
    case Type::string: return SType::string;
    case Type::date: return SType::date;
    case Type::list: return SType::list;
    case Type::time: return SType::time;
    case Type::date_time: return SType::date_time;
    case Type::days_duration: return SType::days_duration;
    case Type::months_duration: return SType::months_duration;
    case Type::any: break;
  }
  return SType::any;
}

SType stype(ValueKind k) {
  switch (k) {
    case ValueKind::null: return SType::null;
    case ValueKind::boolean: return SType::boolean;
    case ValueKind::decimal: return SType::decimal;
    case ValueKind::string: return SType::string;
    case ValueKind::date: return SType::date;
    case ValueKind::list: return SType::list;
    case ValueKind::time: return SType::time;
    case ValueKind::date_time: return SType::date_time;
    case ValueKind::days_duration: return SType::days_duration;
    case ValueKind::months_duration: return SType::months_duration;
  }
  return SType::any;
}

Type public_type(SType t) {
  switch (t) {
    case SType::boolean: return Type::boolean;
    case SType::decimal: return Type::decimal;
    case SType::string: return Type::string;
    case SType::date: return Type::date;
    case SType::list: return Type::list;
    case SType::time: return Type::time;
    case SType::date_time: return Type::date_time;
    case SType::days_duration: return Type::days_duration;
    case SType::months_duration: return Type::months_duration;
    default: return Type::any;
  }
}

std::string a_type(SType t) {
  switch (t) {
    case SType::any: return "a value";
    case SType::boolean: return "a bool";
    case SType::decimal: return "a decimal";
    case SType::string: return "a string";
    case SType::date: return "a date";
    case SType::null: return "null";
    case SType::list: return "a list";
    case SType::time: return "a time";
    case SType::date_time: return "a date and time";
    case SType::days_duration: return "a days and time duration";
    case SType::months_duration: return "a years and months duration";
  }
  return "a value";
}

/// The types < <= > >= and ranges order: decimals, dates, times, date-times, durations.
bool orderable(SType t) { return t != SType::boolean && t != SType::string && t != SType::list; }

/// Known: neither any nor null (null is checked when the constant is folded).
bool known(SType t) { return t != SType::any && t != SType::null; }

SType join(SType a, SType b) {
  if (a == b) return a;
  if (a == SType::null) return b;
  if (b == SType::null) return a;
  return SType::any;
}

struct Function {
  std::string_view name;
  int min_args, max_args;
  std::string_view usage;
};

constexpr std::array<Function, 25> functions = {{
    {"abs", 1, 1, "abs(x)"},
    {"ceil", 1, 1, "ceil(x)"},
    {"clamp", 3, 3, "clamp(x, low, high)"},
    {"contains", 2, 2, "contains(text, part) or contains([a, b], x)"},
    {"date", 1, 1, "date('YYYY-MM-DD')"},
    {"date_time", 1, 1, "date_time('YYYY-MM-DDThh:mm:ss')"},
    {"duration", 1, 1, "duration('P1DT2H') or duration('P1Y2M')"},
    {"ends_with", 2, 2, "ends_with(text, suffix)"},
    {"flatten", 1, 1, "flatten(list)"},
    {"floor", 1, 1, "floor(x)"},
    {"len", 1, 1, "len(text) or len([a, b])"},
    {"log10", 1, 1, "log10(x)"},
    {"lower", 1, 1, "lower(text)"},
    {"max", 1, 1, "max([a, b, ...])"},
    {"min", 1, 1, "min([a, b, ...])"},
    {"pow", 2, 2, "pow(base, exponent)"},
    {"round", 1, 3, "round(x), round(x, digits) or round(x, digits, 'half_even')"},
    {"sqrt", 1, 1, "sqrt(x)"},
    {"starts_with", 2, 2, "starts_with(text, prefix)"},
    {"string", 1, 1, "string(x)"},
    {"substring", 2, 3, "substring(text, start) or substring(text, start, length)"},
    {"substring_after", 2, 2, "substring_after(text, match)"},
    {"substring_before", 2, 2, "substring_before(text, match)"},
    {"time", 1, 1, "time('hh:mm:ss')"},
    {"upper", 1, 1, "upper(text)"},
}};

const Function* find_function(std::string_view name) {
  for (const Function& f : functions)
    if (f.name == name) return &f;
  return nullptr;
}

std::int32_t stack_delta(const Instr& in) {
  switch (in.op) {
    case Op::add_const: case Op::sub_const: case Op::mul_const: case Op::div_const:
    case Op::lt_const: case Op::le_const: case Op::gt_const: case Op::ge_const: case Op::eq_const: case Op::ne_const:
      return (in.flags & (load_slot | load_input)) != 0 ? 1 : 0;
    case Op::push_const: case Op::push_slot: case Op::push_input: return 1;
    case Op::add: case Op::sub: case Op::mul: case Op::div: case Op::mod: case Op::pow:
    case Op::eq: case Op::ne: case Op::lt: case Op::le: case Op::gt: case Op::ge:
      return (in.flags & load_slots) != 0 ? 1 : -1;
    case Op::and_: case Op::or_: case Op::jump_if_false: case Op::coalesce:
    case Op::fn_round_digits: case Op::fn_contains:
    case Op::fn_starts_with: case Op::fn_ends_with: case Op::fn_substring_before: case Op::fn_substring_after:
    case Op::fn_substring_from:
      return -1;
    case Op::fn_substring: return -2;
    case Op::in_list: case Op::fn_contains_list: return -static_cast<std::int32_t>(in.arg);
    case Op::in_range: case Op::fn_clamp: return -2;
    case Op::fn_min: case Op::fn_max: case Op::fn_len_list: case Op::make_list:
      return 1 - static_cast<std::int32_t>(in.arg);
    case Op::in_value_list: return -1;
    default: return 0;
  }
}

class Compiler {
 public:
  Compiler(const Ast& ast, const Scope& scope, Program& program, bool cell, Type input_type)
      : ast_(ast), scope_(scope), p_(program), cell_(cell), input_type_(stype(input_type)) {
    result_.constants.resize(ast.nodes.size());
  }

  struct Info {
    SType type = SType::any;
    bool constant = false;
  };

  std::optional<Error> error;

  CompileResult take_result() { return std::move(result_); }

  bool expression(std::int32_t root) {
    const auto info = compile(root);
    if (!info) return false;
    p_.result_type = public_type(info->type);
    return finish();
  }

  bool tests() {
    for (std::size_t k = 0; k < ast_.roots.size(); ++k) {
      std::size_t jump_at = 0;
      if (k > 0) {
        jump_at = p_.code.size();
        emit(Op::or_, node(ast_.roots[k]).offset);
      }
      if (!test(ast_.roots[k])) return false;
      if (k > 0) {
        emit(Op::check_bool, node(ast_.roots[k]).offset, 0, 3);
        patch(jump_at);
      }
    }
    if (ast_.negated) emit(Op::not_, ast_.negation_offset);
    p_.result_type = Type::boolean;
    return finish();
  }

 private:
  const Node& node(std::int32_t i) const { return ast_.nodes[static_cast<std::size_t>(i)]; }

  bool finish() {
    std::sort(p_.slots_used.begin(), p_.slots_used.end());
    p_.slots_used.erase(std::unique(p_.slots_used.begin(), p_.slots_used.end()), p_.slots_used.end());
    p_.slot_count = p_.slots_used.empty() ? 0 : p_.slots_used.back() + 1;
    p_.max_stack = std::max<std::uint32_t>(1, max_depth_);
    return true;
  }

  // ---- errors -----------------------------------------------------------------------
  std::nullopt_t fail(ErrorCode code, std::uint32_t offset, std::string message) {
    if (!error) error = Error{code, std::move(message), Location::at_offset(offset)};
    return std::nullopt;
  }
  std::nullopt_t mismatch(std::uint32_t offset, std::string message) {
    return fail(ErrorCode::type_mismatch, offset, std::move(message));
  }

  // ---- emitting ----------------------------------------------------------------------
  void emit(Op op, std::uint32_t offset, std::uint32_t arg = 0, std::uint8_t flags = 0, std::uint32_t arg2 = 0) {
    Instr in;
    in.op = op;
    in.offset = offset;
    in.arg = arg;
    in.arg2 = arg2;
    in.flags = flags;
    p_.code.push_back(in);
    depth_ += stack_delta(in);
    max_depth_ = std::max(max_depth_, static_cast<std::uint32_t>(std::max(depth_, 0)));
  }
  /// Points the jump at `at` just past the current end of code.
  void patch(std::size_t at) { p_.code[at].arg = static_cast<std::uint32_t>(p_.code.size() - at - 1); }

  std::uint32_t add_constant(const ValueView& v) {
    if (v.kind() == ValueKind::string) {
      p_.strings.emplace_back(v.as_string());
      p_.constants.emplace_back(std::string_view(p_.strings.back()));
    } else if (v.kind() == ValueKind::list) {
      p_.lists.push_back(v.to_value());
      p_.constants.emplace_back(p_.lists.back());
    } else {
      p_.constants.push_back(v);
    }
    return static_cast<std::uint32_t>(p_.constants.size() - 1);
  }

  /// Emits `op` (a *_const instruction) for the constant k, folding a left operand that
  /// is a lone push_slot / push_input at `left_start` into it.
  void emit_const_op(Op op, std::uint32_t offset, std::uint32_t k, std::size_t left_start) {
    if (p_.code.size() == left_start + 1 &&
        (p_.code.back().op == Op::push_slot || p_.code.back().op == Op::push_input)) {
      const Instr load = p_.code.back();
      p_.code.pop_back();
      --depth_;
      emit(op, offset, k, load.op == Op::push_slot ? load_slot : load_input, load.arg);
      return;
    }
    emit(op, offset, k);
  }

  /// Whether the code from `start` is one push_const (a constant operand).
  bool is_single_const(std::size_t start) const {
    return p_.code.size() == start + 1 && p_.code.back().op == Op::push_const;
  }

  /// Runs the code from `start` (a constant part) and replaces it with its value.
  bool fold(std::size_t start, std::int32_t n) {
    if (is_single_const(start)) {
      result_.constants[static_cast<std::size_t>(n)] = p_.constants[p_.code.back().arg].to_value();
      return true;
    }
    Failure failure;
    ValueView v;
    const std::int32_t depth_before = depth_ - 1;
    if (!run(p_.code.data() + start, p_.code.size() - start, p_.constants.data(), {}, ValueView(), fold_scratch_,
             std::max<std::uint32_t>(1, max_depth_), v, failure)) {
      Error e = to_error(failure);
      error = std::move(e);
      return false;
    }
    p_.code.resize(start);
    depth_ = depth_before;
    const std::uint32_t k = add_constant(v);
    emit(Op::push_const, node(n).offset, k);
    result_.constants[static_cast<std::size_t>(n)] = v.to_value();
    return true;
  }

  // ---- nodes ------------------------------------------------------------------------
  std::optional<Info> compile(std::int32_t n) {
    const Node& nd = node(n);
    const std::size_t start = p_.code.size();
    std::optional<Info> info;
    switch (nd.kind) {
      case NodeKind::literal: {
        emit(Op::push_const, nd.offset, add_constant(ValueView(nd.value)));
        result_.constants[static_cast<std::size_t>(n)] = nd.value;
        return Info{stype(nd.value.kind()), true};
      }
      case NodeKind::field: return field(nd);
      case NodeKind::input:
        if (!cell_)
          return fail(ErrorCode::unknown_name, nd.offset,
                      "'$' is the input of a decision-table cell; an expression names its fields instead");
        emit(Op::push_input, nd.offset);
        return Info{input_type_, false};
      case NodeKind::unary: info = unary(nd); break;
      case NodeKind::binary: info = binary(nd); break;
      case NodeKind::logical: info = logical(nd); break;
      case NodeKind::conditional: info = conditional(nd); break;
      case NodeKind::coalesce: info = coalesce(nd); break;
      case NodeKind::in: info = membership(nd); break;
      case NodeKind::call: info = call(nd); break;
      case NodeKind::list: info = list_literal(nd); break;
      case NodeKind::range:
        return mismatch(nd.offset, "a range [a..b] can only follow 'in' or be a decision-table cell");
    }
    if (!info) return std::nullopt;
    if (info->constant && !fold(start, n)) return std::nullopt;
    if (info->constant && info->type == SType::any) {  // a folded duration('...') has its kind now
      const auto& folded = result_.constants[static_cast<std::size_t>(n)];
      if (folded && !folded->is_null()) info->type = stype(folded->kind());
    }
    return info;
  }

  std::optional<Info> field(const Node& nd) {
    const Scope::Field* f = scope_.find(nd.name);
    if (!f) {
      std::vector<std::string_view> names;
      for (const Scope::Field& s : scope_.fields()) names.push_back(s.name);
      const bool is_fn = find_function(nd.name) != nullptr;
      return fail(ErrorCode::unknown_name, nd.offset,
                  "unknown field '" + nd.name + "'" + did_you_mean(nd.name, names) +
                      (is_fn ? " (" + nd.name + " is a function: call it as " + nd.name + "(...))" : ""));
    }
    emit(Op::push_slot, nd.offset, f->slot);
    p_.slots_used.push_back(f->slot);
    return Info{stype(f->type), false};
  }

  /// A decimal operand (or any/null, checked at run time or when folded).
  bool want_decimal(const Info& i, std::uint32_t offset, const std::string& what) {
    if (known(i.type) && i.type != SType::decimal) {
      mismatch(offset, what + " needs a decimal, not " + a_type(i.type));
      return false;
    }
    return true;
  }
  bool want_bool(const Info& i, std::uint32_t offset, const std::string& what) {
    if (known(i.type) && i.type != SType::boolean) {
      mismatch(offset, what + " needs true or false, not " + a_type(i.type));
      return false;
    }
    return true;
  }

  std::optional<Info> unary(const Node& nd) {
    const auto a = compile(nd.a);
    if (!a) return std::nullopt;
    if (nd.op == Tok::kw_not) {
      if (!want_bool(*a, nd.offset, "'not'")) return std::nullopt;
      emit(Op::not_, nd.offset);
      return Info{SType::boolean, a->constant};
    }
    if (!want_decimal(*a, nd.offset, std::string("unary '") + (nd.op == Tok::minus ? "-" : "+") + "'"))
      return std::nullopt;
    emit(nd.op == Tok::minus ? Op::neg : Op::pos, nd.offset);
    return Info{SType::decimal, a->constant};
  }

  /// Types that == and != may compare without being always false.
  bool comparable_for_equality(SType a, SType b) { return !known(a) || !known(b) || a == b; }

  std::optional<Info> binary(const Node& nd) {
    const std::size_t a_start = p_.code.size();
    const auto a = compile(nd.a);
    if (!a) return std::nullopt;
    const std::size_t b_start = p_.code.size();
    const auto b = compile(nd.b);
    if (!b) return std::nullopt;
    const std::string sym(spelling(nd.op));
    const bool constant = a->constant && b->constant;
    SType result = SType::decimal;
    Op op;
    Op op_const = Op::push_const;  // push_const: no superinstruction
    switch (nd.op) {
      case Tok::plus:
        op = Op::add, op_const = Op::add_const;
        if (temporal(a->type) || temporal(b->type)) {
          const auto r = temporal_sum(nd, *a, *b, false);
          if (!r) return std::nullopt;
          result = *r;
        } else if (a->type == SType::string || b->type == SType::string) {
          if ((known(a->type) && a->type != SType::string) || (known(b->type) && b->type != SType::string))
            return mismatch(nd.offset, "'+' cannot combine " + a_type(a->type) + " and " + a_type(b->type) +
                                           " (+ adds decimals or joins strings)");
          result = SType::string;
        } else {
          if (!want_decimal(*a, nd.offset, "'+'") || !want_decimal(*b, nd.offset, "'+'")) return std::nullopt;
          result = known(a->type) || known(b->type) ? SType::decimal : SType::any;
        }
        break;
      case Tok::minus:
        op = Op::sub, op_const = Op::sub_const;
        if (temporal(a->type) || temporal(b->type)) {
          const auto r = temporal_sum(nd, *a, *b, true);
          if (!r) return std::nullopt;
          result = *r;
        }
        break;
      case Tok::star: op = Op::mul, op_const = Op::mul_const; break;
      case Tok::slash: op = Op::div, op_const = Op::div_const; break;
      case Tok::percent: op = Op::mod; break;
      case Tok::caret: op = Op::pow; break;
      case Tok::eq: case Tok::ne:
        op = nd.op == Tok::eq ? Op::eq : Op::ne;
        op_const = nd.op == Tok::eq ? Op::eq_const : Op::ne_const;
        if (!comparable_for_equality(a->type, b->type))
          return mismatch(nd.offset, "'" + sym + "' compares " + a_type(a->type) + " with " + a_type(b->type) +
                                         ", which is always " + (nd.op == Tok::eq ? "false" : "true") +
                                         equality_hint(a->type, b->type));
        result = SType::boolean;
        break;
      case Tok::lt: case Tok::le: case Tok::gt: case Tok::ge:
        op = nd.op == Tok::lt ? Op::lt : nd.op == Tok::le ? Op::le : nd.op == Tok::gt ? Op::gt : Op::ge;
        op_const = nd.op == Tok::lt ? Op::lt_const
                   : nd.op == Tok::le ? Op::le_const
                   : nd.op == Tok::gt ? Op::gt_const
                                      : Op::ge_const;
        for (const Info* i : {&*a, &*b})
          if (known(i->type) && !orderable(i->type))
            return mismatch(nd.offset, "'" + sym + "' orders decimals, dates, times or durations, not " + a_type(i->type) +
                                           (i->type == SType::string ? " (compare strings with == or in)" : ""));
        if (known(a->type) && known(b->type) && a->type != b->type)
          return mismatch(nd.offset, "'" + sym + "' cannot order " + a_type(a->type) + " and " + a_type(b->type));
        result = SType::boolean;
        break;
      default: return fail(ErrorCode::internal, nd.offset, "unknown binary operator");
    }
    if (result == SType::decimal && nd.op != Tok::plus && !(nd.op == Tok::minus && (temporal(a->type) || temporal(b->type)))) {
      if (!want_decimal(*a, nd.offset, "'" + sym + "'") || !want_decimal(*b, nd.offset, "'" + sym + "'"))
        return std::nullopt;
    }
    if (!constant && op_const != Op::push_const && is_single_const(b_start)) {
      const std::uint32_t k = p_.code.back().arg;
      p_.code.pop_back();
      --depth_;
      emit_const_op(op_const, nd.offset, k, a_start);
    } else if (b_start == a_start + 1 && p_.code.size() == b_start + 1 && p_.code[a_start].op == Op::push_slot &&
               p_.code[b_start].op == Op::push_slot) {
      // Two lone slots: one instruction that loads both (the stack peak stays counted).
      const std::uint32_t left = p_.code[a_start].arg, right = p_.code[b_start].arg;
      p_.code.resize(a_start);
      depth_ -= 2;
      emit(op, nd.offset, right, load_slots, left);
    } else {
      emit(op, nd.offset);
    }
    return Info{result, constant};
  }

  static bool temporal(SType t) {
    return t == SType::date || t == SType::time || t == SType::date_time || t == SType::days_duration ||
           t == SType::months_duration;
  }

  /// The type of a + b or a - b where one side is a date, time, date-time or duration:
  /// FEEL's temporal arithmetic when both are known, any (checked when evaluated) when one
  /// is not, a type error otherwise.
  std::optional<SType> temporal_sum(const Node& nd, const Info& a, const Info& b, bool subtract) {
    const char* sym = subtract ? "'-'" : "'+'";
    if (!known(a.type) || !known(b.type)) return SType::any;
    if (temporal(a.type) && temporal(b.type)) {
      if (const auto k = temporal_result(subtract, public_kind(a.type), public_kind(b.type))) return stype(*k);
    }
    mismatch(nd.offset, std::string(sym) + " cannot combine " + a_type(a.type) + " and " + a_type(b.type) +
                            " (dates, times and dates and times take durations; two of a kind subtract to a days "
                            "and time duration; durations of one kind add and subtract)");
    return std::nullopt;
  }

  static ValueKind public_kind(SType t) {
    switch (t) {
      case SType::date: return ValueKind::date;
      case SType::time: return ValueKind::time;
      case SType::date_time: return ValueKind::date_time;
      case SType::days_duration: return ValueKind::days_duration;
      case SType::months_duration: return ValueKind::months_duration;
      default: return ValueKind::null;
    }
  }

  static std::string equality_hint(SType a, SType b) {
    if ((a == SType::string && b == SType::decimal) || (a == SType::decimal && b == SType::string))
      return " (\"5\" is a string, 5 a decimal)";
    if ((a == SType::string && b == SType::date) || (a == SType::date && b == SType::string))
      return " (write date('YYYY-MM-DD') for a date)";
    for (SType t : {a, b}) {
      if ((a == SType::string) == (b == SType::string)) break;
      if (t == SType::time) return " (write time('hh:mm:ss') for a time)";
      if (t == SType::date_time) return " (write date_time('YYYY-MM-DDThh:mm:ss') for a date and time)";
      if (t == SType::days_duration || t == SType::months_duration) return " (write duration('P1D') for a duration)";
    }
    return "";
  }

  std::optional<Info> logical(const Node& nd) {
    const std::string sym(spelling(nd.op));
    const auto a = compile(nd.a);
    if (!a || !want_bool(*a, nd.offset, "'" + sym + "'")) return std::nullopt;
    const std::size_t jump_at = p_.code.size();
    emit(nd.op == Tok::kw_and ? Op::and_ : Op::or_, nd.offset);
    const auto b = compile(nd.b);
    if (!b || !want_bool(*b, nd.offset, "'" + sym + "'")) return std::nullopt;
    emit(Op::check_bool, nd.offset, 0, nd.op == Tok::kw_and ? 1 : 2);
    patch(jump_at);
    return Info{SType::boolean, a->constant && b->constant};
  }

  std::optional<Info> conditional(const Node& nd) {
    const auto c = compile(nd.a);
    if (!c || !want_bool(*c, nd.offset, "the condition of '? :'")) return std::nullopt;
    const std::size_t skip_then = p_.code.size();
    emit(Op::jump_if_false, nd.offset);
    const auto a = compile(nd.b);
    if (!a) return std::nullopt;
    const std::size_t skip_else = p_.code.size();
    emit(Op::jump, nd.offset);
    patch(skip_then);
    --depth_;  // the else branch starts where the then branch did
    const auto b = compile(nd.c);
    if (!b) return std::nullopt;
    patch(skip_else);
    return Info{join(a->type, b->type), c->constant && a->constant && b->constant};
  }

  std::optional<Info> coalesce(const Node& nd) {
    const auto a = compile(nd.a);
    if (!a) return std::nullopt;
    const std::size_t jump_at = p_.code.size();
    emit(Op::coalesce, nd.offset);
    const auto b = compile(nd.b);
    if (!b) return std::nullopt;
    patch(jump_at);
    return Info{join(a->type, b->type), a->constant && b->constant};
  }

  /// Elements of a list argument: each compiled and pushed. Returns the joint type.
  std::optional<Info> list_items(const Node& list, const std::string& what) {
    Info all{SType::null, true};
    for (std::int32_t item : list.items) {
      const NodeKind k = node(item).kind;
      if (k == NodeKind::list || k == NodeKind::range)
        return mismatch(node(item).offset, what + ": a list cannot hold another list or a range");
      const auto i = compile(item);
      if (!i) return std::nullopt;
      all.type = all.type == SType::null ? i->type : (i->type == SType::null ? all.type : join(all.type, i->type));
      all.constant = all.constant && i->constant;
    }
    return all;
  }

  /// x (already pushed, of type `x`) in the list or range node `container`.
  std::optional<Info> emit_membership(const Info& x, std::int32_t container, bool negated, std::uint32_t offset) {
    const Node& c = node(container);
    const std::string sym = negated ? "not in" : "in";
    if (c.kind == NodeKind::list) {
      const std::size_t start = p_.code.size();
      bool all_constant = true;
      for (std::int32_t item : c.items) {
        const NodeKind k = node(item).kind;
        if (k == NodeKind::list || k == NodeKind::range)
          return mismatch(node(item).offset, "a list after '" + sym + "' cannot hold another list or a range");
        const auto i = compile(item);
        if (!i) return std::nullopt;
        if (!comparable_for_equality(x.type, i->type))
          return mismatch(node(item).offset, "'" + sym + "' compares " + a_type(x.type) + " with " + a_type(i->type) +
                                                 ", which never match" + equality_hint(x.type, i->type));
        all_constant = all_constant && i->constant;
      }
      if (all_constant) {  // compare with a run of constants, nothing pushed
        std::vector<ValueView> values;
        for (std::size_t k = start; k < p_.code.size(); ++k) values.push_back(p_.constants[p_.code[k].arg]);
        depth_ -= static_cast<std::int32_t>(p_.code.size() - start);
        p_.code.resize(start);
        const auto first = static_cast<std::uint32_t>(p_.constants.size());
        for (const ValueView& v : values) add_constant(v);
        emit(Op::in_consts, offset, first, negated ? 1 : 0, static_cast<std::uint32_t>(values.size()));
      } else {
        emit(Op::in_list, offset, static_cast<std::uint32_t>(c.items.size()), negated ? 1 : 0);
      }
      return Info{SType::boolean, x.constant && all_constant};
    }
    if (c.kind == NodeKind::range) {
      const auto flags =
          static_cast<std::uint8_t>((c.low_closed ? 1 : 0) | (c.high_closed ? 2 : 0) | (negated ? 4 : 0));
      const std::size_t start = p_.code.size();
      const auto lo = compile(c.a);
      if (!lo) return std::nullopt;
      const std::size_t hi_start = p_.code.size();
      const auto hi = compile(c.b);
      if (!hi) return std::nullopt;
      for (const Info* i : {&x, &*lo, &*hi})
        if (known(i->type) && !orderable(i->type))
          return mismatch(offset, "a range holds decimals, dates, times or durations, not " + a_type(i->type) +
                                      (i == &x ? " (the value tested with '" + sym + "')" : ""));
      for (const Info* i : {&*lo, &*hi})
        if (known(i->type) && known(x.type) && i->type != x.type)
          return mismatch(offset,
                          "'" + sym + "' tests " + a_type(x.type) + " against a range of " + a_type(i->type) + "s");
      if (known(lo->type) && known(hi->type) && lo->type != hi->type)
        return mismatch(c.offset, "a range from " + a_type(lo->type) + " to " + a_type(hi->type));
      if (is_single_const(hi_start) && hi_start == start + 1 && p_.code[start].op == Op::push_const) {
        const ValueView lo_v = p_.constants[p_.code[start].arg], hi_v = p_.constants[p_.code[hi_start].arg];
        depth_ -= 2;
        p_.code.resize(start);
        const std::uint32_t k = add_constant(lo_v);
        add_constant(hi_v);
        emit(Op::in_const_range, offset, k, flags);
      } else {
        emit(Op::in_range, offset, 0, flags);
      }
      return Info{SType::boolean, x.constant && lo->constant && hi->constant};
    }
    return value_list_membership(x, container, negated, offset);
  }

  std::optional<Info> membership(const Node& nd) {
    const auto x = compile(nd.a);
    if (!x) return std::nullopt;
    return emit_membership(*x, nd.b, nd.negated, nd.offset);
  }

  std::optional<Info> call(const Node& nd) {
    const Function* fn = find_function(nd.name);
    if (!fn) return unknown_function(nd);
    const int argc = static_cast<int>(nd.items.size());
    if (argc < fn->min_args || argc > fn->max_args)
      return mismatch(nd.offset, std::string(fn->name) + " takes " + std::to_string(fn->min_args) +
                                     (fn->max_args != fn->min_args
                                          ? (fn->max_args - fn->min_args > 1 ? " to " : " or ") + std::to_string(fn->max_args)
                                          : "") +
                                     (fn->max_args == 1 ? " argument" : " arguments") + ", not " +
                                     std::to_string(argc) + ": " + std::string(fn->usage));
    const std::string name(fn->name);
    const bool list_first = !nd.items.empty() && node(nd.items[0]).kind == NodeKind::list;
    if (name == "min" || name == "max") return min_or_max(nd, name);
    if (name == "flatten") return flatten(nd);
    if (name == "len" && list_first) return list_call(nd, name, Op::fn_len_list);
    if (name == "contains" && list_first) return list_call(nd, name, Op::fn_contains_list);
    if (name == "round" && argc == 3) return round_mode(nd, *fn);
    return scalar_call(nd, *fn);
  }

  /// round(x, digits, 'mode'): the mode a string literal naming a crm::Rounding, kept in
  /// the instruction (1 + the mode; 0 is round's own half away from zero).
  std::optional<Info> round_mode(const Node& nd, const Function& fn) {
    const Node& mode = node(nd.items[2]);
    const auto named = mode.kind == NodeKind::literal && mode.value.kind() == ValueKind::string
                           ? rounding_from_string(mode.value.as_string())
                           : std::nullopt;
    if (!named)
      return mismatch(mode.offset, "round: the rounding is a text naming a mode: 'half_even', 'half_up', 'half_down', "
                                   "'down', 'up', 'floor' or 'ceiling' (" + std::string(fn.usage) + ")");
    bool constant = true;
    for (int k = 0; k < 2; ++k) {
      const auto a = compile(nd.items[static_cast<std::size_t>(k)]);
      if (!a) return std::nullopt;
      if (known(a->type) && a->type != SType::decimal)
        return mismatch(node(nd.items[static_cast<std::size_t>(k)]).offset,
                        "round: argument " + std::to_string(k + 1) + " is " + a_type(a->type) + ", not a decimal (" +
                            std::string(fn.usage) + ")");
      constant = constant && a->constant;
    }
    emit(Op::fn_round_digits, nd.offset, 1 + static_cast<std::uint32_t>(*named));
    return Info{SType::decimal, constant};
  }

  std::optional<Info> unknown_function(const Node& nd) {
    std::vector<std::string_view> names;
    for (const Function& f : functions) names.push_back(f.name);
    std::string message = "unknown function '" + nd.name + "'" + did_you_mean(nd.name, names);
    if (message.find("did you mean") == std::string::npos) {
      message += " (the functions are";
      for (const Function& f : functions) {
        message += ' ';
        message += f.name;
      }
      message += ")";
    }
    return fail(ErrorCode::unknown_name, nd.offset, std::move(message));
  }

  /// min([a, b, ...]) and max([...]): decimals or dates.
  std::optional<Info> min_or_max(const Node& nd, const std::string& name) {
    const Node& list = node(nd.items[0]);
    if (list.kind != NodeKind::list) return mismatch(list.offset, name + " takes a list: " + name + "([a, b, ...])");
    if (list.items.empty()) return mismatch(list.offset, name + " of an empty list has no value");
    const auto items = list_items(list, name);
    if (!items) return std::nullopt;
    if (known(items->type) && items->type != SType::decimal && items->type != SType::date)
      return mismatch(list.offset, name + " takes decimals or dates, not " + a_type(items->type) + "s");
    emit(name == "min" ? Op::fn_min : Op::fn_max, nd.offset, static_cast<std::uint32_t>(list.items.size()));
    return Info{items->type == SType::null ? SType::any : items->type, items->constant};
  }

  /// len([...]) and contains([...], x): a function of a list written in place.
  std::optional<Info> list_call(const Node& nd, const std::string& name, Op op) {
    const Node& list = node(nd.items[0]);
    const auto items = list_items(list, name);
    if (!items) return std::nullopt;
    bool constant = items->constant;
    if (op == Op::fn_contains_list) {
      const auto needle = compile(nd.items[1]);
      if (!needle) return std::nullopt;
      constant = constant && needle->constant;
    }
    emit(op, nd.offset, static_cast<std::uint32_t>(list.items.size()));
    return Info{op == Op::fn_len_list ? SType::decimal : SType::boolean, constant};
  }

  /// A function of strings (len, upper, lower, date, contains) or of decimals.
  std::optional<Info> scalar_call(const Node& nd, const Function& fn) {
    const std::string name(fn.name);
    const int argc = static_cast<int>(nd.items.size());
    std::vector<Info> args;
    for (int k = 0; k < argc; ++k) {
      const Node& arg = node(nd.items[static_cast<std::size_t>(k)]);
      if (arg.kind == NodeKind::list)
        return mismatch(arg.offset, name + " does not take a list here: " + std::string(fn.usage));
      const auto a = compile(nd.items[static_cast<std::size_t>(k)]);
      if (!a) return std::nullopt;
      args.push_back(*a);
    }
    bool constant = true;
    for (const Info& a : args) constant = constant && a.constant;
    auto arg_is = [&](int k, SType want) {
      const SType t = args[static_cast<std::size_t>(k)].type;
      if (!known(t) || t == want) return true;
      mismatch(node(nd.items[static_cast<std::size_t>(k)]).offset,
               name + ": argument " + std::to_string(k + 1) + " is " + a_type(t) + ", not " + a_type(want) + " (" +
                   std::string(fn.usage) + ")");
      return false;
    };
    auto each = [&](SType want) {
      for (int k = 0; k < argc; ++k)
        if (!arg_is(k, want)) return false;
      return true;
    };
    Op op;
    SType result = SType::decimal;
    if (name == "string") {  // of any value but a list
      op = Op::fn_string;
      result = SType::string;
    } else if (name == "time" || name == "date_time" || name == "duration") {
      if (!each(SType::string)) return std::nullopt;
      op = name == "time" ? Op::fn_time : name == "date_time" ? Op::fn_date_time : Op::fn_duration;
      // duration's kind follows its text: known once a constant text is folded
      result = name == "time" ? SType::time : name == "date_time" ? SType::date_time : SType::any;
    } else if (name == "starts_with" || name == "ends_with" || name == "substring_before" ||
               name == "substring_after") {
      if (!each(SType::string)) return std::nullopt;
      op = name == "starts_with" ? Op::fn_starts_with : name == "ends_with" ? Op::fn_ends_with
           : name == "substring_before" ? Op::fn_substring_before : Op::fn_substring_after;
      result = name.ends_with("_with") ? SType::boolean : SType::string;
    } else if (name == "substring") {  // substring(text, start[, length])
      if (!arg_is(0, SType::string) || !arg_is(1, SType::decimal) || (argc == 3 && !arg_is(2, SType::decimal)))
        return std::nullopt;
      op = argc == 3 ? Op::fn_substring : Op::fn_substring_from;
      result = SType::string;
    } else if (name == "len" || name == "upper" || name == "lower" || name == "date" || name == "contains") {
      if (!each(SType::string)) return std::nullopt;
      op = name == "len" ? Op::fn_len : name == "upper" ? Op::fn_upper : name == "lower" ? Op::fn_lower
           : name == "date" ? Op::fn_date : Op::fn_contains;
      result = name == "len" ? SType::decimal : name == "date" ? SType::date
               : name == "contains" ? SType::boolean : SType::string;
    } else {
      if (!each(SType::decimal)) return std::nullopt;
      if (name == "abs") op = Op::fn_abs;
      else if (name == "ceil") op = Op::fn_ceil;
      else if (name == "floor") op = Op::fn_floor;
      else if (name == "round") op = argc == 1 ? Op::fn_round : Op::fn_round_digits;
      else if (name == "clamp") op = Op::fn_clamp;
      else if (name == "log10") op = Op::fn_log10;
      else if (name == "sqrt") op = Op::fn_sqrt;
      else op = Op::pow;
    }
    emit(op, nd.offset);
    return Info{result, constant};
  }

#include "src/expression/compile_lists.inc"

  // ---- cells ------------------------------------------------------------------------
  bool test(std::int32_t n) {
    const Node& nd = node(n);
    if (nd.kind == NodeKind::list || nd.kind == NodeKind::range) {  // $ in [..]
      emit(Op::push_input, nd.offset);
      const Info x{input_type_, false};
      return emit_membership(x, n, false, nd.offset).has_value();
    }
    if (is_boolean_test(ast_, n)) {
      const auto info = compile(n);
      return info && want_bool(*info, nd.offset, "a cell's test");
    }
    // $ == value
    const std::size_t input_at = p_.code.size();
    emit(Op::push_input, nd.offset);
    const std::size_t start = p_.code.size();
    const auto v = compile(n);
    if (!v) return false;
    if (v->type == SType::list && input_type_ != SType::list) {  // a list value: $ is one of its elements
      emit(Op::in_value_list, nd.offset);
      return true;
    }
    if (!comparable_for_equality(input_type_, v->type)) {
      mismatch(nd.offset, "the cell compares its input, " + a_type(input_type_) + ", with " + a_type(v->type) +
                              ", which never match" + equality_hint(input_type_, v->type));
      return false;
    }
    if (is_single_const(start)) {
      const std::uint32_t k = p_.code.back().arg;
      p_.code.pop_back();
      --depth_;
      emit_const_op(Op::eq_const, nd.offset, k, input_at);
    } else {
      emit(Op::eq, nd.offset);
    }
    return true;
  }

  const Ast& ast_;
  const Scope& scope_;
  Program& p_;
  bool cell_;
  SType input_type_;
  std::int32_t depth_ = 0;
  std::uint32_t max_depth_ = 0;
  EvalScratch fold_scratch_;
  CompileResult result_;
};

}  // namespace

bool is_boolean_test(const Ast& ast, std::int32_t n) {
  const Node& nd = ast.nodes[static_cast<std::size_t>(n)];
  switch (nd.kind) {
    case NodeKind::binary:
      return nd.op == Tok::eq || nd.op == Tok::ne || nd.op == Tok::lt || nd.op == Tok::le || nd.op == Tok::gt ||
             nd.op == Tok::ge;
    case NodeKind::logical:
    case NodeKind::in: return true;
    case NodeKind::call: return nd.name == "contains";
    default: return false;
  }
}

[[nodiscard]] expected<CompileResult> compile_expression(const Ast& ast, const Scope& scope, Program& program) {
  Compiler c(ast, scope, program, false, Type::any);
  if (!c.expression(ast.roots.at(0))) return unexpected(std::move(*c.error));
  return c.take_result();
}

[[nodiscard]] expected<CompileResult> compile_tests(const Ast& ast, const Scope& scope, Type input_type, Program& program) {
  Compiler c(ast, scope, program, true, input_type);
  if (!c.tests()) return unexpected(std::move(*c.error));
  return c.take_result();
}

}  // namespace crm::internal::expression
