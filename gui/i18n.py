"""Which language the desk speaks: loads the desk's own and Qt's translations into the app.

The source strings in `gui/` are English; Simplified Chinese comes from
`resources/i18n/hotline_zh_CN.qm` (see `resources/i18n/README.md` to regenerate it).
Call `install_translator` on the GUI thread before the first window is built: widgets translate
their strings when they are constructed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
SOURCE_LANGUAGE = "en"
SUPPORTED_LANGUAGES = (DEFAULT_LANGUAGE, SOURCE_LANGUAGE)
LANGUAGE_ENV_VAR = "HOTLINE_LANG"
I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"

_TRANSLATOR_NAME = "hotline8890-translator"
_ALIASES = {
    "zh_cn": DEFAULT_LANGUAGE,
    "zh": DEFAULT_LANGUAGE,
    "zh_hans": DEFAULT_LANGUAGE,
    "en": SOURCE_LANGUAGE,
    "en_us": SOURCE_LANGUAGE,
    "en_gb": SOURCE_LANGUAGE,
}


def qm_path(language: str) -> Path:
    """The compiled translation of the desk's shell for `language` (e.g. "zh_CN")."""
    return I18N_DIR / f"hotline_{language}.qm"


def qm_paths(language: str) -> list[Path]:
    """Every compiled translation for `language`: the shell's first, then one per screen area
    (`register_zh_CN.qm`, `orders_zh_CN.qm`, ...; see `resources/i18n/update.sh`)."""
    others = sorted(p for p in I18N_DIR.glob(f"*_{language}.qm") if p != qm_path(language))
    return [qm_path(language), *others]


def choose_language(language: str | None) -> str:
    """The supported language code for `language`, else `$HOTLINE_LANG`, else "zh_CN".

    Accepts spellings such as "zh-CN", "zh" or "en_US". An unknown code is logged and replaced
    by the default, so a typo in the environment never stops the desk from starting.
    """
    requested = language if language else os.environ.get(LANGUAGE_ENV_VAR, "")
    if not requested.strip():
        return DEFAULT_LANGUAGE
    code = _ALIASES.get(requested.strip().replace("-", "_").lower())
    if code is None:
        log.warning(
            "Unknown language %r; supported: %s. Using %s.",
            requested,
            ", ".join(SUPPORTED_LANGUAGES),
            DEFAULT_LANGUAGE,
        )
        return DEFAULT_LANGUAGE
    return code


def install_translator(app: QCoreApplication, language: str | None) -> str:
    """Install the desk's translators for `language` into `app`; return the language in use.

    `language` falls back to `$HOTLINE_LANG`, then to "zh_CN". "en" installs nothing (the
    source strings are English). For "zh_CN" Qt's own `qtbase_zh_CN.qm` is loaded too when Qt
    ships it, so standard buttons ("确定", "取消") are Chinese. Translators installed by an
    earlier call are removed first, so calling this again switches language; widgets that
    already exist keep their text. If the desk's `.qm` cannot be loaded, the desk runs in
    English and "en" is returned. The translators are children of `app`, which owns them.
    """
    _remove_installed(app)
    chosen = choose_language(language)
    if chosen == SOURCE_LANGUAGE:
        return SOURCE_LANGUAGE

    own = _load(app, qm_path(chosen))
    if own is None:
        log.warning("Translation %s not loaded; the desk runs in English.", qm_path(chosen))
        return SOURCE_LANGUAGE
    for path in qm_paths(chosen)[1:]:
        if _load(app, path) is None:
            log.warning("Translation %s not loaded.", path)
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if _load(app, qt_dir / f"qtbase_{chosen}.qm") is None:
        log.info("Qt's own %s translation not found in %s.", chosen, qt_dir)
    return chosen


def _load(app: QCoreApplication, path: Path) -> QTranslator | None:
    translator = QTranslator()
    if not path.is_file() or not translator.load(str(path)):
        return None
    translator.setObjectName(_TRANSLATOR_NAME)
    translator.setParent(app)
    app.installTranslator(translator)
    return translator


def _remove_installed(app: QCoreApplication) -> None:
    for translator in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(translator)
        translator.setParent(None)  # Python now owns it and frees it
