"""A CJK font for matplotlib, chosen once: without one, Chinese chart texts draw as boxes.

Qt finds CJK fonts for the widgets by itself; matplotlib does not, so its sans-serif list
is put in front of the first installed font of `CJK_FONTS`. When none is installed the
charts speak English whatever the interface language (see `ChartText` in charts.py):
readable English beats boxes.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

# Preference order: the open fonts Linux distributions ship, then Windows' and macOS'.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "Heiti SC",
)

# File names of the CJK_FONTS (wqy-microhei.ttc, NotoSansCJK-Regular.ttc, msyh.ttc, …).
_CJK_FILE = re.compile(r"wqy|notosanscjk|sourcehansans|msyh|pingfang|simhei|stheiti", re.I)

_configured: list[str | None] = []  # [chosen font] once configure_matplotlib() has run


def pick_cjk_font(available: Iterable[str]) -> str | None:
    """The first of CJK_FONTS among the `available` font family names; None if none."""
    names = set(available)
    return next((font for font in CJK_FONTS if font in names), None)


def configure_matplotlib() -> str | None:
    """Put the installed CJK font first in matplotlib's sans-serif list (once per
    process) and return it; None, with one log line, when no CJK font is installed."""
    if _configured:
        return _configured[0]
    import matplotlib
    from matplotlib import font_manager

    manager = font_manager.fontManager
    font = pick_cjk_font(entry.name for entry in manager.ttflist)
    if font is None:
        # matplotlib's font list is cached on first use: a font installed since then is
        # missing from it. Look among the system's font files for likely CJK ones.
        for path in font_manager.findSystemFonts():
            if _CJK_FILE.search(Path(path).name):
                try:
                    manager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    log.debug("cannot load font %s", path, exc_info=True)
        font = pick_cjk_font(entry.name for entry in manager.ttflist)
    if font is None:
        log.info("no CJK font for matplotlib (%s); charts use English", ", ".join(CJK_FONTS))
        # Names in the data (reps, stages) may still be Chinese; this line says why they
        # show as boxes, rather than a warning per glyph per redraw.
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
    else:
        families = list(matplotlib.rcParams["font.sans-serif"])
        matplotlib.rcParams["font.sans-serif"] = [font, *(f for f in families if f != font)]
        matplotlib.rcParams["font.family"] = "sans-serif"
    # CJK fonts often lack U+2212 (the typographic minus): use the ASCII hyphen.
    matplotlib.rcParams["axes.unicode_minus"] = False
    _configured.append(font)
    return font


def cjk_available() -> bool:
    return configure_matplotlib() is not None
