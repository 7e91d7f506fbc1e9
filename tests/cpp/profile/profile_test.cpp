// Profile completeness (档案管理): the deck's groups and fields in the built-in schema,
// completeness per group and overall, fields by id or Chinese name, the owner warning
// (专人负责), CSV and JSON Lines with their errors' places, and a bad section at load.
#include <catch2/catch.hpp>

#include <string>

#include "crmrules/profile.hpp"
#include "crmrules/rule_set.hpp"
#include "tests/cpp/decimals.hpp"

using crm::Decimal;
using crm::RuleSet;
using crm::profile::Schema;
using crm::profile::Values;

namespace {

crm::expected<RuleSet> profile_with(const std::string& section) {
  return RuleSet::load(R"({"crmrules": 1, "name": "p", "version": "1", "inputs": {}, "decisions": [], "profile": )" +
                       section + "}");
}

}  // namespace

TEST_CASE("profile: the built-in schema is the deck's seven groups", "[profile]") {
  const Schema& s = Schema::builtin();
  REQUIRE(s.groups.size() == 7);
  const char* zh[] = {"基础资料", "客户特征", "业绩分析", "交易现状", "满意程度", "频期分析", "专人负责"};
  const std::size_t fields[] = {12, 10, 7, 10, 7, 7, 5};
  for (std::size_t g = 0; g < 7; ++g) {
    INFO(g);
    CHECK(s.groups[g].name.zh == zh[g]);
    CHECK(s.groups[g].fields.size() == fields[g]);
  }
  CHECK(s.find("名称") == s.find("name"));
  CHECK(s.find("定岗定员")->id == "owner");
  CHECK(s.find("no_such_field") == nullptr);
  CHECK(s.owner_field == "owner");
  CHECK(Schema::builtin_json().find("\"profile\"") != std::string_view::npos);
}

TEST_CASE("profile: completeness per group and overall, by id or by Chinese name", "[profile]") {
  const Schema& s = Schema::builtin();
  // 基础资料: 2 of 12; 专人负责: the owner, 1 of 5; the rest empty.
  const Values values = {{"id", "HW"},      {"名称", "华为"},    {"address", "深圳"},
                         {"owner", "张三"}, {"shoe_size", "42"}, {"phone", "   "}};
  const auto a = s.assess(values);
  CHECK(a.id == "HW");
  CHECK(a.owner == "张三");
  CHECK(a.has_owner());
  CHECK(a.warnings.empty());
  CHECK(a.groups[0].completeness == dec("16.67"));
  CHECK(a.groups[6].completeness == dec("20"));
  CHECK(a.groups[1].completeness == dec("0"));
  // (1/6 + 1/5) / 7 = 0.052380..: 5.24 of 100.
  CHECK(a.completeness.to_string() == "5.24");
  CHECK(a.groups[0].missing.size() == 10);
  CHECK(a.groups[0].missing[0]->id == "size");  // the blank phone is missing too
  CHECK(a.groups[0].missing[1]->id == "phone");
  CHECK(a.missing() == 58 - 3);
  CHECK(a.ignored == std::vector<std::string>{"shoe_size"});
}

TEST_CASE("profile: no owner is a warning (专人负责)", "[profile]") {
  const auto a = Schema::builtin().assess(Values{{"id", "HQ"}, {"名称", "华强工贸"}});
  CHECK_FALSE(a.has_owner());
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0].zh.find("无专人负责") != std::string::npos);
  CHECK(a.warnings[0].en.find("no one owns this profile") != std::string::npos);
  // The owner by the deck's name of the field: 定岗定员.
  CHECK(Schema::builtin().assess(Values{{"定岗定员", "李四"}}).owner == "李四");
}

TEST_CASE("profile: a complete profile is 100, weights are the section's", "[profile]") {
  auto rules = profile_with(R"({"groups": [
      {"id": "a", "name": {"zh": "甲"}, "weight": 3, "fields": [{"id": "x", "name": {"zh": "艾"}, "weight": 2}, {"id": "y"}]},
      {"id": "b", "weight": 1, "fields": [{"id": "owner"}]}]})");
  REQUIRE(rules);
  auto s = Schema::from_rule_set(*rules);
  REQUIRE(s);
  CHECK(s->assess(Values{{"x", "1"}, {"y", "2"}, {"owner", "me"}}).completeness == dec("100"));
  const auto part = s->assess(Values{{"艾", "1"}});
  CHECK(part.groups[0].completeness == dec("66.67"));  // weight 2 of 3
  CHECK(part.completeness == dec("50"));               // (3 × 2/3 + 1 × 0) / 4
  CHECK(part.warnings.size() == 1);
}

TEST_CASE("profile: CSV and JSON Lines, the report and its output", "[profile]") {
  const std::string csv =
      "id,名称,address,owner,note\n"
      "HW,华为,深圳,张三,x\n"
      "HQ,华强工贸,,,y\n";
  auto report = crm::profile::assess_csv(csv);
  REQUIRE(report);
  REQUIRE(report->customers.size() == 2);
  CHECK(report->ignored == std::vector<std::string>{"note"});
  CHECK(report->without_owner() == 1);
  CHECK(report->customers[1].completeness.to_string() == "1.19");  // 1 of 12 fields in one group of 7
  const std::string out = crm::profile::to_csv(*report);
  CHECK(
      out.starts_with("id,owner,completeness,basic,characteristics,performance,trading,satisfaction,analysis,"
                      "ownership,missing,warnings\nHW,张三,5.24,16.67,0.00,0.00,0.00,0.00,0.00,20.00,规模;电话;"));
  CHECK(out.find("\nHQ,,1.19,8.33,") != std::string::npos);
  CHECK(out.find("无专人负责") != std::string::npos);
  CHECK(crm::profile::to_csv(*report, crm::Lang::en).find(",size;phone;") != std::string::npos);

  auto lines = crm::profile::assess_jsonl(
      "{\"id\": \"HW\", \"名称\": \"华为\", \"address\": \"深圳\", \"owner\": \"张三\", \"sales\": 130000000}\n\n"
      "{\"id\": \"HQ\", \"name\": null, \"key_events\": [], \"special_requests\": [\"红色\"]}\r\n");
  REQUIRE(lines);
  REQUIRE(lines->customers.size() == 2);
  CHECK(lines->customers[0].groups[2].completeness == dec("14.29"));  // sales: 1 of 7
  CHECK(lines->customers[1].groups[3].completeness == dec("10"));     // special_requests only
  const std::string json = crm::profile::to_json(*lines);
  CHECK(json.find(R"("id": "HQ", "owner": "", "has_owner": false)") != std::string::npos);
}

TEST_CASE("profile: bad input names its line and column, and nothing is assessed", "[profile]") {
  auto row = crm::profile::assess_csv("id,名称\nHW,华为\nHQ,华强,extra\n");
  REQUIRE_FALSE(row);
  CHECK(row.error().where.line == 3);
  auto empty = crm::profile::assess_csv("");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message.find("empty") != std::string::npos);
  auto json = crm::profile::assess_jsonl("{\"id\": \"HW\"}\n{\"id\": \"HQ\",}\n");
  REQUIRE_FALSE(json);
  CHECK(json.error().where.line == 2);
  CHECK(json.error().where.column > 1);
  auto not_object = crm::profile::assess_jsonl("[1, 2]\n");
  REQUIRE_FALSE(not_object);
  CHECK(not_object.error().message.find("a profile is a JSON object") != std::string::npos);
  CHECK(not_object.error().where.line == 1);
}

TEST_CASE("profile: a bad section is refused at load with its place", "[profile]") {
  struct Case {
    const char *section, *pointer, *message;
  };
  for (
      const Case& c : {
          Case{R"({"groups": []})", "/profile/groups", "at least one group"},
          Case{R"({"groups": [{"id": "a", "fields": []}]})", "/profile/groups/0/fields", "at least one field"},
          Case{R"({"groups": [{"id": "a", "fields": [{"id": "owner"}, {"id": "owner"}]}]})",
               "/profile/groups/0/fields/1/id", "named twice"},
          Case{
              R"({"groups": [{"id": "a", "fields": [{"id": "owner", "name": {"zh": "甲"}}, {"id": "y", "name": {"zh": "甲"}}]}]})",
              "/profile/groups/0/fields/1/name", "the Chinese name '甲' is used twice"},
          Case{R"({"groups": [{"id": "a", "fields": [{"id": "owner", "weight": 0}]}]})",
               "/profile/groups/0/fields/0/weight", "above 0"},
          Case{R"({"groups": [{"id": "a", "fields": [{"id": "x"}]}]})", "/profile",
               "the owner field 'owner' is no field"},
          Case{R"({"owner_field": "boss", "groups": [{"id": "a", "fields": [{"id": "x"}]}]})", "/profile/owner_field",
               "the owner field 'boss' is no field"},
          Case{R"({"groups": [{"id": "a", "fields": [{"id": "owner"}]}], "scale": 20})", "/profile/scale", "0..18"},
          Case{R"({"group": []})", "/profile/group", "groups"},
      }) {
    INFO(c.section);
    auto rules = profile_with(c.section);
    REQUIRE_FALSE(rules);
    CHECK(rules.error().where.pointer == c.pointer);
    CHECK(rules.error().message.find(c.message) != std::string::npos);
  }
  auto none = Schema::from_rule_set(RuleSet::builtin());
  REQUIRE_FALSE(none);
  CHECK(none.error().message.find("no \"profile\" section") != std::string::npos);
}
