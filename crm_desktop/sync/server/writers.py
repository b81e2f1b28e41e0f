"""Who last wrote each field of a server row: the `last_writers` column.

Each field maps to `[user id, device id, version]`: the user files an overridden value in
the right inbox, the device tells one user's two laptops apart (an edit one laptop made
is overridden when the same user's other laptop writes over it unseen, but never by a
later edit from its own laptop), and the version says whether a delete based on an older
version saw the write. Rows written before the device and version were kept hold a bare
user id; such a writer counts as unknown device and version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Writer:
    user_id: str
    device_id: str | None
    version: int | None

    def is_author_of(self, user_id: str, device_id: str | None) -> bool:
        """Whether this write came from `user_id` on `device_id` (the pushing laptop)."""
        if self.user_id != user_id:
            return False
        # An old entry without a device: the same user, taken as the same laptop, as the
        # policy did before devices were recorded.
        return self.device_id is None or device_id is None or self.device_id == device_id


def parse(raw: str | None) -> dict[str, Writer]:
    found: dict[str, Writer] = {}
    for name, value in json.loads(raw or "{}").items():
        if isinstance(value, str):
            found[name] = Writer(value, None, None)
        elif isinstance(value, list) and len(value) == 3:
            found[name] = Writer(str(value[0]), value[1], value[2])
    return found


def stamped(
    raw: str | None,
    names: Any,
    user_id: str,
    device_id: str | None,
    version: int,
) -> str:
    """`raw` with `names` now written by `user_id` on `device_id` at `version`."""
    writers: dict[str, Any] = json.loads(raw or "{}")
    writers.update({name: [user_id, device_id, version] for name in names})
    return json.dumps(writers)
