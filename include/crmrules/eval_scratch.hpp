// crm::EvalScratch: working memory for evaluating expressions and unary tests, reused
// across evaluations so that the hot path does not allocate.
//
//   crm::EvalScratch scratch;                 // one per thread
//   crm::ValueView result;
//   for (const auto& record : records) {
//     if (auto ok = expression.evaluate(record.slots, scratch, result); !ok) report(ok.error());
//     else use(result);                       // valid until scratch is used again
//   }
//
// It holds the evaluation stack (inline for up to `inline_stack` entries, on the heap
// beyond) and the buffers of strings made during evaluation (`+` of strings, upper,
// lower): their capacity is kept, so once warmed up an evaluation allocates nothing.
// A scratch is not shared between threads; a compiled Expression or UnaryTest is.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "crmrules/value_view.hpp"

namespace crm {

namespace internal::expression {
struct ScratchAccess;
}

class EvalScratch {
 public:
  static constexpr std::size_t inline_stack = 32;

  EvalScratch() = default;
  EvalScratch(const EvalScratch&) = delete;
  EvalScratch& operator=(const EvalScratch&) = delete;
  EvalScratch(EvalScratch&&) noexcept = default;
  EvalScratch& operator=(EvalScratch&&) noexcept = default;

 private:
  friend struct internal::expression::ScratchAccess;

  std::array<ValueView, inline_stack> inline_stack_{};
  std::vector<ValueView> heap_stack_;
  std::vector<std::unique_ptr<std::string>> strings_;  // each string stays in place
  std::size_t strings_used_ = 0;
  std::vector<std::unique_ptr<std::vector<Value>>> lists_;  // lists the expression builds, each in place
  std::size_t lists_used_ = 0;
  std::string failure_;  // the text of the last failure, until it becomes an Error
};

}  // namespace crm
