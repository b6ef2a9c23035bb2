"""scripts/make_readme_figures.py: README has every block it fills, and it fills them from the seed."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("make_readme_figures",
                                                  ROOT / "scripts" / "make_readme_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_has_every_block(script):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("blocs", "events-csv", "build-time"):
        assert f"<!-- figure:{name} -->" in text and f"<!-- /figure:{name} -->" in text
    for png in ("map.png", "timeline.png", "explorer.png"):
        assert f"docs/{png}" in text and (ROOT / "docs" / png).stat().st_size > 10_000


def test_replace_blocks_fills_only_between_markers(script):
    text = "a\n<!-- figure:x -->\nold\n<!-- /figure:x -->\nb\n"
    assert script.replace_blocks(text, {"x": "new"}) == "a\n<!-- figure:x -->\nnew\n<!-- /figure:x -->\nb\n"
    with pytest.raises(SystemExit):
        script.replace_blocks(text, {"y": "new"})


def test_figures_come_from_the_seed_built_with_its_date(script, tmp_path):
    build = tmp_path / "seeds"
    script.kg("build", "seeds/", "--out", str(build), "--date", script.SEED_DATE)
    blocks = script.figures(build)
    assert "camp A:" in blocks["blocs"] and "Path 1" in blocks["blocs"]
    assert "| 2024-11-0" in blocks["events-csv"]  # dated events
