"""The web page as a reader's parser sees it: elements with their attributes, and the text shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ropa.render.context import RenderInput
from ropa.render.html import render
from ropa.validate import validate_file

ROOT = Path(__file__).parent.parent
HOSTILE = ROOT / "tests" / "examples" / "valid" / "hostile" / "register.yaml"
MINIMAL = ROOT / "tests" / "examples" / "valid" / "minimal" / "register.yaml"
INTERNAL = ROOT / "tests" / "examples" / "valid" / "internal" / "register.yaml"
#: Void elements: no end tag.
_VOID = {"meta", "link", "br", "input", "hr", "img", "source", "wbr", "area", "base", "col", "embed", "param", "track"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)


class Page(HTMLParser):
    """Every element in document order, with its own text (CDATA of script and style included)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.texts: list[str] = []
        self.doctype = ""
        self.feed(source)
        self.close()

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self._open, f"</{tag}> closes nothing"
        assert self._open[-1].tag == tag, f"</{tag}> closes <{self._open[-1].tag}>"
        self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].text.append(data)
        if not self._open or self._open[-1].tag not in ("script", "style", "title"):
            self.texts.append(data)

    def all(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    def by_id(self, ident: str) -> Element:
        (found,) = [e for e in self.elements if e.attrs.get("id") == ident]
        return found

    @property
    def text(self) -> str:
        """What the page shows, white space collapsed."""
        return " ".join("".join(self.texts).split())


def data_of(path: Path, lang: str | None = None) -> RenderInput:
    outcome = validate_file(path)
    assert outcome.ok, [f.message for f in outcome.findings if f.is_error]
    return RenderInput.from_outcome(outcome, lang)


def page_of(path: Path, *, public: bool = False, map_svg: str | None = None, lang: str | None = None) -> tuple[bytes, Page]:
    payload = render(data_of(path, lang), public=public, map_svg=map_svg)
    return payload, Page(payload.decode("utf-8"))
