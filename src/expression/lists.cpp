// The VM's list instructions: building a list [a, b], flatten(list), and `x in` a list
// value. Lists the expression builds live in the evaluation's scratch, like its strings.
#include "src/expression/vm.hpp"

namespace crm::internal::expression {
namespace {

void append_flat(std::span<const Value> list, std::vector<Value>& out) {
  for (const Value& e : list) {
    if (e.kind() == ValueKind::list) append_flat(e.as_list(), out);
    else out.push_back(e);
  }
}

}  // namespace

bool run_list_op(ValueView*& sp, const Instr& in, EvalScratch& scratch, Failure& f) {
  switch (in.op) {
    case Op::make_list: {
      std::vector<Value>& list = ScratchAccess::next_list(scratch);
      sp -= in.arg;
      list.reserve(in.arg);
      for (std::uint32_t k = 0; k < in.arg; ++k) list.push_back(sp[k].to_value());
      *sp++ = ValueView(std::span<const Value>(list));
      return true;
    }
    case Op::fn_flatten: {
      const ValueView& x = sp[-1];
      if (x.kind() != ValueKind::list) return fail_operands(f, in, x.kind(), x.kind(), 1);
      std::vector<Value>& list = ScratchAccess::next_list(scratch);
      append_flat(x.as_list(), list);
      sp[-1] = ValueView(std::span<const Value>(list));
      return true;
    }
    case Op::in_value_list: {
      const ValueView list = *--sp;
      const ValueView& x = sp[-1];
      if (list.kind() != ValueKind::list) return fail_operands(f, in, x.kind(), list.kind() == ValueKind::null ? ValueKind::null : list.kind(), 0);
      bool found = false;
      for (const Value& e : list.as_list())
        if (ValueView(e) == x) {
          found = true;
          break;
        }
      sp[-1] = ValueView(found != ((in.flags & 1) != 0));
      return true;
    }
    default: break;
  }
  return true;
}

}  // namespace crm::internal::expression
