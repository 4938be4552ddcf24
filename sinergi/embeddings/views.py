"""The search page and the "similar agreements" block of an agreement's page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from sinergi.agreements.selectors import agreement_get_for_user
from sinergi.core.http import AuthedRequest, render_page_or_partial
from sinergi.embeddings.encoders import encoder
from sinergi.embeddings.search import hybrid_search, similar_agreements


@login_required
def search_view(request: AuthedRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:500]
    hits = hybrid_search(user=request.user, text=text, limit=30) if text else []
    context = {"q": text, "hits": hits, "method": "e5" if encoder() else "tfidf"}
    return render_page_or_partial(
        request, "embeddings/search.html", "embeddings/_hits.html", context
    )


@login_required
def similar_view(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    items = similar_agreements(user=request.user, agreement=agreement)
    return render(request, "embeddings/_similar.html", {"items": items})
