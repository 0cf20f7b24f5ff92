# The Newsstream worker image (used by docker-compose.yml and deploy/k8s).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY streams ./streams
COPY schemas ./schemas
COPY deploy ./deploy
# Editable, so that the package finds schemas/ and deploy/ beside it as in a checkout.
RUN pip install --no-cache-dir -e .
ENV NEWSSTREAM_METRICS_HOST=0.0.0.0 \
    NEWSSTREAM_METRICS_PORT=9108 \
    NEWSSTREAM_HOME=/var/lib/newsstream
EXPOSE 9108
RUN mkdir -p /var/lib/newsstream && chown nobody /var/lib/newsstream
USER nobody
CMD ["newsstream", "worker"]
