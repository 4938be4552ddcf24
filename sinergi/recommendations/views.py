"""Pages: ask the registry, and partner recommendations for a need."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from sinergi.accounts.scope import visible_regions
from sinergi.affairs.models import Affair
from sinergi.core.http import AuthedRequest, render_page_or_partial
from sinergi.recommendations.partners import recommendation
from sinergi.recommendations.questions import answer_question
from sinergi.regions.models import Region

EXAMPLES = [
    "kerja sama bidang kesehatan Kaltim yang berakhir tahun ini",
    "PKS dengan pihak ketiga yang masih berlaku",
    "kerja sama pengelolaan sampah Samarinda",
]


@login_required
def ask_view(request: AuthedRequest) -> HttpResponse:
    question = request.GET.get("q", "").strip()[:300]
    answer = answer_question(user=request.user, question=question) if question else None
    context = {"q": question, "answer": answer, "examples": EXAMPLES}
    return render_page_or_partial(
        request, "recommendations/ask.html", "recommendations/_answer.html", context
    )


class NeedForm(forms.Form):
    region: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Wilayah yang mencari mitra", queryset=Region.objects.none()
    )
    affair = forms.ModelChoiceField(
        label="Urusan", queryset=Affair.objects.sectors(), required=False
    )
    need = forms.CharField(
        label="atau kebutuhan dengan kata-kata sendiri",
        max_length=300,
        required=False,
        help_text="mis. menurunkan angka stunting di desa terpencil",
    )

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        regions = visible_regions(user).defer("boundary").order_by("code")
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        self.fields["region"].initial = getattr(user, "region", None)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("affair") and not data.get("need"):
            raise forms.ValidationError("Pilih urusan atau tuliskan kebutuhannya.")
        return data


@login_required
def partners_view(request: AuthedRequest) -> HttpResponse:
    form = NeedForm(request.GET or None, user=request.user)
    result = None
    if request.GET and form.is_valid():
        result = recommendation(
            user=request.user,
            region=form.cleaned_data["region"],
            affair=form.cleaned_data["affair"],
            need=form.cleaned_data["need"],
        )
    return render(request, "recommendations/partners.html", {"form": form, "result": result})
