"""What JupyterLab does to the tracked notebooks: saving one from Lab (jupytext's contents manager,
with the project's notebooks/jupytext.toml) writes back the same bytes and no .ipynb beside it;
the project's Lab settings make jupytext's notebook the default viewer of .py files; ``make lab``
adds --allow-root only for the root user."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.py"))


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_saving_from_lab_leaves_the_tracked_notebook_as_it_is(tmp_path, name):
    from jupyter_server.services.contents.largefilemanager import LargeFileManager
    from jupytext.sync_contentsmanager import build_sync_jupytext_contents_manager_class

    shutil.copy(ROOT / "notebooks" / "jupytext.toml", tmp_path)
    shutil.copy(ROOT / "notebooks" / name, tmp_path)
    manager = build_sync_jupytext_contents_manager_class(LargeFileManager)(root_dir=str(tmp_path))
    model = manager.get(name, content=True, type="notebook")
    assert model["type"] == "notebook"
    model["content"].cells[0].metadata["collapsed"] = True  # view state Lab keeps, not for the file
    model["content"].metadata["language_info"] = {"name": "python", "version": "3.99.0"}  # what a kernel adds
    manager.save(model, name)
    assert (tmp_path / name).read_bytes() == (ROOT / "notebooks" / name).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["jupytext.toml", name])


def test_project_settings_open_py_files_as_notebooks():
    overrides = json.loads((ROOT / ".jupyter" / "labconfig" / "default_setting_overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]["python"] == "Jupytext Notebook"


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_make_lab_adds_allow_root_only_for_root(tmp_path):
    dry = subprocess.run(["make", "-n", "--no-print-directory", "lab", "STAMP=/dev/null"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(line for line in dry.splitlines() if "jupyter lab" in line)
    script = line.replace(".venv/bin/jupyter lab", "echo")
    for uid, allowed in (("0", True), ("1000", False)):
        fake = tmp_path / uid
        fake.mkdir()
        (fake / "id").write_text(f"#!/bin/sh\necho {uid}\n")
        (fake / "id").chmod(0o755)
        shown = subprocess.run(["sh", "-c", script], capture_output=True, text=True,
                               env={"PATH": f"{fake}:/usr/bin:/bin"}).stdout
        assert ("--allow-root" in shown) is allowed, shown
        assert "notebooks" in shown
    assert "JUPYTER_CONFIG_PATH=\"$(CURDIR)/.jupyter".replace("$(CURDIR)", str(ROOT)) in dry
