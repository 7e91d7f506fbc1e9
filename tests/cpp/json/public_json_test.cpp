// crmrules/json.hpp: JSON text in and out of the core types, and the one form of an error.
#include <catch2/catch.hpp>

#include "crmrules/json.hpp"
#include "src/json/writer.hpp"
#include "tests/cpp/decimals.hpp"

namespace {
}  // namespace

TEST_CASE("values are written as exact JSON", "[json]") {
  CHECK(crm::to_json(crm::Value()) == "null");
  CHECK(crm::to_json(crm::Value(true)) == "true");
  CHECK(crm::to_json(crm::Value(dec("750000.00"))) == "750000.00");
  CHECK(crm::to_json(crm::Value(dec("12345678901234567890.123456789"))) == "12345678901234567890.123456789");
  CHECK(crm::to_json(crm::Value(std::string("华为 \"A\"\n"))) == R"("华为 \"A\"\n")");
  CHECK(crm::to_json(crm::Value(crm::Value::List{"A1", dec("2")})) == R"(["A1", 2])");
}

TEST_CASE("an error is written with the parts of its place that are known", "[json]") {
  using crm::Error;
  using crm::ErrorCode;
  CHECK(crm::to_json(Error{ErrorCode::overflow, "too big", {}}) == R"({"code": "overflow", "message": "too big"})");
  CHECK(crm::to_json(Error{ErrorCode::parse, "bad", crm::Location{"/a/0", 3, 7, -1}}) ==
        R"({"code": "parse", "message": "bad", "pointer": "/a/0", "line": 3, "column": 7})");
  CHECK(crm::to_json(Error{ErrorCode::parse, "x", crm::Location::at_offset(4)}) ==
        R"({"code": "parse", "message": "x", "offset": 4})");
}

TEST_CASE("the JSON writer nests objects and arrays", "[json]") {
  std::string out;
  {
    crm::internal::JsonObject o(out);
    o.string("name", "t").number("n", std::int64_t{-2}).boolean("ok", false).null("none").key("list");
    crm::internal::JsonArray list(out);
    list.item() += "1";
    crm::internal::JsonObject inner(list.item());
    inner.error("error", crm::Error{crm::ErrorCode::missing, "gone", {}});
  }
  CHECK(
      out ==
      R"({"name": "t", "n": -2, "ok": false, "none": null, "list": [1, {"error": {"code": "missing", "message": "gone"}}]})");
}

TEST_CASE("an object of values is read exactly, in document order", "[json]") {
  auto fields =
      crm::values_from_json(R"({"amount": 71.00, "big": 1234567890123456789.5, "tier": "金", "ok": true, "n": null})");
  REQUIRE(fields);
  REQUIRE(fields->size() == 5);
  CHECK((*fields)[0].first == "amount");
  CHECK((*fields)[0].second.as_decimal().to_string() == "71.00");
  CHECK((*fields)[1].second.as_decimal().to_string() == "1234567890123456789.5");
  CHECK((*fields)[2].second.as_string() == "金");
  CHECK((*fields)[3].second.as_bool());
  CHECK((*fields)[4].second.is_null());

  auto nested = crm::values_from_json("{\n  \"a\": {\"b\": 1}\n}");
  REQUIRE_FALSE(nested);
  CHECK(nested.error().code == crm::ErrorCode::type_mismatch);
  CHECK(nested.error().where.pointer == "/a");
  CHECK(nested.error().where.line == 2);
  CHECK(crm::values_from_json("[1]").error().code == crm::ErrorCode::type_mismatch);
  CHECK(crm::values_from_json("{\"a\": 1").error().code == crm::ErrorCode::parse);
}

TEST_CASE("a JSON pointer's value is located by line and column", "[json]") {
  const std::string text = "[\n  {\"event\": \"x\",\n   \"data\": {\"名\": 1}}\n]";
  const crm::Location at = crm::locate_json(text, "/0/data");
  CHECK(at.line == 3);
  CHECK(at.column == 12);
  CHECK(crm::locate_json(text, "/0/missing").line == 2);  // the nearest enclosing value
}
