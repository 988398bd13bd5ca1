"""Run a jupytext notebook with parameters (papermill) and render it to one HTML file (nbconvert).

The notebooks in ``notebooks/`` are kept in git as jupytext percent ``.py`` files; this module
turns one into a notebook, executes it in its own folder and writes a self-contained HTML
file: figures are embedded as base64 PNG, so the file opens offline anywhere.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any


def execute_notebook(source: str | Path, parameters: dict[str, Any] | None = None, *, cwd: str | Path | None = None):
    """Execute a ``.py`` (jupytext) or ``.ipynb`` notebook and return the executed notebook node.

    ``parameters`` are injected after the cell tagged ``parameters`` (papermill). The kernel runs
    in ``cwd`` (default: the notebook's folder), so relative paths in the notebook resolve there.
    """
    import jupytext
    import nbformat
    import papermill

    source = Path(source)
    nb = jupytext.read(source)
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (source.stem + ".ipynb")
        out = Path(tmp) / (source.stem + ".out.ipynb")
        nbformat.write(nb, src)
        papermill.execute_notebook(
            str(src), str(out), parameters=parameters or {}, cwd=str(cwd or source.parent),
            kernel_name="python3", progress_bar=False, log_output=False,
        )
        return nbformat.read(out, as_version=4)


def to_html(nb, destination: str | Path, *, no_input: bool = False) -> Path:
    """Write an executed notebook as self-contained HTML, atomically (temporary file, then rename)."""
    from importlib import resources

    from nbconvert import HTMLExporter

    template_dir = resources.files("toolkit").joinpath("resources/offline_html")
    exporter = HTMLExporter(extra_template_basedirs=[str(template_dir.parent)], template_name="offline_html")
    exporter.exclude_input = no_input
    exporter.exclude_input_prompt = no_input
    exporter.exclude_output_prompt = no_input
    exporter.embed_images = True
    body, _ = exporter.from_notebook_node(nb)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(body)
    os.chmod(tmp, 0o644)
    os.replace(tmp, destination)
    return destination


def render_notebook(source: str | Path, destination: str | Path, parameters: dict[str, Any] | None = None,
                    *, no_input: bool = False) -> Path:
    """Execute ``source`` with ``parameters`` and write the HTML to ``destination``."""
    return to_html(execute_notebook(source, parameters), destination, no_input=no_input)
