"""County scoping of Wagtail's generic choosers (snippet and model choosers).

Wagtail's generic chooser lists `model.objects.all()` to anyone who may open it, so the
support-line and resource choosers listed another county's unpublished rows. `install()`
sends the list of any model with a `CountyScopedQuerySet` through the one checkpoint,
`for_user`, for every chooser a viewset makes now or later. Page, document and image
choosers have their own permission-based lists (and the boundary) and are not touched.
"""

from wagtail.admin.views.generic.chooser import BaseChooseView

from .querysets import CountyScopedQuerySet

_INSTALLED = False


def install() -> None:
    global _INSTALLED
    if _INSTALLED:
        return
    wagtail_object_list = BaseChooseView.get_object_list

    def get_object_list(self):
        objects = wagtail_object_list(self)
        if isinstance(objects, CountyScopedQuerySet):
            return objects.for_user(self.request.user)
        return objects

    BaseChooseView.get_object_list = get_object_list
    _INSTALLED = True
