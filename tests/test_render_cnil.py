"""The CNIL layout (`ropa build --layout cnil`): reopened with openpyxl and read as a French DPO would."""

from __future__ import annotations

import enum
import io
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from ropa.build import LAYOUTS
from ropa.cli import commands as cli
from ropa.loading.load import load_text
from ropa.model import Register, enums
from ropa.render import datamap
from ropa.render.excel.cnil import render
from ropa.render.excel.cnil_words import french_labels
from ropa.render.excel.sheetxml import LINE_HEIGHT
from tests.conftest import ROOT
from tests.test_render_excel import EXAMPLE, HOSTILE, REAL, hostile_register, render_input, with_register

GAP = "Non précisé dans la source"
DPIA_EXAMPLE = ROOT / "tests" / "examples" / "valid" / "dpia" / "register.yaml"
GAP_FILL = "00FFF2CC"
#: The fiche's sections, in the order of the CNIL's model.
SECTIONS = [
    "Description du traitement",
    "Acteurs",
    "Objectifs poursuivis",
    "Catégories de personnes concernées",
    "Catégories de données collectées",
    "Des données sensibles sont-elles traitées\N{NO-BREAK SPACE}?",
    "Catégories de destinataires des données",
    "Transferts des données hors UE",
    "Mesures de sécurité",
]


def open_book(payload: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(payload))


@cache
def book(path: Path) -> Any:
    return open_book(render(render_input(path)))


def rows(ws: Any) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows()]


def sections(ws: Any) -> dict[str, list[list[Any]]]:
    """Section title -> the rows under its heading, up to the next heading."""
    out: dict[str, list[list[Any]]] = {}
    current = None
    for row in rows(ws)[1:]:
        if row[0].value in SECTIONS:
            current = row[0].value
            out[current] = []
        elif current is not None:
            out[current].append(row)
    return out


def purpose_register() -> Register:
    """The minimal example with a health category (Art. 9) under explicit consent, and retention per category:
    two years for the e-mail address, six months for the allergies, none stated for the first name."""
    text = EXAMPLE.read_text(encoding="utf-8")
    swaps = [
        (
            '  - id: first-name\n    name: First name\n    evidence: [{quote: "first name"}]\n',
            '  - id: first-name\n    name: First name\n    evidence: [{quote: "first name"}]\n'
            '  - id: allergies\n    name: Food allergies\n    special_category: health\n    evidence: [{quote: "allergies"}]\n',
        ),
        ("value: [email, first-name], evidence", "value: [email, first-name, allergies], evidence"),
        (
            "    retention: {not_stated: true}\n",
            '    special_category_conditions:\n      - condition: a-explicit-consent\n        evidence: [{quote: "you consent"}]\n'
            "    retention:\n"
            '      - data_categories: [email]\n        period: P2Y\n        evidence: [{quote: "two years"}]\n'
            "      - data_categories: [allergies]\n        period: P6M\n        trigger: end of the event\n"
            '        evidence: [{quote: "six months"}]\n',
        ),
    ]
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new, 1)
    data, _ = load_text(text)
    return Register.model_validate(data)


# structure -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [EXAMPLE, *REAL], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_one_common_sheet_then_one_fiche_per_activity(path: Path) -> None:
    """'Registre' lists every activity with its fiche; each fiche has the CNIL model's sections, in its order."""
    wb = book(path)
    register = render_input(path).register
    n = len(register.activities)
    assert wb.sheetnames == ["Registre"] + [f"Fiche {i}" for i in range(1, n + 1)]
    common = rows(wb["Registre"])
    assert [c.value for c in common[0][:2]] == ["Registre des activités de traitement de", register.controller.name.value]
    listed = common[-n:]
    for act, row, name in zip(register.activities, listed, wb.sheetnames[1:], strict=True):
        assert [c.value for c in row] == [act.id, act.name, name]
        fiche = wb[name]
        assert [c.value for c in fiche[1]] == ["Fiche de registre de l'activité", act.name, f"N° / REF\N{NO-BREAK SPACE}: {act.id}"]
        titles = [r[0].value for r in rows(fiche) if r[0].value in SECTIONS]
        assert titles == SECTIONS
        assert all(body for body in sections(fiche).values()), name


def test_register_text_is_not_translated_and_labels_are_french() -> None:
    """The register's own words stay as written (English here); the labels, countries and units are French."""
    wb = open_book(render(with_register(purpose_register())))
    fiche = sections(wb["Fiche 1"])
    purposes = fiche["Objectifs poursuivis"]
    assert [c.value for c in purposes[0]] == [
        "Finalité principale",
        "Sending the newsletter to subscribers.",
        "Consentement (art. 6.1 a)\nModalités de retrait du consentement (art. 7.3)\N{NO-BREAK SPACE}: Unsubscribe link in every newsletter.",
    ]
    transfers = fiche["Transferts des données hors UE"]
    assert [c.value for c in transfers[0]] == ["MailChimp", "États-Unis", GAP]
    recipients = fiche["Catégories de destinataires des données"]
    assert [c.value for c in recipients[0][::2]] == ["MailChimp", "Sous-traitant"]
    assert "Sends the newsletter." in recipients[0][1].value
    assert "États-Unis" in recipients[0][1].value


def test_data_categories_show_their_own_erasure_period() -> None:
    """Each category has the retention that covers it; a category no rule covers is a gap, never another's period."""
    wb = open_book(render(with_register(purpose_register())))
    fiche = sections(wb["Fiche 1"])
    erasure = {r[0].value: r[2] for r in fiche["Catégories de données collectées"]}
    assert list(erasure) == ["E-mail address", "First name"]
    assert erasure["E-mail address"].value == "2 ans (P2Y)"
    assert erasure["First name"].value == GAP
    assert erasure["First name"].fill.start_color.rgb == GAP_FILL
    sensitive = fiche[SECTIONS[5]]
    assert [c.value for c in sensitive[0]] == [
        "Food allergies (Données concernant la santé\N{NO-BREAK SPACE}; donnée sensible, art. 9.1)",
        "Consentement explicite (art. 9.2 a)",
        "6 mois (P6M)\N{NO-BREAK SPACE}; Point de départ\N{NO-BREAK SPACE}: end of the event",
    ]


def test_no_sensitive_data_is_said_not_left_blank() -> None:
    """Without Art. 9 or Art. 10 data the sensitive-data section answers 'Non'."""
    sensitive = sections(book(EXAMPLE)["Fiche 1"])[SECTIONS[5]]
    assert sensitive[0][0].value == "Non"
    assert "aucune donnée sensible" in sensitive[0][1].value


def test_an_activity_whose_data_are_all_sensitive_does_not_say_it_collects_none() -> None:
    """Pharmacy records only health data: its data-categories section points to the sensitive data, not 'Aucun'."""
    fiche = sections(book(DPIA_EXAMPLE)["Fiche 3"])
    collected = [[c.value for c in row] for row in fiche["Catégories de données collectées"]]
    assert collected == [["Uniquement des données sensibles, détaillées ci-dessous", None, None]]
    assert fiche[SECTIONS[5]][0][0].value.startswith("Medication collected (Données concernant la santé")


def test_gaps_read_non_precise_in_every_cell_of_the_point() -> None:
    """What the source does not state reads 'Non précisé dans la source', in the gap style, as in the ICO layout."""
    wb = book(EXAMPLE)
    fiche = sections(wb["Fiche 1"])
    values = {r[0].value: r[1] for section in fiche.values() for r in section}
    for point in (
        "Service ou fonction chargé du traitement",
        "Nom et coordonnées du délégué à la protection des données",
        "Date de dernière mise à jour",
    ):
        assert values[point].value == GAP, point
        assert values[point].fill.start_color.rgb == GAP_FILL, point
    assert [c.value for c in fiche["Catégories de données collectées"][0]][2] == GAP  # retention not stated
    assert values["Représentant (si le responsable est établi hors de l'Union européenne)"].value.startswith(
        "Sans objet\N{NO-BREAK SPACE}: "
    )
    gaps = [c for row in rows(wb["Fiche 1"]) for c in row if c.value == GAP]
    assert gaps
    assert all(c.fill.start_color.rgb == GAP_FILL and c.font.i for c in gaps)


def test_point_rows_are_never_blank() -> None:
    """Every row of a point (description and actors) has a value: stated, a marker, or the gap label."""
    for path in [EXAMPLE, *REAL]:
        wb = book(path)
        for name in wb.sheetnames[1:]:
            fiche = sections(wb[name])
            for section in ("Description du traitement", "Acteurs"):
                for row in fiche[section]:
                    if row[0].value != "Description":  # the activity's optional one-line description
                        assert row[1].value, (path, name, row[0].value)


def test_processor_activity_says_so_and_names_the_controllers_served() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "    name: Newsletter\n",
        "    name: Newsletter\n    role: processor\n    controllers_served:\n      - name: Client AB\n        country: FR\n",
        1,
    )
    data, _ = load_text(text.replace("roles: [controller]", "roles: [processor]"))
    wb = open_book(render(with_register(Register.model_validate(data))))
    values = {r[0].value: r[1].value for s in sections(wb["Fiche 1"]).values() for r in s}
    assert values["Qualité de l'organisme"] == "Sous-traitant (art. 30.2)"
    assert values["Responsables du traitement pour le compte desquels l'organisme agit"] == "Client AB\nFrance"
    assert values["Coordonnées de l'organisme (sous-traitant)"].startswith("Example AB\n")
    assert "Coordonnées du responsable de l'organisme (responsable de traitement)" not in values


def test_every_shown_closed_list_has_a_french_label() -> None:
    """Every value of the closed lists the layout shows has a French label (a missing one is an error, never English)."""
    shown = ["Role", "ContactKind", "LawfulBasis", "SpecialCategory", "Art9Condition", "Art10Basis", "RecipientKind"]
    shown += ["TransferMechanism", "SecurityKind", "Right"]
    labels = french_labels()
    for name in shown:
        enum_cls: type[enum.Enum] = getattr(enums, name)
        for member in enum_cls:
            assert labels.get(f"enum.{name}.{member.value}", "").strip(), (name, member)


# print set-up and rebuilds ----------------------------------------------------------------------


def test_fiches_print_portrait_a4_one_page_wide_with_title_row_and_footer() -> None:
    wb = book(REAL[0])
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "portrait"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"
        assert ws.auto_filter.ref is None  # a form, not a table
        assert ws.oddFooter.right.text == "Page &P sur &N"
        assert "Date du registre" in ws.oddFooter.left.text
        assert sum(ws.column_dimensions[c].width for c in "ABC") <= 122


@pytest.mark.parametrize("path", [EXAMPLE, *REAL], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rebuild_is_byte_identical(path: Path) -> None:
    data = render_input(path)
    assert render(data) == render(data)


# the command line -------------------------------------------------------------------------------


def test_build_layout_cnil_writes_id_cnil_xlsx(tmp_path: Path) -> None:
    """`--layout cnil` writes <id>-cnil.xlsx instead of <id>.xlsx; both layouts when both are asked for."""
    result = CliRunner().invoke(cli.main, ["build", str(EXAMPLE), "--out", str(tmp_path / "a"), "--layout", "cnil"])
    assert result.exit_code == 0, result.output
    svg = ["example-map.svg"] if datamap.available() else []  # the data map, when Graphviz is installed
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["example-cnil.xlsx", *svg, "example.docx"]
    assert open_book((tmp_path / "a" / "example-cnil.xlsx").read_bytes()).sheetnames[0] == "Registre"
    result = CliRunner().invoke(cli.main, ["build", str(EXAMPLE), "--out", str(tmp_path / "b"), "--layout", "ico", "--layout", "cnil"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["example-cnil.xlsx", *svg, "example.docx", "example.xlsx"]


def test_unknown_layout_lists_the_available_ones(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli.main, ["build", str(EXAMPLE), "--out", str(tmp_path), "--layout", "aepd"])
    assert result.exit_code == 2
    assert "'aepd' is not one of 'cnil', 'ico'" in result.output
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def test_cli_offers_exactly_the_layouts_build_knows() -> None:
    assert sorted(cli.WORKBOOK_LAYOUTS) == sorted(LAYOUTS)


def test_section_headings_get_rows_tall_enough_for_bold_text() -> None:
    """A heading wraps as bold text does (wider glyphs): its row gets the lines it needs, or its end is cut off."""
    ws = book(EXAMPLE)["Fiche 1"]
    row = next(r[0].row for r in rows(ws) if r[0].value == "Catégories de personnes concernées")
    assert ws.column_dimensions["A"].width < len("Catégories de personnes concernées")
    assert ws.row_dimensions[row].height >= 2 * LINE_HEIGHT


def test_many_fiches_do_not_hold_a_file_open_each() -> None:
    """300 activities (301 sheets) render with 200 file descriptors: sheets are spooled in memory, not one open file each."""
    script = (
        "import resource, sys; sys.path.insert(0, '.');"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (200, 200));"
        "from benchmarks.synth import build_register; from ropa.render.excel.cnil import render;"
        "from tests.test_render_excel import with_register;"
        "print(len(render(with_register(build_register(300)))) > 0)"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "True"


def test_hostile_text_stays_literal_text() -> None:
    """Formula-like register text is written as text in the fiches too, quote-prefixed where a spreadsheet would compute it."""
    cells = [c for ws in open_book(render(with_register(hostile_register()))).worksheets for row in ws.iter_rows() for c in row]
    assert all(c.data_type not in ("f", "e") for c in cells)
    for text in HOSTILE:
        shown = [c for c in cells if isinstance(c.value, str) and text in c.value]
        assert shown, text
    exact = {c.value: c for c in cells}
    for text in ('=HYPERLINK("http://example.com/x","click")', "+1", "@x", "#N/A"):
        assert exact[text].quotePrefix, text


def test_a_processor_recipient_shows_its_contract() -> None:
    """The Art. 28(3) contract of a processor, as the (Swedish) register words it, under a French label."""
    cab = next(p for p in REAL if p.parent.name == "cab")
    recipients = sections(book(cab)["Fiche 1"])["Catégories de destinataires des données"]
    row = next(r for r in recipients if r[0].value == "CABs personuppgiftsbiträden")
    assert "Contrat de sous-traitance (art. 28.3)\N{NO-BREAK SPACE}: Skriftliga personuppgiftsbiträdesavtal" in row[1].value
    assert row[2].value == "Sous-traitant"


# French typography ------------------------------------------------------------------------------

NBSP = "\N{NO-BREAK SPACE}"


def test_french_labels_put_a_no_break_space_before_colon_semicolon_question_and_exclamation_marks() -> None:
    """French sets ':' ';' '?' '!' after a no-break space; a plain space could leave the sign alone at the start of a line."""
    wrong = {k: v for k, v in french_labels().items() if re.search(r"(?:^|[^\N{NO-BREAK SPACE}])[:;?!](?:\s|$)", v)}
    assert wrong == {}


@pytest.mark.parametrize("path", [EXAMPLE, *REAL], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_label_and_text_are_joined_the_french_way_in_every_cell(path: Path) -> None:
    """A label joined to the register's text ('Courriel : …', 'Sans objet : …') takes the no-break space too."""
    labels = [v for v in french_labels().values() if len(v) > 2]
    bad = []
    for ws in book(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                text = str(cell.value or "")
                bad += [(cell.coordinate, lb) for lb in labels if f"{lb}: " in text or f"{lb} : " in text or f"{lb}; " in text]
    assert bad == []


def test_controller_contact_and_not_applicable_read_with_a_no_break_space() -> None:
    """The two joins every French reader meets on the first sheet: the contact kind and 'Sans objet'."""
    common = {r[0].value: r[1].value for r in rows(book(EXAMPLE)["Registre"])}
    assert f"Courriel{NBSP}: " in common["Coordonnées du responsable de l'organisme (responsable de traitement)"]
    assert common["Représentant (si le responsable est établi hors de l'Union européenne)"].startswith(f"Sans objet{NBSP}: ")


def test_a_controller_address_not_stated_says_which_line_is_the_gap() -> None:
    """CMM states no postal address: the controller cell says 'Adresse : Non précisé…', not a bare gap between name and country."""
    cmm = next(p for p in REAL if p.parent.name == "cmm")
    common = {r[0].value: r[1].value for r in rows(book(cmm)["Registre"])}
    lines = common["Coordonnées du responsable de l'organisme (responsable de traitement)"].split("\n")
    assert lines[:3] == ["CMM", f"Adresse{NBSP}: {GAP}", "Suède"]
