from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.affairs.services import affairs_load_reference
from sinergi.agreements.reference import milestones_load_reference
from sinergi.core.errors import DomainError
from sinergi.regions.services import regions_load_reference
from sinergi.spm.services import spm_load_reference


class Command(BaseCommand):
    help = "Memuat data referensi (wilayah, urusan). Aman dijalankan berulang kali."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="muat ulang walau versi sama")

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        try:
            regions = regions_load_reference(force=force)
            affairs = affairs_load_reference(force=force)
            milestones = milestones_load_reference(force=force)
            spm = spm_load_reference(force=force)  # after the affairs its fields belong to
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if regions.skipped:
            self.stdout.write(f"Wilayah: {regions.version} sudah termuat, tidak ada perubahan.")
        else:
            self.stdout.write(
                f"Wilayah ({regions.version}): {regions.created} baru, "
                f"{regions.updated} diperbarui, {regions.unchanged} tetap."
            )
        self.stdout.write(f"Urusan pemerintahan: {affairs} baris ditulis.")
        self.stdout.write(f"Tonggak SOP kerja sama: {milestones} baris ditulis.")
        self.stdout.write(f"Referensi SPM: {spm} baris ditulis.")
        # After the affairs it names (sinergi/planning/data/authority.csv).
        call_command("load_authority_map", force=force, stdout=self.stdout)
