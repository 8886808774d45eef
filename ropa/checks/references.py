"""Ids are unique, references resolve, and registry entries are used."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from ropa.checks.claim_scope import claim_refs
from ropa.checks.context import Context, Refs
from ropa.checks.cookies import cookie_refs
from ropa.checks.relations import linked_to_used
from ropa.findings import Issue, Loc, Severity
from ropa.model.markers import NoneStated, NotApplicable, NotStated

_REGISTRIES = ("sources", "data_subject_categories", "data_categories", "recipients", "security_measures", "cookies", "activities")


def unique_ids(ctx: Context) -> Iterable[Issue]:
    for name in _REGISTRIES:
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(ctx.register, name)):
            if item.id in seen:
                yield Issue((name, i, "id"), "duplicate-id", f"id `{item.id}` is already used by {name}[{seen[item.id]}]")
            else:
                seen[item.id] = i


def _refs(ctx: Context) -> list[Refs]:
    """Every reference in the register as runs of ids (see ``Refs``), collected once per register."""
    if ctx.references is None:
        one = [*cookie_refs(ctx), *claim_refs(ctx), *_joint_refs(ctx)]
        ctx.references = _collect_refs(ctx)
        ctx.references += [(loc, (), registry, (ref,), False) for loc, registry, ref in one]
    return ctx.references


def _named(ctx: Context) -> dict[str, set[str]]:
    """The ids each registry is named by anywhere in the register, collected once per register."""
    if ctx.named_ids is None:
        named: dict[str, set[str]] = {name: set() for name in _REGISTRIES}
        for _base, _rest, registry, refs, _indexed in _refs(ctx):
            named[registry].update(refs)
        ctx.named_ids = named
    return ctx.named_ids


#: The points of an activity (or of ``defaults``) that list registry ids, the registry each names, and the
#: path of the list in the holder.
_POINTS = tuple(
    (field, registry, (field, "value"))
    for field, registry in (
        ("data_subjects", "data_subject_categories"),
        ("data_categories", "data_categories"),
        ("recipients", "recipients"),
        ("security_measures", "security_measures"),
    )
)


#: What a point other than a stated one holds: left out (in ``defaults``), or a marker; told by class, not ``isinstance``.
_UNSTATED = frozenset({type(None), NotStated, NoneStated, NotApplicable})


def _collect_refs(ctx: Context) -> list[Refs]:  # noqa: C901, PLR0912 - one branch per reference field
    """Every reference of the activities and ``defaults``, as runs of ids, in document order."""
    holders: list[tuple[Loc, Any, frozenset[str]]] = [
        (("activities", a), act, inherited) for a, (act, inherited) in enumerate(zip(ctx.register.activities, ctx.inherited, strict=True))
    ]
    if ctx.register.defaults is not None:  # checked once there, whether or not an activity inherits it
        holders.append((("defaults",), ctx.register.defaults, frozenset()))
    found: list[Refs] = []
    add = found.append
    for base, act, inherited in holders:
        values = act.__dict__
        for field, registry, where in _POINTS:
            if field not in inherited:
                point = values.get(field)
                if type(point) not in _UNSTATED and point.value:
                    add((base, where, registry, point.value, True))
        points = values["transfers"]
        if type(points) is list and "transfers" not in inherited:
            for t, transfer in enumerate(points):
                if transfer.recipient:
                    add((base, ("transfers", t, "recipient"), "recipients", (transfer.recipient,), False))
        points = values["retention"]
        if type(points) is list and "retention" not in inherited:
            for r, rule in enumerate(points):
                if rule.data_categories:
                    add((base, ("retention", r, "data_categories"), "data_categories", rule.data_categories, True))
                if rule.held_by:
                    add((base, ("retention", r, "held_by"), "recipients", rule.held_by, True))
        points = values["storage_location"]
        if type(points) is list and "storage_location" not in inherited:
            for s, loc in enumerate(points):
                if loc.recipient:
                    add((base, ("storage_location", s, "recipient"), "recipients", (loc.recipient,), False))
        points = values.get("provision_requirement")
        if type(points) is list:
            for p, statement in enumerate(points):
                if statement.data_categories:
                    add((base, ("provision_requirement", p, "data_categories"), "data_categories", statement.data_categories, True))
        points = values.get("special_category_conditions")
        if type(points) is list:
            for c, cond in enumerate(points):
                if cond.data_categories:
                    add((base, ("special_category_conditions", c, "data_categories"), "data_categories", cond.data_categories, True))
    return found


def _joint_refs(ctx: Context) -> Iterator[tuple[Loc, str, str]]:
    """The activities each joint controller's arrangement covers (Art. 26)."""
    joint = ctx.register.joint_controllers
    if isinstance(joint, list):
        for j, party in enumerate(joint):
            for i, ref in enumerate(getattr(party.arrangement, "activities", ())):
                yield ("joint_controllers", j, "arrangement", "activities", i), "activities", ref


def resolve(ctx: Context) -> Iterable[Issue]:
    ids = {name: {item.id for item in getattr(ctx.register, name)} for name in _REGISTRIES}
    if all(refs <= ids[name] for name, refs in _named(ctx).items()):  # the common case: every id resolves
        return
    for base, rest, registry, refs, indexed in _refs(ctx):
        known = ids[registry]
        if known.issuperset(refs):
            continue
        for i, ref in enumerate(refs):
            if ref not in known:
                match = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
                hint = f"; did you mean `{match[0]}`?" if match else f"; add it to `{registry}`"
                where = (*base, *rest, i) if indexed else (*base, *rest)
                yield Issue(where, "unknown-reference", f"`{ref}` is not in {registry}{hint}")


def unused(ctx: Context) -> Iterable[Issue]:
    named = dict(_named(ctx))
    named["recipients"] = named["recipients"] | linked_to_used(ctx, named["recipients"])
    for name in ("data_subject_categories", "data_categories", "recipients", "cookies"):
        for i, item in enumerate(getattr(ctx.register, name)):
            if item.id not in named[name]:
                yield Issue(
                    (name, i, "id"),
                    "unused-entry",
                    f"{name} entry `{item.id}` is not used by any activity",
                    Severity.WARNING,
                )
    for i, measure in enumerate(ctx.register.security_measures):
        if not measure.organisation_wide and measure.id not in named["security_measures"]:
            yield Issue(
                ("security_measures", i, "id"),
                "unused-entry",
                f"security measure `{measure.id}` is neither organisation-wide nor used by an activity",
                Severity.WARNING,
            )
