"""`ropa import`: ICO-layout workbooks and CSV files, filled in as DPOs do, read into a register that validates and builds."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from ropa.cli import main
from ropa.model import Register
from ropa.model.markers import NotStated
from ropa.validate import validate_file
from tests.ico_workbook import ICO_HEADERS, ROWS, ico_workbook


def _import(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["import", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _register(folder: Path) -> Register:
    outcome = validate_file(folder / "register.yaml")
    assert outcome.register is not None, [f.message for f in outcome.findings]
    assert not outcome.errors, [f"{f.code}: {f.message}" for f in outcome.errors]
    return outcome.register


def _data(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((folder / "register.yaml").read_text(encoding="utf-8"))
    return data


def test_ico_workbook_imports_validates_and_builds(tmp_path: Path) -> None:
    book = ico_workbook(tmp_path / "acme.xlsx")
    code, out, _err = _import(str(book), "--out", str(tmp_path / "reg"), "--date", "2026-03-01")
    assert code == 0
    assert "2 activities" in out
    assert "'Purpose of processing' -> purpose" in out
    assert "unmapped columns (3):" in out
    assert "'Link to record of consent': has no place in an Art. 30 register" in out
    register = _register(tmp_path / "reg")
    assert register.info.id == "acme-widgets-ltd"
    assert register.info.kind.value == "internal"
    assert register.controller.name.value == "Acme Widgets Ltd"
    payroll, newsletter = register.activities
    assert [p.lawful_basis.basis.value for p in payroll.purposes] == ["b-contract", "c-legal-obligation"]  # type: ignore[union-attr]
    assert isinstance(payroll.retention, list)
    assert payroll.retention[0].period == "P6Y"
    assert payroll.retention[0].trigger == "employment ends"
    assert payroll.transfers.none is True  # type: ignore[union-attr]
    transfer = newsletter.transfers[0]  # type: ignore[index]
    assert transfer.country == "US"
    assert transfer.mechanism.mechanism.value == "art46-2-c-standard-contractual-clauses"  # type: ignore[union-attr]
    assert newsletter.purposes[0].lawful_basis.legitimate_interest == "Telling customers about our products"  # type: ignore[union-attr]
    assert newsletter.retention[0].rule == "until unsubscribed"  # type: ignore[index]
    assert newsletter.dpia.status.value == "required-done"  # type: ignore[union-attr]
    assert newsletter.dpia.reference == "DPIA-2024-03"  # type: ignore[union-attr]
    assert newsletter.automated_decisions.not_applicable is True  # type: ignore[union-attr]
    assert register.representative.not_applicable is True  # type: ignore[union-attr]
    code, out, _err = CliRunner().invoke(main, ["build", str(tmp_path / "reg"), "--out", str(tmp_path / "built")]).exit_code, "", ""
    assert code == 0
    sheet = openpyxl.load_workbook(tmp_path / "built" / "acme-widgets-ltd.xlsx")["Register"]
    texts = {c.value for row in sheet.iter_rows() for c in row if c.value}
    assert "Staff administration and payroll" in texts


def test_every_fact_quotes_its_cell_line(tmp_path: Path) -> None:
    """The source text holds one line per cell, headed by the workbook's name and SHA-256; quotes are those lines."""
    book = ico_workbook(tmp_path / "acme.xlsx")
    _import(str(book), "--out", str(tmp_path / "reg"))
    text = (tmp_path / "reg" / "workbook.txt").read_text(encoding="utf-8")
    import hashlib

    assert text.startswith(f"Workbook: acme.xlsx\nSHA-256: {hashlib.sha256(book.read_bytes()).hexdigest()}\n")
    assert "Controller!E10: Name, address, bank details, salary" in text.splitlines()
    data = _data(tmp_path / "reg")
    categories = {c["id"]: c for c in data["data_categories"]}
    assert categories["bank-details"]["evidence"] == [{"quote": "Controller!E10: Name, address, bank details, salary"}]
    assert data["activities"][1]["transfers"][0]["evidence"] == [{"quote": "Controller!H11: USA"}]


def test_registries_are_deduplicated_with_stable_ids(tmp_path: Path) -> None:
    rows = [
        {**ROWS[0], "Categories of recipients": "HMRC; Payroll bureau", "Categories of personal data": "Name, Salary"},
        {**ROWS[1], "Categories of recipients": "hmrc, MailChimp", "Categories of personal data": "name"},
    ]
    _import(str(ico_workbook(tmp_path / "a.xlsx", rows)), "--out", str(tmp_path / "a"))
    data = _data(tmp_path / "a")
    assert [r["id"] for r in data["recipients"]] == ["hmrc", "payroll-bureau", "mailchimp"]
    assert [c["id"] for c in data["data_categories"]] == ["name", "salary"]
    assert data["activities"][1]["recipients"]["value"] == ["hmrc", "mailchimp"]
    _import(str(ico_workbook(tmp_path / "b.xlsx", rows)), "--out", str(tmp_path / "b"))
    assert (tmp_path / "b" / "register.yaml").read_text() == (tmp_path / "a" / "register.yaml").read_text().replace("a.xlsx", "b.xlsx")


TRANSFERS = "Names of third countries or international organisations that personal data are transferred to (if applicable)"
SAFEGUARDS = "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)"
RENAMED = {
    "Business function": "Department",
    "Purpose of processing": "Purposes",
    "Categories of individuals": "Data subjects",
    "Categories of personal data": "Types of data",
    "Retention schedule (if possible)": "How long do we keep it?",
    "Article 6 lawful basis for processing personal data": "Legal basis (GDPR Art. 6)",
    "Names of third countries or international organisations that personal data are transferred to (if applicable)": "Transfers outside the UK",
}


def test_reworded_reordered_added_and_missing_columns(tmp_path: Path) -> None:
    headers = [h for h in reversed(ICO_HEADERS) if "security" not in h] + ["Our internal ticket"]
    rows = [{**r, "Our internal ticket": "IT-42"} for r in ROWS]
    book = ico_workbook(tmp_path / "v.xlsx", rows, headers=headers, rename=RENAMED, block=[("Organisation name", "Acme Widgets Ltd"), ()])
    code, out, err = _import(str(book), "--out", str(tmp_path / "v"), "--date", "2026-03-01")
    assert code == 0, err
    assert "'Department' -> business function" in out
    assert "'How long do we keep it?' -> retention" in out
    assert "'Our internal ticket': not a column ropa knows" in out
    assert 'column "Our internal ticket" not a column ropa knows: not imported; its 2 filled cells are in the source text only' in err
    register = _register(tmp_path / "v")
    assert register.activities[0].security_measures.not_stated is True  # type: ignore[union-attr]
    assert register.activities[0].business_function.value == "HR"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Legitimate interests – Art 6(1)(f)", ["f-legitimate-interests"]),
        ("6(1)(b)", ["b-contract"]),
        ("Art. 6.1(c) legal obligation", ["c-legal-obligation"]),
        ("Contract; legal obligation", ["b-contract", "c-legal-obligation"]),
        ("Public task", ["e-public-task"]),
        ("Contract, opt-out by e-mail for legitimate interests marketing", ["b-contract", "f-legitimate-interests"]),
    ],
)
def test_lawful_basis_notations(tmp_path: Path, cell: str, expected: list[str]) -> None:
    rows = [{**ROWS[1], "Article 6 lawful basis for processing personal data": cell}]
    _import(str(ico_workbook(tmp_path / "x.xlsx", rows)), "--out", str(tmp_path / "x"))
    register = _register(tmp_path / "x")
    assert [p.lawful_basis.basis.value for p in register.activities[0].purposes] == expected  # type: ignore[union-attr]


def test_consent_and_unknown_bases_are_kept_as_text_with_a_warning(tmp_path: Path) -> None:
    rows = [
        {**ROWS[0], "Article 6 lawful basis for processing personal data": "as agreed with HR"},
        {**ROWS[1], "Article 6 lawful basis for processing personal data": "Consent"},
    ]
    code, out, err = _import(str(ico_workbook(tmp_path / "x.xlsx", rows)), "--out", str(tmp_path / "x"))
    assert code == 0
    assert 'Controller!L10: lawful basis "as agreed with HR" not recognised; kept as text, marked not stated' in err
    assert "Controller!L11: Art. 6(1)(a) consent recorded without how it is withdrawn" in err
    assert "cells kept as text: 1" in out
    register = _register(tmp_path / "x")
    assert register.activities[0].purposes[0].lawful_basis.note == "Controller!L10: as agreed with HR"


@pytest.mark.parametrize(
    ("cell", "withdrawal"),
    [
        ("Consent - withdraw via unsubscribe link", "withdraw via unsubscribe link"),
        ("Consent (withdrawn by e-mail to privacy@acme.example)", "withdrawn by e-mail to privacy@acme.example"),
        ("Consent; unsubscribe link in every newsletter", "unsubscribe link in every newsletter"),
        ("Art 6(1)(a) consent, opt-out in the account settings", "opt-out in the account settings"),
    ],
)
def test_consent_that_says_how_it_is_withdrawn_is_stated(tmp_path: Path, cell: str, withdrawal: str) -> None:
    """A DPO's consent cell that says how consent is withdrawn (Art. 7(3)) imports as consent with that withdrawal,
    quoting the cell; nothing is warned about the basis."""
    rows = [{**ROWS[1], "Article 6 lawful basis for processing personal data": cell}]
    code, _out, err = _import(str(ico_workbook(tmp_path / "x.xlsx", rows)), "--out", str(tmp_path / "x"))
    assert code == 0
    assert "Controller!L10" not in err
    basis = _register(tmp_path / "x").activities[0].purposes[0].lawful_basis
    assert basis.basis.value == "a-consent"  # type: ignore[union-attr]
    assert basis.consent_withdrawal == withdrawal  # type: ignore[union-attr]
    assert [e.quote for e in basis.evidence] == [f"Controller!L10: {cell}"]  # type: ignore[union-attr]


@pytest.mark.parametrize("cell", ["Consent (can be withdrawn at any time)", "Consent - withdrawable", "Consent"])
def test_consent_that_does_not_say_how_it_is_withdrawn_stays_not_stated(tmp_path: Path, cell: str) -> None:
    rows = [{**ROWS[1], "Article 6 lawful basis for processing personal data": cell}]
    _code, _out, err = _import(str(ico_workbook(tmp_path / "x.xlsx", rows)), "--out", str(tmp_path / "x"))
    assert "Controller!L10: Art. 6(1)(a) consent recorded without how it is withdrawn" in err
    basis = _register(tmp_path / "x").activities[0].purposes[0].lawful_basis
    assert isinstance(basis, NotStated)
    assert cell in str(basis.note)


@pytest.mark.parametrize(
    ("cell", "countries"),
    [("USA", ["US"]), ("United States of America", ["US"]), ("US", ["US"]), ("India, Philippines", ["IN", "PH"]), ("UK", ["GB"])],
)
def test_country_notations(tmp_path: Path, cell: str, countries: list[str]) -> None:
    key = "Names of third countries or international organisations that personal data are transferred to (if applicable)"
    _import(str(ico_workbook(tmp_path / "x.xlsx", [{**ROWS[1], key: cell}])), "--out", str(tmp_path / "x"))
    register = _register(tmp_path / "x")
    assert [t.country for t in register.activities[0].transfers] == countries  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("cell", "mechanism"),
    [
        ("Standard contractual clauses", "art46-2-c-standard-contractual-clauses"),
        ("BCRs", "art46-2-b-binding-corporate-rules"),
        ("Adequacy decision", "art45-adequacy-decision"),
    ],
)
def test_mechanism_notations(tmp_path: Path, cell: str, mechanism: str) -> None:
    rows = [{**ROWS[1], SAFEGUARDS: cell, TRANSFERS: "Japan"}]
    _import(str(ico_workbook(tmp_path / "x.xlsx", rows)), "--out", str(tmp_path / "x"))
    register = _register(tmp_path / "x")
    assert register.activities[0].transfers[0].mechanism.mechanism.value == mechanism  # type: ignore[union-attr,index]


def test_privacy_shield_before_and_after_schrems_ii(tmp_path: Path) -> None:
    book = ico_workbook(tmp_path / "x.xlsx", [{**ROWS[1], SAFEGUARDS: "Privacy Shield"}])
    _import(str(book), "--out", str(tmp_path / "old"), "--date", "2019-05-01")
    assert _register(tmp_path / "old").activities[0].transfers[0].mechanism.mechanism.value == "privacy-shield-2016-1250"  # type: ignore[union-attr,index]
    _code, _out, err = _import(str(book), "--out", str(tmp_path / "new"), "--date", "2026-03-01")
    assert "Controller!I10: the EU-US Privacy Shield was invalidated on 2020-07-16" in err
    assert _register(tmp_path / "new").activities[0].transfers[0].mechanism.not_stated is True  # type: ignore[union-attr,index]


@pytest.mark.parametrize(
    ("cell", "period", "rule"),
    [
        ("10 years", "P10Y", None),
        ("30 days", "P30D", None),
        ("Six months", "P6M", None),
        ("until unsubscribed", None, "until unsubscribed"),
    ],
)
def test_retention_notations(tmp_path: Path, cell: str, period: str | None, rule: str | None) -> None:
    rows = [{**ROWS[0], "Retention schedule (if possible)": cell}]
    _import(str(ico_workbook(tmp_path / "x.xlsx", rows)), "--out", str(tmp_path / "x"))
    retention = _register(tmp_path / "x").activities[0].retention[0]  # type: ignore[index]
    assert (retention.period, retention.rule) == (period, rule)


@pytest.mark.parametrize(
    ("cell", "marker"),
    [("None", "none"), ("No", "none"), ("N/A", "not_applicable"), ("n/a", "not_applicable"), ("-", "not_stated"), ("", "not_stated")],
)
def test_markers_are_never_invented(tmp_path: Path, cell: str, marker: str) -> None:
    key = "Categories of recipients"
    rows = [{**ROWS[0], key: cell, "Name and contact details of joint controller (if applicable)": ""}]
    _import(str(ico_workbook(tmp_path / "x.xlsx", rows)), "--out", str(tmp_path / "x"))
    recipients = _data(tmp_path / "x")["activities"][0]["recipients"]
    assert marker in recipients
    _register(tmp_path / "x")


def _write_csv(path: Path, headers: list[str], rows: list[dict[str, str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows([[r.get(h, "") for h in headers] for r in rows])
    return path


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_with_ico_headers(tmp_path: Path, delimiter: str) -> None:
    path = _write_csv(tmp_path / "register.csv", list(ICO_HEADERS), list(ROWS), delimiter)
    code, out, err = _import(str(path), "--out", str(tmp_path / "c"), "--org-id", "acme")
    assert code == 0, err
    assert "2 activities" in out
    register = _register(tmp_path / "c")
    assert register.info.id == "acme"
    assert register.activities[1].transfers[0].country == "US"  # type: ignore[index]
    assert "register.csv!B2: Staff administration and payroll" in (tmp_path / "c" / "workbook.txt").read_text(encoding="utf-8")


def test_ropa_built_workbook_reads_back(tmp_path: Path) -> None:
    """A workbook ropa built: its Register sheet's headers are matched like any other (see the README for what is not read back)."""
    book = ico_workbook(tmp_path / "acme.xlsx")
    _import(str(book), "--out", str(tmp_path / "reg"), "--date", "2026-03-01")
    assert CliRunner().invoke(main, ["build", str(tmp_path / "reg"), "--out", str(tmp_path / "built")]).exit_code == 0
    code, out, err = _import(str(tmp_path / "built" / "acme-widgets-ltd.xlsx"), "--layout", "ropa", "--out", str(tmp_path / "again"))
    assert code == 0, err
    assert "2 activities" in out
    register = _register(tmp_path / "again")
    assert [a.id for a in register.activities] == ["staff-administration-and-payroll", "email-newsletter"]
