"""The Excel register: one workbook per register, the sheets an auditor filters and an authority receives.

``render`` takes a validated register and returns the .xlsx bytes; ``ropa.build`` writes them
atomically. Nothing here reads YAML or the clock, so the same input gives the same bytes.
"""

from __future__ import annotations

from ropa.render.context import RenderInput
from ropa.render.excel.audit_sheets import about_sheet, evidence_sheet, gaps_sheet, title_of
from ropa.render.excel.facts import Lookup
from ropa.render.excel.layout import Sheet, sheet_names
from ropa.render.excel.org_sheets import controller_sheet, recipients_sheet, security_sheet
from ropa.render.excel.package import Properties, write_workbook
from ropa.render.excel.processor_sheet import has_processor_activities, processor_sheet
from ropa.render.excel.register_sheet import register_sheet
from ropa.render.excel.transfer_sheets import retention_sheet, transfers_sheet
from ropa.render.excel.words import Words
from ropa.reporting.gaps import missing

__all__ = ["footer_text", "render", "workbook_plan"]


def footer_text(text: str) -> str:
    """Header/footer codes start with '&': a literal one is doubled; the whole is kept short."""
    return text[:120].replace("&", "&&")


def render(data: RenderInput) -> bytes:
    """The register as an .xlsx workbook, byte-identical for identical input."""
    return write_workbook(*workbook_plan(data))


def workbook_plan(data: RenderInput) -> tuple[list[Sheet], list[str], Properties]:
    """The sheets (rows still to be generated), their names, and the document properties."""
    lang = data.language.value
    words = Words(lang)
    look = Lookup(data.register, words)
    gaps = missing(data.register)
    sheets: list[Sheet] = [register_sheet(look)]
    if has_processor_activities(look):
        sheets.append(processor_sheet(look))
    sheets += [
        controller_sheet(look),
        recipients_sheet(look),
        transfers_sheet(look),
        retention_sheet(look),
        security_sheet(look),
        gaps_sheet(look, gaps),
        evidence_sheet(look),
    ]
    keys = [s.key for s in sheets] + ["xlsx.sheet.about"]
    sheets.append(about_sheet(data, look, gaps, keys))
    names = sheet_names([words(k) for k in keys])
    reg = data.register
    organisation = reg.controller.name.value
    day = reg.info.date.isoformat()
    props = Properties(
        title=title_of(data),
        subject=words("xlsx.subject"),
        company=organisation,
        creator=f"ropa {data.tool_version}",
        keywords="GDPR; Art. 30; ROPA",
        description=f"{data.source_path} (SHA-256 {data.sha256})",
        language=lang,
        identifier=reg.info.id,
        day=reg.info.date,
        footer_left=footer_text(f"{organisation} \N{EM DASH} {words('xlsx.about.register-date')} {day}"),
        footer_right=words("xlsx.footer.page"),
        cut_label=words("xlsx.cut"),
    )
    return sheets, names, props
