// Machines' texts in the deck's Chinese with English beside them: the language of a
// machine, of a session and of a call, and texts a machine carries in one language only.
#include <catch2/catch.hpp>

#include "crmrules/session.hpp"
#include "session_helpers.hpp"

using crm::ErrorCode;
using crm::Lang;
using crm::Machine;
using crm::Session;

namespace {

crm::RuleSet load_machine(const std::string& machine_json) {
  auto rules = crm::RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1", "inputs": {}, "decisions": [],
    "machines": {"m": )" + machine_json + "}}");
  if (!rules) FAIL(rules.error().to_string());
  return *rules;
}

const std::string two_texts = R"({
  "lang": "en",
  "events": {"go": {}},
  "lists": {"steps": [{"zh": "第一步", "en": "step one"}, "step two", {"zh": "第三步"}]},
  "states": {
    "a": {"initial": true, "recommend": [
      {"kind": "advice", "text": {"zh": "先听", "en": "listen first"}},
      {"kind": "advice", "text": "only English", "items": "steps"}]},
    "b": {"final": true}},
  "transitions": [{"from": "a", "on": "go", "to": "b"}]})";

}  // namespace

TEST_CASE("languages by code, as systems write them", "[machine][lang]") {
  CHECK(*crm::parse_lang("zh") == Lang::zh);
  CHECK(*crm::parse_lang("zh-CN") == Lang::zh);
  CHECK(*crm::parse_lang("ZH_hant") == Lang::zh);
  CHECK(*crm::parse_lang("en-GB") == Lang::en);
  CHECK(*crm::parse_lang("EN") == Lang::en);
  for (std::string_view bad : {"fr", "", "zhx", "e", "-en"}) {
    auto r = crm::parse_lang(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::invalid_argument);
    CHECK(r.error().message.find("unknown language '" + std::string(bad) + "'") != std::string::npos);
  }
}

TEST_CASE("the built-in machines speak the deck's Chinese by default, English when asked", "[machine][lang]") {
  auto spin = Machine::builtin("spin");
  REQUIRE(spin);
  CHECK(spin->lang() == Lang::zh);
  Session s = spin->start();
  CHECK(s.lang() == Lang::zh);
  auto zh = s.recommendations();
  REQUIRE(zh);
  REQUIRE_FALSE(zh->empty());
  CHECK((*zh)[0].text == "连接问题询问与暗示询问的技巧:拜访之前做好准备");
  CHECK((*zh)[0].lang == Lang::zh);
  CHECK_FALSE((*zh)[0].fallback);
  auto en = s.recommendations(Lang::en);  // per call: the session's language is unchanged
  REQUIRE(en);
  CHECK((*en)[0].text.starts_with("Prepare before the visit"));
  CHECK(s.lang() == Lang::zh);
  s.set_lang(Lang::en);
  CHECK(s.status_json()->find(R"("lang": "en")") != std::string::npos);
  // The language is how the session is shown, not what happened: saving does not keep it.
  auto back = Session::restore(Machine::builtin_rules(), s.save());
  REQUIRE(back);
  CHECK(back->lang() == Lang::zh);
}

TEST_CASE("a text a machine lacks in the language asked for falls back, and says so", "[machine][lang]") {
  const crm::RuleSet rules = load_machine(two_texts);
  auto m = Machine::find(rules, "m");
  REQUIRE(m);
  CHECK(m->lang() == Lang::en);  // its plain strings are English
  Session s = m->start();
  CHECK(s.lang() == Lang::en);
  auto en = recs(s);
  CHECK(en[0].text == "listen first");
  CHECK_FALSE(en[0].fallback);
  CHECK(en[1].items == std::vector<std::string>{"step one", "step two", "第三步"});
  CHECK(en[1].fallback);  // 第三步 has no English
  auto zh = *s.recommendations(Lang::zh);
  CHECK(zh[0].text == "先听");
  CHECK_FALSE(zh[0].fallback);
  CHECK(zh[1].text == "only English");
  CHECK(zh[1].fallback);
  CHECK(s.recommendations_json()->find(R"("lang": "en", "fallback": true)") != std::string::npos);
}

TEST_CASE("a machine's language must be one the library knows", "[machine][lang]") {
  auto rules = crm::RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1", "inputs": {}, "decisions": [],
    "machines": {"m": {"lang": "fr", "events": {"go": {}}, "states": {"a": {"initial": true}, "b": {"final": true}},
    "transitions": [{"from": "a", "on": "go", "to": "b"}]}}})");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().code == ErrorCode::invalid_argument);
  CHECK(rules.error().where.pointer == "/machines/m/lang");
  CHECK(rules.error().message.find("unknown language 'fr'") != std::string::npos);
  auto text = crm::RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1", "inputs": {}, "decisions": [],
    "machines": {"m": {"events": {"go": {}}, "states": {"a": {"initial": true, "recommend": [{"text": {"fr": "bonjour"}}]},
    "b": {"final": true}}, "transitions": [{"from": "a", "on": "go", "to": "b"}]}}})");
  REQUIRE_FALSE(text);
  CHECK(text.error().code == ErrorCode::unknown_name);
  CHECK(text.error().where.pointer == "/machines/m/states/a/recommend/0/text/fr");
}

TEST_CASE("the deck's seventeen SPIN questions, by type, as the deck words them", "[machine][lang][spin]") {
  Session s = Machine::builtin("spin")->start();
  auto bank = [&](std::string_view topic) {
    for (const auto& r : recs(s))
      if (r.topic == topic) return r.items;
    FAIL("no " << topic << " questions");
    return std::vector<std::string>{};
  };
  CHECK(bank("situation") == std::vector<std::string>{"你的意见如何?", "你从事什么行业?", "你的年销售额是多少?",
                                                       "你们公司有多少员工?", "你用它多长时间了?", "那些部门在用它?"});
  REQUIRE(s.fire("situation_question", 1, {{"question", "你从事什么行业?"}}));
  CHECK(bank("problem") == std::vector<std::string>{"对你现在的设备你是否满意?", "你们正在使用的方案有什么缺陷?",
                                                     "你使用的系统负荷高峰时是不是很难承受?",
                                                     "有没有考虑过供应商的信用问题?"});
  REQUIRE(s.fire("problem_question", 2, {{"question", "对你现在的设备你是否满意?"}, {"need", "ease"}}));
  CHECK(bank("implication") ==
        std::vector<std::string>{"你说它比较难操作,那对产量有什么影响?", "如果只培训三个人使用这设备,那不会产生工作瓶颈问题吗?",
                                 "这种人事变动对培训费用来说意味着什么?", "这样会导致成本增加吗?"});
  REQUIRE(s.fire("implication_question", 3, {{"question", "这样会导致成本增加吗?"}, {"need", "ease"}}));
  CHECK(bank("need_payoff") == std::vector<std::string>{"解决这个问题对你很重要吗?", "你为什么觉的这个对策如此重要?",
                                                         "还有没有其它可以帮助你的方法?"});
  REQUIRE(s.fire("need_payoff_question", 4, {{"question", "解决这个问题对你很重要吗?"}, {"need", "ease"}}));
  // The need-payoff simulations: the product's potential benefit, then the questions.
  auto sims = bank("need_payoff_simulation");
  REQUIRE(sims.size() == 3);
  CHECK(sims[0].starts_with("我们的面料很新潮 → 你认为一个无名的小企业在应季前如果找到了潮流性的面料"));
  CHECK(sims[1].starts_with("我们的灯可以叫着开 → 你认为一个宝宝或老人,晚间起夜开灯,会有什么麻烦?"));
  CHECK(sims[2] == "我们的系统很容易操作 → 你认为一个没有受过培训的操作者也能用的系统,对你有什么帮助");
}
