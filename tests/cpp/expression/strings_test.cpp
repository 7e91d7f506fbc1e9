// Strings: both quote kinds, escapes, joining with +, Unicode in len / upper / lower.
#include "expression_test_util.hpp"

#include <cstdint>

#include "src/expression/text.hpp"

using namespace expr_test;

TEST_CASE("string literals in single or double quotes", "[expression][strings]") {
  CHECK(show("'single'") == "single");
  CHECK(show("\"double\"") == "double");
  CHECK(show("'a\"b'") == "a\"b");  // the other quote needs no escape
  CHECK(show("\"a'b\"") == "a'b");
  CHECK(show("''") == "");
  CHECK(eval("'x'").kind() == crm::ValueKind::string);
}

TEST_CASE("escapes in strings", "[expression][strings]") {
  CHECK(show(R"('it\'s')") == "it's");
  CHECK(show(R"("say \"hi\"")") == "say \"hi\"");
  CHECK(show(R"('back\\slash')") == "back\\slash");
  CHECK(show(R"('a\nb')") == "a\nb");
  CHECK(show(R"('a\tb')") == "a\tb");
  CHECK(show(R"('\r')") == "\r");
  CHECK(show(R"('\u{4E2D}\u{6587}')") == "中文");
  CHECK(show(R"('\u{1F600}')") == "\xF0\x9F\x98\x80");
  auto e = compile_error(R"('a\qb')");
  CHECK(e.code == crm::ErrorCode::parse);
  CHECK(e.where.offset == 2);
  CHECK(compile_error(R"('\u{D800}')").code == crm::ErrorCode::parse);  // a surrogate
  CHECK(compile_error(R"('\u{110000}')").code == crm::ErrorCode::parse);
  CHECK(compile_error(R"('\u4E2D')").code == crm::ErrorCode::parse);
}

TEST_CASE("unterminated strings and invalid UTF-8 are errors at their offset", "[expression][strings][errors]") {
  auto e = compile_error("grade == 'A1");
  CHECK(e.code == crm::ErrorCode::parse);
  CHECK(e.where.offset == 9);
  auto u = compile_error("'ab\xC3' + 'c'");
  CHECK(u.code == crm::ErrorCode::invalid_utf8);
  CHECK(u.where.offset == 3);
}

TEST_CASE("+ joins strings", "[expression][strings]") {
  CHECK(show("'a' + 'b'") == "ab");
  CHECK(show("'a' + 'b' + 'c'") == "abc");
  CHECK(show("grade + '-' + customer.region") == "A2-EMEA");
  CHECK(show("'a' + 'b' == 'ab'") == "true");
  CHECK(show("label + '!'") == "B1!");
  CHECK(compile_error("'a' + 1").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("grade + count").code == crm::ErrorCode::type_mismatch);
  CHECK(eval_error("amount + 'x'").code == crm::ErrorCode::type_mismatch);
}

TEST_CASE("len counts characters (code points), not bytes", "[expression][strings]") {
  CHECK(equals("len('')", "0"));
  CHECK(equals("len('abc')", "3"));
  CHECK(equals("len('华为技术')", "4"));
  CHECK(equals("len(name)", "11"));
  CHECK(equals(R"(len('\u{1F600}'))", "1"));
  CHECK(equals("len([1, 2, 3])", "3"));
  CHECK(equals("len([])", "0"));
}

TEST_CASE("upper and lower map Unicode letters, Chinese has no case", "[expression][strings]") {
  CHECK(show("upper('abc华为')") == "ABC华为");
  CHECK(show("lower('ABC华为')") == "abc华为");
  CHECK(show("upper(name)") == "华为技术 HUAWEI");
  CHECK(show("lower('ÄÖÜ École')") == "äöü école");
  CHECK(show("upper('straße')") == "STRASSE");  // full case mapping, as ZEN
  CHECK(show("upper('Ωμέγα')") == "ΩΜΈΓΑ");
  CHECK(show("lower('ΣΑΣ ΑΣ')") == "σας ας");  // Σ ends a word: ς (as ZEN)
  CHECK(show("lower('ΟΔΥΣΣΕΥΣ')") == "οδυσσευς");
  CHECK(show("lower('ПРИВЕТ')") == "привет");
  CHECK(show("upper('tiếng việt')") == "TIẾNG VIỆT");
  CHECK(show("upper('ｆｕｌｌ')") == "ＦＵＬＬ");
  CHECK(show("upper(grade) + lower('B')") == "A2b");
}

TEST_CASE("contains finds a part of a string or an element of a list", "[expression][strings]") {
  CHECK(show("contains('hello', 'ell')") == "true");
  CHECK(show("contains('hello', '')") == "true");
  CHECK(show("contains('Hello', 'hello')") == "false");  // case matters
  CHECK(show("contains(name, '技术')") == "true");
  CHECK(show("contains([1, 2], 2)") == "true");
  CHECK(show("contains([1, 2], 1.0)") == "true");
  CHECK(show("contains(['a', 'b'], grade)") == "false");
  CHECK(show("contains([1, 2], '1')") == "false");
}

TEST_CASE("find_text finds what std::string_view::find finds, short parts and long", "[expression][strings]") {
  using crm::internal::expression::find_long_part;
  using crm::internal::expression::find_text;
  // Small alphabets make periodic parts, near misses and overlaps; lengths cross the
  // size where the two-way search takes over.
  std::uint64_t state = 2024;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int i = 0; i < 20000; ++i) {
    const auto alphabet = static_cast<char>(1 + next() % 3);
    std::string text(next() % 200, 'a'), part(next() % 70, 'a');
    for (char& c : text) c = static_cast<char>('a' + next() % static_cast<std::uint64_t>(alphabet));
    for (char& c : part) c = static_cast<char>('a' + next() % static_cast<std::uint64_t>(alphabet));
    if (next() % 3 == 0 && text.size() > part.size())  // plant it somewhere
      text.replace(next() % (text.size() - part.size()), part.size(), part);
    INFO("text " << text << ", part " << part);
    const std::size_t expected = std::string_view(text).find(part);
    REQUIRE(find_text(text, part) == expected);
    if (!part.empty()) REQUIRE(find_long_part(text, part) == expected);  // the two-way search on short parts too
  }
  const std::string bytes = std::string("\xff\x80\x00zz", 5) + std::string(40, '\x7f');  // any bytes
  CHECK(find_text("ab" + bytes + "cd", bytes) == 2);
  CHECK(find_text(bytes, bytes + "x") == std::string_view::npos);
}

TEST_CASE("contains with a long part is linear: 2 MB of text, a 100 KB part", "[expression][strings]") {
  // The attacker's case: every byte of the text starts a near match. A search that
  // compares the part at each place took 6.5 s; this takes milliseconds.
  crm::Scope s;
  REQUIRE(s.add("text", crm::Type::string));
  REQUIRE(s.add("part", crm::Type::string));
  auto contains = crm::Expression::compile("contains(text, part)", s);
  REQUIRE(contains);
  const std::string text(2'000'000, 'a');
  for (const std::string& part : {std::string(99'999, 'a') + "b", "b" + std::string(99'999, 'a'),
                                  std::string(50'000, 'a') + "b" + std::string(49'999, 'a')}) {
    auto found = contains->evaluate(std::vector<crm::Value>{crm::Value(text), crm::Value(part)});
    REQUIRE(found);
    CHECK_FALSE(found->as_bool());
  }
  std::string planted = text;
  const std::string part = std::string(99'999, 'a') + "b";
  planted.replace(1'500'000, part.size(), part);
  auto found = contains->evaluate(std::vector<crm::Value>{crm::Value(planted), crm::Value(part)});
  REQUIRE(found);
  CHECK(found->as_bool());
}

TEST_CASE("text functions: starts_with, ends_with, substring, substring_before, substring_after",
          "[expression][strings]") {
  // name is "华为技术 Huawei": positions count code points, from 1 or from -1 at the end.
  CHECK(show("starts_with(name, '华为')") == "true");
  CHECK(show("ends_with(name, 'Huawei')") == "true");
  CHECK(show("starts_with(name, 'Huawei')") == "false");
  CHECK(show("substring(name, 3, 2)") == "技术");
  CHECK(show("substring(name, -6)") == "Huawei");
  CHECK(show("substring(name, -6, 3)") == "Hua");
  CHECK(show("substring(name, 20)").empty());
  CHECK(show("substring(name, -20, 2)") == "华为");  // a start before the text is its beginning
  CHECK(show("substring(name, 9000000000000000000, 9000000000000000000)").empty());
  CHECK(show("substring(name, 2, 9000000000000000000)") == "为技术 Huawei");
  CHECK(show("substring_before(name, ' ')") == "华为技术");
  CHECK(show("substring_after(name, ' ')") == "Huawei");
  CHECK(show("substring_after(name, 'x')").empty());  // FEEL: no match, no text
  CHECK(show("substring_before('foobar', '')").empty());
  CHECK(show("substring_after('foobar', '')") == "foobar");

  const crm::Error zero = eval_error("substring(name, 0)");
  CHECK(zero.code == crm::ErrorCode::out_of_range);
  CHECK(zero.message == "substring: the start is a whole number counting from 1 (or from -1 at the end), not 0");
  CHECK(eval_error("substring(name, 1, -1)").message ==
        "substring: the length is a whole number of at least 0, not -1");
  CHECK(eval_error("substring(name, ratio)").code == crm::ErrorCode::out_of_range);  // 0.25
  CHECK(eval_error("starts_with(anything, 'a')").code == crm::ErrorCode::missing);  // null
  const crm::Error mixed = compile_error("substring(name, 'x')");
  CHECK(mixed.code == crm::ErrorCode::type_mismatch);
  CHECK(mixed.message ==
        "substring: argument 2 is a string, not a decimal (substring(text, start) or substring(text, start, length))");
  CHECK(compile_error("ends_with(name)").message == "ends_with takes 2 arguments, not 1: ends_with(text, suffix)");
}
