// libFuzzer target: a Kano survey's CSV text through crm::kano::read_csv, then the
// analysis and its three outputs. The first byte picks the segment and wave columns and
// the limits; the rest is the text. A text that is refused must add nothing; one that is
// read must analyse without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crmrules/kano.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned selector = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  crm::kano::CsvColumns columns;
  if ((selector & 1) != 0) columns.segment = "segment";
  if ((selector & 2) != 0) columns.wave = "wave";
  crm::Limits limits;
  if ((selector & 4) != 0) {
    limits.csv_columns = 6;
    limits.csv_record_bytes = 128;
  }
  crm::kano::Settings settings;
  if ((selector & 8) != 0) settings.drop_questionable_above = *crm::Decimal::parse("0.5");
  crm::kano::Survey survey(settings);
  if (!crm::kano::read_csv(survey, text, columns, limits)) {
    if (survey.pairs() != 0 || !survey.issues().empty()) std::abort();  // refused: nothing added
    return 0;
  }
  const crm::kano::Analysis analysis = survey.analyze();
  (void)analysis.to_json();
  (void)analysis.to_csv();
  (void)analysis.to_svg();
  return 0;
}
