"""The commands that bring a register in and out: `ropa init`, `ropa import` and `ropa export` (the CLI only parses,
calls the core, prints and maps results to exit codes)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ropa.cli.common import EXIT_FINDINGS, EXIT_USAGE, as_of_date, display, register_files
from ropa.reference.labels import LANGUAGES as LABEL_LANGUAGES
from ropa.reporting.reporters import REPORTERS


@click.command("export", short_help="Write one register as JSON (the model) or CSV (the Register sheet's rows).")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True, help="What to write.")
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE (atomically) instead of standard output.",
)
@click.option(
    "--lang",
    type=click.Choice(LABEL_LANGUAGES),
    default=None,
    help="CSV only: language of the headers and labels (default: the register's own; English for a language ropa has no labels in).",
)
@click.option(
    "--record",
    type=click.Choice(["controller", "processor"]),
    default=None,
    help="CSV only: the controller activities (Art. 30(1), the Register sheet; default) or the processor activities (Art. 30(2)).",
)
def export_command(path: Path, *, fmt: str, output: Path | None, lang: str | None, record: str | None) -> None:
    """Write the register in PATH (a file, or a folder holding one register) for other tools.

    \b
    json  the whole register as the model, keys named as in YAML and ordered as in the
          models, with `$schema` naming schemas/register.schema.json's $id; each activity
          shows its effective values and lists in `inherited` the points it takes from
          `defaults`. It reads back into the same register.
    csv   one row per activity, the columns and cell texts of the workbook's Register
          sheet (the UK ICO template's order); gaps read as in the workbook, never blank.
          UTF-8 with a byte-order mark (for Excel), CRLF rows; a cell starting with
          = + - @, a tab or a carriage return gets a leading ' (OWASP, CSV injection).

    The register is validated first: with errors, the findings are printed and nothing is written (exit 1).
    """
    from ropa.export import record_counts, register_csv, register_json
    from ropa.files import write_atomic
    from ropa.validate import validate_file

    if fmt == "json" and (lang or record):
        raise click.UsageError("--lang and --record apply to --format csv only")
    files = register_files((path,))
    if len(files) != 1:
        raise click.UsageError(f"{display(path)} holds {len(files)} registers: export one at a time")
    outcome = validate_file(files[0], display(files[0]))
    if outcome.register is None or outcome.errors:
        click.echo(REPORTERS["text"](outcome.findings, 1), err=True)
        click.echo(f"{outcome.display}: not exported, it has errors", err=True)
        sys.exit(EXIT_FINDINGS)
    register = outcome.register
    chosen = record or "controller"
    data = register_json(register) if fmt == "json" else register_csv(register, lang=lang, record=chosen)
    if fmt == "csv":
        other = "processor" if chosen == "controller" else "controller"
        if (left := record_counts(register)[other]) and record is None:
            click.echo(
                f"{outcome.display}: {left} {other} activit{'y' if left == 1 else 'ies'} not in this CSV (--record {other})", err=True
            )
    if output is None:
        click.echo(data, nl=False)  # bytes go to the binary stream: the BOM and CRLF reach the pipe unchanged
        return
    try:
        write_atomic(output, data)
    except OSError as exc:
        click.echo(f"{display(output)}: cannot write: {exc.strerror}", err=True)
        sys.exit(EXIT_FINDINGS)
    click.echo(f"wrote {display(output)}", err=True)


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default=None, help="The organisation's legal name (default: the folder's name).")
@click.option("--country", metavar="CC", default=None, help="Country of establishment, ISO 3166-1 alpha-2 (default: not stated).")
@click.option("--language", metavar="LL", default="en", show_default=True, help="Language of the register, ISO 639-1.")
@click.option(
    "--kind",
    type=click.Choice(["internal", "policy"]),
    default="internal",
    show_default=True,
    help="internal: the organisation's own register; policy: one encoded from a published privacy policy.",
)
@click.option(
    "--id", "register_id", metavar="ID", default=None, help="Register id, naming the output files (default: from the folder's name)."
)
@click.option(
    "--date",
    "day",
    metavar="DATE",
    default="today",
    show_default=True,
    callback=as_of_date,
    help="The date the register speaks for (YYYY-MM-DD).",
)
def init_command(
    directory: Path, *, name: str | None, country: str | None, language: str, kind: str, register_id: str | None, day: dt.date
) -> None:
    """Start a register for a new organisation in DIRECTORY.

    Writes register.yaml (every required point present and not stated, with a comment saying what
    goes there, and one example activity), notes.md (the source its quotes are checked against)
    and a README.md on what to do next. It validates with warnings only, and builds. An existing
    register is never overwritten.
    """
    from ropa.scaffold import InitError, Options, plan, write

    options = Options(directory, name=name, country=country, language=language, kind=kind, register_id=register_id, date=day)
    try:
        written = write(plan(options))
    except InitError as exc:
        click.echo(f"ropa init: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    for target in written:
        click.echo(f"wrote {display(target)}")
    click.echo(f"next: edit {display(directory / 'register.yaml')}, then `ropa validate {display(directory)}`")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--layout",
    type=click.Choice(["auto", "ico", "ropa", "csv"]),
    default="auto",
    show_default=True,
    help="The table's layout: found from its headers (auto), the UK ICO template (ico), a workbook ropa built (ropa), or CSV.",
)
@click.option("--org-id", "org_id", metavar="ID", default=None, help="Register id (default: from the controller's name).")
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder to write (default: named after FILE)."
)
@click.option(
    "--date", "day", metavar="DATE", default="today", show_default=True, callback=as_of_date, help="The register's date (YYYY-MM-DD)."
)
def import_command(file: Path, *, layout: str, org_id: str | None, out_dir: Path | None, day: dt.date) -> None:
    """Make a register folder from a spreadsheet register (.xlsx or .csv).

    Writes register.yaml and workbook.txt, a plain-text copy of the workbook (one line per
    non-empty cell, e.g. `Template!E12: Name, e-mail address`, under the workbook's name and
    SHA-256) that every imported fact quotes. Columns are matched by their header text; cells
    are read as DPOs write them (lawful bases, countries, safeguards, retention periods, N/A);
    whatever is not understood is kept as a note, marked not stated, and warned about with its
    cell. A workbook ropa built reads back as the register it shows: 'Organisation-wide' cells
    as `defaults`, and its Security, Recipients, Transfers, Retention and Cookies sheets for what
    the Register sheet leaves out (each recipient's id, kind, country, contract, certifications
    and relations; each cookie and the activities using it). Exit 2, writing nothing, for input
    that cannot be read.
    """
    from ropa.importing import ImportInputError, import_file

    try:
        result = import_file(file, layout=layout, org_id=org_id, out_dir=out_dir, day=day)
    except ImportInputError as exc:
        click.echo(f"ropa import: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    for warning in result.warnings:
        click.echo(f"{display(file)}: {warning}", err=True)
    click.echo(f"table: {result.sheet}, header row {result.header_row}; {result.activities} activities")
    click.echo(f"mapped columns ({len(result.mapped)}):")
    for ref, header, what in result.mapped:
        click.echo(f"  {ref} {' '.join(header.split())!r} -> {what}")
    click.echo(f"unmapped columns ({len(result.unmapped)}):" + ("" if result.unmapped else " none"))
    for ref, header, why in result.unmapped:
        click.echo(f"  {ref} {' '.join(header.split())!r}: {why}")
    click.echo(f"cells kept as text: {result.kept_as_text}; warnings: {len(result.warnings)}")
    for target in result.written:
        click.echo(f"wrote {display(target)}")
    click.echo(f"next: `ropa validate {display(result.written[0].parent)}`, then `ropa gaps` for what the workbook leaves open")
