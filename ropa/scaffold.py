"""`ropa init DIR`: a register folder for a new organisation, every required point present and not stated.

The register validates with warnings only (each one says what to add) and builds. Nothing is
invented: the organisation's name and country are the options given, marked as having no
evidence yet; every other point is ``{not_stated: true}`` with a one-line comment saying what goes
there and its article. The texts that reach the outputs (the notes source's title, the example
categories and activity, the Art. 30(5) reasoning, the notes file) are in the register's language
where ropa has a catalogue (``init.*`` labels), English otherwise; the YAML's comments are English.
The CLI prints what was written; this module only writes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from pydantic import TypeAdapter, ValidationError

from ropa.loading.discover import discover
from ropa.model.organisation import RegisterInfo
from ropa.model.types import CountryCode, Date, FileId, LanguageCode
from ropa.reference.labels import LANGUAGES, label
from ropa.schema import SCHEMA_FILE, build_schema

REGISTER_FILE = "register.yaml"
NOTES_FILE = "notes.md"
KINDS = ("internal", "policy")


class InitError(Exception):
    """The folder cannot take a new register, or an option is not valid (a usage error)."""


@dataclass(frozen=True)
class Options:
    """What `ropa init` was told; None means the default."""

    directory: Path
    name: str | None = None
    country: str | None = None
    language: str = "en"
    kind: str = "internal"
    register_id: str | None = None
    date: dt.date | None = None


def _check(adapter: TypeAdapter[Any], value: object, what: str) -> Any:
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        reason = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
        raise InitError(f"{what} {value!r}: {reason}") from None


def _default_id(directory: Path) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", directory.resolve().name.casefold()).strip("-")[:64]
    return slug or "register"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _schema_ref(directory: Path) -> str | None:
    """The modeline's path to schemas/register.schema.json in a folder above, or None when there is none."""
    here = directory.resolve()
    for parent in [here, *here.parents]:
        candidate = parent / "schemas" / SCHEMA_FILE
        if candidate.is_file():
            return Path(os.path.relpath(candidate, here)).as_posix()
    return None


def _words(language: str) -> Callable[..., str]:
    """The ``init.*`` texts in the register's language where ropa has a catalogue, else in English."""
    lang = language if language in LANGUAGES else "en"

    def say(key: str, **values: object) -> str:
        text = label(f"init.{key}", lang)
        return text.format(**values) if values else text

    return say


def _adapter(field: str) -> TypeAdapter[Any]:
    """The type a field of RegisterInfo accepts, whatever form the model gives it."""
    return TypeAdapter(cast("Any", RegisterInfo.model_fields[field].annotation))


def register_yaml(opts: Options, schema_ref: str) -> str:
    """The text of the new register."""
    language = _check(TypeAdapter(LanguageCode), opts.language, "--language")
    language = getattr(language, "value", language)
    register_id = _check(TypeAdapter(FileId), opts.register_id or _default_id(opts.directory), "--id (or the folder name)")
    day = _check(TypeAdapter(Date), opts.date or dt.date.today(), "--date")
    if opts.kind not in KINDS:
        raise InitError(f"--kind {opts.kind!r}: give one of {', '.join(KINDS)}")
    name = (opts.name or opts.directory.resolve().name).strip() or register_id
    country = _check(TypeAdapter(CountryCode), opts.country.upper(), "--country") if opts.country else None
    internal = opts.kind == "internal"
    say = _words(language)
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# The record of processing activities of {name} (GDPR Art. 30). Every point is in docs/format.md.",
        "# Each `{not_stated: true}` is a gap: replace it with `{value: ..., evidence: [...]}` once known, the evidence",
        '# being a quote of a source, `{quote: "..."}`, or who in the organisation stated it, `{attested_by: Head of IT, date: YYYY-MM-DD}`.',
        "ropa: 1",
        "register:",
        f"  id: {register_id}  # names the output files",
        f"  date: {day.isoformat()}  # the date this register speaks for",
        f"  language: {language}  # language of the register's text and outputs",
    ]
    _check(_adapter("kind"), opts.kind, "--kind")
    lines += [
        f"  kind: {opts.kind}  # internal: facts the organisation records (gaps read 'Not recorded'); policy: read from a public policy",
        "  last_reviewed: {not_stated: true}   # when the register was last reviewed (Art. 24(1))",
        "sources:                              # the documents quotes are checked against",
        f"  - id: {'notes' if internal else 'policy'}",
        f"    file: {NOTES_FILE}",
        f"    title: {_q(say('source-title.internal' if internal else 'source-title.policy'))}",
        f"    language: {language}",
        "    date: {not_stated: true}          # the date the document carries",
        "controller:                           # Art. 30(1)(a): who keeps the register",
        f"  name: {{value: {_q(name)}, evidence: []}}   # the legal name; add a quote that gives it",
        "  registration_number: {not_stated: true}   # Art. 30(1)(a): company registration number",
        "  address: {not_stated: true}         # Art. 30(1)(a): registered or postal address",
    ]
    if country:
        lines.append(f"  country: {{value: {country}, evidence: []}}   # Art. 30(1)(a): country of establishment")
    else:
        lines.append("  country: {not_stated: true}         # Art. 30(1)(a): country of establishment, e.g. SE")
    lines += [
        "  contacts: {not_stated: true}        # Art. 30(1)(a): e-mail, phone, postal address or web form for privacy matters",
        "representative: {not_stated: true}    # Art. 27, 30(1)(a): representative in the Union; not_applicable if established in the EU",
        "dpo: {not_stated: true}               # Art. 37, 30(1)(a): the data protection officer; `none` if not appointed",
        "joint_controllers: {not_stated: true}  # Art. 26, 30(1)(a): joint controllers, each with its `arrangement`; `none` if none",
        "supervisory_authority: {not_stated: true}   # Art. 51, 56: the lead or competent supervisory authority",
        "roles: [controller]                   # controller (Art. 30(1)) and/or processor (Art. 30(2))",
        "art30_5:                              # Art. 30(5): the exemption for organisations under 250 employees",
        "  exemption_applies: false",
        "  employees: {not_stated: true}       # number of employees",
        f"  reasoning: {_q(say('art30-5.reasoning'))}",
        "data_subject_rights: {not_stated: true}   # Art. 12-22: the rights granted and how to exercise them",
        "data_subject_categories:              # Art. 30(1)(c): who the data are about; activities refer to the ids",
        "  - id: customers",
        f"    name: {_q(say('subjects.customers'))}",
        "data_categories:                      # Art. 30(1)(c): which personal data; activities refer to the ids",
        "  - id: contact-details",
        f"    name: {_q(say('data.contact-details'))}",
        "recipients: []                        # Art. 30(1)(d): who receives data (processors, authorities...)",
        "security_measures: []                 # Art. 30(1)(g), 32(1): technical and organisational measures",
        "activities:                           # Art. 30(1)(b)-(g): one entry per processing activity",
        "  - id: customer-enquiries",
        f"    name: {_q(say('activity.name'))}",
        "    business_function: {not_stated: true}   # the department or owner of the activity",
        "    purposes:                         # Art. 30(1)(b): each purpose with its lawful basis",
        f"      - description: {_q(say('activity.purpose'))}",
        "        lawful_basis: {not_stated: true}   # Art. 6(1): a-consent ... f-legitimate-interests",
        "    data_subjects: {value: [customers], evidence: []}   # Art. 30(1)(c): ids from data_subject_categories",
        "    data_categories: {value: [contact-details], evidence: []}   # Art. 30(1)(c): ids from data_categories",
        "    data_source: {not_stated: true}   # Art. 13, 14: data-subject, third-party, observed-use-of-service...",
        "    recipients: {not_stated: true}    # Art. 30(1)(d): ids from recipients, or `none`",
        "    transfers: {not_stated: true}     # Art. 30(1)(e): transfers outside the EEA and their ground, or `none`",
        "    retention: {not_stated: true}     # Art. 30(1)(f): how long the data are kept",
        "    security_measures: {not_stated: true}   # Art. 30(1)(g): ids from security_measures",
        "    automated_decisions: {not_stated: true}   # Art. 22: profiling and automated decisions, or `none`",
        "    dpia: {not_stated: true}          # Art. 35: whether an impact assessment is needed, and where it is",
        "    storage_location: {not_stated: true}   # where the data are stored (systems, countries)",
    ]
    return "\n".join(lines) + "\n"


def notes_text(opts: Options) -> str:
    """The notes file (the register's first source): what to write there, in the register's language."""
    name = (opts.name or opts.directory.resolve().name).strip()
    return _words(opts.language)("notes.policy" if opts.kind == "policy" else "notes.internal", name=name)


def readme_text(opts: Options) -> str:
    return f"""# Register of {(opts.name or opts.directory.resolve().name).strip()}

Started with `ropa init`. Next:

1. Put the text you quote into `{NOTES_FILE}` (or add your documents under `sources:` in `{REGISTER_FILE}`).
2. Replace each `{{not_stated: true}}` you can answer with a value and a quote; keep the rest as gaps.
3. Rename or replace the example activity and the example categories.
4. `ropa validate {REGISTER_FILE}`: each warning says what is still missing. `ropa gaps` lists the open points.
5. `ropa build {REGISTER_FILE}` writes the Excel and Word registers into `output/`.

Every field is explained in the format reference (docs/format.md of ropa).
"""


def plan(opts: Options) -> dict[Path, str]:
    """The files `ropa init` writes, with their text; refuses a folder that already holds a register."""
    directory = opts.directory
    if directory.exists() and not directory.is_dir():
        raise InitError(f"{directory} exists and is not a folder")
    if directory.is_dir() and (found := discover((directory,))):
        raise InitError(f"{found[0]} already holds a register; ropa init does not overwrite it")
    files: dict[Path, str] = {}
    ref = _schema_ref(directory)
    if ref is None:
        ref = SCHEMA_FILE
        files[directory / SCHEMA_FILE] = build_schema()
    files = {directory / REGISTER_FILE: register_yaml(opts, ref), directory / NOTES_FILE: notes_text(opts), **files}
    files[directory / "README.md"] = readme_text(opts)
    taken = [str(path) for path in files if path.exists()]
    if taken:
        raise InitError(f"{', '.join(taken)} already exist{'s' if len(taken) == 1 else ''}; ropa init does not overwrite files")
    return files


def write(files: dict[Path, str]) -> list[Path]:
    """Create the files (never replacing one); the folder is made if needed."""
    written: list[Path] = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written
