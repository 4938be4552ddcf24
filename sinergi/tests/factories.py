from typing import Any

import factory

from sinergi.accounts.models import User
from sinergi.agencies.models import Agency

PASSWORD = "Kata-Sandi-Uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@contoh.go.id")
    role = "tkksd"

    @factory.post_generation
    def password(user: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        user.set_password(extracted or PASSWORD)
        if create:
            user.save(update_fields=["password"])


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Dinas Uji Coba {n}")
    kind = Agency.Kind.OFFICE
