"""The one error shape every API operation answers with (see sinergi/config/api.py)."""

from ninja import Schema


class RegionRefOut(Schema):
    """A region named by its Kemendagri code (one component shared by every answer)."""

    code: str
    name: str


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    errors: list[FieldErrorOut] = []


# Documented on every operation so the OpenAPI schema lists the answers a client must handle.
ERROR_RESPONSES: dict[int, type[ErrorOut]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
}
