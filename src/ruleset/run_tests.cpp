// Running the test cases a rule set carries, with coverage of rows, bins and outputs.
#include <map>

#include "crmrules/json.hpp"
#include "crmrules/rule_set.hpp"
#include "src/json/writer.hpp"
#include "src/ruleset/compiled.hpp"

namespace crm {
namespace {

/// An expected date, time, date and time or duration (JSON has only text for them) read
/// as the actual value's kind: "PT90M" is the duration printed "PT1H30M".
bool same_text(std::string_view text, const Value& actual) {
  auto equal = [&](auto parsed, auto held) { return parsed && *parsed == held; };
  switch (actual.kind()) {
    case ValueKind::date: return equal(Date::parse(text), actual.as_date());
    case ValueKind::time: return equal(Time::parse(text), actual.as_time());
    case ValueKind::date_time: return equal(DateTime::parse(text), actual.as_date_time());
    case ValueKind::days_duration: return equal(DaysDuration::parse(text), actual.as_days_duration());
    case ValueKind::months_duration: return equal(MonthsDuration::parse(text), actual.as_months_duration());
    default: return false;
  }
}

/// Decimals compare by value; an expected decimal may be written as a string ("21.00")
/// to keep its exact text. Dates, times and durations are written as their text and
/// compare by value. Lists compare element by element, in order.
bool same(const Value& expected, const Value& actual) {
  if (actual.kind() == ValueKind::list && expected.kind() == ValueKind::list) {
    const auto& a = actual.as_list();
    const auto& e = expected.as_list();
    if (a.size() != e.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same(e[i], a[i])) return false;
    return true;
  }
  if (actual.kind() == ValueKind::decimal) {
    if (expected.kind() == ValueKind::decimal) return expected.as_decimal() == actual.as_decimal();
    if (expected.kind() == ValueKind::string) {
      auto d = Decimal::parse(expected.as_string());
      return d && *d == actual.as_decimal();
    }
  }
  if (is_temporal(actual.kind()) && expected.kind() == ValueKind::string) return same_text(expected.as_string(), actual);
  return expected == actual;
}

std::string shown(const Value& v) { return to_json(v); }

/// The coverage items of a rule set, in a stable order, with an index by name.
struct CoverageMap {
  Coverage coverage;
  std::map<std::string, std::size_t> index;

  void add(std::string what) {
    index.emplace(what, coverage.items.size());
    coverage.items.push_back(Coverage::Item{std::move(what), false});
  }
  void cover(const std::string& what) {
    if (auto it = index.find(what); it != index.end()) coverage.items[it->second].covered = true;
  }
};

std::string row_item(const std::string& decision, std::size_t row) {
  return "table " + decision + " row " + std::to_string(row);
}
std::string bin_item(const std::string& decision, const std::string& factor, std::size_t bin) {
  return "scorecard " + decision + " factor " + factor + " bin " + std::to_string(bin);
}

CoverageMap coverage_items(const internal::CompiledRuleSet& rules) {
  CoverageMap map;
  for (const auto& d : rules.decisions) {
    if (const auto* t = std::get_if<internal::Table>(&d.body)) {
      for (std::size_t r = 0; r < t->rows.size(); ++r) map.add(row_item(d.name, r));
    } else if (const auto* s = std::get_if<internal::Scorecard>(&d.body)) {
      for (const auto& f : s->factors)
        for (std::size_t b = 0; b < f.transform.bins.size(); ++b) map.add(bin_item(d.name, f.name, b));
    }
  }
  for (const auto& o : rules.outputs) map.add("output " + o.name);
  return map;
}

}  // namespace

std::size_t Coverage::covered() const noexcept {
  std::size_t n = 0;
  for (const auto& i : items) n += i.covered ? 1 : 0;
  return n;
}

Decimal Coverage::percent() const {
  if (items.empty()) return Decimal::from_int(100);
  auto ratio = Decimal::from_int(static_cast<std::int64_t>(covered() * 100))
                   .div(Decimal::from_int(static_cast<std::int64_t>(items.size())), 2, Rounding::down);
  return ratio ? *ratio->round(2) : Decimal();
}

bool TestReport::passed() const noexcept { return failures() == 0; }

std::size_t TestReport::failures() const noexcept {
  std::size_t n = 0;
  for (const auto& c : cases) n += c.passed ? 0 : 1;
  return n;
}

std::string TestReport::to_json() const {
  std::string out;
  internal::JsonObject report(out);
  report.number("passed", std::uint64_t{cases.size() - failures()}).number("failed", std::uint64_t{failures()});
  report.key("cases");
  internal::JsonArray list(out);
  for (const auto& c : cases) {
    internal::JsonObject o(list.item());
    o.string("name", c.name).boolean("passed", c.passed);
    if (!c.passed) o.string("diff", c.diff);
  }
  list.close();
  report.key("coverage");
  internal::JsonObject cover(out);
  cover.number("percent", coverage.percent())
      .number("covered", std::uint64_t{coverage.covered()})
      .number("total", std::uint64_t{coverage.items.size()})
      .key("not_covered");
  internal::JsonArray missing(out);
  for (const auto& item : coverage.items)
    if (!item.covered) internal::write_json_string(missing.item(), item.what);
  missing.close();
  cover.close();
  report.close();
  return out;
}

TestReport RuleSet::run_tests() const {
  CoverageMap map = coverage_items(*impl_);
  TestReport report;
  Trace trace;
  for (const auto& test : impl_->tests) {
    TestCaseResult result;
    result.name = test.name;
    Record record = new_record();
    expected<void> outcome;
    for (const auto& [name, value] : test.given) {
      outcome = record.set(name, value);
      if (!outcome) break;
    }
    if (outcome) outcome = evaluate(record, &trace);
    // Coverage counts what ran, whether or not the case passed.
    if (outcome) {
      for (const auto& d : trace.decisions) {
        for (const auto& r : d.rows)
          if (r.selected) map.cover(row_item(d.name, r.index));
        for (const auto& f : d.factors)
          if (f.bin) map.cover(bin_item(d.name, f.name, *f.bin));
      }
      for (std::size_t i = 0; i < impl_->outputs.size(); ++i)
        if (!record.outputs()[i].is_null()) map.cover("output " + impl_->outputs[i].name);
    }
    if (test.expect_error) {
      if (outcome) {
        result.diff = "  expected error " + std::string(to_string(*test.expect_error)) + ", but evaluation succeeded\n";
      } else if (outcome.error().code != *test.expect_error) {
        result.diff = "  expected error " + std::string(to_string(*test.expect_error)) + ", got " +
                      outcome.error().to_string() + "\n";
      } else if (outcome.error().message.find(test.expect_message) == std::string::npos) {
        result.diff = "  expected the error message to contain \"" + test.expect_message + "\", got \"" +
                      outcome.error().message + "\"\n";
      }
    } else if (!outcome) {
      result.diff = "  evaluation failed: " + outcome.error().to_string() + "\n";
    } else {
      for (const auto& [name, want] : test.expect) {
        const Value* got = record.get(name);
        if (got == nullptr) result.diff += "  " + name + ": no such input or output\n";
        else if (!same(want, *got)) result.diff += "  " + name + ": expected " + shown(want) + ", got " + shown(*got) + "\n";
      }
    }
    result.passed = result.diff.empty();
    report.cases.push_back(std::move(result));
  }
  report.coverage = std::move(map.coverage);
  for (const auto& [key, nested] : impl_->nested) {  // a section's nested rule sets
    TestReport theirs = nested.run_tests();
    for (auto& c : theirs.cases) {
      c.name = key + ": " + c.name;
      report.cases.push_back(std::move(c));
    }
    for (auto& item : theirs.coverage.items) {
      item.what = key + ": " + item.what;
      report.coverage.items.push_back(std::move(item));
    }
  }
  return report;
}

}  // namespace crm
