"""The Word register: a .docx that legal reviewers read, comment on and sign off.

``render`` takes the validated register and facts about the run and returns the bytes of the
document; ``ropa.build`` writes them atomically. The same input gives the same bytes: dates come
from the register, never the clock, and the zip entries are dated and ordered the same way.

Modules, one job each: ``document`` (template, page, header, footer, properties), ``styles``,
``title`` (title page and contents), ``sections`` (1 controller, 2 summary), ``datamap`` (the
data map after the summary), ``activities`` (3), ``annexes`` and ``review`` (the annexes), ``evidence`` (quotes), ``values`` (labels and
cell content), ``ooxml`` (the fast WordprocessingML builder) and ``package`` (the zip).
"""

from __future__ import annotations

from ropa.collector import collector_paused
from ropa.render.context import RenderInput
from ropa.render.word import activities, annexes, datamap, dpia, review, sections, title
from ropa.render.word.document import new_document
from ropa.render.word.package import to_bytes
from ropa.render.word.values import Context
from ropa.reporting.dpia import screen_all


def render(data: RenderInput) -> bytes:
    """The Word register for ``data`` as .docx bytes."""
    with collector_paused():
        return _render(data)


def _render(data: RenderInput) -> bytes:
    ctx = Context(data)
    document, body = new_document(ctx)
    title.write_title_page(ctx, body)
    toc = body.placeholder()
    sections.write_controller(ctx, body)
    sections.write_summary(ctx, body)
    datamap.write_map(ctx, body, document.part)
    activities.write_activities(ctx, body)
    annexes.write_recipients(ctx, body)
    annexes.write_transfers(ctx, body)
    annexes.write_retention(ctx, body)
    annexes.write_security(ctx, body)
    review.write_gaps(ctx, body)
    review.write_sources(ctx, body)
    review.write_warnings(ctx, body)
    dpia.write_annex(ctx, body, screen_all(data.register))
    body.replace(toc, title.contents(ctx, body))
    return to_bytes(document, data.register.info.date)
