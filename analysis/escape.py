"""Escaping at the boundary: every value from a corpus is made inert where it enters
Markdown, HTML, a plot label, a terminal table or a spreadsheet.

A corpus supplies labels, titles, ids, file names, catalog fields, entity names and
aliases, cue words and sentence text. None of it may become markup. Use

- :func:`md_text` for a value inside Markdown prose (``display(Markdown(f"... {md_text(doc.label)} ..."))``);
- :func:`md_code` for a value shown as code (instead of ```` `{doc.id}` ````);
- :func:`md_link` for a link from a catalog ``url``: only ``http``/``https`` become links;
- :func:`html_text` for a value inside HTML text or a quoted attribute;
- :func:`plot_text` for a matplotlib title, label, tick or legend entry (no mathtext from ``$``);
- :func:`terminal_text` for a cell of a table printed to a terminal (control characters removed);
- :func:`csv_cell` for a cell of ``--format csv`` (OWASP's formula-injection rule);
- :func:`safe_url` to test a URL, :func:`sanitize_html` as the report's last line of defence.

Every helper returns ordinary text unchanged when it holds nothing special, so the
outputs of the repository's own seeds do not change.
"""
from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

__all__ = ["csv_cell", "html_text", "md_code", "md_link", "md_text", "plot_text", "safe_url",
           "sanitize_html", "sanitize_notebook_outputs", "spreadsheet_safe", "terminal_text"]

_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]$~|])")
_MD_BLOCK_START = re.compile(r"^(\s*)(?:([#+=-])|(\d+)([.)]))")
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
SAFE_SCHEMES = ("http", "https")
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _controls_to_space(text: str) -> str:
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def md_text(value: object) -> str:
    """``value`` as literal Markdown text: no emphasis, link, HTML, math or block starts.

    Line breaks become spaces (a value stays inside its sentence), Markdown punctuation is
    backslash-escaped and ``<``, ``>``, ``&`` become HTML entities.

    >>> md_text('<img src=x onerror=alert(1)> [x](javascript:alert(1)) costs $5')
    '&lt;img src=x onerror=alert(1)&gt; \\\\[x\\\\](javascript:alert(1)) costs \\\\$5'
    """
    text = _controls_to_space(_LINE_BREAKS.sub(" ", _text(value)))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"),
                               text, count=1)


def md_code(value: object) -> str:
    """``value`` as an inline Markdown code span, fenced so that no backtick inside can end it."""
    text = _controls_to_space(_LINE_BREAKS.sub(" ", _text(value)))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def html_text(value: object) -> str:
    """``value`` escaped for HTML text or a quoted attribute (``& < > " '``)."""
    return html.escape(_text(value), quote=True)


def safe_url(value: object) -> str | None:
    """The URL when it is an absolute ``http``/``https`` address, else None.

    Browsers ignore tabs, newlines and other control characters inside a scheme
    (``java\\tscript:``), so those are removed before the scheme is read.
    """
    url = re.sub(r"[\x00-\x20\x7f]", "", _text(value).strip())
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    if not match or match.group(1).lower() not in SAFE_SCHEMES or not url[match.end():].startswith("//"):
        return None
    return url


def md_link(text: object, url: object) -> str:
    """A Markdown link when ``url`` is safe (:func:`safe_url`), else the escaped text alone."""
    target = safe_url(url)
    if target is None:
        return md_text(text)
    target = target.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"[{md_text(text) or md_text(target)}](<{target}>)"


def plot_text(value: object) -> str:
    """``value`` for a matplotlib label: control characters removed and, unless mathtext is
    off (``analysis.setup()`` turns it off with ``text.parse_math``), ``$`` escaped so that
    it cannot start mathtext: ``"Costs: $5bn, 50% more than $3bn"`` prints as written."""
    import matplotlib

    text = "".join(ch for ch in _text(value) if ch == "\n" or unicodedata.category(ch) != "Cc")
    return text.replace("$", r"\$") if matplotlib.rcParams["text.parse_math"] else text


def terminal_text(value: object) -> str:
    """``value`` for a terminal: escape sequences, control and bidi-override characters removed,
    line breaks and tabs shown as spaces."""
    text = _ANSI.sub("", _text(value))
    text = _LINE_BREAKS.sub(" ", text).replace("\t", " ")
    return _BIDI.sub("", "".join(ch for ch in text if unicodedata.category(ch) != "Cc"))


def csv_cell(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula gets a leading ``'`` (OWASP);
    anything else (numbers included) is returned unchanged."""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS):
        return "'" + value
    return value


def spreadsheet_safe(frame):
    """A copy of a DataFrame whose text cells pass through :func:`csv_cell` (numbers untouched),
    for every CSV a person may open in a spreadsheet (``--format csv``, figure tables, documents.csv)."""
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_datetime64_any_dtype(out[column])):
            out[column] = out[column].map(csv_cell).astype(object)
    return out


# --- the report's last line of defence ----------------------------------------------------------

_DROPPED_ELEMENTS = {"script", "iframe", "object", "embed", "base", "meta", "frame", "frameset", "applet"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster", "srcset",
                   "data", "cite", "lowsrc", "dynsrc"}


def _attribute_is_unsafe(name: str, value: str | None) -> bool:
    name = name.lower()
    if name.startswith("on") or name in ("srcdoc", "http-equiv"):
        return True
    if name in _URL_ATTRIBUTES and value is not None:
        url = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(value))
        scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", url)
        if scheme and scheme.group(1).lower() not in (*SAFE_SCHEMES, "mailto"):
            return not (name == "src" and url.lower().startswith("data:image/") and "svg" not in url.lower()[:20])
    return False


class _Sanitizer(HTMLParser):
    """Re-emits HTML verbatim except event-handler attributes, script-like elements and
    non-http(s) URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag in _DROPPED_ELEMENTS:
            if not closed and tag not in ("base", "meta", "embed"):
                self.skipping.append(tag)
            return
        if self.skipping:
            return
        original = self.get_starttag_text() or ""
        if not any(_attribute_is_unsafe(n, v) for n, v in attrs):
            self.parts.append(original)
            return
        kept = "".join(f' {n}="{html.escape(v, quote=True)}"' if v is not None else f" {n}"
                       for n, v in attrs if not _attribute_is_unsafe(n, v))
        self.parts.append(f"<{tag}{kept}{' /' if closed else ''}>")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag not in _DROPPED_ELEMENTS:
            self.parts.append(f"</{tag}>")

    def _verbatim(self, text: str) -> None:
        if not self.skipping:
            self.parts.append(text)

    def handle_data(self, data):
        # a "<" left as text (``1 < 2``, or a tag cut off at the end) must not join the next tag
        self._verbatim(data if self.cdata_elem else data.replace("<", "&lt;"))

    def handle_entityref(self, name):
        self._verbatim(f"&{name};")

    def handle_charref(self, name):
        self._verbatim(f"&#{name};")

    def handle_comment(self, data):
        self._verbatim(f"<!--{data}-->")

    def handle_decl(self, decl):
        self._verbatim(f"<!{decl}>")

    def unknown_decl(self, data):
        self._verbatim(f"<![{data}]>")

    def handle_pi(self, data):
        self._verbatim(f"<?{data}>")


def sanitize_html(fragment: str) -> str:
    """``fragment`` with every ``on*`` attribute, ``<script>``/``<iframe>``/``<object>``-like
    element and non-http(s) URL (``javascript:``, ``data:`` other than images, ``vbscript:`` ...)
    removed; everything else is kept byte for byte."""
    if "<" not in fragment:
        return fragment
    parser = _Sanitizer()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def sanitize_notebook_outputs(nb) -> None:
    """In place: every ``text/html`` output and every HTML-bearing widget value of an executed
    notebook passed through :func:`sanitize_html` (before the report renders it)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = out.get("data", {})
            if "text/html" in data:
                data["text/html"] = sanitize_html("".join(data["text/html"]))
    for model in nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}).values():
        state = model.get("state", {})
        for key in ("value", "description", "placeholder", "tooltip"):
            if isinstance(state.get(key), str) and "<" in state[key]:
                state[key] = sanitize_html(state[key])
