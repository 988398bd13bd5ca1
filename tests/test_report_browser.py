"""Open the report as a reader would, in headless Chromium: the figures load, and a script hidden
in an article's text does not run. Skipped where no Chromium is installed (CI installs Debian's
``chromium`` with apt)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.report import safe_stem

ROOT = Path(__file__).resolve().parent.parent
BROWSER = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (Debian: apt-get install chromium)")]

REPORT_TITLE = "Tarayıcı testi <img src=x onerror=\"document.body.setAttribute('data-pwned','3')\">"
INJECTED_TITLE = "<script>document.title='PWNED'</script>Saldırgan başlık"
INJECTED_TEXT = ("Yetkililer endişe duyduklarını söyledi <img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> "
                 "ve yaptırım kararı <script>document.body.setAttribute('data-pwned','2')</script> açıklandı.")

# Appended to a copy of the report by the test only: after the page has loaded, it records what a
# reader's browser shows (title, injected marks, every image's size) in a <pre id="probe">.
PROBE = """<script>
window.addEventListener('load', function () {
  var result = {
    title: document.title,
    pwned: document.querySelectorAll('[data-pwned]').length,
    images: Array.prototype.map.call(document.images, function (i) {
      return {src: i.getAttribute('src').slice(0, 22), width: i.naturalWidth, complete: i.complete};
    })
  };
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
});
</script>"""


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args],
        capture_output=True, text=True, timeout=180,
    )


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    inputs = tmp_path_factory.mktemp("inputs")
    record = {"id": "saldiri", "source": "<b>Kaynak</b>", "date": "2024-05-01", "title": INJECTED_TITLE, "text": INJECTED_TEXT}
    (inputs / "saldiri.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "mixed" / "kuzey-kore-zirve.txt", inputs)
    out = tmp_path_factory.mktemp("out")
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "report", str(inputs), "--out", str(out), "--title", REPORT_TITLE],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return out / f"{safe_stem(REPORT_TITLE)}.html"


def test_report_has_no_remote_or_injected_scripts(report_html):
    page = report_html.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page), "the report loads a script"
    assert not re.search(r"""(src|href)=["']https?://""", page), "the report fetches something from the web"
    assert "<script>document.title" not in page
    assert html.escape("<script>document.title='PWNED'</script>", quote=False) in page or \
        html.escape("<script>document.title='PWNED'</script>") in page, "the article title is not shown"


def test_figures_load_and_article_text_does_not_run_in_a_browser(report_html, tmp_path):
    probed = tmp_path / "probed.html"
    probed.write_text(report_html.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    result = chromium("--dump-dom", probed.as_uri(), profile=tmp_path / "profile")
    match = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
    assert match, f"the page did not finish loading in Chromium: {result.stderr[-2000:]}"
    seen = json.loads(html.unescape(match.group(1)))
    assert seen["title"] == REPORT_TITLE
    assert seen["pwned"] == 0
    images = seen["images"]
    assert len(images) >= 3, images
    for image in images:
        assert image["src"].startswith("data:image/png"), image
        assert image["complete"] and image["width"] > 0, image
