// Private: amounts written as the deck writes them (500万, 1.3亿, full-width digits, 7/10).
#pragma once

#include <optional>
#include <string_view>

#include "crmrules/decimal.hpp"
#include "crmrules/error.hpp"

namespace crm::internal {

/// Whether `text` needs parse_chinese_amount: anything but plain ASCII without '/'.
[[nodiscard]] bool is_chinese_amount_notation(std::string_view text) noexcept;

/// The exact decimal that `text` writes: full-width digits and signs (０-９ ． － ／)
/// read as their ASCII forms; '，' groups the integer part by three (an ASCII ',' is
/// refused as before); one trailing 万
/// (10^4) or 亿 (10^8) multiplies exactly; "a/b" is the deck's score notation, read as a
/// when b equals `score_out_of` (the field's maximum). Errors (ErrorCode::parse)
/// say what is ambiguous: two decimal points, two units (万万, 万亿), nothing before the
/// unit, a score out of another maximum.
[[nodiscard]] expected<Decimal> parse_chinese_amount(std::string_view text, std::optional<Decimal> score_out_of);

}  // namespace crm::internal
