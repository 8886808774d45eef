"""Who the data flow from and to, as nodes and edges: data subjects -> activities -> recipients -> countries.

Nothing here knows Graphviz: :func:`flows` reads the register (each activity's effective values,
``defaults`` included) and returns what the map shows. A point the source does not state becomes a
gap node (drawn grey and dashed), never a missing edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ropa.model import Register
from ropa.model.activity import Activity, Transfer
from ropa.model.enums import RecipientKind
from ropa.model.markers import Fact, NotStated
from ropa.model.recipient_kind import stated_kind
from ropa.model.relations import chains, sub_processors
from ropa.render.datamap.status import GROUP_OF, RecipientGroup, Status, of_country, of_transfer
from ropa.reporting.recipient_use import Use, involved

#: The activity's point that involves a recipient in each way (``ropa.reporting.recipient_use``).
_POINT_OF = {Use.RECIPIENT: "recipients", Use.TRANSFER: "transfers", Use.RETENTION: "retention", Use.STORAGE: "storage_location"}

#: The map's columns, left to right.
SUBJECTS, ACTIVITIES, RECIPIENTS, DESTINATIONS = "subjects", "activities", "recipients", "destinations"


@dataclass(slots=True)
class Node:
    """A box on the map. ``label`` is register text or a label key (``key=True``); ``gap`` draws it grey and dashed."""

    id: str
    column: str
    label: str
    key: bool = False
    gap: bool = False
    group: RecipientGroup | None = None
    #: For a destination: the statuses of the flows into it.
    statuses: set[Status] = field(default_factory=set)
    #: For a country: its ISO 3166-1 code (the label is its name in the map's language).
    country: str | None = None
    #: For an unnamed destination: the source's words.
    words: str | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    """An arrow. ``status`` colours a flow into a destination; ``gap`` draws it grey and dashed;
    ``org_wide`` marks a flow that comes from the register's ``defaults``."""

    tail: str
    head: str
    status: Status | None = None
    gap: bool = False
    org_wide: bool = False


@dataclass(slots=True)
class Flows:
    """Every node and edge of one map (one part of a split map), in a stable order."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[Edge, None] = field(default_factory=dict)

    def node(self, node: Node) -> Node:
        return self.nodes.setdefault(node.id, node)

    def edge(self, edge: Edge) -> None:
        self.edges.setdefault(edge, None)

    def column(self, name: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.column == name]


def _slug(text: str) -> str:
    return "-".join(text.lower().split())


class _Builder:
    def __init__(self, register: Register) -> None:
        self.register = register
        self.subjects = {s.id: s for s in register.data_subject_categories}
        self.recipients = {r.id: r for r in register.recipients}
        self.subs = sub_processors(register)
        self.out = Flows()

    def activity(self, act: Activity) -> None:
        a = self.out.node(Node(f"a:{act.id}", ACTIVITIES, act.name)).id
        self._subjects(act, a)
        used = self._recipients(act, a)
        self._sub_processors(used, "recipients" in act.inherited)
        covered = self._transfers(act, a, used)
        self._others(act, a, used)
        for rid in used:
            self._recipient_country(rid, covered)

    def _subjects(self, act: Activity, a: str) -> None:
        value = act.data_subjects
        if isinstance(value, Fact):
            for sid in value.value:
                name = self.subjects[sid].name if sid in self.subjects else sid
                self.out.edge(Edge(self.out.node(Node(f"s:{sid}", SUBJECTS, name)).id, a))
        else:
            self.out.edge(Edge(self.out.node(Node("gap:subjects", SUBJECTS, "point.data-subjects", key=True, gap=True)).id, a, gap=True))

    def _recipient(self, rid: str) -> str:
        rec = self.recipients.get(rid)
        kind = stated_kind(rec.kind) if rec is not None else RecipientKind.OTHER
        group = GROUP_OF[kind] if kind is not None else RecipientGroup.KIND_NOT_STATED
        return self.out.node(Node(f"r:{rid}", RECIPIENTS, rec.name if rec else rid, group=group)).id

    def _recipients(self, act: Activity, a: str) -> list[str]:
        value, org_wide = act.recipients, "recipients" in act.inherited
        if isinstance(value, Fact):
            for rid in value.value:
                self.out.edge(Edge(a, self._recipient(rid), org_wide=org_wide))
            return list(value.value)
        if isinstance(value, NotStated):
            gap = self.out.node(Node("gap:recipients", RECIPIENTS, "point.recipients", key=True, gap=True))
            self.out.edge(Edge(a, gap.id, gap=True, org_wide=org_wide))
        return []

    def _others(self, act: Activity, a: str, used: list[str]) -> None:
        """The recipients the activity neither lists nor transfers to but stores data with or keeps a retention rule
        for (``ropa.reporting.recipient_use``), so that the map names the activities every other output does."""
        for rid, ways in involved(act).items():
            if rid not in used:  # organisation-wide when every point naming it comes from `defaults:`
                org_wide = all(_POINT_OF[way] in act.inherited for way in ways)
                self.out.edge(Edge(a, self._recipient(rid), org_wide=org_wide))
                used.append(rid)

    def _sub_processors(self, used: list[str], org_wide: bool) -> None:
        """Processor -> sub-processor (Art. 28(2)): the data go on to each, which then shows where it is."""
        for rid in list(used):
            for chain in chains(self.subs, rid):
                self.out.edge(Edge(self._recipient(chain[-2]), self._recipient(chain[-1]), org_wide=org_wide))
                if chain[-1] not in used:
                    used.append(chain[-1])

    def _destination(self, transfer: Transfer) -> Node:
        if transfer.country is not None:
            return self.out.node(Node(f"c:{transfer.country}", DESTINATIONS, transfer.country, country=transfer.country))
        if transfer.organisation is not None:
            return self.out.node(Node(f"o:{_slug(transfer.organisation)}", DESTINATIONS, transfer.organisation))
        words = transfer.unnamed_destination or ""
        return self.out.node(Node(f"u:{_slug(words)}", DESTINATIONS, "", key=False, gap=True, words=words))

    def _transfers(self, act: Activity, a: str, used: list[str]) -> set[tuple[str, str]]:
        """Draw the activity's transfers; return the (recipient, destination) pairs they cover."""
        value, org_wide = act.transfers, "transfers" in act.inherited
        covered: set[tuple[str, str]] = set()
        if isinstance(value, NotStated):
            gap = self.out.node(Node("gap:transfers", DESTINATIONS, "point.transfers", key=True, gap=True))
            gap.statuses.add(Status.NOT_STATED)
            self.out.edge(Edge(a, gap.id, Status.NOT_STATED, gap=True, org_wide=org_wide))
            return covered
        if not isinstance(value, list):
            return covered
        for transfer in value:
            tail = a
            if transfer.recipient is not None:
                tail = self._recipient(transfer.recipient)
                if transfer.recipient not in used:  # the transfer names a recipient the activity does not list
                    self.out.edge(Edge(a, tail, org_wide=org_wide))
                    used.append(transfer.recipient)
            head = self._destination(transfer)
            status = of_transfer(transfer)
            head.statuses.add(status)
            self.out.edge(Edge(tail, head.id, status, gap=status is Status.NOT_STATED, org_wide=org_wide))
            covered.add((tail, head.id))
        return covered

    def _recipient_country(self, rid: str, covered: set[tuple[str, str]]) -> None:
        """Where a recipient is, unless a transfer already draws that flow."""
        rec = self.recipients.get(rid)
        if rec is None:
            return
        tail = f"r:{rid}"
        if isinstance(rec.country, Fact):
            code = rec.country.value
            head = self.out.node(Node(f"c:{code}", DESTINATIONS, code, country=code))
            if (tail, head.id) in covered:
                return
            status = of_country(code)
            head.statuses.add(status)
            self.out.edge(Edge(tail, head.id, status, gap=status is Status.NOT_STATED))
        elif isinstance(rec.country, NotStated):
            head = self.out.node(Node("gap:country", DESTINATIONS, "point.country", key=True, gap=True))
            head.statuses.add(Status.NOT_STATED)
            self.out.edge(Edge(tail, head.id, Status.NOT_STATED, gap=True))


def flows(register: Register, activities: Sequence[Activity] | None = None) -> Flows:
    """The nodes and edges of the map of ``activities`` (default: all of the register's)."""
    builder = _Builder(register)
    for act in register.activities if activities is None else activities:
        builder.activity(act)
    return builder.out
