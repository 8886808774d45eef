"""``ropa diff`` behind the command line: load both sides, compare, write the requested files.

Returns what to print and the exit code; :mod:`ropa.cli` prints and exits. Exit codes follow
diff(1): 0 the registers record the same, 1 they differ, 2 trouble (a register that does not
validate, a revision git cannot give, an output that cannot be written).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ropa.diff import compare
from ropa.diff.git import GitError, materialise
from ropa.diff.jsonout import render_json
from ropa.diff.model import Report
from ropa.diff.text import render_text
from ropa.reporting.reporters import REPORTERS
from ropa.validate import Outcome, validate_file

SAME, DIFFERENT, TROUBLE = 0, 1, 2


@dataclass
class Run:
    """The outcome of one ``ropa diff``: exit code, standard output, messages for standard error."""

    code: int
    output: str = ""
    errors: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def _usable(outcome: Outcome) -> str | None:
    """Why a side cannot be compared (its findings), or None when it validated."""
    if outcome.register is not None and not outcome.errors:
        return None
    return REPORTERS["text"](outcome.errors or outcome.findings, 1)


def write_outputs(
    report: Report, old: Outcome, new: Outcome, *, docx: Path | None, xlsx: Path | None, author: str | None = None
) -> list[Path]:
    """Write the workbook and the Word redline (its changes by ``author``, see :mod:`ropa.render.changes.author`); raises OSError."""
    from ropa.files import write_atomic  # noqa: PLC0415 - the writers load only when a file is asked for

    written = []
    if xlsx is not None:
        from ropa.render.changes.xlsx import render_xlsx  # noqa: PLC0415 - openpyxl loads only for --xlsx

        write_atomic(xlsx, render_xlsx(report))
        written.append(xlsx)
    if docx is not None:
        from ropa.render.changes.author import revision_author  # noqa: PLC0415 - git is asked only for --docx
        from ropa.render.changes.redline import render_redline  # noqa: PLC0415 - lxml and the Word renderer load only for --docx

        write_atomic(docx, render_redline(report, old, new, author=revision_author(author, new.path.parent)))
        written.append(docx)
    return written


def _compare(
    old: Outcome, new: Outcome, *, fmt: str, lang: str | None, docx: Path | None, xlsx: Path | None, author: str | None = None
) -> Run:
    for outcome in (old, new):
        why = _usable(outcome)
        if why is not None:
            return Run(TROUBLE, errors=[why, f"{outcome.display}: cannot compare a register that does not validate (run `ropa validate`)"])
    assert old.register is not None
    assert new.register is not None
    report = compare(old.register, new.register, lang=lang, old_path=old.display, new_path=new.display)
    run = Run(SAME if report.equal else DIFFERENT, render_json(report) if fmt == "json" else render_text(report))
    try:
        run.written = write_outputs(report, old, new, docx=docx, xlsx=xlsx, author=author)
    except OSError as exc:
        run.code = TROUBLE
        run.errors.append(f"cannot write the change report: {exc.strerror or exc}")
    return run


def run_diff(
    old: Path | None, new: Path, *, rev: str | None = None, fmt: str = "text", lang: str | None = None,
    docx: Path | None = None, xlsx: Path | None = None, display: dict[Path, str] | None = None, author: str | None = None,
) -> Run:  # fmt: skip
    """Compare ``old`` with ``new``, or ``new`` as of git revision ``rev`` with ``new`` itself."""
    shown = display or {}
    new_outcome = validate_file(new, shown.get(new, str(new)))
    if rev is None:
        assert old is not None
        old_outcome = validate_file(old, shown.get(old, str(old)))
        return _compare(old_outcome, new_outcome, fmt=fmt, lang=lang, docx=docx, xlsx=xlsx, author=author)
    with tempfile.TemporaryDirectory(prefix="ropa-diff-") as tmp:
        try:
            target, name = materialise(rev, new, Path(tmp))
        except GitError as exc:
            return Run(TROUBLE, errors=[f"{new}: {exc}"])
        return _compare(validate_file(target, name), new_outcome, fmt=fmt, lang=lang, docx=docx, xlsx=xlsx, author=author)


def pair_name(old: Outcome, new: Outcome) -> str:
    """The file name (without suffix) of a change report: ``cm-2017-10-07_to_cm-2018-08-15``."""
    assert old.register is not None
    assert new.register is not None
    return f"{old.register.info.id}_to_{new.register.info.id}"


def write_pair(old: Outcome, new: Outcome, *, out_dir: Path, lang: str | None = None, author: str | None = None) -> list[Path]:
    """The change report from ``old`` to ``new`` as .docx and .xlsx in ``out_dir``; raises OSError."""
    assert old.register is not None
    assert new.register is not None
    report = compare(old.register, new.register, lang=lang, old_path=old.display, new_path=new.display)
    stem = out_dir / pair_name(old, new)
    return write_outputs(report, old, new, docx=stem.with_suffix(".docx"), xlsx=stem.with_suffix(".xlsx"), author=author)
