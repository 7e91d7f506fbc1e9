// The load-time checks of decision tables: overlaps, gaps, shadowed rows.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "src/ruleset/table_checks.hpp"

using crm::Decimal;
using crm::Diagnostic;
using crm::Type;
using crm::Value;
using namespace crm::internal;

namespace {

/// The parts appended into one string. (`"[" + std::to_string(i)` inlines libstdc++'s
/// insert-at-front, on which GCC 12 at -O2 reports a false -Wrestrict overlap.)
template <class... Parts>
std::string join(const Parts&... parts) {
  std::string s;
  (s.append(parts), ...);
  return s;
}

/// A table over named input fields, its rows given as cell texts.
struct TestTable {
  crm::Scope scope;
  Table table;
  std::vector<Type> types;  // per column
  TableCheckOptions options;

  TestTable(const std::vector<std::pair<std::string, Type>>& inputs, HitPolicy policy, bool required = false) {
    table.policy = policy;
    table.required = required;
    for (const auto& [name, type] : inputs) {
      REQUIRE(scope.add(name, type).has_value());
      expression_column(name, type);
    }
  }
  /// A column whose input is an expression of the fields.
  TestTable& expression_column(const std::string& text, Type type) {
    auto e = crm::Expression::compile(text, scope);
    REQUIRE(e.has_value());
    table.inputs.push_back(TableColumn{*e, std::nullopt, std::nullopt});
    types.push_back(type);
    return *this;
  }
  /// A field the cells may read that is no column.
  TestTable& field(const std::string& name, Type type) {
    REQUIRE(scope.add(name, type).has_value());
    return *this;
  }
  TestTable& domain(std::size_t column, const std::string& cell) {
    auto t = crm::UnaryTest::compile(cell, scope, Type::decimal);
    REQUIRE(t.has_value());
    REQUIRE(t->intervals() != nullptr);
    table.inputs[column].domain = *t->intervals();
    return *this;
  }
  TestTable& row(const std::vector<std::string>& cells, std::string id = {}) {
    REQUIRE(cells.size() == table.inputs.size());
    TableRow r;
    r.id = std::move(id);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      auto t = crm::UnaryTest::compile(cells[c], scope, types[c]);
      INFO(cells[c]);
      REQUIRE(t.has_value());
      r.when.push_back(*t);
    }
    table.rows.push_back(std::move(r));
    return *this;
  }
  const Table& indexed() {
    std::vector<std::vector<const crm::UnaryTest*>> columns(table.inputs.size());
    for (std::size_t c = 0; c < columns.size(); ++c)
      for (const auto& r : table.rows) columns[c].push_back(&r.when[c]);
    table.index = TableIndex::build(columns, table.rows.size());
    return table;
  }
  std::vector<Diagnostic> check(std::span<const ColumnFacts> facts = {}) {
    std::vector<Diagnostic> out;
    check_table("t", "/decisions/0/table", indexed(), out, facts, &scope, options);
    for (const auto& d : out) UNSCOPED_INFO(d.error.message);
    return out;
  }
  std::vector<Diagnostic> overlaps() {
    std::vector<Diagnostic> out;
    check_overlaps("t", "/decisions/0/table", indexed(), out);
    return out;
  }
  std::vector<Diagnostic> shadowed() {
    std::vector<Diagnostic> out;
    check_shadowed("t", "/decisions/0/table", indexed(), out);
    return out;
  }
};

std::vector<std::string> messages(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(d.error.message);
  return out;
}

constexpr auto error = Diagnostic::Severity::error;
constexpr auto warning = Diagnostic::Severity::warning;

}  // namespace

TEST_CASE("Table checks: overlapping rows under UNIQUE", "[table_checks]") {
  SECTION("touching ranges do not overlap") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::unique);
    t.row({"[75..85)"}).row({"[85..90]"}).row({"< 75"}).row({"> 90"});
    CHECK(t.check().empty());
  }
  SECTION("a shared end point overlaps") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::unique);
    t.row({"[75..85]"}).row({"[85..90]"}, "upper");
    const auto found = t.overlaps();
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == error);
    CHECK(found[0].error.code == crm::ErrorCode::invalid_rule);
    CHECK(found[0].error.where.pointer == "/decisions/0/table/rows/1");
    CHECK(found[0].error.message ==
          "table 't': row 0 and row 1 ('upper') overlap (hit policy UNIQUE): both match score = 85");
  }
  SECTION("every column must meet") {
    TestTable t({{"score", Type::decimal}, {"region", Type::string}}, HitPolicy::unique);
    t.row({"[0..10)", "'north'"}).row({"[5..20)", "'south'"}).row({"[0..10)", "not('north')"});
    const auto found = t.overlaps();
    REQUIRE(found.size() == 1);
    CHECK(found[0].error.where.pointer == "/decisions/0/table/rows/2");
    CHECK(found[0].error.message ==
          "table 't': row 1 and row 2 overlap (hit policy UNIQUE): both match score in [5..10) and region = 'south'");
  }
  SECTION("negated constants and any cells") {
    TestTable t({{"region", Type::string}}, HitPolicy::unique);
    t.row({"not('a', 'b')"}).row({"'a', 'b'"});
    CHECK(t.check().empty());
    t.row({"-"});
    const auto found = t.check();  // each row is listed once, with the first row it overlaps
    REQUIRE(found.size() == 1);
    CHECK(found[0].error.message ==
          "table 't': row 1 and row 2 overlap (hit policy UNIQUE): both match region in ('a', 'b')");
    t.table.rows.insert(t.table.rows.begin(), t.table.rows.back());
    CHECK(messages(t.check()) ==
          std::vector<std::string>{
              "table 't': row 0 and row 1 overlap (hit policy UNIQUE): both match region is none of ('a', 'b')",
              "table 't': row 0 and row 2 overlap (hit policy UNIQUE): both match region in ('a', 'b')",
              "table 't': row 0 and row 3 overlap (hit policy UNIQUE): both match every input"});
  }
  SECTION("null inputs count") {
    TestTable t({{"region", Type::string}}, HitPolicy::unique);
    t.row({"not('a')"}).row({"null"});
    const auto found = t.overlaps();
    REQUIRE(found.size() == 1);
    CHECK(found[0].error.message ==
          "table 't': row 0 and row 1 overlap (hit policy UNIQUE): both match region is null");
  }
  SECTION("a cell the check cannot read may overlap: a warning, not an error") {
    // Once "row 0 and row 1 overlap" as an error, though no input may match both.
    TestTable t({{"score", Type::decimal}, {"region", Type::string}}, HitPolicy::unique);
    t.row({"$ * 2 > 7", "'a'"}).row({"abs($) < 1", "'a'"}).row({"$ > 100", "'b'"});
    const auto found = t.overlaps();
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == warning);
    CHECK(found[0].error.where.pointer == "/decisions/0/table/rows/1");
    CHECK(found[0].error.message ==
          "table 't': row 0 and row 1 may overlap (hit policy UNIQUE) where both match region = 'a': column 'score' "
          "has a cell of a form the load-time check cannot analyse (row 0: $ * 2 > 7); two matching rows are a "
          "conflict error when evaluated");
  }
  SECTION("only under UNIQUE") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::any);
    t.row({"[75..85]"}).row({"[85..90]"}).row({"-"});
    CHECK(t.check().empty());  // ANY: overlaps are allowed
  }
  SECTION("at most ten are listed") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::unique);
    for (int i = 0; i < 15; ++i) t.row({"-"});
    const auto found = messages(t.check());
    REQUIRE(found.size() == 11);
    CHECK(found[10] == "table 't': 4 more rows overlap earlier rows");
  }
}

TEST_CASE("Table checks: a table whose index was not built", "[table_checks]") {
  TestTable t({{"score", Type::decimal}}, HitPolicy::unique, true);
  t.row({"[75..85]"}).row({"[85..90]"});
  std::vector<Diagnostic> out;
  check_table("t", "/x", t.table, out);  // t.table.index is empty: the checks index the rows themselves
  CHECK(messages(out) ==
        std::vector<std::string>{"table 't': row 0 and row 1 overlap (hit policy UNIQUE): both match score = 85",
                                 "table 't': no row matches score in (-inf..75)",
                                 "table 't': no row matches score in (90..+inf)"});
}

TEST_CASE("Table checks: gaps", "[table_checks]") {
  SECTION("a hole in grade bands") {
    TestTable t({{"value_score", Type::decimal}}, HitPolicy::first, true);
    t.domain(0, "[0..100]").row({">= 85"}).row({"[75..85)"}).row({"[60..70)"}).row({"< 60"});
    const auto found = t.check();
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == error);
    CHECK(found[0].error.where.pointer == "/decisions/0/table/rows");
    CHECK(found[0].error.message == "table 't': no row matches value_score in [70..75)");
  }
  SECTION("a warning when the table is not required") {
    TestTable t({{"value_score", Type::decimal}}, HitPolicy::first);
    t.domain(0, "[0..100]").row({">= 85"}).row({"[75..85)"}).row({"[60..70)"}).row({"< 60"});
    const auto found = t.check();
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == warning);
  }
  SECTION("no hole") {
    TestTable t({{"value_score", Type::decimal}}, HitPolicy::unique, true);
    t.domain(0, "[0..100]").row({">= 85"}).row({"[75..85)"}).row({"[60..75)"}).row({"< 60"});
    CHECK(t.check().empty());
  }
  SECTION("the domain is honoured") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::unique, true);
    t.row({"[0..50)"}).row({"[50..100]"});
    CHECK(messages(t.check()) == std::vector<std::string>{"table 't': no row matches score in (-inf..0)",
                                                          "table 't': no row matches score in (100..+inf)"});
    t.domain(0, "[0..100]");
    CHECK(t.check().empty());
    t.domain(0, "[0..120)");
    CHECK(messages(t.check()) == std::vector<std::string>{"table 't': no row matches score in (100..120)"});
  }
  SECTION("integer columns have no gaps between integers") {
    TestTable t({{"visits", Type::decimal}}, HitPolicy::unique, true);
    t.domain(0, ">= 0").row({"<= 5"}).row({"[6..9]"}).row({"> 10"});
    CHECK(messages(t.check()) == std::vector<std::string>{"table 't': no row matches visits in (5..6)",
                                                          "table 't': no row matches visits in (9..10]"});
    const std::vector<ColumnFacts> facts = {ColumnFacts{true, {}}};
    CHECK(messages(t.check(facts)) == std::vector<std::string>{"table 't': no row matches visits = 10"});
  }
  SECTION("several columns") {
    TestTable t({{"score", Type::decimal}, {"region", Type::string}}, HitPolicy::first, true);
    t.domain(0, "[0..100]").row({">= 50", "'north'"}).row({"< 50", "-"});
    CHECK(messages(t.check()) ==
          std::vector<std::string>{"table 't': no row matches score in [50..100] and region is none of ('north')"});
    const std::vector<ColumnFacts> facts = {ColumnFacts{}, ColumnFacts{false, {Value("north"), Value("south")}}};
    CHECK(messages(t.check(facts)) ==
          std::vector<std::string>{"table 't': no row matches score in [50..100] and region = 'south'"});
    t.row({"-", "'south'"});
    CHECK(t.check(facts).empty());
  }
  SECTION("listed values of a constant column") {
    TestTable t({{"grade", Type::string}}, HitPolicy::unique, true);
    t.row({"'A1', 'A2'"}).row({"'B1'"});
    const std::vector<ColumnFacts> facts = {ColumnFacts{false, {Value("A1"), Value("A2"), Value("B1"), Value("C1")}}};
    CHECK(messages(t.check(facts)) == std::vector<std::string>{"table 't': no row matches grade = 'C1'"});
    t.row({"not('A1', 'A2', 'B1')"});
    CHECK(t.check(facts).empty());
    CHECK(t.check().empty());
  }
  SECTION("bool columns") {
    TestTable t({{"vip", Type::boolean}}, HitPolicy::unique, true);
    t.row({"true"});
    CHECK(messages(t.check()) == std::vector<std::string>{"table 't': no row matches vip = false"});
    t.row({"false"});
    CHECK(t.check().empty());
  }
  SECTION("at most five are listed") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::unique, true);
    for (int i = 0; i < 8; ++i) t.row({join("[", std::to_string(2 * i), "..", std::to_string(2 * i + 1), "]")});
    t.domain(0, "[0..15]");
    const auto found = messages(t.check());
    REQUIRE(found.size() == 6);
    CHECK(found[0] == "table 't': no row matches score in (1..2)");
    CHECK(found[5] == "table 't': 2 more gaps where no row matches");
  }
  SECTION("a cell the check cannot read is taken to match everything: a warning says so") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::unique, true);
    t.row({"$ * 2 > 7"});
    const auto found = t.check();
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == warning);
    CHECK(found[0].error.message ==
          "table 't': the gap check takes cells it cannot analyse to match every value: column 'score' has a cell of a "
          "form the load-time check cannot analyse (row 0: $ * 2 > 7); an input that no row matches is a no_match "
          "error when evaluated");
  }
  SECTION("the cells the check can read still prove a gap") {
    TestTable t({{"score", Type::decimal}, {"region", Type::string}}, HitPolicy::unique, true);
    t.domain(0, "[0..100]").row({"$ * 2 > 7", "'a'"}).row({"[0..50)", "'b'"});
    const std::vector<ColumnFacts> facts = {ColumnFacts{}, ColumnFacts{false, {Value("a"), Value("b")}}};
    const auto found = t.check(facts);
    REQUIRE(found.size() == 2);
    CHECK(found[0].severity == error);
    CHECK(found[0].error.message == "table 't': no row matches score in [50..100] and region = 'b'");
    CHECK(found[1].severity == warning);
  }
  SECTION("COLLECT COUNT expects inputs without hits") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::collect, true);
    t.table.aggregation = Aggregation::count;
    t.row({"> 5"});
    CHECK(t.check().empty());
    std::vector<Diagnostic> out;
    check_gaps("t", "", t.indexed(), out);
    CHECK(out.size() == 1);
  }
}

TEST_CASE("Table checks: rows never reached under FIRST", "[table_checks]") {
  SECTION("one earlier row") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::first);
    t.row({"< 50"}).row({"< 30"}, "low");
    const auto found = t.shadowed();
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == warning);
    CHECK(found[0].error.where.pointer == "/decisions/0/table/rows/1");
    CHECK(found[0].error.message == "table 't': row 1 ('low') is never reached: row 0 covers it");
  }
  SECTION("several earlier rows") {
    TestTable t({{"score", Type::decimal}, {"region", Type::string}}, HitPolicy::first);
    t.row({"[0..50)", "-"})
        .row({"[50..100]", "'north'"})
        .row({"[50..100]", "not('north')"})
        .row({"[40..60]", "'a', 'b'"});
    const auto found = messages(t.shadowed());
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "table 't': row 3 is never reached: rows 0, 2 cover it");
  }
  SECTION("reachable rows") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::first);
    t.row({">= 0"}).row({"< 0"}).row({"-"});  // `-` still takes null
    CHECK(t.check().empty());
    t.row({"-"});
    CHECK(messages(t.shadowed()) ==
          std::vector<std::string>{"table 't': row 3 is never reached: rows 0, 1, 2 cover it"});
  }
  SECTION("a row that matches nothing") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::first);
    t.row({"> 5 and < 3"}).row({"-"});
    CHECK(messages(t.shadowed()) == std::vector<std::string>{"table 't': row 0 is never reached: it matches no input"});
    t.row({"< 30"}).row({"> 5 and < 3"});
    CHECK(messages(t.shadowed()) == std::vector<std::string>{"table 't': row 0 is never reached: it matches no input",
                                                             "table 't': row 2 is never reached: row 1 covers it",
                                                             "table 't': row 3 is never reached: it matches no input"});
  }
  SECTION("cells the index cannot read cover only when the same or `-`") {
    TestTable t({{"score", Type::decimal}, {"n", Type::decimal}}, HitPolicy::first);
    t.row({"< 50", "$ * 2 > 7"}).row({"< 30", "$ * 2 > 8"}).row({"< 40", "$ * 2 > 7"}).row({"-", "-"}).row({"1", "-"});
    CHECK(messages(t.shadowed()) == std::vector<std::string>{"table 't': row 2 is never reached: row 0 covers it",
                                                             "table 't': row 4 is never reached: row 3 covers it"});
  }
  SECTION("only under FIRST") {
    TestTable t({{"score", Type::decimal}}, HitPolicy::rule_order);
    t.row({"< 50"}).row({"< 30"});
    CHECK(t.shadowed().size() == 1);
    // Neither a shadow warning nor a gap: a multi-hit table that is not required gives
    // an empty list where no row matches.
    CHECK(t.check().empty());
  }
}

namespace {

/// A 3-column table of `side`^3 rows: bands of 10 in each column, every box once.
TestTable grid(int side, HitPolicy policy) {
  TestTable t({{"a", Type::decimal}, {"b", Type::decimal}, {"c", Type::decimal}}, policy, true);
  const auto band = [](int i) { return join("[", std::to_string(10 * i), "..", std::to_string(10 * i + 10), ")"); };
  for (int i = 0; i < side; ++i)
    for (int j = 0; j < side; ++j)
      for (int k = 0; k < side; ++k) t.row({band(i), band(j), band(k)});
  const std::string domain = join("[0..", std::to_string(10 * side), ")");
  t.domain(0, domain).domain(1, domain).domain(2, domain);
  return t;
}

/// Three rows per band of the first column, split at a point of their own in the
/// second: 3 x `bands` rows with more than 1e6 combinations of segments, and no gap or
/// overlap within a in [0..bands).
TestTable stripes(int bands, HitPolicy policy) {
  TestTable t({{"a", Type::decimal}, {"b", Type::decimal}, {"c", Type::string}}, policy, true);
  for (int i = 0; i < bands; ++i) {
    const std::string a = join("[", std::to_string(i), "..", std::to_string(i + 1), ")"), x = std::to_string(i);
    t.row({a, "< " + x, "'north'"}).row({a, "< " + x, "not('north')"}).row({a, ">= " + x, "-"});
  }
  t.domain(0, join("[0..", std::to_string(bands), ")"));
  return t;
}

}  // namespace

TEST_CASE("Table checks: large tables", "[table_checks]") {
  SECTION("a clean 21 x 21 x 21 grid") {
    TestTable t = grid(21, HitPolicy::unique);
    CHECK(t.check().empty());
  }
  SECTION("a grid with one box missing and one doubled") {
    TestTable t = grid(12, HitPolicy::unique);
    t.table.rows.erase(t.table.rows.begin() + 100);
    t.row({"[45..47]", "[30..40)", "[0..10)"});
    const auto found = messages(t.check());
    REQUIRE(found.size() == 2);
    CHECK(found[0] ==
          "table 't': row 611 and row 1727 overlap (hit policy UNIQUE): both match a in [45..47] and b in [30..40) and "
          "c in [0..10)");
    CHECK(found[1] == "table 't': no row matches a in [0..10) and b in [80..90) and c in [40..50)");
  }
  SECTION("per row when the product is too large") {
    TestTable t = stripes(3333, HitPolicy::unique);
    CHECK(t.check().empty());
    t.table.rows[6000].when[0] = *crm::UnaryTest::compile("[1999.5..2001)", t.scope, Type::decimal);
    t.table.rows.erase(t.table.rows.begin() + 9000, t.table.rows.begin() + 9003);
    const auto found = messages(t.check());
    REQUIRE(found.size() == 2);
    CHECK(found[0] ==
          "table 't': row 5997 and row 6000 overlap (hit policy UNIQUE): both match a in [1999.5..2000) and b in "
          "(-inf..1999) and c = 'north'");
    CHECK(found[1] == "table 't': no row matches a in [3000..3001)");
  }
  SECTION("FIRST, per row") {
    TestTable t = stripes(3333, HitPolicy::first);
    t.row({"-", "-", "-"});  // reached: a outside [0..3333), and null; covers a null b
    t.row({"[100..102)", "-", "'north'"});
    const auto found = messages(t.check());
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "table 't': row 10000 is never reached: rows 300, 302, 303, 305, 9999 cover it");
  }
}

TEST_CASE("Table checks: time for a 10,000-row table", "[.][perf]") {
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  for (int shape = 0; shape < 3; ++shape) {
    TestTable t =
        shape == 0 ? grid(22, HitPolicy::unique) : stripes(3333, shape == 1 ? HitPolicy::unique : HitPolicy::first);
    if (shape == 0) t.table.rows.resize(10'000);
    if (shape == 2) t.row({"-", "-", "-"});
    std::vector<std::vector<const crm::UnaryTest*>> columns(3);
    for (std::size_t c = 0; c < 3; ++c)
      for (const auto& r : t.table.rows) columns[c].push_back(&r.when[c]);
    const auto t0 = Clock::now();
    t.table.index = TableIndex::build(columns, t.table.rows.size());
    const auto t1 = Clock::now();
    std::vector<Diagnostic> out;
    check_table("t", "", t.table, out);
    const auto t2 = Clock::now();
    std::vector<std::uint64_t> words(t.table.index.words());
    std::vector<crm::ValueView> inputs(3);
    const int lookups = 100'000;
    std::size_t hits = 0;
    for (int i = 0; i < lookups; ++i) {
      inputs[1] = Decimal::from_int((i * 7) % 220);
      inputs[0] = Decimal::from_int(shape == 0 ? i % 220 : i % 3333);
      inputs[2] = shape == 0 ? crm::ValueView(Decimal::from_int((i * 13) % 220)) : crm::ValueView("south");
      t.table.index.candidates(inputs, words.data());
      hits += words[static_cast<std::size_t>(i) % words.size()] != 0;
    }
    const auto t3 = Clock::now();
    WARN("shape " << shape << ": " << t.table.rows.size() << " rows, index " << ms(t1 - t0) << " ms, checks "
                  << ms(t2 - t1) << " ms (" << out.size() << " findings), candidates " << ms(t3 - t2) * 1e6 / lookups
                  << " ns per lookup (" << hits << ")");
  }
}

TEST_CASE("Table checks: cells that compare with another field", "[table_checks]") {
  SECTION("> limit and <= limit: a warning naming the field, never an error") {
    // Once "row 0 and row 1 overlap (hit policy UNIQUE): both match every input".
    TestTable t({{"amount", Type::decimal}}, HitPolicy::unique, true);
    t.field("limit", Type::decimal).row({"> limit"}).row({"<= limit"});
    const auto found = t.check();
    REQUIRE(found.size() == 2);
    CHECK(found[0].severity == warning);
    CHECK(found[0].error.where.pointer == "/decisions/0/table/rows/1");
    CHECK(found[0].error.message ==
          "table 't': row 0 and row 1 may overlap (hit policy UNIQUE): column 'amount' compares with field 'limit' "
          "(row 0: > limit), which the load-time check cannot analyse; two matching rows are a conflict error when "
          "evaluated");
    CHECK(found[1].severity == warning);  // the gap check's note: the table is required
    CHECK(found[1].error.message.find("the gap check takes cells it cannot analyse") != std::string::npos);
  }
  SECTION("the column's other cells are still read exactly") {
    TestTable t({{"amount", Type::decimal}}, HitPolicy::unique);
    t.field("limit", Type::decimal).row({"[0..10)"}).row({"[5..20)"}).row({"> limit"}).row({"[20..30)"});
    const auto found = t.check();
    REQUIRE(found.size() == 3);
    CHECK(found[0].severity == error);
    CHECK(found[0].error.message ==
          "table 't': row 0 and row 1 overlap (hit policy UNIQUE): both match amount in [5..10)");
    CHECK(found[1].severity == warning);
    CHECK(found[1].error.message ==
          "table 't': row 0 and row 2 may overlap (hit policy UNIQUE): column 'amount' compares with field 'limit' "
          "(row 2: > limit), which the load-time check cannot analyse; two matching rows are a conflict error when "
          "evaluated");
    CHECK(found[2].severity == warning);
    CHECK(found[2].error.where.pointer == "/decisions/0/table/rows/3");
  }
  SECTION("FIRST: such a cell covers a later row only when it is the same text") {
    TestTable t({{"amount", Type::decimal}}, HitPolicy::first);
    t.field("limit", Type::decimal).row({"> limit"}).row({"> limit"}).row({">= limit"}).row({"-"}).row({"5"});
    CHECK(messages(t.check()) == std::vector<std::string>{"table 't': row 1 is never reached: row 0 covers it",
                                                          "table 't': row 4 is never reached: row 3 covers it"});
  }
}

TEST_CASE("Table checks: cells of a form the check does not model", "[table_checks]") {
  SECTION("date ranges, as DMN tables have them: a warning") {
    TestTable t({{"signed", Type::date}}, HitPolicy::unique);
    t.row({">= date('2024-01-01')"}).row({"< date('2024-01-01')"});
    const auto found = t.check();
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == warning);
    CHECK(found[0].error.message ==
          "table 't': row 0 and row 1 may overlap (hit policy UNIQUE): column 'signed' has a cell of a form the "
          "load-time check cannot analyse (row 0: >= date('2024-01-01')); two matching rows are a conflict error when "
          "evaluated");
  }
  SECTION("equal dates are constants: a proven overlap") {
    TestTable t({{"signed", Type::date}}, HitPolicy::unique);
    t.row({"date('2024-01-01')"}).row({"date('2024-01-01'), date('2024-02-01')"});
    const auto found = t.overlaps();
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == error);
    CHECK(found[0].error.message ==
          "table 't': row 0 and row 1 overlap (hit policy UNIQUE): both match signed = 2024-01-01");
  }
  SECTION("constants of different kinds") {
    TestTable t({{"x", Type::any}}, HitPolicy::unique);
    t.row({"'a'"}).row({"5"}).row({"'b'"});
    const auto found = t.check();
    REQUIRE(found.size() == 2);
    CHECK(found[0].severity == warning);
    CHECK(found[0].error.message ==
          "table 't': row 0 and row 1 may overlap (hit policy UNIQUE): column 'x' mixes constants of different kinds "
          "(row 1: 5), which the load-time check cannot analyse; two matching rows are a conflict error when "
          "evaluated");
  }
}

TEST_CASE("Table checks: columns that read a common field", "[table_checks]") {
  // score < 50 and score * 2 >= 100 never hold together, whatever the check would say.
  TestTable t({{"score", Type::decimal}}, HitPolicy::unique, true);
  t.expression_column("score * 2", Type::decimal).domain(0, "[0..100]");
  t.row({"< 50", "-"}).row({"-", ">= 100"});
  const auto found = t.check();
  REQUIRE(found.size() == 2);
  for (const auto& d : found) CHECK(d.severity == warning);
  const std::string why =
      "columns 'score' and 'score * 2' both read field 'score', and the load-time check takes columns to vary "
      "independently";
  CHECK(found[0].error.message ==
        "table 't': row 0 and row 1 may overlap (hit policy UNIQUE) where both match score in (-inf..50) and score * 2 "
        "in [100..+inf): " +
            why + "; two matching rows are a conflict error when evaluated");
  CHECK(found[1].error.message ==
        "table 't': no row matches score in [50..100] and score * 2 in (-inf..100) (if such an input exists: " + why +
            ")");
  // A gap in one column alone is still proven.
  t.table.rows.erase(t.table.rows.begin());
  const auto one = t.check();
  REQUIRE_FALSE(one.empty());
  CHECK(one[0].severity == error);
  CHECK(one[0].error.message == "table 't': no row matches score * 2 in (-inf..100)");
}

TEST_CASE("Table checks: a column past the index's size cap", "[table_checks]") {
  TestTable t({{"score", Type::decimal}}, HitPolicy::unique);
  t.row({"[0..10)"}).row({"[10..20)"}).row({"[15..30)"}).row({"-"});
  std::vector<std::vector<const crm::UnaryTest*>> columns(1);
  for (const auto& r : t.table.rows) columns[0].push_back(&r.when[0]);
  TableIndexOptions small;
  small.max_column_bytes = 16;
  t.table.index = TableIndex::build(columns, t.table.rows.size(), small);
  REQUIRE(t.table.index.unindexed(0).reason == Unindexed::Reason::size_cap);
  std::vector<Diagnostic> out;
  check_table("t", "/decisions/0/table", t.table, out);
  const auto found = messages(out);
  // Every pair may meet (no overlap is proven: the `-` row has no partner it is proven
  // to overlap, as the others are not read), then the cap, named with its column.
  REQUIRE(found.size() == 4);
  for (const auto& d : out) CHECK(d.severity == warning);
  CHECK(found[0] ==
        "table 't': row 0 and row 1 may overlap (hit policy UNIQUE): column 'score' is not indexed (its row sets would "
        "pass the index's cap of 16 bytes), so the load-time check cannot analyse it; two matching rows are a conflict "
        "error when evaluated");
  CHECK(found[3] ==
        "table 't': column 'score' is not indexed: its row sets would pass the index's cap of 16 bytes; evaluation "
        "tests its cells row by row, and the load-time checks cannot analyse it");
  CHECK(out[3].error.where.pointer == "/decisions/0/table/inputs/0");
}

TEST_CASE("Table checks: past their work budgets", "[table_checks]") {
  SECTION("the walk gives way to the per-row methods, which find the same overlaps") {
    TestTable t = grid(6, HitPolicy::unique);
    t.table.rows.erase(t.table.rows.begin() + 10);
    t.row({"[25..27]", "[30..40)", "[0..10)"});
    const auto walked = messages(t.check());
    t.options.walk_budget = 10;
    const auto per_row = messages(t.check());
    REQUIRE(walked.size() == 2);
    // Per column, the gap check finds only the gaps one column leaves, not the missing box.
    CHECK(per_row == std::vector<std::string>{walked[0]});
  }
  SECTION("the overlap check says where it stopped") {
    TestTable t = stripes(300, HitPolicy::unique);
    t.options.walk_budget = 10;
    t.options.work_budget = 1000;
    const auto found = t.check();
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == warning);
    CHECK(found[0].error.message.rfind("table 't': the overlap check stopped at row ", 0) == 0);
    CHECK(found[0].error.message.find(" of 900, past its work budget") != std::string::npos);
  }
}

TEST_CASE("Table checks: 100,000 disjoint bands, once past the index's cap", "[table_checks][slow]") {
  TestTable t({{"x", Type::decimal}}, HitPolicy::unique, true);
  const int bands = 100'000;
  t.domain(0, join("[0..", std::to_string(10 * bands), ")"));
  for (int i = 0; i < bands; ++i) t.row({join("[", std::to_string(10 * i), "..", std::to_string(10 * i + 10), ")")});
  CHECK(t.check().empty());
  CHECK(t.table.index.indexed(0));
  CHECK(t.table.index.set_bytes(0) < std::size_t{bands} * 40);  // a word or two per band
  t.table.rows[70'000].when[0] = *crm::UnaryTest::compile("[699995..700005)", t.scope, Type::decimal);
  CHECK(messages(t.check()) ==
        std::vector<std::string>{
            "table 't': row 69999 and row 70000 overlap (hit policy UNIQUE): both match x in [699995..700000)",
            "table 't': no row matches x in [700005..700010)"});
}
