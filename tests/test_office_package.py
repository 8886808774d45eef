"""The package around the parts: every part has a content type and a relationship to it, and no
part is left over from python-docx's template (Word 2010's stylesWithEffects.xml, 22 styles behind ours)."""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from tests.outputs import shipped_outputs

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _package(blob: bytes) -> tuple[set[str], dict[str, str], set[str], list[str]]:
    """(parts, override part -> content type, default extensions, relationship targets resolved to part names)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        names = set(z.namelist())
        types = etree.fromstring(z.read("[Content_Types].xml"))
        targets = []
        for rels in (n for n in names if n.endswith(".rels")):
            base = posixpath.dirname(posixpath.dirname(rels))  # word/_rels/document.xml.rels -> word
            for rel in etree.fromstring(z.read(rels)).iter(f"{REL}Relationship"):
                if rel.get("TargetMode") != "External":
                    target = rel.get("Target", "")
                    targets.append(target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target)))
    overrides = {el.get("PartName", "").lstrip("/"): el.get("ContentType", "") for el in types.iter(f"{CT}Override")}
    defaults = {el.get("Extension", "").lower() for el in types.iter(f"{CT}Default")}
    return names - {"[Content_Types].xml"}, overrides, defaults, targets


def test_no_styles_with_effects_in_any_document() -> None:
    for name, blob in shipped_outputs().items():
        parts, overrides, _, targets = _package(blob)
        leftovers = [p for p in [*parts, *overrides, *targets] if "stylesWithEffects" in p]
        assert not leftovers, f"{name}: {leftovers}"


def test_every_part_is_typed_and_every_relationship_resolves() -> None:
    problems = []
    for name, blob in shipped_outputs().items():
        parts, overrides, defaults, targets = _package(blob)
        untyped = sorted(p for p in parts if p not in overrides and p.rsplit(".", 1)[-1].lower() not in defaults)
        phantom = sorted(p for p in overrides if p not in parts)
        dangling = sorted(t for t in targets if t not in parts)
        unreached = sorted(p for p in parts if not p.endswith(".rels") and p not in targets)
        for what, found in (("untyped", untyped), ("typed but absent", phantom), ("dangling", dangling), ("unreached", unreached)):
            if found:
                problems.append(f"{name}: {what}: {found}")
    assert not problems, problems
