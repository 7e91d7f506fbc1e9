// Status names, version, error objects and strings of the C ABI.
#include <cstdlib>
#include <cstring>

#include "capi/internal/bridge.hpp"
#include "src/core/utf8.hpp"

namespace crm::capi {

crm_status report(crm_error** out, Error e) noexcept {
  const crm_status status = status_of(e.code);
  if (out != nullptr) {
    try {
      *out = new crm_error{std::move(e)};
    } catch (...) {
      *out = nullptr;  // out of memory: the status still tells what happened
    }
  }
  return status;
}

crm_status null_argument(const char* name, crm_error** out) noexcept {
  try {
    return report(out, Error{ErrorCode::invalid_argument, std::string("argument '") + name + "' is NULL", {}});
  } catch (...) {
    return report(out, Error{ErrorCode::invalid_argument, {}, {}});
  }
}

expected<std::string_view> text_arg(const char* text, std::size_t len, const char* name) {
  if (text == nullptr && len != 0)
    return fail(ErrorCode::invalid_argument, std::string("argument '") + name + "' is NULL");
  const std::string_view view(text == nullptr ? "" : text, len);
  if (const auto bad = internal::find_invalid_utf8(view); bad != std::string_view::npos)
    return fail(ErrorCode::invalid_utf8,
                std::string("argument '") + name + "' is not valid UTF-8 (byte " + std::to_string(bad) + ")",
                Location::at_offset(static_cast<std::int64_t>(bad)));
  return view;
}

char* copy_string(std::string_view s) {
  auto* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p == nullptr) throw std::bad_alloc();
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

}  // namespace crm::capi

extern "C" {

const char* crm_status_name(crm_status status) {
  return crm::to_string(static_cast<crm::ErrorCode>(status)).data();  // names are literals
}

uint32_t crm_version(void) { return CRM_VERSION_NUMBER; }

#define CRM_STR2(x) #x
#define CRM_STR(x) CRM_STR2(x)
const char* crm_version_string(void) {
  return CRM_STR(CRM_VERSION_MAJOR) "." CRM_STR(CRM_VERSION_MINOR) "." CRM_STR(CRM_VERSION_PATCH);
}

crm_status crm_error_code(const crm_error* error) {
  return error == nullptr ? CRM_OK : crm::capi::status_of(error->error.code);
}
const char* crm_error_message(const crm_error* error) { return error == nullptr ? "" : error->error.message.c_str(); }
const char* crm_error_pointer(const crm_error* error) {
  return error == nullptr ? "" : error->error.where.pointer.c_str();
}
uint32_t crm_error_line(const crm_error* error) { return error == nullptr ? 0 : error->error.where.line; }
uint32_t crm_error_column(const crm_error* error) { return error == nullptr ? 0 : error->error.where.column; }
int64_t crm_error_offset(const crm_error* error) { return error == nullptr ? -1 : error->error.where.offset; }
void crm_error_free(crm_error* error) { delete error; }

void crm_string_free(char* string) { std::free(string); }

}  // extern "C"
