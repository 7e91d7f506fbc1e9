// A small machine for the tests: an order that is drafted, approved within a limit and
// shipped, with a guard on the event's data and on the context; a session of it.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "crmrules/session.hpp"
#include "session_helpers.hpp"

inline std::string order_rules(const std::string& version = "1.0", const std::string& limit = "1000") {
  return R"({
  "crmrules": 1, "name": "orders", "version": ")" + version + R"(",
  "inputs": {}, "decisions": [],
  "machines": {
    "order": {
      "context": {
        "total": {"type": "decimal", "min": 0, "default": 0},
        "limit": {"type": "decimal", "default": )" + limit + R"(},
        "lines": {"type": "integer", "min": 0, "max": 3, "default": 0},
        "note": {"type": "string"}
      },
      "events": {
        "add": {"data": {"amount": {"type": "decimal", "min": 0, "required": true}, "note": {"type": "string"}}},
        "approve": {"data": {"by": {"type": "string"}}},
        "ship": {},
        "divide": {"data": {"by": {"type": "decimal", "required": true}}},
        "cancel": {}
      },
      "states": {
        "draft": {"initial": true, "recommend": [
          {"kind": "advice", "text": "add lines", "when": "lines == 0"},
          {"kind": "advice", "text": "ready for approval", "when": "lines > 0"}]},
        "approved": {},
        "shipped": {"final": true},
        "cancelled": {"final": true}
      },
      "transitions": [
        {"from": "draft", "on": "add", "set": {"total": "total + event.amount", "lines": "lines + 1", "note": "event.note ?? note"},
         "need": {"id": "event.note", "description": "'from a note'", "problem": "event.note"},
         "recommend": [{"kind": "info", "text": "line added"}]},
        {"from": "draft", "on": "approve", "to": "approved", "when": "total <= limit and lines > 0"},
        {"from": "draft", "on": "divide", "set": {"total": "total / event.by"}},
        {"from": "approved", "on": "ship", "to": "shipped"},
        {"from": ["draft", "approved"], "on": "cancel", "to": "cancelled"}
      ]
    }
  }
})";
}

/// The order machine's rule set, loaded.
inline crm::RuleSet orders() { return loaded_rules(order_rules()); }

/// An order session with two lines added (one with a note) and approved.
inline crm::Session busy_session(const crm::RuleSet& rules) {
  auto s = *crm::Session::start(rules, "order");
  REQUIRE(s.fire("add", 10, {{"amount", *crm::Decimal::parse("12345678.123456789")}, {"note", "a 长 note"}}));
  REQUIRE(s.fire("add", 20, {{"amount", *crm::Decimal::parse("0.10")}}));
  REQUIRE(s.fire("approve", 30, {{"by", "Li"}}));
  return s;
}
