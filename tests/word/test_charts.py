"""Charts: PNGs with Chinese labels, a clear message when no CJK font exists, --font overrides."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager

from zhengai.render import charts
from zhengai.render.charts import ChartError, draw, find_cjk_font
from zhengai.reports.charts import ChartSpec

PNG = b"\x89PNG\r\n\x1a\n"
SPECS = [
    ChartSpec("a", "bar", "各部门综合达成度", ("党政办公室", "教务处", "人事处"), (("达成度", (95.0, None, 62.5)),),
              ("green", None, "red")),
    ChartSpec("b", "radar", "五横层面达成度", ("学校", "专业", "课程", "教师", "学生"),
              (("2026年", (90.0, 80.0, 70.0, 95.0, None)), ("2025年", (85.0, 82.0, 60.0, 90.0, 50.0)))),
    ChartSpec("c", "trend", "达成度变化", ("2024", "2025", "2026"), (("专业", (80.0, None, 92.0)),)),
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    find_cjk_font.cache_clear()
    yield
    find_cjk_font.cache_clear()


def test_a_cjk_font_is_found_here() -> None:
    font = find_cjk_font()
    assert font.name in charts.CJK_FAMILIES and Path(font.path).is_file()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind)
def test_draw_gives_a_png(spec: ChartSpec) -> None:
    png = draw(spec, find_cjk_font())
    assert png.startswith(PNG) and len(png) > 5000
    assert draw(spec, find_cjk_font()) == png  # stable bytes for the same data


def test_no_cjk_font_says_how_to_install_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "CJK_FAMILIES", ("No Such Font SC",))
    with pytest.raises(ChartError) as info:
        find_cjk_font()
    message = str(info.value)
    assert "apt-get install fonts-noto-cjk" in message and "SimSun" in message and "--font" in message


def test_font_override(tmp_path: Path) -> None:
    with pytest.raises(ChartError, match="不存在"):
        find_cjk_font(str(tmp_path / "none.ttf"))
    latin = Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf"
    with pytest.raises(ChartError, match="不含中文字形"):
        find_cjk_font(str(latin))
    cjk = find_cjk_font()
    chosen = find_cjk_font(cjk.path)
    assert chosen.path == cjk.path and chosen.name in {e.name for e in font_manager.fontManager.ttflist}


def test_unknown_chart_kind() -> None:
    with pytest.raises(ValueError, match="unknown chart kind"):
        draw(ChartSpec("x", "pie", "饼图", ("a",), (("s", (1.0,)),)), find_cjk_font())


FINDER = "from zhengai.render.charts import find_cjk_font; f = find_cjk_font(); print(f.name); print(f.path)"


def test_a_font_installed_after_matplotlib_cached_its_font_list_is_found(tmp_path: Path) -> None:
    """The user installs fonts-noto-cjk as told; matplotlib's cache predates it."""
    import copy
    import os
    import subprocess
    import sys

    stale = copy.copy(font_manager.fontManager)
    stale.ttflist = [e for e in stale.ttflist if not any(f in e.name for f in ("CJK", "Source Han", "WenQuanYi"))]
    cache = tmp_path / f"fontlist-v{font_manager.FontManager.__version__}.json"
    font_manager.json_dump(stale, cache)
    env = {k: v for k, v in os.environ.items() if k != "ZHENGAI_FONT"} | {"MPLCONFIGDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", FINDER], capture_output=True, text=True, env=env, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    name, path = done.stdout.split("\n")[:2]
    assert name in charts.CJK_FAMILIES and Path(path).is_file()
    assert name in cache.read_text(encoding="utf-8")  # the cache is rewritten: the next run is fast


def test_the_font_may_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cjk = find_cjk_font()
    find_cjk_font.cache_clear()
    monkeypatch.setenv(charts.FONT_ENV, cjk.path)
    assert find_cjk_font().path == cjk.path
    find_cjk_font.cache_clear()
    monkeypatch.setenv(charts.FONT_ENV, str(tmp_path / "none.ttf"))
    with pytest.raises(ChartError, match="环境变量 ZHENGAI_FONT 指定的字体文件不存在"):
        find_cjk_font()
    assert find_cjk_font(cjk.path).path == cjk.path  # --font wins over the environment
