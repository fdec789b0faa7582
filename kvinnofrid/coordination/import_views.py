"""The registry import in the admin: upload a file, look at what will happen to each row,
confirm.

Only county staff who may add organisations or contacts import, and only into a county
they work in: another county's code is a 404 (as for every county-owned page), a user
without a county (the national coordinator) or without the permissions gets 403.

Between the preview and the confirmation the parsed rows wait in the session under a
random id that the confirmation form sends back; one import waits per session, so a newer
upload makes an older preview stale, and a stale or foreign id imports nothing.
"""

import secrets
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kvinnofrid.knowledge.filetypes import human_size
from kvinnofrid.regions.models import County
from kvinnofrid.tenancy.querysets import county_ids_for_user

from .admin_views import error_count
from .importing import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    ImportKind,
    RowStatus,
    allowed_kinds,
    check_columns,
    import_rows,
    preview_rows,
    read_table,
)

SESSION_KEY = "kvinnofrid_coordination_import"
LIST_URL = {
    ImportKind.ORGANISATIONS: "organisationer:index",
    ImportKind.CONTACTS: "kontakter:index",
}
# Stored names are shown on the preview and written into the contacts' source.
MAX_FILE_NAME_CHARS = 100


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Vad vill du importera?"), widget=forms.RadioSelect)
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.txt,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, ImportKind(kind).label) for kind in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
        self.fields["file"].help_text = _(
            "CSV (UTF-8, med semikolon eller komma mellan kolumnerna) eller Excel (XLSX, "
            "första bladet). Högst %(size)s och %(rows)s rader."
        ) % {"size": human_size(MAX_BYTES), "rows": number_format(MAX_ROWS, force_grouping=True)}
        self.rows: list[dict] = []

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # A file that is not really a spreadsheet is refused here, before anything is kept.
        self.rows = read_table(uploaded_file=upload)
        return upload


class ImportAccessMixin:
    """Who may import at all, and into which county."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        # Wagtail's admin sends anonymous visitors to the login page before this runs.
        if user.is_authenticated:
            self.kinds = allowed_kinds(user)
            self.counties = list(
                County.objects.filter(pk__in=county_ids_for_user(user)).order_by("code")
            )
            # The national coordinator reads every county's registry but imports into none.
            if not self.kinds or not self.counties:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def county_for(self, code: str | None) -> County:
        if not code:
            return self.counties[0]
        for county in self.counties:
            if county.code == code:
                return county
        raise Http404

    def pending_import(self, token: str) -> dict | None:
        """The rows waiting under `token` in this session, if they are this user's."""
        pending = self.request.session.get(SESSION_KEY)
        if (
            not pending
            or not token
            or not secrets.compare_digest(str(pending.get("id", "")), token)
            or pending.get("user") != self.request.user.pk
        ):
            return None
        if pending["kind"] not in self.kinds:
            raise PermissionDenied
        return pending

    def stale(self):
        messages.error(
            self.request,
            _(
                "Förhandsgranskningen finns inte längre (den har redan importerats eller "
                "ersatts av en nyare fil). Ladda upp filen igen."
            ),
        )
        return redirect("kvinnofrid_import")


class ImportPageMixin(ImportAccessMixin, WagtailAdminTemplateMixin):
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ImportUploadView(ImportPageMixin, FormView):
    template_name = "coordination/admin/import_upload.html"
    form_class = ImportUploadForm
    page_title = gettext_lazy("Importera organisationer och kontaktpersoner")

    # The county is resolved in get/post, after the mixin's access checks: a user without
    # the right gets 403 whichever county is asked for, county staff 404 for another one.
    def get(self, request, *args, **kwargs):
        self.county = self.county_for(request.GET.get("lan"))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.county = self.county_for(request.POST.get("lan") or request.GET.get("lan"))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kinds": self.kinds}

    def get_initial(self):
        kind = self.request.GET.get("typ")
        return {"kind": kind} if kind in self.kinds else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            county=self.county,
            counties=self.counties,
            error_count=error_count(form),
            column_tables=[(ImportKind(kind).label, COLUMNS[kind]) for kind in self.kinds],
        )
        return context

    def form_valid(self, form):
        token = secrets.token_urlsafe(18)
        upload = form.cleaned_data["file"]
        self.request.session[SESSION_KEY] = {
            "id": token,
            "user": self.request.user.pk,
            "kind": form.cleaned_data["kind"],
            "county": self.county.code,
            "file": PurePath(upload.name or "").name[:MAX_FILE_NAME_CHARS],
            "rows": form.rows,
        }
        return redirect(f"{reverse('kvinnofrid_import_preview')}?id={token}")


class ImportPreviewView(ImportPageMixin, TemplateView):
    template_name = "coordination/admin/import_preview.html"
    page_title = gettext_lazy("Granska importen")

    def get(self, request, *args, **kwargs):
        token = request.GET.get("id", "")
        pending = self.pending_import(token)
        if pending is None:
            return self.stale()
        county = self.county_for(pending["county"])
        kind = ImportKind(pending["kind"])
        # Validated afresh on every view: the registry may have changed since the upload.
        rows = preview_rows(
            kind=kind,
            rows=pending["rows"],
            county=county,
            user=request.user,
            source_name=pending["file"],
        )
        counts = {status: 0 for status in RowStatus.values}
        for row in rows:
            counts[row.status] += 1
        context = self.get_context_data(
            import_id=token,
            kind=kind,
            kind_label=kind.label,
            county=county,
            file_name=pending["file"],
            columns=COLUMNS[kind],
            rows=rows,
            counts=counts,
            importable=counts[RowStatus.NEW] + counts[RowStatus.UPDATE],
            error_messages=[message for row in rows for message in row.messages],
            column_report=check_columns(kind=kind, rows=pending["rows"]),
            upload_url=f"{reverse('kvinnofrid_import')}?lan={county.code}&typ={kind.value}",
        )
        return self.render_to_response(context)


class ImportConfirmView(ImportAccessMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        pending = self.pending_import(request.POST.get("import_id", ""))
        if pending is None:
            return self.stale()
        county = self.county_for(pending["county"])
        kind = ImportKind(pending["kind"])
        result = import_rows(
            kind=kind,
            rows=pending["rows"],
            county=county,
            user=request.user,
            source_name=pending["file"],
        )
        request.session.pop(SESSION_KEY, None)
        message = _(
            "Importen av %(file)s till %(county)s är klar: %(created)s nya, %(updated)s "
            "uppdaterade och %(unchanged)s oförändrade."
        ) % {
            "file": pending["file"],
            "county": county.name,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
        if result.skipped:
            message += " " + ngettext(
                "%(count)s rad med fel importerades inte.",
                "%(count)s rader med fel importerades inte.",
                result.skipped,
            ) % {"count": result.skipped}
        messages.success(request, message)
        return redirect(LIST_URL[kind])
