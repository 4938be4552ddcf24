"""Simulated users of one province's Sinergi (Kalimantan Timur), for bench/load/run.sh.

Every simulated user signs in once with a demo account and then browses as its role does:
the province's admin browses, searches and exports; the executive reads dashboards, the map
and region profiles; the TKKSD secretariats of Samarinda and Kutai Kartanegara also file
monev reports through the real form; the health office's officer reads its agreements.
Requests are named by what the person does, so locust's statistics are per page kind.

Requests arrive as nginx would forward them (deploy/nginx/sinergi.conf): X-Forwarded-Proto
https and one X-Forwarded-For address (the app runs with TRUSTED_PROXY_COUNT=1). The server
runs with DEBUG off, so its cookies are marked Secure; each simulated browser sends them
over the plain loopback connection, as a browser does over its HTTPS connection to nginx.

LOAD_TARGETS names the JSON file written by bench/load/prepare.py; LOAD_FINAL_CSV the prefix
of the final statistics (see _final_statistics).
"""

import csv
import datetime
import itertools
import json
import os
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events
from locust.exception import StopUser
from locust.stats import PERCENTILES_TO_REPORT, StatsCSV

PASSWORD = "Sinergi-Demo-2026"  # noqa: S105 (the published demo password)
TARGETS: dict[str, Any] = json.loads(Path(os.environ["LOAD_TARGETS"]).read_text())
RNG = random.Random()  # noqa: S311 (a simulation, not a secret)
THIS_YEAR = datetime.date.today().year
STATUSES = ["berlaku", "berakhir", "dalam_proses", "akan_berakhir", "simbolis"]
AFFAIRS = ["1.02", "1.01", "1.03", "2.12", "1.05", "2.09"]
DOC_TYPES = ["kb", "pks", "mou", "nota", "adendum"]
SORTS = ["terbaru", "terlama", "berakhir", "judul"]
HTMX = {"HX-Request": "true"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
AGREEMENT_LINK = re.compile(r'href="/kerja-sama/(\d+)/"')
PAGE_LINK = re.compile(r"[?&;]halaman=(\d+)")
INDICATOR_FIELD = re.compile(r'name="(ind_\d+)"')
REPORT_URL = re.compile(r"/monev/kerja-sama/\d+/laporan/(\d+)/$")
_addresses = itertools.count(1)
_turns: dict[str, Iterator[int]] = defaultdict(itertools.count)


class SinergiUser(HttpUser):
    abstract = True
    wait_time = between(2, 6)  # reading a page before the next click
    usernames: tuple[str, ...] = ()
    own_region = "64"

    def on_start(self) -> None:
        number = next(_addresses)
        # Each role's accounts in turn (the two TKKSD secretariats alike).
        turn = next(_turns[type(self).__name__])
        self.username = self.usernames[turn % len(self.usernames)]
        self._send_secure_cookies_over_http()
        # A documentation address (TEST-NET-2) per simulated person, as nginx would append it.
        self.client.headers.update(
            {"X-Forwarded-Proto": "https", "X-Forwarded-For": f"198.51.100.{number % 250 + 1}"}
        )
        self.seen: list[int] = []  # agreements listed to this user, to open later
        self.etags: dict[str, str] = {}  # the browser's cache of the map's boundaries
        self._sign_in()

    # --- helpers --------------------------------------------------------------------------

    def _send_secure_cookies_over_http(self) -> None:
        """The server marks its cookies Secure (DEBUG off); the browser sends them over its
        HTTPS connection to nginx. Here the loopback leg is plain http, where requests would
        drop them: the flag is cleared before every request. (A cookie policy on the session
        is not enough: requests copies the cookies into a jar of its own per request.)"""
        send = self.client.request

        def request(*args: Any, **kwargs: Any) -> Any:
            for cookie in self.client.cookies:
                cookie.secure = False
            return send(*args, **kwargs)

        self.client.request = request  # type: ignore[method-assign]

    def _sign_in(self) -> None:
        """Once per simulated user: five failures would lock the shared demo account."""
        form = self.client.get("/akun/masuk/", name="masuk: formulir")
        token = CSRF.search(form.text)
        with self.client.post(
            "/akun/masuk/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "next": "",
                "csrfmiddlewaretoken": token[1] if token else "",
            },
            headers=self._origin("/akun/masuk/"),
            name="masuk: kirim",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"masuk gagal untuk {self.username}: {response.status_code}")
                raise StopUser()

    def _origin(self, path: str) -> dict[str, str]:
        """What a browser sends with a form post; Django checks it against the host."""
        origin = self.host.replace("http://", "https://")
        return {"Origin": origin, "Referer": origin + path}

    def page(self, url: str, name: str, **kwargs: Any) -> str:
        """GET a page; a failure unless 200 (or 304) and still signed in."""
        with self.client.get(url, name=name, catch_response=True, **kwargs) as response:
            if response.status_code not in (200, 304):
                response.failure(f"status {response.status_code}")
            elif "/akun/masuk/" in response.url:
                response.failure("sesi hilang: dialihkan ke halaman masuk")
            return response.text or ""

    def remember(self, html: str) -> list[str]:
        self.seen = (self.seen + [int(pk) for pk in AGREEMENT_LINK.findall(html)])[-200:]
        return PAGE_LINK.findall(html)

    def region_code(self) -> str:
        if RNG.random() < 0.6:
            return self.own_region
        return RNG.choice(TARGETS["regions"])


# --- behaviours (module functions, so each role weighs them differently) --------------------


def browse_list(user: SinergiUser) -> None:
    """The register, then a filter or two (htmx swaps the table) and a page further on."""
    html = user.page("/kerja-sama/", "kerja-sama: daftar")
    pages = user.remember(html)
    filters: dict[str, Any] = {}
    for _ in range(RNG.randint(1, 3)):
        filters.update(_random_filter(user))
        html = user.page(
            "/kerja-sama/", "kerja-sama: saringan (htmx)", params=filters, headers=HTMX
        )
        pages = user.remember(html) or pages
    if pages:
        params = {**filters, "halaman": RNG.choice(pages)}
        user.remember(
            user.page(
                "/kerja-sama/", "kerja-sama: halaman lain (htmx)", params=params, headers=HTMX
            )
        )


def _random_filter(user: SinergiUser) -> dict[str, Any]:
    choice = RNG.choice(["status", "affair", "doc_type", "year", "region", "sort"])
    value = {
        "status": lambda: RNG.choice(STATUSES),
        "affair": lambda: RNG.choice(AFFAIRS),
        "doc_type": lambda: RNG.choice(DOC_TYPES),
        "year": lambda: THIS_YEAR - RNG.randint(0, 8),
        "region": lambda: user.region_code(),
        "sort": lambda: RNG.choice(SORTS),
    }[choice]()
    return {choice: value}


def search_list(user: SinergiUser) -> None:
    """The list's search box: htmx asks again as the words are typed."""
    words = RNG.choice(TARGETS["queries"]).split()
    for typed in range(1, len(words) + 1):
        html = user.page(
            "/kerja-sama/",
            "kerja-sama: kotak cari (htmx)",
            params={"q": " ".join(words[:typed])},
            headers=HTMX,
        )
    user.remember(html)


def search_page(user: SinergiUser) -> None:
    """The search page (words and meaning)."""
    query = RNG.choice(TARGETS["queries"])
    user.remember(user.page("/cari/", "cari: halaman", params={"q": query}))


def open_agreement(user: SinergiUser) -> None:
    """An agreement seen in a list, with the similar agreements its page loads."""
    if not user.seen:
        user.remember(user.page("/kerja-sama/", "kerja-sama: daftar"))
    if not user.seen:
        return
    pk = RNG.choice(user.seen)
    user.page(f"/kerja-sama/{pk}/", "kerja-sama: rincian")
    user.page(f"/cari/mirip/{pk}/", "kerja-sama: rincian, yang mirip (htmx)", headers=HTMX)


def region_profile(user: SinergiUser) -> None:
    user.page(f"/wilayah/{user.region_code()}/", "wilayah: profil")


def dashboard(user: SinergiUser) -> None:
    user.page("/dasbor/", "dasbor")
    if RNG.random() < 0.5:
        params = RNG.choice(
            [{"affair": RNG.choice(AFFAIRS)}, {"year_from": THIS_YEAR - 3}, {"status": "berlaku"}]
        )
        user.page("/dasbor/", "dasbor: saringan (htmx)", params=params, headers=HTMX)


def network(user: SinergiUser) -> None:
    user.page("/dasbor/jejaring/", "dasbor: jejaring")


def map_view(user: SinergiUser) -> None:
    """The map page and what its script fetches; the boundaries come from the browser's
    cache after the first time (If-None-Match, 304)."""
    user.page("/peta/", "peta: halaman")
    boundaries = "/peta/batas.geojson?tingkat=kabupaten_kota&provinsi=64"
    cached = {"If-None-Match": user.etags[boundaries]} if boundaries in user.etags else {}
    with user.client.get(
        boundaries, name="peta: batas.geojson", headers=cached, catch_response=True
    ) as response:
        if response.status_code not in (200, 304):
            response.failure(f"status {response.status_code}")
        elif "ETag" in response.headers:
            user.etags[boundaries] = response.headers["ETag"]
    params = {"tingkat": "kabupaten_kota", "provinsi": "64", "metrik": "jumlah"}
    user.page("/peta/nilai.json", "peta: nilai.json", params=params)
    user.page("/peta/garis.json", "peta: garis.json", params=params)


def export(user: SinergiUser) -> None:
    """The list's download buttons: often with the filter in use, sometimes everything."""
    fmt = RNG.choice(["csv", "xlsx"])
    params = _random_filter(user) if RNG.random() < 0.6 else {}
    user.page(f"/kerja-sama/ekspor.{fmt}", f"ekspor: {fmt.upper()}", params=params)


def file_report(user: SinergiUser) -> None:
    """A monev report through the form: the agreement's monev page, the form (with the
    period it proposes), the post (saved as a draft), and the report it leads to."""
    pk = RNG.choice(TARGETS["targets"][user.username])
    user.page(f"/monev/kerja-sama/{pk}/", "monev: halaman kerja sama")
    path = f"/monev/kerja-sama/{pk}/laporan/baru/"
    form = user.page(path, "monev: formulir laporan")
    data = _report_data(form)
    with user.client.post(
        path,
        data=data,
        headers=user._origin(path),
        name="monev: kirim laporan",
        allow_redirects=False,
        catch_response=True,
    ) as response:
        saved = REPORT_URL.search(response.headers.get("Location", ""))
        if response.status_code != 302 or not saved:
            response.failure(f"laporan tidak tersimpan: {response.status_code}")
            return
    user.page(response.headers["Location"], "monev: rincian laporan")


def _report_data(form: str) -> dict[str, Any]:
    token = CSRF.search(form)
    data: dict[str, Any] = {
        "csrfmiddlewaretoken": token[1] if token else "",
        "period_start": _proposed(form, "period_start"),
        "period_end": _proposed(form, "period_end"),
        "activities": "Rapat koordinasi dan kunjungan lapangan bersama para pihak.",
        "outputs": "Notulen rapat; daftar hadir; foto kegiatan.",
        "budget_realised": RNG.randint(1, 200) * 1_000_000,
        "obstacles": "",
        "recommendation": RNG.choice(["dilanjutkan", "diperluas"]),
        "version": "",
    }
    for field in INDICATOR_FIELD.findall(form):
        data[field] = RNG.randint(1, 20)
        data[f"{field}_note"] = ""
    return data


def _proposed(form: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', form)
    return found[1] if found else ""


# --- roles ----------------------------------------------------------------------------------


class ProvinceAdmin(SinergiUser):
    weight = 7
    usernames = ("admin.kaltim",)
    tasks = {
        browse_list: 30,
        open_agreement: 20,
        search_list: 10,
        search_page: 8,
        region_profile: 8,
        dashboard: 8,
        map_view: 6,
        network: 3,
        export: 4,
    }


class Executive(SinergiUser):
    weight = 3
    usernames = ("pimpinan.kaltim",)
    tasks = {
        dashboard: 25,
        map_view: 15,
        network: 8,
        region_profile: 20,
        browse_list: 15,
        open_agreement: 15,
        search_page: 5,
    }


class Secretariat(SinergiUser):
    weight = 8
    usernames = ("tkksd.samarinda", "tkksd.kukar")
    tasks = {
        browse_list: 25,
        open_agreement: 20,
        search_list: 6,
        search_page: 4,
        file_report: 12,
        region_profile: 5,
        dashboard: 5,
        export: 3,
    }

    def on_start(self) -> None:
        super().on_start()
        self.own_region = {"tkksd.samarinda": "64.72", "tkksd.kukar": "64.02"}[self.username]


class Officer(SinergiUser):
    weight = 2
    usernames = ("opd.dinkes.samarinda",)
    own_region = "64.72"
    tasks = {
        browse_list: 35,
        open_agreement: 35,
        search_list: 10,
        search_page: 10,
        region_profile: 10,
    }


@events.quitting.add_listener
def _final_statistics(environment: Any, **_: Any) -> None:
    """The statistics once every user has stopped, in LOAD_FINAL_CSV_stats.csv and
    _failures.csv: locust's own CSV files are written every few seconds and can miss the
    last requests. Exits non-zero when any request failed (run.sh writes the summary first)."""
    prefix = os.environ.get("LOAD_FINAL_CSV")
    if prefix:
        final = StatsCSV(environment, PERCENTILES_TO_REPORT)
        for suffix, write in (("stats", final.requests_csv), ("failures", final.failures_csv)):
            with open(f"{prefix}_{suffix}.csv", "w", newline="") as handle:
                write(csv.writer(handle))
    if environment.stats.total.num_failures:
        environment.process_exit_code = 1
