# syntax=docker/dockerfile:1
#
# hub-bridge's image (README, "Deploy"):
#   docker build -t hub-bridge .
#   docker run --rm -p 8080:8080 --read-only --tmpfs /tmp:exec \
#     -e BRIDGE_HUB_URL=wss://hub.example.com/socket/websocket hub-bridge
#
# The build is the one CI runs (.ci/run: Java 17, ./mvnw -B -ntp), without the tests: they run in CI
# (./mvnw -B -ntp verify), not in every image build.

# ---- build: Maven with a dependency layer, then the layered jar, extracted
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build

# What resolves dependencies changes rarely: copied first, so that this layer stays cached until the pom
# changes; the BuildKit cache mount keeps ~/.m2 (and the wrapper's Maven) across builds.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp dependency:go-offline

COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp package -DskipTests \
    && cp target/hub-bridge-*.jar app.jar \
    && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# ---- runtime: a JRE, the four layers from least to most often changed, a non-root user
FROM eclipse-temurin:17-jre

# A fixed uid/gid, so that Kubernetes' runAsNonRoot can check it and volumes can be prepared for it.
RUN groupadd --system --gid 10001 hubbridge \
    && useradd --system --uid 10001 --gid hubbridge --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin hubbridge

WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

# Read-only root file system friendly: the application (root-owned, not writable by its user) writes nothing
# but to /tmp (JVM perf data, Netty's native epoll library). Run with a writable /tmp: --tmpfs /tmp:exec
# (Docker's tmpfs is noexec by default, which makes Netty fall back from epoll to NIO), an emptyDir in
# Kubernetes (the helm chart mounts one).
# Memory follows the container's limit: heap at most 75% of it, the rest for Netty's direct buffers, thread
# stacks and metaspace; an OutOfMemoryError ends the JVM so the orchestrator restarts it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    PORT=8080

USER 10001:10001
EXPOSE 8080

# Liveness only (it never depends on Hub). Neither curl nor wget is relied on (eclipse-temurin images do not
# promise them: newer ones dropped curl), so bash's /dev/tcp asks: one HTTP/1.1 request, healthy on a 200 status.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /actuator/health/liveness HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# exec form: the JVM is PID 1 and gets SIGTERM itself, so the graceful shutdown runs (README)
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
