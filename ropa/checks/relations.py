"""Relations between recipients: they point at recipients of the register, never at themselves; a sub-processor
serves a processor (Art. 28(2) and (4)) in a chain without loops, and is a third-country transfer of its own when it
is outside the EEA (Art. 30(1)(e)); a representative in the Union (Art. 27) is in the Union, for an entity outside it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from ropa.checks.context import Context
from ropa.findings import Issue, Loc, Severity
from ropa.model.enums import RecipientKind, RecipientRelation
from ropa.model.markers import Fact
from ropa.model.registries import Recipient
from ropa.model.relations import chains, sub_processors
from ropa.reference.countries import EEA, country_name

_PROCESSORS = frozenset({RecipientKind.PROCESSOR, RecipientKind.SUB_PROCESSOR})
_SUB = RecipientRelation.SUB_PROCESSOR_OF


def _kind(rec: Recipient) -> RecipientKind | None:
    """The recipient's kind, or None where the register does not state one."""
    kind: object = rec.kind
    return kind if isinstance(kind, RecipientKind) else None


def links(ctx: Context) -> Iterable[Issue]:
    """Each relation names another recipient of the register, and a sub-processor's relation a processor."""
    ids = sorted(ctx.recipients)
    for i, rec in enumerate(ctx.register.recipients):
        for j, link in enumerate(rec.relations):
            loc: Loc = ("recipients", i, "relations", j)
            target = ctx.recipients.get(link.recipient)
            if link.recipient == rec.id:
                yield Issue(
                    (*loc, "recipient"),
                    "relation-to-itself",
                    f"recipient `{rec.id}` cannot be `{link.relation.value}` itself: name another recipient",
                )
            elif target is None:
                match = difflib.get_close_matches(link.recipient, ids, n=1, cutoff=0.6)
                hint = f"; did you mean `{match[0]}`?" if match else "; add it to `recipients`"
                yield Issue((*loc, "recipient"), "unknown-reference", f"`{link.recipient}` is not in recipients{hint}")
            elif link.relation is _SUB:
                yield from _sub_processor_kinds(rec, target, i, loc)
            elif link.relation is RecipientRelation.EU_REPRESENTATIVE_OF:
                yield from _representative(ctx, rec, target, loc)


def _sub_processor_kinds(rec: Recipient, target: Recipient, i: int, loc: Loc) -> Iterator[Issue]:
    target_kind, own_kind = _kind(target), _kind(rec)
    if target_kind is not None and target_kind not in _PROCESSORS:
        yield Issue(
            (*loc, "recipient"),
            "sub-processor-of-non-processor",
            f"`{target.id}` is of kind `{target_kind.value}`: a sub-processor is engaged by a processor (Art. 28(2) and (4)), "
            "so `sub-processor-of` must name a recipient of kind `processor` or `sub-processor`",
        )
    if own_kind is not None and own_kind not in _PROCESSORS:
        yield Issue(
            ("recipients", i, "kind"),
            "sub-processor-kind",
            f"recipient `{rec.id}` is a sub-processor of `{target.id}` but its kind is `{own_kind.value}`: "
            "state `kind: sub-processor` (Art. 28(4)), or another relation if it is not one",
            Severity.WARNING,
        )


def _representative(ctx: Context, rec: Recipient, target: Recipient, loc: Loc) -> Iterator[Issue]:
    own, other = ctx.recipient_country(rec.id), ctx.recipient_country(target.id)
    if own is not None and own not in EEA:
        yield Issue(
            (*loc, "relation"),
            "representative-relation-direction",
            f"`{rec.id}` is in {country_name(own)}, outside the EU/EEA: a representative in the Union (Art. 27) is "
            "established in a Member State where data subjects are",
            Severity.WARNING,
        )
    if other is not None and other in EEA:
        yield Issue(
            (*loc, "relation"),
            "representative-relation-direction",
            f"`{target.id}` is in {country_name(other)}, in the EU/EEA: a representative in the Union (Art. 27) is for "
            "controllers and processors established outside it",
            Severity.WARNING,
        )


#: An arrow of a chain: (the recipient it leads to, index of the recipient whose relation states it, index of that relation).
_Edges = dict[str, list[tuple[str, int, int]]]


def _chain_edges(ctx: Context) -> tuple[_Edges, _Edges]:
    """Sub-processor -> its processor; subsidiary -> its parent (from `subsidiary-of` and from `parent-of` read backwards)."""
    served: _Edges = {}
    owned: _Edges = {}
    for i, rec in enumerate(ctx.register.recipients):
        for j, link in enumerate(rec.relations):
            if link.recipient == rec.id or link.recipient not in ctx.recipients:
                continue
            if link.relation is _SUB:
                served.setdefault(rec.id, []).append((link.recipient, i, j))
            elif link.relation is RecipientRelation.SUBSIDIARY_OF:
                owned.setdefault(rec.id, []).append((link.recipient, i, j))
            elif link.relation is RecipientRelation.PARENT_OF:
                owned.setdefault(link.recipient, []).append((rec.id, i, j))
    return served, owned


def loops(ctx: Context) -> Iterable[Issue]:
    """A sub-processor chain, or a chain of subsidiaries, that comes back to where it started: each loop once."""
    served, owned = _chain_edges(ctx)
    for code, edges, why in (
        (
            "sub-processor-loop",
            served,
            "the sub-processor chain loops: {chain} (each `sub-processor-of` the next); a processor cannot be "
            "a sub-processor of its own sub-processor (Art. 28(2) and (4))",
        ),
        (
            "group-ownership-loop",
            owned,
            "the group relations loop: {chain} (each a subsidiary of the next, by `subsidiary-of` or `parent-of`); "
            "a company cannot be a subsidiary of its own subsidiary (Art. 4(19))",
        ),
    ):
        yield from _loops(edges, code, why)


def _loops(edges: _Edges, code: str, why: str) -> Iterator[Issue]:
    reported: set[frozenset[str]] = set()
    for start, out in edges.items():
        path = _loop_from(start, edges)
        if path is None or frozenset(path) in reported:
            continue
        reported.add(frozenset(path))
        _, i, j = next(edge for edge in out if edge[0] == path[1])
        chain = " → ".join(f"`{rid}`" for rid in [*path, start])
        yield Issue(("recipients", i, "relations", j, "recipient"), code, why.format(chain=chain))


def _loop_from(start: str, edges: _Edges) -> list[str] | None:
    """The shortest chain start -> ... that comes back to ``start`` (without it at the end), or None."""
    frontier: list[list[str]] = [[start]]
    seen = {start}
    while frontier:
        nxt: list[list[str]] = []
        for path in frontier:
            for head, _, _ in edges.get(path[-1], []):
                if head == start:
                    return path
                if head not in seen:
                    seen.add(head)
                    nxt.append([*path, head])
        frontier = nxt
    return None


def sub_processors_abroad(ctx: Context) -> Iterable[Issue]:
    """A sub-processor outside the EEA of a recipient an activity discloses to, with no transfer recorded for it: the
    data reach it too, so it needs a transfer entry of its own (Art. 30(1)(e)), adequacy or not."""
    subs = sub_processors(ctx.register)
    if not subs:
        return
    for a, act in enumerate(ctx.register.activities):
        if not isinstance(act.recipients, Fact):
            continue
        listed = set(act.recipients.value)
        covered = {t.recipient for t in act.transfers if t.recipient} if isinstance(act.transfers, list) else set()
        reported: set[str] = set()
        for i, rid in enumerate(act.recipients.value):
            for chain in chains(subs, rid):
                sub = chain[-1]
                country = ctx.recipient_country(sub)
                if sub in listed or sub in covered or sub in reported or not country or country in EEA:
                    continue
                reported.add(sub)
                notes = ["organisation-wide, in `defaults`"] if "recipients" in act.inherited else []
                if len(chain) > 2:
                    notes.append(f"through {', '.join(f'`{x}`' for x in chain[1:-1])}")
                which = f"sub-processor `{sub}` of recipient `{rid}`" + (f" ({'; '.join(notes)})" if notes else "")
                what = f"{which} is in {country_name(country)} (outside the EEA)"
                loc: Loc = ("activities", a, "recipients", "value", i)
                message = f"{what} but the activity records no transfer to it"
                if "recipients" in act.inherited and "transfers" not in act.inherited:  # the activity's own transfers leave it out
                    loc = ("activities", a, "transfers")
                    message = f"{what} but activity `{act.id}` records no transfer to it"
                yield Issue(
                    loc,
                    "sub-processor-abroad-no-transfer",
                    f"{message}: add a transfer with `recipient: {sub}` (Art. 30(1)(e); an adequacy decision is its ground, not a reason to leave it out)",
                    Severity.WARNING,
                )


def linked_to_used(ctx: Context, used: set[str]) -> set[str]:
    """The recipients related, directly or through others, to a recipient an activity uses: a sub-processor of a
    processor in use is in use too, and so is the parent of a group company in use."""
    neighbours: dict[str, set[str]] = {}
    for rec in ctx.register.recipients:
        for link in rec.relations:
            neighbours.setdefault(rec.id, set()).add(link.recipient)
            neighbours.setdefault(link.recipient, set()).add(rec.id)
    found = set(used)
    stack = sorted(used)
    while stack:
        for other in sorted(neighbours.get(stack.pop(), ())):
            if other not in found:
                found.add(other)
                stack.append(other)
    return found - used
