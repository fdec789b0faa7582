from django import template

register = template.Library()


@register.simple_tag
def widget_described(field, described_by: str):
    """Render a form field's widget tied to its hint and error (aria-describedby), and
    marked invalid when it has an error, so screen readers announce both."""
    attrs = {"aria-describedby": described_by}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
