"""The corpus: reading files, the catalog, cleaning with recorded edits, tokens, terms and the tour tables."""
from .model import Sentence, Paragraph, Document, build_document, load_document, Corpus, load_corpus
from .catalog import Entry, column_problem, read_catalog, folder_entries
from .reading import read_text
from .cleaning import (Removal, Fix, Heading, Block, Layout, OffsetMap, split_lines,
    numbered_heading, is_plain_heading, trailing_kind, analyse_layout, normalise_block)
from .tokens import (Token, abbreviations, sentence_splitter, word_tokenizer, sentence_spans,
    word_spans, is_word)
from .terms import stopwords, kwic, content_words, collocations
from .overview import sections, sentence_lengths, lexical_summary
from .importing import (Row, Columns, Article, cell_text, read_rows, normalise_date,
    title_from_text, read_articles, write_corpus, import_table)

from .info import CorpusInfo, corpus_info

__all__ = ["Sentence", "Paragraph", "Document", "build_document", "load_document", "Corpus",
    "load_corpus", "Entry", "column_problem", "read_catalog", "folder_entries",
    "read_text", "Removal", "Fix", "Heading", "Block", "Layout", "OffsetMap", "split_lines",
    "numbered_heading", "is_plain_heading", "trailing_kind", "analyse_layout", "normalise_block",
    "Token", "abbreviations", "sentence_splitter", "word_tokenizer", "sentence_spans", "word_spans",
    "is_word", "stopwords", "kwic", "content_words", "collocations", "sections", "sentence_lengths",
    "lexical_summary", "Row", "Columns", "Article", "cell_text", "read_rows",
    "normalise_date", "title_from_text", "read_articles", "write_corpus", "import_table", "CorpusInfo", "corpus_info"]
