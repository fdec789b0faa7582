"""Public subscriber pages: sign-up, confirmation, preferences and one-click unsubscribe.

The pages behind signed links (confirm, preferences, unsubscribe) change nothing on GET:
mail security scanners follow every link in a message, and must not confirm, unsubscribe
or erase anything by doing so.
"""

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kvinnofrid.pages.models import InformationPage

from . import subscriptions, tokens
from .access import signup_throttled
from .forms import PreferencesForm, SignupForm, live_lists
from .models import NewsletterListPage, Subscription, normalise_email
from .subscriber_emails import signup_mail_send

ONE_CLICK = "One-Click"


def _privacy_page():
    return InformationPage.objects.live().filter(role=InformationPage.Role.PRIVACY_NOTICE).first()


def _personal(response):
    """A page behind someone's own link: never cached, indexed or named to other sites."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _invalid_link(request, *, kind: str):
    response = TemplateResponse(
        request, "newsletter/subscribers/invalid_link.html", {"kind": kind}, status=404
    )
    return _personal(response)


def _preselected(request) -> list[int]:
    try:
        wanted = int(request.GET.get("lista", ""))
    except ValueError:
        return []
    return [wanted] if live_lists().filter(pk=wanted).exists() else []


@require_http_methods(["GET", "POST"])
def subscribe(request):
    status = 200
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_robot:
            # Answered exactly like a real sign-up, so the robot learns nothing to adapt to.
            return redirect("newsletter-subscribe-done", permanent=False)
        email = normalise_email(request.POST.get("epost", ""))
        if signup_throttled(client_ip=get_client_ip_address(request) or "", email=email):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Du har gjort för många anmälningar på kort tid. Vänta en stund och "
                    "försök igen."
                ),
            )
            status = 429
        elif form.is_valid():
            result = subscriptions.signup(
                email=form.cleaned_data["epost"],
                newsletters=form.cleaned_data["nyhetsbrev"],
                name=form.cleaned_data["namn"],
                organisation_type=form.cleaned_data["organisationstyp"],
            )
            signup_mail_send(result.outcome, result.subscriber, result.newsletters)
            # 303: reloading the thanks page never posts the form again. The page is the
            # same whether the address was new, pending or already subscribed.
            response = redirect("newsletter-subscribe-done")
            response.status_code = 303
            return response
        else:
            status = 400
    else:
        form = SignupForm(initial={"nyhetsbrev": _preselected(request)})
    context = {"form": form, "privacy_page": _privacy_page()}
    return TemplateResponse(
        request, "newsletter/subscribers/subscribe.html", context, status=status
    )


def subscribe_done(request):
    return TemplateResponse(
        request,
        "newsletter/subscribers/subscribe_done.html",
        {"valid_days": tokens.CONFIRMATION_MAX_AGE.days},
    )


def _subscriptions(subscriber, *statuses):
    return list(
        subscriber.subscriptions.filter(status__in=statuses)
        .select_related("newsletter", "newsletter__county")
        .order_by("newsletter__county__code", "newsletter__title")
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    subscriber = tokens.subscriber_from_confirmation_token(token)
    if subscriber is None:
        return _invalid_link(request, kind="confirm")
    if request.method == "POST":
        if subscriptions.needs_confirmation(subscriber):
            subscriptions.confirm(subscriber=subscriber)
            messages.success(
                request, _("Tack! Prenumerationen är bekräftad. Här kan du ändra den när du vill.")
            )
        return redirect("newsletter-preferences", token=tokens.preferences_token(subscriber))
    context = {
        "needs_confirmation": subscriptions.needs_confirmation(subscriber),
        "pending": _subscriptions(subscriber, Subscription.Status.PENDING),
        "active": _subscriptions(subscriber, Subscription.Status.ACTIVE),
        "preferences_token": tokens.preferences_token(subscriber),
    }
    return _personal(TemplateResponse(request, "newsletter/subscribers/confirm.html", context))


@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    subscriber = tokens.subscriber_from_preferences_token(token)
    if subscriber is None:
        return _invalid_link(request, kind="preferences")
    offered = list(live_lists())
    action = request.POST.get("atgard", "") if request.method == "POST" else ""
    form = None
    if action == "spara":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            subscriptions.preferences_save(
                subscriber=subscriber,
                newsletters=form.cleaned_data["nyhetsbrev"],
                offered=offered,
                name=form.cleaned_data["namn"],
                organisation_type=form.cleaned_data["organisationstyp"],
            )
            messages.success(request, _("Dina val är sparade."))
            return _back(token)
    elif action == "avsluta-alla":
        subscriptions.unsubscribe(subscriber=subscriber)
        messages.success(request, _("Du prenumererar inte längre på några nyhetsbrev."))
        return _back(token)
    elif action == "radera-bekraftat":
        subscriptions.erase(subscriber=subscriber)
        return _personal(TemplateResponse(request, "newsletter/subscribers/erased.html", {}))
    if form is None:
        current = _subscriptions(
            subscriber, Subscription.Status.ACTIVE, Subscription.Status.PENDING
        )
        form = PreferencesForm(
            initial={
                "nyhetsbrev": [s.newsletter_id for s in current],
                "namn": subscriber.name,
                "organisationstyp": subscriber.organisation_type,
            }
        )
    context = {
        "subscriber": subscriber,
        "form": form,
        "confirm_erase": action == "radera",
        "active": _subscriptions(subscriber, Subscription.Status.ACTIVE),
        "privacy_page": _privacy_page(),
    }
    status = 400 if form.errors else 200
    return _personal(
        TemplateResponse(request, "newsletter/subscribers/preferences.html", context, status=status)
    )


def _back(token: str):
    response = redirect("newsletter-preferences", token=token)
    response.status_code = 303
    return response


# Mail providers (Gmail, Outlook, Apple Mail) send the RFC 8058 one-click POST themselves,
# from their servers, with nothing but "List-Unsubscribe=One-Click" in the body: there is
# no session and no CSRF token, and there cannot be. The signed token in the URL is what
# authorises the request, and all it can do is take the address off one list.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    target = tokens.unsubscribe_target(token)
    if target is None:
        return _invalid_link(request, kind="unsubscribe")
    subscriber, newsletter_id = target
    newsletter = NewsletterListPage.objects.filter(pk=newsletter_id).first()
    if request.method == "POST":
        if request.POST.get("List-Unsubscribe") != ONE_CLICK:
            response = TemplateResponse(
                request,
                "newsletter/subscribers/invalid_link.html",
                {"kind": "unsubscribe"},
                status=400,
            )
            return _personal(response)
        subscriptions.unsubscribe(subscriber=subscriber, newsletter_id=newsletter_id)
        done = True
    else:
        done = False
    subscribed = subscriber.subscriptions.filter(
        newsletter_id=newsletter_id,
        status__in=[Subscription.Status.ACTIVE, Subscription.Status.PENDING],
    ).exists()
    context = {
        "newsletter": newsletter,
        "done": done,
        "subscribed": subscribed,
        "preferences_token": tokens.preferences_token(subscriber),
        "one_click": ONE_CLICK,
    }
    return _personal(TemplateResponse(request, "newsletter/subscribers/unsubscribe.html", context))
