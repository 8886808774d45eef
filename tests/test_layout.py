"""The package layout's import rules, read from the source: renderers stay behind build, ``ropa diff`` and ``ropa export``."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

PACKAGE = ROOT / "ropa"
#: Outside ropa.render, the only modules that import it, and what each may import from it.
RENDER_IMPORTERS = {
    "ropa.build": {"ropa.render.context", "ropa.render.datamap", "ropa.render.pdf"},  # the data map once per register; --pdf
    "ropa.change_report": {"ropa.render.changes.author", "ropa.render.changes.redline", "ropa.render.changes.xlsx"},
    "ropa.cli.commands": {
        "ropa.render.changes.author",
        "ropa.render.pdf",
    },  # --author checked first; --pdf starts LibreOffice once; no lxml, no openpyxl
    # `ropa import` puts a ropa workbook's Notes column back on the points the workbook's notes were walked from
    "ropa.importing.own_notes": {"ropa.render.excel.paths"},
    # `ropa export --format csv` writes the workbook's Register (or Processor) sheet rows, so the two never disagree
    "ropa.export.csv_rows": {
        "ropa.render.excel.facts",
        "ropa.render.excel.layout",
        "ropa.render.excel.processor_sheet",
        "ropa.render.excel.register_sheet",
        "ropa.render.excel.words",
    },
}


def _imports() -> dict[str, set[str]]:
    """Every module of the package and the ropa modules it imports, at the top or inside a function."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.update(
                    f"{node.module}.{alias.name}" if node.module in ("ropa", "ropa.render") else node.module for alias in node.names
                )
        found[name] = {n for n in names if n.split(".")[0] == "ropa"}
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_renderers_are_imported_only_by_build_and_the_change_report() -> None:
    """Validation, loading, checks, reporting and the comparison (ropa.diff) never import ropa.render."""
    imports = _imports()
    assert "ropa.diff.compare" in imports  # the walk found the package
    wrong = {
        module: sorted(n for n in names if _within(n, "ropa.render") and n not in RENDER_IMPORTERS.get(module, set()))
        for module, names in imports.items()
        if not _within(module, "ropa.render")
    }
    assert {module: names for module, names in wrong.items() if names} == {}


def test_nothing_but_the_cli_imports_build() -> None:
    """Writing files lives in ropa.files, so neither the comparison nor the renderers lean on build."""
    importers = sorted(module for module, names in _imports().items() if any(_within(n, "ropa.build") for n in names))
    assert importers == ["ropa.cli.commands"]
