"""The first-pass screen: it may let extra sentences through, never drop a match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conflictgeo.extract import kinds
from conflictgeo.extract.screen import screen

DATA = Path(__file__).parent / "data"


def test_the_screen_is_a_trie_of_beginnings() -> None:
    rx = screen([r"air ?strikes?", r"ambush(?:ed)?", r"barrel bombs?"])
    # up to six letters of each way a match can begin, nested by shared letters
    assert rx.pattern == r"\b(?:a(?:ir(?:\ st|str)|mbush)|barrel)"
    assert rx.search("Two AIRSTRIKES hit") and rx.search("an ambush") and rx.search("barrel bomb")
    assert not rx.search("the fair strike")  # "air" must start a word


def test_classes_and_optional_parts_widen_the_beginnings() -> None:
    rx = screen([r"[0-3]?\d/\d\d", r"(?:early|late) may"])
    for text in ("on 7/08", "on 31/08", "in late May", "early may"):
        assert rx.search(text), text


def test_an_open_start_falls_back_to_the_full_patterns() -> None:
    alternatives = [r"\w+ fled", r"clash(?:es)?"]
    rx = screen(alternatives)
    assert rx.pattern == r"\b(?:\w+ fled|clash(?:es)?)\b"


def report_texts() -> list[str]:
    texts = []
    for name in ("events-gold.jsonl", "events-fresh.jsonl"):
        texts += [json.loads(line)["text"] for line in (DATA / name).read_text().splitlines()]
    return texts


@pytest.mark.parametrize("text", report_texts())
def test_the_trigger_screen_never_drops_a_trigger(text: str) -> None:
    full = re.compile(
        r"\b(?:" + "|".join(a for _, _, alts in kinds._PATTERNS for a in alts) + r")\b", re.I
    )
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if full.search(sentence):
            assert kinds._ANY.search(sentence), sentence
