"""Regenerate ``countries.tsv`` from the iso-codes data shipped in pycountry (a dev dependency).

``python -m ropa.data.generate_countries`` (``make data``) rewrites the file; a test fails when the
committed copy differs. ropa itself never imports pycountry: its import costs 90 ms per commit.
"""

from __future__ import annotations

import gettext
import importlib.metadata
from pathlib import Path

TARGET = Path(__file__).with_name("countries.tsv")


def render() -> str:
    import pycountry  # noqa: PLC0415 - dev-only dependency, needed only to regenerate

    sv = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"])
    nl = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])  # the CNIL layout's labels
    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    version = importlib.metadata.version("pycountry")
    rows = [
        f"# ISO 3166-1 alpha-2 codes with English, Swedish, Dutch, French and German names, from the iso-codes data in pycountry {version}.",
        "# code\ten\tsv\tnl\tfr\tde",
    ]
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        english = getattr(country, "common_name", None) or country.name
        rows.append(
            f"{country.alpha_2}\t{english}\t{sv.gettext(country.name)}\t{nl.gettext(country.name)}\t{fr.gettext(country.name)}\t{de.gettext(country.name)}"
        )
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
