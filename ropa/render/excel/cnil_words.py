"""The CNIL layout's words: French labels from ``ropa/data/cnil-fr.toml``, French country names.

The layout follows the French supervisory authority's model, so its labels are French whatever
the register's language; the register's own text is never translated.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from ropa.reference.labels import POLICY, MissingLabelError, worded
from ropa.render.excel.words import Kind, Words

LANG = "fr"


@cache
def french_labels() -> dict[str, str]:
    """Key -> French label, as the CNIL layout shows them."""
    text = resources.files("ropa.data").joinpath("cnil-fr.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


class FrenchWords(Words):
    """``Words`` in French: the same keys as the shared catalogue (and the layout's own ``cnil.*``)."""

    def __init__(self, kind: str = POLICY) -> None:
        self.lang = LANG
        self.kind = kind
        self.not_stated = (self.t("status.not-stated"), Kind.NOT_STATED)
        self.none = (self.t("status.none"), Kind.MARKER)
        self.not_applicable = self.t("status.not-applicable")

    def t(self, key: str, **values: object) -> str:
        """The French label ``key``; a key without one is an error, never an English fallback."""
        key = worded(key, self.kind)
        try:
            text = french_labels()[key]
        except KeyError:
            raise MissingLabelError(f"no French label for {key!r} (ropa/data/cnil-fr.toml)") from None
        return text.format(**values) if values else text
