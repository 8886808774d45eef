"""What a recipient's kind says when the source may leave it open (``kind: {not_stated: true}``).

A reader that only cares about processors (a contract expected, the CNIL fiche's sub-processors) asks
:func:`is_processor` and gets ``None`` for an unknown kind: neither a processor nor not one.
"""

from __future__ import annotations

from ropa.model.enums import RecipientKind
from ropa.model.markers import NotStated

#: Art. 4(8), 28: the kinds that process on the controller's behalf, under an Art. 28 contract.
PROCESSOR_KINDS = frozenset({RecipientKind.PROCESSOR, RecipientKind.SUB_PROCESSOR})


def stated_kind(kind: RecipientKind | NotStated) -> RecipientKind | None:
    """The kind the source states; None when it does not say."""
    return None if isinstance(kind, NotStated) else kind


def is_processor(kind: RecipientKind | NotStated) -> bool | None:
    """True for a processor or sub-processor, False for any other stated kind, None when the kind is not stated."""
    stated = stated_kind(kind)
    return None if stated is None else stated in PROCESSOR_KINDS


def is_public(kind: RecipientKind | NotStated) -> bool:
    """True for data published to everyone (Art. 4(2) dissemination)."""
    return kind is RecipientKind.PUBLIC
