"""Command line: ``python -m toolkit render NOTEBOOK.py OUT.html [-p NAME VALUE]...``."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit", description="Turkish news framing toolkit.")
    sub = parser.add_subparsers(dest="command", required=True)
    render = sub.add_parser("render", help="execute a notebook (jupytext .py or .ipynb) and write self-contained HTML")
    render.add_argument("notebook")
    render.add_argument("html")
    render.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter (string value)")
    render.add_argument("--no-input", action="store_true", help="hide code cells in the HTML")
    args = parser.parse_args(argv)

    from toolkit.report import render_notebook

    out = render_notebook(args.notebook, args.html, dict(args.parameter), no_input=args.no_input)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
