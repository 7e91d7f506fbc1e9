// What the row writers share (src/portfolio/row_writer.hpp).
#include "src/portfolio/row_writer.hpp"

#include "src/json/writer.hpp"

namespace crm::internal {

void RowWriter::write_explain(std::string& out, std::size_t i, std::string_view trace,
                              const PopulationClasses& classes) {
  JsonObject explain(out);
  explain.number("share_above", classes.portfolio.share_above(i)).raw("trace", trace);
}

}  // namespace crm::internal
