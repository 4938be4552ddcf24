from django.tasks import task

from sinergi.webhooks import services


@task
def deliver_webhook(delivery_id: int) -> bool:
    return services.delivery_attempt(delivery_id=delivery_id) is not None
