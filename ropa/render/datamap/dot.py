"""The map as Graphviz DOT text: columns left to right, recipients in clusters by role, a legend on top.

The text depends only on the register and the language, so the pictures Graphviz draws from it
are the same on every rebuild. Fonts are fixed (DejaVu Sans, Debian's fonts-dejavu-core).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ropa.reference.countries import country_name
from ropa.reference.labels import InLanguage
from ropa.render.datamap.flows import ACTIVITIES, DESTINATIONS, RECIPIENTS, SUBJECTS, Flows, Node
from ropa.render.datamap.status import COLOURS, RecipientGroup, Status

FONT = "DejaVu Sans"
#: Characters a line of a box's label holds before it wraps; of the title; of the lines under it.
WRAP, TITLE_WRAP, LINE_WRAP = 20, 50, 80
#: Edge colours: a darker shade of each status colour, so that a thin line shows on white.
EDGE_COLOURS: dict[Status, str] = {
    Status.EEA: "#0072B2",
    Status.ADEQUACY: "#007A5A",
    Status.SAFEGUARDS: "#8A7F00",
    Status.DEROGATION: "#C26B00",
    Status.NOT_STATED: "#8C8C8C",
}
GAP_FILL, GAP_LINE, GAP_TEXT = "#F2F2F2", "#8C8C8C", "#595959"
ACTIVITY_FILL, SUBJECT_FILL, LINE = "#1F3864", "#E7ECF4", "#404040"


@dataclass
class Words(InLanguage):
    """The map's labels in one language, worded for the register's kind (a gap is 'not recorded' in an internal one)."""

    lang: str
    kind: str = "policy"

    def not_stated(self, key: str) -> str:
        return f"{self.t(key)}{self.t('punct.colon')}{self.t('status.not-stated')}"


def quoted(text: str) -> str:
    """A DOT quoted string: backslashes and quotes escaped (so ``\\N``, ``\\G`` in register text stay text)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrapped(text: str, width: int = WRAP) -> str:
    """Register text broken into lines of about ``width`` characters, as a DOT string with centred lines."""
    lines = textwrap.wrap(" ".join(text.split()), width, break_long_words=True, break_on_hyphens=True) or [""]
    return "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)


def label_of(node: Node, words: Words) -> str:
    """What a node's box says, in the map's language."""
    if node.country is not None:
        return country_name(node.country, words.lang)
    if node.words is not None:
        return f"{node.words} \N{EN DASH} {words.t('xlsx.word.country-not-stated')}"
    if node.key:
        return words.not_stated(node.label) if node.gap else words.t(node.label)
    return node.label


def _node(node: Node, words: Words) -> str:
    attrs = [f'label="{wrapped(label_of(node, words))}"']
    if node.gap:
        attrs += ['style="dashed,filled"', f'fillcolor="{GAP_FILL}"', f'color="{GAP_LINE}"', f'fontcolor="{GAP_TEXT}"']
    elif node.column == ACTIVITIES:
        attrs += ['style="filled"', f'fillcolor="{ACTIVITY_FILL}"', 'fontcolor="white"', f'color="{ACTIVITY_FILL}"']
    elif node.column == SUBJECTS:
        attrs += ['style="rounded,filled"', f'fillcolor="{SUBJECT_FILL}"']
    elif node.column == DESTINATIONS:
        statuses = [s for s in Status if s in node.statuses] or [Status.NOT_STATED]
        fill = ":".join(COLOURS[s] for s in statuses)
        if statuses == [Status.NOT_STATED]:  # a country reached on no stated ground
            attrs += ['style="dashed,filled"', f'color="{GAP_LINE}"']
        else:  # several grounds: one stripe each, in the legend's order
            attrs.append('style="filled,striped"' if len(statuses) > 1 else 'style="filled"')
        attrs.append(f'fillcolor="{fill}"')
    return f"    {quoted(node.id)} [{', '.join(attrs)}];"


def _edge(tail: str, head: str, status: Status | None, gap: bool, org_wide: bool) -> str:
    attrs = []
    if gap:
        attrs += ['style="dashed"', f'color="{EDGE_COLOURS[Status.NOT_STATED]}"']
    elif status is not None:
        attrs.append(f'color="{EDGE_COLOURS[status]}"')
    if org_wide:
        attrs.append('arrowhead="onormal"')
    return f"  {quoted(tail)} -> {quoted(head)}" + (f" [{', '.join(attrs)}];" if attrs else ";")


def _cell(text: str, *, bold: bool = False, size: int = 10, width: int = 0) -> str:
    """A left-aligned cell of an HTML-like label; ``width`` (characters) wraps the text into lines."""
    lines = textwrap.wrap(" ".join(text.split()), width) if width else [text]
    body = "<BR/>".join(escape(line) for line in lines or [""])
    if bold:
        body = f"<B>{body}</B>"
    return f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{size}">{body}</FONT></TD>'


def legend(words: Words, title: str, lines: Iterable[str], flows: Flows) -> str:
    """The graph's label: the title, what the map shows and how it splits, then the legend, as a Graphviz HTML-like label."""
    rows = [f"<TR>{_cell(title, bold=True, size=16, width=TITLE_WRAP)}</TR>"]
    rows += [f"<TR>{_cell(line, size=12, width=LINE_WRAP)}</TR>" for line in lines]
    swatch_rows: list[list[str]] = [[], []]
    for i, status in enumerate(Status):
        swatches = swatch_rows[i * len(swatch_rows) // len(Status)]
        dashed = ' STYLE="dashed" BORDER="1" COLOR="' + GAP_LINE + '"' if status is Status.NOT_STATED else ""
        swatches.append(f'<TD BGCOLOR="{COLOURS[status]}" WIDTH="14" HEIGHT="10" FIXEDSIZE="TRUE"{dashed}> </TD>')
        name = words.t("status.not-stated") if status is Status.NOT_STATED else words.t(f"map.status.{status.value}")
        swatches.append(_cell(name, size=11))
    grid = "".join(f"<TR>{''.join(swatches)}</TR>" for swatches in swatch_rows)  # two rows: no wider than the map
    rows.append(f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">{grid}</TABLE></TD></TR>')
    keys = [words.t("map.legend.dashed", not_stated=words.t("status.not-stated"))]
    if any(e.org_wide for e in flows.edges):
        keys.append(words.t("map.legend.org-wide"))
    rows += [f"<TR>{_cell(key, size=11, width=LINE_WRAP)}</TR>" for key in keys]
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">{"".join(rows)}</TABLE>>'


def dot_text(flows: Flows, words: Words, title: str, lines: Iterable[str]) -> str:
    """The DOT source of one picture."""
    out = [
        "digraph datamap {",
        f'  graph [rankdir="LR", fontname="{FONT}", labelloc="t", labeljust="l", nodesep="0.08", ranksep="0.4", '
        'pad="0.2", newrank="true", outputorder="edgesfirst", bgcolor="white"];',
        f'  node [shape="box", fontname="{FONT}", fontsize="12", margin="0.07,0.03", height="0.28", color="{LINE}"];',
        f'  edge [color="{LINE}", arrowsize="0.6", penwidth="0.8"];',
        f"  label={legend(words, title, lines, flows)};",
    ]
    for column, rank in ((SUBJECTS, "min"), (ACTIVITIES, "same"), (DESTINATIONS, "max")):
        members = flows.column(column)
        if members:
            out.append(f"  {{ rank={rank};")
            out += [_node(n, words) for n in members]
            out.append("  }")
    recipients = flows.column(RECIPIENTS)
    for group in RecipientGroup:
        members = [n for n in recipients if n.group is group and not n.gap]
        if members:
            out.append(f"  subgraph {quoted('cluster_' + group.value)} {{")
            out.append(f'    label="{wrapped(words.t(f"map.group.{group.value}"), 40)}"; fontsize="12"; style="rounded"; color="#A6A6A6";')
            out += [_node(n, words) for n in members]
            out.append("  }")
    out += [_node(n, words) for n in recipients if n.gap]
    out += [_edge(e.tail, e.head, e.status, e.gap, e.org_wide) for e in flows.edges]
    out.append("}")
    return "\n".join(out) + "\n"
