def book_ensure(sender, instance, created, **kwargs):
    from .models import RegistrationBook

    if created:
        RegistrationBook.objects.get_or_create(event=instance)


def promote_on_publish(sender, instance, **kwargs):
    """Raising the number of seats and publishing gives them to the waiting list at once."""
    from .services import waiting_list_promote

    if instance.has_internal_registration:
        waiting_list_promote(event=instance)


def national_calendar_permissions(sender, instance, **kwargs):
    """National events are the calendar page's children, and national coordinators are the
    ones who publish them."""
    from kvinnofrid.tenancy.services import national_group_ensure

    national_group_ensure(page=instance)
