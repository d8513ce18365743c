#!/bin/sh
# Regenerate the desk's translations; see README.md in this folder.
# One .ts per area so that screens can be translated independently:
#   hotline  <- gui/*.py (the shell: login, main window, helpers)
#   register <- gui/register/, orders <- gui/orders/, admin <- gui/admin/, stats <- gui/stats/
# 1. lupdate: collect every tr() string of the area into its .ts (new ones come out "unfinished").
# 2. lrelease: compile each .ts into the .qm that gui/i18n.py loads at start.
set -eu
cd "$(dirname "$0")/../.."

area() {  # area name, then the source files
    name=$1; shift
    # List the sources before -ts: every name after -ts is taken for a translation file.
    pyside6-lupdate "$@" \
        -source-language en -target-language zh_CN -no-obsolete -locations relative \
        -ts "resources/i18n/${name}_zh_CN.ts"
    pyside6-lrelease "resources/i18n/${name}_zh_CN.ts" -qm "resources/i18n/${name}_zh_CN.qm"
}

if [ $# -eq 0 ]; then set -- hotline register orders admin stats notify intake; fi
for name in "$@"; do
    case $name in
        hotline) area hotline $(find gui -maxdepth 1 -name '*.py' | sort) ;;
        *) [ -d "gui/$name" ] && area "$name" $(find "gui/$name" -name '*.py' | sort) ;;
    esac
done
