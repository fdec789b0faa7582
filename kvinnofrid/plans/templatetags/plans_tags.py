from django import template

from ..charts import format_number

register = template.Library()


@register.filter
def plan_number(value) -> str:
    """12.50 -> "12,5", 1500.00 -> "1 500" (Swedish format, no trailing zeros)."""
    return "" if value is None else format_number(value)
