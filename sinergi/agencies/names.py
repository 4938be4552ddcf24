"""Normalising OPD names so that one unit spelled two ways is recognised as one."""

import re

from rapidfuzz import fuzz

LIKELY_DUPLICATE_SCORE = 90.0
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    """Upper case, `&` as DAN, no punctuation, single spaces.

    `RSUD I.A MOEIS` -> `RSUD IA MOEIS`.
    """
    text = name.upper().replace("&", " DAN ")
    text = _PUNCTUATION.sub("", text)
    return _SPACES.sub(" ", text).strip()


def compact(name: str) -> str:
    """Normalised with no spaces at all: catches `I. A. MOEIS` against `IA MOEIS`."""
    return normalise(name).replace(" ", "")


def similarity(a: str, b: str) -> float:
    return float(fuzz.token_sort_ratio(normalise(a), normalise(b)))


def same_unit(a: str, b: str) -> bool:
    return compact(a) == compact(b)


def likely_same_unit(a: str, b: str) -> bool:
    return same_unit(a, b) or similarity(a, b) >= LIKELY_DUPLICATE_SCORE
