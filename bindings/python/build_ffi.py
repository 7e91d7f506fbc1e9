"""Generates crmrules._native: cffi bindings in API mode over capi/crmrules.h.

The cdef is the headers' own text between CRM_CDEF_BEGIN and CRM_CDEF_END (crmrules.h
and each area header, crmrules_*.h, that it includes), with the macros CRM_API and
CRM_NODISCARD and the preprocessor lines (continued ones too: the CRM_..._INIT macros)
taken out, so the bindings are regenerated from the one declaration of the C ABI and are
compiled against that same header (a declaration the library does not match fails to
compile rather than crashing at run time). The wrappers set a sized struct's size member
with ffi.sizeof, which is what the INIT macros do in C. The module links the static
library libcrmrules.a and libstdc++, so it needs no libcrmrules.so. The compiler and
extra flags come from distutils' usual CC, CFLAGS and LDFLAGS.

Two callers: CMake runs this file (see --help), setup.py calls make_ffi().
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import cffi

ROOT = Path(__file__).resolve().parents[2]
HEADER = ROOT / "capi" / "crmrules.h"
INCLUDE_DIRS = [ROOT / "capi", ROOT / "include"]


def cdef_from_header(text: str, name: str = "crmrules.h") -> str:
    """The declarations between a header's CRM_CDEF markers, as cffi's cdef takes them."""
    region = re.search(r"/\* CRM_CDEF_BEGIN \*/(.*)/\* CRM_CDEF_END \*/", text, re.DOTALL)
    if region is None:
        raise ValueError(f"{name}: no /* CRM_CDEF_BEGIN */ ... /* CRM_CDEF_END */ region")
    # Preprocessor lines, with the lines a trailing backslash continues them on.
    text = re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", "", region.group(1), flags=re.M)
    for macro in ("CRM_API ", "CRM_NODISCARD "):
        text = text.replace(macro, "")
    return text


def cdef() -> str:
    """The cdef of the whole C ABI: crmrules.h, then each area header it includes."""
    text = HEADER.read_text(encoding="utf-8")
    areas = re.findall(r'^#include "(crmrules_\w+\.h)"', text, flags=re.M)
    parts = [cdef_from_header(text)]
    parts += [cdef_from_header((HEADER.parent / a).read_text(encoding="utf-8"), a) for a in areas]
    return "\n".join(parts)


def make_ffi(static_lib: str | Path) -> cffi.FFI:
    """The FFI builder of crmrules._native, linked with the static library static_lib."""
    ffi = cffi.FFI()
    ffi.cdef(cdef())
    ffi.set_source(
        "crmrules._native",
        '#include "crmrules.h"',
        include_dirs=[str(d) for d in INCLUDE_DIRS],
        extra_objects=[str(static_lib)],
        # libcrypto: sealed sessions' HMAC-SHA-256 (OpenSSL, libssl-dev); libnlopt: the
        # lifetime models' maximum likelihood (libnlopt-dev); libpugixml: DMN import (libpugixml-dev).
        libraries=["stdc++", "crypto", "nlopt", "pugixml"],
        # GCC 12 only warns of these; a cdef that the header does not match must not build.
        extra_compile_args=[
            "-Werror=incompatible-pointer-types",
            "-Werror=int-conversion",
            "-Werror=implicit-function-declaration",
        ],
        # Keep the library's symbols (and the C++ ones it pulls in) private to the module.
        extra_link_args=["-Wl,--exclude-libs,ALL"],
    )
    return ffi


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("static_lib", help="path of libcrmrules.a (built with -fPIC)")
    parser.add_argument("output", help="path of the extension module to write")
    parser.add_argument("--tmpdir", required=True, help="directory for the generated C and objects")
    args = parser.parse_args()
    make_ffi(args.static_lib).compile(tmpdir=args.tmpdir, target=str(Path(args.output).resolve()), verbose=False)


if __name__ == "__main__":
    main()
