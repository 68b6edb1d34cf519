"""Economic complexity, relatedness and ranked diversification opportunities.

The Harvard Growth Lab method (Hidalgo & Hausmann 2009; the Atlas of Economic
Complexity; Metroverse) on hromada's long panels: presence by revealed
comparative advantage, ECI/PCI (eigenvalues, reflections, fitness), proximity,
relatedness density, complexity outlook and gain, the whole ``ecomplexity``
table for every year, and the ranked list of sectors a region could grow next.
See ``docs/econ/complexity.md``.
"""

from hromada.econ.complexity._core import (
    complexity_indices,
    complexity_outlook,
    proximity,
    relatedness_density,
)
from hromada.econ.complexity._ecomplexity import ecomplexity
from hromada.econ.complexity._opportunities import opportunities
from hromada.econ.complexity._presence import presence, rca
from hromada.econ.complexity._space import (
    MIN_INDUSTRIES_TO_RANK,
    PRESET_SOURCE,
    PRESETS,
    kved_level,
    local_presence,
    rank_stability,
    recommended_preset,
    space_opportunities,
    to_level,
)

__all__ = [
    "MIN_INDUSTRIES_TO_RANK",
    "PRESETS",
    "PRESET_SOURCE",
    "complexity_indices",
    "complexity_outlook",
    "ecomplexity",
    "kved_level",
    "local_presence",
    "opportunities",
    "presence",
    "proximity",
    "rank_stability",
    "rca",
    "recommended_preset",
    "relatedness_density",
    "space_opportunities",
    "to_level",
]
