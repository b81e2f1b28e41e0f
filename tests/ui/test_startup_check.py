"""The start-up check names what a bare machine must install: the libraries the xcb
platform plugin lacks (from `ldd`'s output), and a CJK font."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from crm_desktop.ui import startup_check
from crm_desktop.ui.startup_check import (
    LINUX_PACKAGES,
    debian_package,
    font_message,
    missing_libraries,
    platform_plugin_message,
    uses_xcb,
)

README = Path(__file__).resolve().parents[2] / "README.md"

# `ldd libqxcb.so` on a fresh Debian 12 with PySide6 6.x (abridged).
LDD_ON_A_BARE_DEBIAN = """\
\tlinux-vdso.so.1 (0x00007ffc5b5f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f5d0c600000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f5d0c5f0000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x00007f5d0c5e0000)
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f5d0c200000)
"""


def test_the_missing_libraries_are_read_from_ldd_once_each() -> None:
    assert missing_libraries(LDD_ON_A_BARE_DEBIAN) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        # Not in the table: Debian's rule (a hyphen when the name ends in a digit).
        ("libxcb-xinerama.so.0", "libxcb-xinerama0"),
        ("libfoo2.so.3", "libfoo2-3"),
    ],
)
def test_each_library_maps_to_its_debian_package(soname: str, package: str) -> None:
    assert debian_package(soname) == package


def test_the_message_names_the_packages_to_install_in_both_languages() -> None:
    message = platform_plugin_message(missing_libraries(LDD_ON_A_BARE_DEBIAN))
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n" in message
    assert "无法打开窗口" in message and "cannot open its window" in message
    assert "libxcb-cursor0" not in message  # Qt's own hint names it whatever is missing


@pytest.mark.parametrize(
    ("env", "platform", "xcb"),
    [
        ({}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11"}, "linux", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_the_plugin_is_checked_only_where_qt_would_load_xcb(
    env: dict[str, str], platform: str, xcb: bool
) -> None:
    assert uses_xcb(env, platform) is xcb


def test_no_check_when_another_platform_is_asked_for() -> None:
    assert startup_check.platform_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_the_readme_line_covers_what_this_plugin_lacks_here() -> None:
    """The real plugin, the real ldd: whatever this machine lacks is in the README line."""
    plugin = startup_check.xcb_plugin_path()
    output = startup_check.run_ldd(plugin) if plugin is not None else None
    if output is None:
        pytest.skip("no xcb plugin or no ldd on this platform")
    packages = set(LINUX_PACKAGES.split())
    for library in missing_libraries(output):
        assert debian_package(library) in packages, library
    assert f"sudo apt-get install {LINUX_PACKAGES}" in README.read_text(encoding="utf-8")


def test_no_cjk_font_names_the_font_to_install_per_platform() -> None:
    linux = font_message([], "linux")
    assert linux is not None and "sudo apt-get install fonts-noto-cjk" in linux
    assert "方框" in linux and "boxes" in linux
    windows = font_message([], "win32")
    assert windows is not None and "Microsoft YaHei" in windows and "微软雅黑" in windows
    assert font_message(iter(["Noto Sans CJK SC"]), "linux") is None


def test_the_installed_cjk_fonts_are_read_from_qt(qapp: QApplication) -> None:
    families = startup_check.installed_cjk_families()
    assert all(isinstance(name, str) and name for name in families)
    # What the start says agrees with what Qt found.
    assert (startup_check.warn_missing_cjk_font(show_dialog=False) is None) == bool(families)


def test_readme_quick_start_keeps_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"```bash\n", quick)) == 2


FONTLESS_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{fonts}</dir><cachedir>{cache}</cachedir></fontconfig>
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is Linux's")
def test_a_machine_with_no_fonts_is_told_to_install_one(tmp_path: Path) -> None:
    """A real Qt on a fontconfig that finds no fonts (a fresh Debian without CJK fonts)."""
    config = tmp_path / "fonts.conf"
    config.write_text(FONTLESS_CONFIG.format(fonts=tmp_path / "none", cache=tmp_path / "c"))
    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from crm_desktop.ui.startup_check import warn_missing_cjk_font\n"
        "warn_missing_cjk_font()\n"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "sudo apt-get install fonts-noto-cjk" in done.stderr
