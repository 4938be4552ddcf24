from ninja import Field, Schema


class SearchIn(Schema):
    q: str = Field(
        description="Teks bebas, mis. layanan rujukan pasien", min_length=1, max_length=500
    )
    limit: int = Field(20, ge=1, le=100)


class AgreementRef(Schema):
    id: int
    title: str
    owner_region: str = Field(description="Kode wilayah pencatat")
    status: str


class SearchHitOut(AgreementRef):
    score: float = Field(description="Skor gabungan (fusi peringkat makna dan kata)")
    reasons: list[str]


class SimilarOut(AgreementRef):
    reasons: list[str]


class QuestionIn(Schema):
    q: str = Field(
        description="Pertanyaan, mis. kerja sama kesehatan Kaltim yang berakhir tahun ini",
        min_length=1,
        max_length=300,
    )


class ReadingOut(Schema):
    label: str
    value: str


class AnswerOut(Schema):
    answer: str = Field(description="Jawaban satu kalimat, disusun dari data register")
    total: int
    read_as: list[ReadingOut] = Field(description="Saringan yang dikenali dari pertanyaan")
    evidence: list[AgreementRef]
    related: list[AgreementRef] = Field(description="Mirip maknanya, tanpa kata yang ditanyakan")


class PartnersIn(Schema):
    region: str = Field(description="Kode wilayah yang mencari mitra, mis. 64.72", max_length=13)
    affair: str = Field("", description="Kode urusan, mis. 1.02", max_length=8)
    need: str = Field("", description="Atau kebutuhan dengan kata-kata sendiri", max_length=300)


class CandidateOut(Schema):
    name: str
    region: str | None = Field(description="Kode wilayah; null untuk organisasi")
    score: float
    reasons: list[str]


class PartnersOut(Schema):
    affair: str | None
    affair_reason: str
    regions: list[CandidateOut]
    organizations: list[CandidateOut]
