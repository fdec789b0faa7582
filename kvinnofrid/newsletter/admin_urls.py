from .send_admin import urlpatterns as send_urlpatterns
from .subscriber_admin import urlpatterns as subscriber_urlpatterns

urlpatterns = [*subscriber_urlpatterns, *send_urlpatterns]
