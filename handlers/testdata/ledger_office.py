"""Opens XLSX ledgers in LibreOffice Calc through UNO, as a person would
(a hidden window, a real view), and prints as JSON what Calc read: cell
types, number formats and fonts of the top rows, the frozen panes, the
autofilter, the print titles and the page style; and prints each to PDF.

Usage: python3 ledger_office.py PDF_DIR FILE.xlsx...   (HOME and the
profile are temporary; soffice must be on PATH). Used by
handlers/ledgers_office_test.go.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def read(doc, rows):
    sheet = doc.Sheets.getByIndex(0)
    ctrl = doc.CurrentController
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.RangeAddress
    formats = doc.NumberFormats
    cells = []
    for r in range(min(end.EndRow + 1, rows)):
        row = []
        for c in range(end.EndColumn + 1):
            cell = sheet.getCellByPosition(c, r)
            row.append({"type": cell.Type.value, "text": cell.String, "value": cell.Value,
                        "format": formats.getByKey(cell.NumberFormat).FormatString, "bold": cell.CharWeight >= 150})
        cells.append(row)
    filt = None
    unnamed = doc.getPropertyValue("UnnamedDatabaseRanges")
    if unnamed.hasByTable(0):
        db = unnamed.getByTable(0)
        a = db.DataArea
        filt = {"autofilter": db.AutoFilter, "start_row": a.StartRow, "end_row": a.EndRow,
                "start_column": a.StartColumn, "end_column": a.EndColumn}
    style = doc.StyleFamilies.getByName("PageStyles").getByName(sheet.PageStyle)
    titles = sheet.TitleRows
    return {
        "sheet": sheet.Name,
        "rows": end.EndRow + 1, "columns": end.EndColumn + 1,
        "frozen": ctrl.hasFrozenPanes(), "split_row": ctrl.getSplitRow(), "split_column": ctrl.getSplitColumn(),
        "filter": filt,
        "print_title_rows": sheet.PrintTitleRows, "title_start": titles.StartRow, "title_end": titles.EndRow,
        "landscape": style.IsLandscape, "width": style.Width, "height": style.Height,
        "pages_wide": style.ScaleToPagesX, "pages_tall": style.ScaleToPagesY,
        "column_widths": [sheet.Columns.getByIndex(c).Width for c in range(end.EndColumn + 1)],
        "cells": cells,
    }


def main():
    pdf_dir, files = sys.argv[1], sys.argv[2:]
    home = tempfile.mkdtemp(prefix="jiuxiao-office-")
    pipe = "jiuxiao-ledgers-%d" % os.getpid()
    env = dict(os.environ, HOME=home)
    proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                             "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.join(home, "profile")),
                             "--accept=pipe,name=%s;urp;" % pipe],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(1200):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                if proc.poll() is not None:
                    sys.exit("soffice ended with %s" % proc.returncode)
                time.sleep(0.1)
        if ctx is None:
            sys.exit("soffice did not answer in 120 s")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        out = {}
        for f in files:
            name = os.path.splitext(os.path.basename(f))[0]
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(f)), "_blank", 0,
                                               (prop("Hidden", True), prop("ReadOnly", True)))
            if doc is None:
                sys.exit("Calc could not open " + f)
            out[name] = read(doc, 4)
            doc.storeToURL(uno.systemPathToFileUrl(os.path.join(os.path.abspath(pdf_dir), name + ".pdf")),
                           (prop("FilterName", "calc_pdf_Export"),))
            doc.close(True)
        json.dump(out, sys.stdout, ensure_ascii=False)
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:
                pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
