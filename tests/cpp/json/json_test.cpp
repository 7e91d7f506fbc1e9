#include <catch2/catch.hpp>

#include "src/json/parse.hpp"
#include "src/core/suggest.hpp"

using namespace crm::internal;

TEST_CASE("malformed JSON is reported at its line and column", "[json]") {
  auto doc = parse_json("{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}");
  REQUIRE_FALSE(doc);
  CHECK(doc.error().code == crm::ErrorCode::parse);
  CHECK(doc.error().where.line == 3);
  CHECK(doc.error().where.column == 14);
  CHECK(doc.error().message.rfind("malformed JSON", 0) == 0);

  auto truncated = parse_json("{\"a\": [1, 2");
  REQUIRE_FALSE(truncated);
  CHECK(truncated.error().where.line == 1);
  CHECK_FALSE(parse_json("").has_value());
  CHECK_FALSE(parse_json("{} {}").has_value());
  CHECK(parse_json("{\"名\": \"华为\"}").has_value());
}

TEST_CASE("a JSON pointer is located in the text", "[json]") {
  const std::string text = "{\n  \"inputs\": {\"a/b\": {\"type\": \"money\"}},\n  \"rows\": [\n    [1, 2],\n    [\"x\", {\"k\": true}]\n  ]\n}";
  auto at = locate(text, "/rows/1/1/k");
  CHECK(at.pointer == "/rows/1/1/k");
  CHECK(at.line == 5);
  CHECK(at.column == 17);
  CHECK(locate(text, "/inputs/a~1b/type").line == 2);
  CHECK(locate(text, "/inputs/a~1b/type").column == 30);
  // A pointer past what exists stops at the nearest enclosing value.
  CHECK(locate(text, "/rows/7").line == 3);
  CHECK(locate(text, "").line == 1);
  CHECK(pointer_token("a/b~c") == "a~1b~0c");
}

TEST_CASE("columns count code points", "[json]") {
  CHECK(position_of("\"华为\" x", 9).column == 6);
}

TEST_CASE("a misspelt name gets a suggestion", "[json]") {
  CHECK(did_you_mean("hit_polcy", {"hit_policy", "inputs", "rows"}) == " (did you mean 'hit_policy'?)");
  CHECK(did_you_mean("zzz", {"hit_policy", "inputs"}).empty());
}

TEST_CASE("the structure check reads strings, keys and numbers in one pass", "[json]") {
  // A string ending in backslashes, a quote escaped inside a key: strings end where they
  // end, so the keys after them are still compared.
  auto tricky = parse_json(R"({"a\\": "x\\\\", "b\"": "\"", "c": 1, "b\"": 2})");
  REQUIRE_FALSE(tricky);
  CHECK(tricky.error().code == crm::ErrorCode::conflict);
  CHECK(tricky.error().where.pointer == "/b\"");
  CHECK(tricky.error().where.column == 39);
  CHECK(parse_json(R"({"a\\": "x\\\\", "b\"": "\"", "c": 1, "d": "\\\""})"));
  // An inner object's keys are its own; the outer one's are kept across it, past 8 keys too.
  CHECK(parse_json(R"({"a": {"a": 1, "b": 2}, "b": {"a": {"a": 3}}, "c": 4})"));
  std::string nine = R"({"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": {"k4": 4}, "k5": 5, "k6": 6, "k7": 7, "k8": 8)";
  CHECK(parse_json(nine + R"(, "k9": {"k0": 1}})"));
  auto late = parse_json(nine + R"(, "k9": {"k0": 1}, "k4": 0})");
  REQUIRE_FALSE(late);
  CHECK(late.error().where.pointer == "/k4");
  auto early = parse_json(R"({"x": {"a": {"b": 1}, "a": 2}})");
  REQUIRE_FALSE(early);
  CHECK(early.error().where.pointer == "/x/a");
  // Numbers: digits inside strings are not numbers; one past exact is refused at its place.
  CHECK(parse_json(R"({"n": "1.0000000000000001", "m": -1.5e3, "k": 12345678901234567890123})").has_value() == false);
  CHECK(parse_json(R"({"n": "1.0000000000000001", "m": -1.5e3})"));
  auto digits = parse_json("{\"s\": \"9.99999999999999999\",\n \"n\": 0.10000000000000001}");
  REQUIRE_FALSE(digits);
  CHECK(digits.error().code == crm::ErrorCode::out_of_range);
  CHECK(digits.error().where.line == 2);
  CHECK(digits.error().where.column == 7);
}
