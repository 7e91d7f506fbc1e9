// Kano analysis: the evaluation table, the DOMAIN.md formulas checked by hand, a
// published analysis reproduced, segments, waves, settings and bad input.
#include <catch2/catch.hpp>

#include <map>

#include "crmrules/kano.hpp"
#include "crmrules/rule_set.hpp"
#include "tests/cpp/decimals.hpp"

using crm::Decimal;
using crm::ErrorCode;
using namespace crm::kano;

namespace {

/// Answer pairs that the standard table reads as each category.
constexpr const char* pair_for[6][2] = {{"1", "2"}, {"1", "5"}, {"2", "5"}, {"3", "3"}, {"5", "1"}, {"1", "1"}};

/// Adds count[c] pairs of category c for `attribute`, each from a new respondent.
void add_counts(Survey& survey, const std::string& attribute, std::array<int, 6> count, const std::string& segment = "",
                const std::string& wave = "") {
  static int respondent = 0;
  for (std::size_t c = 0; c < 6; ++c)
    for (int k = 0; k < count[c]; ++k)
      REQUIRE(survey.add("r" + std::to_string(++respondent), attribute, pair_for[c][0], pair_for[c][1], segment, wave));
}

const Result& find_result(const Analysis& a, std::string_view attribute, std::optional<std::string> segment = std::nullopt,
                   std::string_view wave = "") {
  for (const auto& r : a.results)
    if (r.attribute == attribute && r.segment == segment && r.wave == wave) return r;
  FAIL("no result for " << attribute);
  return a.results.front();
}

}  // namespace

TEST_CASE("the standard evaluation table is DOMAIN.md's", "[kano]") {
  const EvaluationTable t = standard_table();
  const char* rows[5] = {"QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"};
  for (int f = 0; f < 5; ++f)
    for (int d = 0; d < 5; ++d) CHECK(letter(t[f * 5 + d]) == std::string(1, rows[f][d]));
  // Through a survey: Like / Dislike is one-dimensional, Must-be / Dislike must-be.
  Survey s;
  REQUIRE(s.add("r1", "x", "Like", "Dislike"));
  REQUIRE(s.add("r2", "y", "Must-be", "Dislike"));
  const Analysis a = s.analyze();
  CHECK(find_result(a, "x").count(Category::one_dimensional) == 1);
  CHECK(find_result(a, "y").count(Category::must_be) == 1);
}

TEST_CASE("answers are numbers, English labels or Chinese labels", "[kano]") {
  CHECK(parse_answer("1") == Answer::like);
  CHECK(parse_answer(" 5 ") == Answer::dislike);
  CHECK(parse_answer("LIKE") == Answer::like);
  CHECK(parse_answer("must-be") == Answer::must_be);
  CHECK(parse_answer("Must be") == Answer::must_be);
  CHECK(parse_answer("Neutral") == Answer::neutral);
  CHECK(parse_answer("Live-with") == Answer::live_with);
  CHECK(parse_answer("I can tolerate it") == Answer::live_with);
  CHECK(parse_answer("Dislike") == Answer::dislike);
  CHECK(parse_answer("喜欢") == Answer::like);
  CHECK(parse_answer("理所当然") == Answer::must_be);
  CHECK(parse_answer("无所谓") == Answer::neutral);
  CHECK(parse_answer("能忍受") == Answer::live_with);
  CHECK(parse_answer("不喜欢") == Answer::dislike);
  auto six = parse_answer("6");
  REQUIRE_FALSE(six);
  CHECK(six.error().code == ErrorCode::out_of_range);
  CHECK(six.error().message.find("'6'") != std::string::npos);
  CHECK_FALSE(parse_answer("0"));
  CHECK_FALSE(parse_answer("12"));
  CHECK_FALSE(parse_answer("love it"));
  CHECK(parse_answer("").error().code == ErrorCode::missing);
}

TEST_CASE("DOMAIN.md's formulas, checked by hand", "[kano]") {
  // A 3, O 5, M 10, I 2: n 20.
  Survey s;
  add_counts(s, "brakes", {3, 5, 10, 2, 0, 0});
  const Analysis analysis_r = s.analyze();
  const Result& r = find_result(analysis_r, "brakes");
  CHECK(r.n == 20);
  CHECK(r.mode == Category::must_be);
  CHECK(r.category == Category::must_be);
  CHECK_FALSE(r.rule_applied);
  CHECK(r.better->to_string() == "0.4000");         // (3 + 5) / 20
  CHECK(r.worse->to_string() == "-0.7500");         // -(5 + 10) / 20
  CHECK(r.total_strength.to_string() == "0.9000");  // (3 + 5 + 10) / 20
  CHECK(r.category_strength.to_string() == "0.2500");  // (10 - 5) / 20
  // Fong: |10 - 5| = 5 against 1.65 sqrt(15 (40 - 15) / 40) = 1.65 sqrt(9.375)
  // = 5.05207..., so the lead of M over O is not significant.
  CHECK(r.first == Category::must_be);
  CHECK(r.second == Category::one_dimensional);
  CHECK(r.fong_difference == 5);
  CHECK(r.fong_threshold.to_string() == "5.0521");
  CHECK_FALSE(r.significant);

  // R and Q count in n but not in Better and Worse: A 6, O 2, I 2, R 1, Q 1.
  Survey t;
  add_counts(t, "colour", {6, 2, 0, 2, 1, 1});
  const Analysis analysis_c = t.analyze();
  const Result& c = find_result(analysis_c, "colour");
  CHECK(c.n == 12);
  CHECK(c.better->to_string() == "0.8000");           // 8 / 10
  CHECK(c.worse->to_string() == "-0.2000");           // -2 / 10
  CHECK(c.total_strength.to_string() == "0.6667");    // 8 / 12, half-up
  CHECK(c.category_strength.to_string() == "0.3333");  // (6 - 2) / 12
  // |6 - 2| = 4 against 1.65 sqrt(8 * 16 / 24) = 3.8105...: significant.
  CHECK(c.fong_threshold.to_string() == "3.8105");
  CHECK(c.significant);
}

TEST_CASE("rounding is stated and applied once: half-up by default, half-even on request", "[kano]") {
  // Better = 1 / 32 = 0.03125 exactly: a tie at four places.
  Survey up;
  add_counts(up, "x", {1, 0, 0, 31, 0, 0});
  CHECK(find_result(up.analyze(), "x").better->to_string() == "0.0313");
  Settings even;
  even.rounding = crm::Rounding::half_even;
  Survey e(even);
  add_counts(e, "x", {1, 0, 0, 31, 0, 0});
  const Analysis a = e.analyze();
  CHECK(find_result(a, "x").better->to_string() == "0.0312");
  CHECK(find_result(a, "x").worse->to_string() == "0.0000");
  CHECK(a.to_json().find("\"scale\": 4, \"rounding\": \"half_even\"") != std::string::npos);
}

TEST_CASE("the M > O > A > I rule settles ties and weak majorities", "[kano]") {
  SECTION("an exact tie goes to M") {
    Survey s;
    add_counts(s, "x", {0, 5, 5, 0, 0, 0});
    const Analysis analysis_r = s.analyze();
    const Result& r = find_result(analysis_r, "x");
    CHECK(r.mode == Category::must_be);
    CHECK(r.category == Category::must_be);
    CHECK(r.rule_applied);
  }
  SECTION("a lead within the threshold is weak") {
    // O 12, M 10, A 3 (n 25): the default threshold, 0.05 * 25 = 1.25, keeps O.
    Survey s;
    add_counts(s, "x", {3, 12, 10, 0, 0, 0});
    CHECK(find_result(s.analyze(), "x").category == Category::one_dimensional);
    // A threshold of 0.1 (2.5 pairs) makes O's lead of 2 weak: M wins.
    Settings wide;
    wide.weak_threshold = dec("0.1");
    Survey w(wide);
    add_counts(w, "x", {3, 12, 10, 0, 0, 0});
    const Analysis analysis_r = w.analyze();
    const Result& r = find_result(analysis_r, "x");
    CHECK(r.mode == Category::one_dimensional);
    CHECK(r.category == Category::must_be);
    CHECK(r.rule_applied);
  }
}

// Checked against a published analysis: the documented output of the R package stp25kano
// (Wolfgang Peter, README "Kano Analyse", https://github.com/stp4/stp25kano, 2024-05-11):
// five attributes of a maker of cleaning machines, n = 296 each. Its table prints Better
// and Worse ("CS plus", "CS minus") to 3 places, strengths as whole percentages, the Fong
// threshold to 1 place, the "max Category" and the "M>O>A>I" category (it treats
// categories within 5 percentage points as tied: our default weak_threshold of 0.05).
TEST_CASE("reproduces stp25kano's published example", "[kano]") {
  struct Row {
    const char* attribute;
    std::array<int, 6> counts;  // A O M I R Q
    const char *mode, *category, *better, *worse, *total, *strength, *fong;
    bool significant;
  };
  const Row rows[] = {
      {"Service app", {45, 123, 95, 33, 0, 0}, "O", "O", "0.568", "-0.736", "0.89", "0.09", "19.4", true},
      {"Excellent service", {54, 54, 101, 81, 3, 3}, "M", "M", "0.372", "-0.534", "0.71", "0.07", "18.5", true},
      {"Hotline", {121, 24, 15, 124, 6, 6}, "I", "A", "0.511", "-0.137", "0.54", "0.01", "19.8", false},
      {"Loan machine", {93, 87, 65, 51, 0, 0}, "A", "O", "0.608", "-0.514", "0.83", "0.02", "18.5", false},
      {"Ready-to-use return", {83, 18, 9, 177, 6, 3}, "I", "I", "0.352", "-0.094", "0.37", "0.32", "19.9", true},
  };
  auto analyse = [&](int scale) {
    Settings s;
    s.scale = scale;
    Survey survey(s);
    for (const Row& row : rows) add_counts(survey, row.attribute, row.counts);
    return survey.analyze();
  };
  const Analysis three = analyse(3), two = analyse(2), one = analyse(1);
  for (const Row& row : rows) {
    INFO(row.attribute);
    const Result& r = find_result(three, row.attribute);
    CHECK(r.n == 296);
    CHECK(letter(r.mode) == row.mode);
    CHECK(letter(r.category) == row.category);
    CHECK(r.better->to_string() == row.better);
    CHECK(r.worse->to_string() == row.worse);
    CHECK(r.significant == row.significant);
    CHECK(find_result(two, row.attribute).total_strength.to_string() == row.total);
    CHECK(find_result(two, row.attribute).category_strength.to_string() == row.strength);
    CHECK(find_result(one, row.attribute).fong_threshold.to_string() == row.fong);
  }
}

TEST_CASE("priorities: M first, then O, A, I, with the coefficients breaking ties", "[kano]") {
  Survey s;
  add_counts(s, "gift wrap", {8, 1, 0, 1, 0, 0});      // A, Better 0.9
  add_counts(s, "warranty", {0, 1, 8, 1, 0, 0});       // M, |Worse| 0.9
  add_counts(s, "brochure", {1, 0, 0, 9, 0, 0});       // I
  add_counts(s, "delivery", {1, 8, 1, 0, 0, 0});       // O
  add_counts(s, "safety", {0, 0, 10, 0, 0, 0});        // M, |Worse| 1: before warranty
  add_counts(s, "app", {6, 1, 0, 3, 0, 0});            // A, Better 0.7: after gift wrap
  const Analysis a = s.analyze();
  std::vector<std::string> order;
  for (const auto& p : a.priorities) order.push_back(p.attribute);
  CHECK(order == std::vector<std::string>{"safety", "warranty", "delivery", "gift wrap", "app", "brochure"});
  CHECK(a.priorities[0].rank == 1);
  // The deck's words for M, O and A, in Chinese by default.
  CHECK(a.priorities[0].advice.find("不要在产品和服务的基本品质方面失分") != std::string::npos);
  CHECK(a.priorities[2].advice.find("客户谈论及头脑中定位的通常是期望型品质需求") != std::string::npos);
  CHECK(a.priorities[3].advice.find("魅力品质需求是创新性需求") != std::string::npos);
}

TEST_CASE("the advice in English, or in the rule author's words", "[kano]") {
  auto settings = Settings::from_json(R"({"lang": "en", "advice": {"attractive": {"zh": "惊喜", "en": "delight them"}}})");
  REQUIRE(settings);
  Survey s(*settings);
  add_counts(s, "safety", {0, 0, 10, 0, 0, 0});
  add_counts(s, "app", {9, 0, 0, 1, 0, 0});
  const Analysis a = s.analyze();
  CHECK(a.priorities[0].advice.find("never lose points on basics") != std::string::npos);
  CHECK(a.priorities[1].advice == "delight them");
  auto lang = Settings::from_json(R"({"lang": "fr"})");
  REQUIRE_FALSE(lang);
  CHECK(lang.error().code == ErrorCode::invalid_argument);
  CHECK(lang.error().where.pointer == "/lang");
  auto category = Settings::from_json(R"({"advice": {"atractive": {"en": "x"}}})");
  REQUIRE_FALSE(category);
  CHECK(category.error().where.pointer == "/advice/atractive");
  CHECK(category.error().message.find("did you mean 'attractive'") != std::string::npos);
}

TEST_CASE("segments: results per segment and horizontal differences flagged", "[kano]") {
  Survey s;
  add_counts(s, "navigation", {1, 2, 7, 0, 0, 0}, "north");
  add_counts(s, "navigation", {1, 7, 2, 0, 0, 0}, "south");
  add_counts(s, "car wash", {7, 1, 1, 1, 0, 0}, "north");
  add_counts(s, "car wash", {6, 2, 1, 1, 0, 0}, "south");
  const Analysis a = s.analyze();
  CHECK(find_result(a, "navigation").n == 20);  // all respondents
  CHECK(find_result(a, "navigation", "north").category == Category::must_be);
  CHECK(find_result(a, "navigation", "south").category == Category::one_dimensional);
  REQUIRE(a.differences.size() == 1);
  CHECK(a.differences[0].attribute == "navigation");
  REQUIRE(a.differences[0].results.size() == 2);
  CHECK(a.results[a.differences[0].results[0]].segment == "north");
  CHECK(a.to_json().find("\"segment_differences\": [\n  {\"attribute\": \"navigation\"") != std::string::npos);
}

TEST_CASE("waves: drift along A -> O -> M and against it, with both waves' figures", "[kano]") {
  Survey s;
  add_counts(s, "navigation", {8, 1, 1, 0, 0, 0}, "", "2019");
  add_counts(s, "navigation", {1, 8, 1, 0, 0, 0}, "", "2022");
  add_counts(s, "navigation", {1, 1, 8, 0, 0, 0}, "", "2025");
  add_counts(s, "paper map", {0, 1, 8, 1, 0, 0}, "", "2019");
  add_counts(s, "paper map", {0, 8, 1, 1, 0, 0}, "", "2025");
  add_counts(s, "ashtray", {0, 8, 1, 1, 0, 0}, "", "2019");
  add_counts(s, "ashtray", {0, 1, 1, 8, 0, 0}, "", "2025");
  const Analysis a = s.analyze();
  std::map<std::string, std::vector<std::string>> seen;
  for (const auto& d : a.drifts)
    seen[d.attribute].push_back(d.from_wave + ">" + d.to_wave + ":" + std::string(letter(d.from)) +
                                std::string(letter(d.to)) + ":" + std::string(to_string(d.direction)));
  CHECK(seen["navigation"] == std::vector<std::string>{"2019>2022:AO:along", "2022>2025:OM:along"});
  CHECK(seen["paper map"] == std::vector<std::string>{"2019>2025:MO:against"});
  CHECK(seen["ashtray"] == std::vector<std::string>{"2019>2025:OI:other"});
  const Drift& d = a.drifts.front();
  CHECK(a.results[d.from_result].wave == "2019");
  CHECK(a.results[d.to_result].wave == "2022");
  CHECK(a.results[d.to_result].better->to_string() == "0.9000");
  // Priorities come from the last wave.
  REQUIRE_FALSE(a.priorities.empty());
  CHECK(a.results[a.priorities.front().result].wave == "2025");
}

TEST_CASE("respondents with mostly questionable answers can be left out", "[kano]") {
  Settings settings;
  settings.drop_questionable_above = dec("0.5");
  Survey s(settings);
  // careless: Q, Q, O (2 of 3 questionable); careful: O, O, Q (1 of 3).
  for (auto [who, attr, f, d] : std::vector<std::array<const char*, 4>>{{"careless", "a", "1", "1"},
                                                                         {"careless", "b", "5", "5"},
                                                                         {"careless", "c", "1", "5"},
                                                                         {"careful", "a", "1", "5"},
                                                                         {"careful", "b", "1", "5"},
                                                                         {"careful", "c", "1", "1"}})
    REQUIRE(s.add(who, attr, f, d));
  const Analysis a = s.analyze();
  CHECK(a.dropped_respondents == std::vector<std::string>{"careless"});
  CHECK(a.pairs_used == 3);
  CHECK(find_result(a, "a").n == 1);
  CHECK(find_result(a, "a").category == Category::one_dimensional);
  // Without the option everybody counts.
  Survey all;
  REQUIRE(all.add("careless", "a", "1", "1"));
  REQUIRE(all.add("careful", "a", "1", "5"));
  CHECK(all.analyze().dropped_respondents.empty());
}

TEST_CASE("bad pairs are reported with their line and skipped, the rest is unaffected", "[kano]") {
  Survey s;
  REQUIRE(s.add("r1", "x", "1", "5"));
  SECTION("an answer outside 1..5") {
    auto e = s.add("r2", "x", "6", "5");
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::out_of_range);
    CHECK(e.error().where.line == 2);  // the second add
    CHECK(e.error().message.find("functional question") != std::string::npos);
  }
  SECTION("an unknown label, with the caller's line") {
    auto e = s.add("r2", "x", "Like", "hate it", "", "", 17);
    REQUIRE_FALSE(e);
    CHECK(e.error().where.line == 17);
    CHECK(e.error().message.find("dysfunctional question: answer 'hate it'") != std::string::npos);
  }
  SECTION("one question of the pair only") {
    auto e = s.add("r2", "x", "", "Dislike");
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::missing);
    CHECK(e.error().message.find("only the dysfunctional question was answered") != std::string::npos);
  }
  REQUIRE(s.issues().size() == 1);
  REQUIRE(s.add("r3", "x", "2", "5"));
  const Analysis a = s.analyze();
  CHECK(a.issues.size() == 1);
  CHECK(find_result(a, "x").n == 2);
  CHECK(find_result(a, "x").count(Category::one_dimensional) == 1);
  CHECK(find_result(a, "x").count(Category::must_be) == 1);
}

TEST_CASE("an attribute with no valid answers is reported, not analysed", "[kano]") {
  Survey s;
  REQUIRE(s.add("r1", "x", "1", "5"));
  REQUIRE_FALSE(s.add("r1", "ghost", "9", "9", "", "", 4));
  const Analysis a = s.analyze();
  CHECK(a.results.size() == 1);
  REQUIRE(a.issues.size() == 2);
  CHECK(a.issues[1].message == "attribute 'ghost' has no valid answers");
  CHECK(a.issues[1].where.line == 4);
}

TEST_CASE("the fast path takes ids and parsed answers", "[kano]") {
  Survey s;
  const auto r = s.respondent_id("r1"), x = s.attribute_id("x"), g = s.segment_id("gold"), w = s.wave_id("2024");
  REQUIRE(s.add(r, x, Answer::like, Answer::dislike, g, w));
  CHECK_FALSE(s.add(r, 99, Answer::like, Answer::dislike));
  CHECK_FALSE(s.add(r, x, static_cast<Answer>(0), Answer::dislike));
  CHECK(s.pairs() == 1);
  const Analysis a = s.analyze();
  CHECK(find_result(a, "x", "gold", "2024").count(Category::one_dimensional) == 1);
}

TEST_CASE("CSV: header, quotes, CRLF, BOM, labels in both languages, segments and waves", "[kano]") {
  const std::string csv =
      "\xEF\xBB\xBFrespondent,attribute,functional,dysfunctional,region,date\r\n"
      "1,\"Delivery, free\",Like,Dislike,north,2024-01\r\n"
      "2,\"Delivery, free\",喜欢,不喜欢,south,2024-01\r\n"
      "3,\"Say \"\"hi\"\"\",3,3,north,2024-01\r\n";
  Survey s;
  REQUIRE(read_csv(s, csv, {"region", "date"}));
  CHECK(s.pairs() == 3);
  const Analysis a = s.analyze();
  CHECK(find_result(a, "Delivery, free", std::nullopt, "2024-01").count(Category::one_dimensional) == 2);
  CHECK(find_result(a, "Say \"hi\"", "north", "2024-01").count(Category::indifferent) == 1);
  CHECK(a.to_csv().find("2024-01,,\"Delivery, free\",0,2,0,0,0,0,2,O,O,") != std::string::npos);
}

TEST_CASE("CSV bad input: each bad row named by line and column, the rest read", "[kano]") {
  const std::string csv =
      "respondent,attribute,functional,dysfunctional\n"
      "1,speed,1,5\n"
      "2,speed,7,5\n"         // line 3: outside 1..5
      "3,speed,Like,\n"       // line 4: one question only
      "4,speed,Adore,5\n"     // line 5: unknown label
      "5,ghost,x,y\n"         // line 6: an attribute with no valid answer
      "6,speed,2,5\n";
  Survey s;
  REQUIRE(read_csv(s, csv));
  CHECK(s.pairs() == 2);
  const Analysis a = s.analyze();
  REQUIRE(a.issues.size() == 5);
  CHECK(a.issues[0].where.line == 3);
  CHECK(a.issues[0].where.column == 3);
  CHECK(a.issues[0].code == ErrorCode::out_of_range);
  CHECK(a.issues[1].where.line == 4);
  CHECK(a.issues[1].where.column == 4);
  CHECK(a.issues[1].code == ErrorCode::missing);
  CHECK(a.issues[2].where.line == 5);
  CHECK(a.issues[2].message.find("'Adore'") != std::string::npos);
  CHECK(a.issues[3].where.line == 6);
  CHECK(a.issues[4].message == "attribute 'ghost' has no valid answers");
  CHECK(a.issues[4].where.line == 6);
  CHECK(find_result(a, "speed").n == 2);
}

TEST_CASE("CSV: a missing column adds nothing", "[kano]") {
  Survey s;
  auto missing = read_csv(s, "respondent,attribute,functional\n1,x,1\n");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::missing);
  CHECK(missing.error().message.find("'dysfunctional' is missing") != std::string::npos);
  CHECK(missing.error().where.line == 1);
  auto no_segment = read_csv(s, "respondent,attribute,functional,dysfunctional\n1,x,1,5\n", {"region", ""});
  REQUIRE_FALSE(no_segment);
  CHECK(no_segment.error().message.find("segment column 'region'") != std::string::npos);
  CHECK(s.pairs() == 0);
  // A header of many columns is listed in part.
  std::string wide = "respondent";
  for (int i = 0; i < 100; ++i) wide += ",c" + std::to_string(i);
  auto many = read_csv(s, wide + "\n");
  REQUIRE_FALSE(many);
  CHECK(many.error().message.find("(it has: respondent, c0, c1, ") != std::string::npos);
  CHECK(many.error().message.find("c18 and 81 more)") != std::string::npos);
}

TEST_CASE("CSV: a quote never closed is an issue, reading resumes at the next record", "[kano]") {
  // Line 3's quote never closes: lines 3 to 4 go (line 4 has 2 fields, not 4), line 5 is
  // a record of the header's width and reads.
  Survey s;
  REQUIRE(read_csv(s, "respondent,attribute,functional,dysfunctional\n1,x,1,5\n2,\"y,1,5\nnote, more\n3,x,2,5\n"));
  CHECK(s.pairs() == 2);
  REQUIRE(s.issues().size() == 1);
  CHECK(s.issues()[0].code == ErrorCode::parse);
  CHECK(s.issues()[0].where.line == 3);
  CHECK(s.issues()[0].where.column == 2);
  CHECK(s.issues()[0].message ==
        "a quoted field opens here and is never closed; 2 lines (3 to 4) skipped, reading resumes at line 5");
  // A UTF-16 file is still refused whole.
  auto utf16 = read_csv(s, std::string("\xFF\xFEr\0", 4));
  REQUIRE_FALSE(utf16);
  CHECK(utf16.error().code == ErrorCode::invalid_utf8);
}

TEST_CASE("CSV limits: a header wider than csv_columns is an error, a record past a limit is an issue", "[kano]") {
  const std::string header = "respondent,attribute,functional,dysfunctional";
  crm::Limits narrow;
  narrow.csv_columns = 3;
  Survey s;
  auto wide = read_csv(s, header + "\n1,x,1,5\n", {}, narrow);
  REQUIRE_FALSE(wide);
  CHECK(wide.error().code == ErrorCode::out_of_range);
  CHECK(wide.error().where.line == 1);
  CHECK(wide.error().message.find("more than 3 fields") != std::string::npos);
  CHECK(wide.error().message.find("crm::Limits::csv_columns") != std::string::npos);
  CHECK(s.pairs() == 0);

  crm::Limits short_records;
  short_records.csv_record_bytes = 46;  // the header's length
  const std::string csv =
      header + "\n1,x,1,5\n2," + std::string(60, 'y') + ",1,5\n3,\"" + std::string(60, 'z') + "\n4,x,2,5\n5,x,3,3\n";
  REQUIRE(read_csv(s, csv, {}, short_records));
  CHECK(s.pairs() == 3);  // lines 2, 5 and 6
  REQUIRE(s.issues().size() == 2);
  CHECK(s.issues()[0].where.line == 3);
  CHECK(s.issues()[0].message.find("a record longer than 46 bytes (crm::Limits::csv_record_bytes)") !=
        std::string::npos);
  CHECK(s.issues()[1].where.line == 4);
  CHECK(s.issues()[1].message.find("still open when its record passes 46 bytes") != std::string::npos);
  CHECK(s.issues()[1].message.find("reading resumes at line 5") != std::string::npos);
}

TEST_CASE("a rule set may replace the evaluation table and the settings", "[kano]") {
  const std::string rules = R"({"crmrules": 1, "name": "kano", "version": "1", "inputs": {}, "decisions": [],
    "kano": {"table": [["Q","A","A","A","O"], ["R","I","I","I","M"], ["R","I","I","I","I"],
                       ["R","I","I","I","M"], ["R","R","R","R","Q"]],
             "weak_threshold": "0.1", "scale": 2, "rounding": "half_even", "drop_questionable_above": 0.5}})";
  auto loaded = crm::RuleSet::load(rules);
  REQUIRE(loaded);
  const Settings s = Settings::from_rule_set(*loaded);
  CHECK(s.table[2 * 5 + 4] == Category::indifferent);  // Neutral / Dislike: I in this variant
  CHECK(s.weak_threshold == dec("0.1"));
  CHECK(s.scale == 2);
  CHECK(s.rounding == crm::Rounding::half_even);
  CHECK(s.drop_questionable_above == dec("0.5"));
  auto same = Settings::from_json(rules);
  REQUIRE(same);
  CHECK(same->table == s.table);
  Survey survey(s);
  REQUIRE(survey.add("r1", "x", "Neutral", "Dislike"));
  CHECK(find_result(survey.analyze(), "x").count(Category::indifferent) == 1);
  // A rule set without the key gives the standard settings.
  auto plain = crm::RuleSet::load(R"({"crmrules": 1, "name": "p", "version": "1", "inputs": {}, "decisions": []})");
  REQUIRE(plain);
  CHECK(Settings::from_rule_set(*plain).table == standard_table());
}

TEST_CASE("bad Kano settings name their place", "[kano]") {
  auto e = Settings::from_json("{\"table\": [[\"Q\",\"A\",\"A\",\"A\",\"O\"], [\"R\",\"I\",\"I\",\"I\",\"M\"],\n"
                               "[\"R\",\"I\",\"X\",\"I\",\"M\"], [\"R\",\"I\",\"I\",\"I\",\"M\"], [\"R\",\"R\",\"R\",\"R\",\"Q\"]]}");
  REQUIRE_FALSE(e);
  CHECK(e.error().code == ErrorCode::out_of_range);
  CHECK(e.error().where.pointer == "/table/2/2");
  CHECK(e.error().where.line == 2);
  auto rows = Settings::from_json(R"({"table": [["Q","A","A","A","O"]]})");
  REQUIRE_FALSE(rows);
  CHECK(rows.error().message.find("5 rows") != std::string::npos);
  auto share = Settings::from_json(R"({"weak_threshold": 1.5})");
  REQUIRE_FALSE(share);
  CHECK(share.error().where.pointer == "/weak_threshold");
  auto key = crm::RuleSet::load(R"({"crmrules": 1, "name": "k", "version": "1", "inputs": {}, "decisions": [],
    "kano": {"weak_treshold": 0.1}})");
  REQUIRE_FALSE(key);
  CHECK(key.error().code == ErrorCode::unknown_name);
  CHECK(key.error().where.pointer == "/kano/weak_treshold");
  CHECK(key.error().message.find("did you mean 'weak_threshold'") != std::string::npos);
  CHECK(key.error().where.line == 2);
}

TEST_CASE("JSON and SVG state what they show", "[kano]") {
  Survey s;
  add_counts(s, "safety <&>", {0, 1, 9, 0, 0, 0});
  add_counts(s, "gift", {9, 1, 0, 0, 0, 0});
  const Analysis a = s.analyze();
  const std::string json = a.to_json();
  CHECK(json.find("\"weak_threshold\": 0.05, \"scale\": 4, \"rounding\": \"half_up\"") != std::string::npos);
  CHECK(json.find("\"counts\": {\"A\": 0, \"O\": 1, \"M\": 9, \"I\": 0, \"R\": 0, \"Q\": 0}, \"n\": 10") !=
        std::string::npos);
  CHECK(json.find("\"better\": 0.1000, \"worse\": -1.0000") != std::string::npos);
  const std::string svg = a.to_svg();
  CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  for (const char* label : {"Attractive (A)", "One-dimensional (O)", "Must-be (M)", "Indifferent (I)"})
    CHECK(svg.find(label) != std::string::npos);
  CHECK(svg.find("safety &lt;&amp;&gt;") != std::string::npos);
  // |Worse| 1 -> x 500; Better 0.1 -> y 450 (500 px, Better grows upwards).
  CHECK(svg.find("cx=\"500.0\" cy=\"450.0\"") != std::string::npos);
}

TEST_CASE("text that is not UTF-8 is a bad pair naming its part", "[kano]") {
  Survey s;
  auto e = s.add("r1", "x", "Like", "\xC3(", "", "", 9);
  REQUIRE_FALSE(e);
  CHECK(e.error().code == ErrorCode::invalid_utf8);
  CHECK(e.error().message == "the dysfunctional answer is not valid UTF-8 (byte 0)");
  CHECK(e.error().where.line == 9);
  CHECK(s.pairs() == 0);
}

TEST_CASE("CSV: a malformed record is an issue and the next one reads", "[kano]") {
  Survey s;
  REQUIRE(read_csv(s, "respondent,attribute,functional,dysfunctional\n1,\"sp\"eed,1,5\n2,speed,1,5\n"));
  CHECK(s.pairs() == 1);
  REQUIRE(s.issues().size() == 1);
  CHECK(s.issues()[0].code == ErrorCode::parse);
  CHECK(s.issues()[0].where.line == 2);
}
