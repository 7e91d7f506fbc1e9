// Kano answers, categories, the standard evaluation table and the deck's advice.
#include <cctype>
#include <string>
#include <string_view>

#include "src/core/utf8.hpp"
#include "crmrules/kano.hpp"

namespace crm::kano {

std::string_view letter(Category c) noexcept {
  static constexpr std::string_view letters[] = {"A", "O", "M", "I", "R", "Q"};
  const auto i = static_cast<std::size_t>(c);
  return i < category_count ? letters[i] : "?";
}

std::string_view name(Category c) noexcept {
  static constexpr std::string_view names[] = {"attractive", "one_dimensional", "must_be",
                                               "indifferent", "reverse", "questionable"};
  const auto i = static_cast<std::size_t>(c);
  return i < category_count ? names[i] : "unknown";
}

std::optional<Category> category_from_letter(std::string_view text) noexcept {
  if (text.size() != 1) return std::nullopt;
  switch (std::toupper(static_cast<unsigned char>(text[0]))) {
    case 'A': return Category::attractive;
    case 'O': return Category::one_dimensional;
    case 'M': return Category::must_be;
    case 'I': return Category::indifferent;
    case 'R': return Category::reverse;
    case 'Q': return Category::questionable;
    default: return std::nullopt;
  }
}

namespace {

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Lower case, '-' and '_' as spaces, runs of spaces as one (ASCII only), into `out`;
/// the length, or 0 when the text is longer than any label.
std::size_t normalized(std::string_view s, char (&out)[32]) noexcept {
  std::size_t n = 0;
  for (char ch : s) {
    char c = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    if (c == '-' || c == '_' || c == '\t') c = ' ';
    if (c == ' ' && (n == 0 || out[n - 1] == ' ')) continue;
    if (n == sizeof out) return 0;
    out[n++] = c;
  }
  if (n > 0 && out[n - 1] == ' ') --n;
  return n;
}

struct Label {
  std::string_view text;
  Answer answer;
};

constexpr Label labels[] = {
    {"like", Answer::like},           {"i like it", Answer::like},
    {"must be", Answer::must_be},     {"mustbe", Answer::must_be},
    {"expect", Answer::must_be},      {"i expect it", Answer::must_be},
    {"neutral", Answer::neutral},     {"i am neutral", Answer::neutral},
    {"live with", Answer::live_with}, {"i can live with it", Answer::live_with},
    {"tolerate", Answer::live_with},  {"i can tolerate it", Answer::live_with},
    {"dislike", Answer::dislike},     {"i dislike it", Answer::dislike},
    // The usual Chinese labels, simplified and traditional.
    {"喜欢", Answer::like},           {"喜歡", Answer::like},
    {"理所当然", Answer::must_be},    {"理所當然", Answer::must_be},
    {"无所谓", Answer::neutral},      {"無所謂", Answer::neutral},
    {"能忍受", Answer::live_with},
    {"不喜欢", Answer::dislike},      {"不喜歡", Answer::dislike},
};

}  // namespace

[[nodiscard]] expected<Answer> parse_answer(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.size() == 1 && t[0] >= '1' && t[0] <= '5') return static_cast<Answer>(t[0] - '0');
  char buffer[32];
  const std::string_view n(buffer, normalized(t, buffer));
  for (const auto& l : labels)
    if (n == l.text) return l.answer;
  if (t.empty()) return fail(ErrorCode::missing, "the answer is empty");
  return fail(ErrorCode::out_of_range,
              "answer '" + internal::printable_utf8(t) +
                  "' is not 1..5 or a known label (Like, Must-be, Neutral, Live-with, Dislike; "
                  "喜欢, 理所当然, 无所谓, 能忍受, 不喜欢)");
}

EvaluationTable standard_table() noexcept {
  using enum Category;
  // Rows: functional Like, Must-be, Neutral, Live-with, Dislike; columns: dysfunctional.
  return {questionable, attractive, attractive, attractive, one_dimensional,
          reverse,      indifferent, indifferent, indifferent, must_be,
          reverse,      indifferent, indifferent, indifferent, must_be,
          reverse,      indifferent, indifferent, indifferent, must_be,
          reverse,      reverse,     reverse,     reverse,     questionable};
}

std::string_view to_string(Drift::Direction d) noexcept {
  switch (d) {
    case Drift::Direction::along: return "along";
    case Drift::Direction::against: return "against";
    case Drift::Direction::other: return "other";
  }
  return "other";
}

const Text& default_advice(Category c) {
  static const Text texts[] = {
      {"魅力品质需求是创新性需求,具有前瞻性,是趋势、未来的属性:得到满足客户满意度急剧提高,没有满足客户没反应或无所谓;"
       "随着产品技术的进步,原来是期望型或兴奋型需求的,可能因为市场的成熟而转化成基本型需求。",
       "Attractive quality (delight): innovation. Unexpected, it raises satisfaction sharply and its absence costs "
       "nothing; it drifts to expected, then basic, as the market matures."},
      {"客户谈论及头脑中定位的通常是期望型品质需求:得到满足客户满意度显著增加,没有满足客户不满显著增加;"
       "企业在满足基本品质需求基础上,应尽力去完成满足客户的期望型需求。",
       "Expected quality (one-dimensional): what customers talk about. Satisfaction rises and falls with "
       "performance: compete on it."},
      {"基本品质需求能消除客户的不满但不能带来客户满意度增加;企业在满足基本品质需求时,应注意衡量横向和纵向的发展差异性,"
       "不要在产品和服务的基本品质方面失分。",
       "Basic quality (must-be): never lose points on basics. Close any gap first; doing more than enough adds "
       "no satisfaction."},
      {"无差异:客户满意与否都无所谓;不要投入,先看是否有客户群看法不同。",
       "Indifferent: customers do not care either way. Do not invest; check whether a segment sees it "
       "differently."},
      {"反向:客户宁愿没有;重新考虑,或改为可选。", "Reverse: customers would rather not have it. Reconsider it or make it optional."},
      {"可疑:回答互相矛盾;行动之前先检查问题的措辞。",
       "Questionable: the answers contradict each other. Check the question's wording before acting."},
  };
  const auto i = static_cast<std::size_t>(c);
  return texts[i < category_count ? i : static_cast<std::size_t>(Category::questionable)];
}

}  // namespace crm::kano
