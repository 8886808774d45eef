"""How recipients relate to each other, in words: each recipient's own relations read forward ("Sub-processor of
Mailchimp") and the relations others state towards it read backward ("Sub-processors: SendGrid"). Shared by the Word
register, the workbook and ``ropa diff``, so all three word a relation alike."""

from __future__ import annotations

from collections.abc import Callable

from ropa.model import Register
from ropa.model.enums import RecipientRelation
from ropa.model.registries import Recipient
from ropa.model.relations import RecipientLink
from ropa.reference.labels import InLanguage


def incoming(register: Register) -> dict[str, dict[RecipientRelation, list[str]]]:
    """Recipient id -> each relation other recipients state towards it -> their ids, in register order."""
    out: dict[str, dict[RecipientRelation, list[str]]] = {}
    for rec in register.recipients:
        for link in rec.relations:
            ids = out.setdefault(link.recipient, {}).setdefault(link.relation, [])
            if rec.id not in ids:
                ids.append(rec.id)
    return out


def forward_text(link: RecipientLink, words: InLanguage, name: Callable[[str], str]) -> str:
    """'Sub-processor of Mailchimp': a relation the recipient itself states."""
    return f"{words.enum(link.relation)} {name(link.recipient)}"


def inverse_texts(towards: dict[RecipientRelation, list[str]], words: InLanguage, name: Callable[[str], str]) -> list[str]:
    """'Sub-processors: SendGrid, Twilio': per kind, the recipients that state a relation towards this one."""
    lines = []
    for relation in RecipientRelation:  # the enum's order: the same on every rebuild
        ids = towards.get(relation)
        if ids:
            lines.append(f"{words.t('relation.inverse.' + relation.value)}{words.t('punct.colon')}{', '.join(name(i) for i in ids)}")
    return lines


def relation_texts(
    rec: Recipient,
    towards: dict[RecipientRelation, list[str]],
    words: InLanguage,
    name: Callable[[str], str],
) -> list[str]:
    """One line per relation of ``rec``: its own, each with its note in brackets, then those of other recipients
    towards it. ``towards`` is ``incoming(register).get(rec.id, {})``."""
    own = [forward_text(link, words, name) + (f" ({link.note})" if link.note else "") for link in rec.relations]
    return own + inverse_texts(towards, words, name)
