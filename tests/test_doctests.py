"""The examples in the docstrings of the pure library run, and give what they print.

Every public function of ``hromada.econ`` and ``hromada.refdata`` carries a small example;
this runs them all as part of the suite (they would rot otherwise).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import hromada.econ
import hromada.refdata

PACKAGES = (hromada.econ, hromada.refdata)


def _modules():
    for package in PACKAGES:
        yield package.__name__
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            yield info.name


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("name", sorted(set(_modules())))
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_examples_exist():
    attempted = 0
    for name in set(_modules()):
        finder = doctest.DocTestFinder()
        attempted += sum(len(t.examples) for t in finder.find(importlib.import_module(name)))
    assert attempted >= 150, attempted
