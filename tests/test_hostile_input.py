"""Hostile and careless input, case by case (issue 12). Add a test here for every new case found.

Each test names the case it pins; the input folders are checked to be byte-identical afterwards.
"""
from __future__ import annotations

import pytest

from analysis.escape import (csv_cell, html_text, md_code, md_link, md_text, plot_text, safe_url, sanitize_html,
                             terminal_text)
from analysis.report import markdown_html


# --- escaping at the boundary (item 4) ----------------------------------------------------------

@pytest.mark.parametrize("payload", [
    "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "<script>alert(1)</script>",
    "[x](javascript:alert(1))", "<javascript:alert(1)>", "![i](javascript:alert(1))",
])
def test_md_text_leaves_no_markup_after_rendering(payload):
    rendered = markdown_html(f"A label: **{md_text(payload)}** here")
    assert "<a " not in rendered and "<img" not in rendered and "<svg" not in rendered and "<script" not in rendered
    assert rendered.startswith("A label: <strong>") and "alert(1)" in rendered


def test_md_text_keeps_plain_labels_and_blocks_block_syntax():
    assert md_text("the analytical chapter") == "the analytical chapter"
    assert md_text("Putin–Kim summit, 2023 (Vostochny)") == "Putin–Kim summit, 2023 (Vostochny)"
    assert md_text("# heading") == "\\# heading" and md_text("1. item") == "1\\. item" and md_text("- x") == "\\- x"
    assert md_text("two\nlines\r\n> quote") == "two lines &gt; quote"
    assert md_text("*em* _u_ `c` $5 | ~s~ a&b") == "\\*em\\* \\_u\\_ \\`c\\` \\$5 \\| \\~s\\~ a&amp;b"
    assert md_text(None) == ""


def test_md_code_cannot_be_closed_by_the_value():
    assert md_code("ch49-vostochny") == "`ch49-vostochny`"
    assert md_code("a`b") == "``a`b``"
    assert markdown_html(md_code("`<img src=x onerror=alert(1)>`")).count("<code>") == 1
    assert "<img" not in markdown_html(md_code("<img src=x onerror=alert(1)>"))


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd",
                                 "//evil.example/x", "http:alert(1)", ""])
def test_only_http_urls_become_links(url):
    assert safe_url(url) is None
    assert "<a " not in markdown_html(md_link("source", url))


def test_http_urls_become_links():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert markdown_html(md_link("source", "https://example.org/a")) == '<a href="https://example.org/a">source</a>'


def test_html_text_escapes_quotes_too():
    assert html_text('"><svg onload=alert(1)>') == "&quot;&gt;&lt;svg onload=alert(1)&gt;"
    assert html_text("it's") == "it&#x27;s"


def test_sanitize_html_drops_live_parts_and_keeps_the_rest():
    dirty = ('<p>a <a href="javascript:alert(1)">x</a> <img src=x onerror=alert(2)> <b>ok</b></p>'
             '<script>alert(3)</script><svg onload=alert(4)></svg><a href="https://e.org/">k</a>'
             '<iframe src="x"></iframe><style scoped>.t{}</style><img src="data:image/png;base64,AAAA" alt="f">'
             '<a href=" java&#x09;script:alert(5)">y</a> 1 < 2 <img src=x onerror=alert(6)')
    clean = sanitize_html(dirty)
    assert "alert(1)" not in clean and "alert(2)" not in clean and "alert(3)" not in clean and "alert(4)" not in clean
    assert "alert(5)" not in clean and "<iframe" not in clean
    assert '<a href="https://e.org/">k</a>' in clean and "<style scoped>.t{}</style>" in clean
    assert '<img src="data:image/png;base64,AAAA" alt="f">' in clean and "<b>ok</b>" in clean
    assert "1 &lt; 2 &lt;img" in clean  # a cut-off tag cannot join the page's next tag
    assert sanitize_html("<table><tr><td>&lt;x&gt; &amp;</td></tr></table>") == "<table><tr><td>&lt;x&gt; &amp;</td></tr></table>"


# --- item 5: a "$" in a label is text, not mathtext --------------------------------------------

def test_dollar_signs_in_plot_labels_do_not_break_figures(tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import analysis

    monkeypatch.setenv("RDF_FIGURES", str(tmp_path))
    label = "Costs: $5bn, 50% more than $3bn"
    with matplotlib.rc_context():
        analysis.setup()
        fig, ax = plt.subplots()
        ax.barh([0], [1], label=label)
        ax.set_title(label)
        ax.set_yticks([0], [label])
        ax.legend()
        path = analysis.save_figure(fig, "dollars.png")
        plt.close(fig)
        assert plot_text(label) == label  # mathtext is off: nothing to escape
    assert path.stat().st_size > 1000
    with matplotlib.rc_context({"text.parse_math": True}):
        assert plot_text(label) == "Costs: \\$5bn, 50% more than \\$3bn"
        fig, ax = plt.subplots()
        ax.set_title(plot_text(label))
        fig.savefig(tmp_path / "escaped.png")
        plt.close(fig)


# --- items 8-9: terminal and spreadsheet output ------------------------------------------------

def test_terminal_text_strips_escape_sequences_and_controls():
    assert terminal_text("a\x1b[31mred\x1b[0m b\x1b]0;title\x07c\u202ed\x00e\nf\tg") == "ared bcde f g"
    assert terminal_text("plain – text") == "plain – text"


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
                                  "\t=1", "\r=1"])
def test_csv_cells_that_start_a_formula_are_quoted(cell):
    assert csv_cell(cell) == "'" + cell


def test_csv_cells_otherwise_unchanged():
    assert csv_cell("Putin") == "Putin" and csv_cell(-0.3) == -0.3 and csv_cell(None) is None
