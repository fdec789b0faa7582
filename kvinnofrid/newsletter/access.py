"""Who may see and manage which newsletter list, and the sign-up throttle.

Lists are pages, not county-scoped rows, so their visibility is derived here from the
same tenancy helpers the checkpoint uses (`county_ids_for_user`, `national_reader`):
county staff see their county's lists; national readers see every list. Managing (import,
block) is narrower: a county list belongs to its county's staff, the national list to
the national coordinators. Subscriptions themselves are always read through
`Subscription.objects.for_user(user)`.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kvinnofrid.tenancy.querysets import county_ids_for_user, national_reader

from .models import NewsletterListPage, address_hash


def lists_for_user(user):
    """The lists whose subscribers the user may read, national first, then by county."""
    lists = NewsletterListPage.objects.select_related("county").order_by(
        "county__code", "title", "pk"
    )
    if not user.has_perm("newsletter.view_subscription"):
        return lists.none()
    if national_reader(user):
        return lists
    ids = county_ids_for_user(user)
    # A county's staff never see the national list's subscribers: they are not theirs.
    return lists.filter(county_id__in=ids) if ids else lists.none()


def list_for_user_or_404(user, list_id: int) -> NewsletterListPage:
    newsletter = lists_for_user(user).filter(pk=list_id).first()
    if newsletter is None:
        raise Http404
    return newsletter


def may_manage(user, newsletter: NewsletterListPage) -> bool:
    """Import and block: county lists by their county's staff, the national list by the
    national coordinators; national coordinators only read county lists."""
    if not user.has_perm("newsletter.change_subscription"):
        return False
    if user.is_superuser:
        return True
    if newsletter.county_id is None:
        return national_reader(user)
    return newsletter.county_id in county_ids_for_user(user)


def require_manage(user, newsletter: NewsletterListPage) -> None:
    if not may_manage(user, newsletter):
        raise PermissionDenied


# The sign-up throttle ----------------------------------------------------------------

SIGNUP_WINDOW_SECONDS = 60 * 60


def _limit(name: str, default: int) -> int:
    return getattr(settings, name, default)


def _count(key: str) -> int:
    # add() then incr(): atomic in every cache backend Django ships (a fixed window).
    cache.add(key, 0, timeout=SIGNUP_WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=SIGNUP_WINDOW_SECONDS)
        return 1


def signup_throttled(*, client_ip: str, email: str) -> bool:
    """Count one sign-up attempt; True when this client or this address has made too many
    this hour. Sign-ups send e-mail to the address typed in, so without a limit the form
    could be used to flood someone's mailbox. The address is keyed by its hash: the cache
    holds no plaintext addresses."""
    per_ip = _count(f"newsletter-signup-ip:{client_ip}")
    per_address = _count(f"newsletter-signup-address:{address_hash(email)}") if email else 0
    return per_ip > _limit("NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR", 10) or per_address > _limit(
        "NEWSLETTER_SIGNUPS_PER_ADDRESS_PER_HOUR", 3
    )
