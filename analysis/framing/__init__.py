"""Framing: frame cues and lexicons, frame scores, attribution devices, keyness, validation and plots."""
from .cues import (Unit, Cue, Settings, stem, settings, parse_cue, Lexicon, schemes, load_lexicon,
    sentence_units, negator_before, match_sentence, as_documents, clear_cache, document_matches,
    word_count, find_cues)
from .frames import (frame_table, sentence_scores, cue_summary, document_scores, profile, mark_cues,
    evidence, top_frames)
from .devices import (reporting_verbs, source_nouns, sentence_attributions, attributions,
    quotations, attribution_summary, attribution_scores)
from .keyness import (term_counts, g2, g2_p_value, log_odds_dirichlet, log_ratio, compare_counts,
    round_table, top_terms)
from .validation import load_sample, metrics, validate
from .plots import plot_profile, plot_keyness
from .voice import (VOICES, sentence_voices, document_voices, voice_at, cue_voices, word_voices,
    sentence_voice_table, restrict, quoted_share, in_voice)
from .salience import (POSITIONS, heading_sentence, heading_units, body_position, salience_cues,
    salience_sentences, salience_scores, salience_voices)

__all__ = ["Unit", "Cue", "Settings", "stem", "settings", "parse_cue", "Lexicon", "schemes",
    "load_lexicon", "sentence_units", "negator_before", "match_sentence", "as_documents", "clear_cache",
    "document_matches", "word_count", "find_cues", "frame_table", "sentence_scores", "cue_summary",
    "document_scores", "profile", "mark_cues", "evidence", "top_frames", "reporting_verbs",
    "source_nouns", "sentence_attributions", "attributions", "quotations", "attribution_summary",
    "attribution_scores", "term_counts", "g2", "g2_p_value", "log_odds_dirichlet", "log_ratio",
    "compare_counts", "round_table", "top_terms", "load_sample", "metrics", "validate",
    "plot_profile", "plot_keyness", "VOICES", "sentence_voices", "document_voices", "voice_at",
    "cue_voices", "word_voices", "sentence_voice_table", "restrict", "quoted_share", "in_voice",
    "POSITIONS", "heading_sentence", "heading_units", "body_position", "salience_cues", "salience_sentences",
    "salience_scores", "salience_voices"]
