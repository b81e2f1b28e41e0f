"""What a bare machine lacks to show the window, said as what to install.

On a fresh Debian/Ubuntu, Qt's xcb platform plugin fails to load for want of a few
libxcb libraries, and Qt's own hint names libxcb-cursor0 whatever is really missing;
with no CJK font every Chinese label is a box. Both are checked at start:

- the platform plugin before the QApplication exists (`ldd` on the plugin lists the
  shared libraries that are "not found"), so the app says which packages to install
  and exits instead of aborting inside Qt;
- the fonts once it exists (QFontDatabase, writing system Simplified Chinese): a
  warning on stderr and a dialog, then the app starts anyway.

The decisions are pure functions of their input (the ldd output, the font families),
tested without the machine having to lack anything.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

# Debian/Ubuntu packages of the libraries PySide6's xcb plugin (and QtXcbQpa) link to,
# where the package name is not simply the soname's (see `debian_package`).
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
# The line for README and the message: everything the xcb plugin needs beyond a base
# system, and a CJK font.
LINUX_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 "
    "libxkbcommon-x11-0 libegl1 fonts-noto-cjk"
)
CJK_FONT_PACKAGE = "fonts-noto-cjk"  # Debian/Ubuntu; Windows has Microsoft YaHei
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_SONAME = re.compile(r"^(lib[\w.+-]+?)\.so\.(\d+)")


def uses_xcb(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Would Qt load the xcb plugin? On Linux unless another platform is asked for, or a
    Wayland session lets Qt pick its Wayland plugin first."""
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    return not (env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland")


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames `ldd` reports as "not found", each once, in its order."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships `soname` (libfoo.so.1 -> libfoo1, and
    libfoo2.so.0 -> libfoo2-0 by Debian's naming rule, unless listed)."""
    if soname in DEBIAN_PACKAGES:
        return DEBIAN_PACKAGES[soname]
    match = _SONAME.match(soname)
    if match is None:
        return soname
    name, version = match.group(1).lower(), match.group(2)
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def platform_plugin_message(missing: Iterable[str]) -> str:
    """Bilingual: what is missing and the one command that installs it."""
    libraries = list(missing)
    packages = " ".join(dict.fromkeys(debian_package(lib) for lib in libraries))
    names = ", ".join(libraries)
    return (
        f"CRM Desktop 无法打开窗口：Qt 的 xcb 图形插件缺少系统库 {names}。\n"
        f"请安装后重试（Debian/Ubuntu）：sudo apt-get install {packages}\n"
        f"CRM Desktop cannot open its window: Qt's xcb platform plugin needs the system "
        f"libraries {names}, which are not installed.\n"
        f"Install them and start again (Debian/Ubuntu): sudo apt-get install {packages}"
    )


def xcb_plugin_path() -> Path | None:
    """PySide6's libqxcb.so, if this Qt ships one."""
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    plugin = plugins / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def run_ldd(library: Path) -> str | None:
    """`ldd library`'s output; None when there is no ldd (the check then stays silent)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    try:
        result = subprocess.run(
            [ldd, str(library)], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout


def platform_problem(env: Mapping[str, str] | None = None) -> str | None:
    """The message to print before exiting when the window cannot open; None when fine
    (or when it cannot be told: no plugin file, no ldd)."""
    if not uses_xcb(os.environ if env is None else env):
        return None
    plugin = xcb_plugin_path()
    output = run_ldd(plugin) if plugin is not None else None
    missing = missing_libraries(output) if output else []
    return platform_plugin_message(missing) if missing else None


def font_message(cjk_families: Iterable[str], platform: str = sys.platform) -> str | None:
    """Bilingual advice when no installed font can draw Chinese; None when one can."""
    if any(True for _ in cjk_families):
        return None
    if platform.startswith("win"):
        advice_zh = "请在 Windows 设置 → 时间和语言 → 语言 中添加“中文(简体)”，它带有微软雅黑字体"
        advice_en = (
            "Add Chinese (Simplified) in Windows Settings → Time & Language → Language; "
            "it brings the Microsoft YaHei font"
        )
    elif platform == "darwin":
        advice_zh = "请在“字体册”中启用 PingFang SC 字体"
        advice_en = "Enable the PingFang SC font in Font Book"
    else:
        package = CJK_FONT_PACKAGE
        advice_zh = f"请安装中文字体（Debian/Ubuntu）：sudo apt-get install {package}"
        advice_en = f"Install a Chinese font (Debian/Ubuntu): sudo apt-get install {package}"
    return (
        "没有找到能显示中文的字体，界面上的中文会显示成方框。"
        f"{advice_zh}，然后重新启动 CRM Desktop。\n"
        f"No font that can show Chinese is installed, so Chinese text shows as boxes. "
        f"{advice_en}, then start CRM Desktop again."
    )


def installed_cjk_families() -> list[str]:
    """The font families that can draw Simplified Chinese (needs the QGuiApplication)."""
    from PySide6.QtGui import QFontDatabase

    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def warn_missing_cjk_font(show_dialog: bool | None = None) -> str | None:
    """After the QApplication exists: say (stderr, and a dialog) when Chinese cannot be
    drawn; the app starts anyway. The message, or None when a font was found.

    `show_dialog` None: a dialog unless nobody can see it (the offscreen platform, where a
    modal box would only hang a headless start)."""
    from PySide6.QtGui import QGuiApplication

    message = font_message(installed_cjk_families())
    if message is None:
        return None
    print(message, file=sys.stderr)
    if show_dialog is None:
        show_dialog = QGuiApplication.platformName() != "offscreen"
    if show_dialog:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, "CRM Desktop", message)
    return message
