"""The two test profiles: full (a developer's `pytest`) and light (CI, `CI=true`).

A few tests search: the sync simulation draws examples, the request fuzzers draw requests.
Their cost grows with how many they draw, and their worth with it too, so a developer's
run draws the full count and CI a lighter one that keeps the whole CI run within its time
budget. Both draw fixed (derandomized) examples under CI, so a CI failure reproduces.
Everything else runs the same in both profiles. The long profiles (2,000 fresh simulation
examples, the mutation check) are in bench/ and tools/.
"""

from __future__ import annotations

import os

LIGHT = os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def draws(full: int, light: int) -> int:
    """How many examples a searching test draws in this profile."""
    return light if LIGHT else full
