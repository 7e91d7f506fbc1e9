// time(), date_time(), duration(): literals, comparisons within a kind, type errors at
// compile time across kinds, run-time errors for text and for offsets that do not order.
#include <catch2/catch.hpp>

#include "crmrules/expression.hpp"
#include "crmrules/unary_test.hpp"

namespace {

crm::Scope temporal_scope() {
  crm::Scope s;
  REQUIRE(s.add("start", crm::Type::time));
  REQUIRE(s.add("booked", crm::Type::date_time));
  REQUIRE(s.add("wait", crm::Type::days_duration));
  REQUIRE(s.add("tenure", crm::Type::months_duration));
  REQUIRE(s.add("text", crm::Type::string));
  return s;
}

std::vector<crm::Value> temporal_slots() {
  return {*crm::Time::parse("09:30:00"), *crm::DateTime::parse("2024-05-31T23:00:00Z"),
          *crm::DaysDuration::parse("PT36H"), *crm::MonthsDuration::parse("P2Y6M"), crm::Value("10:00:00")};
}

crm::expected<crm::Value> run_temporal(std::string_view text) {
  auto e = crm::Expression::compile(text, temporal_scope());
  if (!e) return crm::unexpected(e.error());
  return e->evaluate(temporal_slots());
}

std::string show_temporal(std::string_view text) {
  auto v = run_temporal(text);
  INFO(text << (v ? "" : " -> " + v.error().to_string()));
  REQUIRE(v);
  return v->to_string();
}

crm::Error temporal_error(std::string_view text) {
  auto v = run_temporal(text);
  INFO(text << " -> " << (v ? v->to_string() : ""));
  REQUIRE_FALSE(v);
  return v.error();
}

}  // namespace

TEST_CASE("time, date_time and duration make values of their kinds", "[expression][temporal]") {
  CHECK(run_temporal("time('10:30:00')")->kind() == crm::ValueKind::time);
  CHECK(show_temporal("time('10:30:00.500+08:00')") == "10:30:00.5+08:00");
  CHECK(run_temporal("date_time('2024-05-31T23:00:00Z')")->kind() == crm::ValueKind::date_time);
  CHECK(run_temporal("duration('P1DT2H')")->kind() == crm::ValueKind::days_duration);
  CHECK(run_temporal("duration('-PT5S')")->as_days_duration().seconds() == -5);
  CHECK(run_temporal("duration('P1Y2M')")->kind() == crm::ValueKind::months_duration);
  CHECK(run_temporal("duration('P5M')")->as_months_duration().months() == 5);
  CHECK(show_temporal("duration('PT90M')") == "PT1H30M");
  CHECK(show_temporal("time(text)") == "10:00:00");  // at run time from a string field
  auto e = crm::Expression::compile("duration('P1Y')", temporal_scope());
  REQUIRE(e);
  CHECK(e->result_type() == crm::Type::months_duration);  // known once the text is folded
}

TEST_CASE("temporal values compare within their kind", "[expression][temporal]") {
  CHECK(show_temporal("start < time('12:00:00')") == "true");
  CHECK(show_temporal("start >= time('09:30:00')") == "true");
  CHECK(show_temporal("start == time('09:30:00.000')") == "true");
  CHECK(show_temporal("booked > date_time('2024-06-01T00:00:00+02:00')") == "true");  // instants
  CHECK(show_temporal("booked == date_time('2024-06-01T01:00:00+02:00')") == "true");
  CHECK(show_temporal("wait > duration('P1D')") == "true");
  CHECK(show_temporal("wait == duration('P1DT12H')") == "true");
  CHECK(show_temporal("tenure < duration('P3Y')") == "true");
  CHECK(show_temporal("tenure == duration('P30M')") == "true");
  CHECK(show_temporal("start in [time('09:00:00')..time('10:00:00')]") == "true");
  CHECK(show_temporal("wait in (duration('PT1H')..duration('PT36H'))") == "false");
}

TEST_CASE("temporal cells test the input", "[expression][temporal]") {
  auto cell = crm::UnaryTest::compile("< time('12:00:00'), > time('18:00:00')", temporal_scope(), crm::Type::time);
  REQUIRE(cell);
  CHECK(*cell->matches(*crm::Time::parse("09:00:00"), temporal_slots()));
  CHECK_FALSE(*cell->matches(*crm::Time::parse("13:00:00"), temporal_slots()));
  auto range = crm::UnaryTest::compile("[duration('P1M')..duration('P1Y')]", temporal_scope(), crm::Type::months_duration);
  REQUIRE(range);
  CHECK(*range->matches(*crm::MonthsDuration::parse("P6M"), temporal_slots()));
  CHECK_FALSE(*range->matches(*crm::MonthsDuration::parse("P13M"), temporal_slots()));
  auto wrong = crm::UnaryTest::compile("< duration('P1D')", temporal_scope(), crm::Type::time);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == crm::ErrorCode::type_mismatch);
}

TEST_CASE("comparing across temporal kinds is a compile-time type error", "[expression][temporal]") {
  auto compile_error = [](std::string_view text) {
    auto e = crm::Expression::compile(text, temporal_scope());
    INFO(text);
    REQUIRE_FALSE(e);
    return e.error();
  };
  CHECK(compile_error("start < booked").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("start < booked").message.find("cannot order a time and a date and time") != std::string::npos);
  CHECK(compile_error("wait == tenure").message.find("a days and time duration with a years and months duration") !=
        std::string::npos);
  CHECK(compile_error("wait < duration('P1Y')").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("start == '09:30:00'").message.find("write time('hh:mm:ss')") != std::string::npos);
  CHECK(compile_error("time(1)").code == crm::ErrorCode::type_mismatch);
  // a constant text that is no time: the parse error and its offset within the text
  const crm::Error bad = compile_error("time('10:3x:00')");
  CHECK(bad.code == crm::ErrorCode::parse);
  CHECK(bad.message.find("expected a digit in time \"10:3x:00\"") != std::string::npos);
  CHECK(compile_error("time('24:00:00')").code == crm::ErrorCode::out_of_range);
  CHECK(compile_error("duration('P1Y2D')").message.find("years and months") != std::string::npos);
}

TEST_CASE("a time with an offset and one without have no order at run time", "[expression][temporal]") {
  const crm::Error e = temporal_error("start < time('10:00:00Z')");
  CHECK(e.code == crm::ErrorCode::type_mismatch);
  CHECK(e.message.find("have no order") != std::string::npos);
  CHECK(show_temporal("start == time('09:30:00Z')") == "false");
  CHECK(temporal_error("booked > date_time('2024-01-01T00:00:00')").message.find("have no order") != std::string::npos);
  CHECK(temporal_error("time(text + 'x')").code == crm::ErrorCode::parse);
}

TEST_CASE("+ and - on dates, times and durations follow FEEL", "[expression][temporal]") {
  CHECK(show_temporal("date('2024-02-01') - date('2024-01-15')") == "P17D");
  CHECK(show_temporal("date('2024-01-15') - date('2024-02-01')") == "-P17D");
  CHECK(show_temporal("date('2024-01-31') + duration('P1M')") == "2024-02-29");
  CHECK(show_temporal("duration('P1Y') + date('2023-02-28')") == "2024-02-28");
  CHECK(show_temporal("date('2024-03-31') - duration('P1M')") == "2024-02-29");
  CHECK(show_temporal("date('2024-01-01') + duration('PT36H')") == "2024-01-02");
  CHECK(show_temporal("date('2024-01-01') - duration('PT1S')") == "2023-12-31");
  CHECK(show_temporal("booked + duration('PT2H')") == "2024-06-01T01:00:00Z");
  CHECK(show_temporal("booked - date_time('2024-05-30T22:00:00+01:00')") == "P1DT2H");
  CHECK(show_temporal("booked + duration('P1M')") == "2024-06-30T23:00:00Z");
  CHECK(show_temporal("start + duration('PT15H')") == "00:30:00");  // wraps around midnight
  CHECK(show_temporal("start - time('08:00:00')") == "PT1H30M");
  CHECK(show_temporal("wait + duration('PT12H')") == "P2D");
  CHECK(show_temporal("wait - duration('P2D')") == "-PT12H");
  CHECK(show_temporal("tenure - duration('P3Y')") == "-P6M");
  CHECK(show_temporal("date('2024-02-01') - date('2024-01-15') > duration('P14D')") == "true");
  auto compile_error = [](std::string_view text) {
    auto e = crm::Expression::compile(text, temporal_scope());
    INFO(text);
    REQUIRE_FALSE(e);
    return e.error();
  };
  CHECK(compile_error("start + tenure").message.find("'+' cannot combine a time and a years and months duration") !=
        std::string::npos);
  CHECK(compile_error("wait + tenure").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("duration('P1D') - date('2024-01-01')").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("booked + 1").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("date('9999-12-31') + duration('P1D')").code == crm::ErrorCode::out_of_range);
  CHECK(temporal_error("booked - date_time('2024-01-01T00:00:00')").message.find("no difference") != std::string::npos);
}
