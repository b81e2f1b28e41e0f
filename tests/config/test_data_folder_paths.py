"""Where the data folder is: --data-dir, the environment, a folder chosen in Settings,
the platform default; and a folder that cannot be written is said at start."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm_desktop import cli
from crm_desktop.config.paths import (
    DATA_DIR_ENV,
    AppPaths,
    DataFolderIsAFile,
    DataFolderUnwritable,
    check_writable,
    data_folder_is_movable,
    resolve_paths,
)
from crm_desktop.config.settings import DATA_FOLDER, Settings


def _defaults(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "default-data", tmp_path / "config", tmp_path / "logs")


def test_the_default_folder_until_one_is_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    defaults = _defaults(tmp_path)
    assert resolve_paths(defaults=defaults) == defaults
    settings = Settings(defaults.settings_file)
    settings.set(DATA_FOLDER, str(tmp_path / "D盘" / "CRM"))
    settings.save()
    moved = resolve_paths(defaults=defaults)
    assert moved.data_dir == tmp_path / "D盘" / "CRM"
    # Only the data moves: settings and logs stay where the setting is read.
    assert (moved.config_dir, moved.log_dir) == (defaults.config_dir, defaults.log_dir)


def test_the_command_line_beats_a_chosen_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    defaults = _defaults(tmp_path)
    defaults.config_dir.mkdir()
    defaults.settings_file.write_text(json.dumps({"data_folder": str(tmp_path / "x")}))
    assert resolve_paths(tmp_path / "given", defaults=defaults).data_dir == tmp_path / "given"
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert resolve_paths(defaults=defaults).data_dir == tmp_path / "env"


def test_a_damaged_settings_file_means_the_default_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    defaults = _defaults(tmp_path)
    defaults.config_dir.mkdir()
    for text in ("{not json", "[1, 2]", '{"data_folder": 3}'):
        defaults.settings_file.write_text(text)
        assert resolve_paths(defaults=defaults).data_dir == defaults.data_dir


def test_only_a_folder_given_on_the_command_line_cannot_be_moved(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert data_folder_is_movable(data, tmp_path / "config" / "settings.json")
    assert not data_folder_is_movable(data, data / "config" / "settings.json")
    # Windows and macOS: platformdirs puts the settings in the data folder itself.
    assert data_folder_is_movable(data, data / "settings.json")


def test_a_writable_folder_passes_and_is_made_if_missing(tmp_path: Path) -> None:
    check_writable(tmp_path / "new" / "data")
    assert (tmp_path / "new" / "data").is_dir()
    assert list((tmp_path / "new" / "data").iterdir()) == []  # the probe is gone


def test_a_file_where_the_folder_should_be_is_said(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(DataFolderIsAFile) as raised:
        check_writable(blocker)
    assert "是一个文件，不是文件夹" in raised.value.message_zh
    assert "is a file, not a folder" in raised.value.message_en


def _chmod_applies(folder: Path) -> bool:
    """False as root (or where permissions are not enforced): chmod then changes nothing."""
    probe = folder / "probe"
    try:
        probe.write_text("x")
    except OSError:
        return True
    probe.unlink()
    return False


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o555)
    if not _chmod_applies(folder):
        folder.chmod(0o755)
        pytest.skip("chmod 555 does not stop this user writing (running as root)")
    yield folder
    folder.chmod(0o755)


def test_a_read_only_folder_is_said_in_both_languages(read_only_folder: Path) -> None:
    with pytest.raises(DataFolderUnwritable) as raised:
        check_writable(read_only_folder)
    assert str(read_only_folder) in raised.value.message_zh
    assert "read-only" in raised.value.message_en


def test_a_read_only_database_file_is_said(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    database = folder / "crm.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o444)
    if os.access(database, os.W_OK):
        pytest.skip("chmod 444 does not stop this user writing (running as root)")
    check_writable(folder)  # not asked about it: fine
    with pytest.raises(DataFolderUnwritable, match=r"crm\.sqlite3"):
        check_writable(folder, ["crm.sqlite3", "crm.sqlite3-wal"])


def test_selftest_on_a_read_only_folder_exits_with_the_message(
    read_only_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["--lang", "en", "selftest", "--data-dir", str(read_only_folder)])
    assert code == 2
    err = capsys.readouterr().err
    assert "Cannot write to the data folder" in err and "Traceback" not in err
