"""Framing: frame cues and lexicons, frame scores, attribution devices, keyness, validation (figures and prose: :mod:`analysis.views`)."""
from .units import Unit, Settings, stem, settings, sentence_units
from .negation import negator_before
from .cues import (Cue, parse_cue, Lexicon, schemes, load_lexicon, match_sentence, as_documents, clear_cache,
    document_matches, word_count, find_cues)
from .provenance import frame_provenance, cue_provenance, seed_written
from .frames import (frame_table, sentence_scores, cue_summary, document_scores, profile, mark_cues,
    evidence, top_frames)
from .devices import (reporting_verbs, source_nouns, sentence_attributions, attributions,
    quotations, attribution_summary, attribution_scores)
from .keyness import (term_counts, g2, g2_p_value, log_odds_dirichlet, log_ratio, compare_counts,
    round_table, top_terms)
from .validation import load_sample, metrics, validate
from .voice import (VOICES, sentence_voices, document_voices, voice_at, cue_voices, word_voices,
    sentence_voice_table, restrict, quoted_share, in_voice)
from .salience import (POSITIONS, heading_sentence, heading_units, body_position, salience_cues,
    salience_sentences, salience_scores, salience_voices)
from .codings import (CODING_COLUMNS, NFC_FRAMES, read_codings, append_coding, write_codings, codings_from_table,
    document_labels)
from .calibration import load_thresholds, load_rates, add_presence, choose_threshold, cross_validated_presence
from .scoring import binary_scores, bootstrap_intervals, frame_report
from .agreement import nominal_alpha, alpha_by_frame, machine_agreement, sentence_decisions
from .coding_widget import sample_units, CodingSession, CodingWidget

# scikit-learn loads only when the model is used
_LAZY = {"FrameModel": ".classifier", "fit_model": ".classifier", "load_frame_model": ".classifier", "cross_validate": ".classifier",
         "validate_dictionary": ".validation_runs", "validate_model": ".validation_runs",
         "labelled_documents": ".validation_runs"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Unit", "Cue", "Settings", "stem", "settings", "parse_cue", "Lexicon", "schemes",
    "load_lexicon", "sentence_units", "negator_before", "match_sentence", "as_documents", "clear_cache",
    "document_matches", "word_count", "find_cues", "frame_provenance", "cue_provenance", "seed_written", "frame_table", "sentence_scores", "cue_summary",
    "document_scores", "profile", "mark_cues", "evidence", "top_frames", "reporting_verbs",
    "source_nouns", "sentence_attributions", "attributions", "quotations", "attribution_summary",
    "attribution_scores", "term_counts", "g2", "g2_p_value", "log_odds_dirichlet", "log_ratio",
    "compare_counts", "round_table", "top_terms", "load_sample", "metrics", "validate",
    "VOICES", "sentence_voices", "document_voices", "voice_at",
    "cue_voices", "word_voices", "sentence_voice_table", "restrict", "quoted_share", "in_voice",
    "POSITIONS", "heading_sentence", "heading_units", "body_position", "salience_cues", "salience_sentences",
    "salience_scores", "salience_voices",
    "CODING_COLUMNS", "NFC_FRAMES", "read_codings", "append_coding",
    "write_codings", "codings_from_table", "document_labels", "load_thresholds", "load_rates", "add_presence",
    "choose_threshold", "cross_validated_presence", "binary_scores", "bootstrap_intervals", "frame_report",
    "nominal_alpha", "alpha_by_frame", "machine_agreement", "sentence_decisions", "sample_units",
    "CodingSession", "CodingWidget", *_LAZY]
