"""The fingerprint printed on a signed report: a short, readable prefix of the report's
content hash (sync/content.py, stored in `daily_reports.content_hash` at sign-off), so a
paper copy can be checked against the system by eye or over the phone."""

from __future__ import annotations

# 12 hex digits (48 bits): far beyond any accidental match between two reports, still
# short enough to read aloud; grouped by four like a card number.
FINGERPRINT_DIGITS = 12
GROUP = 4


def fingerprint(content_hash: str | None) -> str | None:
    """ "3F2A-9C01-B7E4" for a hash starting 3f2a9c01b7e4…; None without a hash."""
    if not content_hash:
        return None
    digits = content_hash.strip().upper()[:FINGERPRINT_DIGITS]
    return "-".join(digits[i : i + GROUP] for i in range(0, len(digits), GROUP))
