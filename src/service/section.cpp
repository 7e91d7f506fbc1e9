// The "service" section: the ticket's fields, the time zone and the commitments.
#include "src/service/section.hpp"

#include <algorithm>
#include <memory>

#include "src/core/suggest.hpp"
#include "src/core/timestamp.hpp"
#include "src/json/reader.hpp"

namespace crm::internal::service {
namespace {

[[nodiscard]] expected<std::string> read_name(const JsonReader& at) {
  auto s = at.string();
  if (!s) return unexpected(s.error());
  if (s->empty()) return at.error(ErrorCode::invalid_rule, "a field name cannot be empty");
  return std::string(*s);
}

[[nodiscard]] expected<std::vector<std::string>> read_names(const JsonReader& at) {
  auto arr = at.array();
  if (!arr) return unexpected(arr.error());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < (*arr)->size(); ++i) {
    auto n = read_name(at.at(i));
    if (!n) return unexpected(n.error());
    out.push_back(std::move(*n));
  }
  return out;
}

/// A time limit: an ISO 8601 duration ("PT15M") or a number of minutes (15, 0.5), exact
/// to the millisecond, in milliseconds.
[[nodiscard]] expected<std::int64_t> read_limit(const JsonReader& at) {
  if (at.exists() && at.raw()->is_number()) {
    auto minutes = at.decimal();
    if (!minutes) return unexpected(minutes.error());
    constexpr std::int64_t max_minutes = 1'000'000'000;  // parse_duration's bound on a number
    if (*minutes < Decimal::from_int(0) || *minutes > Decimal::from_int(max_minutes))
      return at.error(ErrorCode::out_of_range, "a limit in minutes is 0 .. 1000000000, not " + minutes->to_string());
    auto ms = minutes->mul(Decimal::from_int(60'000));
    auto whole = ms ? ms->to_int64() : unexpected(ms.error());
    if (!whole)
      return at.error(ErrorCode::out_of_range,
                      "a limit is exact to the millisecond: " + minutes->to_string() + " minutes is not");
    return *whole;
  }
  auto text = at.string();
  if (!text && !at.exists()) return unexpected(text.error());
  if (!text)
    return at.error(ErrorCode::type_mismatch,
                    "a limit is an ISO 8601 duration (\"PT15M\") or a number of minutes (15)");
  auto limit = parse_duration(*text);
  if (!limit) return at.error(limit.error().code, limit.error().message);
  return *limit;
}

/// The index of `name` among `names`, or unknown_name with "did you mean".
[[nodiscard]] expected<std::size_t> find(const JsonReader& at, const std::vector<std::string>& names,
                                         const char* what) {
  auto name = at.string();
  if (!name) return unexpected(name.error());
  const auto it = std::find(names.begin(), names.end(), *name);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  return at.error(ErrorCode::unknown_name,
                  "unknown " + std::string(what) + " '" + std::string(*name) + "'" + did_you_mean(*name, candidates));
}

class Loader {
 public:
  explicit Loader(Section& s) : s_(s) {}

  [[nodiscard]] expected<void> load(const JsonReader& r) {
    if (auto keys = r.only_keys({"time_zone", "tickets", "commitments", "description"}); !keys) return keys;
    if (auto ok = load_time_zone(r["time_zone"]); !ok) return ok;
    if (auto ok = load_tickets(r["tickets"]); !ok) return ok;
    return load_commitments(r["commitments"]);
  }

 private:
  [[nodiscard]] expected<void> load_time_zone(const JsonReader& at) {
    if (!at.exists()) return {};
    auto text = at.string();
    if (!text) return unexpected(text.error());
    auto offset = parse_utc_offset(*text);
    if (!offset) return at.error(offset.error().code, offset.error().message);
    s_.utc_offset_minutes = *offset;
    return {};
  }

  [[nodiscard]] expected<void> load_tickets(const JsonReader& r) {
    if (!r.exists()) return r.error(ErrorCode::missing, "the service section needs 'tickets': its fields");
    if (auto keys = r.only_keys({"id", "customer", "engineer", "times", "flags", "order", "period"}); !keys)
      return keys;
    for (auto [key, into] : {std::pair{"id", &s_.id_field}, std::pair{"customer", &s_.customer_field},
                             std::pair{"engineer", &s_.engineer_field}}) {
      if (!r[key].exists()) return r.error(ErrorCode::missing, std::string("'tickets' needs '") + key + "'");
      auto n = read_name(r[key]);
      if (!n) return unexpected(n.error());
      *into = std::move(*n);
    }
    auto times = read_names(r["times"]);
    if (!times) return unexpected(times.error());
    auto flags = read_names(r["flags"]);
    if (!flags) return unexpected(flags.error());
    s_.times = std::move(*times);
    s_.flags = std::move(*flags);
    if (auto ok = check_unique(r); !ok) return ok;
    if (r["order"].exists())
      if (auto ok = load_order(r["order"]); !ok) return ok;
    if (s_.times.empty()) return {};
    if (!r["period"].exists()) return {};  // the first timestamp
    auto period = find(r["period"], s_.times, "timestamp");
    if (!period) return unexpected(period.error());
    s_.period = *period;
    return {};
  }

  /// Every field name once, across the kinds.
  [[nodiscard]] expected<void> check_unique(const JsonReader& r) const {
    std::vector<std::pair<std::string_view, JsonReader>> all = {
        {s_.id_field, r["id"]}, {s_.customer_field, r["customer"]}, {s_.engineer_field, r["engineer"]}};
    for (std::size_t i = 0; i < s_.times.size(); ++i) all.emplace_back(s_.times[i], r["times"].at(i));
    for (std::size_t i = 0; i < s_.flags.size(); ++i) all.emplace_back(s_.flags[i], r["flags"].at(i));
    for (std::size_t i = 0; i < all.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (all[i].first == all[j].first)
          return all[i].second.error(ErrorCode::conflict, "field '" + std::string(all[i].first) +
                                                              "' is named twice among the ticket's fields");
    return {};
  }

  [[nodiscard]] expected<void> load_order(const JsonReader& r) {
    auto arr = r.array();
    if (!arr) return unexpected(arr.error());
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      const JsonReader pair = r.at(i);
      auto p = pair.array();
      if (!p) return unexpected(p.error());
      if ((*p)->size() != 2) return pair.error(ErrorCode::invalid_rule, "an order is a pair: [earlier, later]");
      auto a = find(pair.at(0), s_.times, "timestamp");
      if (!a) return unexpected(a.error());
      auto b = find(pair.at(1), s_.times, "timestamp");
      if (!b) return unexpected(b.error());
      s_.order.emplace_back(*a, *b);
    }
    return {};
  }

  [[nodiscard]] expected<void> load_commitments(const JsonReader& r) {
    auto arr = r.array();
    if (!arr) return unexpected(arr.error());
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      auto c = load_commitment(r.at(i));
      if (!c) return unexpected(c.error());
      for (const auto& other : s_.commitments)
        if (other.about.id == c->about.id)
          return r.at(i)["id"].error(ErrorCode::conflict, "commitment '" + c->about.id + "' is defined twice");
      s_.commitments.push_back(std::move(*c));
    }
    return {};
  }

  [[nodiscard]] expected<CommitmentRule> load_commitment(const JsonReader& r) const {
    if (auto keys = r.only_keys({"id", "within", "flag", "target", "text"}); !keys) return unexpected(keys.error());
    CommitmentRule c;
    auto id = read_name(r["id"]);
    if (!id) return unexpected(id.error());
    c.about.id = std::move(*id);
    auto text = read_text(r["text"]);
    if (!text) return unexpected(text.error());
    c.about.text = std::move(*text);
    if (r["within"].exists() == r["flag"].exists())
      return r.error(ErrorCode::invalid_rule,
                     "a commitment has either 'within' (a time limit) or 'flag' (a yes/no field)");
    if (r["within"].exists()) {
      if (auto ok = load_within(r["within"], c); !ok) return unexpected(ok.error());
    } else {
      auto f = find(r["flag"], s_.flags, "flag");
      if (!f) return unexpected(f.error());
      c.about.kind = crm::service::Kind::flag;
      c.flag = *f;
      c.about.flag = s_.flags[*f];
    }
    c.about.target = Decimal::from_int(1);
    if (r["target"].exists()) {
      auto t = r["target"].decimal();
      if (!t) return unexpected(t.error());
      if (*t < Decimal::from_int(0) || *t > Decimal::from_int(1))
        return r["target"].error(ErrorCode::out_of_range, "a target is a share of tickets, 0..1 (0.9 for 90%)");
      c.about.target = *t;
    }
    return c;
  }

  [[nodiscard]] expected<void> load_within(const JsonReader& r, CommitmentRule& c) const {
    if (auto keys = r.only_keys({"from", "to", "limit"}); !keys) return keys;
    auto from = find(r["from"], s_.times, "timestamp");
    if (!from) return unexpected(from.error());
    auto to = find(r["to"], s_.times, "timestamp");
    if (!to) return unexpected(to.error());
    if (*from == *to) return r["to"].error(ErrorCode::invalid_rule, "'from' and 'to' are the same timestamp");
    auto limit = read_limit(r["limit"]);
    if (!limit) return unexpected(limit.error());
    c.about.kind = crm::service::Kind::within;
    c.from = *from;
    c.to = *to;
    c.about.from = s_.times[*from];
    c.about.to = s_.times[*to];
    c.about.limit_ms = *limit;
    return {};
  }

  Section& s_;
};

}  // namespace

expected<SectionValue> load_section(const SectionSource& source) {
  auto s = std::make_shared<Section>();
  if (auto ok = Loader(*s).load(source.json); !ok) return unexpected(ok.error());
  for (const auto& c : s->commitments) {
    s->listed.push_back(c.about);
    // A time limit's own timestamps may not go backwards either: a reply before the call
    // is an impossible ticket, not a fast reply.
    const std::pair<std::size_t, std::size_t> pair{c.from, c.to};
    if (c.about.kind == crm::service::Kind::within &&
        std::find(s->order.begin(), s->order.end(), pair) == s->order.end())
      s->order.push_back(pair);
  }
  return SectionValue(std::shared_ptr<const Section>(std::move(s)));
}

}  // namespace crm::internal::service
