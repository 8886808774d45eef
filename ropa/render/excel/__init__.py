"""The Excel register: one workbook per register, the sheets an auditor filters and an authority receives.

``render`` takes a validated register and returns the .xlsx bytes; ``ropa.build`` writes them
atomically. Nothing here reads YAML or the clock, so the same input gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable

from ropa.render.context import RenderInput
from ropa.render.excel.audit_sheets import about_sheet, evidence_sheet, gaps_sheet, title_of
from ropa.render.excel.category_sheet import categories_sheet
from ropa.render.excel.cookie_sheet import cookies_sheet
from ropa.render.excel.dpia_sheet import dpia_sheet
from ropa.render.excel.facts import Lookup
from ropa.render.excel.joint_sheet import has_joint_controllers, joint_sheet
from ropa.render.excel.layout import Sheet, sheet_names
from ropa.render.excel.map_sheet import map_sheet
from ropa.render.excel.org_sheets import controller_sheet, recipients_sheet, security_sheet
from ropa.render.excel.package import Properties, write_workbook
from ropa.render.excel.processor_sheet import has_processor_activities, processor_sheet
from ropa.render.excel.provision_sheet import has_provision, provision_sheet
from ropa.render.excel.register_sheet import register_sheet
from ropa.render.excel.transfer_sheets import retention_sheet, transfers_sheet
from ropa.render.excel.words import Words
from ropa.reporting.gaps import missing

__all__ = ["footer_text", "register_properties", "render", "workbook_plan"]


def footer_text(text: str) -> str:
    """Header/footer codes start with '&': a literal one is doubled; the whole is kept short."""
    return text[:120].replace("&", "&&")


def register_properties(
    data: RenderInput, words: Callable[[str], str], *, title: str, subject: str, keywords: str, language: str
) -> Properties:
    """A register workbook's document properties and footer, in whichever layout and labels."""
    reg = data.register
    organisation = reg.controller.name.value
    day = reg.info.date.isoformat()
    return Properties(
        title=title,
        subject=subject,
        company=organisation,
        creator=f"ropa {data.tool_version}",
        keywords=keywords,
        description=f"{data.source_path} (SHA-256 {data.sha256})",
        language=language,
        identifier=reg.info.id,
        day=reg.info.date,
        footer_left=footer_text(f"{organisation} \N{EM DASH} {words('xlsx.about.register-date')} {day}"),
        footer_right=words("xlsx.footer.page"),
        cut_label=words("xlsx.cut"),
    )


def render(data: RenderInput) -> bytes:
    """The register as an .xlsx workbook, byte-identical for identical input."""
    return write_workbook(*workbook_plan(data))


def workbook_plan(data: RenderInput) -> tuple[list[Sheet], list[str], Properties]:
    """The sheets (rows still to be generated), their names, and the document properties."""
    lang = data.language.value
    words = Words(lang, data.register.info.kind.value)
    look = Lookup(data.register, words)
    gaps = missing(data.register)
    sheets: list[Sheet] = [register_sheet(look)]
    if has_processor_activities(look):
        sheets.append(processor_sheet(look))
    if data.data_map is not None:
        sheets.append(map_sheet(look, data.data_map))
    sheets += [
        controller_sheet(look),
        *([joint_sheet(look)] if has_joint_controllers(look) else []),
        recipients_sheet(look),
        transfers_sheet(look),
        retention_sheet(look),
        *([provision_sheet(look)] if has_provision(look) else []),
        security_sheet(look),
        categories_sheet(look),
        *([cookies_sheet(look)] if data.register.cookies else []),
        dpia_sheet(look),
        gaps_sheet(look, gaps),
        evidence_sheet(look),
    ]
    keys = [s.key for s in sheets] + ["xlsx.sheet.about"]
    sheets.append(about_sheet(data, look, gaps, keys))
    names = sheet_names([words(k) for k in keys])
    props = register_properties(
        data, words, title=title_of(data), subject=words("xlsx.subject"), keywords="GDPR; Art. 30; ROPA", language=lang
    )
    return sheets, names, props
