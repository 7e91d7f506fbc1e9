// The TCK runner: test files read with pugixml, inputs and expected results as JSON by DMN
// names, crm::dmn::evaluate_json in between.
#include "tck_runner.hpp"

#include <algorithm>
#include <cmath>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <pugixml.hpp>
#include <sstream>

#include "crmrules/date_time.hpp"
#include "crmrules/days_duration.hpp"
#include "crmrules/decimal.hpp"
#include "crmrules/dmn.hpp"
#include "crmrules/months_duration.hpp"
#include "crmrules/time.hpp"

namespace crm::test::tck {
namespace {

namespace fs = std::filesystem;

std::string_view local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::vector<pugi::xml_node> children(const pugi::xml_node& n, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (const auto& c : n.children())
    if (c.type() == pugi::node_element && local(c) == name) out.push_back(c);
  return out;
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  auto all = children(n, name);
  return all.empty() ? pugi::xml_node() : all.front();
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A TCK value (value, component, list) as JSON; numbers kept as their text.
boost::json::value json_of(const pugi::xml_node& n) {
  if (const auto v = child(n, "value")) {
    if (std::string_view(v.attribute("xsi:nil").value()) == "true") return nullptr;
    const std::string_view type = v.attribute("xsi:type").value();
    const std::string text = v.text().get();
    if (type.ends_with("decimal") || type.ends_with("double") || type.ends_with("integer") || type.ends_with("int") ||
        type.ends_with("long"))
      return boost::json::parse(text);
    if (type.ends_with("boolean")) return text == "true";
    // times, date-times and durations in crmrules' canonical text (as results print), so
    // that an expected "PT24H" meets a result "P1D"; text that does not parse stays as it is
    auto canonical = [&](auto parsed) { return parsed ? boost::json::value(parsed->to_string()) : boost::json::value(text); };
    if (type.ends_with(":time")) return canonical(Time::parse(text));
    if (type.ends_with("dateTime")) return canonical(DateTime::parse(text));
    if (type.ends_with("duration") || type.ends_with("Duration")) {
      const bool months = text.find_first_of("DT") == std::string::npos;
      if (months) return canonical(MonthsDuration::parse(text));
      return canonical(DaysDuration::parse(text));
    }
    return boost::json::value(text);
  }
  if (const auto l = child(n, "list")) {
    boost::json::array a;
    for (const auto& item : children(l, "item")) a.push_back(json_of(item));
    return a;
  }
  auto components = children(n, "component");
  if (!components.empty()) {
    boost::json::object o;
    for (const auto& c : components) o[c.attribute("name").value()] = json_of(c);
    return o;
  }
  return nullptr;
}

/// Whether an expected value is an xsd:double: a binary floating-point result, which
/// carries some 16 significant digits (crmrules' exact decimals differ past them). An
/// expected number written with 15 or more significant digits is one too, whatever its
/// type (0004's 1680.880325608555 is a PMT computed in doubles: exactly, 1680.8803256086348).
bool expects_double(const pugi::xml_node& n) {
  for (const auto& c : n.children())
    if (std::string_view(c.attribute("xsi:type").value()).ends_with("double") || expects_double(c)) return true;
  return false;
}

bool same(const boost::json::value& want, const boost::json::value* got, bool doubles = false) {
  if (got == nullptr) return want.is_null();
  if (want.is_number() && got->is_number()) {
    auto a = Decimal::parse(boost::json::serialize(want)), b = Decimal::parse(boost::json::serialize(*got));
    if (a && b && *a == *b) return true;
    const std::string text = boost::json::serialize(want);
    const auto digits = std::count_if(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(text.find_first_of("eE"), text.size())),
                                      [](char c) { return c >= '0' && c <= '9'; });
    const double w = want.to_number<double>(), g = got->to_number<double>();
    return (doubles || digits >= 15) && std::abs(g - w) <= 1e-13 * std::abs(w);  // the same to 13 significant digits
  }
  if (want.is_array() && got->is_array()) {
    const auto &wa = want.get_array(), &ga = got->get_array();
    if (wa.size() != ga.size()) return false;
    for (std::size_t i = 0; i < wa.size(); ++i)
      if (!same(wa[i], &ga[i], doubles)) return false;
    return true;
  }
  if (want.is_object() && got->is_object()) {
    for (const auto& [k, v] : want.get_object())
      if (!same(v, got->get_object().if_contains(k), doubles)) return false;
    return true;
  }
  return want == *got;
}

void run_case(const fs::path& dir, std::vector<Point>& out) {
  const std::string name = dir.filename().string();
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.path().string().ends_with("-test-01.xml")) continue;
    pugi::xml_document tests;
    tests.load_file(entry.path().c_str());
    const pugi::xml_node root = tests.document_element();
    const std::string model_name = child(root, "modelName").text().get();
    auto rules = RuleSet::load_dmn(read(dir / model_name));
    // The round trip: the rule set written as DMN 1.4 and read back must answer the same.
    std::optional<RuleSet> again;
    std::string round_trip_error;
    if (rules) {
      auto xml = dmn::to_dmn(*rules);
      auto back = xml ? RuleSet::load_dmn(*xml) : unexpected(xml.error());
      if (back) again = std::move(*back);
      else round_trip_error = "round trip: " + back.error().to_string();
    }
    for (const auto& tc : children(root, "testCase")) {
      std::string refused;
      if (!rules) refused = rules.error().to_string();
      else if (std::string_view(tc.attribute("type").value()) == "decisionService") refused = "decision services are not supported";
      std::optional<boost::json::object> results;
      std::string error;
      if (refused.empty()) {
        boost::json::object inputs;
        for (const auto& in : children(tc, "inputNode")) inputs[in.attribute("name").value()] = json_of(in);
        const std::string in = boost::json::serialize(inputs);
        auto evaluated = dmn::evaluate_json(*rules, in);
        if (evaluated) results = boost::json::parse(*evaluated).as_object();
        else error = evaluated.error().to_string();
        if (!again) {
          error = round_trip_error;
          results.reset();
        } else if (auto back = dmn::evaluate_json(*again, in);
                   !back || !evaluated || boost::json::parse(*back) != boost::json::parse(*evaluated)) {
          error = "round trip: " + (back ? *back : back.error().to_string()) + " where the import gave " +
                  (evaluated ? *evaluated : evaluated.error().to_string());
          results.reset();
        }
      }
      for (const auto& node : children(tc, "resultNode")) {
        Point p{name, std::string(tc.attribute("id").value()) + " / " + node.attribute("name").value(), Point::Outcome::refused, refused};
        if (refused.empty()) {
          const boost::json::value want = json_of(child(node, "expected"));
          const boost::json::value* got = results ? results->if_contains(node.attribute("name").value()) : nullptr;
          const bool error_expected = std::string_view(node.attribute("errorResult").value()) == "true";
          const bool ok = results ? same(want, got, expects_double(child(node, "expected")))
                                  : error_expected && !error.starts_with("round trip");
          p.outcome = ok ? Point::Outcome::passed : Point::Outcome::failed;
          if (!ok)
            p.detail = results ? "expected " + boost::json::serialize(want) + ", got " + (got ? boost::json::serialize(*got) : "nothing")
                               : error;
        }
        out.push_back(std::move(p));
      }
    }
  }
}

}  // namespace

std::vector<Point> run(const std::string& root) {
  std::vector<fs::path> cases;
  for (const auto& level : fs::directory_iterator(root))
    for (const auto& dir : fs::directory_iterator(level.path())) cases.push_back(dir.path());
  std::sort(cases.begin(), cases.end(), [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  std::vector<Point> out;
  for (const auto& dir : cases) run_case(dir, out);
  return out;
}

}  // namespace crm::test::tck
