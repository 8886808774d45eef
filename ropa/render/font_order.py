"""SpreadsheetML fonts with their properties in the order Excel writes them.

openpyxl writes a font's children as ``name, family, b, i, color, sz, scheme``. ECMA-376 allows
any order (``CT_Font`` is a repeated choice), but Excel itself, and the Open XML SDK that Office's
validation follows, use the sequence below, and the SDK reports any other order as an error.
Both workbooks (the register and the change report) pass their ``xl/styles.xml`` through here.
"""

from __future__ import annotations

from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
STYLES_PART = "xl/styles.xml"
#: CT_Font's children in Excel's order.
ORDER = {
    f"{_MAIN}{name}": i
    for i, name in enumerate(
        (
            "b",
            "i",
            "strike",
            "condense",
            "extend",
            "outline",
            "shadow",
            "u",
            "vertAlign",
            "sz",
            "color",
            "name",
            "family",
            "charset",
            "scheme",
        )
    )
}


def excel_font_order(styles: bytes) -> bytes:
    """``styles`` (the stylesheet part) with every font's properties in Excel's order; unchanged otherwise."""
    root = etree.fromstring(styles)
    changed = False
    for font in root.iter(f"{_MAIN}font"):
        children = list(font)
        ordered = sorted(children, key=lambda el: ORDER.get(el.tag, len(ORDER)))
        if ordered != children:
            changed = True
            for child in children:
                font.remove(child)
            font.extend(ordered)
    if not changed:
        return styles
    declaration = styles.lstrip().startswith(b"<?xml")
    out: bytes = etree.tostring(root, xml_declaration=declaration, encoding="UTF-8", standalone=True if declaration else None)
    return out
