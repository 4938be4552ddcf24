"""The OpenAPI schema names each shape once: two classes with one name (two `Kind` enums, two
`FigureOut` schemas) would make the schema describe one with the other's fields."""

import enum
import typing
from collections import defaultdict
from typing import Any

from ninja import Schema

from sinergi.alerts.models import Warning
from sinergi.alerts.schemas import WarningKind
from sinergi.config.api import api


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def _enums(annotation: Any) -> set[type]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {annotation}
    return {e for arg in typing.get_args(annotation) for e in _enums(arg)}


def test_schema_and_enum_names_are_unique_across_the_api() -> None:
    api.get_openapi_schema()  # every router imported
    ours = [s for s in _subclasses(Schema) if s.__module__.startswith("sinergi.")]
    names: dict[str, set[str]] = defaultdict(set)
    for schema in ours:
        names[schema.__name__].add(f"{schema.__module__}.{schema.__qualname__}")
        for field in schema.model_fields.values():
            for found in _enums(field.annotation):
                names[found.__name__].add(f"{found.__module__}.{found.__qualname__}")
    clashes = {name: paths for name, paths in names.items() if len(paths) > 1}
    assert clashes == {}


def test_the_warning_kinds_of_the_api_are_the_models() -> None:
    assert set(typing.get_args(WarningKind)) == set(Warning.Kind.values)
