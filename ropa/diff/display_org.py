"""Display text of issue 11's structured values in a comparison: a joint controller's arrangement (Art. 26), its
contact point and responsibilities, and an activity's Art. 13(2)(e) statement (``ropa.diff.display`` registers them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ropa.model.joint import Arrangement, ContactPoint, Responsibility
from ropa.model.provision import ProvisionStatement

if TYPE_CHECKING:
    from ropa.diff.display import Display


def contact_point(d: Display, cp: ContactPoint) -> str:
    """'This controller; E-mail: summit@example.se': who answers data subjects, and how."""
    return d.joined([d.enum(cp.answered_by), *(d.contact(c) for c in cp.contacts)])


def responsibility(d: Display, r: Responsibility) -> str:
    """'Security of processing (Art. 32): The joint controller (the registration system)'."""
    return f"{d.enum(r.duty)}{d.colon}{d.enum(r.by)}" + (f" ({r.description})" if r.description else "")


def arrangement(d: Display, a: Arrangement) -> str:
    """The essence of an arrangement: contact point, responsibilities, how it is made available, activities covered."""
    duties = ", ".join(d.show(a.responsibilities))
    covered = ", ".join(a.activities)
    return d.joined(
        [
            f"{d.t('point.joint-contact-point')}{d.colon}{d.item(a.contact_point)}",
            f"{d.t('point.joint-responsibilities')}{d.colon}{duties}",
            f"{d.t('point.joint-essence')}{d.colon}{d.item(a.essence_available)}",
            f"{d.t('word.activities-covered')}{d.colon}{covered}" if covered else None,
        ]
    )


def provision(d: Display, p: ProvisionStatement) -> str:
    """'Name, E-mail address: Necessary to enter into a contract; Obliged: Yes; If not provided: ...'."""
    cats = [d.name("category", c) for c in p.data_categories] or [d.t("word.all-categories")]
    return d.joined(
        [
            f"{', '.join(cats)}{d.colon}{d.enum(p.requirement)}",
            f"{d.t('word.obliged')}{d.colon}{d.item(p.obliged)}",
            f"{d.t('word.consequences')}{d.colon}{p.consequences}" if p.consequences else None,
        ]
    )
