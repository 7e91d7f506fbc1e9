// crm::IntervalSet: normalized unions of decimal intervals for table checks.
#include <catch2/catch.hpp>

#include "crmrules/interval.hpp"

namespace {
crm::Decimal d(std::int64_t v) { return crm::Decimal::from_int(v); }
crm::IntervalSet set(const crm::Interval& i) { return crm::IntervalSet(i); }
}  // namespace

using crm::Interval;
using crm::IntervalSet;

TEST_CASE("intervals hold their ends only when closed", "[interval]") {
  const Interval i = Interval::between(d(1), true, d(5), false);
  CHECK(i.contains(d(1)));
  CHECK_FALSE(i.contains(d(5)));
  CHECK(i.contains(*crm::Decimal::parse("4.999999999999999999")));
  CHECK(Interval::point(d(3)).contains(d(3)));
  CHECK(Interval::between(d(3), false, d(3), true).empty());
  CHECK(Interval::between(d(5), true, d(1), true).empty());
  CHECK(Interval::everything().contains(d(-99)));
  CHECK(Interval::below(d(0), false).to_string() == "(-inf..0)");
  CHECK(Interval::above(d(0), true).to_string() == "[0..+inf)");
}

TEST_CASE("interval sets normalize: sorted, disjoint, touching ends merged", "[interval]") {
  const IntervalSet a = set(Interval::between(d(5), true, d(7), true)).unite(set(Interval::point(d(1))));
  CHECK(a.to_string() == "[1..1], [5..7]");
  const IntervalSet left_closed = set(Interval::between(d(1), true, d(2), false));
  CHECK(left_closed.unite(set(Interval::between(d(2), true, d(3), true))).to_string() == "[1..3]");
  // (1..2) and (2..3) leave 2 out: they do not merge
  const IntervalSet open = set(Interval::between(d(1), false, d(2), false));
  CHECK(open.unite(set(Interval::between(d(2), false, d(3), false))).to_string() == "(1..2), (2..3)");
  const IntervalSet wide = set(Interval::between(d(1), true, d(9), true));
  CHECK(wide.unite(set(Interval::between(d(2), true, d(3), true))).to_string() == "[1..9]");
  CHECK(IntervalSet().empty());
  CHECK(IntervalSet().to_string() == "{}");
  CHECK(set(Interval::between(d(3), false, d(3), false)).empty());
  CHECK(IntervalSet::everything().is_everything());
}

TEST_CASE("intersection, complement and the table checks built on them", "[interval]") {
  const IntervalSet low = set(Interval::below(d(75), false));
  const IntervalSet mid = set(Interval::between(d(75), true, d(85), false));
  const IntervalSet high = set(Interval::above(d(85), true));
  CHECK(low.intersect(mid).empty());
  CHECK(mid.intersect(set(Interval::between(d(80), true, d(90), true))).to_string() == "[80..85)");
  CHECK(low.unite(mid).unite(high).is_everything());
  CHECK(low.unite(high).complement() == mid);
  CHECK(mid.complement().to_string() == "(-inf..75), [85..+inf)");
  CHECK(IntervalSet().complement().is_everything());
  CHECK(IntervalSet::everything().complement().empty());
  CHECK(set(Interval::point(d(5))).complement().to_string() == "(-inf..5), (5..+inf)");
  CHECK(mid.complement().complement() == mid);
}
