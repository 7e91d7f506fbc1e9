// Grading a portfolio CSV: the output rows with their portfolio columns, rejected rows
// with line, column and reason, and the files that cannot be graded.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <unistd.h>

#include "crmrules/portfolio_grading.hpp"

#ifndef CRM_TEST_DATA
#error "CRM_TEST_DATA must name tests/data"
#endif

using crm::ErrorCode;

namespace {

const std::string data = CRM_TEST_DATA;

crm::RuleSet fixture() {
  auto rules = crm::RuleSet::load_file(data + "/portfolio_rules.json");
  if (!rules) FAIL(rules.error().to_string());
  return std::move(*rules);
}

/// A temporary CSV file holding text, removed at the end of the test.
struct TempCsv {
  std::string path;
  explicit TempCsv(std::string_view text) {
    static std::atomic<int> counter{0};
    path = "/tmp/crmrules_grade_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".csv";
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempCsv() { std::remove(path.c_str()); }
};

struct Graded {
  crm::GradeSummary summary;
  std::string output;
};

Graded grade(const std::string& path, crm::GradeOptions options = {}) {
  std::ostringstream out;
  auto summary = crm::grade_csv(fixture(), path, out, options);
  if (!summary) FAIL(summary.error().to_string());
  return {std::move(*summary), out.str()};
}

const char* deck =
    "id,name,annual_purchases,annual_net_profit,cooperation,background,potential\n"
    "HQ,华强工贸,5000000,500000,7,none,C1\n"
    "HW,华为,130000000,20000000,5,technology,A1\n"
    "CM,中国移动,50000000,6000000,3,government,A1\n";

}  // namespace

TEST_CASE("grade_csv: every customer graded, with ABC class, rank and cumulative share", "[portfolio][grade]") {
  TempCsv file(deck);
  const auto g = grade(file.path);
  CHECK(g.summary.rows == 3);
  CHECK(g.summary.graded == 3);
  CHECK(g.summary.rejected == 0);
  CHECK(g.summary.warnings.empty());
  CHECK(g.output ==
        "line,id,name,value_score,value_grade,partner,abc_class,abc_rank,cumulative_share\n"
        "2,HQ,华强工贸,9.75,C2,false,C,3,1.000000\n"
        "3,HW,华为,95.00,A1,false,A,1,0.754717\n"
        "4,CM,中国移动,52.00,A3,false,A,2,0.981132\n");
  REQUIRE(g.summary.grades.size() == 3);
  CHECK(g.summary.grades[0].label == "A1");
  CHECK(g.summary.grades[0].per_class[0] == 1);
  CHECK(g.summary.portfolio->count(crm::AbcClass::A) == 2);
  // The top 20% of 3 customers is 0.6 of Huawei: 12,000,000 of 26,500,000.
  CHECK(g.summary.pareto_share()->to_string() == "0.452830");
}

TEST_CASE("grade_csv: bad rows are rejected with line, column and reason, the rest is unaffected", "[portfolio][grade]") {
  const auto g = grade(data + "/portfolio_bad_rows.csv");
  CHECK(g.summary.rows == 6);
  CHECK(g.summary.graded == 2);
  CHECK(g.summary.rejected == 4);
  REQUIRE(g.summary.rejects.size() == 4);
  const auto& r = g.summary.rejects;
  CHECK(r[0].line == 3);  // the missing required profit
  CHECK(r[0].column == "annual_net_profit");
  CHECK(r[0].error.code == ErrorCode::missing);
  CHECK(r[1].line == 4);  // "5,000,000"
  CHECK(r[1].column == "annual_purchases");
  CHECK(r[1].error.code == ErrorCode::parse);
  CHECK(r[1].error.where.column == 3);
  CHECK(r[1].error.message.find("unparsable amount '5,000,000'") != std::string::npos);
  CHECK(r[2].line == 5);  // an unknown enum value
  CHECK(r[2].column == "background");
  CHECK(r[2].error.message.find("martian") != std::string::npos);
  CHECK(r[3].line == 6);  // a grade label that does not exist
  CHECK(r[3].column == "potential");
  CHECK(r[3].error.message.find("Z9") != std::string::npos);
  REQUIRE(g.summary.warnings.size() == 1);
  CHECK(g.summary.warnings[0].find("'shoe_size' is not an input") != std::string::npos);
  // The good rows are graded as if the bad ones were not there.
  CHECK(g.output ==
        "line,id,name,value_score,value_grade,partner,abc_class,abc_rank,cumulative_share\n"
        "2,OK1,华为,95.00,A1,false,A,1,0.769231\n"
        "7,OK2,中国移动,52.00,A3,false,A,2,1.000000\n");
  const std::string json = g.summary.to_json();
  // Each reject: its column's name, then its error in the library's one JSON form.
  CHECK(json.find("{\"field\": \"annual_purchases\", \"code\": \"parse\", \"message\": \"unparsable amount '5,000,000' "
                  "in column 'annual_purchases': ") != std::string::npos);
  CHECK(json.find("\"5,000,000\\\"\", \"line\": 4, \"column\": 3}") != std::string::npos);
  CHECK(json.find("\"stopped\": null") != std::string::npos);
}

TEST_CASE("grade_csv: a quote never closed is one reject, reading resumes at the next record", "[portfolio][grade]") {
  // Line 3's quote never closes. Line 4 has two fields, not three, so it goes with it;
  // line 5 is a record again, and the rows from there on are graded.
  TempCsv file("id,annual_purchases,annual_net_profit\nA,5,100\nB,\"5,100\nnote, more\nC,5,100\nD,6,200\n");
  const auto g = grade(file.path);
  CHECK(g.summary.rows == 4);  // A, the broken B, C, D
  CHECK(g.summary.graded == 3);
  CHECK(g.summary.rejected == 1);
  CHECK_FALSE(g.summary.stopped);
  REQUIRE(g.summary.rejects.size() == 1);
  CHECK(g.summary.rejects[0].line == 3);
  CHECK(g.summary.rejects[0].column == "annual_purchases");
  CHECK(g.summary.rejects[0].error.code == ErrorCode::parse);
  const std::string json = g.summary.to_json();
  CHECK(json.find("{\"field\": \"annual_purchases\", \"code\": \"parse\", \"message\": \"a quoted field opens here "
                  "and is never closed; 2 lines (3 to 4) skipped, reading resumes at line 5\", \"line\": 3, "
                  "\"column\": 2}") != std::string::npos);
  CHECK(json.find("\"stopped\": null") != std::string::npos);
  CHECK(g.output.find("\n5,C,") != std::string::npos);
  CHECK(g.output.find("\n6,D,") != std::string::npos);
}

TEST_CASE("grade_csv: records past GradeOptions::limits are rejected, the others graded", "[portfolio][grade]") {
  crm::GradeOptions options;
  options.limits.csv_record_bytes = 64;
  options.limits.csv_columns = 4;
  std::string text = "id,annual_purchases,annual_net_profit\nA,5,100\n";
  text += "B," + std::string(80, '9') + ",100\n";                                          // line 3: too long
  text += "C,5,100,x,y\n";                                                                 // line 4: too wide
  text += "D,\"5\n" + std::string(30, 'z') + "\n" + std::string(30, 'z') + "\nE,7,300\n";  // 5: runaway quote
  const auto g = grade(TempCsv(text).path, options);
  CHECK(g.summary.graded == 2);  // A and E
  REQUIRE(g.summary.rejects.size() == 3);
  CHECK(g.summary.rejects[0].line == 3);
  CHECK(g.summary.rejects[0].error.code == ErrorCode::out_of_range);
  CHECK(g.summary.rejects[0].error.message ==
        "a record longer than 64 bytes (crm::Limits::csv_record_bytes) starts here; line 3 skipped, reading resumes at "
        "line 4");
  CHECK(g.summary.rejects[1].line == 4);
  CHECK(g.summary.rejects[1].error.message.find("more than 4 fields") != std::string::npos);
  CHECK(g.summary.rejects[2].line == 5);
  CHECK(g.summary.rejects[2].column == "annual_purchases");
  CHECK(g.summary.rejects[2].error.message.find("3 lines (5 to 7) skipped, reading resumes at line 8") !=
        std::string::npos);
  CHECK(g.output.find("\n8,E,") != std::string::npos);

  // A header wider than csv_columns is an error naming the limit and the line.
  options.limits.csv_columns = 2;
  std::ostringstream out;
  auto wide = crm::grade_csv(fixture(), TempCsv("id,annual_purchases,annual_net_profit\nA,5,100\n").path, out, options);
  REQUIRE_FALSE(wide);
  CHECK(wide.error().code == ErrorCode::out_of_range);
  CHECK(wide.error().where.line == 1);
  CHECK(wide.error().message ==
        "the header: the record has more than 2 fields, the most a record may have (crm::Limits::csv_columns)");
}

TEST_CASE("grade_csv: a header at the column limit grades, one past it is refused", "[portfolio][grade]") {
  // The header was read in quadratic time (80,000 columns: 15 s). At the default limit,
  // 10,000 columns: the inputs, and 9,997 columns that are ignored with a warning each
  // for the first few and one for the rest.
  std::string header = "id,annual_purchases,annual_net_profit", row = "A,5,100";
  for (int i = 3; i < 10'000; ++i) header += ",extra" + std::to_string(i), row += ",";
  const auto g = grade(TempCsv(header + "\n" + row + "\n").path);
  CHECK(g.summary.graded == 1);
  REQUIRE(g.summary.warnings.size() == 21);
  CHECK(g.summary.warnings[0].find("column 4 'extra3' is not an input") != std::string::npos);
  CHECK(g.summary.warnings[20] == "9977 more columns are not inputs of rule set 'portfolio-fixture' and are ignored");
  std::ostringstream out;
  auto wide = crm::grade_csv(fixture(), TempCsv(header + ",one_more\n" + row + ",\n").path, out);
  REQUIRE_FALSE(wide);
  CHECK(wide.error().message.find("more than 10000 fields") != std::string::npos);
  CHECK(wide.error().where.line == 1);
}

TEST_CASE("grade_csv: a row that is not UTF-8 is rejected, the others graded", "[portfolio][grade]") {
  const auto g = grade(data + "/portfolio_gbk.csv");
  CHECK(g.summary.graded == 2);
  REQUIRE(g.summary.rejects.size() == 1);
  CHECK(g.summary.rejects[0].line == 3);
  CHECK(g.summary.rejects[0].column == "name");
  CHECK(g.summary.rejects[0].error.code == ErrorCode::invalid_utf8);
}

TEST_CASE("grade_csv: an empty file and a missing required column are errors, a header alone grades nobody",
          "[portfolio][grade]") {
  std::ostringstream out;
  auto empty = crm::grade_csv(fixture(), data + "/portfolio_empty.csv", out);
  REQUIRE_FALSE(empty);
  CHECK(empty.error().code == ErrorCode::missing);
  CHECK(empty.error().message.find("is empty") != std::string::npos);

  const auto header_only = grade(data + "/portfolio_header_only.csv");
  CHECK(header_only.summary.rows == 0);
  CHECK(header_only.summary.graded == 0);
  CHECK_FALSE(header_only.summary.pareto_share());
  CHECK(header_only.output == "line,id,name,value_score,value_grade,partner,abc_class,abc_rank,cumulative_share\n");

  TempCsv no_profit("id,annual_purchases,anual_net_profit\nX,1,2\n");
  auto missing = crm::grade_csv(fixture(), no_profit.path, out);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::missing);
  CHECK(missing.error().message.find("'annual_net_profit'") != std::string::npos);

  auto absent = crm::grade_csv(fixture(), "/nonexistent.csv", out);
  CHECK(absent.error().code == ErrorCode::io);
}

TEST_CASE("grade_csv: JSON output, explain, another measure and thresholds", "[portfolio][grade]") {
  TempCsv file(deck);
  crm::GradeOptions options;
  options.format = crm::GradeOptions::Format::json;
  options.explain = true;
  options.measure = "annual_purchases";
  options.portfolio.a_share = *crm::Decimal::parse("0.5");
  const auto g = grade(file.path, options);
  CHECK(g.output.starts_with("[\n{\"line\": 2, \"id\": \"HQ\", \"name\": \"华强工贸\", \"value_score\": 9.75"));
  // Purchases: Huawei alone holds 130 of 185 million (over 50%): A; China Mobile B; HQ C.
  CHECK(g.output.find("\"id\": \"HW\", \"name\": \"华为\", \"value_score\": 95.00, \"value_grade\": \"A1\", "
                      "\"partner\": false, \"abc_class\": \"A\", \"abc_rank\": 1, \"cumulative_share\": 0.702703, "
                      "\"explain\": {\"share_above\": 0.000000, \"trace\": [") != std::string::npos);
  CHECK(g.output.find("\"abc_class\": \"B\", \"abc_rank\": 2") != std::string::npos);
  CHECK(g.output.ends_with("}\n]\n"));
}

TEST_CASE("grade_csv: RFM quintile scores from three columns", "[portfolio][grade][rfm]") {
  std::string text = "id,annual_purchases,annual_net_profit,days,orders,spend\n";
  for (int i = 1; i <= 10; ++i)
    text += "C" + std::to_string(i) + ",100," + std::to_string(i) + "," + std::to_string(i * 10) + "," +
            std::to_string(i) + "," + (i == 10 ? std::string() : std::to_string(i * 100)) + "\n";
  TempCsv file(text);
  crm::GradeOptions options;
  options.recency = "days";
  options.frequency = "orders";
  options.monetary = "spend";
  const auto g = grade(file.path, options);
  CHECK(g.summary.graded == 10);
  // C1: the most recent (5), fewest orders (1), least spend (1 of 9 with a value).
  CHECK(g.output.find("\n2,C1,") != std::string::npos);
  CHECK(g.output.find(",5,1,1,511\n") != std::string::npos);
  CHECK(g.output.find(",1,5,,\n") != std::string::npos);  // C10: no spend, no rfm code
  options.monetary.clear();
  std::ostringstream out;
  CHECK(crm::grade_csv(fixture(), file.path, out, options).error().code == ErrorCode::invalid_argument);
}

TEST_CASE("grade_csv: any number of threads gives the same rows, rejects and summary", "[portfolio][grade]") {
  std::string text = "id,name,annual_purchases,annual_net_profit,potential\n";
  for (int i = 1; i <= 1500; ++i) {
    const std::string n = std::to_string(i);
    if (i % 97 == 0) text += "BAD" + n + ",x,12;5," + n + ",A1\n";           // an unparsable amount
    else if (i % 131 == 0) text += "Q" + n + ",\"two\nlines\"," + n + "," + n + ",Z9\n";  // an unknown grade
    else text += "C" + n + ",\"客户 " + n + "\"," + std::to_string(i * 1000) + "," + std::to_string(i % 50) + ",B1\n";
  }
  TempCsv file(text);
  crm::GradeOptions one, many;
  one.threads = 1;
  many.threads = 3;
  const auto a = grade(file.path, one);
  const auto b = grade(file.path, many);
  CHECK(a.output == b.output);
  CHECK(a.summary.to_json() == b.summary.to_json());
  CHECK(a.summary.graded == 1500 - 15 - 11);
  REQUIRE(a.summary.rejects.size() == 26);
  CHECK(a.summary.rejects[0].line == 98);
  CHECK(a.summary.rejects[1].line == 133);  // the grade sits after the quoted line break
  CHECK(a.summary.rejects[1].column == "potential");
  CHECK(a.summary.rejects[2].line == 196);  // the quoted line break moved the lines after it
}

TEST_CASE("grade_csv: an empty required input is reported by the rule set with its line and column",
          "[portfolio][grade]") {
  TempCsv file("id,annual_purchases,annual_net_profit,cooperation\nA,,100,3\nB,5,100,11\nC,5,100,3\n");
  const auto g = grade(file.path);
  CHECK(g.summary.graded == 1);
  REQUIRE(g.summary.rejects.size() == 2);
  CHECK(g.summary.rejects[0].error.code == ErrorCode::missing);
  CHECK(g.summary.rejects[0].column == "annual_purchases");
  CHECK(g.summary.rejects[0].error.where.line == 2);
  CHECK(g.summary.rejects[0].error.where.column == 2);
  CHECK(g.summary.rejects[1].error.code == ErrorCode::out_of_range);  // cooperation 11 > 10
  CHECK(g.summary.rejects[1].column == "cooperation");
}

TEST_CASE("grade_csv: a label, bool or alias cell seen before grades as it did the first time", "[portfolio][grade]") {
  // Each worker keeps the value a field made of a cell's text (a label from an alias, a
  // bool from "yes") and sets that value when the text comes again. Graded alone, every
  // row reads its text afresh: the same rows must give the same outputs and rejects.
  const char* header = "id,annual_purchases,annual_net_profit,background,potential,satisfaction,repeat_purchase,cooperates\n";
  const std::vector<std::string> rows = {
      "A,5000000,500000,none,A1,很满意,true,yes",      "B,5000000,500000,技术,A,6,TRUE,是",
      "C,5000000,500000,none,A1,very_satisfied,1,no",  "D,5000000,500000,martian,B1,满意,true,yes",  // rejected
      "E,5000000,500000,技术,B,满意,maybe,yes",         // rejected: not a bool
      "F,5000000,500000,technology,B,6,Yes,是",        "G,5000000,500000, 技术 ,C,4,true,否",
      "H,5000000,500000,,A,,,",                        "I,5000000,500000,政府,Z9,7,0,no",  // rejected: Z9
      "J,5000000,500000,government,A1,very satisfied,false,NO", "K,5000000,500000,政府,A1,7,false,no",
      "L,5000000,500000,技术,C1,1,true,yes",           "M,5000000,500000,martian,A,很满意,true,yes",  // rejected
      "N,5000000,500000,brand,A,8,true,yes",           // rejected: no such alias
      "O,5000000,500000,品牌,A,一般,true,yes",          "P,5000000,500000,技术,A,6,TRUE,是"};
  auto outputs_of = [](const std::string& graded) {  // each row without its line and portfolio columns
    std::vector<std::string> cut;
    std::istringstream lines(graded);
    std::string line;
    std::getline(lines, line);  // the header
    while (std::getline(lines, line)) {
      std::string::size_type end = line.size();
      for (int k = 0; k < 3; ++k) end = line.rfind(',', end - 1);
      cut.push_back(line.substr(line.find(','), end - line.find(',')));
    }
    return cut;
  };
  std::string all = header;
  for (const auto& r : rows) all += r + "\n";
  TempCsv file(all);
  crm::GradeOptions one_worker;
  one_worker.threads = 1;
  std::ostringstream out;
  auto together = crm::grade_csv(crm::RuleSet::builtin(), file.path, out, one_worker);
  REQUIRE(together);
  const auto together_rows = outputs_of(out.str());
  CHECK(together->graded == rows.size() - 5);
  REQUIRE(together->rejects.size() == 5);
  std::size_t graded = 0, rejected = 0;
  for (const auto& r : rows) {
    TempCsv alone_file(std::string(header) + r + "\n");
    std::ostringstream alone_out;
    auto alone = crm::grade_csv(crm::RuleSet::builtin(), alone_file.path, alone_out, one_worker);
    REQUIRE(alone);
    INFO(r);
    if (alone->graded == 1) {
      const auto alone_rows = outputs_of(alone_out.str());
      REQUIRE(alone_rows.size() == 1);
      REQUIRE(graded < together_rows.size());
      CHECK(alone_rows[0] == together_rows[graded++]);
    } else {
      REQUIRE(alone->rejects.size() == 1);
      REQUIRE(rejected < together->rejects.size());
      const auto& a = alone->rejects[0];
      const auto& t = together->rejects[rejected++];
      CHECK(a.column == t.column);
      CHECK(a.error.code == t.error.code);
      CHECK(a.error.message == t.error.message);
    }
  }
  CHECK(graded == together_rows.size());
}

TEST_CASE("grade_csv: every kind of output cell, quoted where it must be, in CSV and JSON", "[portfolio][grade]") {
  // The CSV row is written into room counted beforehand: lists (their items joined by ;) and dates (their text),
  // nulls (empty), bools, decimals, and text with commas, quotes and line breaks.
  auto rules = crm::RuleSet::load(R"({"crmrules": 1, "name": "kinds", "version": "1",
    "inputs": {"annual_net_profit": {"type": "decimal", "required": true}, "name": {"type": "string", "default": ""},
               "since": {"type": "date"}, "partner": {"type": "bool", "default": false},
               "note": {"type": "string", "default": ""}},
    "decisions": [
      {"name": "tags", "table": {"hit_policy": "COLLECT", "inputs": ["annual_net_profit"], "outputs": ["tags"],
        "rows": [["> 0", "'pos'"], ["> 10", "'big'"]]}},
      {"name": "since_out", "expression": "since"},
      {"name": "echo", "expression": "note"},
      {"name": "partner_out", "expression": "partner"}]})");
  REQUIRE(rules);
  TempCsv file("id,name,annual_net_profit,since,partner,note\n"
               "A,\"Wang, Li\",20,2024-03-31,yes,plain\n"
               "B,\"say \"\"hi\"\"\",5,,no,\"a,b\"\n"
               "C,x,-1,2020-01-01,,\"two\nlines\"\n"
               "D,长名字客户有限公司,0.50,,true,\"quote \"\" and, comma\"\n");
  std::ostringstream csv_out;
  REQUIRE(crm::grade_csv(*rules, file.path, csv_out));
  CHECK(csv_out.str() ==
        "line,id,name,tags,since_out,echo,partner_out,abc_class,abc_rank,cumulative_share\n"
        "2,A,\"Wang, Li\",pos;big,2024-03-31,plain,true,A,1,0.784314\n"
        "3,B,\"say \"\"hi\"\"\",pos,,\"a,b\",false,A,2,0.980392\n"
        "4,C,x,,2020-01-01,\"two\nlines\",false,C,4,1.000000\n"
        "6,D,长名字客户有限公司,pos,,\"quote \"\" and, comma\",true,C,3,1.000000\n");
  crm::GradeOptions json;
  json.format = crm::GradeOptions::Format::json;
  std::ostringstream json_out;
  REQUIRE(crm::grade_csv(*rules, file.path, json_out, json));
  CHECK(json_out.str() ==
        "[\n"
        "{\"line\": 2, \"id\": \"A\", \"name\": \"Wang, Li\", \"tags\": [\"pos\", \"big\"], \"since_out\": \"2024-03-31\", "
        "\"echo\": \"plain\", \"partner_out\": true, \"abc_class\": \"A\", \"abc_rank\": 1, \"cumulative_share\": 0.784314},\n"
        "{\"line\": 3, \"id\": \"B\", \"name\": \"say \\\"hi\\\"\", \"tags\": [\"pos\"], \"since_out\": null, \"echo\": \"a,b\", "
        "\"partner_out\": false, \"abc_class\": \"A\", \"abc_rank\": 2, \"cumulative_share\": 0.980392},\n"
        "{\"line\": 4, \"id\": \"C\", \"name\": \"x\", \"tags\": [], \"since_out\": \"2020-01-01\", \"echo\": \"two\\nlines\", "
        "\"partner_out\": false, \"abc_class\": \"C\", \"abc_rank\": 4, \"cumulative_share\": 1.000000},\n"
        "{\"line\": 6, \"id\": \"D\", \"name\": \"长名字客户有限公司\", \"tags\": [\"pos\"], \"since_out\": null, "
        "\"echo\": \"quote \\\" and, comma\", \"partner_out\": true, \"abc_class\": \"C\", \"abc_rank\": 3, "
        "\"cumulative_share\": 1.000000}\n"
        "]\n");
}
