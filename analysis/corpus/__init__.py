"""The corpus: reading files, the catalog, cleaning with recorded edits, tokens, terms and the tour tables."""
from .model import Sentence, Paragraph, Document, load_document, Corpus, load_corpus
from .catalog import Entry, folder_entries
from .reading import read_text
from .cleaning import (Removal, Fix, Heading, Layout, OffsetMap, analyse_layout)
from .tokens import (Token, abbreviations, sentence_splitter, word_tokenizer, sentence_spans,
    word_spans, is_word)
from .terms import stopwords, kwic, content_words, collocations
from .overview import sections, sentence_lengths, lexical_summary
from .importing import (Row, Columns, Article, import_table)

from .info import CorpusInfo, corpus_info

__all__ = ["Sentence", "Paragraph", "Document", "load_document", "Corpus",
    "load_corpus", "Entry", "folder_entries",
    "read_text", "Removal", "Fix", "Heading", "Layout", "OffsetMap", "analyse_layout",
    "Token", "abbreviations", "sentence_splitter", "word_tokenizer", "sentence_spans", "word_spans",
    "is_word", "stopwords", "kwic", "content_words", "collocations", "sections", "sentence_lengths",
    "lexical_summary", "Row", "Columns", "Article", "import_table", "CorpusInfo", "corpus_info"]
