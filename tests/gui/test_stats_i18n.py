"""The statistics screen's Chinese translation keeps every placeholder of its source."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "stats_zh_CN.ts"
_FIELD = re.compile(r"\{(\w+)[^}]*\}")


def test_translations_keep_their_placeholders() -> None:
    wrong = []
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source", "")
        translation = "".join(message.find("translation").itertext())
        if set(_FIELD.findall(source)) != set(_FIELD.findall(translation)) or (
                ("%n" in source) != ("%n" in translation)):
            wrong.append((source, translation))
    assert wrong == []
