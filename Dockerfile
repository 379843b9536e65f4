# fraudstream image: built from this checkout (docker compose build), no registry image needed.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 fraudstream && mkdir -p /var/lib/fraudstream && chown fraudstream /var/lib/fraudstream
USER fraudstream
WORKDIR /opt/fraudstream
COPY --from=build /src/target/fraudstream.jar fraudstream.jar
EXPOSE 9464
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:MaxGCPauseMillis=20", "-jar", "/opt/fraudstream/fraudstream.jar"]
CMD ["run", "--config", "/etc/fraudstream/fraudstream.properties"]
