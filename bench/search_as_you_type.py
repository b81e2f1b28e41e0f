"""Search as you type on the 100k store: keystroke to handles + first visible page of rows.

    .venv/bin/python bench/search_as_you_type.py [--data-dir DIR] [--passes 3] [--no-ui]

Realistic queries are typed one character at a time (Chinese company-name fragments, a
contact's name, a phone prefix, a latin term, two terms, and backspacing to empty). Per
keystroke the service figure is `CustomerList.handles(query)` + `rows(first 50)`.

When the GUI's list model exists, the same keystrokes go through the real customer page
offscreen: set the search box text and wait until the model reset is done and `data()`
of the visible rows is answered (with the page's debounce, and without it). Then the
whole list is scrolled, checking that no step loads more than the visible rows plus one
batch. Target (issue 2): p95 ≤ 50 ms.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import _common
from sqlalchemy import text

from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery

TARGET_P95_MS = 50.0
FIRST_PAGE = 50


def typed(word: str) -> list[str]:
    """What the search box holds after each keystroke while typing `word`."""
    return [word[:end] for end in range(1, len(word) + 1)]


def backspaced(word: str) -> list[str]:
    return [word[:end] for end in range(len(word) - 1, -1, -1)]


def sessions(services: Services) -> list[tuple[str, list[str]]]:
    """Typing sessions built from the store's own data, so every term can really match."""
    with services.store.engine.connect() as conn:

        def one(sql: str) -> str:
            return str(conn.execute(text(sql)).scalar() or "")

        # A company's distinctive middle (after the city, before the legal form).
        company = one("SELECT name FROM customers WHERE deleted = 0 ORDER BY rowid LIMIT 1 "
                      "OFFSET 4242")  # fmt: skip
        contact = one("SELECT name FROM contacts WHERE deleted = 0 ORDER BY rowid LIMIT 1 "
                      "OFFSET 31337")  # fmt: skip
        mobile = one("SELECT mobile FROM contacts WHERE mobile IS NOT NULL ORDER BY rowid "
                      "LIMIT 1 OFFSET 777")  # fmt: skip
        latin = one("SELECT name FROM customers WHERE name GLOB '*[A-Za-z][A-Za-z][A-Za-z]*' "
                    "LIMIT 1")  # fmt: skip
    fragment = company[2:6] if len(company) >= 6 else company
    city = company[:2]  # names start with their city, as Chinese company names do
    latin_word = next(
        (w for w in latin.split() if w.isascii() and w.isalpha() and len(w) >= 3), "ltd"
    )
    return [
        ("上海华, then back to empty", typed("上海华") + backspaced("上海华")),
        (f"company fragment {fragment!r}", typed(fragment)),
        (f"contact name {contact!r}", typed(contact)),
        (f"phone prefix {mobile[:7]!r}", typed(mobile[:7] or "1380013")),
        (f"latin {latin_word.lower()!r}", typed(latin_word.lower())),
        (f"two terms '{city} 贸易'", typed(f"{city} 贸易")),
    ]


def time_service(services: Services, text_: str) -> tuple[float, int]:
    """Seconds for handles + first page of rows, and how many customers matched."""
    started = time.perf_counter()
    handles = services.customer_list.handles(CustomerQuery(text=text_))
    services.customer_list.rows(handles[:FIRST_PAGE])
    return time.perf_counter() - started, len(handles)


def run_passes(
    plan: list[tuple[str, list[str]]], passes: int, measure: Callable[[str], tuple[float, int]]
) -> list[tuple[str, float, int]]:
    """One unrecorded pass to warm caches, then `passes` recorded ones."""
    for _label, keystrokes in plan:
        for text_ in keystrokes:
            measure(text_)
    results = []
    for _ in range(passes):
        for _label, keystrokes in plan:
            for text_ in keystrokes:
                seconds, matched = measure(text_)
                results.append((text_, seconds, matched))
    return results


def _kind(text_: str) -> str:
    """Keystrokes by what an index could do for them (trigrams need 3 characters)."""
    terms = text_.split()
    if not terms:
        return "blank box"
    return "a term of 1-2 characters" if min(map(len, terms)) < 3 else "every term 3+ characters"


def report(title: str, results: list[tuple[str, float, int]]) -> float:
    """Print the figures; return p95 in ms."""
    times = [seconds for _text, seconds, _n in results]
    print(f"\n{title}: {_common.summary_ms(times)}")
    worst: dict[str, tuple[float, int]] = {}
    for text_, seconds, matched in results:
        if seconds > worst.get(text_, (0.0, 0))[0]:
            worst[text_] = (seconds, matched)
    print("  slowest keystrokes (worst of the passes):")
    for text_, (seconds, matched) in sorted(worst.items(), key=lambda i: -i[1][0])[:8]:
        print(f"    {seconds * 1000:7.1f} ms  {text_!r:14} {matched:>7,} matches")
    for kind in ("blank box", "a term of 1-2 characters", "every term 3+ characters"):
        subset = [seconds for text_, seconds, _n in results if _kind(text_) == kind]
        if subset:
            print(f"  {kind:26} {_common.summary_ms(subset)}")
    p95 = _common.percentile([t * 1000 for t in times], 95)
    print(f"  p95 {p95:.1f} ms — {'meets' if p95 <= TARGET_P95_MS else 'MISSES'} the "
          f"{TARGET_P95_MS:.0f} ms target")  # fmt: skip
    return p95


def main() -> None:
    p = _common.parser(__doc__.splitlines()[0])
    p.add_argument("--passes", type=int, default=3)
    p.add_argument("--no-ui", action="store_true", help="skip the measurement through the GUI")
    args = p.parse_args()
    data_dir = _common.ensure_store(args.data_dir, args.customers, rebuild=args.rebuild)
    print(_common.machine())
    print(f"store: {data_dir} {_common.store_counts(data_dir)}")
    services = Services.open(data_dir)
    try:
        plan = sessions(services)
        for label, keystrokes in plan:
            print(f"  session {label}: {' → '.join(repr(k) for k in keystrokes)}")
        results = run_passes(plan, args.passes, lambda t: time_service(services, t))
        report("service (handles + rows of the first 50)", results)
        if not args.no_ui:
            measure_ui(services, data_dir, plan, args.passes)
    finally:
        services.close()
    if not args.no_ui:
        # Skip interpreter finalisation: with PySide6 6.12.0 on Python 3.11 the None
        # references the list model lost (reported above) abort the exit otherwise.
        sys.stdout.flush()
        os._exit(0)


def measure_ui(
    services: Services, data_dir: Path, plan: list[tuple[str, list[str]]], passes: int
) -> None:
    try:
        from _ui_probe import UiProbe
    except ImportError as error:  # the GUI's list model is not there yet
        print(f"\n(no GUI measurement: {error})")
        return
    probe = UiProbe(services, data_dir)
    report(
        "GUI, keystroke → model reset + data() of the visible rows (incl. the page's debounce)",
        run_passes(plan, passes, probe.type_text),
    )
    report(
        "GUI, the same without the debounce (page.refresh() + data() of the visible rows)",
        run_passes(plan, passes, probe.refresh_now),
    )
    probe.check_scrolling()
    probe.close()


if __name__ == "__main__":
    main()
