"""Where a workstation finds its database: ``--db``, ``$HOTLINE_DB_URL``, the config file.

The config file is ``hotline8890.toml`` in the user config folder (``$HOTLINE_CONFIG`` names
another one)::

    [database]
    url = "postgresql://desk@db.centre.example:5432/hotline?sslmode=verify-full"
    keyring = true   # optional: take the password from the system keyring

The password should not be written into the URL. Either libpq finds it in the password file
(``~/.pgpass``, ``%APPDATA%\\postgresql\\pgpass.conf`` or ``$PGPASSFILE``), or, with
``keyring = true`` and the ``keyring`` package installed, the system keyring holds it under the
service ``hotline8890`` with the configured URL, as written, as the user name (see
``docs/deployment.md``).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_config_dir
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from core.errors import DeskError

APP_NAME = "hotline8890"
CONFIG_ENV = "HOTLINE_CONFIG"
KEYRING_SERVICE = "hotline8890"

PasswordLookup = Callable[[str, str], str | None]  # (service, key) -> password


class ConfigError(DeskError):
    code = "config"
    en = "The configuration file {path} cannot be used: {problem_en}"
    zh = "配置文件 {path} 无法使用：{problem_zh}"


def config_path() -> Path:
    raw = os.environ.get(CONFIG_ENV)
    if raw:
        return Path(raw).expanduser()
    return Path(user_config_dir(APP_NAME, appauthor=False)) / f"{APP_NAME}.toml"


def _problem(path: Path, en: str, zh: str) -> ConfigError:
    return ConfigError(path=str(path), problem_en=en, problem_zh=zh)


def configured_url(path: Path | None = None,
                   password_lookup: PasswordLookup | None = None) -> str | None:
    """The database URL of the config file (None when there is no file or no URL)."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise _problem(path, f"it cannot be read ({exc})", f"无法读取（{exc}）") from exc
    except tomllib.TOMLDecodeError as exc:
        raise _problem(path, f"it is not valid TOML ({exc})", f"不是有效的 TOML 格式（{exc}）"
                       ) from exc
    section = data.get("database", {})
    if not isinstance(section, dict):
        raise _problem(path, "[database] must be a table", "[database] 必须是一个表")
    url = section.get("url")
    if url is None:
        return None
    if not isinstance(url, str) or not url.strip():
        raise _problem(path, "database.url must be a non-empty string",
                       "database.url 必须是非空字符串")
    url = url.strip()
    if section.get("keyring") is True:
        url = with_keyring_password(url, password_lookup or _system_keyring(path))
    return url


def with_keyring_password(url: str, lookup: PasswordLookup) -> str:
    """``url`` with the password the keyring holds under ``url`` itself (a URL without a
    password, exactly as written); unchanged when it has a password or the keyring none."""
    try:
        u = make_url(url)
    except ArgumentError:
        return url  # a SQLite path: nothing to look up
    if u.password:
        return url
    password = lookup(KEYRING_SERVICE, url)
    return u.set(password=password).render_as_string(hide_password=False) if password else url


def _system_keyring(path: Path) -> PasswordLookup:
    try:
        import keyring  # type: ignore[import-not-found]
    except ImportError as exc:
        raise _problem(path, "keyring = true, but the keyring package is not installed "
                       "(pip install keyring)", "设置了 keyring = true，但未安装 keyring 软件包"
                       "（pip install keyring）") from exc
    return keyring.get_password  # type: ignore[no-any-return]
