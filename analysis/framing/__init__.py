"""Framing: frame cues and lexicons, frame scores, attribution devices, keyness, validation (figures and prose: :mod:`analysis.views`)."""
from .units import Unit, stem, settings
from .cues import (Cue, parse_cue, Lexicon, schemes, load_lexicon, match_sentence, as_documents, clear_cache,
    document_matches, find_cues)
from .provenance import frame_provenance
from .frames import (frame_table, sentence_scores, document_scores, profile,
    evidence, top_frames)
from .devices import (reporting_verbs, attributions,
    quotations, attribution_summary, attribution_scores)
from .keyness import (term_counts, g2, compare_counts,
    round_table, top_terms)
from .validation import load_sample, metrics, validate
from .voice import (VOICES, voice_at, cue_voices, word_voices,
    sentence_voice_table, restrict, in_voice)
from .salience import (body_position, salience_cues,
    salience_sentences, salience_scores, salience_voices)
from .codings import (read_codings, write_codings, codings_from_table)
from .calibration import load_rates, add_presence, choose_threshold
from .agreement import alpha_by_frame, machine_agreement, sentence_decisions
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


__all__ = ["Unit", "Cue", "stem", "settings", "parse_cue", "Lexicon", "schemes",
    "load_lexicon", "match_sentence", "as_documents", "clear_cache",
    "document_matches", "find_cues", "frame_provenance", "frame_table", "sentence_scores",
    "document_scores", "profile", "evidence", "top_frames", "reporting_verbs", "attributions", "quotations", "attribution_summary",
    "attribution_scores", "term_counts", "g2",
    "compare_counts", "round_table", "top_terms", "load_sample", "metrics", "validate",
    "VOICES", "voice_at",
    "cue_voices", "word_voices", "sentence_voice_table", "restrict", "in_voice", "body_position", "salience_cues", "salience_sentences",
    "salience_scores", "salience_voices", "read_codings",
    "write_codings", "codings_from_table", "load_rates", "add_presence",
    "choose_threshold", "alpha_by_frame", "machine_agreement", "sentence_decisions", "sample_units",
    "CodingSession", "CodingWidget", *_LAZY]
