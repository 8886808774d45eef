"""Transfers to third countries (Chapter V): the changes that carry the most risk, called out first.

A *flow* is personal data of one activity reaching one destination outside the EEA, through one
recipient, on one ground. Flows come from the activities' recorded transfers and from recipients
(and their sub-processors) whose stated country is outside the EEA (data go there even when no
transfer is recorded). A
destination that appears is a new third country; a flow that appears or whose ground changes is
a new or changed transfer. Activities and recipients are keyed by their NEW id where the two
registers pair them, so a renamed id is not mistaken for a new transfer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ropa.diff.display import Display
from ropa.diff.model import Action, Area, Change, Risk
from ropa.model import Register
from ropa.model.markers import Fact
from ropa.model.relations import reached, sub_processors
from ropa.reference.adequacy import table
from ropa.reference.countries import EEA

_MECHANISM = "point.transfer-mechanism"
_TRANSFERS = "point.transfers"
_ARTICLE = "Art. 30(1)(e), Art. 44-49"


@dataclass(frozen=True, slots=True)
class Flow:
    """Data of one activity going to one third-country destination through one recipient."""

    activity: str
    activity_name: str
    destination: str
    destination_text: str
    recipient: str
    recipient_name: str
    mechanism: str
    ident: str  # this side's own ids: activity|destination|recipient

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.activity, self.destination, self.recipient)

    def line(self, d: Display) -> str:
        parts = [self.activity_name, self.recipient_name, f"{d.t(_MECHANISM)}{d.colon}{self.mechanism}"]
        return " — ".join(p for p in parts if p)


#: The activity key of flows the organisation-wide statements (``defaults``) record: not an activity id.
DEFAULTS_KEY = "@defaults"


def flows(reg: Register, d: Display, activity_key: Mapping[str, str], recipient_key: Mapping[str, str]) -> list[Flow]:
    """Every flow of ``reg`` to a destination outside the EEA, with ids mapped to their pairing keys."""
    country_of = {r.id: r.country.value for r in reg.recipients if isinstance(r.country, Fact)}
    subs = sub_processors(reg)
    out: list[Flow] = []
    seen: set[Flow] = set()  # the organisation-wide flows already listed (a list lookup was quadratic)
    wide = d.t("diff.defaults")
    for act in reg.activities:
        akey = activity_key.get(act.id, act.id)
        covered: set[str] = set()
        if isinstance(act.transfers, list):
            inherited = "transfers" in act.inherited  # the organisation-wide transfers: one flow each, not one per activity
            for t in act.transfers:
                if t.country in EEA:
                    continue
                dest = t.country or (f"org:{t.organisation}" if t.organisation else f"unnamed:{t.unnamed_destination}")
                rid = t.recipient or ""
                covered.add(rid)
                rname = d.name("recipient", rid) if rid else ""
                ident = f"{act.id}|{dest}|{rid}"
                if inherited:
                    flow = Flow(
                        DEFAULTS_KEY,
                        wide,
                        dest,
                        d.destination(t),
                        recipient_key.get(rid, rid),
                        rname,
                        d.item(t.mechanism),
                        f"|{dest}|{rid}",
                    )
                    if flow not in seen:
                        seen.add(flow)
                        out.append(flow)
                    continue
                out.append(Flow(akey, act.name, dest, d.destination(t), recipient_key.get(rid, rid), rname, d.item(t.mechanism), ident))
        if isinstance(act.recipients, Fact):
            for rid in reached(act.recipients.value, subs):  # the data reach each recipient's sub-processors too
                country = country_of.get(rid)
                if country and country not in EEA and rid not in covered:
                    rname, mech = d.name("recipient", rid), d.t("diff.no-transfer-recorded")
                    ident = f"{act.id}|{country}|{rid}"
                    out.append(Flow(akey, act.name, country, d.country(country), recipient_key.get(rid, rid), rname, mech, ident))
    return out


def adequacy(destination: str, d: Display) -> tuple[str, ...]:
    """'Adequacy decision (Art. 45) in force on 2018-08-15: ...' for a named destination, on the register's date."""
    if destination.startswith("unnamed:"):
        return ()
    day = d.register.info.date
    key = destination if ":" not in destination else "org:" + "-".join(destination.split(":", 1)[1].lower().split())
    found = [f"{x.name}: {x.scope} ({x.reference})" for x in table().find(key, day)]
    return (d.t("diff.adequacy", date=day.isoformat(), decisions="; ".join(found) or d.t("status.none")),)


def transfer_changes(old: list[Flow], new: list[Flow], old_d: Display, new_d: Display) -> Iterator[Change]:
    """New and dropped third countries (with the adequacy decisions in force on that side's date),
    then new, dropped and re-grounded flows to the others."""
    old_dest = {f.destination: f.destination_text for f in old}
    new_dest = {f.destination: f.destination_text for f in new}
    for dest, text in new_dest.items():
        if dest not in old_dest:
            lines = (*(f.line(new_d) for f in new if f.destination == dest), *adequacy(dest, new_d))
            yield Change(
                Area.TRANSFER,
                text,
                Action.ADDED,
                point="diff.point.third-country",
                article=_ARTICLE,
                new=lines,
                new_id=dest,
                risk=Risk.HIGH,
            )
    for dest, text in old_dest.items():
        if dest not in new_dest:
            lines = (*(f.line(old_d) for f in old if f.destination == dest), *adequacy(dest, old_d))
            yield Change(Area.TRANSFER, text, Action.REMOVED, point="diff.point.third-country", article=_ARTICLE, old=lines, old_id=dest)
    old_flows = {f.key: f for f in old if f.destination in new_dest}
    new_flows = {f.key: f for f in new if f.destination in old_dest}
    for key, f in new_flows.items():
        item = f"{f.destination_text} — {f.activity_name}"
        before = old_flows.get(key)
        if before is None:
            yield Change(
                Area.TRANSFER, item, Action.ADDED, point=_TRANSFERS, article=_ARTICLE, new=(f.line(new_d),), new_id=f.ident, risk=Risk.HIGH
            )
        elif before.mechanism != f.mechanism:
            yield Change(
                Area.TRANSFER, item, Action.CHANGED, point=_MECHANISM, article=_ARTICLE,
                old=(before.mechanism,), new=(f.mechanism,), old_id=before.ident, new_id=f.ident, risk=Risk.HIGH,
            )  # fmt: skip
    for key, f in old_flows.items():
        if key not in new_flows:
            item = f"{f.destination_text} — {f.activity_name}"
            yield Change(Area.TRANSFER, item, Action.REMOVED, point=_TRANSFERS, article=_ARTICLE, old=(f.line(old_d),), old_id=f.ident)
