# rod-service on its embedded default (SQLite in /data); ROD_DATABASE_URL points it at PostgreSQL
# (postgresql+psycopg://user:password@host:5432/db; psycopg is a dependency). compose.yaml runs
# the scale-out topology of docs/deploy.md on this image.
# Python 3.11: the LAS reference receiver uses spyne 2.14, which does not import on 3.12+.
FROM python:3.11-slim AS build
WORKDIR /src
# everything the wheel force-includes (pyproject.toml: wsdl, migrations, alembic.ini, conformance)
COPY pyproject.toml README.md alembic.ini ./
COPY src ./src
COPY wsdl ./wsdl
COPY migrations ./migrations
COPY conformance ./conformance
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 --user-group rod && mkdir /data && chown 10001:10001 /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER 10001:10001
ENV ROD_HOME=/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s \
  CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/health', timeout=2).status != 200)"]
CMD ["rod-service", "serve", "--host", "0.0.0.0", "--port", "8080"]
