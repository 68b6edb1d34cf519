"""hromada.econ must stay pure: importing it must not import Django."""

import subprocess
import sys


def test_econ_imports_without_django():
    code = (
        "import sys, importlib, pkgutil, hromada.econ as e\n"
        "for m in pkgutil.iter_modules(e.__path__):\n"
        "    importlib.import_module('hromada.econ.' + m.name)\n"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
        "print(','.join(bad)); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"hromada.econ imported Django: {result.stdout}{result.stderr}"
