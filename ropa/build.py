"""Render a validated register into every output format and write the files atomically."""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ropa.files import write_atomic
from ropa.reference.labels import FALLBACK, LANGUAGES
from ropa.reference.languages import language_name
from ropa.render.context import RenderInput
from ropa.validate import Outcome

if TYPE_CHECKING:
    from ropa.render.pdf import Office

#: format -> module with ``render(data: RenderInput) -> bytes``; imported only when building.
RENDERERS: dict[str, str] = {"xlsx": "ropa.render.excel", "docx": "ropa.render.word"}
#: workbook layout -> (module with ``render``, file-name suffix). ``ico`` is the default workbook,
#: ``<id>.xlsx``; another layout gets its own name, so a folder never holds two layouts under one name.
LAYOUTS: dict[str, tuple[str, str]] = {"ico": ("ropa.render.excel", ""), "cnil": ("ropa.render.excel.cnil", "-cnil")}
DEFAULT_LAYOUTS = ("ico",)


class BuildError(Exception):
    """An output could not be written; the previous file, if any, is left as it was."""


def available_renderers() -> dict[str, str]:
    """Renderers whose module exists in this installation."""
    return {fmt: mod for fmt, mod in RENDERERS.items() if importlib.util.find_spec(mod) is not None}


def no_labels_note(outcome: Outcome) -> str | None:
    """'x.yaml: no labels in fi (Finnish); outputs use English' for a register whose language the catalogue lacks."""
    register = outcome.register
    if register is None or register.info.language in LANGUAGES:
        return None
    code = register.info.language
    return f"{outcome.display}: no labels in {code} ({language_name(code)}); outputs use {language_name(FALLBACK)}"


def map_hint() -> str | None:
    """How to get the data map, when Graphviz is not installed here (``ropa build`` says it once); None when it is."""
    from ropa.render import datamap  # noqa: PLC0415 - loads only when building

    return None if datamap.available() else datamap.HOW_TO_INSTALL


def _with_map(data: RenderInput) -> RenderInput:
    """``data`` with its data map drawn (ropa.render.datamap), when Graphviz is installed."""
    from ropa.render import datamap  # noqa: PLC0415 - loads only when building

    try:
        drawn = datamap.draw(data)
    except datamap.GraphvizError as exc:
        raise BuildError(f"cannot draw the data map: {exc}") from exc
    return data if drawn is None else dataclasses.replace(data, data_map=drawn)


def build_outputs(
    outcome: Outcome,
    *,
    out_dir: Path,
    lang: str | None = None,
    layouts: Sequence[str] = DEFAULT_LAYOUTS,
    html: bool = False,
    public: bool = False,
) -> list[Path]:
    """Render ``outcome``'s register in every available format, the workbook in each of ``layouts``; return the files written.

    With Graphviz installed, the data map is drawn once: embedded in the Word and
    Excel registers and written as ``<id>-map.svg``. ``html``: also the web page
    ``<id>.html``; ``public``: the extract for publication ``<id>-public.html``.
    """
    register = outcome.register
    if register is None or outcome.errors:
        raise BuildError("the register has errors")
    unknown = [name for name in layouts if name not in LAYOUTS]
    if unknown:
        raise BuildError(f"no workbook layout {', '.join(unknown)}; available: {', '.join(sorted(LAYOUTS))}")
    data = RenderInput.from_outcome(outcome, lang)
    data = _with_map(data)
    jobs: list[tuple[str, str]] = []  # (module, file name)
    for fmt, module_name in available_renderers().items():
        if fmt == "xlsx":
            jobs += [(LAYOUTS[name][0], f"{register.info.id}{LAYOUTS[name][1]}.xlsx") for name in dict.fromkeys(layouts)]
        else:
            jobs.append((module_name, f"{register.info.id}.{fmt}"))
    written = []
    for module_name, file_name in jobs:
        module = importlib.import_module(module_name)
        fmt = file_name.rsplit(".", 1)[1]
        try:
            payload: bytes = module.render(data)
            target = out_dir / file_name
            write_atomic(target, payload)
        except OSError as exc:
            raise BuildError(f"cannot write {fmt}: {exc.strerror or exc}") from exc
        written.append(target)
    if data.data_map is not None:
        from ropa.render.datamap import svg_document  # noqa: PLC0415 - loads only when building

        target = out_dir / f"{register.info.id}-map.svg"
        try:
            write_atomic(target, svg_document(data.data_map))
        except OSError as exc:
            raise BuildError(f"cannot write the data map: {exc.strerror or exc}") from exc
        written.append(target)
    pages = [(False, f"{register.info.id}.html")] if html else []
    pages += [(True, f"{register.info.id}-public.html")] if public else []
    if pages:
        written += _build_pages(data, out_dir, pages)
    return written


def _map_svg(data: RenderInput) -> str | None:
    """The data map as inline SVG (``ropa.render.datamap``), or None where Graphviz is missing."""
    from ropa.render.datamap import svg  # noqa: PLC0415 - loads only when building

    return svg(data)


def _build_pages(data: RenderInput, out_dir: Path, pages: list[tuple[bool, str]]) -> list[Path]:
    """The web page (``ropa.render.html``): the whole register, and/or its extract for publication."""
    html = importlib.import_module("ropa.render.html")  # loads only when asked for, like every renderer
    map_svg = _map_svg(data)
    written = []
    for public, file_name in pages:
        target = out_dir / file_name
        try:
            payload: bytes = html.render(data, public=public, map_svg=map_svg)
            write_atomic(target, payload)
        except OSError as exc:
            raise BuildError(f"cannot write html: {exc.strerror or exc}") from exc
        written.append(target)
    return written


def build_pdf(outcome: Outcome, written: Sequence[Path], office: Office | None) -> Path:
    """Convert the Word register among ``written`` into ``<id>.pdf`` beside it (PDF/A-2b, ropa/render/pdf/)."""
    from ropa.render.pdf import INSTALL_HINT, PdfError  # noqa: PLC0415 - LibreOffice's part loads only for --pdf

    register = outcome.register
    docx = next((p for p in written if p.suffix == ".docx"), None)
    if register is None or docx is None:
        raise BuildError("no Word register to convert to PDF")
    if office is None:
        raise BuildError(f"no PDF: {INSTALL_HINT}")
    target = docx.with_suffix(".pdf")
    try:
        write_atomic(target, office.convert(docx.read_bytes(), register.info.date))
    except PdfError as exc:
        raise BuildError(f"no PDF: {exc}") from exc
    except OSError as exc:
        raise BuildError(f"cannot write pdf: {exc.strerror or exc}") from exc
    return target


# --- change reports between versions of one organisation's register (ropa diff, ropa/diff/) ---


def change_report_pairs(outcomes: list[Outcome]) -> list[tuple[Outcome, Outcome]]:
    """Registers in the same folder (policies/<org>/), ordered by register date: each consecutive pair."""
    folders: dict[Path, list[Outcome]] = {}
    for o in outcomes:
        if o.ok and o.register is not None:
            folders.setdefault(o.path.resolve().parent, []).append(o)
    pairs: list[tuple[Outcome, Outcome]] = []
    for group in folders.values():
        group.sort(key=lambda o: (o.register.info.date, o.register.info.id) if o.register else ())
        pairs.extend(itertools.pairwise(group))
    return pairs


def build_change_reports(outcomes: list[Outcome], *, out_dir: Path, lang: str | None = None, author: str | None = None) -> list[Path]:
    """Write ``<old-id>_to_<new-id>.docx`` (tracked changes by ``author``) and ``.xlsx`` for each pair; return the files written."""
    from ropa.change_report import write_pair  # noqa: PLC0415 - the change report loads only when building

    written = []
    for old, new in change_report_pairs(outcomes):
        try:
            written += write_pair(old, new, out_dir=out_dir, lang=lang, author=author)
        except OSError as exc:
            raise BuildError(f"cannot write the change report {old.display} -> {new.display}: {exc.strerror or exc}") from exc
    return written
