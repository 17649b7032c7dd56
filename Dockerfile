# The archive's web tier: gunicorn serving Django, static files from WhiteNoise.
# PostgreSQL runs elsewhere (docker-compose.yml has one); DATABASE_URL points at it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=project.settings \
    ARCHIVE_PRODUCTION=1 \
    ARCHIVE_DATA_DIR=/srv/archive \
    MEDIA_ROOT=/srv/archive/media \
    GUNICORN_BIND=0.0.0.0:8000

WORKDIR /app
COPY requirements.txt constraints.txt ./
RUN pip install -r requirements.txt -c constraints.txt

COPY . .
# Hashed, compressed static files are built into the image. Settings need a secret and a database
# URL to load; collectstatic uses neither, so throwaway values do.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=postgres://unused@localhost/unused \
        python manage.py collectstatic --no-input --verbosity 0 \
    && useradd --system --home /srv/archive archive \
    && mkdir -p /srv/archive/media /srv/archive/cache && chown -R archive /srv/archive/media /srv/archive/cache

USER archive
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "project.wsgi"]
