"""Command line: ``toolkit report|analyze|render|collect|update …`` (also ``python -m toolkit``); ``toolkit --help`` explains."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import warnings
from pathlib import Path

REPORT_TEMPLATE = Path(__file__).resolve().parent / "templates" / "report.py"
DEFAULT_TERMS = "endişe,yaptırım,tehdit,işbirliği,iş birliği"
INPUT_HELP = ("article files, folders or glob patterns (quote them: 'archive/**/*.html'): "
              ".txt/.md (optional front matter), saved web pages .html/.htm, .jsonl, .csv; "
              "UTF-8, UTF-16 or Windows-1254")

EPILOG = """\
examples:
  toolkit report data/articles --out reports/seed
      the seed article -> reports/seed/articles.html (results only, no code), its tables as CSV and XLSX
  toolkit report saved_pages/ notes.txt export.jsonl --title "Kore haberleri" --show-code
      a folder of saved news pages plus two files; the HTML shows the code as well
  toolkit analyze 'archive/**/*.jsonl' --out tables/
      tables only (token table as Parquet), for scripts
  toolkit render notebooks/01_seed_article.py reports/01_seed_article.html
      run one of your notebooks and share it as HTML (code hidden unless --show-code)

"python -m toolkit" works the same as "toolkit".

Files that cannot be read (empty, binary, broken JSON lines, records without text) are
listed and left out; the exit status is 1 only when nothing usable remained.
"""


def _article_command(sub, name: str, help: str, description: str) -> argparse.ArgumentParser:
    """A subcommand that reads articles: its parser, with the inputs and options they all share."""
    p = sub.add_parser(name, help=help, description=description, epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=INPUT_HELP)
    p.add_argument("--out", metavar="DIR", default=None,
                   help="folder for the output files (created if missing; default: reports/NAME)")
    p.add_argument("--terms", default=DEFAULT_TERMS,
                   help=f"comma-separated framing terms, each counted in every inflected form; a term may "
                        f"have several words ('iş birliği' counts iş birliği, iş birliğine …) "
                        f"(default: {DEFAULT_TERMS})")
    p.add_argument("--title", metavar="TEXT", help="report title; also names the output files")
    p.add_argument("--strict", action="store_true", help="stop at the first unreadable file or record")
    return p


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m toolkit`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="toolkit",
        description="Turkish news framing toolkit: analyse articles and share the results as an\n"
                    "HTML report that opens offline, with the tables as spreadsheets.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    report = _article_command(
        sub, "report", help="analyse articles and write an HTML report plus CSV/XLSX tables",
        description="Analyse articles and write a self-contained HTML report (figures embedded,\n"
                    "opens offline) plus its tables as CSV and XLSX, and two sheets for coders to\n"
                    "check the frame counts (NAME-coding_sheet.xlsx, NAME-recall_sheet.xlsx; kept\n"
                    "when already there).",
    )
    report.add_argument("--lexicon", metavar="FILE", help="framing lexicon file (YAML) passed to the report")
    report.add_argument("--validation", metavar="SHEET",
                        help="coded sheet (CSV/XLSX: the report's NAME-coding_sheet.xlsx, or coding_sheet()) whose "
                             "precision and agreement the report shows")
    report.add_argument("--recall", metavar="SHEET",
                        help="with --validation: coded recall sheet (the report's NAME-recall_sheet.xlsx, or "
                             "recall_sheet()) whose missed frames give recall")
    _code_options(report)
    report.add_argument("--template", metavar="NOTEBOOK", default=str(REPORT_TEMPLATE),
                        help="report notebook to run (default: the toolkit's own, toolkit/templates/report.py)")

    analyze = _article_command(
        sub, "analyze", help="analyse articles and write the tables only (CSV, XLSX, token table)",
        description="Analyse articles and write the tables only: CSV and XLSX, and the token\n"
                    "table (one row per word) as Parquet or CSV.",
    )
    analyze.add_argument("--tokens", choices=("parquet", "csv"), default="parquet",
                         help="format of the token table (default: parquet)")

    render = sub.add_parser("render", help="execute a notebook (jupytext .py or .ipynb) and write self-contained HTML")
    render.add_argument("notebook")
    render.add_argument("html")
    render.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter (string value)")
    _code_options(render)
    _collect_commands(sub)
    return parser


SOURCES_HELP = ("feed (RSS/Atom), sitemap (news sitemap, sitemap index) or article addresses, or .txt/.yaml "
                "files listing them with an outlet name each (see docs/collect.md)")


def _collect_options(p: argparse.ArgumentParser) -> None:
    """The options ``collect`` and ``update`` share."""
    p.add_argument("sources", nargs="+", metavar="SOURCE", help=SOURCES_HELP)
    p.add_argument("--out", metavar="DIR", required=True,
                   help="collection folder: articles.jsonl, pages/, state.sqlite (created if missing)")
    p.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                   help="least time between two requests to one host (default: 1; robots.txt Crawl-delay if longer)")
    p.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS", help="connect/read timeout (default: 20)")
    p.add_argument("--retries", type=int, default=3, help="retries on 429, 5xx and network errors (default: 3)")
    p.add_argument("--backoff", type=float, default=2.0, metavar="SECONDS",
                   help="wait before the first retry when the server gives no Retry-After; doubled each time (default: 2)")
    p.add_argument("--max-wait", type=float, default=120.0, metavar="SECONDS",
                   help="longest Retry-After or backoff wait accepted (default: 120)")
    p.add_argument("--max-bytes", type=int, default=5_000_000, help="size limit per page in bytes (default: 5000000)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="leave out articles dated before this day")
    p.add_argument("--allow-private-hosts", action="store_true",
                   help="also fetch from loopback and private-network addresses (refused by default)")
    p.add_argument("--quiet", action="store_true", help="print the summary only, not each address")


def _collect_commands(sub) -> None:
    collect = sub.add_parser(
        "collect", help="collect news articles from feeds, sitemaps and pages into a folder",
        description="Collect articles politely (robots.txt, one request per host at a time, --delay) and\n"
                    "incrementally (a rerun fetches only new addresses) into DIR/articles.jsonl,\n"
                    "marking agency copies (duplicate_of, similarity).",
        epilog="example:\n  python -m toolkit collect feeds.txt --out news/\n  python -m toolkit report news/articles.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _collect_options(collect)
    update = sub.add_parser(
        "update", help="collect new articles, then report on the whole collection",
        description="The daily rerun: collect from SOURCES into --out, then write the report on\n"
                    "everything collected so far into --report.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _collect_options(update)
    update.add_argument("--report", metavar="REPORT_DIR", required=True, help="folder for the report")
    update.add_argument("--terms", default=DEFAULT_TERMS, help="comma-separated framing terms (as for report)")
    update.add_argument("--title", metavar="TEXT", help="report title; also names the output files")
    _code_options(update)
    update.add_argument("--template", metavar="NOTEBOOK", default=str(REPORT_TEMPLATE), help=argparse.SUPPRESS)


def _code_options(p: argparse.ArgumentParser) -> None:
    """``--show-code``; ``--no-input`` stays accepted (code is hidden by default anyway)."""
    p.add_argument("--show-code", action="store_true", help="include the code cells in the HTML (default: results only)")
    p.add_argument("--no-input", action="store_true", help=argparse.SUPPRESS)


def _load(args: argparse.Namespace):
    """The corpus, with every skipped input printed to stderr as it is found."""
    from toolkit.corpus import InputError, SkippedInputWarning, load_corpus

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SkippedInputWarning)
            corpus = load_corpus(args.inputs, strict=args.strict)
    except InputError as e:
        for message in e.skipped[1:]:
            print(f"skipped: {message}", file=sys.stderr)
        raise
    for message in corpus.skipped:
        print(f"skipped: {message}", file=sys.stderr)
    return corpus


def _stem(args: argparse.Namespace) -> str:
    """The name of the output files: the title, else the one input's name, else 'report'."""
    from toolkit.report import safe_stem

    if args.title:
        return safe_stem(args.title)
    if len(args.inputs) == 1:
        return safe_stem(Path(args.inputs[0]).stem)
    return "report"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _terms(args: argparse.Namespace) -> list[str]:
    return [t.strip() for t in args.terms.split(",") if t.strip()]


def _output_folder(args: argparse.Namespace, stem: str) -> Path:
    """The folder for the output files, checked before any work: it may not be an existing file."""
    from toolkit.corpus import InputError

    out = Path(args.out or Path("reports") / stem)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: --out names an existing file; give a folder name (it is created if missing).")
    for parent in out.parents:
        if parent.exists() and not parent.is_dir():
            raise InputError(f"{parent}: --out goes through a file, not a folder; give a folder name.")
    return out


def _shown(path: str | Path) -> str:
    """``path`` as a report shows it: relative to the current folder when it lies inside it, so no
    home folder or user name ends up in a shared report."""
    resolved = Path(path).resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def _run_report(args: argparse.Namespace) -> int:
    from toolkit.corpus import InputError
    from toolkit.report import coding_sheet_paths, execute_notebook, to_html

    template = Path(args.template)
    if not template.is_file():
        raise InputError(f"{template}: report notebook not found; check the --template path.")
    lexicon = None
    if args.lexicon:
        if not Path(args.lexicon).is_file():
            raise InputError(f"{args.lexicon}: no such lexicon file; check the path.")
        from toolkit.lexicon import Lexicon

        lexicon = Lexicon.from_yaml(args.lexicon)  # a malformed lexicon is reported before any work is done
    if args.recall and not args.validation:
        raise InputError(f"{args.recall}: a recall sheet needs the coded hits too; add --validation CODING_SHEET.")
    if args.validation:
        from toolkit.validity import validate

        # a missing or malformed sheet is reported before any work is done
        validate(args.validation, recall=args.recall, lexicon=lexicon)
    stem = _stem(args)
    out = _output_folder(args, stem)
    corpus = _load(args)
    out.mkdir(parents=True, exist_ok=True)
    sheets = set(coding_sheet_paths(out, stem))
    kept = {path for path in sheets if path.exists()}  # the report never replaces them (they may be coded)
    print(f"{_count(len(corpus), 'article')} from {_count(len(corpus.files), 'file')}; running the report …", file=sys.stderr)
    started = time.time()
    parameters = {
        "INPUTS": [_shown(i) if not set(str(i)) & set("*?[") else str(i) for i in args.inputs], "TERMS": _terms(args),
        "LEXICON": _shown(args.lexicon) if args.lexicon else None,
        "TITLE": args.title or f"Framing report: {stem}", "EXPORT_DIR": _shown(out), "EXPORT_STEM": stem,
        "VALIDATION": _shown(args.validation) if args.validation else None,
        "RECALL": _shown(args.recall) if args.recall else None,
    }
    nb = execute_notebook(template, parameters, cwd=os.getcwd(), progress=len(corpus) > 1)
    nb.metadata["title"] = parameters["TITLE"]
    html = to_html(nb, out / f"{stem}.html", show_code=args.show_code)
    print(f"report:      {html}")
    for path in sorted(out.glob(f"{stem}*")):
        if path in sheets:
            print(f"{'kept':<12} {path} (already there; delete it for a fresh sample)" if path in kept
                  else f"{'to code':<12} {path}")
        elif path != html and path.suffix in (".csv", ".xlsx") and path.stat().st_mtime >= started - 1:
            print(f"{'spreadsheet' if path.suffix == '.xlsx' else 'table':<12} {path}")
    return 0


def _run_analyze(args: argparse.Namespace) -> int:
    from toolkit.analysis import analyze
    from toolkit.report import report_tables, write_tables, write_tokens

    stem = _stem(args)
    out = _output_folder(args, stem)
    corpus = _load(args)
    analysis = analyze(corpus, progress=True)
    tables = report_tables(analysis, _terms(args))
    for path in [*write_tables(tables, out, stem), write_tokens(analysis, out, stem, fmt=args.tokens)]:
        print(f"{'tokens' if '-tokens.' in path.name else 'spreadsheet' if path.suffix == '.xlsx' else 'table':<12} {path}")
    return 0


def _run_render(args: argparse.Namespace) -> int:
    from toolkit.corpus import InputError
    from toolkit.report import render_notebook

    notebook = Path(args.notebook)
    if not notebook.is_file():
        nearby = sorted(p.name for p in notebook.parent.glob("*.py")) + sorted(p.name for p in notebook.parent.glob("*.ipynb")) \
            if notebook.parent.is_dir() else []
        hint = f" (that folder holds: {', '.join(nearby)})" if nearby else ""
        raise InputError(f"{notebook}: no such notebook; check the name{hint}.")
    html = Path(args.html)
    if html.is_dir():
        raise InputError(f"{html}: is a folder; name the HTML file to write, e.g. {html / (notebook.stem + '.html')}.")
    out = render_notebook(notebook, html, dict(args.parameter), show_code=args.show_code)
    print(f"wrote {out}")
    return 0


def _run_collect(args: argparse.Namespace) -> int:
    from toolkit.collect import collect
    from toolkit.fetch import Options

    if args.since and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.since):
        print(f"error: --since {args.since!r} is not a date; write it as YYYY-MM-DD.", file=sys.stderr)
        return 1
    options = Options(delay=args.delay, timeout=args.timeout, retries=args.retries, backoff=args.backoff, max_wait=args.max_wait,
                      max_bytes=args.max_bytes, allow_private_hosts=args.allow_private_hosts, since=args.since)
    log = (lambda line: None) if args.quiet else (lambda line: print(line, file=sys.stderr))
    try:
        summary = collect(args.sources, args.out, options, log=log)
    except KeyboardInterrupt:
        print(f"interrupted; every article collected so far is in {Path(args.out) / 'articles.jsonl'}, "
              "and the next run continues from there.", file=sys.stderr)
        return 130
    for line in summary.lines():
        print(line)
    return 0 if summary.collected or not summary.problems else 1


def _run_update(args: argparse.Namespace) -> int:
    status = _run_collect(args)
    articles = Path(args.out) / "articles.jsonl"
    if status == 130 or not articles.is_file() or not articles.stat().st_size:
        return status or 1
    report_args = argparse.Namespace(
        inputs=[str(articles)], out=args.report, terms=args.terms, title=args.title, strict=False,
        lexicon=None, show_code=args.show_code, template=args.template, validation=None, recall=None)
    return _run_report(report_args)


def _interrupted() -> None:
    """Close any progress bar still drawing, so the message starts on a line of its own."""
    from tqdm import tqdm

    for bar in list(getattr(tqdm, "_instances", ())):
        bar.close()  # ends its line (or clears it), so the message below starts a line of its own
    print("interrupted; no partial files were left behind.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 done, 1 nothing usable or a failed run)."""
    args = build_parser().parse_args(argv)
    from toolkit.corpus import InputError

    try:
        return {"report": _run_report, "analyze": _run_analyze, "render": _run_render,
                "collect": _run_collect, "update": _run_update}[args.command](args)
    except (InputError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        _interrupted()
        return 130
    except Exception as e:
        if type(e).__name__ != "PapermillExecutionError":
            raise
        print(f"error: the report notebook failed in cell {e.exec_count}: {e.ename}: {e.evalue}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
