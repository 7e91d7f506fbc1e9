// Classifiers: the customer's words to a label, by decision tables the machine carries;
// events whose data a classifier fills in; the load-time checks.
#include <catch2/catch.hpp>

#include "crmrules/session.hpp"
#include "session_helpers.hpp"

using crm::ErrorCode;
using crm::Machine;
using crm::Session;

namespace {

const std::string classifier = R"js({"inputs": {"words": {"type": "string", "required": true}},
  "decisions": [{"name": "mood", "table": {"hit_policy": "FIRST", "inputs": ["words"], "outputs": ["mood"],
    "rows": [{"id": "happy", "when": ["contains($, '好')"], "then": ["'happy'"]}, ["contains($, 'bad')", "'sad'"]]}}]})js";

crm::expected<crm::RuleSet> with_classifiers(const std::string& classifiers, const std::string& classify,
                                 const std::string& data = R"({"words": {"type": "string"}, "mood": {"type": "enum", "values": ["happy", "sad"]}})") {
  return crm::RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1", "inputs": {}, "decisions": [],
    "machines": {"m": {"classifiers": )" + classifiers + R"(,
      "context": {"mood": {"type": "string"}},
      "events": {"say": {"data": )" + data + R"(, "classify": )" + classify + R"(}, "end": {}},
      "states": {"a": {"initial": true}, "b": {"final": true}},
      "transitions": [{"from": "a", "on": "say", "set": {"mood": "event.mood ?? 'unknown'"}},
                      {"from": "a", "on": "end", "to": "b"}]}}})");
}

}  // namespace

TEST_CASE("a classifier gives the label of the first rule that matches, and says which", "[machine][classify]") {
  auto rules = with_classifiers(R"({"mood": )" + classifier + "}", R"({"mood": {"by": "mood", "from": "words"}})");
  if (!rules) FAIL(rules.error().to_string());
  auto m = *Machine::find(*rules, "m");
  CHECK(m.classifier_names() == std::vector<std::string>{"mood"});
  auto c = m.classify("mood", "很好");
  REQUIRE(c);
  CHECK(c->label == "happy");
  CHECK(c->rule == "happy");
  CHECK(c->to_json() == R"({"classifier": "mood", "label": "happy", "rule": "happy", "matched": true})");
  CHECK(m.classify("mood", "so bad")->rule == "row 2");
  auto none = m.classify("mood", "一般");
  REQUIRE(none);
  CHECK_FALSE(none->matched());
  CHECK(none->to_json() == R"({"classifier": "mood", "label": null, "rule": null, "matched": false})");
  auto unknown = m.classify("moods", "x");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == ErrorCode::unknown_name);
  CHECK(unknown.error().message.find("did you mean 'mood'") != std::string::npos);
}

TEST_CASE("an event's field left out is classified from its words, given, it is kept", "[machine][classify]") {
  auto rules = with_classifiers(R"({"mood": )" + classifier + "}", R"({"mood": {"by": "mood", "from": "words"}})");
  REQUIRE(rules);
  Session s = *Session::start(*rules, "m");
  REQUIRE(s.fire("say", 1, {{"words", "好极了"}}));
  CHECK(s.get("mood")->as_string() == "happy");
  CHECK(s.audit()[0].data[1].second.as_string() == "happy");  // the audit keeps what was used
  REQUIRE(s.fire("say", 2, {{"words", "好极了"}, {"mood", "sad"}}));
  CHECK(s.get("mood")->as_string() == "sad");
  REQUIRE(s.fire("say", 3, {{"words", "一般"}}));  // nothing matched: the field stays null
  CHECK(s.get("mood")->as_string() == "unknown");
  // A saved session replays its audit trail: the classified values, not a new classification.
  auto back = Session::restore(*rules, s.save());
  REQUIRE(back);
  CHECK(back->get("mood")->as_string() == "unknown");
}

TEST_CASE("a label the field refuses is an error naming the classifier and its rule", "[machine][classify]") {
  auto rules = with_classifiers(R"({"mood": )" + classifier + "}", R"({"mood": {"by": "mood", "from": "words"}})",
                    R"({"words": {"type": "string"}, "mood": {"type": "enum", "values": ["happy"]}})");
  REQUIRE(rules);
  Session s = *Session::start(*rules, "m");
  auto r = s.fire("say", 1, {{"words", "bad"}});
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("classifier 'mood' gave 'sad' (row 2), which data field 'mood' refuses") !=
        std::string::npos);
  CHECK(s.audit_size() == 0);
}

TEST_CASE("classifiers and what events ask of them are checked at load", "[machine][classify]") {
  const std::string use = R"({"mood": {"by": "mood", "from": "words"}})";
  auto two_inputs = with_classifiers(R"({"mood": {"inputs": {"a": {"type": "string"}, "b": {"type": "string"}},
    "decisions": [{"name": "mood", "expression": "a"}]}})", use);
  REQUIRE_FALSE(two_inputs);
  CHECK(two_inputs.error().message.find("needs exactly one input, of type string") != std::string::npos);
  CHECK(two_inputs.error().where.pointer == "/machines/m/classifiers/mood/inputs");
  auto no_output = with_classifiers(R"({"mood": {"inputs": {"a": {"type": "string"}}, "decisions": [{"name": "x", "expression": "a"}]}})", use);
  REQUIRE_FALSE(no_output);
  CHECK(no_output.error().message.find("needs an output named 'mood'") != std::string::npos);
  auto unknown = with_classifiers(R"({"mood": )" + classifier + "}", R"({"mood": {"by": "moods", "from": "words"}})");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == ErrorCode::unknown_name);
  CHECK(unknown.error().message.find("unknown classifier 'moods' (did you mean 'mood'?)") != std::string::npos);
  auto from_unknown = with_classifiers(R"({"mood": )" + classifier + "}", R"({"mood": {"by": "mood", "from": "word"}})");
  REQUIRE_FALSE(from_unknown);
  CHECK(from_unknown.error().where.pointer == "/machines/m/events/say/classify/mood/from");
  auto required = with_classifiers(R"({"mood": )" + classifier + "}", use,
                       R"({"words": {"type": "string"}, "mood": {"type": "enum", "values": ["happy", "sad"], "required": true}})");
  REQUIRE_FALSE(required);
  CHECK(required.error().message.find("can be neither required nor have a default") != std::string::npos);
  auto not_words = with_classifiers(R"({"mood": )" + classifier + "}", R"({"mood": {"by": "mood", "from": "n"}})",
                        R"({"n": {"type": "integer"}, "mood": {"type": "enum", "values": ["happy", "sad"]}})");
  REQUIRE_FALSE(not_words);
  CHECK(not_words.error().code == ErrorCode::type_mismatch);
  // A classifier's own tests run with the document's.
  auto tested = with_classifiers(R"({"mood": {"inputs": {"words": {"type": "string", "required": true}},
    "decisions": [{"name": "mood", "expression": "'happy'"}],
    "tests": [{"name": "sad words", "given": {"words": "bad"}, "expect": {"mood": "sad"}}]}})", use);
  REQUIRE(tested);
  auto report = tested->run_tests();
  CHECK(report.failures() == 1);
}

TEST_CASE("LSCPA: the customer's words become the objection's kind, or say nothing matched", "[machine][classify][lscpa]") {
  auto lscpa = Machine::builtin("lscpa");
  REQUIRE(lscpa);
  CHECK(lscpa->classify("objection_kind", "我从未听说过你的公司")->label == "credibility");
  CHECK(lscpa->classify("objection_kind", "这个电脑看起来好是好,就是价格太贵了")->label == "price_value");
  Session s = lscpa->start();
  REQUIRE(s.fire("objection", 1, {{"text", "我只想四处逛逛,看看有没有什么别的合适产品"}}));
  CHECK(s.get("objection_kind")->as_string() == "just_looking");
  CHECK(s.get("kind_recognised")->as_bool());
  Session unmatched = lscpa->start();
  REQUIRE(unmatched.fire("objection", 1, {{"text", "我再想想"}}));
  CHECK(unmatched.get("objection_kind")->as_string() == "other");
  CHECK_FALSE(unmatched.get("kind_recognised")->as_bool());
  bool warned = false;
  for (const auto& r : recs(unmatched))
    warned = warned || (r.kind == "warning" && r.text.starts_with("没有从客户的话里识别出异议的类型"));
  CHECK(warned);
}

TEST_CASE("SPIN: each question's form is classified and counted, closed questions in a large deal are warned about",
          "[machine][classify][spin]") {
  auto spin = Machine::builtin("spin");
  REQUIRE(spin);
  CHECK(spin->classify("question_form", "您是直接要买呢还是先顺便了解一下?")->label == "closed");
  CHECK(spin->classify("question_form", "你对这个部门的人员素质是怎样看的呢?")->label == "open_directed");
  CHECK(spin->classify("question_form", "你对这个事情是怎样看待的呢?")->label == "open");
  Session s = spin->start();
  REQUIRE(s.fire("problem_question", 1, {{"question", "对你现在的设备你是否满意?"}, {"need", "ease"}}));
  REQUIRE(s.fire("problem_question", 2, {{"question", "有没有考虑过供应商的信用问题?"}}));
  CHECK(s.get("closed_asked")->as_decimal() == crm::Decimal::from_int(2));
  CHECK(s.audit()[0].data.back().second.as_string() == "closed");
  bool warned = false;
  for (const auto& r : recs(s)) warned = warned || r.text.starts_with("开放型询问在大生意中起重要作用");
  CHECK(warned);
  REQUIRE(s.fire("problem_question", 3, {{"question", "你们正在使用的方案有什么缺陷?"}, {"form", "开放式有指向"}}));
  REQUIRE(s.fire("problem_question", 4, {{"question", "你对这个事情是怎样看待的呢?"}}));
  CHECK(s.get("open_asked")->as_decimal() == crm::Decimal::from_int(2));
  for (const auto& r : recs(s)) CHECK_FALSE(r.text.starts_with("开放型询问在大生意中起重要作用"));
}
