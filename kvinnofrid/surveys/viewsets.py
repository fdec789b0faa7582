"""The survey builder in Wagtail's admin, under *Kartläggningar*.

As in the coordination workspace, every view reads through the tenancy checkpoint: lists,
inspect, history and usage through `for_user`, edit and delete through `writable_by`, so
another county's survey is a 404 at every URL. Saves and deletes go through services.py,
which audits them as kvinnofrid.surveys.*.
"""

from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from kvinnofrid.coordination.viewsets import (
    PermissionMenuItem,
    ScopedCreateView,
    ScopedDeleteView,
    ScopedEditView,
    ScopedHistoryView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedUsageView,
)
from kvinnofrid.tenancy.querysets import county_ids_for_user

from .forms import SurveyForm
from .models import Survey
from .services import record_delete, record_save


class SurveyIndexView(ScopedIndexView):
    def get_header_buttons(self):
        buttons = super().get_header_buttons()
        user = self.request.user
        if user.has_perm("surveys.add_survey") and county_ids_for_user(user):
            buttons.append(
                HeaderButton(
                    _("Ny kartläggning från mallen"),
                    reverse("kvinnofrid_survey_new"),
                    icon_name="copy",
                )
            )
        return buttons


class SurveyCreateView(ScopedCreateView):
    save_record = staticmethod(record_save)


class SurveyEditView(ScopedEditView):
    save_record = staticmethod(record_save)


class SurveyDeleteView(ScopedDeleteView):
    delete_record = staticmethod(record_delete)


class SurveyViewSet(ModelViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Kartläggningar")
    add_to_admin_menu = False
    index_view_class = SurveyIndexView
    add_view_class = SurveyCreateView
    edit_view_class = SurveyEditView
    delete_view_class = SurveyDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        Column("title", label=_("Rubrik"), accessor="title"),
        Column("year", label=_("År"), accessor="year"),
        "county",
        Column("deadline", label=_("Sista svarsdag"), accessor="deadline"),
        TitleColumn(
            "tracking",
            label=_("Svar"),
            accessor=lambda survey: _("Uppföljning och resultat"),
            get_url=lambda survey: reverse("kvinnofrid_survey_tracking", args=[survey.pk]),
        ),
    ]
    list_filter = ["year", "county"]
    search_fields = ["title"]
    inspect_view_fields = ["title", "year", "county", "deadline", "introduction"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("county"), FieldPanel("year")]),
                    FieldPanel("title"),
                    FieldPanel("introduction"),
                    FieldRowPanel([FieldPanel("deadline"), FieldPanel("reminder_days")]),
                ],
                heading=_("Kartläggningen"),
            ),
            InlinePanel(
                "questions",
                heading=pgettext_lazy("enkät", "Frågor"),
                label=pgettext_lazy("enkät", "Fråga"),
                panels=[
                    FieldRowPanel([FieldPanel("section"), FieldPanel("key")]),
                    FieldPanel("text"),
                    FieldPanel("help_text"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
                    FieldRowPanel([FieldPanel("options"), FieldPanel("rows")]),
                    FieldRowPanel([FieldPanel("condition_key"), FieldPanel("condition_value")]),
                ],
            ),
        ],
        base_form_class=SurveyForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_select_related=("county",), **kwargs)


class SurveyViewSetGroup(ViewSetGroup):
    menu_label = _("Kartläggningar")
    menu_icon = "form"
    menu_order = 195

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            PermissionMenuItem(
                _("Ny kartläggning från mallen"),
                reverse_lazy("kvinnofrid_survey_new"),
                icon_name="copy",
                order=800,
                shown_to=lambda user: (
                    user.has_perm("surveys.add_survey") and bool(county_ids_for_user(user))
                ),
            ),
        ]

    items = (SurveyViewSet("kartlaggningar"),)
