"""The Word register: a .docx that legal reviewers read, comment on and sign off.

``render`` takes the validated register and facts about the run and returns the bytes of the
document; ``ropa.build`` writes them atomically. The same input gives the same bytes: dates come
from the register, never the clock, and the zip entries are dated and ordered the same way.

Modules, one job each: ``document`` (template, page, header, footer, properties), ``styles``,
``title`` (title page and contents), ``sections`` (1 controller, 2 summary), ``datamap`` (the
data map after the summary), ``activities`` (3), ``annexes``, ``review``, ``categories`` and ``cookies`` (the
annexes), ``evidence`` (quotes), ``values`` (labels and cell content), ``ooxml`` (the fast WordprocessingML builder),
``paragraphs``, ``markup`` and ``paragraph_tree`` (paragraphs held, as bytes and as elements), ``tables`` (table layouts, rows as bytes or elements),
``stream`` (``word/document.xml`` written as the body is built) and ``package`` (the zip).
"""

from __future__ import annotations

from ropa.collector import collector_paused
from ropa.render.context import RenderInput
from ropa.render.word import activities, annexes, categories, cookies, datamap, dpia, review, sections, title
from ropa.render.word.document import new_document
from ropa.render.word.package import to_bytes
from ropa.render.word.stream import StreamedBody
from ropa.render.word.values import Context
from ropa.reporting.dpia import screen_all


def render(data: RenderInput, *, stream: bool = True) -> bytes:
    """The Word register for ``data`` as .docx bytes.

    The body after the table of contents is streamed (:mod:`ropa.render.word.stream`), so memory
    stays flat as activities grow. ``stream=False`` builds the whole body as one python-docx tree
    instead: the same bytes, kept as the reference the tests compare the streamed output with.
    """
    with collector_paused():
        return _render(data, stream=stream)


def _render(data: RenderInput, *, stream: bool) -> bytes:
    ctx = Context(data)
    document, body = new_document(ctx)
    title.write_title_page(ctx, body)
    toc = body.placeholder()
    streamed = StreamedBody(document.element, body) if stream else None
    sections.write_controller(ctx, body)
    sections.write_summary(ctx, body)
    datamap.write_map(ctx, body, document.part)
    body.checkpoint()
    screenings = screen_all(data.register)
    activities.write_activities(ctx, body, screenings)  # a checkpoint after each activity
    annex_writers = (annexes.write_recipients, annexes.write_transfers, annexes.write_retention, annexes.write_security)
    for write in (*annex_writers, review.write_gaps, review.write_sources, review.write_warnings):
        write(ctx, body)
        body.checkpoint()
    dpia.write_annex(ctx, body, screenings)
    body.checkpoint()
    categories.write_annex(ctx, body)
    body.checkpoint()
    if data.register.cookies:
        cookies.write_annex(ctx, body)
        body.checkpoint()
    body.replace(toc, title.contents(ctx, body))
    return to_bytes(document, data.register.info.date, streamed.writer() if streamed else None)
