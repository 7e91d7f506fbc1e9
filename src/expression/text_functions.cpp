// The VM's text functions: starts_with, ends_with, substring_before, substring_after and
// substring (FEEL's, by code points: positions count from 1, or from -1 at the end). A
// text the function makes lives in the evaluation's scratch, like the other strings.
#include <algorithm>
#include <string_view>

#include "src/core/utf8.hpp"
#include "src/expression/vm.hpp"

namespace crm::internal::expression {
namespace {

/// The byte offset of code point `n` (0-based) of text, or its size past the end.
std::size_t byte_of(std::string_view text, std::size_t n) noexcept {
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && n-- == 0) return i;
  return text.size();
}

/// A position or length argument as a whole number, or why not (the function fails).
bool whole(const ValueView& v, std::int64_t& out) {
  auto n = v.as_decimal().to_int64();
  if (!n) return false;
  out = *n;
  return true;
}

/// substring(text, start[, length]) of `s`: code points from `start` (1-based; negative
/// counts from the end) for `length` of them (all the rest when absent). 0 as start, a
/// fraction or a negative length is out of range.
bool substring(ValueView*& sp, const Instr& in, EvalScratch& scratch, Failure& f, bool has_length) {
  const int args = has_length ? 3 : 2;
  sp -= args - 1;
  for (int k = 0; k < args; ++k) {
    const ValueKind want = k == 0 ? ValueKind::string : ValueKind::decimal;
    if (sp[k - 1].kind() != want) return fail_operands(f, in, sp[k - 1].kind(), sp[k - 1].kind(), static_cast<std::uint8_t>(k + 1));
  }
  const std::string_view s = sp[-1].as_string();
  std::int64_t start = 0, length = -1;
  if (!whole(sp[0], start) || start == 0)
    return fail_detail(f, in, ErrorCode::out_of_range,
                       "substring: the start is a whole number counting from 1 (or from -1 at the end), not " +
                           sp[0].as_decimal().to_string(),
                       scratch);
  if (has_length && (!whole(sp[1], length) || length < 0))
    return fail_detail(f, in, ErrorCode::out_of_range,
                       "substring: the length is a whole number of at least 0, not " + sp[1].as_decimal().to_string(),
                       scratch);
  const auto size = static_cast<std::int64_t>(count_code_points(s));
  const std::int64_t first = std::min(size, start > 0 ? start - 1 : std::max<std::int64_t>(size + start, 0));
  const std::int64_t end = length < 0 || length > size - first ? size : first + length;  // no overflow
  const std::size_t from = byte_of(s, static_cast<std::size_t>(first));
  const std::size_t to = byte_of(s, static_cast<std::size_t>(end));
  sp[-1] = ValueView(s.substr(from, to - from));
  return true;
}

}  // namespace

bool run_text_op(ValueView*& sp, const Instr& in, EvalScratch& scratch, Failure& f) {
  if (in.op == Op::fn_substring || in.op == Op::fn_substring_from)
    return substring(sp, in, scratch, f, in.op == Op::fn_substring);
  const ValueView part = *--sp;
  const ValueView& text = sp[-1];
  if (text.kind() != ValueKind::string) return fail_operands(f, in, text.kind(), text.kind(), 1);
  if (part.kind() != ValueKind::string) return fail_operands(f, in, part.kind(), part.kind(), 2);
  const std::string_view s = text.as_string(), p = part.as_string();
  const std::size_t at = s.find(p);
  switch (in.op) {
    case Op::fn_starts_with: sp[-1] = ValueView(s.starts_with(p)); break;
    case Op::fn_ends_with: sp[-1] = ValueView(s.ends_with(p)); break;
    case Op::fn_substring_before: sp[-1] = ValueView(at == std::string_view::npos ? s.substr(0, 0) : s.substr(0, at)); break;
    default: sp[-1] = ValueView(at == std::string_view::npos ? s.substr(0, 0) : s.substr(at + p.size())); break;
  }
  return true;
}

}  // namespace crm::internal::expression
