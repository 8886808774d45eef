"""Regenerate ``languages.tsv`` from the iso-codes data shipped in pycountry (a dev dependency).

Every ISO 639-1 (alpha-2) language code, 184 of them, with its name in the five catalogue languages.
``python -m ropa.data.generate_languages`` (``make data``) rewrites the file; a test fails when the
committed copy differs. ropa itself never imports pycountry.
"""

from __future__ import annotations

import gettext
import importlib.metadata
import re
from pathlib import Path

TARGET = Path(__file__).with_name("languages.tsv")

#: The catalogue languages, in the order of the columns after English.
TRANSLATED = ("sv", "nl", "de", "fr")

#: Qualifiers ISO 639-3 adds that a reader of a register does not need ('Swahili (macrolanguage)').
_QUALIFIER = re.compile(r" \((?:macrolanguage|Makrosprache|macrolangue|1453-|ab 1453|après 1453|post 1500|1500-|na 1500|nach 1500)\)$")


def _name(text: str) -> str:
    text = _QUALIFIER.sub("", text)
    return text[:1].upper() + text[1:]


def render() -> str:
    import pycountry  # noqa: PLC0415 - dev-only dependency, needed only to regenerate

    translations = [gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[lang]) for lang in TRANSLATED]
    version = importlib.metadata.version("pycountry")
    rows = [
        f"# ISO 639-1 language codes with English, Swedish, Dutch, German and French names, from the iso-codes data in pycountry {version}.",
        "# code\ten\tsv\tnl\tde\tfr",
    ]
    languages = [lang for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    for lang in sorted(languages, key=lambda lang: lang.alpha_2):
        names = [_name(lang.name), *(_name(t.gettext(lang.name)) for t in translations)]
        rows.append("\t".join([lang.alpha_2, *names]))
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
