// crm::kano: Kano analysis of survey answers (DOMAIN.md §2.4; how to read the output:
// docs/kano.md).
//
//   crm::kano::Survey survey;                                  // the standard table
//   survey.add("r1", "Free delivery", "Like", "Dislike");      // 1..5, English or Chinese labels
//   survey.add("r2", "Free delivery", "4", "5", "gold", "2024");  // + segment and wave
//   if (auto ok = survey.add("r3", "Free delivery", "7", "5"); !ok)
//     std::cerr << ok.error().to_string();                     // skipped, and kept in issues()
//   crm::kano::Analysis a = survey.analyze();
//   for (const auto& r : a.results)
//     std::cout << r.attribute << ": " << crm::kano::letter(r.category) << " better "
//               << r.better->to_string() << '\n';             // exact, 4 places, half-up
//   std::string json = a.to_json(), csv = a.to_csv(), svg = a.to_svg();
//
// Streaming: add pairs in any order (by text, or by interned ids for speed), then
// analyze(); analyze() does not change the survey, so more pairs may follow. A bad pair
// (an answer outside 1..5 or an unknown label, a missing answer) is refused with an error
// naming its line (the caller's line number, or the pair's position when none is given),
// kept in issues(), and leaves everything already added untouched.
//
// Classification reads each pair off the evaluation table (standard, or a rule set's
// "kano" key: docs/rule-sets.md); counting is integer work; decimals appear only in
// analyze()'s per-group figures, rounded once to Settings::scale digits by
// Settings::rounding.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/error.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/limits.hpp"
#include "crmrules/rounding.hpp"
#include "crmrules/text.hpp"

namespace crm {
class RuleSet;
}

namespace crm::kano {

/// An answer to the functional or the dysfunctional question, numbered as surveys do.
enum class Answer : std::uint8_t { like = 1, must_be = 2, neutral = 3, live_with = 4, dislike = 5 };

/// A Kano category. The numbers are stable (the C ABI uses them).
enum class Category : std::uint8_t {
  attractive = 0,       // A
  one_dimensional = 1,  // O (expected, performance)
  must_be = 2,          // M (basic)
  indifferent = 3,      // I
  reverse = 4,          // R
  questionable = 5,     // Q
};
inline constexpr std::size_t category_count = 6;

/// "A", "O", "M", "I", "R", "Q".
[[nodiscard]] std::string_view letter(Category c) noexcept;
/// "attractive", "one_dimensional", "must_be", "indifferent", "reverse", "questionable".
[[nodiscard]] std::string_view name(Category c) noexcept;
/// The category of a letter (A O M I R Q, either case); nothing otherwise.
[[nodiscard]] std::optional<Category> category_from_letter(std::string_view letter) noexcept;

/// An answer given as "1".."5", an English label (any case; "Like", "Must-be" / "Must be"
/// / "Expect", "Neutral", "Live-with" / "Live with" / "Tolerate", "Dislike") or a
/// Chinese one (喜欢, 理所当然, 无所谓, 能忍受, 不喜欢). Surrounding spaces are ignored.
/// Anything else is an out_of_range error that quotes the text.
[[nodiscard]] expected<Answer> parse_answer(std::string_view text);

/// The evaluation table: entry [(functional - 1) * 5 + (dysfunctional - 1)].
using EvaluationTable = std::array<Category, 25>;
/// Berger et al. (1993), as in DOMAIN.md §2.4.
[[nodiscard]] EvaluationTable standard_table() noexcept;

/// The advice for a category: the deck's words for must-be (基本品质需求), one-dimensional
/// (期望品质需求) and attractive (魅力品质需求), the project's for I, R and Q; Chinese with
/// English beside it.
[[nodiscard]] const Text& default_advice(Category c);

/// How a survey is evaluated. The defaults are the standard analysis.
struct Settings {
  EvaluationTable table = standard_table();
  /// Categories whose counts are within this share of n of the largest count are tied,
  /// and the M > O > A > I (> R > Q) rule picks among them. 0 applies the rule to exact
  /// ties only.
  Decimal weak_threshold = *Decimal::from_parts(5, 2);  // 0.05: five percentage points
  /// Fractional digits of the coefficients, strengths and the Fong threshold.
  int scale = 4;
  Rounding rounding = Rounding::half_up;
  /// When set, a respondent (within a wave) whose share of questionable pairs is above it
  /// is left out of the analysis. 0.5 leaves out respondents with mostly Q answers.
  std::optional<Decimal> drop_questionable_above;
  /// The advice given with each category (indexed by Category): "advice" in the settings
  /// replaces any of them, {"zh", "en"} each.
  std::array<Text, category_count> advice = {default_advice(Category::attractive),
                                             default_advice(Category::one_dimensional),
                                             default_advice(Category::must_be),
                                             default_advice(Category::indifferent),
                                             default_advice(Category::reverse),
                                             default_advice(Category::questionable)};
  /// The language of the advice in the results ("lang"; the deck's Chinese by default).
  Lang lang = Lang::zh;

  /// The settings in JSON text: either a "kano" settings object (docs/rule-sets.md) or a
  /// whole rule set, whose "kano" key is read (its absence means the defaults). Errors
  /// carry the JSON pointer, line and column.
  [[nodiscard]] static expected<Settings> from_json(std::string_view json);
  /// The rule set's "kano" settings, or the defaults when it has none.
  static Settings from_rule_set(const RuleSet& rules);
};

/// One group's analysis: an attribute, within one segment (or all respondents) and one
/// wave.
struct Result {
  std::string attribute;
  std::optional<std::string> segment;  // nothing: all respondents
  std::string wave;                    // "" when the survey has no waves
  std::array<std::uint64_t, category_count> counts{};  // indexed by Category
  std::uint64_t n = 0;                                 // pairs counted, all six categories
  Category mode = Category::indifferent;      // the most frequent (ties: M > O > A > I > R > Q)
  Category category = Category::indifferent;  // the M > O > A > I rule with weak_threshold
  bool rule_applied = false;  // another category was within weak_threshold of the mode
  // The Fong test of the two most frequent categories other than Q: not significant when
  // |first - second| < 1.65 * sqrt((first + second)(2n - first - second) / (2n)).
  Category first = Category::indifferent, second = Category::indifferent;
  std::uint64_t fong_difference = 0;
  Decimal fong_threshold;  // 1.65 * sqrt(...), rounded
  bool significant = false;  // decided exactly (squared, in integers), not from the rounded threshold
  // (A + O) / (A + O + M + I) and -(O + M) / (A + O + M + I); nothing when A+O+M+I is 0.
  std::optional<Decimal> better, worse;
  Decimal total_strength;     // (A + O + M) / n
  Decimal category_strength;  // (first - second) / n

  [[nodiscard]] std::uint64_t count(Category c) const noexcept { return counts[static_cast<std::size_t>(c)]; }
};

/// An attribute's place in the action list (all respondents, the last wave).
struct Priority {
  std::size_t rank = 0;    // from 1
  std::size_t result = 0;  // index into Analysis::results
  std::string attribute;
  Category category = Category::indifferent;
  std::string advice;
};

/// One attribute classified differently by segments within one wave.
struct SegmentDifference {
  std::string attribute;
  std::string wave;
  std::vector<std::size_t> results;  // each segment's result (indices into Analysis::results)
};

/// An attribute whose category changed from one wave to the next.
struct Drift {
  enum class Direction { along, against, other };  // along A -> O -> M, against it, or to/from I, R, Q
  std::string attribute;
  std::optional<std::string> segment;  // nothing: all respondents
  std::string from_wave, to_wave;
  Category from = Category::indifferent, to = Category::indifferent;
  Direction direction = Direction::other;
  std::size_t from_result = 0, to_result = 0;  // both waves' figures
};

[[nodiscard]] std::string_view to_string(Drift::Direction d) noexcept;

struct Analysis {
  Settings settings;
  /// Ordered by wave (text order: ISO dates sort by time), then all respondents before
  /// each segment (text order), then attributes in order of first appearance.
  std::vector<Result> results;
  std::vector<Priority> priorities;
  std::vector<SegmentDifference> differences;
  std::vector<Drift> drifts;
  /// Every pair that was skipped (with its line) and every attribute left without a
  /// valid answer.
  std::vector<Error> issues;
  std::vector<std::string> dropped_respondents;  // by drop_questionable_above ("id" or "id@wave")
  std::uint64_t pairs_used = 0;

  /// Everything, with the settings and the rounding stated (docs/kano.md).
  [[nodiscard]] std::string to_json() const;
  /// One line per result, a header first.
  [[nodiscard]] std::string to_csv() const;
  /// The Better / Worse scatter of the last wave with its four quadrants.
  [[nodiscard]] std::string to_svg() const;
};

/// Which CSV columns hold what. The columns respondent, attribute, functional and
/// dysfunctional are required; segment and wave are read when named.
struct CsvColumns {
  std::string segment;  // e.g. "grade" (--by)
  std::string wave;     // e.g. "survey_date" (--wave)
};

class Survey;

/// Adds the answers of a CSV text (UTF-8, a header row, RFC 4180 quoting, LF or CRLF).
/// A missing required or named column, a malformed header, a header of more than
/// limits.csv_columns columns or a UTF-16 text is an error and adds nothing. A bad row is
/// an issue with its line and column (the field's position from 1) and is skipped; so is
/// a record that cannot be read to its end (a quote never closed, a record of more than
/// limits.csv_columns fields or limits.csv_record_bytes bytes): its issue says which lines
/// went with it, and reading resumes at the first later line that is a record of the
/// header's number of fields (src/csv/csv.hpp, "Recovery").
[[nodiscard]] expected<void> read_csv(Survey& survey, std::string_view csv, const CsvColumns& columns = {},
                                      const Limits& limits = {});

class Survey {
 public:
  explicit Survey(Settings settings = {});
  ~Survey();
  Survey(Survey&&) noexcept;
  Survey& operator=(Survey&&) noexcept;
  Survey(const Survey&) = delete;
  Survey& operator=(const Survey&) = delete;

  [[nodiscard]] const Settings& settings() const noexcept;

  /// One respondent's answers to one attribute's pair of questions. An empty segment or
  /// wave means none. `line` names the pair in errors (0: its position, counting every
  /// add from 1). A bad pair is an error, kept in issues(), and skipped.
  [[nodiscard]] expected<void> add(std::string_view respondent, std::string_view attribute, std::string_view functional,
                     std::string_view dysfunctional, std::string_view segment = {}, std::string_view wave = {},
                     std::uint64_t line = 0);

  /// The fast path: ids from the functions below, answers already parsed.
  std::uint32_t respondent_id(std::string_view respondent);
  std::uint32_t attribute_id(std::string_view attribute);
  std::uint32_t segment_id(std::string_view segment);  // "" is 0: no segment
  std::uint32_t wave_id(std::string_view wave);        // "" is 0: no wave
  /// Ids must come from this survey (an unknown id is an invalid_argument error).
  [[nodiscard]] expected<void> add(std::uint32_t respondent, std::uint32_t attribute, Answer functional, Answer dysfunctional,
                     std::uint32_t segment = 0, std::uint32_t wave = 0);

  /// Room for this many pairs in all (saves regrowing when the size is known).
  void reserve(std::size_t pairs);

  /// Records a skipped input (a CSV row the caller could not read) among the issues.
  void report(Error issue);

  [[nodiscard]] std::uint64_t pairs() const noexcept;  // pairs accepted so far
  [[nodiscard]] const std::vector<Error>& issues() const noexcept;

  [[nodiscard]] Analysis analyze() const;

 private:
  friend expected<void> read_csv(Survey& survey, std::string_view csv, const CsvColumns& columns, const Limits& limits);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};


}  // namespace crm::kano
