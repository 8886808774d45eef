"""Every XML part of every Office file ropa writes is valid against the ECMA-376 schemas.

The schemas are Ecma's, vendored unchanged in tests/ooxml-schemas/ (see NOTICE.md there): Part 4
Transitional (5th edition) for WordprocessingML, SpreadsheetML, DrawingML and the shared parts,
Part 2 for the package's content types, relationships and core properties, with the Dublin Core
and W3C ``xml:`` schemas those import. Before validation each part goes through markup
compatibility processing (ECMA-376 Part 3) as an Office application does: elements and
attributes of namespaces a part declares ``mc:Ignorable`` are dropped, and ``mc:AlternateContent``
is replaced by its ``mc:Fallback``. Nothing else is exempted.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.outputs import CM_REPORT, shipped_outputs, xml_parts

SCHEMAS = Path(__file__).parent / "ooxml-schemas"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
Element = Any

#: Imported first, so that the imports inside the schemas that name a web address (dc.xsd asks for
#: www.w3.org's xml.xsd, opc-coreProperties.xsd for dublincore.org's) find the namespace loaded
#: and never reach the network.
FIRST = ["w3c/xml.xsd", "dc/dc.xsd", "dc/dcterms.xsd", "dc/dcmitype.xsd"]


@cache
def schema() -> etree.XMLSchema:
    """One schema importing every vendored namespace: a part validates against its root's namespace."""
    files = FIRST + sorted(str(p.relative_to(SCHEMAS)) for p in SCHEMAS.glob("*/*.xsd") if str(p.relative_to(SCHEMAS)) not in FIRST)
    imports = []
    for name in files:
        target = etree.parse(str(SCHEMAS / name)).getroot().get("targetNamespace")
        imports.append(f'<xs:import namespace="{target}" schemaLocation="{(SCHEMAS / name).as_uri()}"/>')
    hub = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{"".join(imports)}</xs:schema>'
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.fromstring(hub, parser, base_url=SCHEMAS.as_uri() + "/"))


def _ignorable(root: Element) -> set[str]:
    """Namespaces declared ignorable anywhere in the part (``mc:Ignorable="w14 w15"``)."""
    found = set()
    for el in root.iter():
        for prefix in el.get(f"{{{MC}}}Ignorable", "").split():
            if prefix in el.nsmap:
                found.add(el.nsmap[prefix])
    return found


def compatible(blob: bytes) -> Element:
    """The part as an application that understands only the ECMA-376 namespaces reads it."""
    root = etree.fromstring(blob)
    ignorable = _ignorable(root)
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alternate.find(f"{{{MC}}}Fallback")
        parent = alternate.getparent()
        at = parent.index(alternate)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(at, child)
        parent.remove(alternate)
    assert root.find(f".//{{{MC}}}*") is None, "markup compatibility element other than AlternateContent"
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in ignorable and el.getparent() is not None:
            el.getparent().remove(el)
            continue
        for attr in list(el.attrib):
            ns = etree.QName(attr).namespace
            if ns in ignorable or ns == MC:
                del el.attrib[attr]
    return root


def invalid_parts(package: bytes) -> list[str]:
    """'part: line: message' for every schema error of every XML part."""
    problems = []
    xsd = schema()
    for name, blob in sorted(xml_parts(package).items()):
        if not xsd.validate(compatible(blob)):
            problems += [f"{name}:{e.line}: {e.message}" for e in xsd.error_log]
    return problems


def test_every_output_is_checked() -> None:
    names = sorted(shipped_outputs())
    assert f"{CM_REPORT}.docx" in names
    assert f"{CM_REPORT}.xlsx" in names
    assert len([n for n in names if n.endswith(".docx")]) == len([n for n in names if n.endswith(".xlsx")]) == 6


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_every_part_validates(kind: str) -> None:
    problems = {}
    for name, package in shipped_outputs().items():
        if name.endswith(kind) and (found := invalid_parts(package)):
            problems[name] = found[:10]
    assert not problems, problems


# --- the check itself: it rejects what it must, and its preprocessing removes only what Office ignores ---

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
ALTERNATE = '<mc:AlternateContent><mc:Choice Requires="w14"><w14:x/></mc:Choice><mc:Fallback><w:zoom w:percent="90"/></mc:Fallback></mc:AlternateContent>'


def _settings(inner: str, ignorable: str = "") -> bytes:
    mark = f' mc:Ignorable="{ignorable}"' if ignorable else ""
    return f'<w:settings xmlns:w="{W}" xmlns:w14="{W14}" xmlns:mc="{MC}"{mark}>{inner}</w:settings>'.encode()


@pytest.mark.parametrize(
    ("inner", "ignorable", "valid"),
    [
        ('<w:zoom w:percent="100"/>', "", True),
        ('<w:zoom w:val="bestFit"/>', "", False),  # the template's zoom, without the required percent
        ('<w:defaultTabStop w:val="720"/><w:zoom w:percent="100"/>', "", False),  # out of sequence
        ('<w:zoom w:percent="100"/><w14:docId w14:val="1"/>', "w14", True),
        ('<w:zoom w:percent="100"/><w14:docId w14:val="1"/>', "", False),  # an extension not declared ignorable
        ('<w:zoom w:percent="100" w14:x="1"/>', "w14", True),
        (ALTERNATE, "", True),
        ("<w:unknownSetting/>", "", False),
    ],
)
def test_the_check_itself(inner: str, ignorable: str, valid: bool) -> None:
    assert schema().validate(compatible(_settings(inner, ignorable))) is valid


def test_the_schemas_are_those_of_the_notice() -> None:
    """Every schema file is listed in NOTICE.md with its provenance, unchanged since it was vendored."""
    listed = dict(re.findall(r"^\| `([^`]+\.xsd)` \| `([0-9a-f]{64})` \|$", (SCHEMAS / "NOTICE.md").read_text(encoding="utf-8"), re.M))
    present = {str(p.relative_to(SCHEMAS)): hashlib.sha256(p.read_bytes()).hexdigest() for p in SCHEMAS.glob("*/*.xsd")}
    assert len(present) == 33
    assert present == listed
