// Private: the stack machine that runs a Program, and how its failures become Errors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "crmrules/error.hpp"
#include "crmrules/eval_scratch.hpp"
#include "src/expression/program.hpp"
#include "crmrules/value.hpp"
#include "crmrules/value_view.hpp"

namespace crm::internal::expression {

/// Why a run stopped. Kept small and without text of its own (a null operand in a cell
/// is an ordinary "no match", and a Failure is made for every run), so that neither
/// running nor failing allocates until the caller asks for an Error. Text that only
/// the failing operation knows (a decimal's overflow message) goes to the scratch.
struct Failure {
  enum class Reason : std::uint8_t {
    null_operand,  // an operand or argument is null (code: missing)
    wrong_kind,    // an operand of the wrong kind (code: type_mismatch)
    detail,        // anything else; `detail` says what (decimal overflow, domain, ...)
  };
  ErrorCode code = ErrorCode::ok;
  Reason reason = Reason::detail;
  Op op = Op::push_const;
  std::uint8_t argument = 0;  // 1-based argument of a function, 0 for an operator
  ValueKind left = ValueKind::null;
  ValueKind right = ValueKind::null;
  std::uint32_t offset = 0;
  const std::string* detail = nullptr;  // Reason::detail: the text, in the scratch
};

/// The Error a failure reports (with Location::at_offset).
Error to_error(const Failure& failure);

/// Records an operand of the wrong kind (or null) for `in`: `left` and `right` are the
/// kinds seen. Always false, for `return fail_operands(...)`.
[[gnu::cold, gnu::noinline]] bool fail_operands(Failure& f, const Instr& in, ValueKind left, ValueKind right,
                                                std::uint8_t argument = 0);
/// Records any other failure of `in`: its code and the text that says why (kept in the
/// scratch). Always false.
[[gnu::cold, gnu::noinline]] bool fail_detail(Failure& f, const Instr& in, ErrorCode code, std::string detail,
                                              EvalScratch& scratch);

struct ScratchAccess {
  static ValueView* stack(EvalScratch& scratch, std::size_t size) {
    if (size <= EvalScratch::inline_stack) return scratch.inline_stack_.data();
    if (scratch.heap_stack_.size() < size) scratch.heap_stack_.resize(size);
    return scratch.heap_stack_.data();
  }
  static void reset_strings(EvalScratch& scratch) noexcept {
    scratch.strings_used_ = 0;
    scratch.lists_used_ = 0;
  }
  static std::string& failure_text(EvalScratch& scratch) noexcept { return scratch.failure_; }
  /// A string buffer for this evaluation, emptied, its capacity kept from earlier ones.
  static std::vector<Value>& next_list(EvalScratch& scratch) {
    if (scratch.lists_used_ == scratch.lists_.size()) scratch.lists_.push_back(std::make_unique<std::vector<Value>>());
    std::vector<Value>& l = *scratch.lists_[scratch.lists_used_++];
    l.clear();
    return l;
  }
  static std::string& next_string(EvalScratch& scratch) {
    if (scratch.strings_used_ == scratch.strings_.size()) scratch.strings_.push_back(std::make_unique<std::string>());
    std::string& s = *scratch.strings_[scratch.strings_used_++];
    s.clear();
    return s;
  }
};

/// The list instructions (make_list, in_value_list, fn_flatten) on the stack top `sp`
/// (src/expression/lists.cpp). False: failed, `failure` filled.
bool run_list_op(ValueView*& sp, const Instr& in, EvalScratch& scratch, Failure& failure);
/// The text functions of text_functions.cpp (starts_with, ends_with, substring,
/// substring_before, substring_after): false, with the failure, for a bad argument.
bool run_text_op(ValueView*& sp, const Instr& in, EvalScratch& scratch, Failure& failure);

/// Runs code[0..size) over `slots` (and `input` for a cell's $), leaving the one value
/// it computes in `out`. On failure returns false and fills `failure`. The caller has
/// checked that the slots cover the program's slot_count and resets scratch strings.
bool run(const Instr* code, std::size_t size, const ValueView* constants, std::span<const Value> slots,
         const ValueView& input, EvalScratch& scratch, std::size_t max_stack, ValueView& out, Failure& failure);

}  // namespace crm::internal::expression
