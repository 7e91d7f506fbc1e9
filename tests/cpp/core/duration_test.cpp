// crm::DaysDuration and crm::MonthsDuration: parsing, canonical printing, ordering, errors.
#include <catch2/catch.hpp>

#include "crmrules/days_duration.hpp"
#include "crmrules/months_duration.hpp"

namespace {

crm::DaysDuration days(std::string_view text) {
  auto d = crm::DaysDuration::parse(text);
  INFO(text << (d ? "" : " -> " + d.error().to_string()));
  REQUIRE(d);
  return *d;
}

crm::MonthsDuration months(std::string_view text) {
  auto d = crm::MonthsDuration::parse(text);
  INFO(text << (d ? "" : " -> " + d.error().to_string()));
  REQUIRE(d);
  return *d;
}

}  // namespace

TEST_CASE("a days and time duration is exact and prints canonically", "[core][duration]") {
  CHECK(days("P1DT2H30M").seconds() == 95'400);
  CHECK(days("P1DT2H30M").to_string() == "P1DT2H30M");
  CHECK(days("PT10H").to_string() == "PT10H");
  CHECK(days("PT25H").to_string() == "P1DT1H");
  CHECK(days("PT90M").to_string() == "PT1H30M");
  CHECK(days("P2D").to_string() == "P2D");
  CHECK(days("PT0S").to_string() == "PT0S");
  CHECK(days("P0D").to_string() == "PT0S");
  CHECK(days("PT1.5S").nanos() == 500'000'000);
  CHECK(days("PT1.5S").to_string() == "PT1.5S");
  CHECK(days("-PT5S").seconds() == -5);
  CHECK(days("-PT5S").to_string() == "-PT5S");
  CHECK(days("-PT0.5S").to_string() == "-PT0.5S");
  CHECK(days("-PT0.5S").seconds() == -1);
  CHECK(days("-P1DT1S").to_string() == "-P1DT1S");
  CHECK(days("PT0.000000001S").to_string() == "PT0.000000001S");
  CHECK(days("PT12H") > days("PT10H"));
  CHECK(days("PT8H") < days("PT10H"));
  CHECK(days("PT24H") == days("P1D"));
  CHECK(days("-PT5S") < days("PT0S"));
  CHECK(days("-PT1S") < days("-PT0.5S"));
  CHECK(days("PT1S").negated() == days("-PT1S"));
}

TEST_CASE("a malformed days and time duration is refused at the character at fault", "[core][duration]") {
  auto error = [](std::string_view text) {
    auto d = crm::DaysDuration::parse(text);
    INFO(text);
    REQUIRE_FALSE(d);
    return d.error();
  };
  CHECK(error("1D").where.offset == 0);
  CHECK(error("P").message.find("at least one part") != std::string::npos);
  CHECK(error("PT").where.offset == 2);
  CHECK(error("P1H").message.find("expected 'T'") != std::string::npos);
  CHECK(error("PT1H2H").where.offset == 5);
  CHECK(error("PT1M1H").message.find("out of order") != std::string::npos);
  CHECK(error("PT1.5M").message.find("only seconds") != std::string::npos);
  CHECK(error("PT1").message.find("expected a designator") != std::string::npos);
  CHECK(error("P1Y").code == crm::ErrorCode::parse);
  CHECK(error("P1Y").where.offset == 2);
  CHECK(error("P1Y").message.find("years and months duration") != std::string::npos);
  CHECK(error("P5M").message.find("years and months duration") != std::string::npos);
  CHECK(error("PT1.1234567891S").message.find("more than 9") != std::string::npos);
  CHECK(error("P9999999999999999999D").code == crm::ErrorCode::out_of_range);
}

TEST_CASE("a years and months duration counts months and prints canonically", "[core][duration]") {
  CHECK(months("P1Y2M").months() == 14);
  CHECK(months("P1Y2M").to_string() == "P1Y2M");
  CHECK(months("P14M").to_string() == "P1Y2M");
  CHECK(months("P12M").to_string() == "P1Y");
  CHECK(months("P0Y").to_string() == "P0M");
  CHECK(months("-P13M").to_string() == "-P1Y1M");
  CHECK(crm::MonthsDuration::from_months(-13).to_string() == "-P1Y1M");
  CHECK(months("P8M") > months("P5M"));
  CHECK(months("P1Y") == months("P12M"));
  CHECK(months("-P1M") < months("P0M"));
  auto error = [](std::string_view text) {
    auto d = crm::MonthsDuration::parse(text);
    INFO(text);
    REQUIRE_FALSE(d);
    return d.error();
  };
  CHECK(error("P1D").where.offset == 2);
  CHECK(error("P1D").message.find("days and time duration") != std::string::npos);
  CHECK(error("PT1H").message.find("days and time duration") != std::string::npos);
  CHECK(error("P1M1Y").message.find("out of order") != std::string::npos);
  CHECK(error("P").message.find("at least one part") != std::string::npos);
  CHECK(error("Y1").where.offset == 0);
}
