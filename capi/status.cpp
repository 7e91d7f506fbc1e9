// Status names, version, error objects and strings of the C ABI.
#include <cstdlib>
#include <cstring>
#include <type_traits>

#include "capi/internal/bridge.hpp"
#include "crmrules/utf8.hpp"

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

[[nodiscard]] expected<std::string_view> text_arg(const char* text, std::size_t len, const char* name) {
  if (text == nullptr && len != 0)
    return fail(ErrorCode::invalid_argument, std::string("argument '") + name + "' is NULL");
  const std::string_view view(text == nullptr ? "" : text, len);
  if (const auto bad = first_invalid_utf8(view); bad != std::string_view::npos)
    return fail(ErrorCode::invalid_utf8,
                std::string("argument '") + name + "' is not valid UTF-8 (byte " + std::to_string(bad) + ")",
                Location::at_offset(static_cast<std::int64_t>(bad)));
  return view;
}

std::size_t fitting(std::size_t size, const std::size_t* ends, std::size_t count) noexcept {
  std::size_t n = ends[0];
  for (std::size_t i = 1; i < count && ends[i] <= size; ++i) n = ends[i];
  return n;
}

crm_status bad_size(const char* name, const char* type, const char* init, std::size_t size, std::size_t minimum,
                    crm_error** out) noexcept {
  try {
    std::string message = std::string("argument '") + name + "' has size " + std::to_string(size) + ", ";
    if (size == 0)
      message += "not set";
    else if (size < minimum)
      message += "less than the " + std::to_string(minimum) + " bytes of a " + type + "'s first members";
    else
      message += "more than any " + std::string(type) + " can have (an uninitialised struct?)";
    message += ": initialise it with " + std::string(init) + " (docs/c-api.md)";
    return report(out, Error{ErrorCode::invalid_argument, std::move(message), {}});
  } catch (...) {
    return report(out, Error{ErrorCode::invalid_argument, {}, {}});
  }
}

crm_status unknown_members(const char* name, const char* type, std::size_t known, std::size_t at, std::size_t size,
                           crm_error** out) noexcept {
  try {
    return report(out, Error{ErrorCode::invalid_argument,
                             std::string("argument '") + name + "' sets a member that this crmrules (" +
                                 crm_version_string() + ") does not know: byte " + std::to_string(at) + " of its " +
                                 std::to_string(size) + " is not 0, and a " + type + " has " + std::to_string(known) +
                                 " bytes here; leave that member 0 or use a newer crmrules",
                             {}});
  } catch (...) {
    return report(out, Error{ErrorCode::invalid_argument, {}, {}});
  }
}

char* copy_string(std::string_view s) {
  auto* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p == nullptr) throw std::bad_alloc();
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

static_assert(static_cast<int>(Lang::zh) == CRM_LANG_ZH && static_cast<int>(Lang::en) == CRM_LANG_EN,
              "crm_lang mirrors crm::Lang");

crm_status lang_arg(Lang& out, int lang, crm_error** err) {
  if (lang == CRM_LANG_ZH || lang == CRM_LANG_EN) {
    out = static_cast<Lang>(lang);
    return CRM_OK;
  }
  return report(err, Error{ErrorCode::invalid_argument,
                           "lang must be CRM_LANG_ZH (0) or CRM_LANG_EN (1), not " + std::to_string(lang), {}});
}

}  // namespace crm::capi

extern "C" {

const char* crm_status_name(crm_status status) {
  // A C caller may pass any int. In C++, reading a crm_status outside the enum's range
  // (0..31 here) is undefined, so its bytes are read as the integer they are. ErrorCode
  // has a fixed underlying type and takes any int; to_string names every status and
  // gives "unknown" for any other value.
  std::underlying_type_t<crm_status> bits;
  static_assert(sizeof bits == sizeof status);
  std::memcpy(&bits, &status, sizeof bits);
  return crm::to_string(static_cast<crm::ErrorCode>(static_cast<int>(bits))).data();  // names are literals
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

crm_status crm_lang_parse(int* out, const char* code, size_t len, crm_error** err) {
  return crm::capi::guard(err, [&] {
    if (auto s = crm::capi::require(out, "out", err); s != CRM_OK) return s;
    auto text = crm::capi::text_arg(code, len, "code");
    if (!text) return crm::capi::report(err, text.error());
    auto lang = crm::parse_lang(*text);
    if (!lang) return crm::capi::report(err, lang.error());
    *out = static_cast<int>(*lang);
    return CRM_OK;
  });
}

}  // extern "C"
