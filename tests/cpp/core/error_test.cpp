#include <catch2/catch.hpp>

#include "crmrules/expected.hpp"

TEST_CASE("an error's text names the code, the place and the problem", "[error]") {
  crm::Error e{crm::ErrorCode::unknown_name, "unknown field 'x'", crm::Location{"/tables/0/rows/3", 12, 7, -1}};
  CHECK(e.to_string() == "unknown_name at /tables/0/rows/3 line 12, column 7: unknown field 'x'");
  crm::Error offset{crm::ErrorCode::parse, "bad", crm::Location::at_offset(4)};
  CHECK(offset.to_string() == "parse at offset 4: bad");
  crm::Error bare{crm::ErrorCode::division_by_zero, "division by zero", {}};
  CHECK(bare.to_string() == "division_by_zero: division by zero");
}

TEST_CASE("every error code has a stable name", "[error]") {
  CHECK(crm::to_string(crm::ErrorCode::ok) == "ok");
  CHECK(crm::to_string(crm::ErrorCode::illegal_transition) == "illegal_transition");
  for (int c = 0; c <= static_cast<int>(crm::ErrorCode::unauthenticated); ++c)
    CHECK(crm::to_string(static_cast<crm::ErrorCode>(c)) != "unknown");
}

TEST_CASE("fail() builds the unexpected value of an expected", "[error]") {
  crm::expected<int> r = crm::fail(crm::ErrorCode::missing, "required field 'id' is missing",
                                   crm::Location::at_pointer("/id"));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == crm::ErrorCode::missing);
  CHECK(r.error().where.pointer == "/id");
}
