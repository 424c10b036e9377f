"""Loading, cleaning and segmentation of the seeds and of plain folders."""
from __future__ import annotations

import shutil

import pytest

from analysis import InputError, load_corpus, paths
from analysis.corpus.cleaning import is_plain_heading, numbered_heading, trailing_kind


def test_seed_documents_and_sentence_counts(corpus):
    assert corpus.ids == ["ch49-vostochny", "news-shoigu-2025"]
    counts = {d.id: len(d.sentences) for d in corpus}
    assert counts == {"ch49-vostochny": 55, "news-shoigu-2025": 25}


def test_chapter_sections_and_citations(chapter):
    assert [h.number for h in chapter.headings] == ["49.1", "49.2", "49.3"]
    per_section = {}
    for s in chapter.sentences:
        per_section[s.section] = per_section.get(s.section, 0) + 1
    assert list(per_section.values()) == [28, 8, 11, 8]
    citations = [r.text for r in chapter.removals if r.kind == "citation"]
    assert citations == [f"See [citation {n}]." for n in (1, 2, 3, 4)]
    assert not any("citation" in s.norm or "citation" in s.text for s in chapter.sentences)
    assert not any(s.text.startswith("49.") for s in chapter.sentences)


def test_chapter_sentence_boundaries(chapter):
    texts = [s.text for s in chapter.sentences]
    assert texts[0] == "The train was an anachronistic ghost crawling across the vast, empty canvas of the Russian Far East."
    assert "Putin leaned forward." in texts
    assert "The contrast was dizzying." in texts
    assert texts[-1].endswith("at the highest, and most dangerous, level.")


def test_news_boilerplate_removed(news):
    kinds = [r.kind for r in news.removals]
    assert kinds == ["byline", "subscription", "promo", "email", "related-heading",
                     "related-headline", "related-headline", "related-headline"]
    body = " ".join(s.text for s in news.sentences)
    for junk in ("Joe Brens", "Subscribe", "gmail.com", "Related Articles", "Pope Francis", "Zelensky"):
        assert junk not in body
    assert news.sentences[-1].text.startswith("As Shoigu returned to Moscow")


def test_news_headings_and_list_items(news):
    assert [h.text for h in news.headings] == [
        "“Special Instructions from Putin”", "A Pact Forged in Conflict", "Weapons, Trains, and Warnings",
        "Geopolitical Implications", "What’s Next?"]
    items = [p for p in news.paragraphs if p.kind == "list_item"]
    assert len(items) == 3
    assert items[0].sentences[0].norm.startswith("China, North Korea's traditional patron")
    assert items[2].sentences[0].norm.startswith("The U.S., while issuing warnings")  # "U.S." does not end it


def test_missing_spaces_repaired_but_original_kept(news):
    first = news.sentences[0]
    assert "Tuesday, marking" in first.norm
    assert "Tuesday,marking" in first.text
    assert [f.kind for f in news.fixes] == ["missing-space", "missing-space"]
    assert "interests, they're" in " ".join(s.norm for s in news.sentences)


def test_offsets_point_into_the_original(corpus):
    quotes = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
    for doc in corpus:
        for s in doc.sentences:
            assert doc.raw[s.start:s.end].startswith(s.text[:20])
            for tok in s.tokens:
                original = doc.raw[tok.start:tok.end].translate(quotes)
                if tok.text not in ("...", '"', "``", "''") and " " not in tok.text:
                    assert original == tok.text, (doc.id, s.index, tok)


def test_norm_straightens_quotes(news):
    assert "Russia's Security Council" in news.sentences[0].norm
    assert "Russia’s Security Council" in news.sentences[0].text


def test_folder_without_catalog_uses_file_stems(tmp_path):
    for src in paths.SEEDS.glob("*.txt"):
        shutil.copy(src, tmp_path / src.name)
    (tmp_path / "my_article.txt").write_text(
        "Russia and North Korea signed a deal. Dr. Smith said it was new.\n\nIt was signed in Pyongyang.\n",
        encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.ids == ["000_84c509f025737b6d", "004_fd2d1b88213a7f12", "my_article"]
    mine = corpus["my_article"]
    assert [s.text for s in mine.sentences] == [
        "Russia and North Korea signed a deal.", "Dr. Smith said it was new.", "It was signed in Pyongyang."]
    assert mine.kind == "article"
    assert len(corpus["000_84c509f025737b6d"].sentences) == 55


def test_uncatalogued_file_is_picked_up(tmp_path):
    shutil.copytree(paths.SEEDS, tmp_path / "seeds")
    (tmp_path / "seeds" / "extra.txt").write_text("A short note on sanctions. It ends here.", encoding="utf-8")
    corpus = load_corpus(tmp_path / "seeds")
    assert corpus.ids[-1] == "extra" and len(corpus) == 3


def test_pair_prefers_chapter_and_news(corpus, tmp_path):
    assert [d.id for d in corpus.pair()] == ["ch49-vostochny", "news-shoigu-2025"]
    (tmp_path / "a.txt").write_text("One sentence here.", encoding="utf-8")
    single = load_corpus(tmp_path)
    assert [d.id for d in single.pair()] == ["a", "a"]


@pytest.mark.parametrize("line, expected", [
    ("49.1 The Theater of the Taiga: Geopolitical Signaling", ("49.1", "The Theater of the Taiga: Geopolitical Signaling")),
    ("2023 was a year of change in the region.", None),
    ("1. The first point is made here.", None),
])
def test_numbered_heading(line, expected):
    assert numbered_heading(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("A Pact Forged in Conflict", True),
    ("What’s Next?", True),
    ("Putin leaned forward.", False),
    ("Is this a long question that would never be a heading in any article?", False),
])
def test_plain_heading(line, expected):
    assert is_plain_heading(line) is expected


@pytest.mark.parametrize("line, kind", [
    ("Written By Joe Brens", "byline"),
    ("By Jane Doe", "byline"),
    ("Related Articles", "related-heading"),
    ("Subscribe to our newsletter", "subscription"),
    ("Contact ads@example.com", "email"),
    ("To Advertise or Publish A Press Release, send a mail", "advert"),
    ("Advertisement", "advert"),
    ("Putin was proudly and theatrically advertising his intent.", None),
    ("Russia does not subscribe to that view.", None),
])
def test_trailing_kinds(line, kind):
    assert trailing_kind(line) == kind


def test_long_body_line_is_never_boilerplate(tmp_path):
    body = " ".join(["The summit was staged for the cameras."] * 3)
    text = "\n".join([body, body, body, "He was proudly and theatrically advertising his intent to commit them, "
                      "and everyone who watched the carefully staged footage could see it plainly enough."])
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    doc = load_corpus(tmp_path)["t"]
    assert doc.removals == [] and len(doc.sentences) == 10


def test_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="seeds folder not found"):
        load_corpus(tmp_path / "nope")
