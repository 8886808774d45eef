"""Render a validated register into every output format and write the files atomically."""

from __future__ import annotations

import importlib
import importlib.util
import os
import tempfile
from pathlib import Path

from ropa.model.enums import Language
from ropa.render.context import RenderInput
from ropa.validate import Outcome

#: format -> module with ``render(data: RenderInput) -> bytes``; imported only when building.
RENDERERS: dict[str, str] = {"xlsx": "ropa.render.excel", "docx": "ropa.render.word"}


class BuildError(Exception):
    """An output could not be written; the previous file, if any, is left as it was."""


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then replace: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def available_renderers() -> dict[str, str]:
    """Renderers whose module exists in this installation."""
    return {fmt: mod for fmt, mod in RENDERERS.items() if importlib.util.find_spec(mod) is not None}


def build_outputs(outcome: Outcome, *, out_dir: Path, lang: str | None = None) -> list[Path]:
    """Render ``outcome``'s register in every available format; return the files written."""
    register = outcome.register
    if register is None or outcome.errors:
        raise BuildError("the register has errors")
    data = RenderInput(
        register=register,
        source_path=outcome.display,
        sha256=outcome.sha256,
        language=Language(lang) if lang else register.info.language,
        warnings=tuple(f for f in outcome.findings if not f.is_error),
    )
    written = []
    for fmt, module_name in available_renderers().items():
        module = importlib.import_module(module_name)
        try:
            payload: bytes = module.render(data)
            target = out_dir / f"{register.info.id}.{fmt}"
            write_atomic(target, payload)
        except OSError as exc:
            raise BuildError(f"cannot write {fmt}: {exc.strerror or exc}") from exc
        written.append(target)
    return written
