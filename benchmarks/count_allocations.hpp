// Counts calls of operator new in a benchmark program, for its allocs_per_* counters:
// include it in exactly one file of the program (it replaces the global operator new).
//
//   const std::size_t before = allocations;
//   for (auto _ : state) { ... }
//   state.counters["allocs_per_record"] = benchmark::Counter(
//       double(allocations - before) / double(state.iterations()));
//
// The count is the calling thread's (the benchmark's own): a plain increment, where an
// atomic one (lock xadd) would add its cost to every timed allocation.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

inline thread_local std::size_t allocations = 0;

[[gnu::noinline]] void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
// Not inlined (new nor delete): GCC 12 otherwise sees malloc'd memory reach operator
// delete, or new'd memory reach free(), and warns (-Wmismatched-new-delete) falsely.
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }
