// TableIndex: the candidates of every input agree with a scan of the rows.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "src/ruleset/row_set.hpp"
#include "src/ruleset/table_index.hpp"

using crm::Decimal;
using crm::Type;
using crm::UnaryTest;
using crm::Value;
using crm::ValueView;
using crm::internal::TableIndex;

namespace {

UnaryTest cell(const std::string& text, Type type) {
  static const crm::Scope scope;
  auto t = UnaryTest::compile(text, scope, type);
  INFO(text);
  REQUIRE(t.has_value());
  return *t;
}

/// cells[r][c] compiled for the column types.
struct Cells {
  std::vector<std::vector<UnaryTest>> rows;

  Cells(const std::vector<std::vector<std::string>>& text, const std::vector<Type>& types) {
    for (const auto& row : text) {
      rows.emplace_back();
      for (std::size_t c = 0; c < row.size(); ++c) rows.back().push_back(cell(row[c], types[c]));
    }
  }
  [[nodiscard]] std::vector<std::vector<const UnaryTest*>> columns(std::size_t count) const {
    std::vector<std::vector<const UnaryTest*>> out(count);
    for (const auto& row : rows)
      for (std::size_t c = 0; c < count; ++c) out[c].push_back(&row[c]);
    return out;
  }
};

Value num(const char* text) { return *Decimal::parse(text); }

std::vector<std::size_t> rows_of(const std::uint64_t* words, std::size_t count) {
  std::vector<std::size_t> out;
  crm::internal::for_each_row(words, count, [&](std::size_t r) {
    out.push_back(r);
    return true;
  });
  return out;
}

/// The rows a column's cells match for `input` (nullopt for a cell that fails).
std::vector<std::optional<bool>> scan(const Cells& cells, std::size_t column, const Value& input) {
  std::vector<std::optional<bool>> out;
  for (const auto& row : cells.rows) {
    auto m = row[column].matches(input);
    out.push_back(m ? std::optional<bool>(*m) : std::nullopt);
  }
  return out;
}

/// Checks the index against a scan for one input vector.
void check_lookup(const TableIndex& index, const Cells& cells, const std::vector<Value>& inputs) {
  const std::size_t columns = inputs.size();
  std::vector<ValueView> views(inputs.begin(), inputs.end());
  std::vector<std::uint64_t> words(index.words());
  const bool exact = index.candidates(views, words.data());

  bool all_exact = true;
  std::vector<std::vector<std::optional<bool>>> matched(columns);
  for (std::size_t c = 0; c < columns; ++c) {
    matched[c] = scan(cells, c, inputs[c]);
    if (!index.indexed(c)) continue;
    const bool column_exact = index.exact(c, inputs[c]);
    all_exact = all_exact && column_exact;
    const auto segment = index.segment_of(c, inputs[c]);
    if (!segment) {
      CHECK_FALSE(column_exact);
      continue;
    }
    // The column's rows: exactly the matching ones when exact, else at least those.
    // The segment's rows: its set and the column's base rows (`-`).
    const crm::internal::SparseRows set = index.segment_rows(c, *segment), base = index.base_rows(c);
    for (std::size_t r = 0; r < cells.rows.size(); ++r) {
      INFO("column " << c << " row " << r << " cell " << cells.rows[r][c].text() << " input " << inputs[c].to_string());
      std::size_t at = 0, at_base = 0;
      const auto word = static_cast<std::uint32_t>(r / 64);
      const bool in = ((set.word_at(at, word) | base.word_at(at_base, word)) >> (r % 64)) & 1;
      if (column_exact) {
        REQUIRE(matched[c][r].has_value());
        CHECK(in == *matched[c][r]);
      } else if (!matched[c][r] || *matched[c][r]) {
        CHECK(in);
      }
    }
  }
  CHECK(exact == all_exact);

  // The evaluator's view: candidates, then the cells the index did not decide.
  for (std::size_t r = 0; r < cells.rows.size(); ++r) {
    bool scan_hit = true, scan_error = false;
    for (std::size_t c = 0; c < columns && scan_hit; ++c) {
      if (!matched[c][r]) scan_error = true;
      scan_hit = matched[c][r].value_or(false);
    }
    bool index_hit = crm::internal::has_row(words.data(), r);
    for (std::size_t c = 0; c < columns && index_hit; ++c)
      if (!exact || !index.indexed(c)) index_hit = matched[c][r].value_or(false);
    INFO("row " << r);
    if (!scan_error) CHECK(index_hit == scan_hit);
    if (scan_hit) CHECK(crm::internal::has_row(words.data(), r));
    if (!exact) CHECK(crm::internal::has_row(words.data(), r));  // a plain scan
  }
}

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

std::string number(std::mt19937& rng) {
  const int n = std::uniform_int_distribution<int>(0, 20)(rng);
  return std::to_string(n / 2) + (n % 2 ? ".5" : "");
}

std::string numeric_cell(std::mt19937& rng) {
  switch (std::uniform_int_distribution<int>(0, 11)(rng)) {
    case 0:
      return "-";
    case 1:
      return ">= " + number(rng);
    case 2:
      return "< " + number(rng);
    case 3:
      return "> " + number(rng);
    case 4:
      return "<= " + number(rng);
    case 5:
      return number(rng);
    case 6:
      return number(rng) + ", " + number(rng);
    case 7:
      return "not(" + number(rng) + ")";
    case 8:
      return "> " + number(rng) + " and < " + number(rng);
    case 9:
      return "null";
    default: {
      const std::string a = number(rng), b = number(rng);
      const bool ordered = std::stod(a) <= std::stod(b);
      return std::string(pick(rng, std::vector<std::string>{"[", "("})) + (ordered ? a : b) + ".." + (ordered ? b : a) +
             pick(rng, std::vector<std::string>{"]", ")"});
    }
  }
}

std::string string_cell(std::mt19937& rng) {
  static const std::vector<std::string> cells = {
      "-",    "'a'",       "'b'",       "'a', 'b'", "'c', 'd', 'a'", "not('a')",    "not('b', 'c')",
      "null", "not(null)", "'a', null", "!= 'd'",   "in ['b', 'c']", "not in ['a']"};
  return pick(rng, cells);
}

std::string unindexable_cell(std::mt19937& rng) {
  static const std::vector<std::string> cells = {"-", ">= 3", "$ * 2 > 7", "abs($) < 2", "[1..4]"};
  return pick(rng, cells);
}

Value numeric_input(std::mt19937& rng) {
  const int n = std::uniform_int_distribution<int>(-2, 24)(rng);
  if (n == 23) return Value();
  if (n == 24) return Value("text");
  return num((std::to_string(n / 2) + (n % 2 ? ".5" : ".0")).c_str());
}

Value string_input(std::mt19937& rng) {
  static const std::vector<Value> values = {
      Value("a"), Value("b"), Value("c"), Value("d"), Value("zz"), Value(), Value(Decimal::from_int(5)), Value(true)};
  return pick(rng, values);
}

}  // namespace

TEST_CASE("TableIndex candidates agree with a scan of random tables", "[table_index]") {
  std::mt19937 rng(12345);
  for (int round = 0; round < 60; ++round) {
    const std::size_t rows = std::uniform_int_distribution<std::size_t>(1, round < 50 ? 40 : 200)(rng);
    const bool with_unindexable = round % 3 == 2;
    std::vector<Type> types = {Type::decimal, Type::string, Type::decimal};
    if (with_unindexable) types.push_back(Type::decimal);
    std::vector<std::vector<std::string>> text;
    for (std::size_t r = 0; r < rows; ++r) {
      text.push_back({numeric_cell(rng), string_cell(rng), numeric_cell(rng)});
      if (with_unindexable) text.back().push_back(unindexable_cell(rng));
    }
    // Untyped numeric cells accept strings, so the index must leave those to the cells.
    if (round % 4 == 1) types[2] = Type::any;
    const Cells cells(text, types);
    const TableIndex index = TableIndex::build(cells.columns(types.size()));
    REQUIRE(index.rows() == rows);
    REQUIRE(index.words() == crm::internal::row_words(rows));
    CHECK(index.kind(0) == TableIndex::ColumnKind::numeric);
    CHECK(index.kind(1) == TableIndex::ColumnKind::constants);
    for (int k = 0; k < 150; ++k) {
      std::vector<Value> inputs = {numeric_input(rng), string_input(rng), numeric_input(rng)};
      if (with_unindexable) inputs.push_back(numeric_input(rng));
      INFO("round " << round << " lookup " << k);
      check_lookup(index, cells, inputs);
    }
  }
}

TEST_CASE("TableIndex segments of a grade band column", "[table_index]") {
  const Cells cells({{">= 85"}, {"[75..85)"}, {"[60..75)"}, {"< 60"}}, {Type::decimal});
  const TableIndex index = TableIndex::build(cells.columns(1));
  REQUIRE(index.kind(0) == TableIndex::ColumnKind::numeric);
  CHECK(index.endpoints(0).size() == 3);  // 60 75 85
  CHECK(index.segments(0) == 2 * 3 + 1 + 1);
  std::vector<std::uint64_t> words(index.words());
  const auto lookup = [&](const Value& v) {
    const ValueView view(v);
    CHECK(index.candidates(std::span<const ValueView>(&view, 1), words.data()));
    return rows_of(words.data(), index.words());
  };
  CHECK(lookup(num("90")) == std::vector<std::size_t>{0});
  CHECK(lookup(num("85")) == std::vector<std::size_t>{0});
  CHECK(lookup(num("84.99")) == std::vector<std::size_t>{1});
  CHECK(lookup(num("75.0")) == std::vector<std::size_t>{1});
  CHECK(lookup(num("74")) == std::vector<std::size_t>{2});
  CHECK(lookup(num("-1000")) == std::vector<std::size_t>{3});
  CHECK(lookup(Value()).empty());  // null matches no comparison
  // Consecutive segments with the same rows share a bitset: [85] and (85..+inf).
  CHECK(index.segment_set(0, 5) == index.segment_set(0, 6));
  CHECK(index.segment_interval(0, 2).to_string() == "(60..75)");
  CHECK(index.segment_interval(0, 3).to_string() == "[75..75]");
}

TEST_CASE("TableIndex answers a string in a numeric column with every row", "[table_index]") {
  const Cells cells({{">= 85"}, {"< 85"}}, {Type::any});
  const TableIndex index = TableIndex::build(cells.columns(1));
  std::vector<std::uint64_t> words(index.words());
  const ValueView text("high");
  CHECK_FALSE(index.candidates(std::span<const ValueView>(&text, 1), words.data()));
  CHECK(rows_of(words.data(), index.words()) == std::vector<std::size_t>{0, 1});
  CHECK_FALSE(index.exact(0, text));
  CHECK(index.exact(0, ValueView(Decimal::from_int(3))));
}

TEST_CASE("TableIndex constant columns", "[table_index]") {
  const Cells cells({{"'north', 'south'"}, {"not('north')"}, {"-"}, {"'east'"}, {"null"}}, {Type::string});
  const TableIndex index = TableIndex::build(cells.columns(1));
  REQUIRE(index.kind(0) == TableIndex::ColumnKind::constants);
  REQUIRE(index.constants(0).size() == 3);
  CHECK(index.constants(0)[0] == Value("east"));  // sorted
  std::vector<std::uint64_t> words(index.words());
  const auto lookup = [&](ValueView v) {
    CHECK(index.candidates(std::span<const ValueView>(&v, 1), words.data()));
    return rows_of(words.data(), index.words());
  };
  CHECK(lookup("north") == std::vector<std::size_t>{0, 2});
  CHECK(lookup("south") == std::vector<std::size_t>{0, 1, 2});
  CHECK(lookup("east") == std::vector<std::size_t>{1, 2, 3});
  CHECK(lookup("west") == std::vector<std::size_t>{1, 2});
  CHECK(lookup(ValueView()) == std::vector<std::size_t>{1, 2, 4});        // not('north') and null match null
  CHECK(lookup(Decimal::from_int(1)) == std::vector<std::size_t>{1, 2});  // another kind: "other"
}

TEST_CASE("TableIndex constant columns of many strings and of bools agree with a scan", "[table_index]") {
  // More string keys than a lookup scans (it searches them), and bool keys.
  std::vector<std::vector<std::string>> text;
  const char* bools[] = {"true", "false", "-", "not(true)", "null", "true, null"};
  for (int r = 0; r < 40; ++r)
    text.push_back({r % 5 == 4 ? "not('k" + std::to_string(r) + "')" : "'k" + std::to_string(r) + "', 'k" + std::to_string(r / 2) + "'",
                    bools[r % 6]});
  const Cells cells(text, {Type::string, Type::boolean});
  const TableIndex index = TableIndex::build(cells.columns(2));
  REQUIRE(index.kind(0) == TableIndex::ColumnKind::constants);
  REQUIRE(index.kind(1) == TableIndex::ColumnKind::constants);
  REQUIRE(index.constants(0).size() > 16);
  const std::vector<Value> strings = {Value("k0"), Value("k1"), Value("k13"), Value("k19"), Value("k39"), Value("k40"),
                                      Value("k"), Value(""), Value(), Value(true)};
  const std::vector<Value> flags = {Value(true), Value(false), Value(), Value("true")};
  for (const Value& s : strings)
    for (const Value& b : flags) {
      INFO(s.to_string() << ", " << b.to_string());
      check_lookup(index, cells, {s, b});
    }
}

TEST_CASE("TableIndex leaves unindexable and oversized columns alone", "[table_index]") {
  const Cells cells({{"$ * 2 > 7", "[1..5]"}, {"-", "> 7"}, {"abs($) < 2", "-"}}, {Type::decimal, Type::decimal});
  const TableIndex index = TableIndex::build(cells.columns(2));
  CHECK_FALSE(index.indexed(0));
  CHECK(index.indexed(1));
  CHECK(index.segments(0) == 0);
  std::vector<std::uint64_t> words(index.words());
  const std::vector<ValueView> inputs = {Decimal::from_int(100), Decimal::from_int(3)};
  CHECK(index.candidates(inputs, words.data()));
  CHECK(rows_of(words.data(), index.words()) == std::vector<std::size_t>{0, 2});

  crm::internal::TableIndexOptions small;
  small.max_column_bytes = 16;  // two bitsets of one word
  const TableIndex tiny = TableIndex::build(cells.columns(2), std::nullopt, small);
  CHECK_FALSE(tiny.indexed(1));
  CHECK(tiny.candidates(inputs, words.data()));
  CHECK(rows_of(words.data(), tiny.words()) == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("TableIndex of a table without input columns or rows", "[table_index]") {
  const std::vector<std::vector<const UnaryTest*>> none;
  const TableIndex index = TableIndex::build(none, 70);
  CHECK(index.rows() == 70);
  CHECK(index.words() == 2);
  std::vector<std::uint64_t> words(index.words());
  CHECK(index.candidates({}, words.data()));
  CHECK(rows_of(words.data(), index.words()).size() == 70);

  const TableIndex empty;
  CHECK(empty.rows() == 0);
  CHECK(empty.words() == 0);
  CHECK(empty.candidates({}, nullptr));
}

TEST_CASE("TableIndex any columns and decimal constants", "[table_index]") {
  const Cells cells({{"-", "1, 2, null"}, {"", "not(2, 3)"}, {"-", "not(null)"}}, {Type::string, Type::decimal});
  const TableIndex index = TableIndex::build(cells.columns(2));
  CHECK(index.kind(0) == TableIndex::ColumnKind::any);
  CHECK(index.kind(1) == TableIndex::ColumnKind::numeric);
  std::vector<std::uint64_t> words(index.words());
  const auto lookup = [&](ValueView a, ValueView b) {
    const std::vector<ValueView> inputs = {a, b};
    CHECK(index.candidates(inputs, words.data()));
    return rows_of(words.data(), index.words());
  };
  CHECK(lookup("x", Decimal::from_int(2)) == std::vector<std::size_t>{0, 2});
  CHECK(lookup(Decimal::from_int(9), Decimal::from_int(3)) == std::vector<std::size_t>{2});
  CHECK(lookup(Decimal::from_int(9), Decimal::from_int(4)) == std::vector<std::size_t>{1, 2});
  CHECK(lookup(ValueView(), ValueView()) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("TableIndex with more columns than a lookup keeps inline", "[table_index]") {
  std::mt19937 rng(7);
  const std::size_t columns = 80;  // 40 indexed columns: more than a lookup holds inline
  std::vector<Type> types(columns, Type::decimal);
  std::vector<std::vector<std::string>> text;
  for (int r = 0; r < 150; ++r) {
    text.emplace_back();
    for (std::size_t c = 0; c < columns; ++c)
      text.back().push_back(c % 4 == 0 ? numeric_cell(rng) : c % 2 ? "-" : ">= -1");
  }
  const Cells cells(text, types);
  const TableIndex index = TableIndex::build(cells.columns(columns));
  for (int k = 0; k < 200; ++k) {
    std::vector<Value> inputs;
    for (std::size_t c = 0; c < columns; ++c) {
      Value v = numeric_input(rng);
      inputs.push_back(v.kind() == crm::ValueKind::string ? Value(Decimal::from_int(1)) : v);
    }
    INFO("lookup " << k);
    check_lookup(index, cells, inputs);
  }
}

TEST_CASE("TableIndex of a table without rows", "[table_index]") {
  const Cells cells({}, {Type::decimal});
  std::vector<std::vector<const UnaryTest*>> columns(1);
  const TableIndex index = TableIndex::build(columns);
  CHECK(index.rows() == 0);
  CHECK(index.words() == 0);
  CHECK(index.kind(0) == TableIndex::ColumnKind::any);
  const ValueView v(Decimal::from_int(1));
  CHECK(index.candidates(std::span<const ValueView>(&v, 1), nullptr));
}

TEST_CASE("TableIndex says why a column is not indexed", "[table_index]") {
  crm::Scope scope;
  REQUIRE(scope.add("limit", Type::decimal).has_value());
  const auto compile = [&](const char* text, Type type) {
    auto t = UnaryTest::compile(text, scope, type);
    REQUIRE(t.has_value());
    return *t;
  };
  const std::vector<UnaryTest> cells = {
      compile("[1..5]", Type::decimal), compile("> limit", Type::decimal), compile("$ * 2 > 7", Type::decimal),
      compile("'a'", Type::any),        compile("5", Type::any),           compile("-", Type::decimal)};
  std::vector<std::vector<const UnaryTest*>> columns = {{&cells[0], &cells[5], &cells[1]},   // reads limit
                                                        {&cells[5], &cells[2], &cells[0]},   // $ * 2 > 7
                                                        {&cells[3], &cells[5], &cells[4]},   // 'a' beside 5
                                                        {&cells[0], &cells[5], &cells[0]}};  // indexed
  const TableIndex index = TableIndex::build(columns);
  using Reason = crm::internal::Unindexed::Reason;
  CHECK(index.unindexed(0).reason == Reason::reads_field);
  CHECK(index.unindexed(0).row == 2);
  CHECK(index.unindexed(1).reason == Reason::cell_kind);
  CHECK(index.unindexed(1).row == 1);
  CHECK(index.unindexed(2).reason == Reason::mixed_kinds);
  CHECK(index.unindexed(2).row == 2);
  CHECK(index.unindexed(3).reason == Reason::none);
  CHECK(index.set_bytes(3) > 0);

  crm::internal::TableIndexOptions small;
  small.max_column_bytes = 16;
  const TableIndex capped = TableIndex::build(columns, std::nullopt, small);
  CHECK(capped.unindexed(3).reason == Reason::size_cap);
  CHECK(capped.unindexed(3).bytes == 16);
  CHECK(capped.set_bytes(3) == 0);
}

namespace {

/// Every row of the index matching this one input, by candidates().
std::vector<std::size_t> lookup_rows(const TableIndex& index, std::span<const ValueView> inputs) {
  std::vector<std::uint64_t> words(index.words(), ~std::uint64_t{0});  // stale words must not show
  CHECK(index.candidates(inputs, words.data()));
  return rows_of(words.data(), index.words());
}

}  // namespace

TEST_CASE("TableIndex of 100,000 disjoint bands takes space linear in its rows", "[table_index][slow]") {
  // Bitsets of every row per segment took rows x segments bits: 2.5 GB here, past the
  // cap from about 23,000 rows on.
  const int bands = 100'000;
  std::vector<std::vector<std::string>> text;
  for (int i = 0; i < bands; ++i)
    text.push_back({"[" + std::to_string(10 * i) + ".." + std::to_string(10 * i + 10) + ")",
                    "'k" + std::to_string(i % 50'000) + "'", i % 2 ? "-" : "'k" + std::to_string(i) + "'"});
  const Cells cells(text, {Type::decimal, Type::string, Type::string});
  const TableIndex index = TableIndex::build(cells.columns(3));
  REQUIRE(index.kind(0) == TableIndex::ColumnKind::numeric);
  REQUIRE(index.kind(1) == TableIndex::ColumnKind::constants);
  REQUIRE(index.kind(2) == TableIndex::ColumnKind::constants);
  CHECK(index.set_bytes(0) < std::size_t{bands} * 40);  // a word or two per band
  CHECK(index.set_bytes(1) < std::size_t{bands} * 40);
  for (const int i : {0, 1, 777, 49'999, 50'000, 99'999}) {
    INFO("band " << i);
    const Value x = num((std::to_string(10 * i) + ".5").c_str());
    const std::vector<ValueView> one = {ValueView(x)};
    CHECK(lookup_rows(index, one) == std::vector<std::size_t>{static_cast<std::size_t>(i)});
    const Value key("k" + std::to_string(i % 50'000));
    const std::vector<ValueView> both = {ValueView(x), ValueView(key), ValueView(key)};
    const bool odd = i % 2 == 1, keyed = !odd && i < 50'000;  // row i lists k<i> in column 2, or has `-`
    CHECK(lookup_rows(index, both) ==
          (odd || keyed ? std::vector<std::size_t>{static_cast<std::size_t>(i)} : std::vector<std::size_t>{}));
  }
  const std::vector<ValueView> outside = {ValueView(num("-1"))};
  CHECK(lookup_rows(index, outside).empty());
}
