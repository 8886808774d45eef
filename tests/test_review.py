"""Reviews that go stale (issue 14, part 2): the period, the boundary day, and `ropa validate --as-of`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ropa.checks.review import ReviewStatus, add_months
from ropa.cli import main
from tests.conftest import ROOT

REVIEW = ROOT / "tests" / "examples" / "valid" / "review"
MINIMAL = ROOT / "tests" / "examples" / "valid" / "minimal"


def _validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("day", "months", "due"),
    [
        (dt.date(2024, 6, 1), 12, dt.date(2025, 6, 1)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),  # no 29 February in 2025: the month's last day
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 11, 30), 6, dt.date(2025, 5, 30)),
        (dt.date(2024, 12, 15), 120, dt.date(2034, 12, 15)),
    ],
)
def test_a_period_is_counted_in_calendar_months(day: dt.date, months: int, due: dt.date) -> None:
    assert add_months(day, months) == due


def test_a_review_is_stale_the_day_after_it_falls_due() -> None:
    """Exactly one period old is current; one day more is stale; no date recorded is never 'stale' (it is not recorded)."""
    last = dt.date(2024, 6, 1)
    assert not ReviewStatus(last, 12, dt.date(2025, 6, 1)).stale
    assert ReviewStatus(last, 12, dt.date(2025, 6, 2)).stale
    assert not ReviewStatus(None, 12, dt.date(2030, 1, 1)).stale


def test_as_of_judges_the_review_on_another_date() -> None:
    """Current on the register's date (2025-06-01), stale a year and a day later, and the message says when it fell due."""
    path = str(REVIEW / "review-due-on-the-register-date.yaml")
    code, out = _validate(path)
    assert code == 0
    assert "[review-stale]" not in out
    code, out = _validate("--as-of", "2025-06-02", path)
    assert code == 0, out
    assert "warning[review-stale]" in out
    assert "last reviewed on 2024-06-01, more than 12 months before 2025-06-02 (the review was due by 2025-06-01" in out


def test_as_of_an_earlier_date_clears_a_stale_review() -> None:
    """The review of 2024-05-31 is stale on the register's date but current on the day it fell due."""
    path = str(REVIEW / "review-stale-by-one-day.yaml")
    assert "[review-stale]" in _validate(path)[1]
    assert "[review-stale]" not in _validate("--as-of", "2025-05-31", path)[1]


def test_as_of_today_uses_the_calendar() -> None:
    """`--as-of today` is the CI form: the review of 2025-01-15 is past its 12 months on any day after 2026-01-15."""
    code, out = _validate("--as-of", "today", str(REVIEW / "review-fresh.yaml"))
    assert code == 0
    today = dt.date.today()
    assert ("warning[review-stale]" in out) == (today > dt.date(2026, 1, 15))
    if today > dt.date(2026, 1, 15):
        assert f"more than 12 months before {today.isoformat()}" in out


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "yesterday", "20260101", "2026-W01-1", "2026-1-5", "２０２６-01-01", ""])
def test_an_invalid_as_of_is_a_usage_error(bad: str) -> None:
    """Exit 2, the value named and the accepted forms given; nothing is validated."""
    code, out = _validate("--as-of", bad, str(MINIMAL / "register.yaml"))
    assert code == 2
    assert f"Invalid value for '--as-of': {bad!r} is not a date: give YYYY-MM-DD (e.g. 2026-03-31) or `today`" in out
    assert "register checked" not in out


def _privacy_shield(tmp_path: Path) -> Path:
    """The minimal register dated 2019-06-01 with its US transfer on the Privacy Shield."""
    shutil.copy(MINIMAL / "policy.txt", tmp_path / "policy.txt")
    text = (MINIMAL / "register.yaml").read_text(encoding="utf-8")
    text = text.replace("date: 2025-06-01", "date: 2019-06-01").replace(
        "mechanism: {not_stated: true}",
        'mechanism: {mechanism: privacy-shield-2016-1250, evidence: [{quote: "MailChimp, whose servers are in the USA"}]}',
    )
    target = tmp_path / "register.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def test_as_of_judges_adequacy_too(tmp_path: Path) -> None:
    """The Privacy Shield is a historical ground on the register's date (warning) and none on 2021-01-01 (error, exit 1)."""
    path = str(_privacy_shield(tmp_path))
    code, out = _validate(path)
    assert code == 0, out
    assert "warning[privacy-shield-historical]: the EU-US Privacy Shield was valid on 2019-06-01" in out
    code, out = _validate("--as-of", "2021-01-01", path)
    assert code == 1
    assert "error[privacy-shield-invalid]: the EU-US Privacy Shield was not in force on 2021-01-01" in out


def test_the_cache_keeps_findings_per_as_of_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached run on one date never answers for another: stale, current, stale again, from one cache."""
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path / "cache"))
    path = str(REVIEW / "review-stale-by-one-day.yaml")
    assert "[review-stale]" in _validate(path)[1]
    assert any((tmp_path / "cache").rglob("*.json"))  # the first run was cached
    assert "[review-stale]" not in _validate("--as-of", "2025-05-31", path)[1]
    assert "[review-stale]" in _validate(path)[1]
    assert "[review-stale]" in _validate("--as-of", "2025-06-01", path)[1]


def test_the_shipped_registers_record_no_review() -> None:
    """Every shipped register states no review date: one review-not-recorded each, at `last_reviewed`, and exit 0."""
    code, out = _validate("--no-cache", str(ROOT / "policies"))
    assert code == 0
    lines = [line for line in out.splitlines() if "[review-" in line]
    assert len(lines) == 5
    assert all("warning[review-not-recorded]: the register records no date of its last review" in line for line in lines)


def test_diff_shows_a_changed_review_period(tmp_path: Path) -> None:
    """`ropa diff` lists a new review period as an organisation change, in months, with its article."""
    shutil.copy(REVIEW / "policy.txt", tmp_path / "policy.txt")
    old = REVIEW / "review-fresh.yaml"
    text = old.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("  last_reviewed:"))
    new = tmp_path / "new.yaml"
    new.write_text(text.replace(line, line + "\n  review_period_months: 6"), encoding="utf-8")
    shutil.copy(old, tmp_path / "old.yaml")
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "old.yaml"), str(new)])
    assert result.exit_code == 1, result.output
    assert "~ Organisation: Review period (Art. 24(1))\n      - 12 months\n      + 6 months" in result.output
