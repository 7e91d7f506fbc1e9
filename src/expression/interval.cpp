// crm::IntervalSet: normalized unions of decimal intervals.
#include "crmrules/interval.hpp"

#include <algorithm>

namespace crm {
namespace {

/// Orders lower bounds: -inf first; at equal values a closed bound starts earlier.
int compare_low(const Interval& a, const Interval& b) {
  if (!a.low || !b.low) return a.low ? 1 : (b.low ? -1 : 0);
  if (*a.low != *b.low) return *a.low < *b.low ? -1 : 1;
  return a.low_closed == b.low_closed ? 0 : (a.low_closed ? -1 : 1);
}

/// Orders upper bounds: +inf last; at equal values an open bound ends earlier.
int compare_high(const Interval& a, const Interval& b) {
  if (!a.high || !b.high) return a.high ? -1 : (b.high ? 1 : 0);
  if (*a.high != *b.high) return *a.high < *b.high ? -1 : 1;
  return a.high_closed == b.high_closed ? 0 : (a.high_closed ? 1 : -1);
}

/// Whether `next` (starting at or after `cur`) overlaps or touches `cur`.
bool joins(const Interval& cur, const Interval& next) {
  if (!cur.high || !next.low) return true;
  if (*next.low < *cur.high) return true;
  return *next.low == *cur.high && (cur.high_closed || next.low_closed);
}

}  // namespace

bool Interval::empty() const noexcept {
  if (!low || !high) return false;
  return *low > *high || (*low == *high && !(low_closed && high_closed));
}

bool Interval::contains(Decimal d) const noexcept {
  const bool above_low = !low || d > *low || (d == *low && low_closed);
  const bool below_high = !high || d < *high || (d == *high && high_closed);
  return above_low && below_high;
}

std::string Interval::to_string() const {
  std::string s;
  if (low) {
    s += low_closed ? '[' : '(';
    s += low->to_string();
  } else {
    s += "(-inf";
  }
  s += "..";
  if (high) {
    s += high->to_string();
    s += high_closed ? ']' : ')';
  } else {
    s += "+inf)";
  }
  return s;
}

IntervalSet::IntervalSet(const Interval& interval) {
  intervals_.push_back(interval);
  normalize();
}

void IntervalSet::normalize() {
  for (Interval& i : intervals_) {  // an unbounded end is open
    if (!i.low) i.low_closed = false;
    if (!i.high) i.high_closed = false;
  }
  std::erase_if(intervals_, [](const Interval& i) { return i.empty(); });
  std::sort(intervals_.begin(), intervals_.end(),
            [](const Interval& a, const Interval& b) { return compare_low(a, b) < 0; });
  std::vector<Interval> merged;
  for (const Interval& i : intervals_) {
    if (!merged.empty() && joins(merged.back(), i)) {
      Interval& cur = merged.back();
      if (compare_high(i, cur) > 0) {
        cur.high = i.high;
        cur.high_closed = i.high_closed;
      }
    } else {
      merged.push_back(i);
    }
  }
  intervals_ = std::move(merged);
}

bool IntervalSet::is_everything() const noexcept {
  return intervals_.size() == 1 && !intervals_[0].low && !intervals_[0].high;
}

bool IntervalSet::contains(Decimal d) const noexcept {
  return std::any_of(intervals_.begin(), intervals_.end(), [&](const Interval& i) { return i.contains(d); });
}

IntervalSet IntervalSet::unite(const IntervalSet& other) const {
  IntervalSet r;
  r.intervals_ = intervals_;
  r.intervals_.insert(r.intervals_.end(), other.intervals_.begin(), other.intervals_.end());
  r.normalize();
  return r;
}

IntervalSet IntervalSet::intersect(const IntervalSet& other) const {
  IntervalSet r;
  for (const Interval& a : intervals_) {
    for (const Interval& b : other.intervals_) {
      Interval i = compare_low(a, b) >= 0 ? a : b;  // the later start
      const Interval& end = compare_high(a, b) <= 0 ? a : b;  // the earlier end
      i.high = end.high;
      i.high_closed = end.high_closed;
      if (!i.empty()) r.intervals_.push_back(i);
    }
  }
  r.normalize();
  return r;
}

IntervalSet IntervalSet::complement() const {
  IntervalSet r;
  Interval gap;  // starts at -inf
  for (const Interval& i : intervals_) {
    if (i.low) {
      gap.high = i.low;
      gap.high_closed = !i.low_closed;
      r.intervals_.push_back(gap);
    }
    if (!i.high) {  // unbounded above: nothing after it
      r.normalize();
      return r;
    }
    gap = Interval{i.high, std::nullopt, !i.high_closed, false};
  }
  r.intervals_.push_back(gap);
  r.normalize();
  return r;
}

std::string IntervalSet::to_string() const {
  if (intervals_.empty()) return "{}";
  std::string s;
  for (const Interval& i : intervals_) {
    if (!s.empty()) s += ", ";
    s += i.to_string();
  }
  return s;
}

}  // namespace crm
