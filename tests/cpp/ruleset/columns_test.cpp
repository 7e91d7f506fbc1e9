// RuleSet::evaluate_columns: whole columns in and out, on threads, matching the row by row
// evaluation; the batch's own errors named once; a row's errors only its own.
#include <catch2/catch.hpp>

#include "crmrules/rule_set.hpp"

using crm::ColumnKind;
using crm::Decimal;
using crm::ErrorCode;
using crm::InputColumn;

namespace {

const char* rules_json = R"({"crmrules": 1, "name": "t", "version": "1",
  "inputs": {"amount": {"type": "decimal", "required": true}, "region": {"type": "enum", "values": ["north", "south"]},
             "vip": {"type": "bool", "default": false}},
  "decisions": [
    {"name": "fee", "expression": "amount * 0.1"},
    {"name": "label", "expression": "region ?? 'unknown'"},
    {"name": "big", "expression": "amount > 100"},
    {"name": "tags", "table": {"hit_policy": "COLLECT", "inputs": ["amount"], "outputs": ["tags"],
                               "rows": [["> 0", "'positive'"], ["> 100", "'large'"]]}}]})";

const crm::RuleSet& rules() {
  static const crm::RuleSet r = *crm::RuleSet::load(rules_json);
  return r;
}

const crm::OutputColumn& out(const crm::ColumnResult& r, std::string_view name) {
  for (const auto& o : r.outputs)
    if (o.name == name) return o;
  FAIL("no output " << name);
  return r.outputs[0];
}

std::string_view cell_text(const crm::OutputColumn& o, std::size_t row) {
  return std::string_view(o.text).substr(static_cast<std::size_t>(o.offsets[row]),
                                         static_cast<std::size_t>(o.offsets[row + 1] - o.offsets[row]));
}

}  // namespace

TEST_CASE("columns in, columns out: the same answers as row by row", "[columns]") {
  const std::int64_t amounts[] = {50, 200, 0};
  const std::string regions = "northsouthwest";
  const std::int64_t region_at[] = {0, 5, 10, 14};
  const std::uint8_t region_valid[] = {1, 1, 0};  // the third has no region
  const InputColumn in[] = {{"amount", ColumnKind::int64, amounts},
                            {"region", ColumnKind::text, regions.data(), region_at, region_valid},
                            {"customer_id", ColumnKind::text, regions.data(), region_at}};  // not an input: ignored
  auto r = rules().evaluate_columns(in, 3);
  REQUIRE(r);
  CHECK(r->failures.empty());
  const auto& fee = out(*r, "fee");
  CHECK(fee.kind == ColumnKind::decimal);
  CHECK(fee.decimals[1] == Decimal::from_int(20));
  CHECK(fee.decimals[1].to_string() == "20.0");  // its scale kept
  const auto& label = out(*r, "label");
  CHECK(label.kind == ColumnKind::text);
  CHECK(cell_text(label, 0) == "north");
  CHECK(cell_text(label, 2) == "unknown");
  CHECK(out(*r, "big").booleans == std::vector<std::uint8_t>{0, 1, 0});
  const auto& tags = out(*r, "tags");
  CHECK(tags.kind == ColumnKind::json);
  CHECK(cell_text(tags, 1) == R"(["positive", "large"])");
  CHECK(cell_text(tags, 2) == "[]");
}

TEST_CASE("a bad row fails alone, named with its input, the others are evaluated", "[columns]") {
  const std::string regions = "northeastsouth";
  const std::int64_t at[] = {0, 5, 9, 14};
  const std::int64_t amounts[] = {1, 2, 3};
  const InputColumn in[] = {{"amount", ColumnKind::int64, amounts}, {"region", ColumnKind::text, regions.data(), at}};
  auto r = rules().evaluate_columns(in, 3);
  REQUIRE(r);
  REQUIRE(r->failures.size() == 1);
  CHECK(r->failures[0].row == 1);
  CHECK(r->failures[0].error.where.pointer == "/region");
  CHECK(out(*r, "fee").valid == std::vector<std::uint8_t>{1, 0, 1});  // all or nothing per row
}

TEST_CASE("floats are a decision: an error naming the columns, the shortest text, or rejected rows", "[columns]") {
  const double amounts[] = {0.1, 2.5, 1e300};
  const InputColumn in[] = {{"amount", ColumnKind::float64, amounts}};
  auto refused = rules().evaluate_columns(in, 3);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::type_mismatch);
  CHECK(refused.error().message.find("float columns 'amount'") != std::string::npos);
  CHECK(refused.error().message.find("floats=\"shortest\"") != std::string::npos);

  auto shortest = rules().evaluate_columns(in, 3, {crm::FloatPolicy::shortest});
  REQUIRE(shortest);
  CHECK(out(*shortest, "fee").decimals[0].to_string() == "0.01");  // 0.1 read as 0.1, not 0.1000000000000000055
  REQUIRE(shortest->failures.size() == 1);                         // 1e300 is past the decimal range
  CHECK(shortest->failures[0].row == 2);

  auto rejected = rules().evaluate_columns(in, 3, {crm::FloatPolicy::reject});
  REQUIRE(rejected);
  CHECK(rejected->failures.size() == 3);
}

TEST_CASE("the batch's own errors: a required input missing, a strict unknown column, a column twice", "[columns]") {
  const std::int64_t amounts[] = {1};
  const InputColumn region_only[] = {{"region", ColumnKind::text, "north", nullptr}};
  auto missing = rules().evaluate_columns(std::span<const InputColumn>(), 1);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "input 'amount' is required and no column gives it");
  auto no_offsets = rules().evaluate_columns(region_only, 1);
  CHECK(no_offsets.error().message.find("has no offsets") != std::string::npos);
  const InputColumn extra[] = {{"amount", ColumnKind::int64, amounts}, {"amuont", ColumnKind::int64, amounts}};
  auto strict = rules().evaluate_columns(extra, 1, {crm::FloatPolicy::error, true});
  REQUIRE_FALSE(strict);
  CHECK(strict.error().message.find("column 'amuont' is not an input (did you mean 'amount'?)") != std::string::npos);
  const InputColumn twice[] = {{"amount", ColumnKind::int64, amounts}, {"amount", ColumnKind::int64, amounts}};
  CHECK(rules().evaluate_columns(twice, 1).error().code == ErrorCode::conflict);
}

TEST_CASE("many rows on several threads give the row-by-row answers in row order", "[columns]") {
  const std::size_t n = 50'000;
  std::vector<std::int64_t> amounts(n);
  std::vector<std::uint8_t> vip(n);
  for (std::size_t i = 0; i < n; ++i) amounts[i] = static_cast<std::int64_t>(i % 300), vip[i] = i % 2;
  const InputColumn in[] = {{"amount", ColumnKind::int64, amounts.data()}, {"vip", ColumnKind::boolean, vip.data()}};
  auto r = rules().evaluate_columns(in, n, {crm::FloatPolicy::error, false, 4});
  REQUIRE(r);
  const auto& fee = out(*r, "fee");
  const auto& tags = out(*r, "tags");
  bool same = true;
  for (std::size_t i = 0; i < n && same; i += 997) {
    crm::Record rec = rules().new_record();
    REQUIRE(rec.set("amount", crm::Value(Decimal::from_int(amounts[i]))));
    REQUIRE(rules().evaluate(rec));
    same = fee.decimals[i] == rec.get("fee")->as_decimal();
    same = same && (amounts[i] > 100) == (out(*r, "big").booleans[i] == 1);
  }
  CHECK(same);
  CHECK(tags.offsets.size() == n + 1);
}

TEST_CASE("an output column dictionary-encoded: distinct cells once, a code per row", "[columns]") {
  const std::int64_t amounts[] = {50, 200, 50, 0};
  const std::string regions = "northsouthnorth";
  const std::int64_t region_at[] = {0, 5, 10, 15, 15};
  const std::uint8_t region_valid[] = {1, 1, 1, 0};
  const InputColumn in[] = {{"amount", ColumnKind::int64, amounts},
                            {"region", ColumnKind::text, regions.data(), region_at, region_valid}};
  auto r = rules().evaluate_columns(in, 4);
  REQUIRE(r);
  auto label = crm::dictionary_encode(out(*r, "label"));
  REQUIRE(label);
  REQUIRE(label->size() == 3);
  CHECK(label->value(0) == "north");
  CHECK(label->value(1) == "south");
  CHECK(label->value(2) == "unknown");
  CHECK(label->codes == std::vector<std::int32_t>{0, 1, 0, 2});
  auto fee = crm::dictionary_encode(out(*r, "fee"));
  REQUIRE(fee);
  CHECK(fee->text == "5.020.00.0");  // exact, scale kept
  CHECK(fee->offsets == std::vector<std::int64_t>{0, 3, 7, 10});
  CHECK(fee->codes == std::vector<std::int32_t>{0, 1, 0, 2});
  auto big = crm::dictionary_encode(out(*r, "big"));
  REQUIRE(!big);
  CHECK(big.error().code == crm::ErrorCode::invalid_argument);
  CHECK(big.error().message == "output 'big' is neither text nor decimal: it has no dictionary");
}

TEST_CASE("a failed row is code -1 in a dictionary", "[columns]") {
  const std::int64_t amounts[] = {50, 200};
  const std::string regions = "northwest";
  const std::int64_t region_at[] = {0, 5, 9};
  const InputColumn in[] = {{"amount", ColumnKind::int64, amounts},
                            {"region", ColumnKind::text, regions.data(), region_at}};
  auto r = rules().evaluate_columns(in, 2);
  REQUIRE(r);
  REQUIRE(r->failures.size() == 1);
  auto fee = crm::dictionary_encode(out(*r, "fee"));
  REQUIRE(fee);
  CHECK(fee->codes == std::vector<std::int32_t>{0, -1});
  CHECK(fee->size() == 1);
  CHECK(fee->value(0) == "5.0");
}
