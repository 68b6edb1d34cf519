"""Former name of :mod:`hromada.planning.presentation` (the plan's charts). TODO issue 23:
remove once ``monitoring/report.py`` imports ``hromada.planning.presentation`` (that file
is renovated in another branch)."""

from hromada.planning.presentation import risk_matrix

__all__ = ["risk_matrix"]
