"""A policy claim in words for the outputs: its kind, the activities it speaks of, and the limits the source puts on it."""

from __future__ import annotations

from collections.abc import Mapping

from ropa.model.organisation import PolicyClaim
from ropa.reference.labels import InLanguage


def claim_text(words: InLanguage, claim: PolicyClaim, output: str, activity_names: Mapping[str, str]) -> str:
    """'Rights exercised free of charge (Art. 12(5)) (limited: access free of charge only once a year)'.

    ``output`` is the label prefix (``docx``, ``xlsx``, ``diff``); activities are shown by name.
    """
    colon, semicolon = words.t("punct.colon"), words.t("punct.semicolon")
    parts = []
    if claim.activities:
        names = ", ".join(activity_names.get(ident, ident) for ident in claim.activities)
        parts.append(f"{words.t(f'{output}.claim.activities')}{colon}{names}")
    if claim.limits:
        parts.append(f"{words.t(f'{output}.claim.limit')}{colon}{semicolon.join(limit.description for limit in claim.limits)}")
    kind = words.enum(claim.kind)
    return f"{kind} ({semicolon.join(parts)})" if parts else kind
