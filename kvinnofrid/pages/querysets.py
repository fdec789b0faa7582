from wagtail.models import PageQuerySet


class InformationPageQuerySet(PageQuerySet):
    def with_role(self):
        return self.exclude(role="")
