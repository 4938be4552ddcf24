"""The JSON API (/api/v1/): one NinjaAPI, its authentication, docs and error answers.

Every error leaves as `{"code", "message", "errors"}` (sinergi.core.schemas.ErrorOut) with an
Indonesian message, whichever layer raised it.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as InputError
from ninja.security import django_auth

from sinergi.affairs.api import router as affairs_router
from sinergi.agencies.api import router as agencies_router
from sinergi.agreements.api import router as agreements_router
from sinergi.alerts.api import router as alerts_router
from sinergi.core.schemas import ErrorOut, FieldErrorOut
from sinergi.dashboards.api import router as dashboards_router
from sinergi.evaluations.api import router as evaluations_router
from sinergi.innovations.api import router as innovations_router
from sinergi.maps.api import router as maps_router
from sinergi.monitoring.api import router as monitoring_router
from sinergi.planning.api import router as planning_router
from sinergi.recommendations.api import router as assistance_router
from sinergi.regions.api import router as regions_router
from sinergi.spm.api import router as spm_router
from sinergi.tokens.auth import ApiRateThrottle, TokenAuth

DESCRIPTION = """
API Sinergi untuk kerja sama daerah. Hak akses sama dengan antarmuka web: Anda hanya melihat
dan mengubah data wilayah Anda.

**Autentikasi.** Untuk sistem lain: token API pribadi (menu Profil → Token API) pada header
`Authorization: Bearer snrg_…`; token bertindak sebagai pemiliknya (peran dan wilayah yang
sama), dengan cakupan `baca` atau `baca_tulis` dan masa berlaku. Di peramban: sesi login;
permintaan yang mengubah data (POST, PUT) wajib menyertakan token CSRF pada header
`X-CSRFToken` (halaman ini menambahkannya sendiri).

**Batas laju.** Per token 120 permintaan per menit (endpoint terbuka: per alamat); lebih dari
itu dijawab `429` dengan header `Retry-After` (detik).

**Galat.** Setiap galat berbentuk `{"code": "...", "message": "...", "errors": [...]}`:
400 aturan dilanggar, 401 belum masuk atau token tidak sah, 403 tidak berwenang (atau token
hanya baca, atau token CSRF salah), 404 tidak ditemukan atau di luar wilayah Anda, 409 konflik
versi, 422 bentuk data salah, 429 terlalu banyak permintaan.
"""

api = NinjaAPI(
    title="Sinergi API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    # A personal token first; else the session cookie with django-ninja's own CSRF check on
    # unsafe methods (its views are csrf_exempt for the middleware).
    auth=[TokenAuth(), django_auth],
    throttle=[ApiRateThrottle()],
    openapi_url="/openapi.json",
    docs_url="/docs",
    # With "ninja" in INSTALLED_APPS the page loads Swagger UI from our static files, and its
    # markup has no inline script; the validator badge would call validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    # Like every page but the landing and login pages, the docs are for signed-in users.
    docs_decorator=login_required,
)
api.add_router("/wilayah", regions_router)
api.add_router("/urusan", affairs_router)
api.add_router("/perangkat-daerah", agencies_router)
api.add_router("/kerja-sama", agreements_router)
api.add_router("/perencanaan", planning_router)
api.add_router("/monev", monitoring_router)
api.add_router("/peringatan", alerts_router)
api.add_router("/evaluasi", evaluations_router)
api.add_router("/dasbor", dashboards_router)
api.add_router("/peta", maps_router)
api.add_router("/spm", spm_router)
api.add_router("/asisten", assistance_router)
api.add_router("/inovasi", innovations_router)


def _error(
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    errors: list[FieldErrorOut] | None = None,
) -> HttpResponse:
    body = ErrorOut(code=code, message=message, errors=errors or [])
    return api.create_response(request, body.model_dump(), status=status)


@api.exception_handler(DjangoValidationError)
def on_domain_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """DomainError from a service, or a model's full_clean() (then per field)."""
    code = getattr(exc, "code", None) or "invalid"
    errors = [
        FieldErrorOut(field=name, message=message)
        for name, messages in getattr(exc, "error_dict", {}).items()
        if name != NON_FIELD_ERRORS  # those belong to no field; the message has them
        for message in DjangoValidationError(messages).messages
    ]
    return _error(request, 409 if code == "conflict" else 400, code, " ".join(exc.messages), errors)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or "Anda tidak berwenang melakukan tindakan ini."
    return _error(request, 403, "forbidden", message)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", str(exc) or "Data tidak ditemukan.")


@api.exception_handler(AuthenticationError)
def on_not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(
        request,
        401,
        "not_authenticated",
        "Silakan masuk, atau kirim token API yang sah dan masih berlaku.",
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code, message = _HTTP_ERRORS.get(exc.status_code, ("http_error", str(exc)))
    return _error(request, exc.status_code, code, message)


# django-ninja's own HttpErrors carry English text. Within it the only 403 is the CSRF check
# (our rights checks raise PermissionDenied) and the only 400 an unreadable body.
_HTTP_ERRORS = {
    400: ("bad_request", "Isi permintaan tidak dapat dibaca. Kirim JSON yang sah."),
    403: ("csrf_failed", "Token CSRF tidak ada atau tidak sah. Kirim header X-CSRFToken."),
    429: ("throttled", "Terlalu banyak permintaan. Coba lagi sebentar lagi."),
}


@api.exception_handler(InputError)
def on_input_error(request: HttpRequest, exc: InputError) -> HttpResponse:
    errors = [_field_error(error) for error in exc.errors]
    summary = "; ".join(f"{e.field}: {e.message}" for e in errors[:3])
    message = f"Data yang dikirim tidak sah ({summary})." if summary else "Data tidak sah."
    return _error(request, 422, "invalid_input", message, errors)


# pydantic's messages are English; users read these instead.
_MESSAGES = {
    "missing": "wajib diisi",
    "string_too_long": "terlalu panjang (maksimal {max_length} karakter)",
    "string_type": "harus berupa teks",
    "int_parsing": "harus berupa bilangan bulat",
    "int_type": "harus berupa bilangan bulat",
    "bool_parsing": "harus true atau false",
    "bool_type": "harus true atau false",
    "date_from_datetime_parsing": "harus berupa tanggal (TTTT-BB-HH)",
    "date_parsing": "harus berupa tanggal (TTTT-BB-HH)",
    "date_type": "harus berupa tanggal (TTTT-BB-HH)",
    "enum": "harus salah satu dari {expected}",
    "literal_error": "harus salah satu dari {expected}",
    "greater_than_equal": "paling kecil {ge}",
    "less_than_equal": "paling besar {le}",
    "list_type": "harus berupa daftar",
    "model_attributes_type": "harus berupa objek",
    "json_invalid": "JSON tidak sah",
}


def _field_error(error: dict[str, Any]) -> FieldErrorOut:
    # loc starts with the source ("body", "query", "path") and, for bodies, the parameter name.
    loc = [str(part) for part in error.get("loc", ())]
    if loc[:1] == ["body"]:
        loc = loc[2:]
    elif loc:
        loc = loc[1:]
    template = _MESSAGES.get(error.get("type", ""), "nilai tidak sah")
    # pydantic lists choices as "'a', 'b' or 'c'".
    ctx = {k: str(v).replace(" or ", " atau ") for k, v in error.get("ctx", {}).items()}
    return FieldErrorOut(field=".".join(loc) or "body", message=template.format(**ctx))
