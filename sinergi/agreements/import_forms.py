from django import forms


class AgreementImportUploadForm(forms.Form):
    """Shape only: the file's size, type and content are checked by the import itself."""

    file = forms.FileField(
        label="Berkas daftar kerja sama (XLSX atau CSV)",
        help_text="Gunakan templat agar nama kolom benar. Satu baris untuk satu dokumen.",
    )
