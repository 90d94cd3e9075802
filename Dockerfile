# The portal in production: gunicorn serving the app, whitenoise serving its static files.
# Configuration comes from the environment (see README.md); DATABASE_URL is required.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    DEBUG=0 \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private

WORKDIR /app
RUN useradd --create-home --uid 10001 expo

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# Settings refuse to load in production mode without these two; collectstatic needs no
# database, so there is no DATABASE_URL at build time.
RUN python scripts/compile_messages.py \
    && ALLOWED_HOSTS=build \
       SECRET_KEY=build-time-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
       python manage.py collectstatic --no-input \
    && mkdir -p /data/media /data/private \
    && chown -R expo:expo /data

USER expo
EXPOSE 8000
VOLUME ["/data/media", "/data/private"]

# /healthz answers 200 only when the database does; the Host header must be an allowed one.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD \
    python -c "import os, urllib.request as r; host = os.environ['ALLOWED_HOSTS'].split(',')[0].lstrip('.'); r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': host}), timeout=4)"

# A worker that has decoded a large photo can keep much of that memory: the C allocator does
# not give every freed block back. Each worker is replaced after about 1000 requests (the
# jitter keeps the three from restarting at once), after answering the requests it holds.
CMD ["gunicorn", "expo.wsgi", "--bind", "0.0.0.0:8000", "--worker-class", "gthread", \
     "--workers", "3", "--threads", "4", "--max-requests", "1000", "--max-requests-jitter", "100", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
