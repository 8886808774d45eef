"""The review status as a reader of the outputs sees it: the Word title page and the workbook's About sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT
from tests.test_render_excel import book, records
from tests.test_render_word import label_rows, label_rows_all, open_doc, rendered, table_after

REVIEW = ROOT / "tests" / "examples" / "valid" / "review"

#: (register, language, title-page rows: last reviewed, review period, review status)
TITLE_PAGES = [
    (MINIMAL / "register.yaml", None, ("Not stated in source", "12 months", "No review recorded (as of 1 June 2025)")),
    (REVIEW / "review-fresh.yaml", None, ("15 January 2025", "12 months", "Up to date on 1 June 2025; next review due by 15 January 2026")),
    (
        REVIEW / "review-due-on-the-register-date.yaml",
        None,
        ("1 June 2024", "12 months", "Up to date on 1 June 2025; next review due by 1 June 2025"),
    ),
    (
        REVIEW / "review-stale-by-one-day.yaml",
        None,
        ("31 May 2024", "12 months", "Overdue on 1 June 2025: the review was due by 31 May 2025"),
    ),
    (
        REVIEW / "review-period-six-months.yaml",
        None,
        ("30 November 2024", "6 months", "Overdue on 1 June 2025: the review was due by 30 May 2025"),
    ),
]
LABELS = {
    None: ("Last reviewed", "Review period", "Review status"),
    "sv": ("Senast granskad", "Granskningsintervall", "Granskningsstatus"),
    "nl": ("Laatst beoordeeld", "Beoordelingstermijn", "Stand van de beoordeling"),
}


@pytest.mark.parametrize(("path", "lang", "expected"), TITLE_PAGES, ids=lambda v: v.stem if isinstance(v, Path) else None)
def test_title_page_shows_the_review_status(path: Path, lang: str | None, expected: tuple[str, str, str]) -> None:
    """Last review, period, and whether it is current on the register's date, with the day it falls or fell due."""
    details = label_rows_all(open_doc(rendered(path, lang)).tables[0])
    assert tuple(details[key] for key in LABELS[lang]) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", ("31 maj 2024", "12 månader", "Försenad per den 1 juni 2025: granskningen skulle ha gjorts senast den 31 maj 2025")),
        (
            "nl",
            ("31 mei 2024", "12 maanden", "Achterstallig op 1 juni 2025: de beoordeling had uiterlijk op 31 mei 2025 moeten plaatsvinden"),
        ),
    ],
)
def test_title_page_review_status_in_swedish_and_dutch(lang: str, expected: tuple[str, str, str]) -> None:
    details = label_rows_all(open_doc(rendered(REVIEW / "review-stale-by-one-day.yaml", lang)).tables[0])
    assert tuple(details[key] for key in LABELS[lang]) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (MINIMAL / "register.yaml", ("Not stated in source", "12 months", "No review recorded (as of 2025-06-01)")),
        (REVIEW / "review-fresh.yaml", ("2025-01-15", "12 months", "Up to date on 2025-06-01; next review due by 2026-01-15")),
        (REVIEW / "review-period-six-months.yaml", ("2024-11-30", "6 months", "Overdue on 2025-06-01: the review was due by 2025-05-30")),
    ],
    ids=lambda v: v.stem if isinstance(v, Path) else None,
)
def test_about_sheet_shows_the_review_status(path: Path, expected: tuple[str, str, str]) -> None:
    """The About sheet's Item/Value rows, read back with openpyxl."""
    rows = {r["Item"].value: r["Value"].value for r in records(book(path)["About"])}
    assert (rows["Last reviewed"], rows["Review period"], rows["Review status"]) == expected
    assert rows["Register date"] == "2025-06-01"


def test_a_stale_review_is_listed_with_the_other_warnings() -> None:
    """The warning the build saw is on the About sheet too."""
    about = records(book(REVIEW / "review-stale-by-one-day.yaml")["About"])
    warnings = [r["Value"].value for r in about if r["Item"].value == "Validation warnings"]
    assert len(warnings) == 2
    assert "review-stale-by-one-day.yaml:10:26: warning[review-stale] the register was last reviewed on 2024-05-31" in warnings[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("review-activity-stale", "1 January 2023\nOverdue on 1 June 2025: the review was due by 1 January 2024"),
        ("review-activity-not-recorded", "Not stated in source"),
        ("review-fresh", None),  # no review of its own: the activity is reviewed with the register
    ],
)
def test_an_activity_shows_its_own_review(name: str, expected: str | None) -> None:
    """The activity's table in the Word register: its own last review and whether it is current on the register's date."""
    doc = open_doc(rendered(REVIEW / f"{name}.yaml"))
    rows = label_rows(table_after(doc, "3.1\tNewsletter"))
    assert rows.get("Last reviewed") == expected
