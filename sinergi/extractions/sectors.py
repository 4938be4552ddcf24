"""Which urusan pemerintahan an agreement serves, from its title and scope.

Two voices: a lexicon of the words each urusan's documents use (works on an empty registry),
and the registry's own examples, i.e. agreements whose sector a person set and extractions
whose sector a reviewer corrected, compared by TF-IDF. The title weighs more than the body,
and the examples outvote the lexicon once there are enough of them.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# Word stems (matched at a word's start) per urusan code. The order of codes breaks ties.
LEXICON: dict[str, tuple[str, ...]] = {
    "1.01": (
        "pendidik",
        "sekolah",
        "guru",
        "siswa",
        "pelajar",
        "beasiswa",
        "kurikulum",
        "paud",
        "literasi",
        "madrasah",
        "mahasiswa",
        "belajar",
        "pembelajaran",
    ),
    "1.02": (
        "kesehatan",
        "rumah sakit",
        "rsud",
        "puskesmas",
        "rujukan",
        "pasien",
        "stunting",
        "gizi",
        "imunisasi",
        "dokter",
        "medis",
        "obat",
        "penyakit",
        "klinik",
        "bpjs kesehatan",
        "tenaga kesehatan",
        "ambulans",
        "malaria",
        "tuberkulosis",
        "kesehat",
    ),
    "1.03": (
        "jalan",
        "jembatan",
        "irigasi",
        "drainase",
        "air minum",
        "spam",
        "sanitasi",
        "tata ruang",
        "penataan ruang",
        "konstruksi",
        "sumber daya air",
        "bendungan",
        "infrastruktur",
        "air limbah",
        "banjir",
    ),
    "1.04": (
        "perumahan",
        "permukiman",
        "rumah tidak layak",
        "rtlh",
        "kawasan kumuh",
        "rumah layak huni",
    ),
    "1.05": (
        "ketertiban",
        "ketenteraman",
        "satpol",
        "pemadam",
        "kebakaran",
        "linmas",
        "bencana",
        "keamanan",
        "penanggulangan bencana",
        "trantibum",
    ),
    "1.06": (
        "sosial",
        "kemiskinan",
        "penyandang",
        "disabilitas",
        "lansia",
        "panti",
        "rehabilitasi sosial",
        "fakir",
        "bantuan sosial",
        "terlantar",
    ),
    "2.07": (
        "tenaga kerja",
        "ketenagakerjaan",
        "pelatihan kerja",
        "pekerja",
        "buruh",
        "penempatan kerja",
        "pencari kerja",
        "balai latihan kerja",
        "blk",
    ),
    "2.08": ("perempuan", "anak", "gender", "kekerasan", "perlindungan anak", "pelindungan anak"),
    "2.09": ("pangan", "ketahanan pangan", "cadangan pangan", "beras", "distribusi pangan"),
    "2.10": ("pertanahan", "sertifikat tanah", "tanah"),
    "2.11": (
        "lingkungan hidup",
        "sampah",
        "limbah",
        "pencemaran",
        "emisi",
        "iklim",
        "tpa",
        "persampahan",
        "daur ulang",
        "kualitas air",
        "karbon",
    ),
    "2.12": (
        "kependudukan",
        "pencatatan sipil",
        "dukcapil",
        "adminduk",
        "akta",
        "ktp",
        "nik",
        "kartu keluarga",
        "data kependudukan",
    ),
    "2.13": ("desa", "pemberdayaan masyarakat", "bumdes", "kampung"),
    "2.14": ("keluarga berencana", "pengendalian penduduk", "kb ", "keluarga"),
    "2.15": (
        "perhubungan",
        "transportasi",
        "angkutan",
        "bandara",
        "bandar udara",
        "pelabuhan",
        "terminal",
        "lalu lintas",
        "penerbangan",
        "trayek",
        "kapal",
        "bus",
        "dermaga",
        "penyeberangan",
    ),
    "2.16": (
        "komunikasi",
        "informatika",
        "teknologi informasi",
        "jaringan",
        "internet",
        "aplikasi",
        "digital",
        "data center",
        "pusat data",
        "satu data",
        "spbe",
        "smart city",
        "siber",
        "telekomunikasi",
        "interoperabilitas",
        "sistem informasi",
    ),
    "2.17": ("koperasi", "umkm", "usaha mikro", "usaha kecil", "ukm", "wirausaha"),
    "2.18": ("penanaman modal", "investasi", "perizinan", "investor", "promosi investasi"),
    "2.19": ("pemuda", "kepemudaan", "olahraga", "atlet", "keolahragaan", "stadion"),
    "2.20": ("statistik", "statistik sektoral", "sensus", "survei", "data statistik", "metadata"),
    "2.21": ("persandian", "sandi", "keamanan informasi", "sertifikat elektronik"),
    "2.22": ("kebudayaan", "budaya", "cagar budaya", "kesenian", "adat", "museum", "tradisi"),
    "2.23": ("perpustakaan", "pustaka", "buku", "gemar membaca"),
    "2.24": ("kearsipan", "arsip"),
    "3.25": ("kelautan", "perikanan", "nelayan", "ikan", "budidaya", "tambak", "pesisir", "laut"),
    "3.26": (
        "pariwisata",
        "wisata",
        "wisatawan",
        "destinasi",
        "ekonomi kreatif",
        "festival",
        "promosi wisata",
    ),
    "3.27": (
        "pertanian",
        "petani",
        "perkebunan",
        "peternakan",
        "hortikultura",
        "pupuk",
        "benih",
        "sawah",
        "ternak",
        "kelapa sawit",
        "padi",
        "komoditas",
    ),
    "3.28": (
        "kehutanan",
        "hutan",
        "hhbk",
        "reboisasi",
        "rehabilitasi hutan",
        "karhutla",
        "mangrove",
        "taman hutan",
    ),
    "3.29": (
        "energi",
        "listrik",
        "ketenagalistrikan",
        "mineral",
        "batubara",
        "minyak",
        "gas",
        "tenaga surya",
        "plts",
        "pertambangan",
        "ebt",
        "energi terbarukan",
    ),
    "3.30": (
        "perdagangan",
        "pasar",
        "ekspor",
        "distribusi barang",
        "harga",
        "inflasi",
        "metrologi",
        "dagang",
        "perdagangan antardaerah",
    ),
    "3.31": ("perindustrian", "industri", "hilirisasi", "kawasan industri"),
    "3.32": ("transmigrasi", "transmigran"),
    "5.01": ("perencanaan pembangunan", "rpjmd", "bappeda", "perencanaan"),
    "5.02": (
        "keuangan",
        "pajak",
        "retribusi",
        "pendapatan",
        "pad",
        "bank",
        "pembayaran",
        "nontunai",
        "transaksi",
        "elektronifikasi",
        "samsat",
        "piutang",
    ),
    "5.03": (
        "kepegawaian",
        "aparatur",
        "asn",
        "pegawai",
        "sumber daya manusia aparatur",
        "manajemen talenta",
    ),
    "5.04": ("pendidikan dan pelatihan", "diklat", "kompetensi aparatur"),
    "5.05": ("penelitian", "pengembangan", "riset", "inovasi daerah", "kajian"),
}


@dataclass(frozen=True)
class Example:
    text: str
    code: str
    # A reviewer's correction is checked against the document; a registry row may have been
    # filed under a neighbouring urusan, so it counts for less.
    weight: float = 1.0


def _terms(text: str) -> Iterable[str]:
    return re.findall(r"[a-z]+", text.lower())


def lexicon_scores(title: str, body: str) -> dict[str, float]:
    scores: dict[str, float] = defaultdict(float)
    for weight, text in ((3.0, title.lower()), (1.0, body.lower()[:4000])):
        for code, stems in LEXICON.items():
            for stem in stems:
                hits = len(re.findall(rf"\b{re.escape(stem)}", text))
                if hits:
                    # Longer phrases are more specific; repeats in the body count less.
                    scores[code] += weight * (1 + stem.count(" ")) * (1 + 0.25 * (hits - 1))
    return scores


class SectorClassifier:
    """Callable used by the extraction: (title, body) → ((code, name) | None, confidence, why)."""

    def __init__(self, names: dict[str, str], examples: list[Example] | None = None) -> None:
        self.names = names
        self.examples = examples or []
        self._model = self._fit(self.examples) if len(self.examples) >= 20 else None

    @staticmethod
    def _fit(examples: list[Example]) -> tuple[Any, Any, list[tuple[str, float]]]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)
        matrix = vectoriser.fit_transform([example.text for example in examples])
        return vectoriser, matrix, [(example.code, example.weight) for example in examples]

    def example_scores(self, text: str) -> dict[str, float]:
        """Votes of the five most similar examples, weighted by their similarity."""
        scores: dict[str, float] = defaultdict(float)
        if self._model is None:
            return scores
        vectoriser, matrix, labels = self._model
        query = vectoriser.transform([text])
        similarities = (matrix @ query.T).toarray().ravel()
        for index in similarities.argsort()[::-1][:5]:
            if similarities[index] > 0.2:
                code, weight = labels[index]
                scores[code] += weight * float(similarities[index])
        return scores

    def __call__(self, title: str, body: str) -> tuple[tuple[str, str] | None, float, str]:
        lexicon = lexicon_scores(title, body)
        learned = self.example_scores(f"{title} {title} {body[:2000]}")
        combined: dict[str, float] = defaultdict(float)
        total_lexicon = sum(lexicon.values()) or 1.0
        for code, score in lexicon.items():
            combined[code] += score / total_lexicon
        for code, score in learned.items():
            combined[code] += score
        ranked = sorted(
            ((code, score) for code, score in combined.items() if code in self.names),
            key=lambda item: -item[1],
        )
        if not ranked:
            return None, 0.0, ""
        best_code, best = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        margin = (best - runner_up) / best if best else 0.0
        confidence = round(min(0.97, 0.5 + 0.5 * margin), 2)
        why = ", ".join(_matched_stems(best_code, title, body)[:5])
        if learned.get(best_code):
            why = f"{why}; mirip kerja sama tercatat" if why else "mirip kerja sama tercatat"
        return (best_code, self.names[best_code]), confidence, why


def _matched_stems(code: str, title: str, body: str) -> list[str]:
    text = f"{title} {body}".lower()
    return [stem for stem in LEXICON.get(code, ()) if re.search(rf"\b{re.escape(stem)}", text)]
