"""How consent is withdrawn (Art. 7(3)), read from a lawful-basis cell: the line ropa's workbook writes under a
basis ('How consent is withdrawn (Art. 7(3)): ...', in any catalogue language; the inverse of
ropa.render.excel.register_sheet.basis_text), or the clause a DPO adds to a consent basis ('Consent - withdraw via the
unsubscribe link', 'Consent (withdrawn by e-mail to privacy@example.com)').

Each reader returns the cell's text without the withdrawal, for the basis to be read from, and the withdrawal, or
None when the cell does not say how consent is withdrawn (never more than the cell says).
"""

from __future__ import annotations

import re
from functools import cache

from ropa.importing import notation
from ropa.model.enums import LawfulBasis
from ropa.reference.labels import catalogue


@cache
def _own_line() -> re.Pattern[str]:
    """ropa's withdrawal line in any catalogue language; the colon as any language spaces it (Excel users retype it)."""
    heads = sorted(set(catalogue()["xlsx.word.consent-withdrawal"].values()), key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(re.escape(h) for h in heads)})\s*:\s*", re.IGNORECASE)


def own(text: str) -> tuple[str, str | None]:
    """A lawful basis ropa wrote: the lines before its 'How consent is withdrawn (Art. 7(3)): ...' line, and the
    withdrawal (that line's text after the label, and any lines after it)."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if (head := _own_line().match(line)) is not None:
            how = "\n".join([line[head.end() :], *lines[n + 1 :]]).strip()
            return "\n".join(lines[:n]).strip(), how or None
    return text, None


#: A clause about withdrawing consent, and a word in it that says how (a channel, a means), not merely that it can be.
_WITHDRAW = re.compile(r"\b(?:withdr[ae]w\w*|unsubscrib\w*|opt(?:ing|s)?[- ]?out)\b", re.IGNORECASE)
_HOW = re.compile(
    r"\b(?:via|by|through|using|unsubscrib\w*|opt(?:ing|s)?[- ]?out|link|button|e-?mail\w*|settings?|portal|app|website|"
    r"form|contact\w*|writ\w*|call\w*|phon\w*)\b|@|:",
    re.IGNORECASE,
)
#: Where a DPO's clause starts (after the basis) and where it ends.
_STARTS = re.compile(r"\s+[-\N{EN DASH}\N{EM DASH}]\s+|[;\n(,]")
_ENDS = re.compile(r"[;\n)]")


def written(text: str) -> tuple[str, str | None]:
    """A DPO's lawful-basis cell: the text without its withdrawal clause, and the clause ('withdraw via the unsubscribe
    link'); the text whole and None unless a clause after a consent basis names withdrawing (withdraw, unsubscribe,
    opt out) and how."""
    hit = _WITHDRAW.search(text)
    if hit is None:
        return text, None
    start = max((m.end() for m in _STARTS.finditer(text, 0, hit.start())), default=0)
    end_hit = _ENDS.search(text, hit.end())
    end = end_hit.start() if end_hit is not None else len(text)
    clause = text[start:end].strip(" \t.,")
    if start == 0 or _HOW.search(clause) is None:
        return text, None
    closing = end_hit is not None and end_hit.group() == ")"
    rest = (text[:start].rstrip(" \t\n(,;-\N{EN DASH}\N{EM DASH}") + text[end + 1 if closing else end :]).strip()
    if LawfulBasis.CONSENT not in notation.lawful_bases(rest):
        return text, None  # no consent to withdraw: an opt-out from another basis, the cell read whole
    return rest, clause
