// The "next" section: the actions' texts and routing, the channel table, the preferences
// per grade, the owners and levers, and the ranking rule set's slots.
#include "src/next/section.hpp"

#include <algorithm>
#include <memory>

#include "src/core/suggest.hpp"
#include "src/json/reader.hpp"

namespace crm::internal::next {
namespace {

template <class T>
[[nodiscard]] std::vector<std::string_view> ids_of(const std::vector<T>& items) {
  std::vector<std::string_view> out;
  for (const auto& i : items) out.push_back(i.id);
  return out;
}

/// The index of the item with the id at `at`, or unknown_name with "did you mean".
template <class T>
[[nodiscard]] expected<std::size_t> find(const JsonReader& at, const std::vector<T>& items, const char* what) {
  auto id = at.string();
  if (!id) return unexpected(id.error());
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == *id) return i;
  return at.error(ErrorCode::unknown_name,
                  "unknown " + std::string(what) + " '" + std::string(*id) + "'" + did_you_mean(*id, ids_of(items)));
}

[[nodiscard]] expected<std::string> read_id(const JsonReader& at) {
  auto s = at.string();
  if (!s) return unexpected(s.error());
  if (s->empty()) return at.error(ErrorCode::invalid_rule, "an id cannot be empty");
  return std::string(*s);
}

/// An array of objects, each read by `one`; ids unique.
template <class T, class One>
[[nodiscard]] expected<std::vector<T>> read_list(const JsonReader& at, One one) {
  auto arr = at.array();
  if (!arr) return unexpected(arr.error());
  std::vector<T> out;
  for (std::size_t i = 0; i < (*arr)->size(); ++i) {
    auto item = one(at.at(i));
    if (!item) return unexpected(item.error());
    if constexpr (requires { item->id; })
      for (const auto& other : out)
        if (other.id == item->id)
          return at.at(i)["id"].error(ErrorCode::conflict, "'" + item->id + "' is defined twice");
    out.push_back(std::move(*item));
  }
  return out;
}

[[nodiscard]] expected<Named> read_named(const JsonReader& at) {
  if (auto keys = at.only_keys({"id", "name"}); !keys) return unexpected(keys.error());
  auto id = read_id(at["id"]);
  if (!id) return unexpected(id.error());
  auto name = read_text(at["name"]);
  if (!name) return unexpected(name.error());
  return Named{std::move(*id), std::move(*name)};
}

[[nodiscard]] expected<ScalePoint> read_scale_point(const JsonReader& at) {
  if (auto keys = at.only_keys({"points", "labels"}); !keys) return unexpected(keys.error());
  auto points = at["points"].integer();
  if (!points) return unexpected(points.error());
  if (*points < 1 || *points > 7) return at["points"].error(ErrorCode::out_of_range, "points are 1..7");
  ScalePoint p{static_cast<int>(*points), {}};
  auto labels = at["labels"].array();
  if (!labels) return unexpected(labels.error());
  for (std::size_t i = 0; i < (*labels)->size(); ++i) {
    auto l = at["labels"].at(i).string();
    if (!l) return unexpected(l.error());
    p.labels.emplace_back(*l);
  }
  return p;
}

class Loader {
 public:
  Loader(const SectionSource& source, Section& s) : source_(source), s_(source.json), out_(s) {}

  [[nodiscard]] expected<void> load() {
    if (auto keys = s_.only_keys({"actions", "purposes", "channels", "grade_channels", "owners", "grade_owners",
                                  "levers", "satisfaction_scale", "description"});
        !keys)
      return keys;
    if (auto ok = assign(out_.purposes, read_list<Named>(s_["purposes"], read_named)); !ok) return ok;
    if (auto ok = assign(out_.owners, read_list<Named>(s_["owners"], read_named)); !ok) return ok;
    if (auto ok = assign(out_.levers, read_list<Named>(s_["levers"], read_named)); !ok) return ok;
    if (auto ok = assign(out_.satisfaction_scale, read_list<ScalePoint>(s_["satisfaction_scale"], read_scale_point));
        !ok)
      return ok;
    if (auto ok = assign(out_.channels,
                         read_list<Channel>(s_["channels"], [&](const JsonReader& at) { return read_channel(at); }));
        !ok)
      return ok;
    if (auto ok = assign(out_.actions,
                         read_list<ActionRule>(s_["actions"], [&](const JsonReader& at) { return read_action(at); }));
        !ok)
      return ok;
    if (auto ok = assign(out_.grade_channels,
                         read_list<GradeRule>(s_["grade_channels"],
                                              [&](const JsonReader& at) { return read_grade_rule(at, true); }));
        !ok)
      return ok;
    if (auto ok = assign(
            out_.grade_owners,
            read_list<GradeRule>(s_["grade_owners"], [&](const JsonReader& at) { return read_grade_rule(at, false); }));
        !ok)
      return ok;
    return resolve_slots();
  }

 private:
  template <class T>
  [[nodiscard]] static expected<void> assign(T& into, expected<T>&& value) {
    if (!value) return unexpected(value.error());
    into = std::move(*value);
    return {};
  }

  [[nodiscard]] expected<Channel> read_channel(const JsonReader& at) const {
    if (auto keys = at.only_keys({"id", "name", "fits"}); !keys) return unexpected(keys.error());
    Channel c;
    auto id = read_id(at["id"]);
    if (!id) return unexpected(id.error());
    c.id = std::move(*id);
    auto name = read_text(at["name"]);
    if (!name) return unexpected(name.error());
    c.name = std::move(*name);
    c.fits.assign(out_.purposes.size(), false);
    auto fits = at["fits"].array();
    if (!fits) return unexpected(fits.error());
    for (std::size_t i = 0; i < (*fits)->size(); ++i) {
      auto p = find(at["fits"].at(i), out_.purposes, "purpose");
      if (!p) return unexpected(p.error());
      c.fits[*p] = true;
    }
    return c;
  }

  [[nodiscard]] expected<ActionRule> read_action(const JsonReader& at) const {
    if (auto keys = at.only_keys({"id", "source", "purpose", "owner", "text", "reason"}); !keys)
      return unexpected(keys.error());
    ActionRule a;
    auto id = read_id(at["id"]);
    if (!id) return unexpected(id.error());
    a.id = std::move(*id);
    auto source = read_id(at["source"]);
    if (!source) return unexpected(source.error());
    a.source = std::move(*source);
    auto purpose = find(at["purpose"], out_.purposes, "purpose");
    if (!purpose) return unexpected(purpose.error());
    a.purpose = *purpose;
    auto owner = read_id(at["owner"]);
    if (!owner) return unexpected(owner.error());
    if (*owner != account_owner)
      if (auto known = find(at["owner"], out_.owners, "owner (or 'account_owner', the customer's own)"); !known)
        return unexpected(known.error());
    a.owner = std::move(*owner);
    auto text = read_text(at["text"]);
    if (!text) return unexpected(text.error());
    a.text = std::move(*text);
    auto reason = read_text(at["reason"]);
    if (!reason) return unexpected(reason.error());
    a.reason = std::move(*reason);
    return a;
  }

  [[nodiscard]] expected<GradeRule> read_grade_rule(const JsonReader& at, bool channels) const {
    if (auto keys = at.only_keys({"grades", channels ? "channels" : "owner"}); !keys) return unexpected(keys.error());
    GradeRule g;
    auto grades = at["grades"].array();
    if (!grades) return unexpected(grades.error());
    for (std::size_t i = 0; i < (*grades)->size(); ++i) {
      auto grade = at["grades"].at(i).string();
      if (!grade) return unexpected(grade.error());
      g.grades.emplace_back(*grade);
    }
    if (!channels) {
      auto owner = find(at["owner"], out_.owners, "owner");
      if (!owner) return unexpected(owner.error());
      g.owner = out_.owners[*owner].id;
      return g;
    }
    auto list = at["channels"].array();
    if (!list) return unexpected(list.error());
    for (std::size_t i = 0; i < (*list)->size(); ++i) {
      auto c = find(at["channels"].at(i), out_.channels, "channel");
      if (!c) return unexpected(c.error());
      g.channels.push_back(*c);
    }
    return g;
  }

  /// Every input of the ranking rule set is a fact the advisor gathers; the candidates'
  /// outputs are there; every action the table can name has its texts here.
  [[nodiscard]] expected<void> resolve_slots() {
    FactSlots& f = out_.facts;
    const std::pair<std::optional<std::size_t>*, std::string_view> facts[] = {
        {&f.value_grade, "value_grade"},
        {&f.abc_class, "abc_class"},
        {&f.credit_grade, "credit_grade"},
        {&f.satisfaction, "satisfaction"},
        {&f.loyalty_level, "loyalty_level"},
        {&f.loyalty_stars, "loyalty_stars"},
        {&f.open_complaints, "open_complaints"},
        {&f.lost_complaints, "lost_complaints"},
        {&f.recovered_complaints, "recovered_complaints"},
        {&f.complaint_state, "complaint_state"},
        {&f.commitments_below_target, "commitments_below_target"},
        {&f.service_breaches, "service_breaches"},
        {&f.worst_commitment, "worst_commitment"},
        {&f.open_objections, "open_objections"},
        {&f.objection_kind, "objection_kind"},
        {&f.latent_needs, "latent_needs"},
        {&f.explicit_needs, "explicit_needs"},
        {&f.open_clarities, "open_clarities"},
        {&f.account_type, "account_type"}};
    std::vector<std::string_view> names;
    for (auto [slot, name] : facts) names.push_back(name);
    const auto& fields = source_.inputs.fields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const auto it = std::find(names.begin(), names.end(), fields[i].name);
      if (it == names.end())
        return JsonReader(nullptr, "/inputs/" + fields[i].name)
            .error(ErrorCode::unknown_name, "input '" + fields[i].name + "' is not a fact the advisor gathers" +
                                                did_you_mean(fields[i].name, names));
      *facts[it - names.begin()].first = i;
    }
    for (auto [slot, name] : {std::pair{&out_.actions_out, "actions"}, std::pair{&out_.priorities_out, "priorities"}}) {
      const auto at = output(name);
      if (!at) return s_.error(ErrorCode::missing, std::string("the advisor needs an output '") + name + "' (a list)");
      *slot = *at;
    }
    out_.levers_out = output("levers");
    return {};
  }

  [[nodiscard]] std::optional<std::size_t> output(std::string_view name) const {
    for (std::size_t i = 0; i < source_.outputs.size(); ++i)
      if (source_.outputs[i].name == name) return i;
    return std::nullopt;
  }

  const SectionSource& source_;
  const JsonReader& s_;
  Section& out_;
};

template <class T>
const T* by_id(const std::vector<T>& items, std::string_view id) noexcept {
  for (const auto& i : items)
    if (i.id == id) return &i;
  return nullptr;
}

}  // namespace

const ActionRule* Section::action(std::string_view id) const noexcept { return by_id(actions, id); }
const Named* Section::owner(std::string_view id) const noexcept { return by_id(owners, id); }
const Named* Section::lever(std::string_view id) const noexcept { return by_id(levers, id); }

std::optional<int> Section::satisfaction_points(std::string_view label) const noexcept {
  auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
             return lower(x) == lower(y);
           });
  };
  for (const auto& p : satisfaction_scale)
    for (const auto& l : p.labels)
      if (same(l, label)) return p.points;
  return std::nullopt;
}

expected<SectionValue> load_section(const SectionSource& source) {
  auto s = std::make_shared<Section>();
  if (auto ok = Loader(source, *s).load(); !ok) return unexpected(ok.error());
  return SectionValue(std::shared_ptr<const Section>(std::move(s)));
}

}  // namespace crm::internal::next
