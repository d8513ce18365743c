#!/bin/sh
# Regenerate the desk's translations; see README.md in this folder.
# 1. lupdate: collect every tr() string under gui/ into the .ts (new ones come out "unfinished").
# 2. lrelease: compile the .ts into the .qm that gui/i18n.py loads at start.
set -eu
cd "$(dirname "$0")/../.."

# List the sources before -ts: every name after -ts is taken for a translation file.
pyside6-lupdate $(find gui -name '*.py' | sort) \
    -source-language en -target-language zh_CN -no-obsolete -locations relative \
    -ts resources/i18n/hotline_zh_CN.ts

pyside6-lrelease resources/i18n/hotline_zh_CN.ts -qm resources/i18n/hotline_zh_CN.qm
