"""The exceptions and warnings of :mod:`hromada.econ`.

One small hierarchy, so that callers (the web services, the CLI, notebooks)
can catch what they can explain to a user and let the rest surface.
"""

from __future__ import annotations

__all__ = [
    "HromadaError",
    "HromadaDataError",
    "SingularSystemError",
    "ConvergenceError",
    "DegenerateResultWarning",
]


class HromadaError(Exception):
    """Base class of every error raised on purpose by :mod:`hromada.econ`."""


class HromadaDataError(HromadaError, ValueError):
    """The input data cannot be used as given.

    The message names the column, the first offending rows or values, and how
    to fix them.
    """


class SingularSystemError(HromadaError, ValueError):
    """A linear system (for example ``I - A``) has no unique solution."""


class ConvergenceError(HromadaError, RuntimeError):
    """An iterative method did not converge within its budget."""


class DegenerateResultWarning(UserWarning):
    """A result is defined but degenerate (for example a division by a zero total).

    The affected values are NaN.
    """
