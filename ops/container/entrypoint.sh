#!/bin/sh
# Entry point of the wapipe image: one image, four services.
#
#   wapipe ingress|fanout|processor|media-fetcher [node args...]
#   SERVICE=fanout wapipe
#   wapipe sh            (anything else runs as given, for debugging)
#
# exec, so that Node (under tini) receives SIGTERM directly and drains
# within SHUTDOWN_TIMEOUT_MS.
set -eu

root="${WAPIPE_ROOT:-/app}"
services="ingress fanout processor media-fetcher"

is_service() {
  for known in $services; do
    [ "$1" = "$known" ] && return 0
  done
  return 1
}

if [ $# -gt 0 ] && is_service "$1"; then
  service="$1"
  shift
elif [ $# -gt 0 ]; then
  exec "$@"
else
  service="${SERVICE:-}"
fi

if [ -z "$service" ]; then
  echo "wapipe: name a service ($services) as the first argument or in SERVICE" >&2
  exit 64
fi
if ! is_service "$service"; then
  echo "wapipe: unknown service '$service' (expected one of: $services)" >&2
  exit 64
fi

# The young generation's size trades memory for GC time. The ingress keeps
# a small one: with V8's default it grows to hundreds of MB under webhook
# load (peak RSS 338 MB vs 189 MB with 8 MB, same throughput in
# bench:ingress). The consumers allocate per record in batches: 32 MB cut
# their GC share in bench:pipeline from 14% to 6% (fan-out) and from 19%
# to 11% (processor).
case "$service" in
  fanout | processor) young=32 ;;
  *) young=8 ;;
esac
exec node --disable-warning=TimeoutNegativeWarning --max-semi-space-size="$young" \
  "$@" "$root/services/$service/src/main.ts"
