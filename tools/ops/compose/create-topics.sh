#!/bin/sh
# Generated from the topic declarations in libs/contracts by tools/ops/generate-kafka-topics.ts:
# edit the declarations, then run it again (CI fails while this file is stale).
# Runs in the apache/kafka image (docker-compose.yml, service "topics").
set -eu
KAFKA_TOPICS=/opt/kafka/bin/kafka-topics.sh
BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
TOPIC_PARTITIONS="${TOPIC_PARTITIONS:-3}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic tp.events.raw.v1 --partitions "$TOPIC_PARTITIONS" --replication-factor "$REPLICATION_FACTOR"
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic tp.events.resolved.v1 --partitions "$TOPIC_PARTITIONS" --replication-factor "$REPLICATION_FACTOR"
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic tp.identity.merged.v1 --partitions "$TOPIC_PARTITIONS" --replication-factor "$REPLICATION_FACTOR"
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic tp.identity.unmerged.v1 --partitions "$TOPIC_PARTITIONS" --replication-factor "$REPLICATION_FACTOR"
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic tp.journey.transitions.v2 --partitions "$TOPIC_PARTITIONS" --replication-factor "$REPLICATION_FACTOR"
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic tp.recommendations.v2 --partitions "$TOPIC_PARTITIONS" --replication-factor "$REPLICATION_FACTOR" --config cleanup.policy=delete --config retention.ms=2592000000
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic tp.recommendations.state.v1 --partitions "$TOPIC_PARTITIONS" --replication-factor "$REPLICATION_FACTOR" --config cleanup.policy=compact --config min.compaction.lag.ms=0 --config segment.ms=3600000
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic tp.deadletter.v1 --partitions "$TOPIC_PARTITIONS" --replication-factor "$REPLICATION_FACTOR"
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic tp.deadletter.redriven.v1 --partitions "$TOPIC_PARTITIONS" --replication-factor "$REPLICATION_FACTOR"
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic tp.pos.transactions.v1 --partitions "$TOPIC_PARTITIONS" --replication-factor "$REPLICATION_FACTOR"
"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic tp.profile.deleted.v1 --partitions "$TOPIC_PARTITIONS" --replication-factor "$REPLICATION_FACTOR"
echo "topics ready"
