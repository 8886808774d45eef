"""Ids are unique, references resolve, and registry entries are used."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from ropa.checks.claim_scope import claim_refs
from ropa.checks.context import Context
from ropa.checks.cookies import cookie_refs
from ropa.checks.relations import linked_to_used
from ropa.findings import Issue, Loc, Severity
from ropa.model.markers import Fact

_REGISTRIES = ("sources", "data_subject_categories", "data_categories", "recipients", "security_measures", "cookies", "activities")


def unique_ids(ctx: Context) -> Iterable[Issue]:
    for name in _REGISTRIES:
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(ctx.register, name)):
            if item.id in seen:
                yield Issue((name, i, "id"), "duplicate-id", f"id `{item.id}` is already used by {name}[{seen[item.id]}]")
            else:
                seen[item.id] = i


def _refs(ctx: Context) -> list[tuple[Loc, str, str]]:
    """Every reference in the register: (where, registry, id), collected once per register."""
    if ctx.references is None:
        ctx.references = [*_collect_refs(ctx), *claim_refs(ctx), *_joint_refs(ctx)]
    return ctx.references


def _collect_refs(ctx: Context) -> Iterator[tuple[Loc, str, str]]:  # noqa: C901, PLR0912 - one branch per reference field
    """Every reference in the register: (where, registry, id)."""
    holders: list[tuple[Loc, Any, frozenset[str]]] = [
        (("activities", a), act, act.inherited) for a, act in enumerate(ctx.register.activities)
    ]
    if ctx.register.defaults is not None:  # checked once there, whether or not an activity inherits it
        holders.append((("defaults",), ctx.register.defaults, frozenset()))
    for base, act, inherited in holders:
        for field, registry in (
            ("data_subjects", "data_subject_categories"),
            ("data_categories", "data_categories"),
            ("recipients", "recipients"),
            ("security_measures", "security_measures"),
        ):
            point = getattr(act, field, None)
            if isinstance(point, Fact) and field not in inherited:
                for i, ref in enumerate(point.value):
                    yield (*base, field, "value", i), registry, ref
        if isinstance(act.transfers, list) and "transfers" not in inherited:
            for t, transfer in enumerate(act.transfers):
                if transfer.recipient:
                    yield (*base, "transfers", t, "recipient"), "recipients", transfer.recipient
        if isinstance(act.retention, list) and "retention" not in inherited:
            for r, rule in enumerate(act.retention):
                for i, ref in enumerate(rule.data_categories):
                    yield (*base, "retention", r, "data_categories", i), "data_categories", ref
                for i, ref in enumerate(rule.held_by):
                    yield (*base, "retention", r, "held_by", i), "recipients", ref
        if isinstance(act.storage_location, list) and "storage_location" not in inherited:
            for s, loc in enumerate(act.storage_location):
                if loc.recipient:
                    yield (*base, "storage_location", s, "recipient"), "recipients", loc.recipient
        if isinstance(getattr(act, "provision_requirement", None), list):
            for p, statement in enumerate(act.provision_requirement):
                for i, ref in enumerate(statement.data_categories):
                    yield (*base, "provision_requirement", p, "data_categories", i), "data_categories", ref
        if isinstance(getattr(act, "special_category_conditions", None), list):
            for c, cond in enumerate(act.special_category_conditions):
                for i, ref in enumerate(cond.data_categories):
                    yield (*base, "special_category_conditions", c, "data_categories", i), "data_categories", ref
    yield from cookie_refs(ctx)


def _joint_refs(ctx: Context) -> Iterator[tuple[Loc, str, str]]:
    """The activities each joint controller's arrangement covers (Art. 26)."""
    joint = ctx.register.joint_controllers
    if isinstance(joint, list):
        for j, party in enumerate(joint):
            for i, ref in enumerate(getattr(party.arrangement, "activities", ())):
                yield ("joint_controllers", j, "arrangement", "activities", i), "activities", ref


def resolve(ctx: Context) -> Iterable[Issue]:
    ids = {name: {item.id for item in getattr(ctx.register, name)} for name in _REGISTRIES}
    for loc, registry, ref in _refs(ctx):
        if ref not in ids[registry]:
            match = difflib.get_close_matches(ref, sorted(ids[registry]), n=1, cutoff=0.6)
            hint = f"; did you mean `{match[0]}`?" if match else f"; add it to `{registry}`"
            yield Issue(loc, "unknown-reference", f"`{ref}` is not in {registry}{hint}")


def unused(ctx: Context) -> Iterable[Issue]:
    used = {(registry, ref) for _, registry, ref in _refs(ctx)}
    used |= {("recipients", rid) for rid in linked_to_used(ctx, {ref for registry, ref in used if registry == "recipients"})}
    for name in ("data_subject_categories", "data_categories", "recipients", "cookies"):
        for i, item in enumerate(getattr(ctx.register, name)):
            if (name, item.id) not in used:
                yield Issue(
                    (name, i, "id"),
                    "unused-entry",
                    f"{name} entry `{item.id}` is not used by any activity",
                    Severity.WARNING,
                )
    for i, measure in enumerate(ctx.register.security_measures):
        if not measure.organisation_wide and ("security_measures", measure.id) not in used:
            yield Issue(
                ("security_measures", i, "id"),
                "unused-entry",
                f"security measure `{measure.id}` is neither organisation-wide nor used by an activity",
                Severity.WARNING,
            )
