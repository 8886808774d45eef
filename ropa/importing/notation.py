"""How DPOs write things in a register spreadsheet, read into ropa's terms (never more than the cell says).

Each reader takes a cell's text and returns what it recognises; None (or an empty result) means
the text is kept as text and the point marked not stated, with a warning, by the caller.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ropa.importing import ropa_labels
from ropa.model.enums import Art9Condition, DataSource, LawfulBasis, Right, TransferMechanism

# --- markers: what a blank, "None", "N/A" or "-" means ------------------------------------------

_NONE = frozenset({"none", "no", "nil", "nothing", "no one", "nobody", "none.", "no.", "not transferred", "no transfers"})
_NOT_APPLICABLE = frozenset({"n/a", "na", "n.a.", "n.a", "not applicable", "n / a"})
_DASHES = frozenset({"-", "–", "—", "--", "?", "tbc", "tbd", "unknown", "not known"})


@lru_cache(maxsize=4096)
def marker(text: str) -> str | None:
    """``blank``, ``none``, ``not_applicable`` or ``unclear`` (a dash, TBC), or None for a statement."""
    key = " ".join(text.casefold().split()).rstrip(".") if text else ""
    if not key:
        return "blank"
    if key in _NONE or key + "." in _NONE:
        return "none"
    if key in _NOT_APPLICABLE:
        return "not_applicable"
    if key in _DASHES:
        return "unclear"
    own = ropa_labels.markers()
    if key in own:
        return own[key]
    head, colon, _ = key.partition(":")  # ropa writes 'Not applicable: <reason>', 'None: <note>'
    return own.get(head.strip()) if colon and own.get(head.strip()) in {"none", "not_applicable"} else None


# --- lists: one item per line, semicolon, bullet or comma outside brackets --------------------

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d{1,2}[.)])\s+")


@lru_cache(maxsize=4096)
def split_items(text: str, *, commas: bool = True) -> tuple[str, ...]:
    """The items of a list cell, in order, each once (case and spacing ignored)."""
    parts: list[str] = []
    for line in re.split(r"[\n;•]+", text):
        chunk = _BULLET.sub("", line).strip()
        parts.extend(_split_commas(chunk) if commas else [chunk])
    seen: dict[str, str] = {}
    for part in parts:
        item = part.strip(" \t.,")
        key = " ".join(item.casefold().split())
        if item and key not in seen:
            seen[key] = item
    return tuple(seen.values())


_NUMBERED = re.compile(r"^(\d{1,3})\. (.*)$")


def numbered(text: str) -> list[str] | None:
    """The items of a cell ropa numbers ('1. ...' on a line each, later lines of an item following it), or None unless
    it starts at 1, counts up and has at least two."""
    found: list[str] = []
    for line in text.split("\n"):
        hit = _NUMBERED.match(line)
        if hit and int(hit.group(1)) == len(found) + 1:
            found.append(hit.group(2))
        elif found:
            found[-1] += "\n" + line
        else:
            return None
    return found if len(found) >= 2 else None


def bulleted(text: str) -> list[str]:
    """The items of a list cell ropa wrote: one per line behind a bullet when there are several, else the cell whole;
    commas, semicolons and full stops belong to the items."""
    if not text.startswith(BULLET):
        return [text]
    found: list[str] = []
    for line in text.split("\n"):
        if line.startswith(BULLET) or not found:
            found.append(line.removeprefix(BULLET))
        else:
            found[-1] += "\n" + line
    return found


BULLET = "\N{BULLET} "


def _split_commas(text: str) -> list[str]:
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif ch == "," and depth == 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return items


def slug(text: str, limit: int = 48) -> str:
    """An id from a name: lower-case ASCII letters, digits and hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return words[:limit].rstrip("-") or "item"


# --- Art. 6(1) lawful bases ---------------------------------------------------------------------

_BASES = (
    (LawfulBasis.CONSENT, r"\bconsent"),
    (LawfulBasis.CONTRACT, r"\bcontract"),
    (LawfulBasis.LEGAL_OBLIGATION, r"\blegal (?:obligation|requirement)|\bstatutory|\bcomply with (?:the |a )?law"),
    (LawfulBasis.VITAL_INTERESTS, r"\bvital interest"),
    (LawfulBasis.PUBLIC_TASK, r"\bpublic (?:task|interest)|\bofficial authority"),
    (LawfulBasis.LEGITIMATE_INTERESTS, r"\blegitimate interest"),
)
_LETTER = re.compile(r"6\s*[.(]?\s*1\s*\)?\s*[.(]?\s*([a-f])\b\)?", re.IGNORECASE)
_BY_LETTER = {b.value[0]: b for b in LawfulBasis}


@lru_cache(maxsize=4096)
def lawful_bases(text: str) -> list[LawfulBasis]:
    """The Art. 6(1) bases a cell names, in order: 'Legitimate interests – Art 6(1)(f)', '6(1)(b)', 'Contract; legal obligation'."""
    if (own := ropa_labels.labelled(split_items(text, commas=False), LawfulBasis)) is not None:
        return own
    low = text.casefold()
    found: dict[LawfulBasis, int] = {}
    for basis, pattern in _BASES:
        if (m := re.search(pattern, low)) is not None:
            found.setdefault(basis, m.start())
    for m in _LETTER.finditer(low):
        found.setdefault(_BY_LETTER[m.group(1)], m.start())
    return sorted(found, key=found.__getitem__)


_ART9 = (
    (Art9Condition.EXPLICIT_CONSENT, r"explicit consent"),
    (Art9Condition.EMPLOYMENT_SOCIAL_SECURITY, r"employment|social security|social protection"),
    (Art9Condition.VITAL_INTERESTS, r"vital interest"),
    (Art9Condition.NOT_FOR_PROFIT_BODY, r"not[- ]for[- ]profit|foundation, association"),
    (Art9Condition.MANIFESTLY_PUBLIC, r"manifestly (?:made )?public|made public"),
    (Art9Condition.LEGAL_CLAIMS, r"legal claims"),
    (Art9Condition.SUBSTANTIAL_PUBLIC_INTEREST, r"substantial public interest"),
    (Art9Condition.HEALTH_OR_SOCIAL_CARE, r"health or social care|medical diagnosis|occupational medicine|preventive"),
    (Art9Condition.PUBLIC_HEALTH, r"public health"),
    (Art9Condition.ARCHIVING_RESEARCH_STATISTICS, r"archiving|scientific|research|statistic"),
)
_ART9_LETTER = re.compile(r"9\s*[.(]?\s*2\s*\)?\s*[.(]?\s*([a-j])\b\)?", re.IGNORECASE)


@lru_cache(maxsize=4096)
def art9_conditions(text: str) -> list[Art9Condition]:
    """The Art. 9(2) conditions a cell names."""
    if (own := ropa_labels.labelled(split_items(text, commas=False), Art9Condition)) is not None:
        return own
    low = text.casefold()
    found: dict[Art9Condition, int] = {}
    for cond, pattern in _ART9:
        if (m := re.search(pattern, low)) is not None:
            found.setdefault(cond, m.start())
    for m in _ART9_LETTER.finditer(low):
        found.setdefault(next(c for c in Art9Condition if c.value[0] == m.group(1)), m.start())
    return sorted(found, key=found.__getitem__)


# --- transfer mechanisms ------------------------------------------------------------------------

_MECHANISMS = (
    (TransferMechanism.PRIVACY_SHIELD, r"privacy shield"),
    (
        TransferMechanism.STANDARD_CLAUSES,
        r"\bsccs?\b|standard (?:contractual|data protection) clauses|model (?:contract )?clauses|\bidta\b|international data transfer (?:agreement|addendum)",
    ),
    (TransferMechanism.BINDING_CORPORATE_RULES, r"\bbcrs?\b|binding corporate rules"),
    (TransferMechanism.ADEQUACY, r"adequa|data privacy framework|\bdpf\b|uk extension"),
    (TransferMechanism.CODE_OF_CONDUCT, r"code of conduct"),
    (TransferMechanism.CERTIFICATION, r"certification"),
    (TransferMechanism.EXPLICIT_CONSENT, r"explicit consent"),
)


@lru_cache(maxsize=4096)
def mechanisms(text: str) -> list[TransferMechanism]:
    """The transfer grounds a cell names: 'SCCs', 'Standard contractual clauses', 'Privacy Shield', 'BCRs', 'adequacy'."""
    if (own := ropa_labels.labelled(split_items(text, commas=False), TransferMechanism)) is not None:
        return own
    low = text.casefold()
    found = {m: hit.start() for m, pattern in _MECHANISMS if (hit := re.search(pattern, low)) is not None}
    return sorted(found, key=found.__getitem__)


# --- retention ----------------------------------------------------------------------------------

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a": 1,
}
_UNIT = {"y": "Y", "m": "M", "w": "W", "d": "D"}
_PERIOD = re.compile(
    r"^(?:for\s+|kept\s+for\s+|retained\s+for\s+)?(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a)\s*"
    r"(years?|yrs?|y|months?|mths?|weeks?|wks?|days?)\b\.?\s*(.*)$",
    re.IGNORECASE,
)
_TRIGGER = re.compile(r"^(?:after|from|following|since|counted from)\s+(.+)$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def retention(text: str) -> tuple[str | None, str | None, str | None]:
    """(ISO 8601 period, trigger, rule text) of one retention line: '10 years' -> P10Y; '6 years after the contract ends'
    -> P6Y with its trigger; 'until unsubscribed' -> the rule in words."""
    line = text.strip()
    m = _PERIOD.match(line)
    if m is None:
        return None, None, line
    raw, unit, rest = m.groups()
    number = int(raw) if raw.isdigit() else _NUMBERS[raw.casefold()]
    if number == 0:
        return None, None, line
    period = f"P{number}{_UNIT[unit[0].casefold()]}"
    rest = rest.strip(" .,")
    if not rest:
        return period, None, None
    if (t := _TRIGGER.match(rest)) is not None:
        return period, t.group(1).strip(), None
    return period, None, line


# --- sources, rights, DPIA ----------------------------------------------------------------------

_SOURCES = (
    (DataSource.DATA_SUBJECT, r"data subject|individual|directly|themselves|the person|applicant|customer|employee|from them"),
    (DataSource.THIRD_PARTY, r"third[- ]part|referee|agenc|recruiter|partner|provider|credit reference|supplier"),
    (DataSource.PUBLIC_SOURCE, r"public|companies house|social media|website"),
    (DataSource.EMPLOYER, r"employer"),
    (DataSource.OBSERVED, r"observ|cookie|usage|device|cctv|monitor|log"),
)


@lru_cache(maxsize=4096)
def data_sources(text: str) -> list[DataSource]:
    if (own := ropa_labels.labelled(split_items(text, commas=False), DataSource)) is not None:
        return own
    low = text.casefold()
    found = {s: hit.start() for s, pattern in _SOURCES if (hit := re.search(pattern, low)) is not None}
    return sorted(found, key=found.__getitem__)


_RIGHTS = (
    (Right.ACCESS, r"access"),
    (Right.RECTIFICATION, r"rectif|correct"),
    (Right.ERASURE, r"erasure|erase|delet|forgotten"),
    (Right.RESTRICTION, r"restrict"),
    (Right.PORTABILITY, r"portab"),
    (Right.OBJECTION, r"object"),
    (Right.WITHDRAW_CONSENT, r"withdraw"),
    (Right.NO_AUTOMATED_DECISION, r"automated"),
    (Right.COMPLAINT, r"complain"),
)


@lru_cache(maxsize=4096)
def rights(text: str) -> list[Right]:
    if (own := ropa_labels.labelled(split_items(text, commas=False), Right)) is not None:
        return own
    low = text.casefold()
    return [r for r, pattern in _RIGHTS if re.search(pattern, low)]


_DONE = re.compile(r"complete|done|signed[- ]off|approved|finished|carried out|conducted|in place", re.IGNORECASE)
_PLANNED = re.compile(r"progress|planned|scheduled|ongoing|draft|to do|pending|due|started|underway|not started", re.IGNORECASE)
_YES = re.compile(r"^\s*(?:yes|y|required|needed)\b", re.IGNORECASE)
_NO = re.compile(r"^\s*(?:no|n|not required|not needed)\b", re.IGNORECASE)


def dpia_status(required: str, progress: str) -> str | None:
    """``not-required``, ``required-done`` or ``required-planned`` from the 'DPIA required?' and 'progress' cells."""
    if _NO.match(required) and not _DONE.search(required):
        return "not-required"
    if _YES.match(required) or (not required and progress):
        both = f"{required} {progress}"
        if _PLANNED.search(both) and not re.search(r"\bcompleted?\b", both, re.IGNORECASE):
            return "required-planned"
        if _DONE.search(both):
            return "required-done"
    return None
