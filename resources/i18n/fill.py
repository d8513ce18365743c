"""List or fill the unfinished messages of a .ts file.

    python resources/i18n/fill.py resources/i18n/orders_zh_CN.ts            # print unfinished
    python resources/i18n/fill.py resources/i18n/orders_zh_CN.ts zh.json    # fill from JSON

The JSON maps an English source string to its Chinese translation (for a ``numerus`` message
the one Chinese form). Keys may be "Context|source" to fill one context only. Run
``update.sh`` afterwards to compile the .qm.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def main(ts_path: str, mapping_path: str | None = None) -> int:
    tree = ET.parse(ts_path)
    mapping: dict[str, str] = {}
    if mapping_path:
        with open(mapping_path, encoding="utf-8") as f:
            mapping = json.load(f)
    left = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            tr = message.find("translation")
            assert tr is not None
            done = tr.get("type") not in {"unfinished", "vanished", "obsolete"} and (
                "".join(tr.itertext()).strip())
            if done:
                continue
            text = mapping.get(f"{name}|{source}", mapping.get(source))
            if text is None:
                left.append(f"{name}|{source}")
                continue
            tr.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                for child in list(tr):
                    tr.remove(child)
                tr.text = None
                ET.SubElement(tr, "numerusform").text = text
            else:
                tr.text = text
    if mapping_path:
        ET.indent(tree, space="    ")
        with open(ts_path, "wb") as f:
            f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
            tree.write(f, encoding="utf-8", xml_declaration=False)
    for key in left:
        print(key)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
