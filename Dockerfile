# The Newsstream worker image (used by docker-compose.yml and deploy/k8s).
FROM python:3.11-slim
WORKDIR /app
# PyICU (under rigour, the name analysis of sanctions-list screening) builds against the system's ICU.
RUN apt-get update && apt-get install -y --no-install-recommends libicu-dev pkg-config g++ \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md requirements.lock ./
# Exact versions with their hashes first (pip refuses anything else), then the package itself without dependencies.
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY streams ./streams
COPY schemas ./schemas
COPY deploy ./deploy
# Editable, so that the package finds schemas/ and deploy/ beside it as in a checkout.
RUN pip install --no-cache-dir --no-deps -e .
# The gazetteer table is a build product: made here, while the image is still writable.
RUN python -c 'from streams.enrichment.gazetteer import ensure_table; ensure_table()'
ENV NEWSSTREAM_METRICS_HOST=0.0.0.0 \
    NEWSSTREAM_METRICS_PORT=9108 \
    NEWSSTREAM_HOME=/var/lib/newsstream
EXPOSE 9108
RUN mkdir -p /var/lib/newsstream && chown 65534:65534 /var/lib/newsstream
# Never root: nobody:nogroup, by number so that Kubernetes' runAsNonRoot can verify it.
USER 65534:65534
CMD ["newsstream", "worker"]
