// crm::Interval and crm::IntervalSet: sets of decimals as unions of intervals, for the
// static checks of decision tables (gaps, overlaps) and for indexing numeric columns.
//
//   using crm::Decimal, crm::Interval, crm::IntervalSet;
//   IntervalSet low = IntervalSet(Interval::below(Decimal::from_int(75), false));  // (-inf..75)
//   IntervalSet mid = IntervalSet(Interval::between(Decimal::from_int(75), true,
//                                                   Decimal::from_int(85), false));  // [75..85)
//   IntervalSet both = low.unite(mid);                  // (-inf..85)
//   bool overlap = !low.intersect(mid).empty();         // false
//   IntervalSet gap = both.complement();                // [85..+inf)
//   std::string text = gap.to_string();                 // "[85..+inf)"
//
// An IntervalSet is always normalized: its intervals are non-empty, sorted, disjoint and
// not touching ([1..2) and [2..3] become [1..3]), so two sets are equal exactly when
// they hold the same numbers. An unbounded end is open (there is no infinite decimal).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "crmrules/decimal.hpp"

namespace crm {

struct Interval {
  std::optional<Decimal> low;   // nullopt: unbounded below (-inf)
  std::optional<Decimal> high;  // nullopt: unbounded above (+inf)
  bool low_closed = false;      // whether low itself belongs (false when unbounded)
  bool high_closed = false;     // whether high itself belongs (false when unbounded)

  static Interval everything() { return Interval{}; }
  static Interval point(Decimal d) { return Interval{d, d, true, true}; }
  /// (-inf..high) or (-inf..high]
  static Interval below(Decimal high, bool closed) { return Interval{std::nullopt, high, false, closed}; }
  /// (low..+inf) or [low..+inf)
  static Interval above(Decimal low, bool closed) { return Interval{low, std::nullopt, closed, false}; }
  static Interval between(Decimal low, bool low_closed, Decimal high, bool high_closed) {
    return Interval{low, high, low_closed, high_closed};
  }

  [[nodiscard]] bool empty() const noexcept;
  [[nodiscard]] bool contains(Decimal d) const noexcept;
  /// "[1..5)", "(-inf..5]", "[7..+inf)", "(-inf..+inf)"; a point prints as "[5..5]".
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const Interval&, const Interval&) = default;
};

class IntervalSet {
 public:
  /// The empty set.
  IntervalSet() = default;
  /// The set of one interval (empty if the interval is).
  explicit IntervalSet(const Interval& interval);

  static IntervalSet everything() { return IntervalSet(Interval::everything()); }

  [[nodiscard]] std::span<const Interval> intervals() const noexcept { return intervals_; }
  [[nodiscard]] bool empty() const noexcept { return intervals_.empty(); }
  [[nodiscard]] bool is_everything() const noexcept;
  [[nodiscard]] bool contains(Decimal d) const noexcept;

  [[nodiscard]] IntervalSet unite(const IntervalSet& other) const;
  [[nodiscard]] IntervalSet intersect(const IntervalSet& other) const;
  [[nodiscard]] IntervalSet complement() const;

  /// The intervals joined by ", " ("[1..1], [5..7]"); "{}" when empty.
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const IntervalSet&, const IntervalSet&) = default;

 private:
  void normalize();
  std::vector<Interval> intervals_;
};

}  // namespace crm
