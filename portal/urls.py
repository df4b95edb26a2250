from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views
from .api import ObtainTokenView
from .site import views as site_views

admin.site.site_header = settings.ADMIN_SITE_HEADER
admin.site.site_title = settings.ADMIN_SITE_HEADER
admin.site.index_title = settings.PORTAL_NAME

api_urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("events.api.urls")),
    path("", include("library.api.urls")),
    path("", include("exhibitions.api.urls")),
]

urlpatterns = [
    path("", site_views.home, name="home"),
    path("search/", site_views.search, name="search"),
    path("me/", site_views.me, name="me"),
    path("display/large-text/", views.toggle_large_text, name="toggle-large-text"),
    path("about/", views.static_page, {"template": "portal/about.html"}, name="about"),
    path("accessibility/", views.static_page, {"template": "portal/accessibility.html"}, name="accessibility"),
    path("privacy/", views.static_page, {"template": "portal/privacy.html"}, name="privacy"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/", include(api_urlpatterns)),
    path("", include("events.urls")),
    path("library/", include("library.urls")),
    path("exhibitions/", include("exhibitions.urls")),
    path("", include("exhibitions.iiif_urls")),  # /iiif/<slug>/manifest.json: IIIF viewers look at the root
    path("oai", include("library.oai_urls")),  # exactly /oai: harvesters do not follow APPEND_SLASH's redirect
]

if settings.SERVE_PUBLIC_MEDIA:
    urlpatterns.append(re_path(r"^media/public/(?P<path>.*)$", views.public_media, name="public-media"))

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
