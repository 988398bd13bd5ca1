"""Articles and corpora, and the readers that make them from files.

An :class:`Article` keeps its text normalised (:func:`toolkit.text.normalize`): every token
offset in the toolkit points into :attr:`Article.content`.
"""

from __future__ import annotations

import codecs
import csv
import glob
import io
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from toolkit.errors import InputError, SkippedInputWarning
from toolkit.text import normalize


@dataclass
class Article:
    """One news article.

    ``text`` is the body; ``title`` the headline. ``date`` is an ISO date string
    (``YYYY-MM-DD``) or None. ``meta`` holds any other fields the input had.
    """

    id: str
    text: str
    title: str = ""
    source: str | None = None
    date: str | None = None
    url: str | None = None
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text = normalize(self.text)
        self.title = normalize(self.title or "").strip()

    @property
    def content(self) -> str:
        """What is analysed: the title and the body, the title once (some bodies repeat it)."""
        if not self.title or self.text.lstrip().startswith(self.title):
            return self.text
        return f"{self.title}\n\n{self.text}"


class Corpus:
    """An ordered collection of :class:`Article` with unique ids."""

    def __init__(self, articles: Iterable[Article] = (), skipped: Iterable[str] = (),
                 files: Iterable[Path] = ()) -> None:
        self.articles: list[Article] = []
        #: One message per input that could not be used: file (and line), what was wrong, what to do.
        self.skipped: list[str] = list(skipped)
        #: The files the articles were read from, in reading order.
        self.files: list[Path] = list(files)
        seen: set[str] = set()
        for a in articles:
            if a.id in seen:
                raise InputError(f"Two articles share the id {a.id!r}: give each article a unique id.")
            seen.add(a.id)
            self.articles.append(a)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __getitem__(self, i: int) -> Article:
        return self.articles[i]

    def __repr__(self) -> str:
        return f"Corpus({len(self)} articles)"

    def to_frame(self):
        """One row per article: id, source, date, title, url, n_chars, and any meta fields."""
        import pandas as pd

        rows = [
            {"id": a.id, "source": a.source, "date": a.date, "title": a.title, "url": a.url,
             "n_chars": len(a.content), **a.meta}
            for a in self.articles
        ]
        return pd.DataFrame(rows, columns=None if rows else ["id", "source", "date", "title", "url", "n_chars"])


# --- decoding ---------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte encodings of Turkish archives. When the detector finds one of them plausible it is
# preferred to look-alike Latin code pages (cp1250, cp1252), which turn ş ğ ı into ţ đ ý.
_TURKISH_ENCODINGS = ("cp1254", "iso8859_9")


def decode_bytes(data: bytes, path: Path | str) -> str:
    """The text of a file's bytes: UTF-8 (with or without BOM), UTF-16/32 with a BOM, or a legacy
    single-byte encoding detected by charset-normalizer (Windows-1254 / ISO-8859-9 preferred).

    Raises :class:`InputError` naming ``path`` when the file is empty, binary or undecodable.
    """
    from charset_normalizer import from_bytes

    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{path}: starts like {encoding} text but is not; save it as UTF-8.") from None
            return _non_empty(text, path)
    try:
        return _non_empty(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise InputError(f"{path}: binary data, not text; export the article as .txt, .html, .jsonl or .csv.")
    matches = list(from_bytes(data))
    if not matches:
        raise InputError(f"{path}: the text encoding cannot be recognised; save the file as UTF-8.")
    chosen = next((m for m in matches if m.encoding in _TURKISH_ENCODINGS), matches[0])
    return _non_empty(str(chosen), path)


def _non_empty(text: str, path: Path | str) -> str:
    if not text.strip():
        raise InputError(f"{path}: the file is empty; add the article text or remove the file.")
    return text


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror or e}); check the path and its permissions.") from None
    return decode_bytes(data, path)


# --- readers ----------------------------------------------------------------------------------

_FIELDS = ("id", "source", "date", "title", "text", "url")


def _split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    """A leading ``---`` block of ``key: value`` lines and the text after it.

    The block is read as YAML (safe loader), so quoted values and lists work; when it is not valid
    YAML only because a value holds a colon (``title: Gürcistan: AB raporu``, as headlines often
    do), each line is taken as ``key: rest of the line``.
    """
    import yaml

    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise InputError(f"{path}: the front matter opened with '---' is never closed; end it with a '---' line.")
    block = "".join(lines[1:end])
    try:
        meta = yaml.safe_load(block) or {}
    except yaml.YAMLError:
        meta, bad = _key_value_lines(block)
        if meta is None:
            raise InputError(f"{path}:{bad + 2}: the front matter is not 'key: value' lines; fix that line or "
                             "remove the front matter.") from None
    if not isinstance(meta, dict):
        raise InputError(f"{path}: the front matter is not 'key: value' lines; fix it or remove it.")
    return {str(k): v for k, v in meta.items()}, "".join(lines[end + 1:])


_KEY_VALUE = re.compile(r"([^\W\d][\w-]*)[ \t]*:(?:[ \t]+(.*))?$")


def _key_value_lines(block: str) -> tuple[dict | None, int]:
    """``key: value`` lines read one by one, the value being the rest of the line (a YAML scalar
    where it parses as one, e.g. a quoted string or a date). Returns the mapping and -1, or None
    and the index (from 0) of the first line not of that form."""
    import yaml

    meta: dict = {}
    for i, line in enumerate(block.splitlines()):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY_VALUE.match(line.rstrip())
        if match is None:
            return None, i
        key, value = match.group(1), (match.group(2) or "").strip()
        try:
            parsed = yaml.safe_load(value) if value else None
        except yaml.constructor.ConstructorError:
            return None, i  # a tag asking for an object (!!python/…): never read as text either
        except yaml.YAMLError:
            parsed = value
        meta[key] = value if isinstance(parsed, (dict, list)) else parsed
    return meta, -1


def read_txt(path: Path) -> Article:
    """A plain-text (or Markdown) article.

    An optional front-matter block at the top (``---``, then ``source:``, ``date:``, ``url:``,
    ``title:`` lines, then ``---``) sets the metadata; other keys go to ``meta``. Without a
    ``title`` the first non-empty line of the text is the title. The id is the file name stem.
    """
    path = Path(path)
    meta, text = _split_front_matter(_read_text(path), path)
    if not text.strip():
        raise InputError(f"{path}: there is no article text after the front matter; add the text.")
    record = {**meta, "text": text}
    if not str(record.get("title") or "").strip():
        record["title"] = next(line.strip() for line in text.splitlines() if line.strip())
    return _article_from_record(record, default_id=path.stem)


def read_html(path: Path) -> Article:
    """A saved news web page: main text, title, date (``YYYY-MM-DD``) and outlet (``source``)
    extracted with trafilatura; navigation, adverts, scripts and comments are dropped.
    """
    import trafilatura

    path = Path(path)
    doc = trafilatura.bare_extraction(_read_text(path), with_metadata=True, include_comments=False)
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        raise InputError(f"{path}: no article text found in the page; save the article page itself, "
                         "or copy its text into a .txt file.")
    record = {"text": text, "title": doc.title, "date": doc.date, "source": doc.sitename or doc.hostname,
              "url": doc.url, "author": doc.author}
    return _article_from_record({k: v for k, v in record.items() if v}, default_id=path.stem)


def read_jsonl(path: Path) -> tuple[list[Article], list[str]]:
    """One article per line, fields id, source, date, title, text, url; others kept in ``meta``.

    Returns the articles and one message per line that was left out (not JSON, or no text).
    """
    path = Path(path)
    articles, skipped = [], []
    for lineno, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            where = f"{e.msg} column {e.colno}" if e.msg.endswith(" at") else f"{e.msg}, column {e.colno}"
            skipped.append(f"{path}:{lineno}: not valid JSON ({where}); fix or remove that line.")
            continue
        problem = _record_problem(record)
        if problem:
            skipped.append(f"{path}:{lineno}: {problem}")
            continue
        articles.append(_article_from_record(record, default_id=f"{path.stem}-{lineno}"))
    return articles, skipped


def read_csv(path: Path) -> tuple[list[Article], list[str]]:
    """A table with a header row and one article per row: columns id, source, date, title, text,
    url (only ``text`` is required); other columns are kept in ``meta``. Comma, semicolon and tab
    separated files are recognised. Returns the articles and one message per row left out.
    """
    path = Path(path)
    text = _read_text(path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if "text" not in (reader.fieldnames or []):
        raise InputError(f"{path}: no 'text' column in the header row; name the column holding the article body 'text'.")
    articles, skipped = [], []
    next_line = 2
    try:
        for row in reader:
            lineno, next_line = next_line, reader.line_num + 1
            record = {k: v for k, v in row.items() if k is not None and v not in (None, "")}
            problem = _record_problem(record)
            if problem:
                skipped.append(f"{path}:{lineno}: {problem}")
                continue
            articles.append(_article_from_record(record, default_id=f"{path.stem}-{lineno}"))
    except csv.Error as e:
        skipped.append(f"{path}:{reader.line_num}: the rest of the file is not readable CSV ({e}); fix the quoting there.")
    return articles, skipped


def _record_problem(record: object) -> str | None:
    if not isinstance(record, dict):
        return "not a record with named fields; write one JSON object per line."
    if not str(record.get("text") or "").strip():
        return "the record has no 'text'; every record needs an article text."
    return None


def _article_from_record(record: dict, default_id: str) -> Article:
    def opt(key: str) -> str | None:
        value = record.get(key)
        return None if value is None or value == "" else str(value)

    return Article(
        id=opt("id") or default_id,
        text=str(record["text"]),
        title=opt("title") or "",
        source=opt("source"),
        date=opt("date"),
        url=opt("url"),
        meta={k: v for k, v in record.items() if k not in _FIELDS},
    )


def read_file(path: Path) -> tuple[list[Article], list[str]]:
    """The articles in one file of any supported type, and messages for records left out.

    Raises :class:`InputError` when the file as a whole cannot be used.
    """
    path = Path(path)
    kind = _READERS.get(file_extension(path))
    if kind is None:
        raise InputError(f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
                         f"save the article as {', '.join(sorted(_READERS))}.")
    if kind == "txt":
        return [read_txt(path)], []
    if kind == "html":
        return [read_html(path)], []
    return read_jsonl(path) if kind == "jsonl" else read_csv(path)


# --- loading many inputs ----------------------------------------------------------------------

_READERS = {".txt": "txt", ".md": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".csv": "csv"}
_NOT_ARTICLES = ("readme", "license", "licence", "notice")
_GLOB_CHARS = frozenset("*?[")


def file_extension(path: Path) -> str:
    """A file's extension in lower case (``.CSV`` → ``.csv``): ASCII, so plain lower-casing is right."""
    return path.suffix.lower()  # ok: ASCII file extension


def _is_article_file(path: Path, root: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
    return (path.is_file() and not hidden and file_extension(path) in _READERS
            and not path.stem.lower().startswith(_NOT_ARTICLES))  # ok: ASCII


def _is_other_file(path: Path, root: Path) -> bool:
    """A visible file in a folder of articles that is not read: a photo, a PDF, a spreadsheet …
    Passed over silently: README, LICENSE and NOTICE files (they describe the data) and the
    ``NAME_files`` folder a browser saves next to a page (its pictures and styles)."""
    parts = path.relative_to(root).parts
    hidden = any(part.startswith(".") for part in parts)
    page_resources = any(part.endswith("_files") for part in parts[:-1])
    return (path.is_file() and not hidden and not page_resources and file_extension(path) not in _READERS
            and not path.stem.lower().startswith(_NOT_ARTICLES))  # ok: ASCII


def _expand(item: str | Path, skipped: list[str]) -> list[Path]:
    """The files one input names: itself, a folder's article files (recursively), or a glob's matches."""
    path = Path(item)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if _is_article_file(p, path))
        for other in sorted(p for p in path.rglob("*") if _is_other_file(p, path)):
            skipped.append(f"{other}: not an article file ({file_extension(other) or 'no extension'}), left out; "
                           f"articles are {', '.join(sorted(_READERS))} files.")
        if not found:
            skipped.append(f"{path}: the folder holds no {', '.join(sorted(_READERS))} files; check the path.")
        return found
    if path.exists():
        return [path]
    if _GLOB_CHARS & set(str(item)):
        files: list[Path] = []
        for match in sorted(Path(p) for p in glob.glob(str(item), recursive=True)):
            if match.is_dir():
                files.extend(_expand(match, skipped))
            elif file_extension(match) in _READERS:
                files.append(match)
        if not files:
            skipped.append(f"{item}: no article file matches this pattern; check the pattern.")
        return files
    skipped.append(f"{path}: no such file or folder; check the path.")
    return []


def _flatten(paths: tuple) -> list[str | Path]:
    out: list[str | Path] = []
    for p in paths:
        out.extend(_flatten(tuple(p)) if not isinstance(p, (str, Path)) else [p])
    return out


_DUPLICATES = ("keep", "first", "drop")


def load_corpus(*paths: str | Path | Iterable[str | Path], strict: bool = False, duplicates: str = "keep") -> Corpus:
    """Read articles from files, folders and glob patterns (``"archive/**/*.html"``).

    Supported files: ``.txt``/``.md`` (:func:`read_txt`), saved web pages ``.html``/``.htm``
    (:func:`read_html`), ``.jsonl`` (:func:`read_jsonl`) and ``.csv`` (:func:`read_csv`), in
    UTF-8, UTF-16 with BOM, or Windows-1254 / ISO-8859-9. A folder is read recursively in sorted
    path order, leaving out hidden files, files of other types and files named README, LICENSE
    or NOTICE (which describe data rather than hold it). When two articles share an id the later
    one gets a suffix (``x-2``), unless its text is the same, when the repeat is left out.

    A file or record that cannot be used is left out: each gets one message (file, line, what to
    do) in :attr:`Corpus.skipped` and a :class:`SkippedInputWarning`. With ``strict`` the first
    such problem raises :class:`InputError` instead. :class:`InputError` is also raised when no
    article at all could be read.

    ``duplicates`` says what to do with near-duplicate articles (agency copy republished by
    several outlets; :mod:`toolkit.duplicates`): ``"keep"`` (default) keeps every article as
    read; ``"first"`` keeps one article per cluster of copies, the earliest (by date, then
    reading order), and leaves the copies out; ``"drop"`` leaves out every article that has a
    copy, the earliest too, keeping only stories no other article repeats. With ``"first"`` and
    ``"drop"`` the clusters are found afresh among the articles read.
    """
    if duplicates not in _DUPLICATES:
        raise ValueError(f"duplicates={duplicates!r}: use one of {', '.join(map(repr, _DUPLICATES))}.")
    items = _flatten(paths)
    if not items:
        raise InputError("No input given; name at least one file or folder.")
    skipped: list[str] = []
    articles: list[Article] = []
    files: list[Path] = []
    seen_files: set[Path] = set()
    texts: dict[str, str] = {}

    def skip(message: str) -> None:
        if strict:
            raise InputError(message)
        skipped.append(message)
        warnings.warn(message, SkippedInputWarning, stacklevel=3)

    for item in items:
        problems: list[str] = []
        found = _expand(item, problems)
        for message in problems:
            skip(message)
        for f in found:
            key = f.resolve()
            if key in seen_files:
                continue
            seen_files.add(key)
            try:
                read, bad = read_file(f)
            except InputError as e:
                skip(str(e))
                continue
            for message in bad:
                skip(message)
            kept = 0
            for a in read:
                if a.id in texts and texts[a.id] == a.content:
                    skip(f"{f}: article {a.id!r} repeats an earlier article word for word; it is counted once.")
                    continue
                base, n = a.id, 1
                while a.id in texts:
                    n += 1
                    a.id = f"{base}-{n}"
                texts[a.id] = a.content
                articles.append(a)
                kept += 1
            if kept:
                files.append(f)
    if not articles:
        if len(skipped) > 1:
            raise InputError(f"No article could be read ({len(skipped)} problems); the first: {skipped[0]}", skipped=skipped)
        raise InputError(f"No article could be read: {skipped[0] if skipped else 'no input named an article'}",
                         skipped=skipped)
    if duplicates != "keep":
        from toolkit.duplicates import find_duplicates

        copies = find_duplicates(articles)
        originals = {c.duplicate_of for c in copies.values()}
        articles = [a for a in articles if a.id not in copies and (duplicates == "first" or a.id not in originals)]
    return Corpus(articles, skipped=skipped, files=files)
