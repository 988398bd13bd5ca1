"""The toolkit as a user installs it: a wheel built from this tree, installed in a fresh virtual
environment, run from a folder outside the repository with no PYTHONPATH. The report template
and every resource must come from the installed package.

The new environment borrows the already installed dependencies (a ``.pth`` file naming this
interpreter's site-packages), so nothing but the build backend is downloaded; the toolkit itself
comes only from the wheel (the editable install, if any, is not activated: ``.pth`` files inside
a borrowed folder are not processed)."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED

pytestmark = pytest.mark.slow


def _bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A virtual environment with the toolkit installed from a freshly built wheel."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"  # build from a copy: the repository gets no build/ or .egg-info
    shutil.copytree(ROOT / "toolkit", source / "toolkit", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source)
    wheels = tmp / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(source)],
                   check=True, timeout=600)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    venv_site = Path(subprocess.run([str(_bin(venv, "python")), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                    capture_output=True, text=True, check=True).stdout.strip())
    (venv_site / "borrowed_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    (wheel,) = wheels.glob("toolkit-*.whl")
    subprocess.run([str(_bin(venv, "python")), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, timeout=600, env=_env())
    return venv


def _env() -> dict[str, str]:
    """No PYTHONPATH; JUPYTER_PATH names the borrowed dependencies' data (nbconvert's templates),
    which a real install puts into the environment itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["JUPYTER_PATH"] = os.path.join(sys.prefix, "share", "jupyter")
    return env


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=900)


def test_the_installed_package_is_the_wheel_not_the_repository(installed, tmp_path):
    result = _run([str(_bin(installed, "python")), "-c", "import toolkit; print(toolkit.__file__)"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(installed)


def test_toolkit_command_reports_outside_the_repository(installed, tmp_path):
    (tmp_path / "haberler").mkdir()
    shutil.copy(SEED, tmp_path / "haberler")
    result = _run([str(_bin(installed, "toolkit")), "report", "haberler", "--out", "rapor", "--title", "Kurulum denemesi"],
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "rapor" / "Kurulum-denemesi.html").read_text(encoding="utf-8")
    assert "<title>Kurulum denemesi</title>" in page and "data:image/png;base64" in page
    assert (tmp_path / "rapor" / "Kurulum-denemesi.xlsx").is_file()
    assert str(ROOT) not in page


def test_python_m_toolkit_and_the_other_commands_work_installed(installed, tmp_path):
    shutil.copy(SEED, tmp_path)
    result = _run([str(_bin(installed, "python")), "-m", "toolkit", "analyze", SEED.name, "--out", "tablolar"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "tablolar" / "kim-putin-davet-tokens.parquet").is_file()
    (tmp_path / "defter.py").write_text('# %%\nimport toolkit\nprint(len(toolkit.load_corpus("kim-putin-davet.txt")))\n',
                                        encoding="utf-8")
    result = _run([str(_bin(installed, "toolkit")), "render", "defter.py", "defter.html"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "<pre>1\n</pre>" in (tmp_path / "defter.html").read_text(encoding="utf-8")
