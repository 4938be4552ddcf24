"""Field-level scoring of extractions against hand-annotated expectations.

Used by the tests (thresholds per field) and by the benchmark (accuracy per field in
docs/benchmarks.md). An annotation has the shape of `extract_agreement --json` without the
confidences; README.md beside the evaluation set states the annotation rules.
"""

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = (
    "doc_type",
    "title",
    "numbers",
    "date_signed",
    "place_signed",
    "parties",
    "signatories",
    "start_date",
    "end_date",
    "duration_months",
    "sector",
    "kind",
)


def _text(value: Any) -> str:
    return " ".join(str(value or "").lower().split()).strip(" .,")


def _person(value: Any) -> str:
    # Titles are written with and without spaces and dots ("M.Si." / "M. Si"); compare letters.
    return re.sub(r"[^a-z]", "", str(value or "").lower())


def compare(expected: dict[str, Any], actual: dict[str, Any]) -> dict[str, bool]:
    """Whether each field of `actual` is right."""
    sector = (actual.get("sector") or {}).get("code")
    expected_sector = (expected.get("sector") or {}).get("code")
    exp_parties, act_parties = expected["parties"], actual["parties"]
    return {
        "doc_type": expected["doc_type"] == actual["doc_type"],
        "title": _text(expected["title"]) == _text(actual["title"]),
        "numbers": [_text(n) for n in expected["numbers"]] == [_text(n) for n in actual["numbers"]],
        "date_signed": expected["date_signed"] == actual["date_signed"],
        "place_signed": _text(expected["place_signed"]) == _text(actual["place_signed"]),
        # The parties as the registry stores them: each one's region code (or a named
        # organisation), in order.
        "parties": len(exp_parties) == len(act_parties)
        and all(
            e["region_code"] == a["region_code"]
            and (e["region_code"] is not None or _text(e["name"]) == _text(a["name"]))
            for e, a in zip(exp_parties, act_parties, strict=False)
        ),
        "signatories": len(exp_parties) == len(act_parties)
        and all(
            _person(e["signatory"]) == _person(a["signatory"])
            and _text(e["position"]) == _text(a["position"])
            for e, a in zip(exp_parties, act_parties, strict=False)
        ),
        "start_date": expected["start_date"] == actual["start_date"],
        "end_date": expected["end_date"] == actual["end_date"],
        "duration_months": expected["duration_months"] == actual["duration_months"],
        "sector": expected_sector == sector,
        "kind": expected["kind"] == actual["kind"],
    }


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: int = 0
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def add(self, name: str, expected: dict[str, Any], actual: dict[str, Any]) -> None:
        self.total += 1
        for field_name, ok in compare(expected, actual).items():
            if ok:
                self.right[field_name] += 1
            else:
                key = "parties" if field_name == "signatories" else field_name
                self.misses.append((name, field_name, expected.get(key), actual.get(key)))

    def accuracy(self, field_name: str) -> float:
        return self.right[field_name] / self.total if self.total else 0.0


def load_set(directory: Path) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(name, text, expected) for every annotated document in `directory`."""
    for path in sorted(directory.glob("*.json")):
        text_path = path.with_suffix(".txt")
        if text_path.exists():
            yield path.stem, text_path.read_text(encoding="utf-8"), json.loads(path.read_text())
