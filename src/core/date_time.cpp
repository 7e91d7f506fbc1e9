// crm::DateTime: parsing and printing (see include/crmrules/date_time.hpp).
#include "crmrules/date_time.hpp"

#include "src/core/iso_text.hpp"

namespace crm {

expected<DateTime> DateTime::parse(std::string_view text) {
  const std::size_t t_at = text.find_first_of("Tt");
  if (t_at == std::string_view::npos)
    return internal::iso::bad(std::min<std::size_t>(text.size(), 10), "expected 'T' between the date and the time",
                              "date and time", text, "YYYY-MM-DDThh:mm:ss with an optional .fraction and Z or +hh:mm");
  auto date = Date::parse(text.substr(0, t_at));
  auto placed = [&](Error e, std::size_t base, std::string_view part) {
    if (e.where.offset >= 0) e.where.offset += static_cast<std::int64_t>(base);
    e.message += " (in date and time \"" + std::string(text) + "\", the " + std::string(part) + ")";
    return unexpected(std::move(e));
  };
  if (!date) return placed(std::move(date.error()), 0, "date");
  auto time = Time::parse(text.substr(t_at + 1));
  if (!time) return placed(std::move(time.error()), t_at + 1, "time");
  return DateTime(*date, *time);
}

std::size_t DateTime::to_chars(char* buf) const noexcept {
  std::size_t n = date_.to_chars(buf);
  buf[n++] = 'T';
  return n + time_.to_chars(buf + n);
}

std::string DateTime::to_string() const {
  char buf[max_chars];
  return std::string(buf, to_chars(buf));
}

}  // namespace crm
