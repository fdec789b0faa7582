"""Staff pages for subscribers, inside the Wagtail admin: counts and growth per list, a
list's subscribers, export, import and blocking an address.

Lists come from `access.lists_for_user` (another county's list is a 404) and subscribers
only through `Subscription.objects.for_user(user)`, the tenancy checkpoint. Writes (import,
block) need `access.may_manage`: national coordinators read county lists but do not change
them. Every write and every export is audited.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kvinnofrid.core.audit import audit_log
from kvinnofrid.events.models import stockholm_today

from . import subscriber_imports, subscriptions
from .access import list_for_user_or_404, lists_for_user, may_manage, require_manage
from .forms import AddressBlockForm, SubscriberImportForm, SubscriberSearchForm
from .models import Subscription

PER_PAGE = 50


def _subscriptions_of(user, newsletter):
    return (
        Subscription.objects.for_user(user)
        .filter(newsletter=newsletter)
        .select_related("subscriber")
        .order_by("subscriber__email")
    )


class SubscriberPageMixin(WagtailAdminTemplateMixin):
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if getattr(self, "newsletter", None) is not None:
            items.append({"url": reverse("newsletter_subscribers"), "label": _("Prenumeranter")})
        return [*items, {"url": "", "label": self.get_page_title()}]


class OverviewView(SubscriberPageMixin, TemplateView):
    template_name = "newsletter/admin/subscribers/overview.html"
    page_title = gettext_lazy("Prenumeranter")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        lists = list(lists_for_user(user))
        visible = Subscription.objects.for_user(user).filter(newsletter__in=lists)
        counts = subscriber_imports.counts_per_list(visible)
        empty = {"active": 0, "pending": 0, "unsubscribed": 0}
        context["rows"] = [
            {"newsletter": n, "may_manage": may_manage(user, n), **counts.get(n.pk, empty)}
            for n in lists
        ]
        context["growth"] = subscriber_imports.growth_by_month(visible, today=stockholm_today())
        return context


class ListView(SubscriberPageMixin, TemplateView):
    template_name = "newsletter/admin/subscribers/list.html"

    def dispatch(self, request, *args, list_id, **kwargs):
        self.newsletter = list_for_user_or_404(request.user, list_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.newsletter.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = _subscriptions_of(self.request.user, self.newsletter)
        form = SubscriberSearchForm(self.request.GET)
        if form.is_valid():
            if form.cleaned_data["q"]:
                rows = rows.filter(subscriber__email__icontains=form.cleaned_data["q"].strip())
            if form.cleaned_data["status"]:
                rows = rows.filter(status=form.cleaned_data["status"])
        page = Paginator(rows, PER_PAGE).get_page(self.request.GET.get("sida"))
        query = self.request.GET.copy()
        query.pop("sida", None)
        context.update(
            newsletter=self.newsletter,
            search_form=form,
            page_obj=page,
            query=query.urlencode(),
            may_manage=may_manage(self.request.user, self.newsletter),
            growth=subscriber_imports.growth_by_month(
                _subscriptions_of(self.request.user, self.newsletter), today=stockholm_today()
            ),
            counts=subscriber_imports.counts_per_list(
                _subscriptions_of(self.request.user, self.newsletter)
            ).get(self.newsletter.pk, {"active": 0, "pending": 0, "unsubscribed": 0}),
        )
        return context


class ExportView(View):
    def get(self, request, list_id: int, file_format: str):
        if file_format not in ("csv", "xlsx"):
            raise Http404
        newsletter = list_for_user_or_404(request.user, list_id)
        rows = _subscriptions_of(request.user, newsletter)
        audit_log(
            instance=newsletter,
            action="kvinnofrid.newsletter.export",
            user=request.user,
            data={"format": file_format, "rows": rows.count()},
        )
        name = f"prenumeranter-{newsletter.slug}-{stockholm_today().isoformat()}"
        if file_format == "csv":
            response = HttpResponse(
                subscriber_imports.subscribers_csv(rows), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        else:
            response = HttpResponse(
                subscriber_imports.subscribers_xlsx(rows, title=newsletter.title),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response


class ImportView(SubscriberPageMixin, TemplateView):
    template_name = "newsletter/admin/subscribers/import.html"

    def dispatch(self, request, *args, list_id, **kwargs):
        self.newsletter = list_for_user_or_404(request.user, list_id)
        require_manage(request.user, self.newsletter)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Importera prenumeranter till %(list)s") % {"list": self.newsletter.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", SubscriberImportForm())
        context["newsletter"] = self.newsletter
        context["error_count"] = len(context.get("import_errors") or []) or (
            len(context["form"].errors)
        )
        return context

    def post(self, request, *args, **kwargs):
        form = SubscriberImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            result = subscriber_imports.subscribers_import(
                newsletter=self.newsletter,
                uploaded_file=form.cleaned_data["fil"],
                basis=form.cleaned_data["grund"],
                user=request.user,
            )
        except subscriber_imports.ImportRefused as refused:
            return self.render_to_response(
                self.get_context_data(form=form, import_errors=refused.errors), status=400
            )
        subscriber_imports.confirmations_send(
            newsletter=self.newsletter, subscriber_ids=result.to_confirm
        )
        return self.render_to_response(self.get_context_data(form=form, result=result))


class BlockView(SubscriberPageMixin, TemplateView):
    """Block an address: it is never mailed again, from any list, until it signs up and
    confirms anew. The subscriber is deleted; only the keyed hash is kept."""

    template_name = "newsletter/admin/subscribers/block.html"
    page_title = gettext_lazy("Spärra en e-postadress")

    def dispatch(self, request, *args, list_id, **kwargs):
        self.newsletter = list_for_user_or_404(request.user, list_id)
        require_manage(request.user, self.newsletter)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initial = {}
        subscription_id = self.request.GET.get("prenumeration", "")
        if subscription_id.isdigit():
            subscription = (
                _subscriptions_of(self.request.user, self.newsletter)
                .filter(pk=int(subscription_id))
                .first()
            )
            if subscription is not None:
                initial["epost"] = subscription.subscriber.email
        context.setdefault("form", AddressBlockForm(initial=initial))
        context["newsletter"] = self.newsletter
        context["error_count"] = len(context["form"].errors)
        return context

    def post(self, request, *args, **kwargs):
        form = AddressBlockForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        subscriptions.address_block(
            email=form.cleaned_data["epost"], user=request.user, newsletter=self.newsletter
        )
        messages.success(request, _("Adressen är spärrad och prenumeranten raderad."))
        return redirect("newsletter_subscriber_list", list_id=self.newsletter.pk)


urlpatterns = [
    path("nyhetsbrev/prenumeranter/", OverviewView.as_view(), name="newsletter_subscribers"),
    path(
        "nyhetsbrev/prenumeranter/<int:list_id>/",
        ListView.as_view(),
        name="newsletter_subscriber_list",
    ),
    path(
        "nyhetsbrev/prenumeranter/<int:list_id>/export.<str:file_format>",
        ExportView.as_view(),
        name="newsletter_subscriber_export",
    ),
    path(
        "nyhetsbrev/prenumeranter/<int:list_id>/importera/",
        ImportView.as_view(),
        name="newsletter_subscriber_import",
    ),
    path(
        "nyhetsbrev/prenumeranter/<int:list_id>/sparra/",
        BlockView.as_view(),
        name="newsletter_subscriber_block",
    ),
]
