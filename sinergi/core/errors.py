"""The one domain error type: services raise it with a message a user can read (Indonesian)."""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A business rule was broken. Subclassing ValidationError lets forms show it as-is."""
