"""What a service or selector hands a view when the library may refuse the inputs: the
value, or a message an officer can act on (in the active language). Views show the
message; they never catch ``HromadaError`` themselves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Outcome:
    """``value`` (None when nothing could be computed) and ``error`` ("" when none)."""

    value: Any = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error
