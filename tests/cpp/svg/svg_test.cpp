// The SVG writer every chart uses.
#include <catch2/catch.hpp>

#include "src/svg/svg.hpp"

using crm::internal::Svg;

TEST_CASE("the SVG writer escapes text and attributes and rounds coordinates", "[svg]") {
  Svg svg(100, 50);
  svg.title("A & B");
  svg.open("g", {{"transform", "translate(1,2)"}});
  svg.element("circle", {{"cx", *crm::Decimal::parse("12.347")}, {"cy", 7}, {"r", "5"}});
  svg.text({{"x", 8}, {"fill", "a\"b"}}, "华为 <A&B>");
  svg.close("g");
  CHECK(svg.finish() ==
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\" viewBox=\"0 0 100 50\" "
        "font-family=\"sans-serif\" font-size=\"12\">\n"
        "<title>A &amp; B</title>\n"
        "<g transform=\"translate(1,2)\">\n"
        "<circle cx=\"12.35\" cy=\"7\" r=\"5\"/>\n"
        "<text x=\"8\" fill=\"a&quot;b\">华为 &lt;A&amp;B&gt;</text>\n"
        "</g>\n"
        "</svg>\n");
}
