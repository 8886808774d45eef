"""The command line: parse arguments, call the core, print, and map results to exit codes.

Exit codes: 0 clean (warnings allowed), 1 findings or failed output, 2 usage error.
This is the only module that prints or exits. Renderers are imported only by ``build`` and
``change_report`` (tests/test_layout.py).
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ropa import __version__
from ropa.cli.common import EXIT_FINDINGS, EXIT_OK, as_of_date, display, register_files
from ropa.cli.exchange import export_command, import_command, init_command
from ropa.findings import Finding
from ropa.reference.labels import LANGUAGES as LABEL_LANGUAGES
from ropa.reporting.reporters import REPORTERS

if TYPE_CHECKING:
    from ropa.render.pdf import Office
    from ropa.validate import Outcome

#: The workbook layouts of `ropa build --layout` (ropa.build.LAYOUTS; a test keeps the two alike).
WORKBOOK_LAYOUTS = ("cnil", "ico")

_paths = click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))


def _author(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """--author: a name a document can hold, or a usage error (exit 2)."""
    if value is None:
        return None
    from ropa.render.changes.author import author_problem

    problem = author_problem(value)
    if problem:
        raise click.BadParameter(problem)
    return value


def _validate_all(paths: tuple[Path, ...]) -> list[Outcome]:
    from ropa.validate import validate_file

    return [validate_file(p, display(p)) for p in register_files(paths)]


# The last register validated stays alive until the next one is done: the program leaves without freeing
# it object by object (ropa.cli.entry), 0.07 s of validating 10,000 activities.
_LAST: list[Outcome] = []


def _findings(path: Path, *, use_cache: bool, as_of: dt.date | None = None) -> list[Finding]:
    """Findings for one register judged on ``as_of``, from the cache when nothing it depends on changed."""
    from ropa import cache

    shown = display(path)
    if use_cache and (cached := cache.lookup(path, shown, as_of)) is not None:
        return cached
    from ropa.validate import validate_file

    outcome = validate_file(path, shown, as_of)
    _LAST[:] = [outcome]
    if use_cache:
        sources = [s.file for s in outcome.register.sources] if outcome.register else []
        cache.store(path, outcome.sha256, sources, outcome.findings, as_of)
    return outcome.findings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ropa")
def main() -> None:
    """Keep GDPR Article 30 registers as YAML; validate them and build Excel and Word registers."""


for _command in (export_command, import_command, init_command):  # ropa/cli/exchange.py: registers in and out
    main.add_command(_command)


@main.command()
@_paths
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True, help="How to print findings.")
@click.option("--no-cache", is_flag=True, help="Check everything again, ignoring and not writing .ropa-cache/.")
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    default=None,
    callback=as_of_date,
    help="Judge reviews and adequacy on DATE (YYYY-MM-DD, or `today` for a scheduled CI run) instead of each register's date.",
)
def validate(paths: tuple[Path, ...], fmt: str, no_cache: bool, as_of: dt.date | None) -> None:
    """Check registers (default: every register under policies/) and print every finding.

    A register and the source texts it quotes are checked together, so passing a changed policy
    text checks the registers next to it. Results are cached in .ropa-cache/ (or $ROPA_CACHE_DIR)
    by content, so unchanged registers are not parsed again.

    Reviews older than the register's review period (default 12 months) and transfer grounds are
    judged on each register's own date, so a register gives the same findings on any day; a
    scheduled CI job passes --as-of today to learn that a review has fallen due since.
    """
    files = register_files(paths)
    gc.disable()  # a short-lived process that builds millions of acyclic containers: 2x faster
    findings = [f for path in files for f in _findings(path, use_cache=not no_cache, as_of=as_of)]
    click.echo(REPORTERS[fmt](findings, len(files)))
    sys.exit(EXIT_FINDINGS if any(f.is_error for f in findings) else EXIT_OK)


@main.command()
@_paths
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for the rendered registers.",
)
@click.option(
    "--lang",
    type=click.Choice(LABEL_LANGUAGES),
    default=None,
    help="Language of labels (default: each register's own; English for a language ropa has no labels in).",
)
@click.option(
    "--author",
    metavar="NAME",
    default=None,
    callback=_author,
    help="Author of the change reports' tracked changes (default: git's user.name, else ropa).",
)
@click.option(
    "--layout",
    "layouts",
    type=click.Choice(WORKBOOK_LAYOUTS),
    multiple=True,
    default=("ico",),
    show_default=True,
    help="Workbook layout, repeatable: ico (<id>.xlsx, the UK ICO's columns) or cnil (<id>-cnil.xlsx, the CNIL's fiches, in French).",
)
@click.option("--html", "html", is_flag=True, help="Also write the web page <id>.html: one self-contained file, for an intranet.")
@click.option(
    "--public",
    is_flag=True,
    help="Also write <id>-public.html, the page for publication: without encoder notes, attestations' names and internal document references.",
)
@click.option("--pdf", is_flag=True, help="Also write <id>.pdf: the Word register as archival PDF/A-2b (needs LibreOffice).")
def build(
    paths: tuple[Path, ...],
    out_dir: Path,
    lang: str | None,
    author: str | None,
    layouts: tuple[str, ...],
    *,
    html: bool,
    public: bool,
    pdf: bool,
) -> None:
    """Validate registers and write them as .xlsx and .docx into the output folder.

    Registers in one folder are versions of one organisation's register: for each consecutive
    pair by register date, the change report (`ropa diff`) is written too, as .docx and .xlsx.

    With Graphviz's `dot` on PATH, the data map is drawn too: in the .docx and .xlsx, and as
    <id>-map.svg. Without it, everything else is built and a note says how to install it.
    """
    from ropa.build import BuildError, build_change_reports, build_outputs, build_pdf, map_hint, no_labels_note

    outcomes = _validate_all(paths)
    hint = map_hint()
    if hint and any(o.ok for o in outcomes):
        click.echo(f"note: no data map, {hint}; everything else is built", err=True)
    office = _office() if pdf else None
    findings = [f for o in outcomes for f in o.findings]
    if findings:
        click.echo(REPORTERS["text"](findings, len(outcomes)), err=True)
    failed = False
    total = len(outcomes)
    for n, outcome in enumerate(outcomes, 1):
        if not outcome.ok:
            click.echo(f"[{n}/{total}] {outcome.display}: not rendered, it has errors", err=True)
            failed = True
            continue
        note = None if lang else no_labels_note(outcome)
        if note:
            click.echo(f"[{n}/{total}] {note}", err=True)
        try:
            written = build_outputs(outcome, out_dir=out_dir, lang=lang, layouts=layouts, html=html, public=public)
        except BuildError as exc:
            click.echo(f"[{n}/{total}] {outcome.display}: {exc}", err=True)
            failed = True
            continue
        for target in written:
            click.echo(f"[{n}/{total}] wrote {display(target)}")
        if pdf:
            try:
                click.echo(f"[{n}/{total}] wrote {display(build_pdf(outcome, written, office))}")
            except BuildError as exc:
                click.echo(f"[{n}/{total}] {outcome.display}: {exc}", err=True)
                failed = True
    if office is not None:
        office.close()
    # ropa diff: change reports between consecutive registers of one folder (ropa/diff/)
    try:
        for target in build_change_reports(outcomes, out_dir=out_dir, lang=lang, author=author):
            click.echo(f"wrote {display(target)}")
    except BuildError as exc:
        click.echo(str(exc), err=True)
        failed = True
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _office() -> Office | None:
    """A LibreOffice for `build --pdf`, or None (each register then says how to install it)."""
    from ropa.render.pdf import Office, PdfError

    try:
        return Office()
    except PdfError:
        return None


@main.command()
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"), show_default=True)
@click.option("--check", is_flag=True, help="Fail if the committed schema is stale instead of writing it.")
def schema(directory: Path, check: bool) -> None:
    """Write the register's JSON Schema (generated from the models) into schemas/."""
    from ropa.schema import SCHEMA_FILE, is_stale, write_schema

    if check:
        if is_stale(directory):
            click.echo(f"{directory / SCHEMA_FILE} is stale: run `ropa schema` and commit it", err=True)
            sys.exit(EXIT_FINDINGS)
        click.echo(f"{directory / SCHEMA_FILE} is up to date")
        return
    click.echo(f"wrote {write_schema(directory)}")


@main.command(short_help="Which points of Art. 30 each register leaves open, per activity.")
@_paths
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="List every point, not only those the source does not state.")
def gaps(paths: tuple[Path, ...], fmt: str, show_all: bool) -> None:
    """Completeness per organisation and activity: which Art. 30 points the sources leave open."""
    from ropa.reporting.gaps_report import gaps_json, gaps_text

    outcomes = _validate_all(paths)
    errors = [f for o in outcomes for f in o.errors]
    if errors:  # a gap count from a register with errors would mislead: say so, and fail
        click.echo(REPORTERS["text"](errors, len(outcomes)), err=True)
    usable = [o for o in outcomes if o.register is not None]
    click.echo(gaps_json(usable) if fmt == "json" else gaps_text(usable, show_all=show_all))
    sys.exit(EXIT_FINDINGS if errors else EXIT_OK)


# --- ropa diff: change report between two versions of a register (ropa/diff/) ----------------


@main.command("diff")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rev", metavar="REV", default=None, help="Compare PATH as of git revision REV (old) with the working copy (new).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="How to print the changes.")
@click.option(
    "--docx", "docx_out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write a Word redline (tracked changes)."
)
@click.option(
    "--xlsx", "xlsx_out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write a workbook, one row per change."
)
@click.option(
    "--lang",
    type=click.Choice(LABEL_LANGUAGES),
    default=None,
    help="Language of labels (default: the new register's; English for a language ropa has no labels in).",
)
@click.option(
    "--author",
    metavar="NAME",
    default=None,
    callback=_author,
    help="Author of the redline's tracked changes (default: git's user.name, else ropa).",
)
def diff_command(
    paths: tuple[Path, ...],
    *,
    rev: str | None,
    fmt: str,
    docx_out: Path | None,
    xlsx_out: Path | None,
    lang: str | None,
    author: str | None,
) -> None:
    """Compare two versions of a register: what changed, in the terms a DPO uses.

    \b
      ropa diff OLD NEW          two register files
      ropa diff --rev REV PATH   PATH as of git revision REV against the working copy

    Transfers to new third countries and changed transfer grounds come first; evidence-only
    changes (quotes, notes, sources) are listed apart from substantive ones.

    \b
    Exit codes, as diff(1): 0 the registers record the same; 1 they differ (any change,
    substantive or evidence-only: a review is due); 2 trouble (wrong arguments, a register
    that does not validate, a revision git cannot give, an output that cannot be written).
    """
    from ropa.change_report import run_diff

    want = 1 if rev else 2
    if len(paths) != want:
        raise click.UsageError("give OLD and NEW, or --rev REV and one PATH")
    old, new = (None, paths[0]) if rev else paths
    shown = {p: display(p) for p in paths}
    result = run_diff(old, new, rev=rev, fmt=fmt, lang=lang, docx=docx_out, xlsx=xlsx_out, display=shown, author=author)
    for message in result.errors:
        click.echo(message, err=True)
    if result.output:
        click.echo(result.output)
    for target in result.written:
        click.echo(f"wrote {display(target)}", err=True)
    sys.exit(result.code)
