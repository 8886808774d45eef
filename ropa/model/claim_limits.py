"""A restriction the source puts on one of its own promises (e.g. access "free of charge once a year")."""

from __future__ import annotations

from pydantic import Field

from ropa.model.markers import Evidence, Model, Text


class ClaimLimit(Model):
    """A condition or exception the source attaches to a promise, quoted; shown beside the promise and checked where the law sets bounds."""

    description: Text = Field(
        description="The restriction in the encoder's words, e.g. 'access free of charge only once a year' (the quote carries the source's words)."
    )
    evidence: list[Evidence] = Field(min_length=1, description="The quote that states the restriction.")
    note: Text | None = Field(default=None, description="The encoder's remark.")
