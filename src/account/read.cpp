// Reading an account document (docs/account.md) into crm::account::Account: its shape
// (known keys, types, names present) here, walked with Place (no pointer strings unless
// something is wrong); its words and unique stakeholder names against the planner's
// vocabulary in check.cpp; errors with the pointer, line and column.
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>

#include "crmrules/account.hpp"
#include "crmrules/json.hpp"
#include "src/account/check.hpp"
#include "src/account/place.hpp"
#include "src/account/section.hpp"
#include "src/json/parse.hpp"

namespace crm::account {
namespace {

using internal::account::Place;
using internal::account::Section;

// Stack buffers for reading a document: its tree (an account of 20 stakeholders and 10
// criteria takes 14 KiB: 4.8 KB of text) and the parser's stack.
constexpr std::size_t tree_bytes = 16384, parser_bytes = 2048;

[[nodiscard]] expected<std::string> text_at(const Place& at) {
  if (!at.exists()) return std::string();
  auto s = at.string();
  if (!s) return unexpected(s.error());
  return std::string(*s);
}

[[nodiscard]] expected<std::vector<std::string>> texts_at(const Place& at) {
  std::vector<std::string> out;
  if (!at.exists()) return out;
  auto items = at.size();
  if (!items) return unexpected(items.error());
  out.reserve(*items);
  for (std::size_t i = 0; i < *items; ++i) {
    auto s = at.at(i).string();
    if (!s) return unexpected(s.error());
    out.emplace_back(*s);
  }
  return out;
}

[[nodiscard]] expected<std::string> yes_no_at(const Place& at) {
  if (!at.exists()) return std::string();
  auto b = at.boolean();
  if (!b) return unexpected(b.error());
  return std::string(*b ? "yes" : "no");
}

/// Sets `into` from `read(at[key])`, returning the error when there is one.
#define CRM_FIELD(into, expr)               \
  do {                                      \
    auto v_ = (expr);                       \
    if (!v_) return unexpected(v_.error()); \
    into = std::move(*v_);                  \
  } while (false)

[[nodiscard]] expected<std::string> required_name(const Place& at, std::string_view what) {
  if (!at["name"].exists()) return at.error(ErrorCode::missing, std::string(what) + " needs a name");
  auto name = at["name"].string();
  if (!name) return unexpected(name.error());
  if (name->empty()) return at["name"].error(ErrorCode::missing, std::string(what) + " needs a name");
  return std::string(*name);
}

[[nodiscard]] expected<Stakeholder> read_stakeholder(const Place& at) {
  if (auto keys = at.only_keys({"name", "title", "roles", "attitude", "needs", "focus", "behaviours"}); !keys)
    return unexpected(keys.error());
  Stakeholder out;
  CRM_FIELD(out.name, required_name(at, "a stakeholder"));
  CRM_FIELD(out.title, text_at(at["title"]));
  CRM_FIELD(out.roles, texts_at(at["roles"]));
  if (at["attitude"].exists()) CRM_FIELD(out.attitude, text_at(at["attitude"]));
  CRM_FIELD(out.needs, texts_at(at["needs"]));
  CRM_FIELD(out.focus, texts_at(at["focus"]));
  CRM_FIELD(out.behaviours, texts_at(at["behaviours"]));
  return out;
}

[[nodiscard]] expected<Criterion> read_criterion(const Place& at) {
  if (auto keys = at.only_keys({"name", "importance", "position", "from_explicit_need"}); !keys)
    return unexpected(keys.error());
  Criterion out;
  CRM_FIELD(out.name, required_name(at, "a criterion"));
  CRM_FIELD(out.importance, text_at(at["importance"]));
  CRM_FIELD(out.position, text_at(at["position"]));
  if (at["from_explicit_need"].exists()) CRM_FIELD(out.from_explicit_need, at["from_explicit_need"].boolean());
  return out;
}

[[nodiscard]] expected<Competitor> read_competitor(const Place& at) {
  if (auto keys = at.only_keys({"name", "cards"}); !keys) return unexpected(keys.error());
  Competitor out;
  CRM_FIELD(out.name, required_name(at, "a competitor"));
  CRM_FIELD(out.cards, texts_at(at["cards"]));
  return out;
}

template <class T, class ReadOne>
[[nodiscard]] expected<std::vector<T>> list_at(const Place& at, ReadOne one) {
  std::vector<T> out;
  if (!at.exists()) return out;
  auto items = at.size();
  if (!items) return unexpected(items.error());
  out.reserve(*items);
  for (std::size_t i = 0; i < *items; ++i) {
    auto item = one(at.at(i));
    if (!item) return unexpected(item.error());
    out.push_back(std::move(*item));
  }
  return out;
}

[[nodiscard]] expected<void> read_customer(const Place& at, Account& out) {
  if (!at.exists()) return at.error(ErrorCode::missing, "the account needs a customer");
  if (auto keys = at.only_keys({"name", "grade"}); !keys) return unexpected(keys.error());
  CRM_FIELD(out.customer, required_name(at, "the customer"));
  CRM_FIELD(out.grade, text_at(at["grade"]));
  return {};
}

[[nodiscard]] expected<void> read_purchase(const Place& at, Account& out) {
  if (!at.exists()) return {};
  if (auto keys = at.only_keys({"steps", "timetable", "funds", "stage"}); !keys) return unexpected(keys.error());
  CRM_FIELD(out.process_steps, texts_at(at["steps"]));
  CRM_FIELD(out.timetable, text_at(at["timetable"]));
  CRM_FIELD(out.funds, text_at(at["funds"]));
  CRM_FIELD(out.stage, text_at(at["stage"]));
  return {};
}

[[nodiscard]] expected<void> read_traits(const Place& at, Account& out) {
  if (!at.exists()) return {};
  if (auto keys = at.only_keys({"requirements", "replaceable", "cooperation", "shared_ownership", "order"}); !keys)
    return unexpected(keys.error());
  CRM_FIELD(out.requirements, text_at(at["requirements"]));
  CRM_FIELD(out.replaceable, text_at(at["replaceable"]));
  CRM_FIELD(out.cooperation, text_at(at["cooperation"]));
  CRM_FIELD(out.shared_ownership, yes_no_at(at["shared_ownership"]));
  CRM_FIELD(out.order_traits, texts_at(at["order"]));
  return {};
}

[[nodiscard]] expected<void> read_implementation(const Place& at, Account& out) {
  if (!at.exists()) return {};
  if (auto keys = at.only_keys({"effort", "return"}); !keys) return unexpected(keys.error());
  CRM_FIELD(out.implementation_effort, text_at(at["effort"]));
  CRM_FIELD(out.implementation_return, text_at(at["return"]));
  return {};
}

[[nodiscard]] expected<Account> read_account(const Place& root) {
  if (auto keys = root.only_keys(
          {"customer", "deal_size", "stakeholders", "purchase", "traits", "criteria", "competitors", "implementation"});
      !keys)
    return unexpected(keys.error());
  Account out;
  if (auto ok = read_customer(root["customer"], out); !ok) return unexpected(ok.error());
  CRM_FIELD(out.deal_size, text_at(root["deal_size"]));
  CRM_FIELD(out.stakeholders, list_at<Stakeholder>(root["stakeholders"], read_stakeholder));
  if (auto ok = read_purchase(root["purchase"], out); !ok) return unexpected(ok.error());
  if (auto ok = read_traits(root["traits"], out); !ok) return unexpected(ok.error());
  CRM_FIELD(out.criteria, list_at<Criterion>(root["criteria"], read_criterion));
  CRM_FIELD(out.competitors, list_at<Competitor>(root["competitors"], read_competitor));
  if (auto ok = read_implementation(root["implementation"], out); !ok) return unexpected(ok.error());
  return out;
}

#undef CRM_FIELD

}  // namespace

expected<Account> Planner::read(std::string_view account_json) const {
  const auto& limits = rules_.limits();
  // The tree lives only in this call: its nodes and the parser's stack come from buffers
  // here (beyond them, from the heap), so that a usual account's document is parsed
  // without asking the allocator for anything.
  unsigned char nodes[tree_bytes], scratch[parser_bytes];
  boost::json::monotonic_resource arena(nodes, sizeof nodes);
  auto doc = internal::parse_json(account_json, internal::JsonLimits{limits.document_bytes, limits.string_bytes},
                                  &arena, scratch);
  if (!doc) return unexpected(doc.error());
  auto account = read_account(Place(&*doc));
  if (account)
    if (auto ok = internal::account::check_account(*account, *static_cast<const Section*>(section_.get()), rules_); !ok)
      account = unexpected(ok.error());
  if (!account) {
    Error e = std::move(account).error();
    const Location at = locate_json(account_json, e.where.pointer);
    e.where.line = at.line;
    e.where.column = at.column;
    return unexpected(std::move(e));
  }
  return account;
}

}  // namespace crm::account
