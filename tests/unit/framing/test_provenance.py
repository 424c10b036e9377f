"""Every lexicon row or list has a provenance (issue 24): cues, frames, the VADER watch list, the alias table."""
import pandas as pd
import pytest

from analysis.entities.gazetteer import load_gazetteer, read_entries
from analysis.errors import InputError
from analysis.framing import frame_provenance
from analysis.framing.provenance import cue_provenance, seed_written
from analysis.framing.cues import LEXICONS, _frames_file
from analysis.paths import data_file
from analysis.sentiment import watch_provenance


def test_every_frame_has_a_provenance_row():
    frames = _frames_file(LEXICONS)
    table = frame_provenance()
    assert set(zip(frames["scheme"], frames["frame"])) <= set(zip(table["scheme"], table["frame"]))
    assert (table["source"].str.strip() != "").all()


def test_every_cue_has_a_source():
    table = cue_provenance()
    assert len(table) > 700
    assert (table["source"].str.strip() != "").all()
    assert set(table["source"]) <= {"written on the seeds", "calibrated on NFC dev", "Hyland 2005"}


def test_generic_cues_split_into_seed_written_and_calibrated():
    table = cue_provenance("generic")
    conflict = table[table["frame"] == "conflict"].set_index("cue")["source"]
    assert conflict["war"] == "written on the seeds"
    assert conflict["argu*"] == "calibrated on NFC dev"


def test_metaphor_fields_and_stance_rows():
    metaphor = cue_provenance("metaphor")
    assert (metaphor["source"] == "written on the seeds").all()
    assert seed_written("metaphor", "kinship") and not seed_written("generic", "conflict")
    stance = cue_provenance("stance").set_index("cue")["source"]
    assert stance["not clear"] == "written on the seeds" and stance["certainly"] == "Hyland 2005"


def test_a_frame_without_provenance_is_an_input_error(tmp_path):
    for name in ("frames.csv", "cues.csv", "candidates.csv", "provenance.csv"):
        (tmp_path / name).write_text((LEXICONS / name).read_text(encoding="utf-8"), encoding="utf-8")
    table = pd.read_csv(tmp_path / "provenance.csv", dtype=str, keep_default_na=False)
    table[table["frame"] != "sacred"].to_csv(tmp_path / "provenance.csv", index=False)
    with pytest.raises(InputError, match="metaphor/sacred"):
        frame_provenance(tmp_path)


def test_watch_list_and_alias_table_have_sources():
    watch = watch_provenance()
    assert len(watch) and (watch["source"].str.strip() != "").all()
    entries = read_entries(data_file("entities.csv"), "default")
    assert entries and all(e.source == "written on the seeds" for e in entries)
    assert "source" in load_gazetteer().table().columns
