#include <catch2/catch.hpp>

#include "crmrules/value.hpp"

TEST_CASE("values of each kind", "[value]") {
  crm::Value null_value;
  CHECK(null_value.is_null());
  CHECK(null_value.to_string() == "null");
  crm::Value b = true;
  CHECK(b.kind() == crm::ValueKind::boolean);
  CHECK(b.to_string() == "true");
  crm::Value d = *crm::Decimal::parse("12.50");
  CHECK(d.kind() == crm::ValueKind::decimal);
  CHECK(d.to_string() == "12.50");
  crm::Value s = "华为";
  CHECK(s.kind() == crm::ValueKind::string);
  CHECK(s.as_string() == "华为");
  CHECK(crm::to_string(s.kind()) == "string");
}

TEST_CASE("values compare by kind and content", "[value]") {
  CHECK(crm::Value(*crm::Decimal::parse("1.0")) == crm::Value(*crm::Decimal::parse("1.00")));
  CHECK(crm::Value("A1") != crm::Value("A2"));
  CHECK(crm::Value(true) != crm::Value(*crm::Decimal::parse("1")));
  CHECK(crm::Value() == crm::Value(nullptr));
}
