"""JupyterLab as a user meets it, in Debian's Chromium driven by Playwright: the project's
settings (``.jupyter/``, as ``make lab`` adds them) make the ``.py`` notebooks open as notebooks
by URL and by double-click; notebook 02 runs top to bottom without an error; the explorer answers
what is typed into it. A screenshot of the page is saved next to the test's files on failure.

Skipped only where no Chromium is installed, and never in CI (.ci/run installs Debian's
``chromium`` with apt and requires it).
Set ``TOOLKIT_LAB_SCREENSHOT=path.png`` to keep a screenshot of the explorer in Lab.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
# CI (.ci/run) sets TOOLKIT_REQUIRE_BROWSER=1: there a missing browser fails the test instead of skipping it
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("TOOLKIT_REQUIRE_BROWSER"),
                                 reason="no Chromium (Debian: apt-get install chromium)")]

NOTEBOOK = "02_framing_across_sources.py"
TOKEN = "toolkit-browser-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of notebooks/ (data/ beside it, as in the repository), with the
    project's Jupyter settings and none of the user's: yields its base URL."""
    tmp = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", tmp / "notebooks", ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    (tmp / "data").symlink_to(ROOT / "data")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JUPYTER_CONFIG_PATH": str(ROOT / ".jupyter"),
           "JUPYTER_CONFIG_DIR": str(tmp / "config"), "JUPYTERLAB_SETTINGS_DIR": str(tmp / "user-settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"), "JUPYTER_RUNTIME_DIR": str(tmp / "runtime")}
    args = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
            f"--ServerApp.root_dir={tmp / 'notebooks'}", f"--IdentityProvider.token={TOKEN}",
            "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabServerApp.extension_manager=readonly", "--ServerApp.open_browser=False"]
    if os.geteuid() == 0:
        args.append("--allow-root")
    log = open(tmp / "lab.log", "wb")
    server = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    pytest.fail(f"JupyterLab did not start: {(tmp / 'lab.log').read_text(errors='replace')[-3000:]}")
                time.sleep(0.5)
        yield base, tmp
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture
def page(lab, tmp_path, request):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        failed_before = request.session.testsfailed
        try:
            yield page
            if request.session.testsfailed > failed_before:  # the test's call failed: keep what it saw
                shot = tmp_path / "lab-failure.png"
                page.screenshot(path=str(shot), full_page=True)
                print(f"screenshot of the page: {shot}")
        finally:
            browser.close()


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".jp-LabShell", timeout=120_000)


CURRENT = "window.jupyterapp.shell.currentWidget"


def _current_kind(page) -> str:
    """What the current main-area tab is: 'notebook', 'editor' or another class name."""
    return page.evaluate(f"""() => {{
        const w = {CURRENT};
        if (!w) return 'none';
        if (w.hasClass('jp-NotebookPanel')) return 'notebook';
        if (w.hasClass('jp-FileEditor') || w.node.querySelector('.jp-FileEditor')) return 'editor';
        return w.node.className;
    }}""")


def test_notebook_opens_by_double_click_as_a_notebook(lab, page):
    base, _ = lab
    _open(page, f"{base}/lab?token={TOKEN}")
    item = page.locator(".jp-DirListing-item", has_text="01_seed_article.py")
    item.dblclick()
    page.wait_for_function(f"() => {CURRENT} && {CURRENT}.title.label === '01_seed_article.py'", timeout=60_000)
    assert _current_kind(page) == "notebook"


def test_notebook_02_opens_by_url_runs_without_error_and_the_explorer_answers(lab, page):
    from playwright.sync_api import expect

    base, _ = lab
    _open(page, f"{base}/lab/tree/{NOTEBOOK}?token={TOKEN}")
    page.wait_for_function(f"() => {CURRENT} && {CURRENT}.title.label === '{NOTEBOOK}'", timeout=60_000)
    assert _current_kind(page) == "notebook"
    page.wait_for_function(f"() => {CURRENT}.sessionContext.session && {CURRENT}.sessionContext.session.kernel "
                           f"&& {CURRENT}.sessionContext.session.kernel.status === 'idle'", timeout=180_000)

    news = page.get_by_role("button", name="No")  # JupyterLab asks once whether to fetch its news
    if news.count():
        news.first.click()
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    # done when every code cell has an execution count and the kernel is idle again
    page.wait_for_function(f"""() => {{
        const w = {CURRENT};
        const cells = Array.from(w.content.model.cells);
        const code = cells.filter(c => c.type === 'code');
        return code.length > 0 && code.every(c => c.executionCount !== null)
            && w.sessionContext.session.kernel.status === 'idle';
    }}""", timeout=900_000, polling=1000)
    errors = page.evaluate(f"""() => Array.from({CURRENT}.content.model.cells)
        .filter(c => c.type === 'code')
        .flatMap(c => Array.from({{length: c.outputs.length}}, (_, i) => c.outputs.get(i).toJSON()))
        .filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue)""")
    assert errors == []
    assert page.locator(".jp-OutputArea-output .jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr'] >> text=Traceback").count() == 0

    # Lab draws only the cells in view: bring the explorer's cell (the one calling explorer()) there
    page.evaluate(f"""async () => {{
        const notebook = {CURRENT}.content;
        const index = Array.from(notebook.model.cells).findIndex(
            c => c.type === 'code' && /explorer\\(/.test(c.sharedModel.getSource()));
        notebook.activeCellIndex = index;
        await notebook.scrollToItem(index, 'start');
    }}""")
    search = page.get_by_placeholder("type a lemma, term or frame").first
    search.wait_for(timeout=60_000)
    search.scroll_into_view_if_needed()
    status = page.locator(".widget-html-content", has_text="lines").first
    status.wait_for(timeout=60_000)
    lines = search.locator("xpath=ancestor::div[contains(@class,'widget-vbox')][1]").locator(".widget-output").first
    before_status, before_lines = status.inner_text(), lines.inner_text()

    # the first choice (a frame) has more than one page on the demo corpus: page through it
    page.get_by_role("button", name="next ▶").first.click()
    expect(status).to_contain_text("lines 21–", timeout=30_000)
    expect(lines).not_to_have_text(before_lines)

    search.fill("yaptırım")
    search.press("Enter")
    expect(status).to_contain_text("yaptırım", timeout=30_000)
    expect(lines).to_contain_text("yaptırım", timeout=30_000)
    assert status.inner_text() != before_status
    if os.environ.get("TOOLKIT_LAB_SCREENSHOT"):
        search.scroll_into_view_if_needed()
        page.screenshot(path=os.environ["TOOLKIT_LAB_SCREENSHOT"])
