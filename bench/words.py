"""Word lists for realistic agreement texts: titles, scopes and partner organisations.

Each sector (affair code) has its own topics, so a search for "pelayanan kesehatan" finds
roughly the health agreements, and a rarer phrase ("sampah terpadu") only a few hundred.
"""

# Primary affair code -> weight. Health, education, public works and civil registration
# dominate real registers; every other sector shares the rest.
SECTOR_WEIGHTS = {"1.02": 18, "1.01": 15, "1.03": 12, "2.12": 10}
OTHER_SECTOR_WEIGHT = 1.5

TOPICS = {
    "1.02": [
        "Pelayanan Kesehatan Rujukan",
        "Pelayanan Kesehatan Ibu dan Anak",
        "Penanggulangan Stunting",
        "Pengendalian Penyakit Menular",
        "Pelayanan Kesehatan di Daerah Perbatasan",
        "Penempatan Dokter Spesialis",
    ],
    "1.01": [
        "Peningkatan Mutu Pendidikan",
        "Beasiswa Pendidikan Tinggi",
        "Penyelenggaraan Sekolah Vokasi",
        "Pendidikan Anak Usia Dini",
        "Peningkatan Kompetensi Guru",
    ],
    "1.03": [
        "Pembangunan Jalan Penghubung Antardaerah",
        "Pengelolaan Sumber Daya Air",
        "Penyediaan Air Minum Regional",
        "Penataan Ruang Kawasan Perbatasan",
        "Pemeliharaan Jembatan",
    ],
    "2.12": [
        "Pelayanan Administrasi Kependudukan",
        "Pemanfaatan Data Kependudukan",
        "Pelayanan Akta Kelahiran",
        "Integrasi Data Kependudukan",
    ],
    "2.11": [
        "Pengelolaan Sampah Regional",
        "Pengolahan Sampah Terpadu",
        "Pengendalian Pencemaran Sungai",
    ],
    "2.15": ["Angkutan Umum Antarwilayah", "Pengelolaan Terminal Tipe B"],
    "2.16": ["Pengembangan Pemerintahan Berbasis Elektronik", "Jaringan Internet Desa"],
    "3.26": ["Promosi Pariwisata Bersama", "Pengembangan Desa Wisata"],
    "3.27": ["Ketahanan Pangan dan Pertanian", "Pengembangan Komoditas Unggulan"],
}

ACTIONS = ["Peningkatan", "Penyelenggaraan", "Pengembangan", "Pelaksanaan", "Penguatan"]
DOC_PREFIXES = {
    "kb": "Kesepakatan Bersama tentang",
    "nota": "Nota Kesepakatan tentang",
    "mou": "Memorandum of Understanding tentang",
    "pks": "Perjanjian Kerja Sama tentang",
    "adendum": "Adendum Perjanjian tentang",
}
SCOPES = [
    "pertukaran data dan informasi",
    "peningkatan kapasitas sumber daya manusia",
    "penyediaan sarana dan prasarana",
    "pendampingan teknis",
    "pemantauan dan evaluasi bersama",
    "pembiayaan bersama sesuai kemampuan keuangan daerah",
    "penyusunan standar operasional prosedur",
]
PURPOSES = [
    "meningkatkan kualitas pelayanan publik kepada masyarakat",
    "mewujudkan sinergi pembangunan antardaerah",
    "mengoptimalkan pemanfaatan potensi daerah",
    "mempercepat pencapaian standar pelayanan minimal",
]

# Partner organisations: (name pattern, kind). {city} is a regency/city name without
# "Kabupaten"/"Kota"; {word} one of ORG_WORDS.
ORG_PATTERNS = [
    ("Universitas {city}", "perguruan_tinggi"),
    ("Politeknik Negeri {city}", "perguruan_tinggi"),
    ("Institut Teknologi {city}", "perguruan_tinggi"),
    ("PT {word} {city} Sejahtera", "swasta"),
    ("PT {word} Nusantara {city}", "swasta"),
    ("PT Bank Pembangunan Daerah {city}", "bumd"),
    ("Perumda Air Minum {city}", "bumd"),
    ("PT {word} Persero Cabang {city}", "bumn"),
    ("Yayasan {word} {city}", "lsm"),
]
CENTRAL_BODIES = [
    "Kementerian Dalam Negeri",
    "Kementerian Kesehatan",
    "Kementerian Pendidikan Dasar dan Menengah",
    "Kementerian Pekerjaan Umum",
    "Badan Pusat Statistik",
    "Badan Nasional Pengelola Perbatasan",
]
FOREIGN = [
    ("Pemerintah Negara Bagian Sabah", "pemda_luar_negeri"),
    ("Pemerintah Kota Davao", "pemda_luar_negeri"),
    ("Japan International Cooperation Agency", "lembaga_luar_negeri"),
    ("Deutsche Gesellschaft für Internationale Zusammenarbeit", "lembaga_luar_negeri"),
]
ORG_WORDS = ["Mitra", "Karya", "Bina", "Cipta", "Sarana", "Lestari", "Bangun", "Maju"]

# The OPDs every region has (a real regency has 30-40; the list page offers them as a filter).
AGENCIES = [
    ("Sekretariat Daerah", "sekretariat"),
    ("Sekretariat DPRD", "sekretariat"),
    ("Inspektorat", "inspektorat"),
    ("Badan Perencanaan Pembangunan Daerah", "badan"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "badan"),
    ("Badan Kepegawaian dan Pengembangan SDM", "badan"),
    ("Dinas Pendidikan", "dinas"),
    ("Dinas Kesehatan", "dinas"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "dinas"),
    ("Dinas Perumahan dan Kawasan Permukiman", "dinas"),
    ("Dinas Sosial", "dinas"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "dinas"),
    ("Dinas Lingkungan Hidup", "dinas"),
    ("Dinas Perhubungan", "dinas"),
    ("Dinas Komunikasi dan Informatika", "dinas"),
    ("Dinas Pariwisata", "dinas"),
    ("Dinas Pertanian dan Ketahanan Pangan", "dinas"),
    ("Dinas Penanaman Modal dan PTSP", "dinas"),
    ("Satuan Polisi Pamong Praja", "satpol_pp"),
    ("Rumah Sakit Umum Daerah", "rsud"),
]
