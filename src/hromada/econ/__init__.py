"""hromada.econ: the analytics of local economic development, in pure numpy/scipy/pandas.

No Django and no file or network I/O here: every function takes data and
returns data, so the same numbers serve notebooks, the CLI and the web app.

Modules: ``structure`` (shares, location quotients, concentration indices),
``shiftshare``, ``resilience`` (shock indices), ``complexity`` (economic
complexity and diversification opportunities), ``inputoutput`` (multipliers,
regionalisation), ``inoperability`` (IIM/DIIM), ``fiscal`` (hromada budgets).
"""

from hromada.econ.errors import (
    ConvergenceError,
    DegenerateResultWarning,
    HromadaDataError,
    HromadaError,
    SingularSystemError,
)

__all__ = [
    "ConvergenceError",
    "DegenerateResultWarning",
    "HromadaDataError",
    "HromadaError",
    "SingularSystemError",
]
