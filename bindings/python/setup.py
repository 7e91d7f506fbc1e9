"""Builds the crmrules package: crmrules/ plus the cffi module crmrules._native, which
build_ffi.py generates from capi/crmrules.h and links with the static library.

The static library is $CRMRULES_STATIC_LIB when set (it must be built with -fPIC, as
CMake's crmrules_static is); otherwise CMake builds it from the repository two levels
up, inside this build's temporary directory.

    python3 -m pip install --no-build-isolation bindings/python
"""

import os
import re
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_ffi  # noqa: E402  (found next to this file)


def library_version() -> str:
    """MAJOR.MINOR.PATCH from include/crmrules/version.h, the one source of the version."""
    text = (build_ffi.ROOT / "include" / "crmrules" / "version.h").read_text(encoding="utf-8")
    parts = ("MAJOR", "MINOR", "PATCH")
    return ".".join(re.search(rf"#define CRM_VERSION_{part} (\d+)", text)[1] for part in parts)


class BuildNative(build_ext):
    """Builds crmrules._native from the C source that build_ffi generates."""

    def run(self) -> None:
        ffi = build_ffi.make_ffi(os.environ.get("CRMRULES_STATIC_LIB") or self.build_static_library())
        [native] = self.extensions  # the placeholder, as setuptools finalized it
        vars(native).update(vars(ffi.distutils_extension(self.build_temp)))  # the C source and options
        self.force = True  # the static library is not among the sources distutils compares
        super().run()

    def build_static_library(self) -> str:
        """Builds libcrmrules.a alone, with CMake, in the build's temporary directory."""
        build_dir = Path(self.build_temp).resolve() / "crmrules-cmake"
        options = ("BUILD_TESTS", "BUILD_BENCHMARKS", "BUILD_EXAMPLES", "BUILD_PYTHON", "INSTALL")
        configure = ["cmake", "-S", str(build_ffi.ROOT), "-B", str(build_dir)]
        self.spawn(configure + [f"-DCRMRULES_{option}=OFF" for option in options])
        jobs = str(os.cpu_count() or 1)
        self.spawn(["cmake", "--build", str(build_dir), "--target", "crmrules_static", "--parallel", jobs])
        return str(build_dir / "libcrmrules.a")


setup(
    version=library_version(),
    ext_modules=[Extension("crmrules._native", sources=[])],  # filled in by BuildNative.run
    cmdclass={"build_ext": BuildNative},
)
