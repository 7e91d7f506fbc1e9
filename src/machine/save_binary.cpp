// Session: the saved bytes, and restoring them with every check. (The JSON form is
// save_json.cpp.)
//
// The bytes, all integers little-endian:
//   0   "CRMS"                  magic
//   4   u8 format (2), 3 zero bytes
//   8   u32 total length        (so that truncation is named as such)
//   12  u64 definition hash     (of the machine's JSON text)
//   20  str rule set name, str rule set version, str machine name, str machine version
//       u32 state, u32 last transition (0xFFFFFFFF: none)
//       u32 count, values       the context
//       u32 count, needs        id, description, category, stakeholder (str), owner, level,
//                               stated (u8), then four lists (u32 count, str...)
//       u32 count, entries      time (i64), event, from, to, transition (u32), data values
//   end-8 u64 checksum          XXH64 (seed 0) of everything before it
// Format 1 is the same but for its checksum (checksum_format1, below); it is still read.
// Format 3, a sealed session (saved under a key), is format 2 with 32 bytes of
// HMAC-SHA-256 under the key, of everything before them, in place of the checksum. It
// restores only under that key (and a key restores only format 3): the MAC is checked,
// in constant time, before any field is read.
//
// Whatever the format, the audit trail must chain from the initial state through the
// machine's transitions to the saved state and last transition (cheap checks; replaying
// the trail, as a JSON document without a seal is, would cost about as much as the
// restore itself).
// str: u32 length + UTF-8 bytes. A value: u8 kind (0 null, 1 bool, 2 decimal, 3 string,
// 4 date, 6 time, 7 date and time, 8 days duration, 9 months duration), then u8 (bool);
// i8 scale + 16-byte two's-complement coefficient (decimal); str (string); i32 days since
// 1970-01-01 (date); str of the ISO 8601 text (time, date and time, durations: kinds a
// session of an older library never held, so older sessions restore unchanged).
#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

#include "src/core/little_endian.hpp"
#include "src/core/utf8.hpp"
#include "src/core/xxh64.hpp"
#include "src/machine/compiled.hpp"
#include "src/machine/seal.hpp"
#include "src/machine/session_access.hpp"
#include "crmrules/session.hpp"

namespace crm {

namespace {

constexpr std::uint8_t format_version = 2;
constexpr std::uint8_t sealed_format_version = 3;
constexpr std::uint8_t oldest_format_version = 1;
constexpr std::size_t header_size = 20;
constexpr std::size_t checksum_size = 8;

using internal::machine::CompiledMachine;
using internal::machine::mac_size;

/// Format 1's checksum: FNV-1a over 64-bit words, each step carrying the high half down,
/// then an avalanche. One chain: every word waits for the multiply before it.
std::uint64_t checksum_format1(const std::uint8_t* p, std::size_t n) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ull ^ n;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    h = (h ^ internal::read_le<std::uint64_t>(p + i)) * 0x100000001b3ull;
    h ^= h >> 32;
  }
  for (; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  return h ^ (h >> 33);
}

/// Counts the bytes the format takes; Writer then writes them. (Two classes rather than
/// one with a null pointer: stores through a byte pointer may alias any member, so a
/// writer that also kept the count would reload it after every byte.)
class Counter {
 public:
  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  void u8(std::uint8_t) { n_ += 1; }
  void u32(std::uint32_t) { n_ += 4; }
  void u64(std::uint64_t) { n_ += 8; }
  void str(std::string_view s) { n_ += 4 + s.size(); }
  void strings(const std::vector<std::string>& list) {
    n_ += 4;
    for (const auto& s : list) n_ += 4 + s.size();
  }
  void value(const Value& v) {
    switch (v.kind()) {
      case ValueKind::boolean: n_ += 2; return;
      case ValueKind::decimal: n_ += 18; return;
      case ValueKind::string: n_ += 5 + v.as_string().size(); return;
      case ValueKind::date: n_ += 5; return;
      case ValueKind::time:
      case ValueKind::date_time:
      case ValueKind::days_duration:
      case ValueKind::months_duration: n_ += 5 + v.to_string().size(); return;
      default: n_ += 1; return;
    }
  }

 private:
  std::size_t n_ = 0;
};

class Writer {
 public:
  explicit Writer(std::uint8_t* p) : p_(p) {}
  void u8(std::uint8_t v) { *p_++ = v; }
  void u32(std::uint32_t v) { put(v); }
  void u64(std::uint64_t v) { put(v); }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    if (!s.empty()) std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void strings(const std::vector<std::string>& list) {
    u32(static_cast<std::uint32_t>(list.size()));
    for (const auto& s : list) str(s);
  }
  void value(const Value& v) {
    switch (v.kind()) {
      case ValueKind::boolean:
        u8(1);
        u8(v.as_bool() ? 1 : 0);
        return;
      case ValueKind::decimal: {
        const Decimal d = v.as_decimal();
        u8(2);
        u8(static_cast<std::uint8_t>(d.scale()));
        const auto c = static_cast<internal::uint128>(d.coefficient());
        u64(static_cast<std::uint64_t>(c));
        u64(static_cast<std::uint64_t>(c >> 64));
        return;
      }
      case ValueKind::string:
        u8(3);
        str(v.as_string());
        return;
      case ValueKind::date:
        u8(4);
        u32(static_cast<std::uint32_t>(v.as_date().days()));
        return;
      case ValueKind::time:
      case ValueKind::date_time:
      case ValueKind::days_duration:
      case ValueKind::months_duration:
        u8(static_cast<std::uint8_t>(v.kind()));
        str(v.to_string());
        return;
      default:  // null; fields never hold other kinds
        u8(0);
        return;
    }
  }

 private:
  template <class T>
  void put(T v) {
    if constexpr (std::endian::native == std::endian::little) {
      std::memcpy(p_, &v, sizeof v);
    } else {
      for (std::size_t i = 0; i < sizeof v; ++i) p_[i] = static_cast<std::uint8_t>(v >> (8 * i));
    }
    p_ += sizeof v;
  }
  std::uint8_t* p_;
};

/// Reads saved bytes. Every read checks the bytes left; the first failure is kept with its
/// byte offset, and reads after it give zeros (callers stop at the next ok()).
class Reader {
 public:
  Reader(const std::uint8_t* p, std::size_t n) : begin_(p), p_(p), end_(p + n) {}

  [[nodiscard]] std::size_t position() const noexcept { return static_cast<std::size_t>(p_ - begin_); }
  [[nodiscard]] bool ok() const noexcept { return !failed_; }
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  [[gnu::cold, gnu::noinline]] void fail(std::string what) {
    if (failed_) return;
    failed_ = true;
    error_ = std::move(what) + " at byte " + std::to_string(position());
  }

  [[gnu::always_inline]] bool need(std::size_t k) {
    if (static_cast<std::size_t>(end_ - p_) >= k) [[likely]] return true;
    return past_end();
  }
  [[gnu::always_inline]] std::uint8_t u8() { return need(1) ? *p_++ : 0; }
  [[gnu::always_inline]] std::uint32_t u32() { return need(4) ? take<std::uint32_t>() : 0; }
  [[gnu::always_inline]] std::uint64_t u64() { return need(8) ? take<std::uint64_t>() : 0; }
  /// An integer of bytes that need() has counted already.
  template <class T>
  [[gnu::always_inline]] T take() {
    const auto v = internal::read_le<T>(p_);
    p_ += sizeof(T);
    return v;
  }
  std::string_view str() {
    const std::uint32_t len = u32();
    if (!need(len)) return {};
    const std::string_view s(reinterpret_cast<const char*>(p_), len);
    p_ += len;
    if (!internal::is_ascii(s)) [[unlikely]] check_utf8(s);
    return s;
  }
  /// A count of items that each take at least `min_size` bytes.
  std::uint32_t count(std::size_t min_size) {
    const std::uint32_t c = u32();
    if (c > static_cast<std::size_t>(end_ - p_) / min_size) {
      fail("damaged saved session: a count of " + std::to_string(c) + " is larger than the data");
      return 0;
    }
    return c;
  }
  void strings(std::vector<std::string>& out) {
    const std::uint32_t c = count(4);
    out.reserve(c);
    for (std::uint32_t i = 0; i < c && ok(); ++i) out.emplace_back(str());
  }
  /// The place of the next read, for a loop that reads on a copy of it (read_values).
  [[nodiscard]] const std::uint8_t* cursor() const noexcept { return p_; }
  [[nodiscard]] const std::uint8_t* end() const noexcept { return end_; }
  void seek(const std::uint8_t* p) noexcept { p_ = p; }

 private:
  [[gnu::cold, gnu::noinline]] bool past_end() {
    fail("damaged saved session: a field runs past the end");
    p_ = end_;
    return false;
  }
  [[gnu::noinline]] void check_utf8(std::string_view s) {
    if (internal::find_invalid_utf8(s) != std::string_view::npos) fail("damaged saved session: a string is not UTF-8");
  }

  const std::uint8_t* begin_;
  const std::uint8_t* p_;
  const std::uint8_t* end_;
  bool failed_ = false;
  std::string error_;
};

/// What is wrong with a saved value, if anything.
enum class Damage { none, past_end, bad_bool, bad_decimal, bad_string, bad_kind, bad_temporal };

/// A time, date and time or duration saved as its text (kind 6..9).
[[gnu::noinline]] Damage decode_temporal(std::uint8_t kind, std::string_view text, ValueView& v) {
  auto take = [&](auto parsed) {
    if (!parsed) return Damage::bad_temporal;
    v = ValueView(*parsed);
    return Damage::none;
  };
  switch (kind) {
    case 6: return take(Time::parse(text));
    case 7: return take(DateTime::parse(text));
    case 8: return take(DaysDuration::parse(text));
    default: return take(MonthsDuration::parse(text));
  }
}

/// The decimal saved at `p`: the scale byte, then the coefficient (two 64-bit halves).
[[gnu::always_inline]] inline expected<Decimal> decimal_at(const std::uint8_t* p) noexcept {
  const auto lo = internal::read_le<std::uint64_t>(p + 1);
  const auto hi = internal::read_le<std::uint64_t>(p + 9);
  return Decimal::from_parts(static_cast<Decimal::Coefficient>((static_cast<internal::uint128>(hi) << 64) | lo), p[0]);
}

/// Decodes the value at `p` (before `end`) into `v` and moves `p` past it; a string refers
/// to the bytes. On damage `p` stays at the value. Plain pointers, so that read_values
/// keeps its cursor in registers.
[[gnu::always_inline]] inline Damage decode(const std::uint8_t*& p, const std::uint8_t* end, ValueView& v) {
  const auto left = static_cast<std::size_t>(end - p);
  if (left == 0) return Damage::past_end;
  switch (*p) {
    case 0:
      v = ValueView();
      p += 1;
      return Damage::none;
    case 1:
      if (left < 2) return Damage::past_end;
      if (p[1] > 1) return Damage::bad_bool;
      v = ValueView(p[1] == 1);
      p += 2;
      return Damage::none;
    case 2: {
      if (left < 18) return Damage::past_end;
      const auto d = decimal_at(p + 1);
      if (!d) return Damage::bad_decimal;
      v = ValueView(*d);
      p += 18;
      return Damage::none;
    }
    case 3: {
      if (left < 5) return Damage::past_end;
      const auto len = internal::read_le<std::uint32_t>(p + 1);
      if (left - 5 < len) return Damage::past_end;
      const std::string_view text(reinterpret_cast<const char*>(p + 5), len);
      if (!internal::is_ascii(text) && internal::find_invalid_utf8(text) != std::string_view::npos) return Damage::bad_string;
      v = ValueView(text);
      p += 5 + len;
      return Damage::none;
    }
    case 4:
      if (left < 5) return Damage::past_end;
      v = ValueView(Date::from_days(static_cast<std::int32_t>(internal::read_le<std::uint32_t>(p + 1))));
      p += 5;
      return Damage::none;
    case 6: case 7: case 8: case 9: {
      if (left < 5) return Damage::past_end;
      const auto len = internal::read_le<std::uint32_t>(p + 1);
      if (left - 5 < len) return Damage::past_end;
      const Damage d = decode_temporal(*p, std::string_view(reinterpret_cast<const char*>(p + 5), len), v);
      if (d == Damage::none) p += 5 + len;
      return d;
    }
    default: return Damage::bad_kind;
  }
}

/// Fails `r` at the value at `p` with what is wrong with it.
[[gnu::cold, gnu::noinline]] void fail_value(Reader& r, const std::uint8_t* p, Damage damage) {
  r.seek(p);
  switch (damage) {
    case Damage::past_end: return r.fail("damaged saved session: a value runs past the end");
    case Damage::bad_bool: return r.fail("damaged saved session: a bool is " + std::to_string(p[1]));
    case Damage::bad_decimal: return r.fail("damaged saved session: " + decimal_at(p + 1).error().message);
    case Damage::bad_string: return r.fail("damaged saved session: a string is not UTF-8");
    case Damage::bad_temporal: return r.fail("damaged saved session: a time, date and time or duration is not ISO 8601");
    default: return r.fail("damaged saved session: unknown value kind " + std::to_string(*p));
  }
}

/// Appends `v` as a Value built in place (no temporary to move and destroy).
void append(std::vector<Value>& out, const ValueView& v) {
  switch (v.kind()) {
    case ValueKind::null: out.emplace_back(); return;
    case ValueKind::boolean: out.emplace_back(v.as_bool()); return;
    case ValueKind::decimal: out.emplace_back(v.as_decimal()); return;
    case ValueKind::string: out.emplace_back(v.as_string()); return;
    case ValueKind::date: out.emplace_back(v.as_date()); return;
    case ValueKind::time: out.emplace_back(v.as_time()); return;
    case ValueKind::date_time: out.emplace_back(v.as_date_time()); return;
    case ValueKind::days_duration: out.emplace_back(v.as_days_duration()); return;
    case ValueKind::months_duration: out.emplace_back(v.as_months_duration()); return;
    case ValueKind::list: out.push_back(v.to_value()); return;  // never saved
  }
}

/// A value that `field` does not take as it is: what accept() makes of it, or false.
[[gnu::noinline]] bool append_accepted(const Field& field, const ValueView& v, std::vector<Value>& out, std::string& error) {
  auto accepted = field.accept(v.to_value());
  if (!accepted) {
    error = "damaged saved session: " + accepted.error().message;
    return false;
  }
  out.push_back(std::move(*accepted));
  return true;
}

/// Reads the saved values of `count` fields and appends them to `out` as the fields take
/// them; on damage fails `r` at the value.
void read_values(Reader& r, const Field* fields, std::size_t count, std::vector<Value>& out) {
  const std::uint8_t* p = r.cursor();
  const std::uint8_t* const end = r.end();
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint8_t* const at = p;
    ValueView v;
    if (const Damage damage = decode(p, end, v); damage != Damage::none) [[unlikely]]
      return fail_value(r, at, damage);
    if (v.is_null() || fields[i].takes_as_is(v)) [[likely]] {
      append(out, v);
    } else if (std::string error; !append_accepted(fields[i], v, out, error)) {
      r.seek(at);
      return r.fail(std::move(error));
    }
  }
  r.seek(p);
}

[[gnu::cold]] unexpected corrupt(std::string message) { return fail(ErrorCode::corrupt, std::move(message)); }

[[gnu::cold]] unexpected unauthenticated(std::string message) {
  return fail(ErrorCode::unauthenticated, std::move(message));
}

/// A sealed session's MAC, under `key` (none: refused). Returns the MAC's size.
[[nodiscard]] expected<std::size_t> check_seal(std::span<const std::uint8_t> bytes, const SessionKey* key) {
  if (key == nullptr)
    return unauthenticated("the session is sealed (format 3): restore it with the key it was sealed under");
  const std::size_t n = bytes.size();
  if (n < header_size + mac_size)
    return corrupt("truncated saved session: " + std::to_string(n) + " bytes, fewer than any sealed session has");
  auto mac = internal::machine::hmac_sha256(key->bytes(), bytes.first(n - mac_size));
  if (!mac) return unexpected(mac.error());
  if (!internal::machine::same_mac(mac->data(), bytes.data() + n - mac_size))
    return unauthenticated(
        "the seal does not match: the session was changed after it was sealed, or sealed under "
        "another key");
  return mac_size;
}

/// The checks before any field is read: length, magic, format, the total length, then
/// the checksum of the format or, sealed, the MAC. Returns the size of that trailer.
[[nodiscard]] expected<std::size_t> check_envelope(std::span<const std::uint8_t> bytes, const SessionKey* key) {
  const std::size_t n = bytes.size();
  if (n < header_size + checksum_size)
    return corrupt("truncated saved session: " + std::to_string(n) + " bytes, fewer than any saved session has");
  if (std::memcmp(bytes.data(), "CRMS", 4) != 0) return corrupt("not a saved crmrules session (no CRMS magic)");
  const std::uint8_t format = bytes[4];
  if (format < oldest_format_version || format > sealed_format_version)
    return fail(ErrorCode::version_mismatch, "saved session format " + std::to_string(format) +
                                                 " is not supported (this library reads formats 1, 2 and 3)");
  const auto total = internal::read_le<std::uint32_t>(bytes.data() + 8);
  if (n < total)
    return corrupt("truncated saved session: " + std::to_string(n) + " of its " + std::to_string(total) + " bytes");
  if (n > total)
    return corrupt("damaged saved session: " + std::to_string(n) + " bytes where it says " + std::to_string(total));
  if (format == sealed_format_version) return check_seal(bytes, key);
  if (key != nullptr)
    return unauthenticated("the session is not sealed (format " + std::to_string(format) +
                           "): a restore under a key takes only sessions sealed under that key");
  const std::size_t body = n - checksum_size;
  const std::uint64_t sum = format == 1 ? checksum_format1(bytes.data(), body) : internal::xxh64(bytes.data(), body);
  if (sum != internal::read_le<std::uint64_t>(bytes.data() + body))
    return corrupt("damaged saved session: the checksum does not match its content");
  return checksum_size;
}

}  // namespace

/// Saving to bytes and restoring from them: the steps, with access to the session.
struct SessionAccess::Bytes {
  static void save(const Session& s, std::vector<std::uint8_t>& out) {
    const std::size_t total = write_body(s, out, format_version, checksum_size);
    const std::uint64_t sum = internal::xxh64(out.data(), total - checksum_size);
    for (std::size_t i = 0; i < checksum_size; ++i)
      out[total - checksum_size + i] = static_cast<std::uint8_t>(sum >> (8 * i));
  }

  /// Sealed: format 3, the MAC of everything before it at the end.
  [[nodiscard]] static expected<void> save(const Session& s, std::vector<std::uint8_t>& out, SessionKey key) {
    if (auto ok = internal::machine::check_key(key.bytes()); !ok) return ok;
    const std::size_t total = write_body(s, out, sealed_format_version, mac_size);
    auto mac = internal::machine::hmac_sha256(key.bytes(), std::span<const std::uint8_t>(out.data(), total - mac_size));
    if (!mac) {
      out.clear();
      return unexpected(mac.error());
    }
    std::memcpy(out.data() + total - mac_size, mac->data(), mac_size);
    return {};
  }

  /// Sizes `out` and writes everything but the trailer of `trailer` bytes; returns the size.
  static std::size_t write_body(const Session& s, std::vector<std::uint8_t>& out, std::uint8_t format,
                                std::size_t trailer) {
    Counter count;
    write(count, s, 0, format);
    const std::size_t total = count.size() + trailer;
    out.resize(total);
    Writer w(out.data());
    write(w, s, static_cast<std::uint32_t>(total), format);
    return total;
  }

  /// Everything but the trailer; the total length goes in at byte 8.
  template <class W>
  static void write(W& w, const Session& s, std::uint32_t total, std::uint8_t format) {
    const CompiledMachine& m = *s.m_;
    for (char c : {'C', 'R', 'M', 'S'}) w.u8(static_cast<std::uint8_t>(c));
    w.u8(format);
    w.u8(0);
    w.u8(0);
    w.u8(0);
    w.u32(total);
    w.u64(m.hash);
    w.str(m.rule_set);
    w.str(m.rule_set_version);
    w.str(m.name);
    w.str(m.version);
    w.u32(s.state_);
    w.u32(s.last_transition_);
    const std::size_t context = m.context.size();
    w.u32(static_cast<std::uint32_t>(context));
    for (std::size_t i = 0; i < context; ++i) w.value(s.frame_[i]);
    write_needs(w, s.needs_);
    write_audit(w, s);
  }

  template <class W>
  static void write_needs(W& w, const std::vector<Need>& needs) {
    w.u32(static_cast<std::uint32_t>(needs.size()));
    for (const auto& n : needs) {
      w.str(n.id);
      w.str(n.description);
      w.str(n.category);
      w.str(n.stakeholder);
      w.u8(static_cast<std::uint8_t>(n.owner));
      w.u8(static_cast<std::uint8_t>(n.level));
      w.u8(n.stated ? 1 : 0);
      w.strings(n.problems);
      w.strings(n.implications);
      w.strings(n.payoffs);
      w.strings(n.benefits);
    }
  }

  template <class W>
  static void write_audit(W& w, const Session& s) {
    const std::size_t entries = s.audit_.size();
    w.u32(static_cast<std::uint32_t>(entries));
    const Value* const data = s.audit_data_.data();
    for (std::size_t i = 0; i < entries; ++i) {
      const Session::Entry& e = s.audit_[i];
      w.u64(static_cast<std::uint64_t>(e.time));
      w.u32(e.event);
      w.u32(e.from);
      w.u32(e.to);
      w.u32(e.transition);
      // An entry's data runs up to the next entry's (fire() appends them in order).
      const std::size_t end = i + 1 < entries ? s.audit_[i + 1].data_begin : s.audit_data_.size();
      for (std::size_t f = e.data_begin; f < end; ++f) w.value(data[f]);
    }
  }

  [[nodiscard]] static expected<Session> restore(const RuleSet& rules, std::span<const std::uint8_t> bytes,
                                                 const SessionKey* key) {
    if (key != nullptr)
      if (auto ok = internal::machine::check_key(key->bytes()); !ok) return unexpected(ok.error());
    const auto trailer = check_envelope(bytes, key);
    if (!trailer) return unexpected(trailer.error());
    const std::size_t n = bytes.size() - *trailer;  // the body
    Reader r(bytes.data(), n);
    auto machine = saved_machine(r, rules);
    if (!machine) return unexpected(machine.error());
    // Every context slot is read below, count_needs() sets the needs. (The machine is moved
    // in: a copy would add two atomic reference counts.)
    Session s(std::move(machine->m_), Session::Blank{});
    read_position(r, s);
    read_context(r, s);
    read_needs(r, s);
    read_audit(r, s, n);
    if (r.ok() && r.position() != n) r.fail("damaged saved session: unread bytes");
    if (r.ok()) check_trail_end(r, s);
    if (!r.ok()) return corrupt(r.error());
    count_needs(s);
    return s;
  }

  /// Reads the header's hash and names: the rule set's machine they name, if its
  /// definition is the one saved.
  [[nodiscard]] static expected<Machine> saved_machine(Reader& r, const RuleSet& rules) {
    for (int i = 0; i < 12; ++i) (void)r.u8();
    const std::uint64_t hash = r.u64();
    const std::string_view rule_set = r.str();
    const std::string_view rule_set_version = r.str();
    const std::string_view machine_name = r.str();
    const std::string_view machine_version = r.str();
    if (!r.ok()) return corrupt(r.error());
    if (rule_set != rules.name())
      return fail(ErrorCode::version_mismatch, "the session was saved under rule set '" + std::string(rule_set) +
                                                   "', not '" + rules.name() + "'");
    auto machine = Machine::find(rules, machine_name);
    if (!machine) return unexpected(machine.error());
    if (!internal::machine::saved_under(*machine->m_, hash))
      return internal::machine::definition_changed(*machine->m_, rule_set_version, machine_version);
    return machine;
  }

  /// The state and the last transition.
  static void read_position(Reader& r, Session& s) {
    const CompiledMachine& m = *s.m_;
    s.state_ = r.u32();
    s.last_transition_ = r.u32();
    if (r.ok() && s.state_ >= m.states.size()) r.fail("damaged saved session: state " + std::to_string(s.state_));
    if (r.ok() && s.last_transition_ != internal::machine::none && s.last_transition_ >= m.transitions.size())
      r.fail("damaged saved session: transition " + std::to_string(s.last_transition_));
  }

  /// The context's values into the empty frame, then the frame's other slots as nulls.
  static void read_context(Reader& r, Session& s) {
    const CompiledMachine& m = *s.m_;
    const std::uint32_t fields = r.u32();
    if (r.ok() && fields != m.context.size())
      r.fail("damaged saved session: " + std::to_string(fields) + " context fields, not " +
             std::to_string(m.context.size()));
    if (r.ok()) read_values(r, m.context.fields().data(), m.context.size(), s.frame_);
    if (r.ok()) s.frame_.resize(m.frame_size);
  }

  static void read_needs(Reader& r, Session& s) {
    const std::uint32_t need_count = r.count(16 + 3 + 16);
    s.needs_.reserve(need_count);
    for (std::uint32_t i = 0; i < need_count && r.ok(); ++i) {
      Need need;
      need.id = r.str();
      need.description = r.str();
      need.category = r.str();
      need.stakeholder = r.str();
      const std::uint8_t owner = r.u8();
      const std::uint8_t level = r.u8();
      const std::uint8_t stated = r.u8();
      // A level fits its owner, as when an effect sets it: Maslow's levels (1 to 5) are
      // personal, price, value and strategy organisational.
      const bool personal_level = level >= 1 && level <= static_cast<std::uint8_t>(NeedLevel::self_actualisation);
      if (owner > 1 || level > static_cast<std::uint8_t>(NeedLevel::strategy) || stated > 1 ||
          (level != 0 && personal_level != (owner == 0))) {
        r.fail("damaged saved session: need '" + need.id + "'");
        break;
      }
      need.owner = static_cast<NeedOwner>(owner);
      need.level = static_cast<NeedLevel>(level);
      need.stated = stated == 1;
      r.strings(need.problems);
      r.strings(need.implications);
      r.strings(need.payoffs);
      r.strings(need.benefits);
      s.needs_.push_back(std::move(need));
    }
  }

  /// The audit trail: each entry must be a transition of the machine from the state the
  /// entry before it left (the initial state first), in time order, and its data must fit
  /// the event's fields. `n`: the saved session's size.
  static void read_audit(Reader& r, Session& s, std::size_t n) {
    const CompiledMachine& m = *s.m_;
    const std::uint32_t entries = r.count(24);  // time, event, from, to, transition
    s.audit_.resize(entries);  // filled in place; an error returns before any entry is used
    const std::size_t widest = m.frame_size - m.events.front().first_slot;  // the most data fields of an event
    s.audit_data_.reserve(std::min<std::size_t>(entries * widest, n));
    const internal::machine::Transition* const transitions = m.transitions.data();
    const std::size_t transition_count = m.transitions.size();
    std::int64_t previous_time = std::numeric_limits<std::int64_t>::min();
    std::uint32_t at = m.initial;  // where the trail is
    std::uint32_t data_begin = 0;  // audit_data_.size(), counted
    for (std::uint32_t i = 0; i < entries && r.ok(); ++i) {
      if (!r.need(24)) break;
      Session::Entry& e = s.audit_[i];
      e.time = static_cast<std::int64_t>(r.take<std::uint64_t>());
      e.event = r.take<std::uint32_t>();
      e.from = r.take<std::uint32_t>();
      e.to = r.take<std::uint32_t>();
      e.transition = r.take<std::uint32_t>();
      if (e.transition >= transition_count || transitions[e.transition].event != e.event ||
          transitions[e.transition].from != e.from || transitions[e.transition].to != e.to || e.time < previous_time) {
        r.fail("damaged saved session: audit entry " + std::to_string(i));
        break;
      }
      if (e.from != at) [[unlikely]] {
        r.fail("damaged saved session: audit entry " + std::to_string(i) + " starts in state '" +
               m.states[e.from].name + "', but the audit trail is in '" + m.states[at].name + "'");
        break;
      }
      at = e.to;
      previous_time = e.time;
      e.data_begin = data_begin;
      const Schema& data = m.events[e.event].data;
      read_values(r, data.fields().data(), data.size(), s.audit_data_);
      data_begin += static_cast<std::uint32_t>(data.size());
    }
  }

  /// The state is where the audit trail ends (the initial state when it is empty), and the
  /// last transition is its last entry's.
  static void check_trail_end(Reader& r, const Session& s) {
    const CompiledMachine& m = *s.m_;
    const std::uint32_t end = s.audit_.empty() ? m.initial : s.audit_.back().to;
    const std::uint32_t last = s.audit_.empty() ? internal::machine::none : s.audit_.back().transition;
    if (s.state_ != end)
      r.fail("damaged saved session: the state is '" + m.states[s.state_].name + "', but the audit trail ends in '" +
             m.states[end].name + "'");
    else if (s.last_transition_ != last)
      r.fail("damaged saved session: the last transition is not the audit trail's last entry's");
  }
};

std::vector<std::uint8_t> Session::save() const {
  std::vector<std::uint8_t> out;
  SessionAccess::Bytes::save(*this, out);
  return out;
}

void Session::save(std::vector<std::uint8_t>& out) const { SessionAccess::Bytes::save(*this, out); }

expected<std::vector<std::uint8_t>> Session::save(SessionKey key) const {
  std::vector<std::uint8_t> out;
  if (auto ok = SessionAccess::Bytes::save(*this, out, key); !ok) return unexpected(ok.error());
  return out;
}

expected<void> Session::save(SessionKey key, std::vector<std::uint8_t>& out) const {
  return SessionAccess::Bytes::save(*this, out, key);
}

expected<Session> Session::restore(const RuleSet& rules, std::span<const std::uint8_t> bytes) {
  return SessionAccess::Bytes::restore(rules, bytes, nullptr);
}

expected<Session> Session::restore(const RuleSet& rules, std::span<const std::uint8_t> bytes, SessionKey key) {
  return SessionAccess::Bytes::restore(rules, bytes, &key);
}

}  // namespace crm
