// Private: the tokens of the expression language.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/expected.hpp"

namespace crm::internal::expression {

enum class Tok : std::uint8_t {
  end,
  number,   // `number` holds the value
  string,   // `text` holds the decoded characters
  name,     // `text` holds the dotted name ("a", "a.b")
  dollar,   // $
  plus, minus, star, slash, percent, caret,
  lparen, rparen, lbracket, rbracket, comma, dotdot, question, colon, coalesce,
  eq, ne, lt, le, gt, ge, bang,
  kw_and, kw_or, kw_not, kw_in, kw_true, kw_false, kw_null,
};

struct Token {
  Tok kind = Tok::end;
  std::uint32_t offset = 0;  // byte offset of the first character
  std::uint32_t length = 0;  // bytes in the source text
  std::string text;
  Decimal number;
};

/// How a token reads in messages: "'+'", "the number 12", "end of text".
std::string describe(const Token& token);
/// The spelling of an operator token ("+", "and", "??").
std::string_view spelling(Tok kind) noexcept;

/// The tokens of `text`, ending with Tok::end. Errors: ErrorCode::parse or invalid_utf8,
/// with the offset of the offending character.
[[nodiscard]] expected<std::vector<Token>> tokenize(std::string_view text);

/// Whether `word` is a keyword (and or not in true false null).
bool is_keyword(std::string_view word) noexcept;

}  // namespace crm::internal::expression
