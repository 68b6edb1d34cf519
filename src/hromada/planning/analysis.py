"""Former name of :mod:`hromada.planning.evidence` (the evidence the plan draws on from
the other steps). TODO issue 23: remove once ``monitoring/report.py`` imports
``hromada.planning.evidence`` (that file is renovated in another branch)."""

from hromada.planning.evidence import _dataset, gather_analysis

__all__ = ["_dataset", "gather_analysis"]
