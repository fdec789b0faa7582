def public_api_endpoints_only(endpoints):
    """The OpenAPI schema documents the open-data API, not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
