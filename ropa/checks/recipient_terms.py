"""What a recipient's kind and certifications imply: publication is no transfer, a certification counts only in its era.

* ``kind: public`` (Art. 4(2), disclosure by dissemination): putting data on the internet for everyone is not a
  transfer to a third country (CJEU C-101/01 Lindqvist, para. 71), so a transfer to the public is an error and the
  recipient takes ``country: {not_applicable: ...}``;
* ``privacy_shield_certified`` counted from 2016-08-01 until C-311/18 (Schrems II) invalidated Decision (EU)
  2016/1250 on 2020-07-16, ``dpf_certified`` from 2023-07-10 (Decision (EU) 2023/1795): either outside its era is a
  warning; a transfer that rests on the Privacy Shield needs the recipient certified under it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ropa.checks.context import Context
from ropa.findings import Issue, Loc, Severity
from ropa.model.activity import Transfer
from ropa.model.markers import Fact, NotApplicable
from ropa.model.recipient_kind import is_public
from ropa.reference.certification import eras


def _until(day: dt.date | None) -> str:
    return f"until {day.isoformat()}" if day else "to this day"


def public_recipients(ctx: Context) -> Iterable[Issue]:
    """A public recipient with a country, and a transfer to the public."""
    for r, rec in enumerate(ctx.register.recipients):
        if is_public(rec.kind) and not isinstance(rec.country, NotApplicable):
            yield Issue(
                ("recipients", r, "country"),
                "public-recipient-country",
                f"recipient `{rec.id}` is the public: data published to everyone are in no one country (C-101/01 Lindqvist); "
                "record `country: {not_applicable: true, reason: ...}` and the host of the publication as a recipient of its own",
                Severity.WARNING,
            )
    public = {rid for rid, rec in ctx.recipients.items() if is_public(rec.kind)}
    if not public:  # no transfer can go to the public
        return
    for a, act in enumerate(ctx.register.activities):
        if not isinstance(act.transfers, list):
            continue
        for t, transfer in enumerate(act.transfers):
            if (transfer.recipient or "") in public:
                to = ctx.recipients[transfer.recipient or ""]
                yield Issue(
                    ("activities", a, "transfers", t, "recipient"),
                    "transfer-to-public",
                    f"recipient `{to.id}` is the public: publication is a disclosure (Art. 4(2)), not a transfer to a third "
                    "country (C-101/01 Lindqvist): record the transfer to whoever hosts the publication abroad, not to the public",
                )


def certification_eras(ctx: Context) -> Iterable[Issue]:
    """A Privacy Shield or Data Privacy Framework certification on a register dated outside the days it counted."""
    day = ctx.register.info.date
    for r, rec in enumerate(ctx.register.recipients):
        for era in eras():
            if getattr(rec, era.field) is None or era.covers(day):
                continue
            yield Issue(
                ("recipients", r, era.field),
                "certification-out-of-era",
                f"`{era.field}` can matter only for a register dated from {era.start.isoformat()} {_until(era.until)} "
                f"({era.reference}); this register is dated {day.isoformat()}",
                Severity.WARNING,
            )


def privacy_shield(ctx: Context, transfer: Transfer, loc: Loc, label: str) -> Iterable[Issue]:
    """A transfer that rests on the Privacy Shield: its recipient must be stated to be certified under it."""
    rec = ctx.recipients.get(transfer.recipient or "")
    value = rec.privacy_shield_certified if rec is not None else None
    if isinstance(value, Fact) and value.value is False:
        yield Issue(
            loc,
            "privacy-shield-not-certified",
            f"the transfer to {label} rests on the EU-US Privacy Shield but recipient `{rec.id if rec else ''}` is stated not to be certified under it",
        )
    elif not isinstance(value, Fact):
        why = (
            f"recipient `{rec.id}` does not state `privacy_shield_certified`"
            if rec is not None
            else "the transfer names no `recipient` whose `privacy_shield_certified` could say so"
        )
        yield Issue(
            loc,
            "privacy-shield-certification-not-stated",
            f"the transfer to {label} rests on the EU-US Privacy Shield, which covered only certified organisations: {why}",
            Severity.WARNING,
        )


def shield_certified(ctx: Context, transfer: Transfer) -> bool | None:
    """The transfer's recipient's Privacy Shield certification as stated; None when not stated."""
    rec = ctx.recipients.get(transfer.recipient or "")
    value = rec.privacy_shield_certified if rec is not None else None
    return bool(value.value) if isinstance(value, Fact) else None
