"""Django's JSON serialiser without its one loss: DjangoJSONEncoder cuts times to milliseconds
(ECMA-262 style). Backups must give back every row as it was, so times keep their
microseconds here. Registered as the format "exact-json" (settings.SERIALIZATION_MODULES)."""

import datetime
from typing import Any

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self) -> None:
        self.options["cls"] = ExactEncoder
        super()._init_options()  # type: ignore[misc]  # private in the stubs, not in Django
