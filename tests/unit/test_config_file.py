"""Where a workstation finds its database: --db, then $HOTLINE_DB_URL, then the config file,
then the SQLite file; the password may come from the keyring, never needs the URL."""

from __future__ import annotations

from pathlib import Path

import pytest

import main
from db.config import ConfigError, configured_url, with_keyring_password

PG = "postgresql://hotline_desk@dbserver:5432/hotline?sslmode=verify-full"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hotline8890.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_config_file_gives_the_url(tmp_path: Path) -> None:
    assert configured_url(write(tmp_path, f'[database]\nurl = "{PG}"\n')) == PG
    assert configured_url(tmp_path / "missing.toml") is None
    assert configured_url(write(tmp_path, "# nothing configured\n")) is None


def test_a_broken_config_file_says_what_is_wrong_in_both_languages(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        configured_url(write(tmp_path, "[database\nurl = 1"))
    assert "不是有效的 TOML" in raised.value.message_zh
    assert "not valid TOML" in raised.value.message_en
    with pytest.raises(ConfigError) as raised:
        configured_url(write(tmp_path, "[database]\nurl = 5\n"))
    assert "database.url" in raised.value.message_en


def test_the_password_comes_from_the_keyring_under_the_url_without_it(tmp_path: Path) -> None:
    asked: list[tuple[str, str]] = []

    def lookup(service: str, key: str) -> str | None:
        asked.append((service, key))
        return "s3cret/pw"

    path = write(tmp_path, f'[database]\nurl = "{PG}"\nkeyring = true\n')
    url = configured_url(path, password_lookup=lookup)
    assert asked == [("hotline8890", PG)]
    assert url == "postgresql://hotline_desk:s3cret%2Fpw@dbserver:5432/hotline?sslmode=verify-full"
    # a URL that carries a password, or a keyring without one, leaves the URL as it is
    assert with_keyring_password(url, lookup) == url
    assert with_keyring_password(PG, lambda s, k: None) == PG


def test_precedence_db_option_then_environment_then_file_then_sqlite(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOTLINE_CONFIG", str(write(tmp_path, f'[database]\nurl = "{PG}"\n')))
    monkeypatch.setenv("HOTLINE_DB_URL", "postgresql://env@host/db")
    assert main.database_url("sqlite:///x.db") == "sqlite:///x.db"
    assert main.database_url(None) == "postgresql://env@host/db"
    monkeypatch.delenv("HOTLINE_DB_URL")
    assert main.database_url(None) == PG
    monkeypatch.setenv("HOTLINE_CONFIG", str(tmp_path / "none.toml"))
    assert main.database_url(None).endswith("desk.db")
