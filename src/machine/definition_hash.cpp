// A machine's behaviour hash: its definition with the members that only say things
// removed, written with sorted keys, hashed with FNV-1a.
#include "src/machine/definition_hash.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/serialize.hpp>

#include "src/machine/compiled.hpp"

namespace crm::internal::machine {
namespace {

namespace json = boost::json;

using Keys = std::span<const std::string_view>;

/// Texts: for people to read, none of them decides a transition or a stored value.
constexpr std::string_view machine_texts[] = {"description", "version", "lang", "lists", "offers", "classifiers"};
constexpr std::string_view step_texts[] = {"description", "recommend"};  // a state's, a transition's
constexpr std::string_view description[] = {"description"};              // an event's, a field's

/// Removes `keys` from `v` when it is an object, and from each member of `v` when
/// `members` (states, events, fields).
void strip(json::value* v, Keys keys, bool members = false) {
  if (v == nullptr || !v->is_object()) return;
  if (!members) {
    for (auto k : keys) v->as_object().erase(k);
    return;
  }
  for (auto& m : v->as_object()) strip(&m.value(), keys);
}

/// `v` as JSON with every object's keys in byte order.
void write_sorted(const json::value& v, std::string& out) {
  if (v.is_object()) {
    std::vector<const json::key_value_pair*> members;
    for (const auto& m : v.as_object()) members.push_back(&m);
    std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->key() < b->key(); });
    out += '{';
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i > 0) out += ',';
      out += json::serialize(json::string(members[i]->key()));
      out += ':';
      write_sorted(members[i]->value(), out);
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    bool first = true;
    for (const auto& e : v.as_array()) {
      if (!first) out += ',';
      first = false;
      write_sorted(e, out);
    }
    out += ']';
  } else {
    out += json::serialize(v);
  }
}

}  // namespace

std::uint64_t behaviour_hash(const json::value& machine) {
  json::value v = machine;
  if (auto* o = v.if_object()) {
    strip(&v, machine_texts);
    strip(o->if_contains("states"), step_texts, true);
    strip(o->if_contains("events"), description, true);
    if (auto* events = o->if_contains("events"); events != nullptr && events->is_object())
      for (auto& e : events->as_object())
        if (auto* event = e.value().if_object()) strip(event->if_contains("data"), description, true);
    strip(o->if_contains("context"), description, true);
    if (auto* transitions = o->if_contains("transitions"); transitions != nullptr && transitions->is_array())
      for (auto& t : transitions->as_array()) strip(&t, step_texts);
  }
  std::string text = "crmrules machine behaviour 1\n";
  write_sorted(v, text);
  return fnv1a(text);
}

}  // namespace crm::internal::machine
