"""How fast the Word register renders, next to the floor of building the same tables with lxml.

For synthetic registers of 250, 1,000 and 10,000 activities (benchmarks/synth.py) this prints, from
one run on this machine:
- render: ``ropa.render.word.render`` end to end, from the validated model to the .docx bytes;
- floor: every table of that same document (same rows, cells, paragraphs and texts, read back from
  the rendered file beforehand) built as WordprocessingML with plain lxml ``SubElement`` calls
  straight into a python-docx body, the way shared/reference/performance.md measures its floor;
  shown alone ("build") and with python-docx's save to bytes ("build+save"); and the same tables
  from pre-parsed templates, copied ("templates", the faster floor of performance.md, build only);
- the ratio of render to each floor (target: at most 2x the templates floor), and microseconds per
  activity (linear growth keeps this flat from 1,000 to 10,000); wall times, then render and the
  templates floor in CPU time and their ratio (steadier when other processes share the cores);
- memory, each figure from a fresh process that builds the register and then renders it: the
  register alone (resident after loading), the process's peak while rendering (target: at most
  300 MB at 10,000 activities; ``word/document.xml`` is streamed), and the same peak for
  ``render(stream=False)``, the whole body as one tree (the way it rendered before streaming).
  The peak while rendering is Linux's VmHWM, reset after loading (``/proc/self/clear_refs``), so
  the loader's own peak does not hide the renderer's.

Run: ``.venv/bin/python benchmarks/bench_word.py [sizes...]`` (``--no-tree`` skips the whole-tree
peak, which takes about 3 GB and 15 s at 10,000 activities).
"""

from __future__ import annotations

import gc
import io
import json
import re
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import docx
from lxml import etree

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))
from synth import build_register

from ropa.collector import collector_paused
from ropa.model.enums import Language
from ropa.render.context import RenderInput
from ropa.render.word import render

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SIZES = (250, 1000, 10000)

Cells = list[list[str]]
Table = tuple[list[str], list[Cells]]  # column widths, then rows of cells of paragraph texts


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def tables_of(payload: bytes) -> list[Table]:
    """Every table of a rendered document: widths, and the paragraph texts of each cell."""
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    out: list[Table] = []
    for tbl in root.iter(q("tbl")):
        widths = [col.get(q("w")) for col in tbl.iter(q("gridCol"))]
        rows = [
            [["".join(t.text or "" for t in p.iter(q("t"))) for p in tc.iter(q("p"))] for tc in tr.iter(q("tc"))]
            for tr in tbl.iter(q("tr"))
        ]
        out.append((widths, rows))
    return out


def floor_build(tables: list[Table]) -> Any:
    """The same tables as plain lxml elements in a python-docx body; returns the document.

    Like ``render``, it runs with the cyclic garbage collector paused, so the ratio compares the
    work done and not the collector's.
    """
    with collector_paused():
        return _floor_build(tables)


def _floor_build(tables: list[Table]) -> Any:
    document = docx.Document()
    body = document.element.body
    sect = body[-1]
    sub = etree.SubElement
    for widths, rows in tables:
        tbl = etree.Element(q("tbl"))
        sect.addprevious(tbl)
        props = sub(tbl, q("tblPr"))
        sub(props, q("tblStyle"), {q("val"): "TableGrid"})
        sub(props, q("tblW"), {q("w"): "0", q("type"): "auto"})
        grid = sub(tbl, q("tblGrid"))
        for width in widths:
            sub(grid, q("gridCol"), {q("w"): width})
        for cells in rows:
            tr = sub(tbl, q("tr"))
            sub(sub(tr, q("trPr")), q("cantSplit"))
            for width, paragraphs in zip(widths, cells, strict=False):
                tc = sub(tr, q("tc"))
                sub(sub(tc, q("tcPr")), q("tcW"), {q("w"): width, q("type"): "dxa"})
                for text in paragraphs:
                    p = sub(tc, q("p"))
                    sub(sub(p, q("pPr")), q("pStyle"), {q("val"): "Normal"})
                    sub(sub(p, q("r")), q("t")).text = text
    return document


def floor_templates(tables: list[Table]) -> Any:
    """The same tables from pre-parsed templates, copied (performance.md's faster floor)."""
    with collector_paused():
        document = docx.Document()
        sect = document.element.body[-1]
        ns = f'xmlns:w="{W}"'
        para = etree.fromstring(f'<w:p {ns}><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t/></w:r></w:p>')
        rows_by_widths: dict[tuple[str, ...], Any] = {}
        for widths, rows in tables:
            key = tuple(widths)
            if key not in rows_by_widths:
                tcs = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{wd}" w:type="dxa"/></w:tcPr></w:tc>' for wd in widths)
                grid = "".join(f'<w:gridCol w:w="{wd}"/>' for wd in widths)
                rows_by_widths[key] = (
                    etree.fromstring(
                        f'<w:tbl {ns}><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>'
                    ),
                    etree.fromstring(f"<w:tr {ns}><w:trPr><w:cantSplit/></w:trPr>{tcs}</w:tr>"),
                )
            tbl_template, row_template = rows_by_widths[key]
            tbl = tbl_template.__copy__()
            sect.addprevious(tbl)
            for cells in rows:
                tr = row_template.__copy__()
                tbl.append(tr)
                for tc, paragraphs in zip(tr[1:], cells, strict=False):
                    for text in paragraphs:
                        p = para.__copy__()
                        p[1][0].text = text
                        tc.append(p)
        return document


def floor_build_save(tables: list[Table]) -> bytes:
    buffer = io.BytesIO()
    with collector_paused():
        _floor_build(tables).save(buffer)
    return buffer.getvalue()


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of ``runs`` calls, the cyclic collector collected before each.

    The CPU time (this process's, ``time.process_time``) is the steadier figure on a shared machine:
    it leaves out the time the process waits for a core.
    """
    wall, cpu = [], []
    for _ in range(runs):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def _resident(field: str) -> int:
    """A field of /proc/self/status in MB (VmRSS: resident now; VmHWM: the peak since the last reset)."""
    with open("/proc/self/status") as status:
        found = re.search(rf"^{field}:\s+(\d+) kB", status.read(), re.MULTILINE)
    return int(found.group(1)) // 1024 if found else -1


def measure_memory(n: int, stream: bool) -> None:
    """In this (fresh) process: build the register of ``n`` activities, render it, print the memory figures as JSON."""
    register = build_register(n)
    data = RenderInput(register=register, source_path=f"synthetic-{n}.yaml", sha256="0" * 64, language=Language.EN)
    gc.collect()
    loaded = _resident("VmRSS")
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # resets VmHWM to the resident size now
    render(data, stream=stream)
    print(json.dumps({"register": loaded, "peak": _resident("VmHWM")}))


def memory(n: int, *, stream: bool = True) -> dict[str, int]:
    """The memory figures of rendering ``n`` activities, from a fresh Python process."""
    argv = [sys.executable, __file__, "--memory", str(n)] + ([] if stream else ["--tree"])
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    figures: dict[str, int] = json.loads(out.strip().splitlines()[-1])
    return figures


def main(sizes: tuple[int, ...], *, tree: bool = True) -> None:
    print(
        f"{'activities':>10} {'render s':>9} {'floor build s':>14} {'floor+save s':>13} {'templates s':>12}"
        f" {'x build':>8} {'x build+save':>13} {'x templates':>12}"
        f" {'render cpu s':>13} {'templates cpu s':>16} {'x templates cpu':>16} {'render us/act':>14} {'docx KB':>8}"
        f" {'register MB':>12} {'peak MB':>8} {'tree peak MB':>13}"
    )
    for n in sizes:
        register = build_register(n)
        data = RenderInput(register=register, source_path=f"synthetic-{n}.yaml", sha256="0" * 64, language=Language.EN)
        payload = render(data)
        tables = tables_of(payload)
        runs = 5 if n <= 1000 else 3
        t_render, cpu_render = timed(partial(render, data), runs)
        t_build, _ = timed(partial(floor_build, tables), runs)
        t_save, _ = timed(partial(floor_build_save, tables), runs)
        t_templates, cpu_templates = timed(partial(floor_templates, tables), runs)
        print(
            f"{n:>10,} {t_render:>9.2f} {t_build:>14.2f} {t_save:>13.2f} {t_templates:>12.2f}"
            f" {t_render / t_build:>8.1f} {t_render / t_save:>13.1f} {t_render / t_templates:>12.1f}"
            f" {cpu_render:>13.2f} {cpu_templates:>16.2f} {cpu_render / cpu_templates:>16.1f}"
            f" {t_render / n * 1e6:>14.0f} {len(payload) // 1024:>8,}",
            end=" ",
            flush=True,
        )
        del payload, tables, data, register
        streamed = memory(n)
        whole = f"{memory(n, stream=False)['peak']:>13,}" if tree else f"{'-':>13}"
        print(f"{streamed['register']:>12,} {streamed['peak']:>8,} {whole}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--memory"]:
        measure_memory(int(args[1]), stream="--tree" not in args)
    else:
        main(tuple(int(a) for a in args if a != "--no-tree") or SIZES, tree="--no-tree" not in args)
