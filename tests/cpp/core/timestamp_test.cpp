// ISO 8601 timestamps and durations (src/core/timestamp.hpp): exact to the millisecond,
// impossible dates and times refused with the offset of the fault.
#include <catch2/catch.hpp>

#include "src/core/timestamp.hpp"

using crm::ErrorCode;
using namespace crm::internal;

TEST_CASE("timestamps read with their offset, or the one given", "[core][timestamp]") {
  const auto call = parse_timestamp("2026-03-02T10:00:00+08:00", 0);
  REQUIRE(call);
  CHECK(*call == 1'772'416'800'000);  // 2026-03-02T02:00:00Z
  CHECK(*parse_timestamp("2026-03-02T02:00:00Z", 480) == *call);
  CHECK(*parse_timestamp("2026-03-02 10:00", 480) == *call);  // no offset: +08:00 given
  CHECK(*parse_timestamp("2026-03-02T10:00:00+0800", 0) == *call);
  CHECK(*parse_timestamp("2026-03-02T10:00:00+08", 0) == *call);
  CHECK(*parse_timestamp("2026-03-01T21:00:00-05:00", 0) == *call);
  CHECK(*parse_timestamp("2026-03-02T10:16:00.250+08:00", 0) - *call == 16 * 60'000 + 250);
  CHECK(*parse_timestamp("2024-02-29T00:00Z", 0) - *parse_timestamp("2024-02-28T00:00Z", 0) == 86'400'000);
  CHECK(*parse_timestamp("1969-12-31T23:59:59Z", 0) == -1000);
}

TEST_CASE("timestamps that are not, or cannot be, are refused where they fail", "[core][timestamp]") {
  auto fails = [](std::string_view text, ErrorCode code, std::int64_t offset, std::string_view part) {
    auto t = parse_timestamp(text, 0);
    REQUIRE_FALSE(t);
    CHECK(t.error().code == code);
    CHECK(t.error().where.offset == offset);
    CHECK(t.error().message.find(part) != std::string::npos);
  };
  fails("2023-02-29T10:00", ErrorCode::out_of_range, 0, "no such date");
  fails("2026-03-02", ErrorCode::parse, 10, "needs the time of day");
  fails("2026-03-02T24:00", ErrorCode::out_of_range, 11, "no such time");
  fails("2026-03-02T10:60", ErrorCode::out_of_range, 11, "no such time");
  fails("2026-03-02T10:00:60", ErrorCode::out_of_range, 11, "no such time");
  fails("02/03/2026 10:00", ErrorCode::parse, 0, "expected a timestamp");
  fails("2026-03-02T10:00+19:00", ErrorCode::out_of_range, 16, "at most ±18:00");
  fails("2026-03-02T10:00 CST", ErrorCode::parse, 16, "expected an offset");
  fails("2026-03-02T10:00:00.0001Z", ErrorCode::out_of_range, 23, "exact to the millisecond");
  fails("2026-03-02T10:00:00.Z", ErrorCode::parse, 20, "digits after the decimal sign");
  CHECK(parse_timestamp("2026-03-02T10:00:00.1000Z", 0).has_value());  // zeros past milliseconds
}

TEST_CASE("durations in ISO 8601, exact", "[core][timestamp]") {
  CHECK(*parse_duration("PT15M") == 900'000);
  CHECK(*parse_duration("PT1H") == 3'600'000);
  CHECK(*parse_duration("PT1H30M") == 5'400'000);
  CHECK(*parse_duration("P1DT2H") == 93'600'000);
  CHECK(*parse_duration("PT0.5S") == 500);
  CHECK(*parse_duration("PT0S") == 0);
  for (std::string_view bad : {"15M", "PT", "P", "PT15", "P1W", "P1M", "PT1M1H", "PT1.5M", "PT1H1H", "PTT1H"}) {
    INFO(bad);
    CHECK_FALSE(parse_duration(bad).has_value());
  }
  CHECK(format_duration(60'000) == "PT1M");
  CHECK(format_duration(3'723'500) == "PT1H2M3.5S");
  CHECK(format_duration(93'600'000) == "P1DT2H");
  CHECK(format_duration(0) == "PT0S");
  CHECK(format_duration(-60'000) == "-PT1M");
}

TEST_CASE("months and timestamps are seen in a time zone", "[core][timestamp]") {
  const std::int64_t t = *parse_timestamp("2026-03-31T20:00:00Z", 0);
  CHECK(month_of(t, 0) == "2026-03");
  CHECK(month_of(t, 480) == "2026-04");  // already April in Beijing
  CHECK(month_of(-1, 0) == "1969-12");
  CHECK(format_timestamp(t, 480) == "2026-04-01T04:00:00+08:00");
  CHECK(format_timestamp(t + 5, 0) == "2026-03-31T20:00:00.005Z");
  CHECK(*parse_utc_offset("-05:30") == -330);
  CHECK(format_utc_offset(-330) == "-05:30");
}
