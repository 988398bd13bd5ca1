"""Run a jupytext notebook with parameters (papermill) and render it to one HTML file (nbconvert);
export a report's tables (CSV, XLSX, Parquet) and record what produced them.

The notebooks in ``notebooks/`` are kept in git as jupytext percent ``.py`` files; this module
turns one into a notebook, executes it in its own folder and writes a self-contained HTML
file: figures are embedded as base64 PNG, so the file opens offline anywhere.

Every file is written atomically (a temporary file in the same folder, then ``os.replace``),
so an interrupted run never leaves half a report behind.
"""

from __future__ import annotations

import copy
import hashlib
import os
import platform
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Mapping
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.analysis import Analysis
    from toolkit.corpus import Corpus


def _kernel_manager_class():
    """A kernel manager whose kernel talks to us over local sockets (IPC) where the system has
    them: over TCP, even on localhost, everything the notebook computes travels as plain text
    (and ipykernel warns about it on every run). Windows has no IPC transport: TCP there.

    The sockets live in a private temporary folder of their own, removed at shutdown: by default
    jupyter_client makes them in the working folder (``kernel-ipc-1`` …), where two reports run
    at once in one folder could pick the same names and a killed kernel leaves them behind."""
    from jupyter_client.manager import AsyncKernelManager

    if os.name != "posix":
        return AsyncKernelManager

    class LocalKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            kwargs.setdefault("transport", "ipc")
            self._socket_dir = tempfile.mkdtemp(prefix="toolkit-kernel-")
            kwargs.setdefault("ip", os.path.join(self._socket_dir, "kernel"))
            super().__init__(**kwargs)

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            await super()._async_cleanup_resources(restart=restart)
            if not restart:
                shutil.rmtree(self._socket_dir, ignore_errors=True)

    return LocalKernelManager


def execute_notebook(source: str | Path, parameters: dict[str, Any] | None = None, *, cwd: str | Path | None = None,
                     progress: bool = False, timeout: float | None = None):
    """Execute a ``.py`` (jupytext) or ``.ipynb`` notebook and return the executed notebook node.

    ``parameters`` are injected after the cell tagged ``parameters`` (papermill). The kernel runs
    in ``cwd`` (default: the notebook's folder), so relative paths in the notebook resolve there.
    ``progress`` shows a progress bar over the cells on a terminal. ``timeout``: seconds a cell
    may run before execution stops with :class:`nbclient.exceptions.CellTimeoutError` (default:
    no limit).
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
            kernel_name="python3", log_output=False, execution_timeout=timeout,
            progress_bar={"desc": "report", "disable": None} if progress else False,
            kernel_manager_class=_kernel_manager_class(),
        )
        return nbformat.read(out, as_version=4)


def to_html(nb, destination: str | Path, *, show_code: bool = False) -> Path:
    """Write an executed notebook as self-contained HTML, atomically (temporary file, then rename).

    Code cells are left out unless ``show_code``. The tab title is ``nb.metadata.title``, else the
    notebook's first ``#`` heading, else the file name. Papermill's record of where the notebook ran
    (folder paths) is dropped, so a shared file names no folder of the machine it was made on, and
    so are interactive widgets (they work only with a running kernel).
    """
    from importlib import resources

    from nbconvert import HTMLExporter

    nb = copy.deepcopy(nb)
    parameters = nb.metadata.get("papermill", {}).get("parameters") or {}
    for cell in nb.cells:  # papermill writes non-ASCII letters as \u escapes; show them as written
        if "injected-parameters" in cell.metadata.get("tags", []) and parameters:
            cell.source = "# Parameters\n" + "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        if cell.cell_type == "code":  # a widget (the explorer) needs a kernel: it has no place in a file
            cell.outputs = [o for o in cell.outputs if _WIDGET not in o.get("data", {})]
    nb.metadata["title"] = nb.metadata.get("title") or _first_heading(nb) or Path(destination).stem
    no_input = not show_code

    template_dir = resources.files("toolkit").joinpath("resources/offline_html")
    exporter = HTMLExporter(extra_template_basedirs=[str(template_dir.parent)], template_name="offline_html")
    exporter.exclude_input = no_input
    exporter.exclude_input_prompt = no_input
    exporter.exclude_output_prompt = no_input
    exporter.embed_images = True
    body, _ = exporter.from_notebook_node(nb)
    return write_atomic(destination, body.encode("utf-8"))


_WIDGET = "application/vnd.jupyter.widget-view+json"


def write_atomic(destination: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``destination`` through a temporary file in the same folder and a rename."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, destination)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return destination


def render_notebook(source: str | Path, destination: str | Path, parameters: dict[str, Any] | None = None,
                    *, show_code: bool = False) -> Path:
    """Execute ``source`` with ``parameters`` and write the HTML to ``destination`` (code left out
    unless ``show_code``)."""
    return to_html(execute_notebook(source, parameters), destination, show_code=show_code)


def _first_heading(nb) -> str | None:
    """The text of the first top-level Markdown heading (``# …``) of a notebook, if any."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


# --- what produced a report -------------------------------------------------------------------

def sha256_of(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, as 64 hex digits."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def input_files(corpus: "Corpus") -> "pd.DataFrame":
    """One row per file the corpus was read from: ``file``, ``bytes``, ``sha256``."""
    import pandas as pd

    rows = [{"file": str(f), "bytes": Path(f).stat().st_size, "sha256": sha256_of(f)} for f in corpus.files]
    return pd.DataFrame(rows, columns=["file", "bytes", "sha256"])


def provenance(parameters: Mapping[str, Any], *, lexicon: str | Path | None = None) -> "pd.DataFrame":
    """What produced a report, one ``item, value`` row each: creation time (UTC, ISO 8601), the
    versions of the toolkit, zeyrek, Python and pandas, the lexicon file and its SHA-256, and
    every parameter. With :func:`input_files` this is enough to rerun the report.
    """
    import pandas as pd

    import toolkit

    rows = [
        ("created (UTC)", datetime.now(timezone.utc).isoformat(timespec="seconds")),
        ("toolkit", toolkit.__version__),
        ("zeyrek", _version("zeyrek")),
        ("python", platform.python_version()),
        ("pandas", pd.__version__),
        ("lexicon", str(lexicon) if lexicon else "shipped default (toolkit/resources/frames_tr.yaml)"),
        ("lexicon sha256", sha256_of(lexicon or _default_lexicon_path())),
    ]
    rows += [(f"parameter {name}", _readable(value)) for name, value in parameters.items()]
    return pd.DataFrame(rows, columns=["item", "value"])


def _readable(value: Any) -> str:
    """A parameter value as a reader reads it: lists joined by commas, None as "none"."""
    if value is None:
        return "none"
    if isinstance(value, (list, tuple)):
        return ", ".join(_readable(v) for v in value) or "(none)"
    return str(value)


def table(frame: "pd.DataFrame", *, max_chars: int = 90, max_rows: int = 200, right: tuple[str, ...] = (),
          nowrap: tuple[str, ...] = ("id", "doc_id", "date"), decimals: int | None = None):
    """A table as a report shows it (a pandas ``Styler``): text left-aligned and numbers
    right-aligned, so a quote or a title reads like text; no row numbers (a meaningful index, such
    as a pivot's, is kept); every value and label HTML-escaped (article text never becomes markup);
    texts longer than ``max_chars`` cut with "…"; at most ``max_rows`` rows, the first ones, with a
    note of how many there are (the exported CSV and XLSX keep them all). ``right``: text columns
    to right-align (the left context of a KWIC line); ``nowrap``: columns kept on one line;
    ``decimals``: fractions shown with that many decimals (0.60, 1.00, not 0.6, 1.0).

    >>> import pandas as pd
    >>> html = table(pd.DataFrame({"title": ["<b>Kriz</b>"], "count": [3]})).to_html()
    >>> "&lt;b&gt;Kriz&lt;/b&gt;" in html and "text-align: left" in html
    True
    """
    import pandas as pd

    shown = frame.head(max_rows)
    text = [c for c in shown.columns if not pd.api.types.is_numeric_dtype(shown[c])]  # booleans count as numbers

    def cell(value: Any) -> str:
        if not isinstance(value, (list, tuple, dict)) and pd.isna(value):  # None, NaN, NA
            return ""
        value = f"{value:.{decimals}f}" if decimals is not None and isinstance(value, float) else str(value)
        return value if len(value) <= max_chars else value[:max_chars - 1].rstrip() + "…"

    styler = shown.style.format(cell, escape="html").format_index(escape="html", axis=0) \
        .format_index(escape="html", axis=1)
    if isinstance(shown.index, pd.RangeIndex):
        styler = styler.hide(axis="index")
    # one rule per column (td.colN, th.colN), not one per cell
    rules = {}
    for c in shown.columns:
        props = "text-align: " + ("left" if c in text and c not in right else "right") + ";"
        if c in nowrap:
            props += " white-space: nowrap;"
        rules[c] = [{"selector": "td", "props": props}, {"selector": "th", "props": props}]
    styler = styler.set_table_styles(rules, overwrite=False)
    if len(frame) > max_rows:
        styler = styler.set_caption(f"The first {max_rows:,} of {len(frame):,} rows; the exported tables have "
                                    "them all.")
    return styler


def _default_lexicon_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("toolkit").joinpath("resources/frames_tr.yaml")))


# --- the tables of a report, and writing them -------------------------------------------------

def report_tables(analysis: "Analysis", terms: list[str], *, top: int | None = None,
                  lexicon: "Lexicon | None" = None) -> dict[str, "pd.DataFrame"]:
    """The tables a report shows and exports, by name.

    ``documents`` (one row per article), ``term_frequencies`` (names, fixed expressions and
    content-word lemmas) and ``lemma_frequencies`` (``top`` most frequent, or all), ``actors``,
    ``quotes``,
    ``term_counts`` and ``term_counts_by_document`` for ``terms``, ``kwic`` (every occurrence
    of every term, with its ``term``), ``frames`` (frame hits over all articles, by ``lexicon``,
    the shipped one by default), ``frames_by_source``, ``frames_by_document`` and ``skipped``
    (inputs left out, one message each).
    """
    import pandas as pd

    freqs = analysis.lemma_frequencies()
    terms_freqs = analysis.term_frequencies()
    kwic = [analysis.kwic(term).assign(term=term) for term in terms]
    return {
        "documents": analysis.documents,
        "term_frequencies": terms_freqs if top is None else terms_freqs.head(top),
        "lemma_frequencies": freqs if top is None else freqs.head(top),
        "actors": analysis.actors(),
        "quotes": analysis.quotes(lexicon),
        "term_counts": analysis.term_counts(terms),
        "term_counts_by_document": analysis.term_counts(terms, by="document"),
        "kwic": (pd.concat(kwic, ignore_index=True) if kwic else pd.DataFrame(columns=["term"]))
        .loc[:, lambda d: ["term", *[c for c in d.columns if c != "term"]]],
        "frames": analysis.frames(lexicon, by="corpus"),
        "frames_by_source": analysis.frames(lexicon, by="source"),
        "frames_by_document": analysis.frames(lexicon),
        "skipped": pd.DataFrame({"skipped input": analysis.corpus.skipped}, dtype=object),
    }


_UNSAFE = re.compile(r"[^\w.-]+")


def safe_stem(text: str, default: str = "report") -> str:
    """A file name stem made from ``text``: letters, digits, ``-``, ``_`` and inner dots only,
    at most 80 characters, never hidden, never a path (``../x`` becomes ``x``)."""
    stem = _UNSAFE.sub("-", unicodedata.normalize("NFC", text)).strip("-._")[:80].strip("-._")
    return stem or default


def _inside(folder: Path, name: str) -> Path:
    destination = folder / name
    if destination.resolve().parent != folder.resolve():
        raise ValueError(f"{name!r} would be written outside {folder}")
    return destination


def write_tables(tables: Mapping[str, "pd.DataFrame"], folder: str | Path, stem: str = "report",
                 *, formats: tuple[str, ...] = ("csv", "xlsx")) -> list[Path]:
    """Write ``tables`` into ``folder``: one ``STEM-NAME.csv`` per table (UTF-8 with BOM, so
    spreadsheet programs read Turkish letters) and one ``STEM.xlsx`` with a sheet per table.
    Returns the paths written. ``stem`` is made safe with :func:`safe_stem`.
    """
    folder = Path(folder)
    stem = safe_stem(stem)
    written = []
    if "csv" in formats:
        for name, table in tables.items():
            data = table.to_csv(index=False).encode("utf-8-sig")
            written.append(write_atomic(_inside(folder, f"{stem}-{name}.csv"), data))
    if "xlsx" in formats:
        written.append(write_atomic(_inside(folder, f"{stem}.xlsx"), xlsx_bytes(tables)))
    return written


def write_table(table: "pd.DataFrame", path: str | Path) -> Path:
    """Write one table (e.g. :meth:`Analysis.coding_sheet`) as ``.csv`` (UTF-8 with BOM, so Excel
    shows ç ğ ı ş) or ``.xlsx`` (text cells stored as text, see :func:`xlsx_bytes`), atomically."""
    path = Path(path)
    from toolkit.corpus import file_extension

    ext = file_extension(path)
    if ext == ".csv":
        return write_atomic(path, table.to_csv(index=False).encode("utf-8-sig"))
    if ext == ".xlsx":
        return write_atomic(path, xlsx_bytes({path.stem[:31] or "table": table}))
    raise ValueError(f"{path}: unsupported export type {path.suffix!r}; use .csv or .xlsx.")


def coding_sheet_paths(folder: str | Path, stem: str = "report") -> list[Path]:
    """Where :func:`write_coding_sheets` puts its two sheets: ``STEM-coding_sheet.xlsx`` and
    ``STEM-recall_sheet.xlsx`` in ``folder`` (``stem`` made safe with :func:`safe_stem`)."""
    folder, stem = Path(folder), safe_stem(stem)
    return [_inside(folder, f"{stem}-{name}.xlsx") for name in ("coding_sheet", "recall_sheet")]


def write_coding_sheets(analysis: "Analysis", folder: str | Path, stem: str = "report", *, lexicon=None,
                        per_frame: int = 20, n: int = 200, seed: int = 0) -> tuple[list[Path], list[Path]]:
    """Write the sheets coders fill in to measure ``analysis``'s frame counts, into ``folder``:
    ``STEM-coding_sheet.xlsx`` (at most ``per_frame`` counted hits per frame,
    :meth:`~toolkit.Analysis.coding_sheet`) and ``STEM-recall_sheet.xlsx`` (``n`` sentences
    with the frames counted in each, :meth:`~toolkit.Analysis.recall_sheet`), both drawn with ``seed``.
    A sheet already there is kept as it is, never replaced: it may hold a coder's work (delete
    it for a fresh sample). Returns both sheets' paths (coding sheet first) and those of them kept."""
    paths = coding_sheet_paths(folder, stem)
    kept = [path for path in paths if path.exists()]
    coding, recall = paths
    if coding not in kept:
        write_atomic(coding, xlsx_bytes({"coding_sheet": analysis.coding_sheet(lexicon, per_frame=per_frame, seed=seed)}))
    if recall not in kept:
        write_atomic(recall, xlsx_bytes({"recall_sheet": analysis.recall_sheet(lexicon, n=n, seed=seed)}))
    return paths, kept


def xlsx_bytes(tables: Mapping[str, "pd.DataFrame"]) -> bytes:
    """An Excel workbook with one sheet per table (header row frozen). Every text cell is stored
    as text: an article line starting with ``=`` is never turned into a formula."""
    import io

    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook()
    wb.remove(wb.active)
    for name, table in tables.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append([str(c) for c in table.columns])
        for r, row in enumerate(table.itertuples(index=False), start=2):
            for c, value in enumerate(row, start=1):
                if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
                    continue
                if isinstance(value, str) or not isinstance(value, (int, float, bool)):
                    cell = ws.cell(row=r, column=c, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
                    cell.data_type = "s"
                else:
                    ws.cell(row=r, column=c, value=value.item() if hasattr(value, "item") else value)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_tokens(analysis: "Analysis", folder: str | Path, stem: str = "report", *, fmt: str = "parquet") -> Path:
    """Write the token table joined with article metadata as ``STEM-tokens.parquet`` (pyarrow,
    categoricals kept) or ``STEM-tokens.csv``; return the path."""
    import io

    table = analysis.tokens_with_metadata()
    name = f"{safe_stem(stem)}-tokens.{fmt}"
    if fmt == "parquet":
        buffer = io.BytesIO()
        table.to_parquet(buffer, index=False)
        data = buffer.getvalue()
    elif fmt == "csv":
        data = table.to_csv(index=False).encode("utf-8-sig")
    else:
        raise ValueError(f"unknown token table format {fmt!r}; use 'parquet' or 'csv'")
    return write_atomic(_inside(Path(folder), name), data)
