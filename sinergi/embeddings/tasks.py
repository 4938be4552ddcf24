from django.tasks import task

from sinergi.embeddings import services


@task()
def embed_agreements() -> int:
    """Embed every agreement whose vector is missing or stale."""
    return services.embed_pending()
