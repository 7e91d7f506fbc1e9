// What the machine tests do to rule sets, sessions and saved text, written once.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "crmrules/rule_set.hpp"
#include "crmrules/session.hpp"

/// The rule set `json` holds; the test fails when it does not load.
inline crm::RuleSet loaded_rules(const std::string& json) {
  auto rules = crm::RuleSet::load(json);
  REQUIRE(rules);
  return *rules;
}

/// The session's recommendations now; the test fails on an error.
inline std::vector<crm::Recommendation> recs(const crm::Session& s) {
  auto r = s.recommendations();
  REQUIRE(r);
  return *r;
}

/// `json` with the first `from` replaced by `to` (which must be there).
inline std::string replaced(std::string json, const std::string& from, const std::string& to) {
  const auto at = json.find(from);
  REQUIRE(at != std::string::npos);
  return json.replace(at, from.size(), to);
}
