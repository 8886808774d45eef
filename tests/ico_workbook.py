"""ICO-layout workbooks built as a DPO fills them in: the controller block, then a table (test helper)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

#: The UK ICO controller documentation template's table headers, in its order.
ICO_HEADERS = (
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 basis for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Link to record of legitimate interests assessment (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)",
    "Link to record of consent",
    "Location of personal data",
    "Data Protection Impact Assessment required?",
    "Data Protection Impact Assessment progress",
    "Link to the Data Protection Impact Assessment",
    "Personal data breach?",
)

CONTROLLER_BLOCK = (
    ("Name and contact details",),
    ("Name", "Acme Widgets Ltd"),
    ("Address", "1 High Street, Leeds LS1 1AA"),
    ("Email", "privacy@acme.example"),
    ("Telephone", "0113 496 0000"),
    ("Data Protection Officer", "Jane Smith, dpo@acme.example"),
    ("Representative", "N/A"),
    (),
)

ROWS: tuple[dict[str, str], ...] = (
    {
        "Business function": "HR",
        "Purpose of processing": "Staff administration and payroll",
        "Categories of individuals": "Employees; former employees",
        "Categories of personal data": "Name, address, bank details, salary",
        "Categories of recipients": "Payroll bureau, HMRC",
        "Link to contract with processor": "",
        "Names of third countries or international organisations that personal data are transferred to (if applicable)": "None",
        "Retention schedule (if possible)": "6 years after employment ends",
        "General description of technical and organisational security measures (if possible)": "Encrypted HR system; access limited to HR staff",
        "Article 6 lawful basis for processing personal data": "Contract; legal obligation",
        "Rights available to individuals": "Access, rectification, erasure",
        "Existence of automated decision-making, including profiling (if applicable)": "No",
        "The source of the personal data (if applicable)": "The data subject",
        "Location of personal data": "HR system (UK data centre)",
        "Data Protection Impact Assessment required?": "No",
    },
    {
        "Business function": "Marketing",
        "Purpose of processing": "Email newsletter",
        "Categories of individuals": "Newsletter subscribers",
        "Categories of personal data": "Name, e-mail address",
        "Categories of recipients": "MailChimp",
        "Link to contract with processor": "https://intranet.example/contracts/mailchimp",
        "Names of third countries or international organisations that personal data are transferred to (if applicable)": "USA",
        "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)": "SCCs",
        "Retention schedule (if possible)": "until unsubscribed",
        "General description of technical and organisational security measures (if possible)": "TLS; MFA on the MailChimp account",
        "Article 6 lawful basis for processing personal data": "Legitimate interests – Art 6(1)(f)",
        "Legitimate interests for the processing (if applicable)": "Telling customers about our products",
        "Rights available to individuals": "Objection to direct marketing",
        "Existence of automated decision-making, including profiling (if applicable)": "N/A",
        "The source of the personal data (if applicable)": "Directly from the individual",
        "Location of personal data": "MailChimp (United States of America)",
        "Data Protection Impact Assessment required?": "Yes",
        "Data Protection Impact Assessment progress": "Completed",
        "Link to the Data Protection Impact Assessment": "DPIA-2024-03",
    },
)


def ico_workbook(
    path: Path,
    rows: Sequence[dict[str, str]] = ROWS,
    *,
    headers: Sequence[str] = ICO_HEADERS,
    block: Sequence[Sequence[str]] = CONTROLLER_BLOCK,
    title: str = "Controller",
    rename: dict[str, str] | None = None,
) -> Path:
    """Write an ICO-layout workbook: the controller block, a header row, one row per activity."""
    book = Workbook()
    ws = book.active
    ws.title = title
    for line in block:
        ws.append(list(line))
    rename = rename or {}
    ws.append([rename.get(h, h) for h in headers])
    for row in rows:
        ws.append([row.get(h, "") for h in headers])
    book.save(path)
    return path
