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
