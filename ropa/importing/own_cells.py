"""Cells ropa's own Register sheet writes, turned back into structure: 'Name (Kind, Country)' recipients,
'Name: value' lines per recipient or destination, quoted unnamed destinations, and the automated-decisions cell
('Profiling: Yes / Automated decision: No / description'), in any catalogue language
(the inverse of ropa.render.excel.facts and ropa.render.excel.register_sheet)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ropa.importing import places, ropa_labels
from ropa.model.enums import DpiaStatus, RecipientKind, TransferMechanism
from ropa.reference.labels import catalogue

_QUOTED = re.compile("^\N{LEFT DOUBLE QUOTATION MARK}(.*)\N{RIGHT DOUBLE QUOTATION MARK}$", re.DOTALL)


def _tail(text: str) -> tuple[str, str] | None:
    """'Head (tail)' as (head, tail), the tail being the last bracketed part that ends the text."""
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            head = text[:i]
            return (head[:-1], text[i + 1 : -1]) if head.endswith(" ") and head.strip() else None
    return None


#: What a recipient's kind reads when the register leaves it open ('Name (Not stated in source, Sweden)').
KIND_NOT_STATED = "not_stated"


def recipient(text: str) -> tuple[str, RecipientKind | str | None, str | None]:
    """'MailChimp (Processor, United States)' -> name, kind (or ``KIND_NOT_STATED``) and country code; the text whole
    as the name otherwise."""
    split = _tail(text)
    if split is None:
        return text, None, None
    head, tail = split
    kind_text, _, where = tail.partition(", ")
    kinds: list[RecipientKind | str] = list(ropa_labels.labelled((kind_text,), RecipientKind) or [])
    if not kinds and kind_text.casefold() in ropa_labels.gap_labels():
        kinds = [KIND_NOT_STATED]
    if not kinds:
        return text, None, None
    code = places.country(where, fuzzy=False)[0] if where else None
    if where and code is None:
        return text, None, None
    return head, kinds[0], code


def label(key: str, language: str) -> str:
    """A catalogue label in the workbook's language, else in English."""
    labels = catalogue()[key]
    return str(labels.get(language, labels["en"]))


def colon(language: str) -> str:
    return str(catalogue()["punct.colon"].get(language, ": "))


def by_name(items: Sequence[str], names: Sequence[str], language: str) -> dict[str, str]:
    """'Name: value' items -> {name: value} for the names given (the longest name that fits first)."""
    sep = colon(language)
    found: dict[str, str] = {}
    for item in items:
        for name in sorted(names, key=len, reverse=True):
            if item.startswith(name + sep):
                found.setdefault(name, item[len(name) + len(sep) :])
                break
    return found


def destination(text: str) -> tuple[str, str | None]:
    """'United States (MailChimp)' or '“outside the EEA” (Partners)' -> (destination, recipient name or None)."""
    if _QUOTED.match(text):
        return text, None
    split = _tail(text)
    if split is not None and (_QUOTED.match(split[0]) or places.country(split[0], fuzzy=False)[0] is not None):
        return split
    return text, None


def unquoted(text: str) -> str | None:
    """The words of a destination ropa quoted because they name no country, or None."""
    hit = _QUOTED.match(text)
    return hit.group(1) if hit else None


@cache
def _yes_no() -> dict[str, bool]:
    labels = catalogue()
    return {text.casefold(): value for key, value in (("word.yes", True), ("word.no", False)) for text in labels[key].values()}


def gap(text: str) -> bool:
    """ropa's own gap cell ('Not stated in source', 'Not recorded')."""
    return " ".join(text.casefold().split()).rstrip(".") in ropa_labels.gap_labels()


def point_notes(text: str, language: str, keys: dict[str, str]) -> tuple[dict[str, str], str]:
    """A Note cell ropa wrote: the entry's own note, then the encoder's note on each point ('Country: ...', the label
    in the workbook's language), which may run over more lines. -> ({keys[label key]: note}, own note)."""
    labels = catalogue()
    heads = {str(labels[key].get(language, labels[key]["en"])) + colon(language): field for key, field in keys.items()}
    notes: dict[str, str] = {}
    own: list[str] = []
    for line in text.split("\n") if text else []:
        head = next((h for h in sorted(heads, key=len, reverse=True) if line.startswith(h)), None)
        if head is not None and heads[head] not in notes:
            notes[heads[head]] = line[len(head) :]
        elif notes:
            last = next(reversed(notes))
            notes[last] += "\n" + line
        else:
            own.append(line)
    return notes, "\n".join(own)


def yes_no(text: str) -> bool | None:
    """'Yes' or 'No' in any catalogue language, or None."""
    return _yes_no().get(" ".join(text.casefold().split()))


def automated(text: str, language: str) -> tuple[bool, bool, str] | None:
    """'Profiling: Yes\\nAutomated decision: No\\n<description>' -> (profiling, automated decision, description), or None."""
    labels = catalogue()
    sep = colon(language)
    lines = text.split("\n", 2)
    if len(lines) != 3:
        return None
    found: list[bool] = []
    for line, key in zip(lines[:2], ("word.profiling", "word.automated-decision"), strict=True):
        head = labels[key].get(language, "") + sep
        value = _yes_no().get(line.removeprefix(head).casefold()) if line.startswith(head) else None
        if value is None:
            return None
        found.append(value)
    return found[0], found[1], lines[2]


def mechanism(text: str, language: str) -> tuple[TransferMechanism, str | None] | None:
    """'Standard contractual clauses (Art. 46(2)(c)); Documentation: DPA 2021' -> (mechanism, documentation), or None."""
    labels = catalogue()
    semicolon = str(labels["punct.semicolon"].get(language, "; "))
    head, _, rest = text.partition(semicolon)
    found = ropa_labels.labelled((head,), TransferMechanism)
    if not found:
        return None
    if not rest:
        return found[0], None
    lead = str(labels["xlsx.word.documentation"].get(language, "")) + colon(language)
    return (found[0], rest.removeprefix(lead)) if rest.startswith(lead) else None


_ISO_TAIL = re.compile(r"^.+ \((P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)\)$")


def retention(text: str, language: str, categories: dict[str, str], recipients: dict[str, str] | None = None) -> dict[str, object]:
    """'E-mail address: 2 years (P2Y); rule; Counted from: x; Legal reference: y; Held by: HostCo' -> a retention rule's
    fields (``categories``: the row's data categories as ropa names them -> their ids; ``recipients`` likewise)."""
    labels = catalogue()
    sep, semicolon = colon(language), str(labels["punct.semicolon"].get(language, "; "))
    rule: dict[str, object] = {}
    text = _held_by(text, language, recipients or {}, rule)
    for name in sorted(categories, key=len, reverse=True):
        names = [n.strip() for n in text.split(sep, 1)[0].split(", ")] if sep in text else []
        if name in names and all(n in categories for n in names):
            rule["data_categories"] = [categories[n] for n in names]
            text = text.split(sep, 1)[1]
            break
    parts = text.split(semicolon)
    if parts and (hit := _ISO_TAIL.match(parts[0])) is not None and len(hit.group(1)) > 1:
        rule["period"] = hit.group(1)
        parts = parts[1:]
    for key, label in (("legal_reference", "word.legal-reference"), ("trigger", "word.trigger")):  # ropa writes them last
        head = str(labels[label].get(language, "")) + sep
        at = next((i for i in range(len(parts) - 1, -1, -1) if parts[i].startswith(head)), None)
        if at is not None:  # the value runs to the end, semicolons and all
            rule[key] = semicolon.join(parts[at:]).removeprefix(head)
            parts = parts[:at]
    if parts:
        rule["rule"] = semicolon.join(parts)
    return dict(sorted(rule.items(), key=lambda kv: list(_ORDER).index(kv[0])))


_ORDER = ("data_categories", "period", "rule", "trigger", "legal_reference", "held_by")


def _held_by(text: str, language: str, recipients: dict[str, str], rule: dict[str, object]) -> str:
    """The text without its last part 'Held by: HostCo, CDNCo' (ropa writes it last), whose names become ``held_by`` ids;
    the text whole when a name is not a recipient's."""
    labels = catalogue()
    head = str(labels["point.held-by"].get(language, "")) + colon(language)
    semicolon = str(labels["punct.semicolon"].get(language, "; "))
    at = text.rfind(semicolon + head)
    if at < 0:
        return text
    ids = _names(text[at + len(semicolon + head) :], recipients)
    if ids is None:
        return text
    rule["held_by"] = ids
    return text[:at]


def _names(text: str, known: dict[str, str]) -> list[str] | None:
    """'HostCo, CDN, Inc.' -> the ids of the known names it lists, joined by ', ' (names may hold commas), or None."""
    found: list[str] = []
    while text:
        name = next((n for n in sorted(known, key=len, reverse=True) if text == n or text.startswith(n + ", ")), None)
        if name is None:
            return None
        found.append(known[name])
        text = text[len(name) + 2 :]
    return found or None


def dpia(text: str) -> tuple[str, str | None] | None:
    """ropa's DPIA cell ('Not required', 'Required, done' and the reference on the next line, in any catalogue
    language) -> the status and the reference; None unless its first line is a status label."""
    first, _, rest = text.partition("\n")
    found = ropa_labels.labelled((first.strip(),), DpiaStatus)
    return (found[0].value, rest.strip() or None) if found else None
