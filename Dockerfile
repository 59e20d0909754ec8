# Builds one connector (docker build --build-arg CONNECTOR=okta .) as a static binary and ships it
# alone on a slim base, run by a user without privileges.
ARG CONNECTOR=okta

FROM swift:6.3-bookworm AS build
ARG CONNECTOR
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /src
COPY . .
# The Makefile installs the Debian packages it needs (libzstd-dev, libsqlite3-dev, zlib1g-dev, …).
RUN make build CONNECTORS="${CONNECTOR}" \
    && cp "dist/$(uname -s | tr '[:upper:]' '[:lower:]')_$(dpkg --print-architecture)/baton-${CONNECTOR}" /connector

FROM debian:bookworm-slim
# CA certificates for the service's HTTPS API; the binary itself needs only glibc.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --create-home baton
COPY --from=build /connector /usr/local/bin/connector
USER 10001
WORKDIR /data
ENTRYPOINT ["/usr/local/bin/connector"]
