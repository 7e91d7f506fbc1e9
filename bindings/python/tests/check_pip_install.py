"""The ctest python.pip_install: pip builds the package from its source tree offline and
installs it into a temporary directory; a fresh interpreter then imports it from there.

    check_pip_install.py SOURCE_DIR EXPECTED_VERSION

$CRMRULES_STATIC_LIB, when set, spares setup.py building the static library.
"""

import subprocess
import sys
import tempfile

CHECK = """
import sys
target, expected = sys.argv[1:]
sys.path.insert(0, target)
from decimal import Decimal
from importlib.metadata import version
import crmrules
from crmrules import arith
assert crmrules.__file__.startswith(target), crmrules.__file__
assert arith.add("0.1", "0.2") == Decimal("0.3")
assert crmrules.__version__ == version("crmrules") == expected, (crmrules.__version__, version("crmrules"))
print("crmrules", crmrules.__version__, "from", crmrules.__file__)
"""


def main() -> None:
    source, expected = sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="crmrules-pip-") as target:
        # --target installs every dependency into target, ignoring the system's, so cffi
        # (Debian's python3-cffi, needed at run time) is left out with --no-deps.
        pip = [sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-index", "--no-deps"]
        subprocess.run([*pip, "--no-cache-dir", "--target", target, source], check=True)
        # -I: neither PYTHONPATH nor the user's site-packages, only what pip installed.
        subprocess.run([sys.executable, "-I", "-c", CHECK, target, expected], check=True)


if __name__ == "__main__":
    main()
