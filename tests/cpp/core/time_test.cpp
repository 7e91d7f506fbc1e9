// crm::Time and crm::DateTime: parsing, printing, comparing, errors with their offsets.
#include <catch2/catch.hpp>

#include "crmrules/date_time.hpp"
#include "crmrules/time.hpp"

namespace {

crm::Time time_of(std::string_view text) {
  auto t = crm::Time::parse(text);
  INFO(text << (t ? "" : " -> " + t.error().to_string()));
  REQUIRE(t);
  return *t;
}

crm::DateTime date_time_of(std::string_view text) {
  auto t = crm::DateTime::parse(text);
  INFO(text << (t ? "" : " -> " + t.error().to_string()));
  REQUIRE(t);
  return *t;
}

}  // namespace

TEST_CASE("a time parses and prints hh:mm:ss, a fraction and an offset", "[core][time]") {
  const crm::Time t = time_of("16:11:05");
  CHECK(t.hour() == 16);
  CHECK(t.minute() == 11);
  CHECK(t.second() == 5);
  CHECK(t.nanosecond() == 0);
  CHECK_FALSE(t.has_offset());
  CHECK(t.to_string() == "16:11:05");
  CHECK(time_of("00:00:00.25").nanosecond() == 250'000'000);
  CHECK(time_of("00:00:00.250").to_string() == "00:00:00.25");
  CHECK(time_of("23:59:59.123456789").to_string() == "23:59:59.123456789");
  CHECK(time_of("10:00:00Z").to_string() == "10:00:00Z");
  CHECK(time_of("10:00:00+00:00").to_string() == "10:00:00Z");
  CHECK(time_of("10:00:00-05:30").offset_minutes() == -330);
  CHECK(time_of("10:00:00-05:30").to_string() == "10:00:00-05:30");
}

TEST_CASE("times compare on one clock, as instants when both have offsets", "[core][time]") {
  CHECK(crm::compare(time_of("17:13:00"), time_of("16:11:00")) == 1);
  CHECK(crm::compare(time_of("15:13:00"), time_of("16:11:00")) == -1);
  CHECK(time_of("16:11:00") == time_of("16:11:00.000"));
  CHECK(time_of("10:00:00Z") == time_of("11:00:00+01:00"));
  CHECK(crm::compare(time_of("10:00:00Z"), time_of("10:30:00+01:00")) == 1);
  CHECK(crm::compare(time_of("23:00:00-05:00"), time_of("04:00:00Z")) == 0);  // wrapped to one day
  // one with an offset, one without: no order, and not equal
  CHECK_FALSE(crm::compare(time_of("10:00:00Z"), time_of("10:00:00")).has_value());
  CHECK_FALSE(time_of("10:00:00Z") == time_of("10:00:00"));
}

TEST_CASE("malformed or impossible times are refused at the character at fault", "[core][time]") {
  auto error = [](std::string_view text) {
    auto t = crm::Time::parse(text);
    INFO(text);
    REQUIRE_FALSE(t);
    return t.error();
  };
  CHECK(error("10:3O:00").code == crm::ErrorCode::parse);
  CHECK(error("10:3O:00").where.offset == 4);
  CHECK(error("10:30").where.offset == 5);
  CHECK(error("10:30").message.find("too short") != std::string::npos);
  CHECK(error("10-30:00").where.offset == 2);
  CHECK(error("10:30:00.").where.offset == 9);
  CHECK(error("10:30:00.1234567890").message.find("more than 9 fractional digits") != std::string::npos);
  CHECK(error("10:30:00+0100").where.offset == 11);
  CHECK(error("10:30:00 ").where.offset == 8);
  CHECK(error("10:30:00@Europe/Paris").message.find("zone names") != std::string::npos);
  CHECK(error("24:00:00").code == crm::ErrorCode::out_of_range);
  CHECK(error("24:00:00").message.find("hour 24 is outside 0..23") != std::string::npos);
  CHECK(error("10:60:00").where.offset == 3);
  CHECK(error("10:00:60").where.offset == 6);
  CHECK(error("10:00:00+15:00").code == crm::ErrorCode::out_of_range);
  CHECK(crm::Time::from_parts(23, 59, 59, 999'999'999, 14 * 60));
  CHECK_FALSE(crm::Time::from_parts(0, 0, 0, 1'000'000'000));
}

TEST_CASE("a date and time parses, prints and compares as an instant", "[core][date_time]") {
  const crm::DateTime t = date_time_of("2018-07-30T16:12:00Z");
  CHECK(t.date() == *crm::Date::parse("2018-07-30"));
  CHECK(t.time().hour() == 16);
  CHECK(t.has_offset());
  CHECK(t.to_string() == "2018-07-30T16:12:00Z");
  CHECK(date_time_of("2018-07-30T18:12:00+02:00") == t);
  CHECK(date_time_of("2018-07-30T18:12:00+02:00").to_string() == "2018-07-30T18:12:00+02:00");
  CHECK(crm::compare(date_time_of("2018-07-31T17:13:00Z"), t) == 1);
  CHECK(crm::compare(date_time_of("2018-07-29T15:13:00Z"), t) == -1);
  CHECK(crm::compare(date_time_of("2018-07-31T01:00:00+02:00"), date_time_of("2018-07-30T23:30:00Z")) == -1);
  CHECK(crm::compare(date_time_of("2024-01-01T00:00:00.5"), date_time_of("2024-01-01T00:00:00.25")) == 1);
  CHECK_FALSE(crm::compare(date_time_of("2024-01-01T00:00:00"), date_time_of("2024-01-01T00:00:00Z")).has_value());
  CHECK_FALSE(date_time_of("2024-01-01T00:00:00") == date_time_of("2024-01-01T00:00:00Z"));
}

TEST_CASE("a malformed date and time is refused at its offset in the whole text", "[core][date_time]") {
  auto error = [](std::string_view text) {
    auto t = crm::DateTime::parse(text);
    INFO(text);
    REQUIRE_FALSE(t);
    return t.error();
  };
  CHECK(error("2018-07-30").message.find("expected 'T'") != std::string::npos);
  CHECK(error("2018-07-30 16:12:00").where.offset == 10);
  CHECK(error("2018-07-3xT16:12:00").where.offset == 9);
  CHECK(error("2018-07-30T16:1x:00").where.offset == 15);
  CHECK(error("2018-07-30T16:1x:00").message.find("the time") != std::string::npos);
  CHECK(error("2018-02-30T16:12:00").code == crm::ErrorCode::out_of_range);
  CHECK(error("2018-07-30T25:12:00").code == crm::ErrorCode::out_of_range);
  CHECK(error("2018-07-30T25:12:00").where.offset == 11);
}
