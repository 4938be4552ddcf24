"""The default rubric: six criteria, three scored by a reviewer and three computed from the
data. Editable afterwards in the admin (weights, guidance, order, in use or not)."""

from typing import Any

from django.db import migrations

DEFAULT_CRITERIA = [
    (
        "kesesuaian_tujuan",
        "Kesesuaian dengan maksud dan tujuan",
        15,
        "penilai",
        "Apakah kegiatan yang dilaksanakan sesuai dengan maksud, tujuan dan ruang lingkup "
        "kerja sama? 85–100: seluruhnya sesuai; 55–84: sebagian sesuai; di bawah 55: tidak "
        "sesuai. Sebutkan kegiatan yang menjadi dasar penilaian.",
    ),
    (
        "ketepatan_waktu",
        "Ketepatan waktu",
        15,
        "ketepatan_waktu",
        "Dihitung sistem: bagian tonggak yang selesai paling lambat pada batas waktunya dan "
        "periode laporan monev yang laporannya diajukan paling lambat pada batas waktunya, "
        "sampai akhir tahun evaluasi.",
    ),
    (
        "capaian_indikator",
        "Capaian indikator",
        25,
        "capaian_indikator",
        "Dihitung sistem: rata-rata capaian indikator (realisasi terakhir dari laporan monev "
        "yang diajukan atau direviu sampai akhir tahun evaluasi dibanding target), paling "
        "tinggi 100 per indikator.",
    ),
    (
        "realisasi_anggaran",
        "Realisasi anggaran",
        15,
        "realisasi_anggaran",
        "Dihitung sistem: jumlah realisasi dibanding jumlah pagu anggaran kerja sama pada tahun "
        "evaluasi, paling tinggi 100.",
    ),
    (
        "koordinasi",
        "Koordinasi antarpihak",
        10,
        "penilai",
        "Kualitas koordinasi antara para pihak dan perangkat daerah pelaksana (rapat, surat, "
        "tindak lanjut). 85–100: sangat baik; 70–84: baik; 55–69: cukup; di bawah 55: kurang.",
    ),
    (
        "dampak_layanan_publik",
        "Dampak bagi pelayanan publik",
        20,
        "penilai",
        "Manfaat nyata bagi masyarakat dan pelayanan publik (mis. jumlah penerima layanan, "
        "waktu layanan yang lebih singkat, cakupan wilayah). Sebutkan data yang dipakai.",
    ),
]


def seed(apps: Any, schema_editor: Any) -> None:
    Criterion = apps.get_model("evaluations", "Criterion")
    for order, (code, name, weight, source, description) in enumerate(DEFAULT_CRITERIA, 1):
        Criterion.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "weight": weight,
                "source": source,
                "description": description,
                "order": order * 10,
            },
        )


def unseed(apps: Any, schema_editor: Any) -> None:
    codes = [row[0] for row in DEFAULT_CRITERIA]
    apps.get_model("evaluations", "Criterion").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
