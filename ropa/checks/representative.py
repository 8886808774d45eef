"""Art. 27: a representative in the Union is for controllers and processors established outside it."""

from __future__ import annotations

from collections.abc import Iterable

from ropa.checks.context import Context
from ropa.findings import Issue, Severity
from ropa.model.markers import Fact
from ropa.model.organisation import Party
from ropa.reference.countries import EEA, country_name


def representative(ctx: Context) -> Iterable[Issue]:
    """A warning when a representative is stated for a controller established in the EU/EEA."""
    reg = ctx.register
    country = reg.controller.country
    if not isinstance(reg.representative, Party) or not isinstance(country, Fact) or country.value not in EEA:
        return
    yield Issue(
        ("representative",),
        "representative-inside-eea",
        f"the controller is established in {country_name(str(country.value))}, in the EU/EEA: a representative in the Union "
        "(Art. 27) is for controllers established outside it; mark `representative` not_applicable with a reason, "
        "unless the source really names one",
        Severity.WARNING,
    )
