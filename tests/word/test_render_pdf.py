"""The render check a person would do: Word → PDF with LibreOffice, PDF → PNG with pdftoppm.

Runs only where ``soffice`` and the poppler tools are installed (CI installs them:
``apt-get install libreoffice-writer poppler-utils fonts-noto-cjk``).  Set
``ZHENGAI_RENDER_DIR`` to keep the PDFs and PNGs for looking at them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.word.test_snapshots import CASES

TOOLS = ("soffice", "pdftoppm", "pdffonts", "pdftotext", "pdfinfo")
pytestmark = pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                                reason="LibreOffice (soffice) or poppler-utils not installed")


@pytest.fixture(scope="module")
def rendered(college_batch, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    keep = os.environ.get("ZHENGAI_RENDER_DIR")
    work = Path(keep) if keep else tmp_path_factory.mktemp("render")
    work.mkdir(parents=True, exist_ok=True)
    out = college_batch.index.parent
    sources = {}
    for name, key in CASES.items():
        result = next(r for r in college_batch.results if r.key == key)
        source = work / f"{name}.docx"
        shutil.copy(out / next(rel for rel in result.outputs if rel.endswith(".docx")), source)
        sources[name] = source
    profile = (work / "lo-profile").as_uri()  # a private profile: no clash with a running LibreOffice
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), *map(str, sources.values())], check=True, capture_output=True, timeout=300)
    pdfs = {name: work / f"{name}.pdf" for name in sources}
    for name, pdf in pdfs.items():
        subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "4", "-png", str(pdf), str(work / name)],
                       check=True, capture_output=True, timeout=120)
    return pdfs


@pytest.mark.parametrize("name", list(CASES))
def test_pdf_has_cover_body_chinese_fonts_and_pages(rendered: dict[str, Path], name: str) -> None:
    pdf = rendered[name]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 3  # cover, body (and the declaration page where the kind has one)
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    assert re.search(r"595(\.\d+)? x 84[12]", size), size  # A4 in points
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts or "WenQuanYi" in fonts or "Sim" in fonts, fonts  # Chinese drawn with a CJK font
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^\s*一、", text, re.M)  # numbered headings
    assert re.search(r"—\s*1\s*—", text)  # the GB/T 9704 page number of the body's first page
    pngs = sorted(pdf.parent.glob(f"{name}-*.png"))
    assert len(pngs) >= 3 and all(p.stat().st_size > 2000 for p in pngs)


def _chart_pages(pdf: Path) -> list[int]:
    """The pages whose text has a figure caption (图1　…): where a chart was drawn."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    found = []
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        if re.search(r"^\s*图\s*\d+", text, re.M):
            found.append(page)
    return found


def test_libreoffice_draws_the_native_charts(rendered: dict[str, Path]) -> None:
    """The diagnosis's bar chart is drawn by LibreOffice from the chart part: its names and
    axis steps are text on the page, its bars are in the band colours."""
    import numpy
    from PIL import Image

    from zhengai.render.charts import BAND_COLORS

    pdf = rendered["diagnosis"]
    pages = _chart_pages(pdf)
    assert len(pages) == 3, pages  # bars, radar, trend
    text = subprocess.run(["pdftotext", "-layout", "-f", str(pages[0]), "-l", str(pages[0]), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "高水平专业群" in text and re.search(r"0\s+20\s+40\s+60\s+80\s+100", text), text
    stem = pdf.parent / f"diagnosis-chart-{pages[0]}"
    subprocess.run(["pdftoppm", "-r", "60", "-f", str(pages[0]), "-l", str(pages[0]), "-singlefile", "-png",
                    str(pdf), str(stem)], check=True, capture_output=True, timeout=120)
    pixels = numpy.asarray(Image.open(f"{stem}.png").convert("RGB"), dtype=int)
    bands = [numpy.array([int(c[i:i + 2], 16) for i in (1, 3, 5)]) for k, c in BAND_COLORS.items() if k]
    near = sum(int((numpy.abs(pixels - band).sum(axis=2) < 60).sum()) for band in bands)
    assert near > 2000, near  # coloured bars, not an empty frame
