// crm::kano::Survey: collecting answer pairs (classified at once through the 5x5 table,
// kept as small integer entries) and analysing them (integer counts per group, then the
// exact decimal figures per group).
#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>
#include <numeric>
#include <unordered_map>

#include "src/expression/decimal_math.hpp"
#include "src/csv/csv.hpp"
#include "src/core/utf8.hpp"
#include "crmrules/kano.hpp"

namespace crm::kano {
namespace {

struct Interner {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids;
  std::vector<std::string> names;

  std::uint32_t last = 0;  // the last id looked up: answers come grouped by respondent

  std::uint32_t id(std::string_view s) {
    if (last < names.size() && names[last] == s) return last;
    if (auto it = ids.find(s); it != ids.end()) return last = it->second;
    const auto id = static_cast<std::uint32_t>(names.size());
    names.emplace_back(s);
    ids.emplace(names.back(), id);
    return last = id;
  }
};

/// One accepted pair, classified.
struct Entry {
  std::uint32_t respondent, attribute, segment, wave;
  Category category;
};

constexpr std::size_t index(Category c) noexcept { return static_cast<std::size_t>(c); }

/// The M > O > A > I > R > Q order: a smaller rank wins.
constexpr int rule_rank(Category c) noexcept {
  switch (c) {
    case Category::must_be: return 0;
    case Category::one_dimensional: return 1;
    case Category::attractive: return 2;
    case Category::indifferent: return 3;
    case Category::reverse: return 4;
    case Category::questionable: return 5;
  }
  return 6;
}

constexpr std::array<Category, category_count> rule_order = {Category::must_be,     Category::one_dimensional,
                                                             Category::attractive,  Category::indifferent,
                                                             Category::reverse,     Category::questionable};

std::uint32_t clamp_line(std::uint64_t line) noexcept {
  return line > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<std::uint32_t>(line);
}

/// a / b rounded once to the settings' scale and mode, printed with exactly that scale.
Decimal ratio(std::int64_t a, std::uint64_t b, const Settings& s) {
  auto q = Decimal::from_int(a).div(Decimal::from_int(static_cast<std::int64_t>(b)), s.scale, s.rounding);
  auto r = q ? q->round(s.scale, s.rounding) : q;
  return r ? *r : Decimal();
}

using boost::multiprecision::int256_t;

void figures(Result& r, const Settings& s) {
  const auto& c = r.counts;
  r.n = std::accumulate(c.begin(), c.end(), std::uint64_t{0});
  // Mode: the largest count, ties broken by the rule's order.
  Category mode = rule_order[0];
  for (Category k : rule_order)
    if (c[index(k)] > c[index(mode)]) mode = k;
  r.mode = mode;
  // The rule: every category within weak_threshold * n of the mode is a candidate; the
  // first in M > O > A > I > R > Q order wins.
  const Decimal allowed = *s.weak_threshold.mul(Decimal::from_int(static_cast<std::int64_t>(r.n)));
  int candidates = 0;
  r.category = mode;
  for (Category k : rule_order) {
    if (c[index(k)] == 0) continue;
    if (Decimal::from_int(static_cast<std::int64_t>(c[index(mode)] - c[index(k)])) <= allowed) {
      if (candidates++ == 0) r.category = k;
    }
  }
  r.rule_applied = candidates > 1;
  // The two most frequent categories other than Q.
  Category first = rule_order[0];
  for (Category k : rule_order)
    if (k != Category::questionable && c[index(k)] > c[index(first)]) first = k;
  Category second = first == rule_order[0] ? rule_order[1] : rule_order[0];
  for (Category k : rule_order)
    if (k != Category::questionable && k != first && c[index(k)] > c[index(second)]) second = k;
  r.first = first;
  r.second = second;
  const std::uint64_t a = c[index(first)], b = c[index(second)];
  r.fong_difference = a - b;
  r.category_strength = ratio(static_cast<std::int64_t>(a - b), r.n, s);
  if (a + b == 0) {
    r.fong_threshold = *Decimal().round(s.scale, s.rounding);
    r.significant = false;
  } else {
    // Not significant when |a - b| < 1.65 sqrt((a+b)(2n-a-b) / 2n): squared and scaled to
    // integers, 10000 (a-b)^2 2n < 27225 (a+b)(2n-a-b), exact.
    const int256_t two_n = int256_t(r.n) * 2, sum = int256_t(a) + int256_t(b), diff = int256_t(a - b);
    r.significant = !(10000 * diff * diff * two_n < 27225 * sum * (two_n - sum));
    const auto inside = Decimal::from_int(static_cast<std::int64_t>(a + b))
                            .mul(Decimal::from_int(static_cast<std::int64_t>(2 * r.n - a - b)))
                            ->div(Decimal::from_int(static_cast<std::int64_t>(2 * r.n)));
    auto root = inside ? internal::expression::decimal_sqrt(*inside) : inside;
    auto scaled = root ? root->mul(*Decimal::from_parts(165, 2)) : root;
    auto rounded = scaled ? scaled->round(s.scale, s.rounding) : scaled;
    r.fong_threshold = rounded ? *rounded : Decimal();
  }
  const std::uint64_t A = c[index(Category::attractive)], O = c[index(Category::one_dimensional)],
                      M = c[index(Category::must_be)], I = c[index(Category::indifferent)];
  const std::uint64_t base = A + O + M + I;
  if (base > 0) {
    r.better = ratio(static_cast<std::int64_t>(A + O), base, s);
    r.worse = ratio(-static_cast<std::int64_t>(O + M), base, s);
  }
  r.total_strength = ratio(static_cast<std::int64_t>(A + O + M), r.n, s);
}

/// The action order: M, O, A, I, R, Q; within a category the coefficient that matters.
bool before(const Result& x, const Result& y) {
  if (rule_rank(x.category) != rule_rank(y.category)) return rule_rank(x.category) < rule_rank(y.category);
  const Decimal zero;
  const Decimal bx = x.better.value_or(zero), by = y.better.value_or(zero);
  const Decimal wx = x.worse.value_or(zero).abs(), wy = y.worse.value_or(zero).abs();
  switch (x.category) {
    case Category::must_be:
      if (wx != wy) return wx > wy;
      if (bx != by) return bx > by;
      break;
    case Category::one_dimensional: {
      const Decimal sx = *bx.add(wx), sy = *by.add(wy);
      if (sx != sy) return sx > sy;
      if (wx != wy) return wx > wy;
      break;
    }
    default:
      if (bx != by) return bx > by;
      if (wx != wy) return wx > wy;
      break;
  }
  return false;  // stable: first appearance
}

Drift::Direction direction(Category from, Category to) {
  auto step = [](Category c) {
    switch (c) {
      case Category::attractive: return 0;
      case Category::one_dimensional: return 1;
      case Category::must_be: return 2;
      default: return -1;
    }
  };
  const int f = step(from), t = step(to);
  if (f < 0 || t < 0) return Drift::Direction::other;
  return t > f ? Drift::Direction::along : Drift::Direction::against;
}

}  // namespace

struct Survey::Impl {
  Settings settings;
  Interner respondents, attributes, segments, waves;
  std::vector<Entry> entries;
  std::vector<std::uint64_t> first_line;  // per attribute: where it was first named (0: unknown)
  std::vector<Error> issues;
  std::uint64_t adds = 0;

  Error issue(ErrorCode code, std::string message, std::uint64_t line, std::uint32_t column) {
    Error e{code, std::move(message), Location{{}, clamp_line(line), column, -1}};
    issues.push_back(e);
    return e;
  }

  /// The text form of add(), with the CSV columns of each part for messages (0: none).
  [[nodiscard]] expected<void> add(std::string_view respondent, std::string_view attribute, std::string_view functional,
                     std::string_view dysfunctional, std::string_view segment, std::string_view wave,
                     std::uint64_t line, const std::array<std::uint32_t, 4>& columns);

  class Analyzer;  // analyze()'s steps
};

Survey::Survey(Settings settings) : impl_(std::make_unique<Impl>()) {
  impl_->settings = std::move(settings);
  impl_->segments.id("");
  impl_->waves.id("");
}
Survey::~Survey() = default;
Survey::Survey(Survey&&) noexcept = default;
Survey& Survey::operator=(Survey&&) noexcept = default;

const Settings& Survey::settings() const noexcept { return impl_->settings; }
std::uint64_t Survey::pairs() const noexcept { return impl_->entries.size(); }
const std::vector<Error>& Survey::issues() const noexcept { return impl_->issues; }
void Survey::reserve(std::size_t pairs) { impl_->entries.reserve(pairs); }
void Survey::report(Error issue) { impl_->issues.push_back(std::move(issue)); }

std::uint32_t Survey::respondent_id(std::string_view respondent) { return impl_->respondents.id(respondent); }
std::uint32_t Survey::segment_id(std::string_view segment) { return impl_->segments.id(segment); }
std::uint32_t Survey::wave_id(std::string_view wave) { return impl_->waves.id(wave); }
std::uint32_t Survey::attribute_id(std::string_view attribute) {
  const std::uint32_t id = impl_->attributes.id(attribute);
  if (id >= impl_->first_line.size()) impl_->first_line.resize(id + 1, 0);
  return id;
}

expected<void> Survey::add(std::uint32_t respondent, std::uint32_t attribute, Answer functional, Answer dysfunctional,
                           std::uint32_t segment, std::uint32_t wave) {
  Impl& s = *impl_;
  const auto f = static_cast<unsigned>(functional) - 1u, d = static_cast<unsigned>(dysfunctional) - 1u;
  if (respondent >= s.respondents.names.size() || attribute >= s.attributes.names.size() ||
      segment >= s.segments.names.size() || wave >= s.waves.names.size() || f > 4 || d > 4) [[unlikely]]
    return fail(ErrorCode::invalid_argument, "an id that this survey did not hand out, or an answer outside 1..5");
  s.entries.push_back(Entry{respondent, attribute, segment, wave, s.settings.table[f * 5 + d]});
  return {};
}

expected<void> Survey::Impl::add(std::string_view respondent, std::string_view attribute, std::string_view functional,
                                 std::string_view dysfunctional, std::string_view segment, std::string_view wave,
                                 std::uint64_t line, const std::array<std::uint32_t, 4>& columns) {
  ++adds;
  if (line == 0) line = adds;
  {
    const std::array<std::string_view, 6> texts = {respondent, attribute, functional, dysfunctional, segment, wave};
    static constexpr const char* names[] = {"respondent", "attribute", "functional answer", "dysfunctional answer",
                                            "segment", "wave"};
    for (std::size_t k = 0; k < texts.size(); ++k)
      if (auto bad = internal::find_invalid_utf8(texts[k]); bad != std::string_view::npos)
        return unexpected(issue(ErrorCode::invalid_utf8,
                                std::string("the ") + names[k] + " is not valid UTF-8 (byte " + std::to_string(bad) + ")",
                                line, k < 4 ? columns[k] : 0));
  }
  const auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
  };
  respondent = trim(respondent);
  attribute = trim(attribute);
  if (attribute.empty()) return unexpected(issue(ErrorCode::missing, "the attribute is empty", line, columns[1]));
  const std::uint32_t a = attributes.id(attribute);
  if (a >= first_line.size()) first_line.resize(a + 1, 0);
  if (first_line[a] == 0) first_line[a] = line;
  // Built on the error path only.
  const auto who = [&] {
    return "respondent '" + std::string(respondent) + "', attribute '" + std::string(attribute) + "'";
  };
  if (respondent.empty()) return unexpected(issue(ErrorCode::missing, "the respondent is empty (attribute '" + std::string(attribute) + "')", line, columns[0]));
  const bool has_f = !trim(functional).empty(), has_d = !trim(dysfunctional).empty();
  if (!has_f || !has_d) {
    if (!has_f && !has_d)
      return unexpected(issue(ErrorCode::missing, who() + ": neither question was answered", line, columns[2]));
    return unexpected(issue(ErrorCode::missing,
                            who() + ": only the " + (has_f ? "functional" : "dysfunctional") +
                                " question was answered (a pair needs both)",
                            line, columns[has_f ? 3 : 2]));
  }
  auto f = parse_answer(functional);
  if (!f) return unexpected(issue(f.error().code, who() + ", functional question: " + f.error().message, line, columns[2]));
  auto d = parse_answer(dysfunctional);
  if (!d) return unexpected(issue(d.error().code, who() + ", dysfunctional question: " + d.error().message, line, columns[3]));
  entries.push_back(Entry{respondents.id(respondent), a, segments.id(trim(segment)), waves.id(trim(wave)),
                          settings.table[(static_cast<unsigned>(*f) - 1) * 5 + static_cast<unsigned>(*d) - 1]});
  return {};
}

expected<void> Survey::add(std::string_view respondent, std::string_view attribute, std::string_view functional,
                           std::string_view dysfunctional, std::string_view segment, std::string_view wave,
                           std::uint64_t line) {
  return impl_->add(respondent, attribute, functional, dysfunctional, segment, wave, line, {0, 0, 0, 0});
}

/// The steps of Survey::analyze() over the shared counts and result indexes.
class Survey::Impl::Analyzer {
 public:
  explicit Analyzer(const Impl& s)
      : s_(s),
        n_attributes_(s.attributes.names.size()),
        n_segments_(s.segments.names.size()),
        n_waves_(s.waves.names.size()),
        per_wave_((n_segments_ + 1) * n_attributes_) {}

  Analysis run() {
    out_.settings = s_.settings;
    out_.issues = s_.issues;
    drop_careless_respondents();
    count_pairs();
    order_waves_and_segments();
    make_results();
    report_unanswered();
    prioritize();
    find_segment_differences();
    find_drifts();
    return std::move(out_);
  }

 private:
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  /// The result of (wave, segment slot, attribute): slot 0 is all respondents, 1 + id a segment.
  [[nodiscard]] std::size_t result_at(std::uint32_t wave, std::size_t slot, std::uint32_t attribute) const {
    return at_[wave * per_wave_ + slot * n_attributes_ + attribute];
  }

  /// Respondents (within a wave) with too many questionable pairs.
  void drop_careless_respondents() {
    if (!s_.settings.drop_questionable_above) return;
    const std::size_t n_respondents = s_.respondents.names.size();
    std::vector<std::uint32_t> total(n_respondents * n_waves_, 0), questionable(n_respondents * n_waves_, 0);
    for (const Entry& e : s_.entries) {
      const std::size_t k = static_cast<std::size_t>(e.respondent) * n_waves_ + e.wave;
      ++total[k];
      questionable[k] += e.category == Category::questionable ? 1u : 0u;
    }
    dropped_.assign(total.size(), false);
    for (std::size_t k = 0; k < total.size(); ++k) {
      if (total[k] == 0) continue;
      const Decimal limit = *s_.settings.drop_questionable_above->mul(Decimal::from_int(total[k]));
      if (Decimal::from_int(questionable[k]) > limit) {
        dropped_[k] = true;
        const std::string& wave = s_.waves.names[k % n_waves_];
        out_.dropped_respondents.push_back(s_.respondents.names[k / n_waves_] + (wave.empty() ? "" : "@" + wave));
      }
    }
  }

  /// Integer counts per wave, segment slot and attribute.
  void count_pairs() {
    counts_.assign(n_waves_ * per_wave_, {});
    segment_used_.assign(n_segments_, 0);
    // Locals, not members, in the loop over every pair: a count written through a
    // member could alias another member, which the compiler would then reload.
    auto* counts = counts_.data();
    auto* segment_used = segment_used_.data();
    const std::size_t per_wave = per_wave_, n_attributes = n_attributes_, n_waves = n_waves_;
    const bool any_dropped = !dropped_.empty();
    std::uint64_t used = 0;
    for (const Entry& e : s_.entries) {
      if (any_dropped && dropped_[static_cast<std::size_t>(e.respondent) * n_waves + e.wave]) continue;
      const std::size_t base = e.wave * per_wave;
      ++counts[base + e.attribute][index(e.category)];
      ++counts[base + (e.segment + 1) * n_attributes + e.attribute][index(e.category)];
      ++segment_used[e.segment];
      ++used;
    }
    out_.pairs_used = used;
    for (std::size_t g = 1; g < n_segments_; ++g) by_segment_ = by_segment_ || segment_used_[g] > 0;
  }

  /// Waves and segments in text order (attributes stay in order of first appearance).
  void order_waves_and_segments() {
    wave_order_.resize(n_waves_);
    std::iota(wave_order_.begin(), wave_order_.end(), 0u);
    std::sort(wave_order_.begin(), wave_order_.end(),
              [&](auto x, auto y) { return s_.waves.names[x] < s_.waves.names[y]; });
    for (std::uint32_t g = 0; g < n_segments_; ++g)
      if (segment_used_[g] > 0) segment_order_.push_back(g);
    std::sort(segment_order_.begin(), segment_order_.end(),
              [&](auto x, auto y) { return s_.segments.names[x] < s_.segments.names[y]; });
  }

  /// A result per wave, segment slot and attribute with answers.
  void make_results() {
    at_.assign(n_waves_ * per_wave_, none);
    attribute_total_.assign(n_attributes_, 0);
    for (std::uint32_t w : wave_order_) {
      bool any = make_results(w, 0, std::nullopt);
      if (by_segment_)
        for (std::uint32_t g : segment_order_) any = make_results(w, g + 1, s_.segments.names[g]) || any;
      if (any) waves_present_.push_back(w);
    }
  }

  bool make_results(std::uint32_t w, std::size_t slot, const std::optional<std::string>& segment) {
    bool any = false;
    for (std::uint32_t a = 0; a < n_attributes_; ++a) {
      const std::size_t k = w * per_wave_ + slot * n_attributes_ + a;
      const auto& c = counts_[k];
      if (std::all_of(c.begin(), c.end(), [](auto v) { return v == 0; })) continue;
      Result r;
      r.attribute = s_.attributes.names[a];
      r.segment = segment;
      r.wave = s_.waves.names[w];
      r.counts = c;
      figures(r, s_.settings);
      if (slot == 0) attribute_total_[a] += r.n;
      at_[k] = out_.results.size();
      out_.results.push_back(std::move(r));
      any = true;
    }
    return any;
  }

  void report_unanswered() {
    for (std::uint32_t a = 0; a < n_attributes_; ++a)
      if (attribute_total_[a] == 0 && s_.first_line[a] != 0)
        out_.issues.push_back(Error{ErrorCode::missing,
                                    "attribute '" + s_.attributes.names[a] + "' has no valid answers" +
                                        (dropped_.empty() ? "" : " (after dropping respondents)"),
                                    Location{{}, clamp_line(s_.first_line[a]), 0, -1}});
  }

  /// The settings' advice for a category, in their language.
  [[nodiscard]] std::string advice_for(Category c) const {
    return s_.settings.advice[static_cast<std::size_t>(c)].in(s_.settings.lang);
  }

  /// Priorities: all respondents, the last wave.
  void prioritize() {
    if (waves_present_.empty()) return;
    std::vector<std::size_t> order;
    for (std::uint32_t a = 0; a < n_attributes_; ++a)
      if (const std::size_t i = result_at(waves_present_.back(), 0, a); i != none) order.push_back(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return before(out_.results[x], out_.results[y]); });
    for (std::size_t i : order)
      out_.priorities.push_back(Priority{out_.priorities.size() + 1, i, out_.results[i].attribute,
                                         out_.results[i].category, advice_for(out_.results[i].category)});
  }

  /// Horizontal differences: segments that classify an attribute differently in a wave.
  void find_segment_differences() {
    if (!by_segment_) return;
    for (std::uint32_t w : waves_present_) {
      for (std::uint32_t a = 0; a < n_attributes_; ++a) {
        SegmentDifference d{s_.attributes.names[a], s_.waves.names[w], {}};
        bool differ = false;
        for (std::uint32_t g : segment_order_) {
          const std::size_t i = result_at(w, g + 1, a);
          if (i == none) continue;
          if (!d.results.empty() && out_.results[i].category != out_.results[d.results.front()].category) differ = true;
          d.results.push_back(i);
        }
        if (differ) out_.differences.push_back(std::move(d));
      }
    }
  }

  /// Vertical drift: a category that changed between consecutive waves with answers.
  void find_drifts() {
    if (waves_present_.size() < 2) return;
    std::vector<std::size_t> slots{0};
    if (by_segment_)
      for (std::uint32_t g : segment_order_) slots.push_back(g + 1);
    for (std::size_t slot : slots) {
      for (std::uint32_t a = 0; a < n_attributes_; ++a) {
        std::size_t previous = none;
        for (std::uint32_t w : waves_present_) {
          const std::size_t i = result_at(w, slot, a);
          if (i == none) continue;
          if (previous != none && out_.results[previous].category != out_.results[i].category) {
            const Result& p = out_.results[previous];
            const Result& q = out_.results[i];
            out_.drifts.push_back(Drift{q.attribute, q.segment, p.wave, q.wave, p.category, q.category,
                                        direction(p.category, q.category), previous, i});
          }
          previous = i;
        }
      }
    }
  }

  const Impl& s_;
  const std::size_t n_attributes_, n_segments_, n_waves_, per_wave_;
  Analysis out_;
  std::vector<bool> dropped_;  // per respondent and wave, when any are dropped
  std::vector<std::array<std::uint64_t, category_count>> counts_;
  std::vector<std::uint64_t> segment_used_;
  bool by_segment_ = false;
  std::vector<std::uint32_t> wave_order_, segment_order_, waves_present_;
  std::vector<std::size_t> at_;  // result index per wave, segment slot and attribute, or none
  std::vector<std::uint64_t> attribute_total_;
};

Analysis Survey::analyze() const { return Impl::Analyzer(*impl_).run(); }

namespace {

namespace csvr = internal::csv;
constexpr std::size_t absent_column = static_cast<std::size_t>(-1);
/// respondent, attribute, functional, dysfunctional, segment, wave: their columns.
using KanoColumns = std::array<std::size_t, 6>;

/// The header's names for an error, the first twenty and how many more.
std::string listed(const std::vector<std::string>& names) {
  constexpr std::size_t shown = 20;
  std::string have;
  for (std::size_t i = 0; i < names.size() && i < shown; ++i) have += (i == 0 ? "" : ", ") + names[i];
  if (names.size() > shown) have += " and " + std::to_string(names.size() - shown) + " more";
  return have;
}

/// The columns read_csv reads, in the header on line `line`; a segment or wave column not
/// named is absent_column.
[[nodiscard]] expected<KanoColumns> kano_columns(const csvr::Header& header, const CsvColumns& columns,
                                                 std::uint64_t line) {
  KanoColumns col{};
  const std::array<std::string_view, 6> names = {"respondent", "attribute", "functional", "dysfunctional",
                                                 columns.segment, columns.wave};
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (k >= 4 && names[k].empty()) {
      col[k] = absent_column;
      continue;
    }
    auto i = header.index_of(names[k]);
    if (!i)
      return fail(ErrorCode::missing,
                  std::string(k == 4   ? "the segment column '"
                              : k == 5 ? "the wave column '"
                                       : "the column '") +
                      std::string(names[k]) + "' is missing from the header (it has: " + listed(header.names()) + ")",
                  Location{{}, static_cast<std::uint32_t>(std::min<std::uint64_t>(line, UINT32_MAX)), 0, -1});
    col[k] = *i;
  }
  return col;
}

}  // namespace

[[nodiscard]] expected<void> read_csv(Survey& survey, std::string_view csv, const CsvColumns& columns,
                                      const Limits& limits) {
  auto reader = csvr::Reader::from_string(csv, csvr::Options::from(limits));
  csvr::Row row;
  const csvr::Status first = reader.next(row);
  if (first == csvr::Status::end)
    return fail(ErrorCode::missing,
                "the CSV text is empty: expected a header row with the columns "
                "respondent, attribute, functional, dysfunctional");
  if (first != csvr::Status::row) return unexpected(reader.error());  // UTF-16, a header that is no record
  auto header = csvr::Header::from(row);
  if (!header) return unexpected(header.error());
  auto col = kano_columns(*header, columns, row.line());
  if (!col) return unexpected(col.error());
  reader.expect_fields(header->size());
  const std::array<std::uint32_t, 4> where = {
      static_cast<std::uint32_t>((*col)[0] + 1), static_cast<std::uint32_t>((*col)[1] + 1),
      static_cast<std::uint32_t>((*col)[2] + 1), static_cast<std::uint32_t>((*col)[3] + 1)};
  auto field = [&](std::size_t k) { return (*col)[k] < row.size() ? row[(*col)[k]] : std::string_view(); };
  for (csvr::Status st = reader.next(row); st != csvr::Status::end; st = reader.next(row)) {
    if (st != csvr::Status::row) {  // a bad record, skipped (text in memory has no fatal error past its start)
      survey.report(reader.error());
      if (st == csvr::Status::fatal) break;
      continue;
    }
    (void)survey.impl_->add(field(0), field(1), field(2), field(3), field(4), field(5), row.line(), where);
  }
  return {};
}

}  // namespace crm::kano
