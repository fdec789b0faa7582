"""Staff pages for sending an issue: test send, start, progress, pause and resume."""

urlpatterns: list = []
